// Each scalar operation's meaning, stated once. Every handler that runs it (the op on slots, its
// immediate form, its compare-and-branch forms, the chains and load-fused ops that end in it)
// passes one of these to its shape helper (`i32Binary`, `branchOn`, `chainFloat`, ...), which is
// `@inline(__always)`: the operation is inlined into each handler, so naming it costs nothing.
// Integer slots hold unsigned bits; the signed forms reinterpret them. Float results are not
// canonicalised here: the shape helpers do that on the way to the slot (docs/DETERMINISM.md §2).

/// The i32 operations, on the unsigned bits of their operands.
enum I32 {
    @inline(__always) static func add(_ x: UInt32, _ y: UInt32) -> UInt32 { x &+ y }
    @inline(__always) static func sub(_ x: UInt32, _ y: UInt32) -> UInt32 { x &- y }
    @inline(__always) static func mul(_ x: UInt32, _ y: UInt32) -> UInt32 { x &* y }
    @inline(__always) static func and(_ x: UInt32, _ y: UInt32) -> UInt32 { x & y }
    @inline(__always) static func or(_ x: UInt32, _ y: UInt32) -> UInt32 { x | y }
    @inline(__always) static func xor(_ x: UInt32, _ y: UInt32) -> UInt32 { x ^ y }
    /// `&<<` and `&>>` mask the count to 0...31, as wasm does.
    @inline(__always) static func shl(_ x: UInt32, _ y: UInt32) -> UInt32 { x &<< y }
    @inline(__always) static func shrU(_ x: UInt32, _ y: UInt32) -> UInt32 { x &>> y }
    @inline(__always) static func shrS(_ x: UInt32, _ y: UInt32) -> UInt32 {
        UInt32(bitPattern: Int32(bitPattern: x) &>> Int32(bitPattern: y))
    }
    @inline(__always) static func rotl(_ x: UInt32, _ y: UInt32) -> UInt32 { x.rotatedLeft(by: y) }
    @inline(__always) static func rotr(_ x: UInt32, _ y: UInt32) -> UInt32 { x.rotatedRight(by: y) }

    @inline(__always) static func eq(_ x: UInt32, _ y: UInt32) -> Bool { x == y }
    @inline(__always) static func ne(_ x: UInt32, _ y: UInt32) -> Bool { x != y }
    @inline(__always) static func ltU(_ x: UInt32, _ y: UInt32) -> Bool { x < y }
    @inline(__always) static func gtU(_ x: UInt32, _ y: UInt32) -> Bool { x > y }
    @inline(__always) static func leU(_ x: UInt32, _ y: UInt32) -> Bool { x <= y }
    @inline(__always) static func geU(_ x: UInt32, _ y: UInt32) -> Bool { x >= y }
    @inline(__always) static func ltS(_ x: UInt32, _ y: UInt32) -> Bool { Int32(bitPattern: x) < Int32(bitPattern: y) }
    @inline(__always) static func gtS(_ x: UInt32, _ y: UInt32) -> Bool { Int32(bitPattern: x) > Int32(bitPattern: y) }
    @inline(__always) static func leS(_ x: UInt32, _ y: UInt32) -> Bool { Int32(bitPattern: x) <= Int32(bitPattern: y) }
    @inline(__always) static func geS(_ x: UInt32, _ y: UInt32) -> Bool { Int32(bitPattern: x) >= Int32(bitPattern: y) }
}

