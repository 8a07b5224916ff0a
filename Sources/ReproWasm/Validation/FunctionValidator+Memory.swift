extension FunctionValidator {
    func memoryType(_ index: UInt32, at offset: Int) throws(ModuleError) -> MemoryType {
        guard index < module.memories.count else { throw fail(.unknownMemory(index), at: offset) }
        return module.memories[Int(index)]
    }

    func tableType(_ index: UInt32, at offset: Int) throws(ModuleError) -> TableType {
        guard index < module.tables.count else { throw fail(.unknownTable(index), at: offset) }
        return module.tables[Int(index)]
    }

    /// Reads a memarg; returns the memory index and the offset.
    mutating func readMemarg(accessBytes: UInt8, at offset: Int) throws(ModuleError) -> (memory: UInt32, offset: UInt64)
    {
        let flagsOffset = body.offset
        let flags = try body.u32()
        guard flags < 128 else { throw .malformed(DecodeError(.malformedMemopFlags, at: flagsOffset)) }
        var memory: UInt32 = 0
        if flags & 0x40 != 0 {
            memory = try body.u32()
            if memory != 0 { try body.requireFeature(.multiMemory, at: flagsOffset) }
        }
        let alignment = flags & 0x3F
        let memoryOffset: UInt64
        do { memoryOffset = UInt64(try body.reader.readU32()) } catch { throw .malformed(error) }
        _ = try memoryType(memory, at: offset)
        guard alignment < 32, (1 << alignment) <= UInt32(accessBytes) else {
            throw fail(.alignmentTooLarge, at: offset)
        }
        return (memory, memoryOffset)
    }

    mutating func readDataIndex(at offset: Int) throws(ModuleError) -> UInt32 {
        try checkDataIndex(try body.u32(), at: offset)
    }

    func checkDataIndex(_ index: UInt32, at offset: Int) throws(ModuleError) -> UInt32 {
        guard let count = module.dataCount else { throw .malformed(DecodeError(.dataCountSectionRequired, at: offset)) }
        guard index < count else { throw fail(.unknownDataSegment(index), at: offset) }
        return index
    }

    mutating func readElementIndex(at offset: Int) throws(ModuleError) -> (index: UInt32, type: ValueType) {
        try checkElementIndex(try body.u32(), at: offset)
    }

    func checkElementIndex(_ index: UInt32, at offset: Int) throws(ModuleError) -> (index: UInt32, type: ValueType) {
        guard index < module.elementTypes.count else { throw fail(.unknownElementSegment(index), at: offset) }
        return (index, module.elementTypes[Int(index)])
    }

    /// Pops the operands of a bulk instruction (bottom to top) and returns the slot of the first,
    /// after making sure they sit in consecutive slots.
    mutating func popConsecutive(_ types: [ValueType], at offset: Int) throws(ModuleError) -> Int {
        materializeAll()
        let base = nextSlotAfterPopping(types)
        _ = try pop(types, at: offset)
        return base
    }

    /// Everything not handled in `visit`: tables, bulk memory, memory access and the numeric table.
    mutating func visitOther(_ opcode: Opcode, at offset: Int) throws(ModuleError) {
        switch opcode {
        case .tableGet:
            let index = try body.u32()
            let table = try tableType(index, at: offset)
            let element = try pop(.i32, at: offset)
            let slot = push(table.elementType)
            emitter.emitEffect(.tableGet, destination: slot, element.location, Int(index))
        case .tableSet:
            let index = try body.u32()
            let table = try tableType(index, at: offset)
            let value = try pop(table.elementType, at: offset)
            let element = try pop(.i32, at: offset)
            emitter.emitEffect(.tableSet, element.location, value.location, Int(index))
        case .tableSize:
            let index = try body.u32()
            _ = try tableType(index, at: offset)
            let slot = push(.i32)
            emitter.emitEffect(.tableSize, destination: slot, Int(index))
        case .tableGrow:
            let index = try body.u32()
            let table = try tableType(index, at: offset)
            let base = try popConsecutive([table.elementType, .i32], at: offset)
            push(.i32)
            emitter.emitEffect(.tableGrow, base, Int(index))
        case .tableFill:
            let index = try body.u32()
            let table = try tableType(index, at: offset)
            let base = try popConsecutive([.i32, table.elementType, .i32], at: offset)
            emitter.emitEffect(.tableFill, base, Int(index))
        case .tableInit:
            let elementOffset = body.offset
            let rawElement = try body.u32()
            let index = try body.u32()
            let table = try tableType(index, at: offset)
            let (element, elementType) = try checkElementIndex(rawElement, at: elementOffset)
            guard module.relations.isSubtype(elementType, of: table.elementType) else {
                throw fail(.typeMismatch("table.init element type"), at: offset)
            }
            let base = try popConsecutive([.i32, .i32, .i32], at: offset)
            emitter.emitEffect(.tableInit, base, Int(element), Int(index))
        case .elemDrop:
            let (element, _) = try readElementIndex(at: offset)
            emitter.emitEffect(.elemDrop, Int(element))
        case .tableCopy:
            let destination = try body.u32()
            let source = try body.u32()
            let destinationType = try tableType(destination, at: offset)
            let sourceType = try tableType(source, at: offset)
            guard module.relations.isSubtype(sourceType.elementType, of: destinationType.elementType) else {
                throw fail(.typeMismatch("table.copy element types"), at: offset)
            }
            let base = try popConsecutive([.i32, .i32, .i32], at: offset)
            emitter.emitEffect(.tableCopy, base, Int(destination), Int(source))
        case .memorySize:
            let index = try body.u32()
            _ = try memoryType(index, at: offset)
            let slot = push(.i32)
            emitter.emitPure(.memorySize, destination: slot, Int(index))
        case .memoryGrow:
            let index = try body.u32()
            _ = try memoryType(index, at: offset)
            let delta = try pop(.i32, at: offset)
            let slot = push(.i32)
            if delta.location != slot { emitter.emitCopy(of: .i32, to: slot, from: delta.location) }
            emitter.emitEffect(.memoryGrow, slot, Int(index))  // `a` is read too: never retargeted
        case .memoryFill:
            let index = try body.u32()
            _ = try memoryType(index, at: offset)
            let base = try popConsecutive([.i32, .i32, .i32], at: offset)
            emitter.emitEffect(.memoryFill, base, Int(index))
        case .memoryCopy:
            let destination = try body.u32()
            let source = try body.u32()
            _ = try memoryType(destination, at: offset)
            _ = try memoryType(source, at: offset)
            let base = try popConsecutive([.i32, .i32, .i32], at: offset)
            emitter.emitEffect(.memoryCopy, base, Int(destination), Int(source))
        case .memoryInit:
            let segmentOffset = body.offset
            let rawSegment = try body.u32()
            let index = try body.u32()
            _ = try memoryType(index, at: offset)
            let segment = try checkDataIndex(rawSegment, at: segmentOffset)
            let base = try popConsecutive([.i32, .i32, .i32], at: offset)
            emitter.emitEffect(.memoryInit, base, Int(segment), Int(index))
        case .dataDrop:
            let segment = try readDataIndex(at: offset)
            emitter.emitEffect(.dataDrop, Int(segment))
        default:
            try visitFixed(opcode, at: offset)
        }
    }

    /// If `entry` was produced by the instruction just emitted and that was a constant, removes it
    /// and returns the constant (so the consumer can take it as an immediate).
    mutating func takeConstant(_ entry: StackEntry) -> UInt64? {
        guard entry.location == entry.slot, let op = emitter.lastOp, a(emitter.lastHead) == entry.slot else {
            return nil
        }
        let value: UInt64
        switch op {
        case .const32: value = emitter.lastHead >> 32
        case .const64: value = emitter.lastImmediate(1)
        default: return nil
        }
        emitter.removeLast()
        return value
    }

    /// If `condition` was produced by the instruction just emitted and that was an f64 `lt`, `gt`,
    /// `le` or `ge`, removes it and returns the compare-and-branch op that jumps when the comparison
    /// gives `jumpWhenHolds`, with its operands. If the comparison's right operand was a constant
    /// emitted just before it into a stack slot (dead once compared), that goes too and becomes
    /// the immediate.
    mutating func takeFloatComparison(_ condition: StackEntry, jumpWhenHolds: Bool) -> (
        Op, Int, Int, UInt64?
    )? {
        guard condition.location == condition.slot, let compare = emitter.lastOp,
            a(emitter.lastHead) == condition.slot,
            Op.floatBranch(for: compare, whenHolds: jumpWhenHolds, immediate: false) != nil
        else { return nil }
        let head = emitter.lastHead
        emitter.removeLast()
        var immediate: UInt64?
        if c(head) >= localSlotCount, emitter.lastOp == .const64, a(emitter.lastHead) == c(head) {
            immediate = emitter.lastImmediate(1)
            emitter.removeLast()
        }
        let op = Op.floatBranch(for: compare, whenHolds: jumpWhenHolds, immediate: immediate != nil)!
        return (op, b(head), c(head), immediate)
    }

    /// If one operand of `second` was computed by the instruction just emitted and the two have a
    /// chained op (`Op.chain`), removes the first and returns the chained op with its operands `b`
    /// and `c` and its immediate word (the other operand's slot, or the first one's constant).
    mutating func takeChain(into second: Op, _ lhs: StackEntry, _ rhs: StackEntry) -> (Op, Int, Int, UInt64)? {
        guard let first = emitter.lastOp, !first.isMemoryLoad else { return nil }
        let head = emitter.lastHead
        for (fed, other, isLeft) in [(lhs, rhs, true), (rhs, lhs, false)] {
            guard fed.location == fed.slot, a(head) == fed.slot,
                let chain = Op.chain(first: first, second: second, resultIsLeft: isLeft)
            else { continue }
            if first.hasImmediateOperand {
                // `…ImmThen…`: the other slot goes in `c`, the first operation's constant after.
                let constant = emitter.lastImmediate(1)
                emitter.removeLast()
                return (chain, b(head), other.location, constant)
            }
            if first.isChain {
                // A chain of three: the second operation's slot stays in the low half, the third's
                // goes in the high half.
                let word = emitter.lastImmediate(1)
                emitter.removeLast()
                return (chain, b(head), c(head), word | UInt64(other.location) << 32)
            }
            emitter.removeLast()
            return (chain, b(head), c(head), UInt64(other.location))
        }
        return nil
    }

    /// If one operand of `second` was loaded from memory 0 into a stack slot by the instruction just
    /// emitted (dead once consumed) and the two have a chained op (`f64LoadThenAdd`, ...), makes the
    /// load that op, writing to `destination`, and returns true. The load keeps its address word and
    /// its source offset, so a trap is reported at the load.
    mutating func fuseLoad(into second: Op, _ lhs: StackEntry, _ rhs: StackEntry, destination: Int) -> Bool {
        guard !emitter.isDead, let first = emitter.lastOp, first.isMemoryLoad else { return false }
        let head = emitter.lastHead
        for (fed, other, isLeft) in [(lhs, rhs, true), (rhs, lhs, false)] {
            guard fed.location == fed.slot, a(head) == fed.slot,
                let chain = Op.chain(first: first, second: second, resultIsLeft: isLeft)
            else { continue }
            emitter.rewriteLast(chain, destination: destination, b(head), other.location)
            return true
        }
        return false
    }

    /// `x += y` or `x -= y` on an f64 in memory: if `value` is the result of the `f64LoadThenAdd`
    /// or `f64LoadThenSub` just emitted, which loaded from the same address slot, with no folded
    /// constant and the same `offset` as an `f64.store` of `value` at `address`, makes that op store
    /// its own result (`f64AddToMemory`, `f64SubFromMemory`) and returns true.
    mutating func fuseUpdateInMemory(value: StackEntry, address: StackEntry, offset: UInt64) -> Bool {
        guard !emitter.isDead, value.location == value.slot, let last = emitter.lastOp,
            a(emitter.lastHead) == value.slot, b(emitter.lastHead) == address.location,
            emitter.lastImmediate(1) == offset << 32
        else { return false }
        let update: Op
        switch last {
        case .f64LoadThenAdd: update = .f64AddToMemory
        case .f64LoadThenSub: update = .f64SubFromMemory
        default: return false
        }
        let head = emitter.lastHead
        emitter.rewriteLast(update, a(head), b(head), c(head))
        return true
    }

    /// If one operand of `second` (an f64 operation) was loaded from memory 0 into a stack slot two
    /// instructions back, and the instruction in between is pure f64 arithmetic that computed the
    /// other operand, moves the load down past it, so that `fuseLoad` can fuse it with `second`
    /// (`v -= a * b` where `v` is in memory, loaded before `a * b` is computed). The arithmetic
    /// neither reads the loaded value (which only `second` consumes) nor writes the load's address
    /// slot, and cannot trap, so the load traps as before and nothing else sees the move.
    mutating func sinkLoad(into second: Op, _ lhs: StackEntry, _ rhs: StackEntry) -> Bool {
        guard !emitter.isDead, second.isFloatArithmetic, let middle = emitter.lastOp, middle.isFloatArithmetic,
            let (load, loadHead) = emitter.previous, load.isMemoryLoad
        else { return false }
        let middleHead = emitter.lastHead
        for (fed, other) in [(lhs, rhs), (rhs, lhs)] {
            guard fed.location == fed.slot, other.location == other.slot, a(loadHead) == fed.slot,
                a(middleHead) == other.slot, a(middleHead) != b(loadHead),
                Op.chain(first: load, second: second, resultIsLeft: fed.slot == lhs.slot) != nil
            else { continue }
            emitter.swapLastTwo()
            return true
        }
        return false
    }

    /// If `value` was loaded from memory 0 into a stack slot by the instruction just emitted, reading
    /// as many bytes as a store of `accessBytes` writes (so storing it writes the bytes loaded, with
    /// any sign or zero extension cut off again), removes the load and returns its address slot,
    /// address word and source offset.
    mutating func takeLoadToMove(_ value: StackEntry, accessBytes: Int) -> (slot: Int, word: UInt64, source: Int)? {
        guard !emitter.isDead, value.location == value.slot, let op = emitter.lastOp, op.loadWidth == accessBytes,
            a(emitter.lastHead) == value.slot, let source = emitter.lastSourceOffset
        else { return nil }
        let result = (slot: b(emitter.lastHead), word: emitter.lastImmediate(1), source: source)
        emitter.removeLast()
        return result
    }

    /// If `value` is a constant just emitted whose stored bits (the low `accessBytes` bytes) fit in
    /// 16 bits, removes it and returns the store-constant op for that width and the bits.
    mutating func takeSmallStoredConstant(_ value: StackEntry, accessBytes: Int) -> (Op, Int)? {
        guard value.location == value.slot, let op = emitter.lastOp, a(emitter.lastHead) == value.slot,
            op == .const32 || op == .const64
        else { return nil }
        let bits = op == .const32 ? emitter.lastHead >> 32 : emitter.lastImmediate(1)
        let stored = accessBytes >= 8 ? bits : bits & ((1 << (UInt64(accessBytes) * 8)) - 1)
        guard stored <= 0xFFFF else { return nil }
        let storeOp: Op
        switch accessBytes {
        case 1: storeOp = .store8Imm
        case 2: storeOp = .store16Imm
        case 4: storeOp = .store32Imm
        default: storeOp = .store64Imm
        }
        emitter.removeLast()
        return (storeOp, Int(stored))
    }

    /// If `address` was computed by the instruction just emitted and that was an `i32.add` of a
    /// constant (`i32AddImm`), removes it and returns its input slot and constant, for a memory
    /// instruction that adds the constant itself (with the same i32 wrap-around).
    mutating func takeAddressAddition(_ address: StackEntry) -> (slot: Int, constant: UInt32)? {
        guard address.location == address.slot, emitter.lastOp == .i32AddImm, a(emitter.lastHead) == address.slot
        else { return nil }
        let result = (slot: b(emitter.lastHead), constant: UInt32(truncatingIfNeeded: emitter.lastImmediate(1)))
        emitter.removeLast()
        return result
    }

    /// If `condition` was produced by the instruction just emitted and that was an i32 comparison
    /// or `i32.eqz`, removes it and returns how to branch on it directly.
    mutating func takeComparison(_ condition: StackEntry) -> (op: Op, lhs: Int, rhs: Int, immediate: UInt64?)? {
        guard condition.location == condition.slot, let op = emitter.lastOp, a(emitter.lastHead) == condition.slot
        else { return nil }
        let head = emitter.lastHead
        if op == .i32Eqz {
            emitter.removeLast()
            return (.i32Eqz, b(head), 0, nil)
        }
        guard op.branchForm != nil else { return nil }
        let immediate = op.hasImmediateOperand ? emitter.lastImmediate(1) : nil
        emitter.removeLast()
        return (op, b(head), c(head), immediate)
    }

    /// Emits a conditional jump taken when `condition` is non-zero (or zero, if `whenZero`), fused
    /// with the comparison that produced it when possible; returns the offset word to patch.
    mutating func emitConditionalBranch(on condition: StackEntry, whenZero: Bool, count: Int) -> Int {
        guard !emitter.isDead else { return -1 }
        if let (op, lhs, rhs, immediate) = takeFloatComparison(condition, jumpWhenHolds: !whenZero) {
            if let immediate {
                // A sum the comparison consumed (a stack slot, dead after it) is tested unstored.
                if lhs >= localSlotCount, emitter.lastOp == .f64Add, a(emitter.lastHead) == lhs,
                    let fused = op.addedFloatBranch
                {
                    let sum = emitter.lastHead
                    emitter.removeLast()
                    return emitter.emitBranch(fused, b(sum), c(sum), count, immediate: immediate)
                }
                return emitter.emitBranch(op, lhs, 0, count, immediate: immediate)
            }
            return emitter.emitBranch(op, lhs, rhs, count)
        }
        if let comparison = takeComparison(condition) {
            if comparison.op == .i32Eqz {
                // Branching on `eqz x` is branching on `x` the other way round. If `x` is in a stack
                // slot (so computed just before, and dead after), it may fuse with its own producer.
                if comparison.lhs >= localSlotCount {
                    let operand = StackEntry(type: .i32, slot: comparison.lhs, location: comparison.lhs)
                    return emitConditionalBranch(on: operand, whenZero: !whenZero, count: count)
                }
                return emitter.emitBranch(whenZero ? .brIf : .brIfNot, comparison.lhs, count)
            }
            let compare = whenZero ? comparison.op.negatedComparison! : comparison.op
            if let branch = compare.branchForm, let fused = takeStep(of: comparison.lhs, into: branch) {
                let tested = comparison.immediate ?? UInt64(comparison.rhs)
                return emitter.emitBranch(
                    fused.op, comparison.lhs, fused.source, count, immediate: fused.operand | tested << 32)
            }
            if let immediate = comparison.immediate {
                return emitter.emitBranch(compare.branchForm!, comparison.lhs, 0, count, immediate: immediate)
            }
            if let offsetWord = fuseLoadIntoBranch(compare, comparison.lhs, comparison.rhs, count: count) {
                return offsetWord
            }
            if sinkLoad(past: comparison.lhs, comparison.rhs),
                let offsetWord = fuseLoadIntoBranch(compare, comparison.lhs, comparison.rhs, count: count)
            {
                return offsetWord
            }
            return emitter.emitBranch(compare.branchForm!, comparison.lhs, comparison.rhs, count)
        }
        if !whenZero, let step = takeStep(of: condition.location, into: .brIf) {
            return emitter.emitBranch(step.op, condition.location, step.source, count, immediate: step.operand)
        }
        return emitter.emitBranch(whenZero ? .brIfNot : .brIf, condition.location, count)
    }

    /// If one operand of the i32 comparison `compare` (of slots `lhs` and `rhs`) was loaded from memory
    /// 0 by the instruction just emitted, and there is a load-and-branch op for the load and the
    /// comparison (`i32LoadThenBrIfLtS`, ...; with the loaded value on the right, the mirrored
    /// comparison), replaces the load with that op and returns its offset word. The loaded value is
    /// still written to its slot, which may be a local. Two in-place steps left just before it (an
    /// index and a pointer) become one op too (`mergeInPlaceSteps`).
    mutating func fuseLoadIntoBranch(_ compare: Op, _ lhs: Int, _ rhs: Int, count: Int) -> Int? {
        guard !emitter.isDead, let load = emitter.lastOp, load.isMemoryLoad, let source = emitter.lastSourceOffset
        else { return nil }
        let head = emitter.lastHead
        let loaded = a(head)
        guard loaded != (loaded == lhs ? rhs : lhs) else { return nil }
        let fused: Op?
        let other: Int
        if loaded == lhs {
            fused = Op.loadBranch(load: load, compare: compare)
            other = rhs
        } else if loaded == rhs, let mirrored = compare.mirroredComparison {
            fused = Op.loadBranch(load: load, compare: mirrored)
            other = lhs
        } else {
            return nil
        }
        guard let fused else { return nil }
        let word = emitter.lastImmediate(1)
        emitter.removeLast()
        mergeInPlaceSteps()
        return emitter.emitLoadBranch(
            fused, destination: loaded, address: b(head), count: count, loadWord: word, other: other,
            loadSource: source)
    }

    /// If an operand (`lhs` or `rhs`) of an i32 comparison was loaded two instructions back, and the
    /// instruction in between is an `i32.add` of a constant (`i32AddImm`, `i32AddImmAndCopy`) that
    /// neither reads nor writes the loaded slot, moves the load down past it, so that
    /// `fuseLoadIntoBranch` can fuse it with the branch. When the addition steps the load's own
    /// address slot in place (`p -= 4` between `x = *p` and the test of `x`), the load's folded
    /// constant takes the step back, so it reads the same address. The addition cannot trap, so a
    /// trap of the load is the same trap; only dead slots could tell the order.
    mutating func sinkLoad(past lhs: Int, _ rhs: Int) -> Bool {
        guard !emitter.isDead, let middle = emitter.lastOp, middle == .i32AddImm || middle == .i32AddImmAndCopy,
            let (load, loadHead) = emitter.previous, load.isMemoryLoad
        else { return false }
        let loaded = a(loadHead)
        let address = b(loadHead)
        let step = emitter.lastHead
        let written = middle == .i32AddImmAndCopy ? [a(step), c(step)] : [a(step)]
        guard loaded == lhs || loaded == rhs, b(step) != loaded, !written.contains(loaded) else { return false }
        var loadWord = emitter.previousImmediate(1)
        if written.contains(address) {
            guard b(step) == address else { return false }
            let fold = UInt32(truncatingIfNeeded: loadWord) &- UInt32(truncatingIfNeeded: emitter.lastImmediate(1))
            loadWord = loadWord & 0xFFFF_FFFF_0000_0000 | UInt64(fold)
        }
        emitter.swapLastTwo()
        emitter.rewriteLastImmediate(1, loadWord)
        return true
    }

    /// Two `i32AddImm`s in a row, each adding to its own slot in place (an index and a pointer
    /// stepped together), become one `i32AddImmPair`.
    mutating func mergeInPlaceSteps() {
        guard !emitter.isDead, emitter.lastOp == .i32AddImm, let (first, firstHead) = emitter.previous,
            first == .i32AddImm
        else { return }
        let secondHead = emitter.lastHead
        guard a(firstHead) == b(firstHead), a(secondHead) == b(secondHead) else { return }
        let steps = emitter.previousImmediate(1) & 0xFFFF_FFFF | emitter.lastImmediate(1) << 32
        emitter.removeLast()
        emitter.rewriteLast(.i32AddImmPair, destination: a(firstHead), a(secondHead), 0)
        emitter.rewriteLastImmediate(1, steps)
    }

    /// If the instruction just emitted was an `i32AddImm` or `i32Add` writing `slot` (a loop's
    /// step), and there is a step-and-test op for it and `branch` (the test of the sum right after
    /// it; `.brIf` for a test of the sum itself), removes it and returns that op, the step's input
    /// slot and its constant or other slot (the low half of the op's last word).
    mutating func takeStep(of slot: Int, into branch: Op) -> (op: Op, source: Int, operand: UInt64)? {
        guard !emitter.isDead, let step = emitter.lastOp, a(emitter.lastHead) == slot else { return nil }
        let fused: Op
        if branch == .brIf {
            guard step == .i32AddImm else { return nil }
            fused = .i32AddImmThenBrIf
        } else {
            guard let op = Op.stepBranch(step: step, branch: branch) else { return nil }
            fused = op
        }
        let head = emitter.lastHead
        let operand =
            step == .i32AddImm ? UInt64(UInt32(truncatingIfNeeded: emitter.lastImmediate(1))) : UInt64(c(head))
        emitter.removeLast()
        return (fused, b(head), operand)
    }

    /// Instructions whose typing the opcode table fixes: numeric, memory access and SIMD.
    mutating func visitFixed(_ opcode: Opcode, at offset: Int) throws(ModuleError) {
        let info = opcode.info
        guard case .fixed(let signature) = info.shape else {
            preconditionFailure("opcode \(info.mnemonic) has a custom shape but no case in the validator")
        }
        var memory: UInt32 = 0
        var memoryOffset: UInt64 = 0
        var lane: UInt8 = 0
        var shuffleLanes: (low: UInt64, high: UInt64) = (0, 0)
        switch info.immediates {
        case .none: break
        case .memarg:
            (memory, memoryOffset) = try readMemarg(accessBytes: info.accessBytes, at: offset)
        case .memargLane:
            (memory, memoryOffset) = try readMemarg(accessBytes: info.accessBytes, at: offset)
            lane = try body.byte()
            guard lane < info.laneCount else { throw fail(.invalidLaneIndex, at: offset) }
        case .laneIndex:
            lane = try body.byte()
            guard lane < info.laneCount else { throw fail(.invalidLaneIndex, at: offset) }
        case .shuffle:
            for index in 0..<16 {
                let lane = try body.byte()
                guard lane < 32 else { throw fail(.invalidLaneIndex, at: offset) }
                if index < 8 {
                    shuffleLanes.low |= UInt64(lane) << (8 * index)
                } else {
                    shuffleLanes.high |= UInt64(lane) << (8 * (index - 8))
                }
            }
        case .blockType, .labelDepth, .labelTable, .functionIndex, .callIndirect, .localIndex, .globalIndex,
            .tableIndex, .memoryIndex, .memoryCopy, .memoryInit, .dataIndex, .tableInit, .tableCopy, .elementIndex,
            .i32, .i64, .f32, .f64, .v128, .selectTypes, .heapType, .tagIndex, .tryTable, .typeIndex:
            preconditionFailure("opcode \(info.mnemonic) has immediates the generic path does not read")
        }
        var operands: (StackEntry, StackEntry, StackEntry) = (
            StackEntry(type: nil, slot: 0, location: 0), StackEntry(type: nil, slot: 0, location: 0),
            StackEntry(type: nil, slot: 0, location: 0)
        )
        let inputCount = Int(signature.inputCount)
        if inputCount > 2 { operands.2 = try pop(signature.input2, at: offset) }
        if inputCount > 1 { operands.1 = try pop(signature.input1, at: offset) }
        if inputCount > 0 { operands.0 = try pop(signature.input0, at: offset) }
        let destination = signature.output.map { push($0) } ?? 0

        if info.feature == .simd {
            emitSIMD(
                opcode, destination: signature.output == nil ? nil : destination, operands: operands, lane: lane,
                memory: memory, memoryOffset: memoryOffset, shuffleLanes: shuffleLanes)
            return
        }
        if info.accessBytes > 0 {
            let isLoad = signature.output != nil
            if memory == 0, let op = Op.lowering(of: opcode) {
                // An `i32.add` of a constant just before becomes part of the address (see
                // `effectiveAddress`): the immediate word is the constant, then the offset.
                // A stored constant is taken first: it was pushed after the address.
                if op == .f64Store, fuseUpdateInMemory(value: operands.1, address: operands.0, offset: memoryOffset) {
                    return
                }
                // A value loaded just before with the same width is moved in one op, the store's own
                // address addition folded too.
                if !isLoad, let move = Op.move(width: Int(info.accessBytes)),
                    let loaded = takeLoadToMove(operands.1, accessBytes: Int(info.accessBytes))
                {
                    var address = operands.0.location
                    var constant: UInt32 = 0
                    if let folded = takeAddressAddition(operands.0) {
                        (address, constant) = folded
                    }
                    emitter.emitMove(
                        move, store: address, load: loaded.slot, loadWord: loaded.word,
                        storeWord: UInt64(constant) | memoryOffset << 32, loadSource: loaded.source)
                    return
                }
                let storedConstant =
                    isLoad ? nil : takeSmallStoredConstant(operands.1, accessBytes: Int(info.accessBytes))
                var address = operands.0.location
                var constant: UInt32 = 0
                if let folded = takeAddressAddition(operands.0) {
                    (address, constant) = folded
                }
                if isLoad {
                    emitter.emitEffect(op, destination: destination, address)
                } else if let (storeImmediate, value) = storedConstant {
                    emitter.emitEffect(storeImmediate, address, value)
                } else {
                    emitter.emitEffect(op, address, operands.1.location)
                }
                emitter.emitImmediate(UInt64(constant) | memoryOffset << 32)
            } else {
                let a = isLoad ? destination : operands.0.location
                let b = isLoad ? operands.0.location : operands.1.location
                emitter.emitEffect(.memoryAccess, a, b, Int(opcode.rawValue))
                emitter.emitImmediate(memoryOffset | UInt64(memory) << 32)
            }
            return
        }
        guard let op = Op.lowering(of: opcode) else {
            preconditionFailure("no internal op for \(info.mnemonic)")
        }
        if let immediateForm = op.immediateForm, let constant = takeConstant(operands.1) {
            emitter.emitPure(immediateForm, destination: destination, operands.0.location)
            emitter.emitImmediate(constant)
        } else if op.canTrap {
            emitter.emitEffect(op, destination: destination, operands.0.location, operands.1.location)
        } else if fuseLoad(into: op, operands.0, operands.1, destination: destination)
            || sinkLoad(into: op, operands.0, operands.1)
                && fuseLoad(into: op, operands.0, operands.1, destination: destination)
        {
            // The load just emitted runs `op` too.
        } else if let (chain, b, c, word) = takeChain(into: op, operands.0, operands.1) {
            emitter.emitPure(chain, destination: destination, b, c)
            emitter.emitImmediate(word)
        } else {
            emitter.emitPure(op, destination: destination, operands.0.location, operands.1.location)
        }
    }
}
