// Lane arithmetic for the SIMD instructions (SIMDHandlers.swift): the wasm operators that are
// not one Swift SIMD operator, NaN canonicalisation per lane (docs/DETERMINISM.md §2), and raw memory
// access. Every function is small, concrete where it matters, and `@inline(__always)`, so each SIMD
// handler compiles to straight-line vector code (see the note in SIMDHandlers.swift).
//
// Comparisons in a generic function resolve to the generic `SIMD` operators, which compile to a
// branchy loop per lane; the concrete vector types' operators are single instructions. Hence the
// concrete overloads below where a generic version would compare lanes.

// MARK: Memory

/// 16 bytes at `pointer`, unaligned.
@inline(__always) func loadUnaligned128(_ pointer: UnsafeMutableRawPointer) -> U64x2 {
    pointer.loadUnaligned(as: U64x2.self)
}

/// `size` (1, 2, 4 or 8) bytes at `pointer`, unaligned, zero-extended.
@inline(__always) func loadUnaligned64(_ pointer: UnsafeMutableRawPointer, size: Int = 8) -> UInt64 {
    switch size {
    case 1: UInt64(pointer.load(as: UInt8.self))
    case 2: UInt64(pointer.loadUnaligned(as: UInt16.self))
    case 4: UInt64(pointer.loadUnaligned(as: UInt32.self))
    default: pointer.loadUnaligned(as: UInt64.self)
    }
}

/// Stores 16 bytes at `pointer`, unaligned.
@inline(__always) func storeUnaligned128(_ value: U64x2, to pointer: UnsafeMutableRawPointer) {
    pointer.storeBytes(of: value, as: U64x2.self)
}

/// Stores the low `size` (1, 2, 4 or 8) bytes of `value` at `pointer`, unaligned.
@inline(__always) func storeUnaligned64(_ value: UInt64, to pointer: UnsafeMutableRawPointer, size: Int = 8) {
    switch size {
    case 1: pointer.storeBytes(of: UInt8(truncatingIfNeeded: value), as: UInt8.self)
    case 2: pointer.storeBytes(of: UInt16(truncatingIfNeeded: value), as: UInt16.self)
    case 4: pointer.storeBytes(of: UInt32(truncatingIfNeeded: value), as: UInt32.self)
    default: pointer.storeBytes(of: value, as: UInt64.self)
    }
}

// MARK: Widening and narrowing
//
// On the 64-bit slot words (SWAR): plain integer arithmetic, which the optimiser always inlines; the
// library's lane conversions are lane loops that stayed calls in the former single SIMD function.

/// The lanes of `half` (its low 32 bits, lanes `bits` wide: 8, 16 or 32) zero-extended into
/// lanes twice as wide.
@inline(__always) func spread(_ half: UInt64, bits: Int) -> UInt64 {
    switch bits {
    case 8:
        let pairs = (half | half &<< 16) & 0x0000_FFFF_0000_FFFF
        return (pairs | pairs &<< 8) & 0x00FF_00FF_00FF_00FF
    case 16: return (half | half &<< 16) & 0x0000_FFFF_0000_FFFF
    default: return half & 0xFFFF_FFFF
    }
}

/// Sign-extends each `bits`-wide value held zero-extended in lanes of `2 * bits`: the sign bit
/// times a run of ones fills the upper half of its lane (no carry reaches the next lane).
@inline(__always) func signExtended(_ word: UInt64, bits: Int) -> UInt64 {
    switch bits {
    case 8: return word | (word & 0x0080_0080_0080_0080) &* 0x1FE
    case 16: return word | (word & 0x0000_8000_0000_8000) &* 0x1_FFFE
    default: return word | (word & 0x8000_0000) &* 0x1_FFFF_FFFE
    }
}

