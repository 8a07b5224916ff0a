/// The heap type of a reference: what a reference points to.
///
/// The abstract types form three hierarchies, each with a bottom type that only `null` inhabits:
/// `func` (with the module's function types below it) over `nofunc`, `extern` over `noextern`,
/// and `exn` over `noexn`. A concrete heap type is a type index into the module's type section
/// (typed function references).
///
///     let callback = ValueType.ref(.concrete(0))   // (ref 0), never null
public enum HeapType: Sendable, Hashable, CustomStringConvertible {
    /// Any function (`func`).
    case function
    /// Any host reference (`extern`).
    case extern
    /// Any exception (`exn`).
    case exception
    /// The bottom of the function hierarchy (`nofunc`): only null.
    case noFunction
    /// The bottom of the extern hierarchy (`noextern`): only null.
    case noExtern
    /// The bottom of the exception hierarchy (`noexn`): only null.
    case noException
    /// A function of the type with this index in the module's type section.
    case concrete(UInt32)

    /// The heap type's binary code for the abstract types (`0x70` for `func`, ...), `nil` for concrete ones.
    var abstractCode: UInt8? {
        switch self {
        case .function: 0x70
        case .extern: 0x6F
        case .exception: 0x69
        case .noFunction: 0x73
        case .noExtern: 0x72
        case .noException: 0x74
        case .concrete: nil
        }
    }

    /// The abstract heap type with binary code `code`, if the engine knows it.
    init?(abstractCode code: UInt8) {
        switch code {
        case 0x70: self = .function
        case 0x6F: self = .extern
        case 0x69: self = .exception
        case 0x73: self = .noFunction
        case 0x72: self = .noExtern
        case 0x74: self = .noException
        default: return nil
        }
    }

    /// The top of the hierarchy the type belongs to: `func`, `extern` or `exn`.
    var top: HeapType {
        switch self {
        case .function, .noFunction, .concrete: .function
        case .extern, .noExtern: .extern
        case .exception, .noException: .exception
        }
    }

    /// Whether this is a bottom type (`nofunc`, `noextern`, `noexn`).
    var isBottom: Bool { self == .noFunction || self == .noExtern || self == .noException }

    /// The type's name in the text format; a concrete type is its index.
    public var description: String {
        switch self {
        case .function: "func"
        case .extern: "extern"
        case .exception: "exn"
        case .noFunction: "nofunc"
        case .noExtern: "noextern"
        case .noException: "noexn"
        case .concrete(let index): "\(index)"
        }
    }
}

/// A WebAssembly value type: a number type, `v128`, or a reference type `(ref null? heaptype)`.
///
/// A value type is one 64-bit word (cheap to copy, compare and hash), so the common types are plain
/// constants (`.i32`, `.funcRef`, ...) and the validator's operand stack stays cheap. Reference types
/// carry their heap type and nullability: `.funcRef` is `(ref null func)`, and with typed function
/// references (`Features.full`) a type may name a function type by index or exclude null.
/// `(ref null func)` built with `ref(_:nullable:)` is the same value as `.funcRef`.
///
///     let types: [ValueType] = [.i32, .funcRef, .ref(.concrete(2)), .ref(.function, nullable: true)]
///     types[3] == .funcRef   // true
public struct ValueType: Sendable, Hashable, CustomStringConvertible {
    /// Bits 0-7: the binary code of a number or vector type, or of a reference's abstract heap type
    /// (0 for a concrete one); bit 8: a reference type; bit 9: nullable; bits 32-63: the concrete
    /// heap type's index.
    let bits: UInt64

    private init(bits: UInt64) { self.bits = bits }

    private init(numberCode code: UInt8) { bits = UInt64(code) }

    /// 32-bit integer.
    public static let i32 = ValueType(numberCode: 0x7F)
    /// 64-bit integer.
    public static let i64 = ValueType(numberCode: 0x7E)
    /// 32-bit IEEE 754 float, kept bit-exact.
    public static let f32 = ValueType(numberCode: 0x7D)
    /// 64-bit IEEE 754 float, kept bit-exact.
    public static let f64 = ValueType(numberCode: 0x7C)
    /// 128-bit vector (fixed-width SIMD).
    public static let v128 = ValueType(numberCode: 0x7B)
    /// A nullable reference to any function, `(ref null func)`.
    public static let funcRef = ValueType.ref(.function, nullable: true)
    /// A nullable opaque host reference, `(ref null extern)`.
    public static let externRef = ValueType.ref(.extern, nullable: true)
    /// A nullable reference to a caught exception, `(ref null exn)` (exception handling, `exnref` form).
    public static let exnRef = ValueType.ref(.exception, nullable: true)

