/// What validating a function body needs to know about the whole module (the spec's context C).
struct ModuleContext {
    let bytes: [UInt8]
    let features: Features
    let types: [FunctionType]
    /// Type index of every function, imported ones first.
    let functionTypeIndices: [UInt32]
    /// How many functions are imported (the first indices of the function index space).
    let importedFunctionCount: Int
    let tables: [TableType]
    let memories: [MemoryType]
    let globals: [GlobalType]
    /// Type index of every tag, imported ones first.
    let tags: [UInt32]
    /// Element type of each element segment.
    let elementTypes: [ValueType]
    /// The data count section's value; `nil` when absent (then `memory.init`/`data.drop` are invalid).
    let dataCount: UInt32?
    /// Functions that may be named by `ref.func` in code (the spec's C.refs).
    let declaredFunctions: Set<UInt32>
    /// The global index of the imported instruction counter, if the module imports it.
    let counterGlobal: UInt32?
    /// Which types are equivalent, and the subtyping of reference types.
    let relations: TypeRelations

    func functionType(_ index: UInt32) -> FunctionType { types[Int(functionTypeIndices[Int(index)])] }

    /// The payload types of tag `index` (its type's parameters).
    func tagParameters(_ index: UInt32) -> [ValueType] { types[Int(tags[Int(index)])].parameters }
}