/// The 64 bits of `word` as lanes `bits` wide, each extended to `2 * bits`: a whole v128.
@inline(__always) func widened(_ word: UInt64, bits: Int, signed: Bool) -> U64x2 {
    var low = spread(word & 0xFFFF_FFFF, bits: bits)
    var high = spread(word &>> 32, bits: bits)
    if signed {
        low = signExtended(low, bits: bits)
        high = signExtended(high, bits: bits)
    }
    return U64x2(low, high)
}

/// `extmul`: both words widened (as `W`'s lanes), then multiplied lane by lane.
@inline(__always) func extendedProduct<W: SIMD>(_ x: UInt64, _ y: UInt64, bits: Int, signed: Bool, as _: W.Type) -> W
where W.Scalar: FixedWidthInteger {
    unsafeBitCast(widened(x, bits: bits, signed: signed), to: W.self)
        &* unsafeBitCast(widened(y, bits: bits, signed: signed), to: W.self)
}

/// The even-numbered and odd-numbered `bits`-wide lanes of a v128, each extended in place to a
/// lane of `2 * bits`.
@inline(__always) func evenAndOdd(_ words: (low: UInt64, high: UInt64), bits: Int, signed: Bool) -> (
    even: U64x2, odd: U64x2
) {
    let mask: UInt64 = bits == 8 ? 0x00FF_00FF_00FF_00FF : 0x0000_FFFF_0000_FFFF
    var even = (words.low & mask, words.high & mask)
    var odd = (words.low &>> UInt64(bits) & mask, words.high &>> UInt64(bits) & mask)
    if signed {
        even = (signExtended(even.0, bits: bits), signExtended(even.1, bits: bits))
        odd = (signExtended(odd.0, bits: bits), signExtended(odd.1, bits: bits))
    }
    return (U64x2(even.0, even.1), U64x2(odd.0, odd.1))
}

/// `extadd_pairwise`: each pair of neighbouring lanes, extended and summed.
@inline(__always) func pairwiseSum<W: SIMD>(
    _ words: (low: UInt64, high: UInt64), bits: Int, signed: Bool, as _: W.Type
) -> W where W.Scalar: FixedWidthInteger {
    let (even, odd) = evenAndOdd(words, bits: bits, signed: signed)
    return unsafeBitCast(even, to: W.self) &+ unsafeBitCast(odd, to: W.self)
}

/// `i32x4.dot_i16x8_s`: products of lane pairs, summed (wrapping: only -32768² · 2 overflows).
@inline(__always) func dotProduct(_ x: (low: UInt64, high: UInt64), _ y: (low: UInt64, high: UInt64)) -> I32x4 {
    let (xEven, xOdd) = evenAndOdd(x, bits: 16, signed: true)
    let (yEven, yOdd) = evenAndOdd(y, bits: 16, signed: true)
    return unsafeBitCast(xEven, to: I32x4.self) &* unsafeBitCast(yEven, to: I32x4.self)
        &+ unsafeBitCast(xOdd, to: I32x4.self) &* unsafeBitCast(yOdd, to: I32x4.self)
}

/// The low half of each lane of two already-saturated vectors, `x`'s lanes first: the inverse of
/// `spread`.
@inline(__always) func narrowed<V: SIMD>(_ x: V, _ y: V) -> U64x2 {
    let bits = 8 * MemoryLayout<V.Scalar>.size / 2
    @inline(__always) func packed(_ word: UInt64) -> UInt64 {
        if bits == 8 {
            let bytes = word & 0x00FF_00FF_00FF_00FF
            let pairs = (bytes | bytes &>> 8) & 0x0000_FFFF_0000_FFFF
            return (pairs | pairs &>> 16) & 0xFFFF_FFFF
        }
        let halves = word & 0x0000_FFFF_0000_FFFF
        return (halves | halves &>> 16) & 0xFFFF_FFFF
    }
    let xWords = unsafeBitCast(x, to: U64x2.self)
    let yWords = unsafeBitCast(y, to: U64x2.self)
    let (x0, x1, y0, y1) = (xWords[0], xWords[1], yWords[0], yWords[1])
    return U64x2(packed(x0) | packed(x1) &<< 32, packed(y0) | packed(y1) &<< 32)
}

