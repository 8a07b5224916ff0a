extension FunctionValidator {
    /// Validates and lowers the whole body.
    mutating func run() throws(ModuleError) -> CompiledFunction {
        frames.append(
            ControlFrame(
                kind: .function, parameters: [], results: type.results, height: 0, slotBase: 0, startsDead: !lowers))
        emitter.isDead = !lowers
        if localSlotCount > parameterSlotCount {
            emitter.emitPure(.zeroLocals, parameterSlotCount, localSlotCount - parameterSlotCount)
        }
        while !frames.isEmpty {
            let offset = body.offset
            if body.isAtEnd { throw missingEnd() }
            let opcode = try body.readOpcode()
            emitter.sourceOffset = offset
            try visit(opcode, at: offset)
        }
        guard body.isAtEnd else { throw .malformed(DecodeError(.sectionSizeMismatch, at: body.offset)) }
        guard maxSlot <= 0xFFFF else { throw fail(.functionTooLarge, at: body.offset) }
        assert(emitter.layoutIsConsistent(), "lowered code does not match the op table (Lowering/Op+Info.swift)")
        return CompiledFunction(
            code: emitter.words, parameterSlots: parameterSlotCount, localSlots: localSlotCount, frameSlots: maxSlot,
            resultSlots: type.results.reduce(0) { $0 + $1.slotCount }, sourceMap: emitter.sourceMap,
            handlers: handlers)
    }

    mutating func visit(_ opcode: Opcode, at offset: Int) throws(ModuleError) {
        switch opcode {
        case .unreachable:
            emitter.emitEffect(.unreachable)
            markUnreachable()
        case .nop:
            break
        case .block:
            try enterBlock(.block, type: try readBlockType(at: offset), at: offset)
            emitter.addCount(1)
        case .loop:
            try enterBlock(.loop, type: try readBlockType(at: offset), at: offset)
            emitter.addCount(1)
            frames[frames.count - 1].loopStart = emitter.label()
        case .if:
            try visitIf(at: offset)
        case .else:
            try visitElse(at: offset)
        case .end:
            try visitEnd(at: offset)
        case .br:
            try visitBr(at: offset)
        case .brIf:
            try visitBrIf(at: offset)
        case .brTable:
            try visitBrTable(at: offset)
        case .return:
            try visitReturn(at: offset)
        case .call:
            try visitCall(at: offset)
        case .callIndirect:
            try visitCallIndirect(at: offset)
        case .returnCall:
            try visitReturnCall(at: offset)
        case .returnCallIndirect:
            try visitReturnCallIndirect(at: offset)
        case .callRef:
            try visitCallRef(at: offset)
        case .returnCallRef:
            try visitReturnCallRef(at: offset)
        case .refAsNonNull:
            try visitRefAsNonNull(at: offset)
        case .brOnNull:
            try visitBrOnNull(at: offset)
        case .brOnNonNull:
            try visitBrOnNonNull(at: offset)
        case .throw:
            try visitThrow(at: offset)
        case .throwRef:
            try visitThrowRef(at: offset)
        case .tryTable:
            try visitTryTable(at: offset)
        case .drop:
            _ = try popAny(at: offset)
        case .select:
            try visitSelect(explicitType: nil, at: offset)
        case .selectTyped:
            let count = try body.u32()
            guard count == 1 else { throw fail(.invalidResultArity, at: offset) }
            try visitSelect(explicitType: try body.readValueType(), at: offset)
        case .localGet:
            let (slot, type) = try local(at: offset, reads: true, writes: false)
            pushDeferred(type, location: slot)
        case .localSet:
            let (slot, type) = try local(at: offset, reads: false, writes: true)
            let value = try pop(type, at: offset)
            store(value, toLocal: slot)
        case .localTee:
            let (slot, type) = try local(at: offset, reads: true, writes: true)
            let value = try pop(type, at: offset)
            store(value, toLocal: slot)
            pushDeferred(type, location: slot)
        case .globalGet:
            let index = try body.u32()
            guard index < module.globals.count else { throw fail(.unknownGlobal(index), at: offset) }
            let type = module.globals[Int(index)].valueType
            let slot = push(type)
            if index == module.counterGlobal {
                emitter.emitEffect(.counterGet, destination: slot)
            } else {
                emitter.emitPure(
                    type == .v128 ? .globalGet128 : .globalGet, destination: slot, Int(index & 0xFFFF), Int(index >> 16)
                )
            }
        case .globalSet:
            let index = try body.u32()
            guard index < module.globals.count else { throw fail(.unknownGlobal(index), at: offset) }
            let global = module.globals[Int(index)]
            guard global.isMutable else { throw fail(.globalIsImmutable, at: offset) }
            let value = try pop(global.valueType, at: offset)
            if index == module.counterGlobal {
                emitter.emitEffect(.counterSet, value.location)
            } else {
                emitter.emitEffect(
                    global.valueType == .v128 ? .globalSet128 : .globalSet, value.location, Int(index & 0xFFFF),
                    Int(index >> 16))
            }
        case .i32Const:
            let value = UInt32(bitPattern: try body.s32())
            emitConst32(value, type: .i32)
        case .f32Const:
            emitConst32(try body.fixedU32(), type: .f32)
        case .i64Const:
            emitConst64(UInt64(bitPattern: try body.s64()), type: .i64)
        case .f64Const:
            emitConst64(try body.fixedU64(), type: .f64)
        case .v128Const:
            let low = try body.fixedU64()
            let high = try body.fixedU64()
            let slot = push(.v128)
            emitter.emitPure(.const128, destination: slot)
            emitter.emitImmediate(low)
            emitter.emitImmediate(high)
        case .refNull:
            let type = try body.readHeapType()
            try body.requireFeature(.referenceTypes, at: offset)
            emitConst64(0, type: type)
        case .refIsNull:
            let value = try popAny(at: offset)
            if let type = value.type, !type.isReference {
                throw fail(.typeMismatch("expected a reference"), at: offset)
            }
            let slot = push(.i32)
            emitter.emitPure(.i64Eqz, destination: slot, value.location)
        case .refFunc:
            let index = try body.u32()
            guard index < module.functionTypeIndices.count else { throw fail(.unknownFunction(index), at: offset) }
            guard module.declaredFunctions.contains(index) else { throw fail(.undeclaredFunctionReference, at: offset) }
            // Typed as `(ref $t)`, its function's type: a subtype of `funcref`.
            let slot = push(.ref(.concrete(module.functionTypeIndices[Int(index)])))
            emitter.emitPure(.refFunc, destination: slot, Int(index & 0xFFFF), Int(index >> 16))
        case .i64Add128, .i64Sub128:
            materializeAll()
            let operands = try pop([.i64, .i64, .i64, .i64], at: offset)
            let base = operands[0].slot
            push(.i64)
            push(.i64)
            if nextSlot > maxSlot { maxSlot = nextSlot }
            emitter.emitPure(opcode == .i64Add128 ? .i64Add128 : .i64Sub128, base)
        case .i64MulWideS, .i64MulWideU:
            materializeAll()
            let operands = try pop([.i64, .i64], at: offset)
            let base = operands[0].slot
            push(.i64)
            push(.i64)
            emitter.emitPure(opcode == .i64MulWideS ? .i64MulWideS : .i64MulWideU, base)
        default:
            try visitOther(opcode, at: offset)
        }
    }

    /// The error for a body whose bytes run out before its final `end`, worded as the spec's reference
    /// decoder words it: that decoder reads on past the body's declared size.
    func missingEnd() -> ModuleError {
        let end = body.reader.end
        let bytes = module.bytes
        if end >= bytes.count { return .malformed(DecodeError(.unexpectedEndOfSectionOrFunction, at: end)) }
        if bytes[end] == 0x0B { return .malformed(DecodeError(.sectionSizeMismatch, at: end)) }
        return .malformed(DecodeError(.endOpcodeExpected, at: end))
    }

    /// Lowers `local.set`: the value is written into the local's slot, directly by the instruction
    /// that computed it when possible.
    mutating func store(_ value: StackEntry, toLocal slot: Int) {
        materializeReads(of: slot)
        if value.location == slot { return }
        if value.location == value.slot && emitter.retargetLastDestination(from: value.slot, to: slot) { return }
        if emitter.fuseCopy(from: value.location, to: slot) { return }
        emitter.emitCopy(of: value.type, to: slot, from: value.location)
    }

    mutating func emitConst32(_ value: UInt32, type: ValueType) {
        let slot = push(type)
        emitter.emitPure(.const32, destination: slot, Int(value & 0xFFFF), Int(value >> 16))
    }

    mutating func emitConst64(_ value: UInt64, type: ValueType) {
        let slot = push(type)
        emitter.emitPure(.const64, destination: slot)
        emitter.emitImmediate(value)
    }

    mutating func visitSelect(explicitType: ValueType?, at offset: Int) throws(ModuleError) {
        let condition = try pop(.i32, at: offset)
        let second: StackEntry
        let first: StackEntry
        if let explicitType {
            second = try pop(explicitType, at: offset)
            first = try pop(explicitType, at: offset)
        } else {
            second = try popAny(at: offset)
            first = try popAny(at: offset)
            if let a = first.type, let b = second.type, a != b {
                throw fail(.typeMismatch("select operands differ"), at: offset)
            }
            if let type = first.type ?? second.type, type.isReference {
                throw fail(.typeMismatch("untyped select needs numeric operands"), at: offset)
            }
        }
        let type = explicitType ?? first.type ?? second.type
        let slot = push(type)
        emitter.emitSelect(isVector: type == .v128, destination: slot, first, second, condition: condition)
    }

    mutating func visitCall(at offset: Int) throws(ModuleError) {
        let index = try body.u32()
        guard index < module.functionTypeIndices.count else { throw fail(.unknownFunction(index), at: offset) }
        let callee = module.functionType(index)
        materializeAll()
        let base = nextSlotAfterPopping(callee.parameters)
        try popAll(callee.parameters, at: offset)
        let op: Op = index < module.importedFunctionCount ? .call : .callLocal
        emitter.emitEffect(op, base, Int(index & 0xFFFF), Int(index >> 16))
        for result in callee.results { push(result) }
    }

    /// Reads and checks the immediates of `call_indirect` and `return_call_indirect`.
    mutating func readIndirectCallee(at offset: Int) throws(ModuleError) -> (
        typeIndex: UInt32, tableIndex: UInt32, type: FunctionType
    ) {
        let typeIndex = try body.u32()
        let tableIndex = try body.u32()
        guard typeIndex < module.types.count else { throw fail(.unknownType(typeIndex), at: offset) }
        guard tableIndex < module.tables.count else { throw fail(.unknownTable(tableIndex), at: offset) }
        guard module.relations.isSubtype(module.tables[Int(tableIndex)].elementType, of: .funcRef) else {
            throw fail(.typeMismatch("call_indirect needs a funcref table"), at: offset)
        }
        return (typeIndex, tableIndex, module.types[Int(typeIndex)])
    }

    mutating func visitCallIndirect(at offset: Int) throws(ModuleError) {
        let (typeIndex, tableIndex, callee) = try readIndirectCallee(at: offset)
        let index = try pop(.i32, at: offset)
        materializeAll()
        let base = nextSlotAfterPopping(callee.parameters)
        try popAll(callee.parameters, at: offset)
        emitter.emitEffect(.callIndirect, base, index.location, Int(tableIndex))
        emitter.emitImmediate(UInt64(typeIndex))
        for result in callee.results { push(result) }
    }

    mutating func visitReturnCall(at offset: Int) throws(ModuleError) {
        let index = try body.u32()
        guard index < module.functionTypeIndices.count else { throw fail(.unknownFunction(index), at: offset) }
        let callee = module.functionType(index)
        guard module.relations.isSubtype(callee.results, of: type.results) else {
            throw fail(.typeMismatch("tail call result types"), at: offset)
        }
        materializeAll()
        let base = nextSlotAfterPopping(callee.parameters)
        try popAll(callee.parameters, at: offset)
        if !emitter.isDead {
            emitter.emitPure(.returnCall, base, emitter.takeCount(plus: 1))
            emitter.emitImmediate(UInt64(index))
        }
        markUnreachable()
    }

    mutating func visitReturnCallIndirect(at offset: Int) throws(ModuleError) {
        let (typeIndex, tableIndex, callee) = try readIndirectCallee(at: offset)
        guard module.relations.isSubtype(callee.results, of: type.results) else {
            throw fail(.typeMismatch("tail call result types"), at: offset)
        }
        let index = try pop(.i32, at: offset)
        materializeAll()
        let base = nextSlotAfterPopping(callee.parameters)
        try popAll(callee.parameters, at: offset)
        if !emitter.isDead {
            emitter.emitPure(.returnCallIndirect, base, index.location, Int(tableIndex))
            emitter.emitImmediate(UInt64(typeIndex))
            emitter.emitImmediate(UInt64(emitter.takeCount(plus: 1)))
        }
        markUnreachable()
    }

    /// The slot the first of `types` occupies if they are on top of the stack (the callee's frame base).
    func nextSlotAfterPopping(_ types: [ValueType]) -> Int {
        let slots = types.reduce(0) { $0 + $1.slotCount }
        let height = frames[frames.count - 1].height
        var index = stack.count
        var remaining = types.count
        while remaining > 0 && index > height {
            index -= 1
            remaining -= 1
        }
        if remaining == 0 { return index < stack.count ? stack[index].slot : nextSlot }
        return max(nextSlot - slots, localSlotCount)
    }
}
