/// An index space of a component (or of a component, instance or module type) as the text format
/// names it, with the binary `sort` that refers to it.
enum ComponentSpace: Int, CaseIterable, Hashable {
    case coreFunction, coreTable, coreMemory, coreGlobal, coreTag, coreType, coreModule, coreInstance
    case function, value, type, component, instance

    /// The space's name in messages: "core func", "instance", ...
    var name: String {
        switch self {
        case .coreFunction: "core func"
        case .coreTable: "core table"
        case .coreMemory: "core memory"
        case .coreGlobal: "core global"
        case .coreTag: "core tag"
        case .coreType: "core type"
        case .coreModule: "core module"
        case .coreInstance: "core instance"
        case .function: "func"
        case .value: "value"
        case .type: "type"
        case .component: "component"
        case .instance: "instance"
        }
    }

    /// The core sort byte (after the `0x00` that marks a core sort), for core spaces.
    var coreSort: UInt8? {
        switch self {
        case .coreFunction: 0x00
        case .coreTable: 0x01
        case .coreMemory: 0x02
        case .coreGlobal: 0x03
        case .coreTag: 0x04
        case .coreType: 0x10
        case .coreModule: 0x11
        case .coreInstance: 0x12
        default: nil
        }
    }

    /// The sort's encoding: `0x00` and the core sort, or the component sort byte.
    var sort: [UInt8] {
        if let core = coreSort { return [0x00, core] }
        switch self {
        case .function: return [0x01]
        case .value: return [0x02]
        case .type: return [0x03]
        case .component: return [0x04]
        default: return [0x05]
        }
    }

    /// Whether an outer alias can refer to an item of this space (and so an identifier of an enclosing
    /// component can be used here).
    var isOuterAliasable: Bool { self == .coreModule || self == .coreType || self == .type || self == .component }

    /// The space of instances that export items of this space (for `(func $i "name")`).
    /// Core modules are exported by component instances, other core items by core instances.
    var instanceSpace: ComponentSpace { coreSort != nil && self != .coreModule ? .coreInstance : .instance }

    /// A core sort keyword (`func`, `memory`, ...) as written after `core` or inside core contexts.
    static func core(_ keyword: String) -> ComponentSpace? {
        switch keyword {
        case "func": .coreFunction
        case "table": .coreTable
        case "memory": .coreMemory
        case "global": .coreGlobal
        case "tag": .coreTag
        case "type": .coreType
        case "module": .coreModule
        case "instance": .coreInstance
        default: nil
        }
    }

    /// A component sort keyword.
    static func component(_ keyword: String) -> ComponentSpace? {
        switch keyword {
        case "func": .function
        case "value": .value
        case "type": .type
        case "component": .component
        case "instance": .instance
        default: nil
        }
    }
}

/// The primitive value types' keywords and their one-byte encodings.
let componentPrimitiveTypes: [String: UInt8] = [
    "bool": 0x7F, "s8": 0x7E, "u8": 0x7D, "s16": 0x7C, "u16": 0x7B, "s32": 0x7A, "u32": 0x79, "s64": 0x78,
    "u64": 0x77, "f32": 0x76, "float32": 0x76, "f64": 0x75, "float64": 0x75, "char": 0x74, "string": 0x73,
    "error-context": 0x64,
]

/// One scope of names: a component, or a component, instance or module type being defined.
struct ComponentScope {
    /// What the scope defines.
    enum Kind { case component, componentType, instanceType, moduleType }

    let kind: Kind
    /// The scope's identifier, for outer aliases.
    let id: String?
    var names: [ComponentSpace: [String: UInt32]] = [:]
    var counts: [ComponentSpace: UInt32] = [:]
    /// A component's sections so far (consecutive items of one kind share a section).
    var sections: [(id: UInt8, entries: [[UInt8]])] = []
    /// A type's declarations so far, each with its leading kind byte.
    var declarations: [[UInt8]] = []
    /// A module type's explicitly declared function types, which inline type uses reuse.
    var moduleFunctionTypes: [TextFunctionType: UInt32] = [:]
    /// A component's inline exports (`(func (export "name") ...)`), which go after all its fields.
    var inlineExports: [(space: ComponentSpace, entry: [UInt8])] = []

    func count(_ space: ComponentSpace) -> UInt32 { counts[space] ?? 0 }
}

/// What a component field or type declaration adds; where it goes depends on the scope.
enum ComponentItemKind {
    case coreType, type, alias, `import`, export

    /// The section id in a component.
    var section: UInt8 {
        switch self {
        case .coreType: 3
        case .type: 7
        case .alias: 6
        case .import: 10
        case .export: 11
        }
    }

    /// The declaration's kind byte in a component or instance type.
    var declaration: UInt8 {
        switch self {
        case .coreType: 0x00
        case .type: 0x01
        case .alias: 0x02
        case .import: 0x03
        case .export: 0x04
        }
    }

    /// The declaration's kind byte in a module type (core types are its `type` declarations).
    var moduleDeclaration: UInt8 {
        switch self {
        case .import: 0x00
        case .coreType, .type: 0x01
        case .alias: 0x02
        case .export: 0x03
        }
    }
}

extension SExpression {
    /// "unexpected token" at this node, whatever it is (component text has no "unknown operator").
    var unexpectedInComponent: TextError { error(.unexpectedToken(summary)) }
}