/// `f32x4.demote_f64x2_zero` before canonicalisation: both lanes rounded to f32, then two zeros.
@inline(__always) func demoted(_ x: F64x2) -> F32x4 { F32x4(lowHalf: SIMD2<Float>(x), highHalf: SIMD2<Float>()) }

/// `f64x2.promote_low_f32x4` before canonicalisation (exact for numbers).
@inline(__always) func promoted(_ x: SIMD2<Float>) -> F64x2 { F64x2(x) }

// Integer to float, rounding to nearest (`convert_i32x4`, `convert_low_i32x4`).
@inline(__always) func converted(_ x: I32x4) -> F32x4 { F32x4(x) }
@inline(__always) func converted(_ x: U32x4) -> F32x4 { F32x4(x) }
@inline(__always) func converted(_ x: SIMD2<Int32>) -> F64x2 { F64x2(x) }
@inline(__always) func converted(_ x: SIMD2<UInt32>) -> F64x2 { F64x2(x) }

// MARK: Lane arithmetic

/// A comparison's mask as the v128 result: all-ones lanes where true. `SIMDMask` is a frozen
/// wrapper around exactly that vector (-1 for true, 0 for false), so this is a reinterpretation.
@inline(__always) func allOnes<S: SIMD>(_ mask: SIMDMask<S>) -> S { unsafeBitCast(mask, to: S.self) }

/// Each NaN lane replaced by the canonical NaN, other lanes bit-identical (compare and blend).
@inline(__always) func canonical(_ x: F32x4) -> F32x4 {
    x.replacing(with: Float(bitPattern: CanonicalNaN.f32), where: x .!= x)
}

/// Each NaN lane replaced by the canonical NaN, other lanes bit-identical (compare and blend).
@inline(__always) func canonical(_ x: F64x2) -> F64x2 {
    x.replacing(with: Double(bitPattern: CanonicalNaN.f64), where: x .!= x)
}

/// wasm `fmin` per lane: NaN where either lane is NaN, and -0 below +0.
@inline(__always) func laneMin(_ x: F32x4, _ y: F32x4) -> F32x4 {
    // Equal lanes: OR of the bits gives -0 for {-0, +0} and the value itself otherwise.
    let either = unsafeBitCast(unsafeBitCast(x, to: U32x4.self) | unsafeBitCast(y, to: U32x4.self), to: F32x4.self)
    return y.replacing(with: x, where: x .< y).replacing(with: either, where: x .== y)
        .replacing(with: .nan, where: (x .!= x) .| (y .!= y))
}

/// wasm `fmin` per lane (see the f32x4 version).
@inline(__always) func laneMin(_ x: F64x2, _ y: F64x2) -> F64x2 {
    let either = unsafeBitCast(unsafeBitCast(x, to: U64x2.self) | unsafeBitCast(y, to: U64x2.self), to: F64x2.self)
    return y.replacing(with: x, where: x .< y).replacing(with: either, where: x .== y)
        .replacing(with: .nan, where: (x .!= x) .| (y .!= y))
}

/// wasm `fmax` per lane: NaN where either lane is NaN, and +0 above -0.
@inline(__always) func laneMax(_ x: F32x4, _ y: F32x4) -> F32x4 {
    // Equal lanes: AND of the bits gives +0 for {-0, +0} and the value itself otherwise.
    let both = unsafeBitCast(unsafeBitCast(x, to: U32x4.self) & unsafeBitCast(y, to: U32x4.self), to: F32x4.self)
    return y.replacing(with: x, where: x .> y).replacing(with: both, where: x .== y)
        .replacing(with: .nan, where: (x .!= x) .| (y .!= y))
}

