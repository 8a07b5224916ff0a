/// A reference to a function in a store: the value of a non-null `funcref`.
///
/// It can be passed back into the store it came from; it cannot be forged.
public struct FunctionReference: Hashable, Sendable {
    /// The address of the store's function record.
    let raw: UInt64
}

/// An opaque host reference: the value of a non-null `externref`.
///
/// The engine never looks inside; two references are equal when their ids are.
public struct ExternalReference: Hashable, Sendable {
    /// The embedder's id for the referenced host object (less than `UInt64.max`).
    public let id: UInt64

    /// Creates a reference with the embedder's `id`.
    public init(id: UInt64) {
        precondition(id != UInt64.max, "ExternalReference ids must be less than UInt64.max")
        self.id = id
    }
}

/// A WebAssembly value, bit-exact: floats are kept as their bit patterns so NaN payloads survive.
///
///     let x = Value.f64(1.5)           // from a Double
///     let nan = Value.f64Bits(0x7FF8_0000_0000_0001)
///     print(x.type, nan)
public enum Value: Hashable, Sendable, CustomStringConvertible {
    /// An `i32`, as its 32 bits (signedness is the instruction's business).
    case i32(UInt32)
    /// An `i64`, as its 64 bits.
    case i64(UInt64)
    /// An `f32`, as its IEEE 754 bit pattern.
    case f32Bits(UInt32)
    /// An `f64`, as its IEEE 754 bit pattern.
    case f64Bits(UInt64)
    /// A `v128`, as its low and high 64 bits (lane 0 is the lowest byte of `low`).
    case v128(low: UInt64, high: UInt64)
    /// A `funcref`: `nil` is the null reference.
    case funcRef(FunctionReference?)
    /// An `externref`: `nil` is the null reference.
    case externRef(ExternalReference?)
    /// An `exnref`: `nil` is the null reference.
    case exnRef(ExceptionReference?)

    /// An `i32` from a signed integer.
    public static func i32(_ value: Int32) -> Value { .i32(UInt32(bitPattern: value)) }
    /// An `i64` from a signed integer.
    public static func i64(_ value: Int64) -> Value { .i64(UInt64(bitPattern: value)) }
    /// An `i32` from an `Int`, so integer literals need no conversion: `.i32(42)`, `.i32(-1)`,
    /// `.i32(0xFFFF_FFFF)` (the same bits as -1).
    ///
    /// - Precondition: `value` fits in 32 bits, signed or unsigned (-2³¹ ... 2³² − 1), as
    ///   `Int32(value)` requires it to fit.
    public static func i32(_ value: Int) -> Value {
        precondition(value >= Int(Int32.min) && value <= Int(UInt32.max), "\(value) does not fit in an i32")
        return .i32(UInt32(truncatingIfNeeded: value))
    }
    /// An `i64` from an `Int`, so integer literals need no conversion: `.i64(42)`, `.i64(-1)`.
    public static func i64(_ value: Int) -> Value { .i64(UInt64(truncatingIfNeeded: value)) }
    /// An `f32` from a `Float` (its bits, unchanged).
    public static func f32(_ value: Float) -> Value { .f32Bits(value.bitPattern) }
    /// An `f64` from a `Double` (its bits, unchanged).
    public static func f64(_ value: Double) -> Value { .f64Bits(value.bitPattern) }

    /// The value's type.
    public var type: ValueType {
        switch self {
        case .i32: .i32
        case .i64: .i64
        case .f32Bits: .f32
        case .f64Bits: .f64
        case .v128: .v128
        case .funcRef: .funcRef
        case .externRef: .externRef
        case .exnRef: .exnRef
        }
    }

    /// The `i32` as a signed integer, or `nil` for another type.
    public var i32: Int32? { if case .i32(let bits) = self { Int32(bitPattern: bits) } else { nil } }
    /// The `i64` as a signed integer, or `nil` for another type.
    public var i64: Int64? { if case .i64(let bits) = self { Int64(bitPattern: bits) } else { nil } }
    /// The `f32` as a `Float`, or `nil` for another type.
    public var f32: Float? { if case .f32Bits(let bits) = self { Float(bitPattern: bits) } else { nil } }
    /// The `f64` as a `Double`, or `nil` for another type.
    public var f64: Double? { if case .f64Bits(let bits) = self { Double(bitPattern: bits) } else { nil } }

