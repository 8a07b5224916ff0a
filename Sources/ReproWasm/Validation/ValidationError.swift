/// A well-formed module breaks one of WebAssembly's validation rules, or uses a proposal outside the
/// chosen `Features`.
///
/// `description` starts with the spec's wording (the text the official test suite expects), then
/// says where: the byte offset, and inside code the function index.
public struct ValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Which rule was broken.
    public enum Reason: Equatable, Sendable {
        /// Operands or results of the wrong types (the detail says which).
        case typeMismatch(String)
        /// A type index outside the type section.
        case unknownType(UInt32)
        /// A function index outside the function index space.
        case unknownFunction(UInt32)
        /// A table index outside the table index space.
        case unknownTable(UInt32)
        /// A memory index outside the memory index space.
        case unknownMemory(UInt32)
        /// A global index outside the global index space.
        case unknownGlobal(UInt32)
        /// A local index outside the function's locals.
        case unknownLocal(UInt32)
        /// A branch to a label depth with no enclosing block.
        case unknownLabel(UInt32)
        /// A data segment index outside the data section.
        case unknownDataSegment(UInt32)
        /// An element segment index outside the element section.
        case unknownElementSegment(UInt32)
        /// A tag index out of range.
        case unknownTag(UInt32)
        /// A tag whose type has results.
        case nonEmptyTagResultType
        /// A memarg alignment larger than the access's natural alignment.
        case alignmentTooLarge
        /// A SIMD lane index outside the vector's lanes.
        case invalidLaneIndex
        /// A typed `select` whose type list does not have exactly one type.
        case invalidResultArity
        /// A global initialiser or segment offset that is not a constant expression.
        case constantExpressionRequired
        /// Two exports with one name.
        case duplicateExportName(String)
        /// `global.set` on an immutable global.
        case globalIsImmutable
        /// Memory limits over 65536 pages.
        case memorySizeTooLarge
        /// Table limits over 2^32 - 1 elements.
        case tableSizeTooLarge
        /// Limits whose minimum is greater than their maximum.
        case sizeMinimumGreaterThanMaximum
        /// A start function whose type is not `[] -> []`.
        case startFunctionType
        /// `ref.func` of a function not declared in an element segment or export.
        case undeclaredFunctionReference
        /// A non-defaultable local read before it is set.
        case uninitializedLocal
        /// More than one memory without multi-memory.
        case multipleMemories
        /// More than one table without reference types.
        case multipleTables
        /// `memory.init` or `data.drop` without a data count section.
        case dataCountRequired
        /// A memarg offset outside the memory's address range.
        case offsetOutOfRange
        /// More locals than the engine's frame layout allows.
        case tooManyLocals
        /// A function whose frame does not fit the engine's layout.
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
            case .unknownTag(let i): "unknown tag \(i)"
            case .nonEmptyTagResultType: "non-empty tag result type"
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
    /// For a module read from the text format: where in the text the offending entry or instruction is.
    public var textPosition: TextPosition?

    /// Creates an error.
    public init(_ reason: Reason, at offset: Int, function functionIndex: UInt32? = nil) {
        self.reason = reason
        self.offset = offset
        self.functionIndex = functionIndex
    }

    /// The reason in the spec's words, then where: the text's line and column for a text module, else
    /// the byte offset.
    public var description: String {
        let place = functionIndex.map { " in function \($0)" } ?? ""
        let hint = enablingProfile.map { "; \($0) enables it" } ?? ""
        if let textPosition { return "\(reason.text) (at \(textPosition)\(place))\(hint)" }
        return "\(reason.text) (at offset 0x\(String(offset, radix: 16))\(place))\(hint)"
    }

    /// For a proposal the engine implements but the chosen `Features` leave out: the profile that
    /// includes it (`"Features.full"`), so that the message can say how to allow it.
    public var enablingProfile: String? {
        guard case .featureNotEnabled(let feature) = reason, feature.isImplemented, Features.full.contains(feature)
        else { return nil }
        return "Features.full"
    }
}

/// A line and column in module text, both counted from 1 (columns in characters).
public struct TextPosition: Equatable, Sendable, CustomStringConvertible {
    /// The line, from 1.
    public var line: Int
    /// The column, from 1.
    public var column: Int

    /// Creates a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line L, column C`.
    public var description: String { "line \(line), column \(column)" }
}