/// wasm `fmax` per lane (see the f32x4 version).
@inline(__always) func laneMax(_ x: F64x2, _ y: F64x2) -> F64x2 {
    let both = unsafeBitCast(unsafeBitCast(x, to: U64x2.self) & unsafeBitCast(y, to: U64x2.self), to: F64x2.self)
    return y.replacing(with: x, where: x .> y).replacing(with: both, where: x .== y)
        .replacing(with: .nan, where: (x .!= x) .| (y .!= y))
}

/// Each lane limited to `lower...upper` (for the saturating narrowings).
@inline(__always) func clamped(_ x: I16x8, _ lower: Int16, _ upper: Int16) -> I16x8 {
    let low = I16x8(repeating: lower)
    let high = I16x8(repeating: upper)
    return x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
}

/// Each lane limited to `lower...upper` (for the saturating narrowings).
@inline(__always) func clamped(_ x: I32x4, _ lower: Int32, _ upper: Int32) -> I32x4 {
    let low = I32x4(repeating: lower)
    let high = I32x4(repeating: upper)
    return x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
}

/// `avgr_u`: (x + y + 1) / 2 without the carry out of the lane: halves plus the rounding bit.
@inline(__always) func roundingAverage<V: SIMD>(_ x: V, _ y: V) -> V
where V.Scalar: FixedWidthInteger & UnsignedInteger {
    (x &>> 1) &+ (y &>> 1) &+ ((x | y) & 1)
}

/// Byte `indices[i]` (each < 32) of the 32 bytes `table` (x's two words, then y's), for each of
/// the 16 result bytes.
///
/// Word selection by conditional moves, then a shift: no table in memory. Subscripting a `SIMD32`
/// with a variable index spilled the whole vector once per lane, and a stack buffer made the
/// compiler add a stack protector to the function using it.
@inline(__always) func lookUpBytes(
    _ table: (UInt64, UInt64, UInt64, UInt64), indices: (low: UInt64, high: UInt64)
) -> U64x2 {
    @inline(__always) func byte(_ index: UInt64) -> UInt64 {
        let x = index & 8 == 0 ? table.0 : table.1
        let y = index & 8 == 0 ? table.2 : table.3
        return ((index & 16 == 0 ? x : y) &>> ((index & 7) &<< 3)) & 0xFF
    }
    var low: UInt64 = 0
    var high: UInt64 = 0
    for lane: UInt64 in 0..<8 {
        low |= byte(indices.low &>> (lane &<< 3)) &<< (lane &<< 3)
        high |= byte(indices.high &>> (lane &<< 3)) &<< (lane &<< 3)
    }
    return U64x2(low, high)
}

/// `i16x8.q15mulr_sat_s`: (x * y + 0x4000) >> 15 per lane, in 32 bits. Only -32768 * -32768
/// leaves the range: it saturates to 32767.
@inline(__always) func q15MultiplyRoundedSaturated(
    _ x: (low: UInt64, high: UInt64), _ y: (low: UInt64, high: UInt64)
) -> U64x2 {
    let (xEven, xOdd) = evenAndOdd(x, bits: 16, signed: true)
    let (yEven, yOdd) = evenAndOdd(y, bits: 16, signed: true)
    @inline(__always) func rounded(_ x: U64x2, _ y: U64x2) -> U64x2 {
        let product = unsafeBitCast(x, to: I32x4.self) &* unsafeBitCast(y, to: I32x4.self)
        let shifted = (product &+ I32x4(repeating: 0x4000)) &>> 15
        let limit = I32x4(repeating: 0x7FFF)
        return unsafeBitCast(shifted.replacing(with: limit, where: shifted .> limit), to: U64x2.self)
            & U64x2(repeating: 0x0000_FFFF_0000_FFFF)
    }
    return rounded(xEven, yEven) | rounded(xOdd, yOdd) &<< 16
}

