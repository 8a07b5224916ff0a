// Threaded handlers: two (or three) numeric operations in one, the first one's result feeding
// the next (made from consecutive instructions by Lowering; see Dispatch.swift).

/// A float type as a slot holds it (`SlotScalar`), with the store that canonicalises a NaN result
/// (docs/DETERMINISM.md §2): what lets one shape helper serve f32 and f64 ops alike.
protocol SlotFloat: BinaryFloatingPoint, SlotScalar {
    /// Stores `value`'s bits in `slot`, or the canonical NaN of the type.
    static func store(canonical value: Self, in slot: UnsafeMutablePointer<UInt64>)
}

extension Float: SlotFloat {
    @inline(__always) static func store(canonical value: Float, in slot: UnsafeMutablePointer<UInt64>) {
        storeCanonical(value, to: slot)
    }
}

extension Double: SlotFloat {
    @inline(__always) static func store(canonical value: Double, in slot: UnsafeMutablePointer<UInt64>) {
        storeCanonical(value, to: slot)
    }
}

/// Runs a float `…Then…` op (`f64MulThenAdd`, ...): `first` on slots `b` and `c`, then `second` on
/// that and the slot named by the next word, canonicalising only the final result. The operations
/// (from `Numerics+Scalar.swift`) fix the type.
@inline(__always)
func chainFloat<F: SlotFloat>(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer,
    _ first: (F, F) -> F, _ second: (F, F) -> F
) -> UnsafePointer<UInt64> {
    let t = first(F(slot: sp[b(pc)]), F(slot: sp[c(pc)]))
    let z = F(slot: sp[Int(truncatingIfNeeded: pc[1])])
    F.store(canonical: second(t, z), in: sp + a(pc))
    return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
}

/// Runs a float `…ImmThen…` op (`f64MulImmThenAdd`, ...): `first` on slot `b` and the constant in
/// the next word (an f32's bits in its low half), then `second` on that and slot `c`, canonicalising
/// only the final result.
@inline(__always)
func chainFloatImmediate<F: SlotFloat>(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer,
    _ first: (F, F) -> F, _ second: (F, F) -> F
) -> UnsafePointer<UInt64> {
    let t = first(F(slot: sp[b(pc)]), F(slot: pc[1]))
    F.store(canonical: second(t, F(slot: sp[c(pc)])), in: sp + a(pc))
    return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
}

/// Runs an `i32…Then…` op: `first` on slot `b` and slot `c` (or, for `immediate`, the next word),
/// then `second` on that and the other slot (the next word's, or for `immediate` slot `c`).
@inline(__always)
func chainI32(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, immediate: Bool,
    _ first: (UInt32, UInt32) -> UInt32, _ second: (UInt32, UInt32) -> UInt32
) -> UnsafePointer<UInt64> {
    let x = UInt32(truncatingIfNeeded: sp[b(pc)])
    let y = UInt32(truncatingIfNeeded: immediate ? pc[1] : sp[c(pc)])
    let z = UInt32(truncatingIfNeeded: sp[immediate ? c(pc) : Int(truncatingIfNeeded: pc[1])])
    sp[a(pc)] = UInt64(second(first(x, y), z))
    return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
}

