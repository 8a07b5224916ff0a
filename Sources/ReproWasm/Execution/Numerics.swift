// Wasm numeric semantics that Swift's operators do not give directly. Every function here is total:
// inputs that would make Swift trap are handled by the caller's checks or mapped to wasm's results.

/// The positive canonical quiet NaNs of `docs/DETERMINISM.md` §2.
enum CanonicalNaN {
    static let f32: UInt32 = 0x7FC0_0000
    static let f64: UInt64 = 0x7FF8_0000_0000_0000
}

/// Stores the bits of `value` in `slot`, or the canonical NaN if it is a NaN.
///
/// The NaN case is a branch to an out-of-line store, not a select. NaNs are rare, so the branch is
/// predicted and the store goes ahead without waiting for the NaN test; a select put the test on
/// the dependency chain of every float operation (mandelbrot's inner loop is one long chain).
@inline(__always)
func storeCanonical(_ value: Float, to slot: UnsafeMutablePointer<UInt64>) {
    slot.pointee = UInt64(value.bitPattern)
    if _slowPath(value.isNaN) { storeCanonicalNaN32(to: slot) }
}

/// Stores the bits of `value` in `slot`, or the canonical NaN if it is a NaN (see the `Float` form).
@inline(__always)
func storeCanonical(_ value: Double, to slot: UnsafeMutablePointer<UInt64>) {
    slot.pointee = value.bitPattern
    if _slowPath(value.isNaN) { storeCanonicalNaN64(to: slot) }
}

/// The rare path of `storeCanonical(_:to:)` for `Float`: out of line so it stays a branch.
@inline(never)
func storeCanonicalNaN32(to slot: UnsafeMutablePointer<UInt64>) {
    slot.pointee = UInt64(CanonicalNaN.f32)
}

/// The rare path of `storeCanonical(_:to:)` for `Double`: out of line so it stays a branch.
@inline(never)
func storeCanonicalNaN64(to slot: UnsafeMutablePointer<UInt64>) {
    slot.pointee = CanonicalNaN.f64
}

/// wasm `fmin`: NaN if either is NaN, and -0 below +0.
@inline(__always)
func wasmMin<F: BinaryFloatingPoint>(_ x: F, _ y: F) -> F {
    if x.isNaN || y.isNaN { return .nan }
    if x == y { return x.sign == .minus ? x : y }
    return x < y ? x : y
}

/// wasm `fmax`: NaN if either is NaN, and +0 above -0.
@inline(__always)
func wasmMax<F: BinaryFloatingPoint>(_ x: F, _ y: F) -> F {
    if x.isNaN || y.isNaN { return .nan }
    if x == y { return x.sign == .minus ? y : x }
    return x > y ? x : y
}

extension UInt32 {
    @inline(__always) func rotatedLeft(by count: UInt32) -> UInt32 {
        let k = count & 31
        return (self &<< k) | (self &>> ((32 &- k) & 31))
    }

    @inline(__always) func rotatedRight(by count: UInt32) -> UInt32 {
        let k = count & 31
        return (self &>> k) | (self &<< ((32 &- k) & 31))
    }
}

extension UInt64 {
    @inline(__always) func rotatedLeft(by count: UInt64) -> UInt64 {
        let k = count & 63
        return (self &<< k) | (self &>> ((64 &- k) & 63))
    }

    @inline(__always) func rotatedRight(by count: UInt64) -> UInt64 {
        let k = count & 63
        return (self &>> k) | (self &<< ((64 &- k) & 63))
    }
}

// MARK: Float to integer

/// The bounds (exclusive) within which truncation to an integer type is defined.
@inline(__always)
func truncationInRange<F: BinaryFloatingPoint>(_ x: F, lowerExclusive: F, upperExclusive: F) -> Bool {
    x > lowerExclusive && x < upperExclusive
}

@inline(__always)
func truncToI32S<F: BinaryFloatingPoint>(_ x: F) throws(TrapCode) -> UInt64 {
    if x.isNaN { throw .invalidConversionToInteger }
    guard x > F(-2_147_483_649.0) && x < F(2_147_483_648.0) || (F.self == Float.self && x == F(-2_147_483_648.0))
    else { throw .integerOverflow }
    return UInt64(UInt32(bitPattern: Int32(x)))
}

@inline(__always)
func truncToI32U<F: BinaryFloatingPoint>(_ x: F) throws(TrapCode) -> UInt64 {
    if x.isNaN { throw .invalidConversionToInteger }
    guard x > -1 && x < F(4_294_967_296.0) else { throw .integerOverflow }
    return UInt64(UInt32(x))
}

@inline(__always)
func truncToI64S<F: BinaryFloatingPoint>(_ x: F) throws(TrapCode) -> UInt64 {
    if x.isNaN { throw .invalidConversionToInteger }
    guard x >= F(-9_223_372_036_854_775_808.0) && x < F(9_223_372_036_854_775_808.0) else { throw .integerOverflow }
    return UInt64(bitPattern: Int64(x))
}

@inline(__always)
func truncToI64U<F: BinaryFloatingPoint>(_ x: F) throws(TrapCode) -> UInt64 {
    if x.isNaN { throw .invalidConversionToInteger }
    guard x > -1 && x < F(18_446_744_073_709_551_616.0) else { throw .integerOverflow }
    return UInt64(x)
}

@inline(__always)
func truncSatToI32S<F: BinaryFloatingPoint>(_ x: F) -> UInt64 {
    if x.isNaN { return 0 }
    if x <= F(-2_147_483_648.0) { return UInt64(UInt32(bitPattern: Int32.min)) }
    if x >= F(2_147_483_648.0) { return UInt64(UInt32(bitPattern: Int32.max)) }
    return UInt64(UInt32(bitPattern: Int32(x)))
}

@inline(__always)
func truncSatToI32U<F: BinaryFloatingPoint>(_ x: F) -> UInt64 {
    if x.isNaN || x <= -1 { return 0 }
    if x >= F(4_294_967_296.0) { return UInt64(UInt32.max) }
    return UInt64(UInt32(x))
}

@inline(__always)
func truncSatToI64S<F: BinaryFloatingPoint>(_ x: F) -> UInt64 {
    if x.isNaN { return 0 }
    if x <= F(-9_223_372_036_854_775_808.0) { return UInt64(bitPattern: Int64.min) }
    if x >= F(9_223_372_036_854_775_808.0) { return UInt64(bitPattern: Int64.max) }
    return UInt64(bitPattern: Int64(x))
}

@inline(__always)
func truncSatToI64U<F: BinaryFloatingPoint>(_ x: F) -> UInt64 {
    if x.isNaN || x <= -1 { return 0 }
    if x >= F(18_446_744_073_709_551_616.0) { return UInt64.max }
    return UInt64(x)
}
