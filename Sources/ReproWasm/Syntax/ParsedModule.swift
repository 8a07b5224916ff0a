/// What an import asks for.
enum ImportDescriptor: Sendable, Equatable {
    case function(typeIndex: UInt32)
    case table(TableType)
    case memory(MemoryType)
    case global(GlobalType)
    /// An exception tag whose payload is the parameters of type `typeIndex`.
    case tag(typeIndex: UInt32)
}

/// One entry of the import section.
struct Import: Sendable, Equatable {
    var module: String
    var name: String
    var descriptor: ImportDescriptor
}

/// One entry of the export section.
struct Export: Sendable, Equatable {
    var name: String
    var kind: ExternalKind
    var index: UInt32
}

/// A constant expression, kept as the byte range of its instructions (including the final `end`).
///
/// Validation type-checks it and turns it into a `ConstantExpression`.
struct ConstExprBytes: Sendable, Equatable {
    /// The byte range in the module's bytes, `end` opcode included.
    var range: Range<Int>
}

/// A global definition.
struct GlobalDefinition: Sendable, Equatable {
    var type: GlobalType
    var initializer: ConstExprBytes
}

/// How an element segment is used.
enum ElementMode: Sendable, Equatable {
    case passive
    case active(table: UInt32, offset: ConstExprBytes)
    case declarative
}

/// The items of an element segment.
enum ElementItems: Sendable, Equatable {
    /// Encodings 0-3: plain function indices.
    case functions([UInt32])
    /// Encodings 4-7: one constant expression per item.
    case expressions([ConstExprBytes])
}

/// One entry of the element section.
struct ElementSegment: Sendable, Equatable {
    var mode: ElementMode
    /// `funcref` or `externref`.
    var type: ValueType
    var items: ElementItems
    /// The offset of the segment in the module bytes, for errors.
    var offset: Int

    var count: Int {
        switch items {
        case .functions(let indices): indices.count
        case .expressions(let expressions): expressions.count
        }
    }
}

/// How a data segment is used.
enum DataMode: Sendable, Equatable {
    case passive
    case active(memory: UInt32, offset: ConstExprBytes)
}

/// One entry of the data section.
struct DataSegment: Sendable, Equatable {
    var mode: DataMode
    /// The segment's bytes, as a range in the module bytes.
    var bytes: Range<Int>
}

/// One entry of the code section.
struct FunctionBody: Sendable, Equatable {
    /// Local declarations after the parameters, as (count, type) runs.
    var locals: [(count: UInt32, type: ValueType)]
    /// The total number of declared locals (sum of the runs' counts).
    var localCount: UInt64
    /// The byte range of the instructions, final `end` included.
    var code: Range<Int>

    static func == (lhs: FunctionBody, rhs: FunctionBody) -> Bool {
        lhs.code == rhs.code && lhs.localCount == rhs.localCount
            && lhs.locals.elementsEqual(rhs.locals) { $0.count == $1.count && $0.type == $1.type }
    }
}

/// A custom section: its name and the byte range of its payload.
struct CustomSection: Sendable, Equatable {
    var name: String
    var payload: Range<Int>
}

/// The contents of the `name` custom section that the engine uses.
///
/// A malformed name section is ignored as the spec allows (custom sections never make a module invalid).
struct NameSection: Sendable, Equatable {
    var moduleName: String?
    var functionNames: [UInt32: String] = [:]
    var localNames: [UInt32: [UInt32: String]] = [:]
}

/// The byte offset of each entry of the declaring sections, parallel to `ParsedModule`'s arrays.
struct EntryOffsets: Sendable {
    var types: [Int] = []
    var imports: [Int] = []
    var functions: [Int] = []
    var tables: [Int] = []
    var memories: [Int] = []
    var globals: [Int] = []
    var tags: [Int] = []
    var exports: [Int] = []
    /// The start section's function index.
    var start = 0
}

/// A module as the binary decoder produces it: every section decoded, function bodies and constant
/// expressions kept as byte ranges for the validator, which reads each of them exactly once.
struct ParsedModule: Sendable {
    /// The module's bytes; every range in this value points into it.
    var bytes: [UInt8]
    var types: [FunctionType] = []
    var imports: [Import] = []
    /// Type indices of the functions defined in the module (function section).
    var functionTypeIndices: [UInt32] = []
    var tables: [TableType] = []
    /// The initialiser expression of each defined table (`0x40 0x00` form, typed function
    /// references), parallel to `tables`; `nil` for a table whose elements start null. May be shorter
    /// than `tables` for a module built in memory.
    var tableInitializers: [ConstExprBytes?] = []
    var memories: [MemoryType] = []
    /// Type indices of the tags defined in the module (tag section).
    var tags: [UInt32] = []
    var globals: [GlobalDefinition] = []
    var exports: [Export] = []
    var start: UInt32?
    var elements: [ElementSegment] = []
    /// The data count section's value, when present.
    var dataCount: UInt32?
    var bodies: [FunctionBody] = []
    var data: [DataSegment] = []
    var customSections: [CustomSection] = []
    var names: NameSection?

    /// Byte offsets of the code section's entries, parallel to `bodies` (for errors).
    var bodyOffsets: [Int] = []
    /// Byte offsets of the other sections' entries, so that validation errors outside code say where.
    var offsets = EntryOffsets()

    var importedFunctionCount: Int { imports.count { if case .function = $0.descriptor { true } else { false } } }
    var importedTableCount: Int { imports.count { if case .table = $0.descriptor { true } else { false } } }
    var importedMemoryCount: Int { imports.count { if case .memory = $0.descriptor { true } else { false } } }
    var importedGlobalCount: Int { imports.count { if case .global = $0.descriptor { true } else { false } } }
    var importedTagCount: Int { imports.count { if case .tag = $0.descriptor { true } else { false } } }
}
