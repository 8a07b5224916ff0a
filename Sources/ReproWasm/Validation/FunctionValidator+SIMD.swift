extension FunctionValidator {
    /// Lowers a SIMD instruction (other than `v128.const`) to one `Op.simd` and its immediate words;
    /// the layout is documented at `Op.simd`.
    ///
    /// SIMD instructions count nothing (`DETERMINISM.md` §3). Only the memory instructions can trap
    /// (loads) or have effects (stores), so only they flush pending counts (`emitEffect`); the
    /// others are pure and let counts keep folding.
    mutating func emitSIMD(
        _ opcode: Opcode, destination: Int?, inputs: (Int, Int, Int), lane: UInt8, memory: UInt32,
        memoryOffset: UInt64, shuffleLanes: (low: UInt64, high: UInt64)
    ) {
        let info = opcode.info
        let third = opcode == .v128Bitselect ? inputs.2 : Int(lane)
        let immediate = UInt64(opcode.rawValue) | UInt64(UInt16(truncatingIfNeeded: third)) << 16 | memoryOffset << 32
        if info.accessBytes > 0 {
            if let destination {
                emitter.emitEffect(.simd, destination: destination, inputs.0, inputs.1)
            } else {
                emitter.emitEffect(.simd, 0, inputs.0, inputs.1)
            }
            emitter.emitImmediate(immediate)
            emitter.emitImmediate(UInt64(memory))
            return
        }
        // Every non-memory SIMD instruction has a result.
        emitter.emitPure(.simd, destination: destination ?? 0, inputs.0, inputs.1)
        emitter.emitImmediate(immediate)
        if opcode == .i8x16Shuffle {
            emitter.emitImmediate(shuffleLanes.low)
            emitter.emitImmediate(shuffleLanes.high)
        }
    }
}
