// The canonical ABI's view of value types at run time (CanonicalABI.md, "Despecialization",
// "Alignment", "Element Size", "Flattening"): every specialised type (tuple, enum, option, result)
// keeps its own case here so values lift to the right `ComponentValue`, but sizes, alignments and
// flattening follow the records and variants they despecialise to.

/// A resource type of a running component: its identity, and the destructor and owner the defining
/// component gave it.
final class RuntimeResourceType {
    /// Unique among the resource types alive in the process (the object's address).
    var id: Int { Int(bitPattern: ObjectIdentifier(self)) }
    /// The core destructor (`(resource (rep i32) (dtor f))`), if any, as a function of the store the
    /// defining component lives in (a handle: the store's own functions must not keep it alive).
    let destructor: UnsafeMutablePointer<FunctionInstance>?
    /// The instance that defined it (nil for host-defined and abstract ones).
    weak var owner: ComponentInstanceState?
    /// For a resource the host defines: what runs when a component drops an owned handle.
    var hostDestructor: ((UInt32) throws -> Void)?
    /// Whether a component defined it (`owner` stays nil for host-defined and abstract types, and
    /// becomes nil when the defining instance is gone).
    let isDefinedByComponent: Bool

    init(
        destructor: UnsafeMutablePointer<FunctionInstance>?, owner: ComponentInstanceState?,
        hostDestructor: ((UInt32) throws -> Void)? = nil
    ) {
        self.destructor = destructor
        self.owner = owner
        self.isDefinedByComponent = owner != nil
        self.hostDestructor = hostDestructor
    }
}

/// A component value type, resolved.
indirect enum CanonicalType {
    case bool, s8, u8, s16, u16, s32, u32, s64, u64, f32, f64, char, string
    case list(CanonicalType)
    case record([(label: String, type: CanonicalType)])
    case tuple([CanonicalType])
    case variant([(label: String, type: CanonicalType?)])
    case `enum`([String])
    case option(CanonicalType)
    case result(ok: CanonicalType?, error: CanonicalType?)
    case flags([String])
    case own(RuntimeResourceType)
    case borrow(RuntimeResourceType)

    init(_ primitive: PrimitiveValueType) {
        switch primitive {
        case .bool: self = .bool
        case .s8: self = .s8
        case .u8: self = .u8
        case .s16: self = .s16
        case .u16: self = .u16
        case .s32: self = .s32
        case .u32: self = .u32
        case .s64: self = .s64
        case .u64: self = .u64
        case .f32: self = .f32
        case .f64: self = .f64
        case .char: self = .char
        case .string: self = .string
        }
    }

    /// The payload types of the variant this type despecialises to, or nil when it is not a variant.
    var variantPayloads: [CanonicalType?]? {
        switch self {
        case .variant(let cases): cases.map(\.type)
        case .enum(let labels): Array(repeating: nil, count: labels.count)
        case .option(let type): [nil, type]
        case .result(let ok, let error): [ok, error]
        default: nil
        }
    }

    /// The field types of the record this type despecialises to, or nil.
    var recordFields: [CanonicalType]? {
        switch self {
        case .record(let fields): fields.map(\.type)
        case .tuple(let types): types
        default: nil
        }
    }

    /// The byte size of the discriminant of a variant with `count` cases.
    static func discriminantSize(_ count: Int) -> Int { count <= 256 ? 1 : count <= 65536 ? 2 : 4 }

    /// The byte size of a flags value with `count` labels.
    static func flagsSize(_ count: Int) -> Int { count <= 8 ? 1 : count <= 16 ? 2 : 4 }

    var alignment: Int {
        switch self {
        case .bool, .s8, .u8: return 1
        case .s16, .u16: return 2
        case .s32, .u32, .f32, .char, .own, .borrow, .string, .list: return 4
        case .s64, .u64, .f64: return 8
        case .flags(let labels): return Self.flagsSize(labels.count)
        default:
            if let fields = recordFields { return fields.map(\.alignment).max() ?? 1 }
            let payloads = variantPayloads!
            return max(Self.discriminantSize(payloads.count), Self.maxCaseAlignment(payloads))
        }
    }

    static func maxCaseAlignment(_ payloads: [CanonicalType?]) -> Int {
        payloads.reduce(1) { max($0, $1?.alignment ?? 1) }
    }

    /// The size in bytes of the type stored in memory (`elem_size`).
    var size: Int {
        switch self {
        case .bool, .s8, .u8: return 1
        case .s16, .u16: return 2
        case .s32, .u32, .f32, .char, .own, .borrow: return 4
        case .s64, .u64, .f64, .string, .list: return 8
        case .flags(let labels): return Self.flagsSize(labels.count)
        default:
            if let fields = recordFields {
                var size = 0
                for field in fields { size = alignUp(size, field.alignment) + field.size }
                return alignUp(size, alignment)
            }
            let payloads = variantPayloads!
            var size = alignUp(Self.discriminantSize(payloads.count), Self.maxCaseAlignment(payloads))
            size += payloads.reduce(0) { max($0, $1?.size ?? 0) }
            return alignUp(size, alignment)
        }
    }

    /// The core value types the type flattens to.
    var flat: [ValueType] {
        switch self {
        case .s64, .u64: return [.i64]
        case .f32: return [.f32]
        case .f64: return [.f64]
        case .string, .list: return [.i32, .i32]
        case .bool, .s8, .u8, .s16, .u16, .s32, .u32, .char, .own, .borrow, .flags, .enum: return [.i32]
        default:
            if let fields = recordFields { return fields.flatMap(\.flat) }
            return [.i32] + Self.joinedPayloads(variantPayloads!)
        }
    }

    /// The flat types of a variant's payloads, joined position by position.
    static func joinedPayloads(_ payloads: [CanonicalType?]) -> [ValueType] {
        var joined: [ValueType] = []
        for case let payload? in payloads {
            for (index, type) in payload.flat.enumerated() {
                if index < joined.count {
                    let a = joined[index]
                    joined[index] =
                        a == type ? a : ((a == .i32 && type == .f32) || (a == .f32 && type == .i32)) ? .i32 : .i64
                } else {
                    joined.append(type)
                }
            }
        }
        return joined
    }
}

extension CanonicalType {
    /// The type with the resources in `map` (by identity) replaced.
    func substituting(_ map: [ObjectIdentifier: RuntimeResourceType]) -> CanonicalType {
        switch self {
        case .own(let resource): return .own(map[ObjectIdentifier(resource)] ?? resource)
        case .borrow(let resource): return .borrow(map[ObjectIdentifier(resource)] ?? resource)
        case .list(let element): return .list(element.substituting(map))
        case .record(let fields): return .record(fields.map { ($0.label, $0.type.substituting(map)) })
        case .tuple(let types): return .tuple(types.map { $0.substituting(map) })
        case .variant(let cases): return .variant(cases.map { ($0.label, $0.type?.substituting(map)) })
        case .option(let element): return .option(element.substituting(map))
        case .result(let ok, let error): return .result(ok: ok?.substituting(map), error: error?.substituting(map))
        default: return self
        }
    }
}

/// `value` rounded up to a multiple of `alignment`.
func alignUp(_ value: Int, _ alignment: Int) -> Int { (value + alignment - 1) / alignment * alignment }

/// A component function type, resolved.
struct CanonicalFunctionType {
    var parameters: [(label: String, type: CanonicalType)]
    var result: CanonicalType?

    var parameterTypes: [CanonicalType] { parameters.map(\.type) }
    var resultTypes: [CanonicalType] { result.map { [$0] } ?? [] }
}
