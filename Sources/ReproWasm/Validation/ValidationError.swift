/// A well-formed module breaks one of WebAssembly's validation rules, or uses a proposal outside the
/// chosen `Features`.
///
/// `description` starts with the spec's wording (the text the official test suite expects), then
/// says where: the byte offset, and inside code the function index.
public struct ValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Which rule was broken.
    public enum Reason: Equatable, Sendable {
        case typeMismatch(String)
        case unknownType(UInt32)
        case unknownFunction(UInt32)
        case unknownTable(UInt32)
        case unknownMemory(UInt32)
        case unknownGlobal(UInt32)
        case unknownLocal(UInt32)
        case unknownLabel(UInt32)
        case unknownDataSegment(UInt32)
        case unknownElementSegment(UInt32)
        case alignmentTooLarge
        case invalidLaneIndex
        case invalidResultArity
        case constantExpressionRequired
        case duplicateExportName(String)
        case globalIsImmutable
        case memorySizeTooLarge
        case tableSizeTooLarge
        case sizeMinimumGreaterThanMaximum
        case startFunctionType
        case undeclaredFunctionReference
        case uninitializedLocal
        case multipleMemories
        case multipleTables
        case dataCountRequired
        case offsetOutOfRange
        case tooManyLocals
        case functionTooLarge
        /// The module uses `feature`, which the chosen `Features` does not include (or the engine never supports).
        case featureNotEnabled(Feature)

        /// The spec's wording.
        public var text: String {
            switch self {
            case .typeMismatch(let detail): detail.isEmpty ? "type mismatch" : "type mismatch: \(detail)"
            case .unknownType(let i): "unknown type \(i)"
            case .unknownFunction(let i): "unknown function \(i)"
            case .unknownTable(let i): "unknown table \(i)"
            case .unknownMemory(let i): "unknown memory \(i)"
            case .unknownGlobal(let i): "unknown global \(i)"
            case .unknownLocal(let i): "unknown local \(i)"
            case .unknownLabel(let i): "unknown label \(i)"
            case .unknownDataSegment(let i): "unknown data segment \(i)"
            case .unknownElementSegment(let i): "unknown elem segment \(i)"
            case .alignmentTooLarge: "alignment must not be larger than natural"
            case .invalidLaneIndex: "invalid lane index"
            case .invalidResultArity: "invalid result arity"
            case .constantExpressionRequired: "constant expression required"
            case .duplicateExportName(let name): "duplicate export name \"\(name)\""
            case .globalIsImmutable: "immutable global"
            case .memorySizeTooLarge: "memory size must be at most 65536 pages (4GiB)"
            case .tableSizeTooLarge: "table size must be at most 2^32-1"
            case .sizeMinimumGreaterThanMaximum: "size minimum must not be greater than maximum"
            case .startFunctionType: "start function must have type [] -> []"
            case .undeclaredFunctionReference: "undeclared function reference"
            case .uninitializedLocal: "uninitialized local"
            case .multipleMemories: "multiple memories"
            case .multipleTables: "multiple tables"
            case .dataCountRequired: "data count section required"
            case .offsetOutOfRange: "offset out of range"
            case .tooManyLocals: "too many locals"
            case .functionTooLarge: "function too large for the engine's frame layout"
            case .featureNotEnabled(.extendedConst):
                "constant expression required (extended const is not enabled)"
            case .featureNotEnabled(let feature):
                feature.isImplemented ? "\(feature) is not enabled" : "\(feature) is not supported"
            }
        }
    }

    /// Which rule was broken.
    public var reason: Reason
    /// The byte offset in the module's bytes.
    public var offset: Int
    /// The index of the function whose code broke the rule, if any.
    public var functionIndex: UInt32?

    /// Creates an error.
    public init(_ reason: Reason, at offset: Int, function functionIndex: UInt32? = nil) {
        self.reason = reason
        self.offset = offset
        self.functionIndex = functionIndex
    }

    /// The reason in the spec's words, then where.
    public var description: String {
        let place = functionIndex.map { " in function \($0)" } ?? ""
        return "\(reason.text) (at offset 0x\(String(offset, radix: 16))\(place))"
    }
}
