/// The type of something a module imports or exports: a function, table, memory or global type.
///
/// Descriptions use the text format's notation, so a link error can show both sides:
///
///     ExternType.function(FunctionType(parameters: [.i32], results: [.i32])).description  // "func (i32) -> (i32)"
///     ExternType.global(GlobalType(valueType: .i64, isMutable: true)).description         // "global (mut i64)"
public enum ExternType: Sendable, Hashable, CustomStringConvertible {
    /// A function of this type.
    case function(FunctionType)
    /// A table of this type.
    case table(TableType)
    /// A linear memory of this type.
    case memory(MemoryType)
    /// A global of this type.
    case global(GlobalType)
    /// An exception tag of this type.
    case tag(TagType)

    /// The kind of entity, without its type.
    public var kind: ExternalKind {
        switch self {
        case .function: .function
        case .table: .table
        case .memory: .memory
        case .global: .global
        case .tag: .tag
        }
    }

    /// The kind and the type, e.g. `func (i32) -> ()`, `memory 1 2`, `table 10 funcref`, `global (mut i64)`.
    public var description: String {
        switch self {
        case .function(let type): "func \(type)"
        case .table(let type): "table \(type)"
        case .memory(let type): "memory \(type)"
        case .global(let type): "global \(type)"
        case .tag(let type): "tag \(type)"
        }
    }
}

/// One import of a module: where it comes from and what type it must have.
///
///     for entry in module.imports { print(entry) }   // "env" "log": func (i32) -> ()
public struct ImportType: Sendable, Hashable, CustomStringConvertible {
    /// The module name the import is looked up under.
    public let module: String
    /// The field name within that module.
    public let name: String
    /// The type a value must have to satisfy the import.
    public let type: ExternType

    /// Creates an import descriptor.
    public init(module: String, name: String, type: ExternType) {
        self.module = module
        self.name = name
        self.type = type
    }

    /// The names quoted, then the type: `"env" "log": func (i32) -> ()`.
    public var description: String { "\"\(module)\" \"\(name)\": \(type)" }
}

/// One export of a module: its name and type.
///
///     for entry in module.exports { print(entry) }   // "fib": func (i32) -> (i32)
public struct ExportType: Sendable, Hashable, CustomStringConvertible {
    /// The export's name.
    public let name: String
    /// The exported entity's type.
    public let type: ExternType

    /// Creates an export descriptor.
    public init(name: String, type: ExternType) {
        self.name = name
        self.type = type
    }

    /// The name quoted, then the type: `"fib": func (i32) -> (i32)`.
    public var description: String { "\"\(name)\": \(type)" }
}

extension MemoryType: CustomStringConvertible {
    /// The limits in text-format notation, e.g. `1 2`.
    public var description: String { limits.description }
}

extension TableType: CustomStringConvertible {
    /// The limits, then the element type, e.g. `10 20 funcref`.
    public var description: String { "\(limits) \(elementType)" }
}

extension GlobalType: CustomStringConvertible {
    /// The value type, wrapped in `(mut …)` when mutable: `i32`, `(mut i64)`.
    public var description: String { isMutable ? "(mut \(valueType))" : valueType.description }
}
