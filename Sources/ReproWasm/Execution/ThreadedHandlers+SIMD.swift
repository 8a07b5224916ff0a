// Threaded handlers: SIMD (see Dispatch.swift). `Op.simd` calls the opcode's `SIMDHandler`
// (SIMDHandlers+*.swift); the most frequent SIMD instructions have a threaded op of their own.

/// The address of a memory-0 SIMD access in the `Op.simd` layout: slot `b` plus the folded constant
/// (high half of word 3) with i32 wrap-around, plus the memarg offset (high half of word 2).
@inline(__always)
func simdAddress(_ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>) -> UInt64 {
    UInt64(UInt32(truncatingIfNeeded: sp[b(pc)] &+ (pc[3] &>> 32))) &+ (pc[2] &>> 32)
}

/// A non-memory SIMD instruction of 3 words with a threaded op of its own: `body` (from `SIMDLanes`)
/// on its operands, then the next op.
@inline(__always)
func simdLanes(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, _ body: (V128Operands) -> Void
) -> UnsafePointer<UInt64> {
    body(V128Operands(pc: pc, sp: sp))
    return next(pc + 3, sp, memoryBase, memorySize, fuel, state)
}

extension ThreadedHandlers {
    /// An `Op.simd` instruction: calls the `SIMDHandler` in word 1, which returns the words the
    /// instruction takes (0 for an access out of bounds), then goes on to the next op.
    ///
    /// The SIMD functions return rather than go on to the next op themselves: the compiler merges
    /// the many near-identical ones into shared bodies that take the difference as an extra argument,
    /// and with that argument on the stack their call to the next op would no longer be a tail call.
    static let handleSIMD: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        // SAFETY: word 1 of an `Op.simd` instruction is the address of the `SIMDHandler` Lowering
        // chose for its opcode (`StoreRuntime.simdHandler(for:)`).
        let handler = unsafeBitCast(UInt(truncatingIfNeeded: pc[1]), to: SIMDHandler.self)
        let context = ThreadedState.registers(state).pointee.context.unsafelyUnwrapped
        let words = handler(pc, sp, memoryBase, memorySize, UnsafeMutableRawPointer(context))
        guard words != 0 else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        return next(pc + words, sp, memoryBase, memorySize, fuel, state)
    }

    /// `v128.load` on memory 0 (`Op.simdLoad`; the address as `memoryAccess` computes it).
    static let handleSIMDLoad: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let address = simdAddress(pc, sp)
        guard address &+ 16 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 16 <= memorySize, checked above.
        V128Operands(pc: pc, sp: sp).result(loadUnaligned128(memoryBase + Int(address)))
        return next(pc + 4, sp, memoryBase, memorySize, fuel, state)
    }

    /// `v128.store` on memory 0 (`Op.simdStore`).
    static let handleSIMDStore: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let address = simdAddress(pc, sp)
        guard address &+ 16 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 16 <= memorySize, checked above.
        storeUnaligned128(V128Operands(pc: pc, sp: sp).second(U64x2.self), to: memoryBase + Int(address))
        return next(pc + 4, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleSIMDI32x4Add: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.i32x4Add)
    }

    static let handleSIMDI32x4Mul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.i32x4Mul)
    }

    static let handleSIMDI16x8Add: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.i16x8Add)
    }

    static let handleSIMDI16x8Shl: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.i16x8Shl)
    }

    static let handleSIMDI16x8ShrU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.i16x8ShrU)
    }

    static let handleSIMDI16x8ExtendLowI8x16U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.i16x8ExtendLowI8x16U)
    }

    static let handleSIMDI16x8ExtendHighI8x16U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.i16x8ExtendHighI8x16U)
    }

    static let handleSIMDI32x4ExtendLowI16x8U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.i32x4ExtendLowI16x8U)
    }

    static let handleSIMDI8x16NarrowI16x8U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.i8x16NarrowI16x8U)
    }

    static let handleSIMDV128Xor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.v128Xor)
    }

    static let handleSIMDV128And: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.v128And)
    }
}