    /// The reference type `(ref null? heapType)`; non-null unless `nullable`.
    ///
    ///     ValueType.ref(.concrete(0))                  // (ref 0)
    ///     ValueType.ref(.noFunction, nullable: true)   // nullfuncref
    public static func ref(_ heapType: HeapType, nullable: Bool = false) -> ValueType {
        let nullBit: UInt64 = nullable ? 0x200 : 0
        if case .concrete(let index) = heapType { return ValueType(bits: UInt64(index) << 32 | 0x100 | nullBit) }
        return ValueType(bits: UInt64(heapType.abstractCode!) | 0x100 | nullBit)
    }

    /// The number or vector type with binary code `code` (`0x7F` for `i32`, ... `0x7B` for `v128`), or a
    /// nullable abstract reference type by its one-byte abbreviation (`0x70` for `funcref`, ...).
    init?(code: UInt8) {
        switch code {
        case 0x7B...0x7F: self.init(numberCode: code)
        default:
            guard let heap = HeapType(abstractCode: code) else { return nil }
            self = .ref(heap, nullable: true)
        }
    }

    /// Whether values of this type are references.
    public var isReference: Bool { bits & 0x100 != 0 }

    /// Whether a reference type admits null (`false` for number and vector types).
    public var isNullable: Bool { bits & 0x200 != 0 }

    /// What a reference type points to; `nil` for number and vector types.
    public var heapType: HeapType? {
        guard isReference else { return nil }
        let code = UInt8(truncatingIfNeeded: bits)
        return code == 0 ? .concrete(UInt32(truncatingIfNeeded: bits >> 32)) : HeapType(abstractCode: code)
    }

    /// Whether a local of this type starts with a default value (every type but a non-null reference).
    var isDefaultable: Bool { !isReference || isNullable }

    /// The same reference type without null, `(ref ht)`.
    var nonNullable: ValueType { ValueType(bits: bits & ~0x200) }

    /// The type with its concrete heap type index (if any) replaced by `transform(index)`.
    func mapTypeIndex(_ transform: (UInt32) -> UInt32) -> ValueType {
        guard isReference, UInt8(truncatingIfNeeded: bits) == 0 else { return self }
        return ValueType(bits: bits & 0xFFFF_FFFF | UInt64(transform(UInt32(truncatingIfNeeded: bits >> 32))) << 32)
    }

    /// The one-byte binary encoding of a number type, `v128` or a nullable abstract reference
    /// (`funcref`, ...), or `nil` when the type needs `0x63`/`0x64` and a heap type.
    var shortCode: UInt8? {
        if !isReference { return UInt8(truncatingIfNeeded: bits) }
        guard isNullable, let code = heapType?.abstractCode else { return nil }
        return code
    }

    /// The type's binary encoding.
    var encoding: [UInt8] {
        if let shortCode { return [shortCode] }
        var bytes: [UInt8] = [isNullable ? 0x63 : 0x64]
        switch heapType! {
        case .concrete(let index):
            // s33: non-negative, 7 bits per byte.
            var value = UInt64(index)
            while true {
                let byte = UInt8(value & 0x7F)
                value >>= 7
                if value == 0 && byte & 0x40 == 0 {
                    bytes.append(byte)
                    break
                }
                bytes.append(byte | 0x80)
            }
        case let heap: bytes.append(heap.abstractCode!)
        }
        return bytes
    }

    /// How many 64-bit slots a value of this type occupies in the interpreter.
    var slotCount: Int { bits == 0x7B ? 2 : 1 }

    /// The type's name in the text format (`i32`, `funcref`, `(ref 0)`, `(ref null nofunc)`, ...).
    public var description: String {
        switch self {
        case .i32: return "i32"
        case .i64: return "i64"
        case .f32: return "f32"
        case .f64: return "f64"
        case .v128: return "v128"
        case .funcRef: return "funcref"
        case .externRef: return "externref"
        case .exnRef: return "exnref"
        default: return "(ref \(isNullable ? "null " : "")\(heapType!))"
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
