extension FunctionValidator {
    /// Reads a block type: empty, one value type, or a type index.
    mutating func readBlockType(at offset: Int) throws(ModuleError) -> FunctionType {
        let raw = try body.s33()
        if raw == -64 { return FunctionType() }
        if raw == -0x1D || raw == -0x1C {
            // `0x63`/`0x64` and a heap type: a typed reference result.
            let heapOffset = body.offset
            let heap: HeapType
            do { heap = try body.reader.readHeapType() } catch { throw .malformed(error) }
            let type = ValueType.ref(heap, nullable: raw == -0x1D)
            try BodyReader.checkValueType(type, at: heapOffset, features: body.features, typeCount: module.types.count)
            return FunctionType(results: [type])
        }
        if raw < 0 {
            let byte = UInt8(truncatingIfNeeded: raw) & 0x7F
            guard let type = ValueType(code: byte) else {
                let reason = ModuleDecoder.unknownTypeReason(byte) ?? .malformedValueType(byte)
                throw .malformed(DecodeError(reason, at: offset))
            }
            try BodyReader.checkValueType(type, at: offset, features: body.features)
            return FunctionType(results: [type])
        }
        guard raw < module.types.count else { throw fail(.unknownType(UInt32(truncatingIfNeeded: raw)), at: offset) }
        let type = module.types[Int(raw)]
        return type
    }

    mutating func enterBlock(_ kind: ControlFrame.Kind, type: FunctionType, at offset: Int) throws(ModuleError) {
        materializeAll()
        try popAll(type.parameters, at: offset)
        let height = stack.count
        var frame = ControlFrame(
            kind: kind, parameters: type.parameters, results: type.results, height: height, slotBase: nextSlot,
            startsDead: emitter.isDead)
        frame.setLocalsHeight = setLocals.count
        frames.append(frame)
        for parameter in type.parameters { push(parameter) }
    }

    mutating func label(_ depth: UInt32, at offset: Int) throws(ModuleError) -> Int {
        guard depth < frames.count else { throw fail(.unknownLabel(depth), at: offset) }
        return frames.count - 1 - Int(depth)
    }

    /// Emits the moves and the jump of a taken branch to frame `target` (the values are on top of the stack).
    /// `countIncrement` is added by the jump itself.
    mutating func emitBranch(to target: Int, countIncrement: Int) {
        // `stack` and `frames` are read directly: calling a non-mutating method of `self` here made
        // the optimiser copy the whole validator (a retain and release of every array it holds) on
        // every branch.
        let entries = Array(stack.suffix(frames[target].labelTypes.count))
        emitMoves(entries, to: frames[target].slotBase)
        if frames[target].kind == .function {
            emitter.emitPure(.return, countIncrement)
        } else {
            let offsetWord = emitter.emitBranch(.br, countIncrement)
            resolveBranch(to: target, offsetWord: offsetWord, headWord: offsetWord - 1)
        }
    }

    /// Points the branch whose offset word is `offsetWord` at frame `target`'s label: a loop's start
    /// now, a block's end once `end` is reached.
    ///
    /// The frame is read in place, never copied into a local first: a copy would share `fixups` with
    /// the array element, so every append would copy all the earlier fixups, which makes validation
    /// quadratic in the number of branches to one label (a `br_table` with 200,000 targets took over a
    /// minute to validate in a debug build).
    mutating func resolveBranch(to target: Int, offsetWord: Int, headWord: Int) {
        if frames[target].kind == .loop {
            emitter.patch(offsetWord: offsetWord, headWord: headWord, to: frames[target].loopStart)
        } else {
            frames[target].fixups.append((offsetWord, headWord))
        }
    }

    /// Whether a branch to `target` is a single conditional jump (no moves, not a return).
    func isDirectBranch(to target: Int) -> Bool {
        frames[target].kind != .function
            && !Self.needsMoves(stack.suffix(frames[target].labelTypes.count), to: frames[target].slotBase)
    }

    mutating func visitBr(at offset: Int) throws(ModuleError) {
        let target = try label(try body.u32(), at: offset)
        materializeAll()
        try checkTop(frames[target].labelTypes, at: offset)
        // Validating alone, the emitter is always dead: the branch's moves (an array per `br`) are skipped.
        if lowers && !isUnreachable { emitBranch(to: target, countIncrement: emitter.takeCount(plus: 1)) }
        markUnreachable()
    }

