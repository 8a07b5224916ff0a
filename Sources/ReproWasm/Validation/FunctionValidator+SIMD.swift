extension FunctionValidator {
    /// Lowers a SIMD instruction (other than `v128.const`) to one `Op.simd` and its immediate words;
    /// the layout is documented at `Op.simd`.
    ///
    /// SIMD instructions count nothing (`docs/DETERMINISM.md` §3). Only the memory instructions can trap
    /// (loads) or have effects (stores), so only they flush pending counts (`emitEffect`); the
    /// others are pure and let counts keep folding.
    mutating func emitSIMD(
        _ opcode: Opcode, destination: Int?, operands: (StackEntry, StackEntry, StackEntry), lane: UInt8,
        memory: UInt32, memoryOffset: UInt64, shuffleLanes: (low: UInt64, high: UInt64)
    ) {
        let isMemoryAccess = opcode.info.accessBytes > 0
        var inputs = (operands.0.location, operands.1.location, operands.2.location)
        var third = opcode == .v128Bitselect ? inputs.2 : Int(lane)
        var addition: UInt32 = 0
        if isMemoryAccess, let folded = takeAddressAddition(operands.0) {
            // `local.get; i32.const; i32.add; v128.load` is how compilers address arrays with a
            // negative induction variable; one instruction instead of two.
            inputs.0 = folded.slot
            addition = folded.constant
        } else if !isMemoryAccess, Self.simdShifts.contains(opcode), let count = takeConstant(operands.1) {
            third = 0x8000 | Int(count & 0x7F)
            inputs.1 = 0
        }
        let opcodeWord = UInt64(opcode.rawValue) | UInt64(UInt16(truncatingIfNeeded: third)) << 16 | memoryOffset << 32
        let op = Self.threadedOp(for: opcode, memory: memory)
        if isMemoryAccess {
            if let destination {
                emitter.emitEffect(op, destination: destination, inputs.0, inputs.1)
            } else {
                emitter.emitEffect(op, 0, inputs.0, inputs.1)
            }
            emitter.emitImmediate(Self.handlerWord(opcode))
            emitter.emitImmediate(opcodeWord)
            emitter.emitImmediate(UInt64(memory) | UInt64(addition) << 32)
            return
        }
        // Every non-memory SIMD instruction has a result.
        emitter.emitPure(op, destination: destination ?? 0, inputs.0, inputs.1)
        emitter.emitImmediate(Self.handlerWord(opcode))
        emitter.emitImmediate(opcodeWord)
        if opcode == .i8x16Shuffle {
            emitter.emitImmediate(shuffleLanes.low)
            emitter.emitImmediate(shuffleLanes.high)
        }
    }

    /// The op that runs `opcode` on `memory`: one with a threaded handler of its own for the most
    /// frequent instructions (`Op.simdLoad`, ...), else `Op.simd`.
    static func threadedOp(for opcode: Opcode, memory: UInt32) -> Op {
        switch opcode {
        case .v128Load where memory == 0: .simdLoad
        case .v128Store where memory == 0: .simdStore
        case .i32x4Add: .simdI32x4Add
        case .i32x4Mul: .simdI32x4Mul
        case .i16x8Add: .simdI16x8Add
        case .i16x8Shl: .simdI16x8Shl
        case .i16x8ShrU: .simdI16x8ShrU
        case .i16x8ExtendLowI8x16U: .simdI16x8ExtendLowI8x16U
        case .i16x8ExtendHighI8x16U: .simdI16x8ExtendHighI8x16U
        case .i32x4ExtendLowI16x8U: .simdI32x4ExtendLowI16x8U
        case .i8x16NarrowI16x8U: .simdI8x16NarrowI16x8U
        case .v128Xor: .simdV128Xor
        case .v128And: .simdV128And
        default: .simd
        }
    }

    /// Word 1 of an `Op.simd` instruction: the address of the opcode's handler.
    static func handlerWord(_ opcode: Opcode) -> UInt64 {
        UInt64(UInt(bitPattern: unsafeBitCast(StoreRuntime.simdHandler(for: opcode), to: Int.self)))
    }

    /// The lane shifts, whose count operand may be folded into the instruction when it is a constant.
    static let simdShifts: Set<Opcode> = [
        .i8x16Shl, .i8x16ShrS, .i8x16ShrU, .i16x8Shl, .i16x8ShrS, .i16x8ShrU,
        .i32x4Shl, .i32x4ShrS, .i32x4ShrU, .i64x2Shl, .i64x2ShrS, .i64x2ShrU,
    ]
}