/// `i8x16.popcnt`: bits counted in pairs, then nibbles, then bytes.
@inline(__always) func populationCount(_ x: U8x16) -> U8x16 {
    let pairs = x &- ((x &>> 1) & 0x55)
    let nibbles = (pairs & 0x33) &+ ((pairs &>> 2) & 0x33)
    return (nibbles &+ (nibbles &>> 4)) & 0x0F
}

// Saturating addition and subtraction, one concrete function per lane type (see the note at the top).

/// Signed saturating addition: where the sum overflows, the bound on the side of `x`'s sign.
@inline(__always) func addingSaturated(_ x: I8x16, _ y: I8x16) -> I8x16 {
    let sum = x &+ y
    let bound = I8x16(repeating: .max).replacing(with: .min, where: x .< I8x16())
    return sum.replacing(with: bound, where: ((x ^ sum) & (y ^ sum)) .< I8x16())
}

/// Signed saturating addition.
@inline(__always) func addingSaturated(_ x: I16x8, _ y: I16x8) -> I16x8 {
    let sum = x &+ y
    let bound = I16x8(repeating: .max).replacing(with: .min, where: x .< I16x8())
    return sum.replacing(with: bound, where: ((x ^ sum) & (y ^ sum)) .< I16x8())
}

/// Signed saturating subtraction: overflow when the operands' signs differ and the result's sign
/// differs from `x`'s.
@inline(__always) func subtractingSaturated(_ x: I8x16, _ y: I8x16) -> I8x16 {
    let difference = x &- y
    let bound = I8x16(repeating: .max).replacing(with: .min, where: x .< I8x16())
    return difference.replacing(with: bound, where: ((x ^ y) & (x ^ difference)) .< I8x16())
}

/// Signed saturating subtraction.
@inline(__always) func subtractingSaturated(_ x: I16x8, _ y: I16x8) -> I16x8 {
    let difference = x &- y
    let bound = I16x8(repeating: .max).replacing(with: .min, where: x .< I16x8())
    return difference.replacing(with: bound, where: ((x ^ y) & (x ^ difference)) .< I16x8())
}

/// Unsigned saturating addition: a wrapped sum is smaller than an operand.
@inline(__always) func addingSaturated(_ x: U8x16, _ y: U8x16) -> U8x16 {
    let sum = x &+ y
    return sum.replacing(with: .max, where: sum .< x)
}

/// Unsigned saturating addition.
@inline(__always) func addingSaturated(_ x: U16x8, _ y: U16x8) -> U16x8 {
    let sum = x &+ y
    return sum.replacing(with: .max, where: sum .< x)
}

/// Unsigned saturating subtraction: 0 where `y` is larger.
@inline(__always) func subtractingSaturated(_ x: U8x16, _ y: U8x16) -> U8x16 {
    (x &- y).replacing(with: 0, where: x .< y)
}

/// Unsigned saturating subtraction.
@inline(__always) func subtractingSaturated(_ x: U16x8, _ y: U16x8) -> U16x8 {
    (x &- y).replacing(with: 0, where: x .< y)
}

/// `all_true`: every lane of the comparison mask set (all 128 bits of its storage are ones).
@inline(__always) func allLanesNonZero<S: SIMD & BitwiseCopyable>(_ mask: SIMDMask<S>) -> UInt64
where S.Scalar: FixedWidthInteger & SignedInteger, S.MaskStorage == S {
    let bits = unsafeBitCast(allOnes(mask), to: U64x2.self)
    return bits[0] & bits[1] == .max ? 1 : 0
}

/// The lanes' sign bits, lane 0 in bit 0.
@inline(__always) func signBits<V: SIMD>(_ x: V) -> UInt64 where V.Scalar: FixedWidthInteger & SignedInteger {
    var bits: UInt64 = 0
    for index in x.indices where x[index] < 0 { bits |= 1 << UInt64(index) }
    return bits
}