    mutating func visitBrIf(at offset: Int) throws(ModuleError) {
        let target = try label(try body.u32(), at: offset)
        let condition = try pop(.i32, at: offset)
        materializeAll()
        // br_if leaves the label's types on the stack (typed even where they came from the polymorphic bottom).
        let types = frames[target].labelTypes
        try popAll(types, at: offset)
        for type in types { push(type) }
        guard !emitter.isDead else { return }
        emitCountedBranch(to: target, on: condition, whenZero: false)
    }

    /// Emits a conditional branch to frame `target` taken when `condition` is non-zero (`whenZero`
    /// false) or zero, counting 1 either way, as `br_if` does.
    mutating func emitCountedBranch(to target: Int, on condition: StackEntry, whenZero: Bool) {
        let count = emitter.takeCount(plus: 1)
        if isDirectBranch(to: target) {
            let offsetWord = emitter.emitConditionalBranch(
                on: condition, whenZero: whenZero, count: count, localSlotCount: localSlotCount)
            resolveBranch(to: target, offsetWord: offsetWord, headWord: offsetWord - 1)
        } else {
            // Jumps over the branch when the condition does not hold (fused with a comparison just before).
            let skip = emitter.emitConditionalBranch(
                on: condition, whenZero: !whenZero, count: count, localSlotCount: localSlotCount)
            emitBranch(to: target, countIncrement: 0)
            emitter.patch(offsetWord: skip, headWord: skip - 1, to: emitter.label())
        }
    }

    mutating func visitBrTable(at offset: Int) throws(ModuleError) {
        let count = try body.u32()
        guard count <= body.reader.remaining else {
            throw .malformed(DecodeError(.unexpectedEndOfSectionOrFunction, at: offset))
        }
        var targets: [Int] = []
        targets.reserveCapacity(Int(count) + 1)
        for _ in 0...count { targets.append(try label(try body.u32(), at: offset)) }
        let index = try pop(.i32, at: offset)
        materializeAll()
        let defaultTarget = targets[targets.count - 1]
        let arity = frames[defaultTarget].labelTypes.count
        // A table may name the same label a million times: the stack is checked once per distinct
        // list of label types (comparing two lists of one block type is an identity check).
        var checkedTypes: [ValueType]?
        for target in targets {
            let types = frames[target].labelTypes
            guard types.count == arity else { throw fail(.typeMismatch("br_table label arity"), at: offset) }
            if types == checkedTypes { continue }
            try checkTop(types, at: offset)
            checkedTypes = types
        }
        if !emitter.isDead {
            let increment = emitter.takeCount(plus: 1)
            emitter.emitPure(.brTable, index.location, increment)
            let head = emitter.position - 1
            emitter.emitImmediate(UInt64(count))
            let tableStart = emitter.position
            for _ in targets { emitter.emitImmediate(0) }
            // Per label: nil if entries jump there directly, else the stub that moves the values and
            // jumps; one stub serves every entry naming the label.
            var stubs: [Int: Int?] = [:]
            for (position, target) in targets.enumerated() {
                let offsetWord = tableStart + position
                let stub: Int?
                if let known = stubs[target] {
                    stub = known
                } else {
                    stub = isDirectBranch(to: target) ? nil : emitBranchStub(to: target)
                    stubs[target] = stub
                }
                if let stub {
                    emitter.patch(offsetWord: offsetWord, headWord: head, to: stub)
                } else {
                    resolveBranch(to: target, offsetWord: offsetWord, headWord: head)
                }
            }
        }
        markUnreachable()
    }

    /// Emits the moves and jump of a `br_table` entry to frame `target`; returns where they start.
    private mutating func emitBranchStub(to target: Int) -> Int {
        let start = emitter.position
        emitBranch(to: target, countIncrement: 0)
        return start
    }

    mutating func visitReturn(at offset: Int) throws(ModuleError) {
        materializeAll()
        try checkTop(type.results, at: offset)
        if !emitter.isDead { emitBranch(to: 0, countIncrement: emitter.takeCount(plus: 1)) }
        markUnreachable()
    }

    mutating func visitIf(at offset: Int) throws(ModuleError) {
        let blockType = try readBlockType(at: offset)
        let condition = try pop(.i32, at: offset)
        try enterBlock(.if, type: blockType, at: offset)
        let jump = emitter.emitConditionalBranch(
            on: condition, whenZero: true, count: emitter.takeCount(plus: 1), localSlotCount: localSlotCount)
        frames[frames.count - 1].elseFixup = (jump, jump - 1)
    }

