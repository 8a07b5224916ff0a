// The component as plain data, in the order of its binary encoding (the component model's
// `Binary.md`, WASI 0.2 era, synchronous subset). The decoder fills these in; the validator gives
// them meaning (index spaces, types); nothing here refers to anything by more than an index.

/// A sort of the core index spaces (`core:sort`): the raw value is its binary encoding.
enum CoreSort: UInt8, Sendable, Hashable, CustomStringConvertible {
    case function = 0x00
    case table = 0x01
    case memory = 0x02
    case global = 0x03
    case tag = 0x04
    case type = 0x10
    case module = 0x11
    case instance = 0x12

    /// The sort's name in the text format.
    var description: String {
        switch self {
        case .function: "func"
        case .table: "table"
        case .memory: "memory"
        case .global: "global"
        case .tag: "tag"
        case .type: "type"
        case .module: "module"
        case .instance: "instance"
        }
    }
}

/// A sort of a component's index spaces (`sort`): a core sort, or one of the component's own.
enum ComponentSort: Sendable, Hashable, CustomStringConvertible {
    case core(CoreSort)
    case function
    case value
    case type
    case component
    case instance

    /// The sort's name in the text format (`core func`, `func`, `instance`, ...).
    var description: String {
        switch self {
        case .core(let sort): "core \(sort)"
        case .function: "func"
        case .value: "value"
        case .type: "type"
        case .component: "component"
        case .instance: "instance"
        }
    }
}

/// An index in one of the component's index spaces.
struct SortIndex: Sendable, Hashable {
    var sort: ComponentSort
    var index: UInt32
}

/// A named item: an export of an instance built from items, or an argument of an instantiation.
struct NamedSortIndex: Sendable, Hashable {
    var name: String
    var item: SortIndex
}

/// A core instance: a module instantiated with named instances as its imports, or a bag of exports.
enum CoreInstanceDefinition: Sendable, Hashable {
    /// `(instantiate module (with name (instance i))*)`.
    case instantiate(module: UInt32, arguments: [NamedSortIndex])
    /// `(export name (sort index))*`: every item must be of a core sort.
    case exports([NamedSortIndex])
}

/// A component instance: a component instantiated with named arguments, or a bag of exports.
enum ComponentInstanceDefinition: Sendable, Hashable {
    /// `(instantiate component (with name item)*)`.
    case instantiate(component: UInt32, arguments: [NamedSortIndex])
    /// `(export name item)*`.
    case exports([NamedSortIndex])
}

/// Where an alias takes its item from.
enum AliasTarget: Sendable, Hashable {
    /// An export of a component instance.
    case export(instance: UInt32, name: String)
    /// An export of a core instance.
    case coreExport(instance: UInt32, name: String)
    /// An item of an enclosing component or type scope, `count` scopes out.
    case outer(count: UInt32, index: UInt32)
}

/// An alias definition: a new index in `sort`'s space for an item defined elsewhere.
struct Alias: Sendable, Hashable {
    var sort: ComponentSort
    var target: AliasTarget
}

/// How a core module type describes one import or export.
enum CoreExternDescriptor: Sendable, Hashable {
    case function(typeIndex: UInt32)
    case table(TableType)
    case memory(MemoryType)
    case global(GlobalType)
    /// An exception tag whose payload is the parameters of the function type at `typeIndex`.
    case tag(typeIndex: UInt32)
}

/// One declaration of a core module type.
enum CoreModuleDeclaration: Sendable, Hashable {
    case `import`(module: String, name: String, descriptor: CoreExternDescriptor)
    case type(FunctionType)
    /// `(alias outer count index (type))`.
    case outerTypeAlias(count: UInt32, index: UInt32)
    case export(name: String, descriptor: CoreExternDescriptor)
}

/// A core type definition: a function type or a module type.
enum CoreTypeDefinition: Sendable, Hashable {
    case function(FunctionType)
    case module([CoreModuleDeclaration])
}

/// A primitive component value type; the raw value is its binary encoding.
enum PrimitiveValueType: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case bool = 0x7F
    case s8 = 0x7E
    case u8 = 0x7D
    case s16 = 0x7C
    case u16 = 0x7B
    case s32 = 0x7A
    case u32 = 0x79
    case s64 = 0x78
    case u64 = 0x77
    case f32 = 0x76
    case f64 = 0x75
    case char = 0x74
    case string = 0x73

    /// The type's name in WIT.
    var description: String {
        switch self {
        case .bool: "bool"
        case .s8: "s8"
        case .u8: "u8"
        case .s16: "s16"
        case .u16: "u16"
        case .s32: "s32"
        case .u32: "u32"
        case .s64: "s64"
        case .u64: "u64"
        case .f32: "f32"
        case .f64: "f64"
        case .char: "char"
        case .string: "string"
        }
    }
}

