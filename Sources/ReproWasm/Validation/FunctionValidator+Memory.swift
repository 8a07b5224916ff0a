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
        try popAll(types, at: offset)
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

    /// Instructions whose typing the opcode table fixes: numeric, memory access and SIMD.
    mutating func visitFixed(_ opcode: Opcode, at offset: Int) throws(ModuleError) {
        let info = body.opcodeRows[Int(opcode.rawValue)]
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
        // Validating alone, the emitter is dead from the first instruction to the last and is never
        // read: its peephole matchers (each reading op tables) need not run for every instruction.
        guard lowers else { return }

        if info.feature == .simd {
            emitter.emitSIMD(
                opcode, destination: signature.output == nil ? nil : destination, operands: operands, lane: lane,
                memory: memory, memoryOffset: memoryOffset, shuffleLanes: shuffleLanes)
            return
        }
        if info.accessBytes > 0 {
            emitter.emitMemoryAccess(
                opcode, isLoad: signature.output != nil, destination: destination, address: operands.0,
                value: operands.1, memory: memory, offset: memoryOffset)
            return
        }
        guard let op = Op.lowering(of: opcode) else {
            preconditionFailure("no internal op for \(info.mnemonic)")
        }
        emitter.emitNumeric(op, destination: destination, operands.0, operands.1)
    }
}