    // `else` and `end` read and change the frame in place rather than through a copy: a copy
    // retains and releases each of its arrays, and an append to a copy's `fixups` copies them all.

    mutating func visitElse(at offset: Int) throws(ModuleError) {
        let top = frames.count - 1
        guard frames[top].kind == .if else { throw .malformed(DecodeError(.illegalOpcode("else"), at: offset)) }
        materializeAll()
        try popAll(frames[top].results, at: offset)
        guard stack.count == frames[top].height else {
            throw fail(.typeMismatch("values remain at else"), at: offset)
        }
        if !emitter.isDead {
            // The then-arm falls through onto `else`: that counts 1, then jumps past the else-arm.
            let jump = emitter.emitBranch(.br, emitter.takeCount(plus: 1))
            frames[top].fixups.append((jump, jump - 1))
        }
        emitter.isDead = frames[top].startsDead
        if let (offsetWord, headWord) = frames[top].elseFixup {
            emitter.patch(offsetWord: offsetWord, headWord: headWord, to: emitter.label())
        }
        frames[top].elseFixup = nil
        forgetLocalsSet(since: frames[top].setLocalsHeight)
        frames[top].kind = .else
        frames[top].isUnreachable = false
        for parameter in frames[top].parameters { push(parameter) }
    }

    mutating func visitEnd(at offset: Int) throws(ModuleError) {
        let top = frames.count - 1
        materializeAll()
        let isFunction = frames[top].kind == .function
        // Only the function's own `end` moves its results: other frames' results stay in place.
        var results: [StackEntry] = []
        if isFunction {
            results = try pop(frames[top].results, at: offset)
        } else {
            try popAll(frames[top].results, at: offset)
        }
        guard stack.count == frames[top].height else {
            throw fail(.typeMismatch("values remain at end of block"), at: offset)
        }
        forgetLocalsSet(since: frames[top].setLocalsHeight)
        if frames[top].kind == .if && !module.relations.isSubtype(frames[top].parameters, of: frames[top].results) {
            throw fail(.typeMismatch("if without else must leave its parameters unchanged"), at: offset)
        }
        // Nothing throws from here on: the frame is moved out of the array, not copied.
        let frame = frames.removeLast()
        if isFunction {
            // Falling through onto the body's `end` counts 1, like `return`.
            emitMoves(results, to: 0)
            emitter.emitPure(.return, emitter.takeCount(plus: 1))
            return
        }
        if frame.handlerIndex >= 0 {
            // The try body ends here; nothing after it may fuse with the instructions inside it, which
            // would move a call or a throw out of the range the handler covers.
            emitter.barrier()
            handlers[frame.handlerIndex].end = emitter.position
        }
        // Falling through onto `end` counts 1 (docs/DETERMINISM.md §3); a branch to the label does not.
        emitter.addCount(1)
        emitter.isDead = frame.startsDead
        if !frame.fixups.isEmpty || frame.elseFixup != nil {
            let target = emitter.label()
            for fixup in frame.fixups {
                emitter.patch(offsetWord: fixup.offsetWord, headWord: fixup.headWord, to: target)
            }
            if let fixup = frame.elseFixup {
                emitter.patch(offsetWord: fixup.offsetWord, headWord: fixup.headWord, to: target)
            }
        }
        for result in frame.results { push(result) }
    }
}

extension FunctionValidator {
    /// Marks the non-defaultable locals set since `height` unset again (leaving the block that set them).
    mutating func forgetLocalsSet(since height: Int) {
        while setLocals.count > height { isLocalSet[setLocals.removeLast()] = false }
    }

    /// The local of `local.get`, `local.set` or `local.tee`, with the initialisation rule applied:
    /// `local.get` of a non-null reference local that is not set fails, and a set records it.
    mutating func local(at offset: Int, reads: Bool, writes: Bool) throws(ModuleError) -> (slot: Int, type: ValueType) {
        let index = try body.u32()
        guard index < localTypes.count else { throw fail(.unknownLocal(index), at: offset) }
        let position = Int(index)
        if !isLocalSet.isEmpty, !isLocalSet[position] {
            if reads && !writes { throw fail(.uninitializedLocal, at: offset) }
            if writes {
                isLocalSet[position] = true
                setLocals.append(position)
            }
        }
        return (localSlots[position], localTypes[position])
    }
}