    /// The zero value of `type` (null for references, also for a non-null type, which has no default).
    public static func zero(_ type: ValueType) -> Value {
        switch type.heapType?.top {
        case .function?: return .funcRef(nil)
        case .extern?: return .externRef(nil)
        case .exception?: return .exnRef(nil)
        default: break
        }
        switch type {
        case .i32: return .i32(UInt32(0))
        case .i64: return .i64(UInt64(0))
        case .f32: return .f32Bits(0)
        case .f64: return .f64Bits(0)
        default: return .v128(low: 0, high: 0)
        }
    }

    /// Whether the value may be passed where `type` is expected: the same number type, or a reference
    /// of `type`'s hierarchy that is null only if `type` is nullable. A value does not know its store,
    /// so whether a function reference has the concrete function type a typed reference names is
    /// checked by the store it is passed to (calls, globals and tables check it).
    ///
    ///     Value.externRef(nil).matches(.externRef)                  // true
    ///     Value.externRef(nil).matches(.ref(.extern))               // false: (ref extern) excludes null
    ///     Value.externRef(ExternalReference(id: 1)).matches(.ref(.extern))   // true
    public func matches(_ type: ValueType) -> Bool {
        guard let heap = type.heapType else { return self.type == type }
        let isNull: Bool
        switch (self, heap.top) {
        case (.funcRef(let reference), .function): isNull = reference == nil
        case (.externRef(let reference), .extern): isNull = reference == nil
        case (.exnRef(let reference), .exception): isNull = reference == nil
        default: return false
        }
        if isNull { return type.isNullable }
        return !heap.isBottom
    }

    /// The value with its type, e.g. `i32:42`, `f64:1.5 (0x3ff8000000000000)`.
    public var description: String {
        switch self {
        case .i32(let bits): "i32:\(Int32(bitPattern: bits))"
        case .i64(let bits): "i64:\(Int64(bitPattern: bits))"
        case .f32Bits(let bits): "f32:\(Float(bitPattern: bits)) (0x\(String(bits, radix: 16)))"
        case .f64Bits(let bits): "f64:\(Double(bitPattern: bits)) (0x\(String(bits, radix: 16)))"
        case .v128(let low, let high): "v128:0x\(hex(high))\(hex(low))"
        case .funcRef(let reference): reference == nil ? "funcref:null" : "funcref"
        case .externRef(let reference): reference.map { "externref:\($0.id)" } ?? "externref:null"
        case .exnRef(let reference): reference == nil ? "exnref:null" : "exnref"
        }
    }

    private func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    // MARK: Slots

    /// Writes the value into interpreter slots (two for v128).
    func store(to slots: UnsafeMutablePointer<UInt64>) {
        switch self {
        case .i32(let bits): slots[0] = UInt64(bits)
        case .i64(let bits): slots[0] = bits
        case .f32Bits(let bits): slots[0] = UInt64(bits)
        case .f64Bits(let bits): slots[0] = bits
        case .v128(let low, let high):
            slots[0] = low
            slots[1] = high
        case .funcRef(let reference): slots[0] = reference?.raw ?? 0
        case .externRef(let reference): slots[0] = reference.map { $0.id &+ 1 } ?? 0
        case .exnRef(let reference): slots[0] = reference?.raw ?? 0
        }
    }

    /// Reads a value of `type` from interpreter slots of the store whose identity is `store` (an
    /// `exnref` slot holds only the exception's index; the reference carries its store).
    static func load(_ type: ValueType, from slots: UnsafePointer<UInt64>, store: UInt64) -> Value {
        switch type.heapType?.top {
        case .function?: return .funcRef(slots[0] == 0 ? nil : FunctionReference(raw: slots[0]))
        case .extern?: return .externRef(slots[0] == 0 ? nil : ExternalReference(id: slots[0] &- 1))
        case .exception?: return .exnRef(slots[0] == 0 ? nil : ExceptionReference(raw: slots[0], store: store))
        default: break
        }
        switch type {
        case .i32: return .i32(UInt32(truncatingIfNeeded: slots[0]))
        case .i64: return .i64(slots[0])
        case .f32: return .f32Bits(UInt32(truncatingIfNeeded: slots[0]))
        case .f64: return .f64Bits(slots[0])
        default: return .v128(low: slots[0], high: slots[1])
        }
    }
}
