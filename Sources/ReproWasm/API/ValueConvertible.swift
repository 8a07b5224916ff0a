/// A Swift type that stands for one wasm value type, for typed calls (`Function.typed`).
///
/// `Int32` and `UInt32` are `i32`, `Int64` and `UInt64` are `i64`, `Float` is `f32` and `Double` is
/// `f64`. Conversions keep the bits: a signed and an unsigned view of one `i32` are the same
/// value, and a NaN's payload survives.
///
///     Int32(-1).wasmValue == UInt32.max.wasmValue   // true: both are i32 0xffffffff
///     Double(wasmValue: .f64(1.5))                  // 1.5
public protocol ValueConvertible {
    /// The wasm type values of this Swift type have.
    static var valueType: ValueType { get }
    /// The Swift value for `wasmValue`, or `nil` if it is of another wasm type.
    init?(wasmValue: Value)
    /// The wasm value, bit-exact.
    var wasmValue: Value { get }
}

extension Int32: ValueConvertible {
    /// `i32`.
    public static var valueType: ValueType { .i32 }
    /// The `i32`'s bits as a signed integer, or `nil` for another type.
    public init?(wasmValue: Value) {
        guard case .i32(let bits) = wasmValue else { return nil }
        self.init(bitPattern: bits)
    }
    /// An `i32` with this integer's bits.
    public var wasmValue: Value { .i32(UInt32(bitPattern: self)) }
}

extension UInt32: ValueConvertible {
    /// `i32`.
    public static var valueType: ValueType { .i32 }
    /// The `i32`'s bits as an unsigned integer, or `nil` for another type.
    public init?(wasmValue: Value) {
        guard case .i32(let bits) = wasmValue else { return nil }
        self = bits
    }
    /// An `i32` with this integer's bits.
    public var wasmValue: Value { .i32(self) }
}

extension Int64: ValueConvertible {
    /// `i64`.
    public static var valueType: ValueType { .i64 }
    /// The `i64`'s bits as a signed integer, or `nil` for another type.
    public init?(wasmValue: Value) {
        guard case .i64(let bits) = wasmValue else { return nil }
        self.init(bitPattern: bits)
    }
    /// An `i64` with this integer's bits.
    public var wasmValue: Value { .i64(UInt64(bitPattern: self)) }
}

extension UInt64: ValueConvertible {
    /// `i64`.
    public static var valueType: ValueType { .i64 }
    /// The `i64`'s bits as an unsigned integer, or `nil` for another type.
    public init?(wasmValue: Value) {
        guard case .i64(let bits) = wasmValue else { return nil }
        self = bits
    }
    /// An `i64` with this integer's bits.
    public var wasmValue: Value { .i64(self) }
}

extension Float: ValueConvertible {
    /// `f32`.
    public static var valueType: ValueType { .f32 }
    /// The `f32` with its bits unchanged (NaN payloads included), or `nil` for another type.
    public init?(wasmValue: Value) {
        guard case .f32Bits(let bits) = wasmValue else { return nil }
        self.init(bitPattern: bits)
    }
    /// An `f32` with this float's bits.
    public var wasmValue: Value { .f32Bits(bitPattern) }
}

extension Double: ValueConvertible {
    /// `f64`.
    public static var valueType: ValueType { .f64 }
    /// The `f64` with its bits unchanged (NaN payloads included), or `nil` for another type.
    public init?(wasmValue: Value) {
        guard case .f64Bits(let bits) = wasmValue else { return nil }
        self.init(bitPattern: bits)
    }
    /// An `f64` with this float's bits.
    public var wasmValue: Value { .f64Bits(bitPattern) }
}
