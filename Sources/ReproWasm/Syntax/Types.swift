/// A WebAssembly value type.
///
/// The raw value is the type's binary encoding (`0x7F` for `i32`, `0x70` for `funcref`, ...).
public enum ValueType: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// 32-bit integer.
    case i32 = 0x7F
    /// 64-bit integer.
    case i64 = 0x7E
    /// 32-bit IEEE 754 float, kept bit-exact.
    case f32 = 0x7D
    /// 64-bit IEEE 754 float, kept bit-exact.
    case f64 = 0x7C
    /// 128-bit vector (fixed-width SIMD).
    case v128 = 0x7B
    /// A nullable reference to a function.
    case funcRef = 0x70
    /// A nullable opaque host reference.
    case externRef = 0x6F
    /// A nullable reference to a caught exception (exception handling, `exnref` form).
    case exnRef = 0x69

    /// Whether values of this type are references (`funcref`, `externref`, `exnref`).
    public var isReference: Bool { self == .funcRef || self == .externRef || self == .exnRef }

    /// How many 64-bit slots a value of this type occupies in the interpreter.
    var slotCount: Int { self == .v128 ? 2 : 1 }

    /// The type's name in the text format.
    public var description: String {
        switch self {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        case .v128: "v128"
        case .funcRef: "funcref"
        case .externRef: "externref"
        case .exnRef: "exnref"
        }
    }
}

/// The type of a function: its parameter and result types.
public struct FunctionType: Sendable, Hashable, CustomStringConvertible {
    /// The parameter types, in order.
    public var parameters: [ValueType]
    /// The result types, in order.
    public var results: [ValueType]

    /// Creates a function type.
    public init(parameters: [ValueType] = [], results: [ValueType] = []) {
        self.parameters = parameters
        self.results = results
    }

    /// The type in text-format notation, e.g. `(i32, i32) -> (i64)`.
    public var description: String {
        "(\(parameters.map(\.description).joined(separator: ", "))) -> (\(results.map(\.description).joined(separator: ", ")))"
    }
}

/// Size limits of a memory (in 64 KiB pages) or a table (in elements).
public struct Limits: Sendable, Hashable, CustomStringConvertible {
    /// The initial size.
    public var min: UInt64
    /// The maximum size, if the module declares one.
    public var max: UInt64?

    /// Creates limits.
    public init(min: UInt64, max: UInt64? = nil) {
        self.min = min
        self.max = max
    }

    /// The limits in text-format notation, e.g. `1 2`.
    public var description: String { max.map { "\(min) \($0)" } ?? "\(min)" }

    /// Whether limits `self` may be used where `other` is expected (import subtyping).
    func isSubtype(of other: Limits) -> Bool {
        guard min >= other.min else { return false }
        guard let otherMax = other.max else { return true }
        guard let max else { return false }
        return max <= otherMax
    }
}

/// The type of a linear memory.
public struct MemoryType: Sendable, Hashable {
    /// The size limits in 64 KiB pages.
    public var limits: Limits

    /// Creates a memory type.
    public init(limits: Limits) { self.limits = limits }
}

/// The type of a table.
public struct TableType: Sendable, Hashable {
    /// The reference type of the elements.
    public var elementType: ValueType
    /// The size limits in elements.
    public var limits: Limits

    /// Creates a table type.
    public init(elementType: ValueType, limits: Limits) {
        self.elementType = elementType
        self.limits = limits
    }
}

/// The type of a global.
public struct GlobalType: Sendable, Hashable {
    /// The type of the global's value.
    public var valueType: ValueType
    /// Whether `global.set` may change it.
    public var isMutable: Bool

    /// Creates a global type.
    public init(valueType: ValueType, isMutable: Bool) {
        self.valueType = valueType
        self.isMutable = isMutable
    }
}

/// The type of an exception tag: the types of the values an exception with this tag carries.
///
/// A tag's function type has the payload as parameters and no results.
///
///     let type = TagType(parameters: [.i32])   // exceptions that carry one i32
public struct TagType: Sendable, Hashable, CustomStringConvertible {
    /// The payload types, in order.
    public var parameters: [ValueType]

    /// Creates a tag type carrying values of `parameters`.
    public init(parameters: [ValueType] = []) { self.parameters = parameters }

    /// The payload in text-format notation, e.g. `(i32, f64)`.
    public var description: String { "(\(parameters.map(\.description).joined(separator: ", ")))" }
}

/// The kind of an imported or exported entity.
public enum ExternalKind: UInt8, Sendable, Hashable, CustomStringConvertible {
    /// A function.
    case function = 0
    /// A table.
    case table = 1
    /// A linear memory.
    case memory = 2
    /// A global.
    case global = 3
    /// An exception tag.
    case tag = 4

    /// The kind's name in the text format.
    public var description: String {
        switch self {
        case .function: "func"
        case .table: "table"
        case .memory: "memory"
        case .global: "global"
        case .tag: "tag"
        }
    }
}