/// The i64 operations, on the unsigned bits of their operands.
enum I64 {
    @inline(__always) static func add(_ x: UInt64, _ y: UInt64) -> UInt64 { x &+ y }
    @inline(__always) static func sub(_ x: UInt64, _ y: UInt64) -> UInt64 { x &- y }
    @inline(__always) static func mul(_ x: UInt64, _ y: UInt64) -> UInt64 { x &* y }
    @inline(__always) static func and(_ x: UInt64, _ y: UInt64) -> UInt64 { x & y }
    @inline(__always) static func or(_ x: UInt64, _ y: UInt64) -> UInt64 { x | y }
    @inline(__always) static func xor(_ x: UInt64, _ y: UInt64) -> UInt64 { x ^ y }
    /// `&<<` and `&>>` mask the count to 0...63, as wasm does.
    @inline(__always) static func shl(_ x: UInt64, _ y: UInt64) -> UInt64 { x &<< y }
    @inline(__always) static func shrU(_ x: UInt64, _ y: UInt64) -> UInt64 { x &>> y }
    @inline(__always) static func shrS(_ x: UInt64, _ y: UInt64) -> UInt64 {
        UInt64(bitPattern: Int64(bitPattern: x) &>> Int64(bitPattern: y))
    }
    @inline(__always) static func rotl(_ x: UInt64, _ y: UInt64) -> UInt64 { x.rotatedLeft(by: y) }
    @inline(__always) static func rotr(_ x: UInt64, _ y: UInt64) -> UInt64 { x.rotatedRight(by: y) }

    @inline(__always) static func eq(_ x: UInt64, _ y: UInt64) -> Bool { x == y }
    @inline(__always) static func ne(_ x: UInt64, _ y: UInt64) -> Bool { x != y }
    @inline(__always) static func ltU(_ x: UInt64, _ y: UInt64) -> Bool { x < y }
    @inline(__always) static func gtU(_ x: UInt64, _ y: UInt64) -> Bool { x > y }
    @inline(__always) static func leU(_ x: UInt64, _ y: UInt64) -> Bool { x <= y }
    @inline(__always) static func geU(_ x: UInt64, _ y: UInt64) -> Bool { x >= y }
    @inline(__always) static func ltS(_ x: UInt64, _ y: UInt64) -> Bool { Int64(bitPattern: x) < Int64(bitPattern: y) }
    @inline(__always) static func gtS(_ x: UInt64, _ y: UInt64) -> Bool { Int64(bitPattern: x) > Int64(bitPattern: y) }
    @inline(__always) static func leS(_ x: UInt64, _ y: UInt64) -> Bool { Int64(bitPattern: x) <= Int64(bitPattern: y) }
    @inline(__always) static func geS(_ x: UInt64, _ y: UInt64) -> Bool { Int64(bitPattern: x) >= Int64(bitPattern: y) }
}

/// The f32 and f64 operations shared by both widths (IEEE arithmetic and ordered comparisons;
/// `wasmMin`/`wasmMax` for min and max). Their NaN results are canonicalised by the caller.
enum FloatOperations<F: BinaryFloatingPoint> {
    @inline(__always) static func add(_ x: F, _ y: F) -> F { x + y }
    @inline(__always) static func sub(_ x: F, _ y: F) -> F { x - y }
    /// `second - first` with the first operation's result on the right (`f64…ThenSubFrom`).
    @inline(__always) static func subFrom(_ x: F, _ y: F) -> F { y - x }
    @inline(__always) static func mul(_ x: F, _ y: F) -> F { x * y }
    @inline(__always) static func div(_ x: F, _ y: F) -> F { x / y }
    @inline(__always) static func min(_ x: F, _ y: F) -> F { wasmMin(x, y) }
    @inline(__always) static func max(_ x: F, _ y: F) -> F { wasmMax(x, y) }

    @inline(__always) static func eq(_ x: F, _ y: F) -> Bool { x == y }
    @inline(__always) static func ne(_ x: F, _ y: F) -> Bool { x != y }
    @inline(__always) static func lt(_ x: F, _ y: F) -> Bool { x < y }
    @inline(__always) static func gt(_ x: F, _ y: F) -> Bool { x > y }
    @inline(__always) static func le(_ x: F, _ y: F) -> Bool { x <= y }
    @inline(__always) static func ge(_ x: F, _ y: F) -> Bool { x >= y }
}

/// The f32 operations.
typealias F32 = FloatOperations<Float>
/// The f64 operations.
typealias F64 = FloatOperations<Double>