extension ThreadedHandlers {
    static let handleF64AddThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F64.add, F64.add)
    }

    static let handleF64AddThenMul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F64.add, F64.mul)
    }

    static let handleF64AddThenMulThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let slots = pc[1]
        let product =
            (Double(bitPattern: sp[b(pc)]) + Double(bitPattern: sp[c(pc)]))
            * Double(bitPattern: sp[Int(truncatingIfNeeded: slots & 0xFFFF_FFFF)])
        storeCanonical(product + Double(bitPattern: sp[Int(truncatingIfNeeded: slots &>> 32)]), to: sp + a(pc))
        return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64AddThenSub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F64.add, F64.sub)
    }

    static let handleF64AddThenSubFrom: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F64.add, F64.subFrom)
    }

    static let handleF64SubThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F64.sub, F64.add)
    }

    static let handleF64SubThenMul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F64.sub, F64.mul)
    }

    static let handleF64SubThenSub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F64.sub, F64.sub)
    }

    static let handleF64SubThenSubFrom: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F64.sub, F64.subFrom)
    }

    static let handleF64MulThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F64.mul, F64.add)
    }

    static let handleF64MulThenMul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F64.mul, F64.mul)
    }

    static let handleF64MulThenSub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F64.mul, F64.sub)
    }

    static let handleF64MulThenSubFrom: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F64.mul, F64.subFrom)
    }

    static let handleI32AddThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.add, I32.add)
    }

    static let handleI32AddThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.add, I32.xor)
    }

    static let handleI32AddThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.add, I32.and)
    }

    static let handleI32AddThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.add, I32.or)
    }

    static let handleI32SubThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.sub, I32.add)
    }

    static let handleI32SubThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.sub, I32.xor)
    }

    static let handleI32SubThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.sub, I32.and)
    }

    static let handleI32SubThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.sub, I32.or)
    }

    static let handleI32MulThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.mul, I32.add)
    }

    static let handleI32MulThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.mul, I32.xor)
    }

    static let handleI32MulThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.mul, I32.and)
    }

    static let handleI32MulThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.mul, I32.or)
    }

    static let handleI32AndThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.and, I32.add)
    }

    static let handleI32AndThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.and, I32.xor)
    }

    static let handleI32AndThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.and, I32.and)
    }

    static let handleI32AndThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.and, I32.or)
    }

    static let handleI32OrThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.or, I32.add)
    }

    static let handleI32OrThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.or, I32.xor)
    }

    static let handleI32OrThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.or, I32.and)
    }

    static let handleI32OrThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.or, I32.or)
    }

    static let handleI32XorThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.xor, I32.add)
    }

    static let handleI32XorThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.xor, I32.xor)
    }

    static let handleI32XorThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.xor, I32.and)
    }

    static let handleI32XorThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.xor, I32.or)
    }

    static let handleI32ShlImmThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.shl, I32.add)
    }

    static let handleI32ShlImmThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.shl, I32.xor)
    }

    static let handleI32ShlImmThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.shl, I32.and)
    }

    static let handleI32ShlImmThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.shl, I32.or)
    }

    static let handleI32ShrUImmThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.shrU, I32.add)
    }

    static let handleI32ShrUImmThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.shrU, I32.xor)
    }

    static let handleI32ShrUImmThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.shrU, I32.and)
    }

    static let handleI32ShrUImmThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.shrU, I32.or)
    }

    static let handleI32RotlImmThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.rotl, I32.add)
    }

    static let handleI32RotlImmThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.rotl, I32.xor)
    }

    static let handleI32RotlImmThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.rotl, I32.and)
    }

    static let handleI32RotlImmThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.rotl, I32.or)
    }

    static let handleI32MulImmThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.mul, I32.add)
    }

    static let handleI32MulImmThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.mul, I32.xor)
    }

    static let handleI32MulImmThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.mul, I32.and)
    }

    static let handleI32MulImmThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.mul, I32.or)
    }

    static let handleI32AndImmThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.and, I32.add)
    }

    static let handleI32AndImmThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.and, I32.xor)
    }

    static let handleI32AndImmThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.and, I32.and)
    }

    static let handleI32AndImmThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.and, I32.or)
    }

    static let handleI32AddImmThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.add, I32.add)
    }

    static let handleI32AddImmThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.add, I32.xor)
    }

    static let handleI32AddImmThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.add, I32.and)
    }

    static let handleI32AddImmThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.add, I32.or)
    }
}

extension ThreadedHandlers {
    static let handleF32AddThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F32.add, F32.add)
    }

    static let handleF32AddThenMul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F32.add, F32.mul)
    }

    static let handleF32AddThenSub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F32.add, F32.sub)
    }

    static let handleF32AddThenSubFrom: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F32.add, F32.subFrom)
    }

    static let handleF32SubThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F32.sub, F32.add)
    }

    static let handleF32SubThenMul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F32.sub, F32.mul)
    }

    static let handleF32SubThenSub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F32.sub, F32.sub)
    }

    static let handleF32SubThenSubFrom: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F32.sub, F32.subFrom)
    }

    static let handleF32MulThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F32.mul, F32.add)
    }

    static let handleF32MulThenMul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F32.mul, F32.mul)
    }

    static let handleF32MulThenSub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F32.mul, F32.sub)
    }

    static let handleF32MulThenSubFrom: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloat(pc, sp, memoryBase, memorySize, fuel, state, F32.mul, F32.subFrom)
    }
}

extension ThreadedHandlers {
    static let handleF32AddImmThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F32.add, F32.add)
    }

    static let handleF32AddImmThenMul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F32.add, F32.mul)
    }

    static let handleF32AddImmThenSub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F32.add, F32.sub)
    }

    static let handleF32AddImmThenSubFrom: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F32.add, F32.subFrom)
    }

    static let handleF32SubImmThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F32.sub, F32.add)
    }

    static let handleF32SubImmThenMul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F32.sub, F32.mul)
    }

    static let handleF32SubImmThenSub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F32.sub, F32.sub)
    }

    static let handleF32SubImmThenSubFrom: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F32.sub, F32.subFrom)
    }

    static let handleF32MulImmThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F32.mul, F32.add)
    }

    static let handleF32MulImmThenMul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F32.mul, F32.mul)
    }

    static let handleF32MulImmThenSub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F32.mul, F32.sub)
    }

    static let handleF32MulImmThenSubFrom: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F32.mul, F32.subFrom)
    }

    static let handleF64AddImmThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F64.add, F64.add)
    }

    static let handleF64AddImmThenMul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F64.add, F64.mul)
    }

    static let handleF64AddImmThenSub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F64.add, F64.sub)
    }

    static let handleF64AddImmThenSubFrom: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F64.add, F64.subFrom)
    }

    static let handleF64SubImmThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F64.sub, F64.add)
    }

    static let handleF64SubImmThenMul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F64.sub, F64.mul)
    }

    static let handleF64SubImmThenSub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F64.sub, F64.sub)
    }

    static let handleF64SubImmThenSubFrom: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F64.sub, F64.subFrom)
    }

    static let handleF64MulImmThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F64.mul, F64.add)
    }

    static let handleF64MulImmThenMul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F64.mul, F64.mul)
    }

    static let handleF64MulImmThenSub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F64.mul, F64.sub)
    }

    static let handleF64MulImmThenSubFrom: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainFloatImmediate(pc, sp, memoryBase, memorySize, fuel, state, F64.mul, F64.subFrom)
    }
}