/// A value type as written: a primitive, or an index in the type index space.
enum ValueTypeReference: Sendable, Hashable {
    case primitive(PrimitiveValueType)
    case index(UInt32)
}

/// A labelled value type: a record field or a function parameter.
struct LabeledType: Sendable, Hashable {
    var label: String
    var type: ValueTypeReference
}

/// A variant case, with its payload type if it has one.
struct VariantCase: Sendable, Hashable {
    var label: String
    var type: ValueTypeReference?
}

/// A defined value type (`defvaltype`).
enum DefinedValueType: Sendable, Hashable {
    case primitive(PrimitiveValueType)
    case record([LabeledType])
    case variant([VariantCase])
    case list(ValueTypeReference)
    case tuple([ValueTypeReference])
    case flags([String])
    case `enum`([String])
    case option(ValueTypeReference)
    case result(ok: ValueTypeReference?, error: ValueTypeReference?)
    case own(UInt32)
    case borrow(UInt32)
}

/// A component function type: named parameters and at most one result.
struct ComponentFunctionType: Sendable, Hashable {
    var parameters: [LabeledType]
    var result: ValueTypeReference?
}

/// The bound of an imported or exported type.
enum TypeBound: Sendable, Hashable {
    /// The type equals type `index`.
    case equal(UInt32)
    /// A fresh abstract resource type.
    case subResource
}

/// The type an import or export is declared with (`externtype`).
enum ComponentExternType: Sendable, Hashable {
    case module(coreTypeIndex: UInt32)
    case function(typeIndex: UInt32)
    case type(TypeBound)
    case component(typeIndex: UInt32)
    case instance(typeIndex: UInt32)

    /// The sort of the item the type describes.
    var sort: ComponentSort {
        switch self {
        case .module: .core(.module)
        case .function: .function
        case .type: .type
        case .component: .component
        case .instance: .instance
        }
    }
}

/// One declaration inside a component or instance type.
enum TypeDeclaration: Sendable, Hashable {
    case coreType(CoreTypeDefinition)
    case type(ComponentTypeDefinition)
    case alias(Alias)
    /// Only in component types.
    case `import`(name: String, type: ComponentExternType)
    case export(name: String, type: ComponentExternType)
}

/// A component type definition (`deftype`).
indirect enum ComponentTypeDefinition: Sendable, Hashable {
    case value(DefinedValueType)
    case function(ComponentFunctionType)
    case component([TypeDeclaration])
    case instance([TypeDeclaration])
    case resource(representation: ValueType, destructor: UInt32?)
}

/// A string encoding of the canonical ABI.
enum StringEncoding: UInt8, Sendable, Hashable, CustomStringConvertible {
    case utf8 = 0
    case utf16 = 1
    case latin1UTF16 = 2

    /// The option's name in the text format.
    var description: String {
        switch self {
        case .utf8: "utf8"
        case .utf16: "utf16"
        case .latin1UTF16: "latin1+utf16"
        }
    }
}

/// The options of `canon lift` and `canon lower`.
struct CanonicalOptions: Sendable, Hashable {
    var stringEncoding: StringEncoding?
    var memory: UInt32?
    var realloc: UInt32?
    var postReturn: UInt32?
}

/// A canonical function definition (synchronous subset).
enum CanonicalFunction: Sendable, Hashable {
    /// A component function from a core function: `(canon lift core-func opts (type t))`.
    case lift(coreFunction: UInt32, options: CanonicalOptions, typeIndex: UInt32)
    /// A core function from a component function.
    case lower(function: UInt32, options: CanonicalOptions)
    case resourceNew(typeIndex: UInt32)
    case resourceDrop(typeIndex: UInt32)
    case resourceRep(typeIndex: UInt32)
}

/// A component import: its name and declared type.
struct ComponentImport: Sendable, Hashable {
    var name: String
    var type: ComponentExternType
}

/// A component export: its name, the item, and an optional ascribed type.
struct ComponentExport: Sendable, Hashable {
    var name: String
    var item: SortIndex
    var type: ComponentExternType?
}

/// One definition of a component, in binary order, with the offset of its first byte.
struct ComponentDefinition: Sendable {
    enum Kind: Sendable {
        case coreModule(Module)
        case coreInstance(CoreInstanceDefinition)
        case coreType(CoreTypeDefinition)
        case component(ParsedComponent)
        case instance(ComponentInstanceDefinition)
        case alias(Alias)
        case type(ComponentTypeDefinition)
        case canon(CanonicalFunction)
        case `import`(ComponentImport)
        case export(ComponentExport)
    }

    var kind: Kind
    /// Where the definition starts in the outermost component's bytes.
    var offset: Int
}

/// A decoded (not yet validated) component: its definitions in order, and its custom sections.
struct ParsedComponent: Sendable {
    var definitions: [ComponentDefinition] = []
    /// Custom sections: name and payload bytes.
    var customSections: [(name: String, payload: [UInt8])] = []
}
