/// A linear memory's bytes and size, at a fixed address the interpreter reads directly.
struct MemoryStorage {
    /// The bytes (never nil: an empty memory points at a one-byte allocation).
    var base: UnsafeMutableRawPointer
    /// Current size in bytes (pages × 65536).
    var byteCount: Int
    /// The maximum number of pages `memory.grow` may reach: the declared maximum capped by the store's limit.
    var maximumPages: Int
    var pageCount: Int { byteCount >> 16 }
}

/// A table's elements (references as raw words: 0 is null) and size.
struct TableStorage {
    var elements: UnsafeMutablePointer<UInt64>
    var count: Int
    /// The maximum size `table.grow` may reach: the declared maximum capped by the store's limit.
    var maximum: Int
    var elementType: ValueType
}

/// A function as the interpreter calls it: a wasm function of some instance, or a host function.
///
/// A `funcref` value is the address of one of these (0 is null); the store allocates each once and
/// frees it when the store goes away.
struct FunctionInstance {
    /// The first instruction word; `nil` for a host function.
    var code: UnsafePointer<UInt64>?
    /// The store's id for the function type (equal types have equal ids).
    var typeID: Int
    var parameterSlots: Int
    var frameSlots: Int
    var resultSlots: Int
    /// The instance whose code this is; `nil` for host functions.
    var instance: UnsafeMutablePointer<InstanceContext>?
    /// For host functions: the index in the store's host function list.
    var hostIndex: Int
    /// The index in its module's function index space (for trap messages).
    var functionIndex: UInt32
}

/// What the interpreter needs of an instance, behind raw pointers (no reference counting in the loop).
struct InstanceContext {
    /// The function index space: imported functions, then defined ones.
    var functions: UnsafeMutablePointer<UnsafeMutablePointer<FunctionInstance>>
    /// The global index space: each global's cell (two words, for v128).
    var globals: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>>
    /// The memory index space; memory 0 is also reachable through `memory0` (an empty memory if none).
    var memories: UnsafeMutablePointer<UnsafeMutablePointer<MemoryStorage>>
    var memory0: UnsafeMutablePointer<MemoryStorage>
    var tables: UnsafeMutablePointer<UnsafeMutablePointer<TableStorage>>
    /// Module type index -> the store's type id, for `call_indirect`.
    var typeIDs: UnsafeMutablePointer<Int>
    /// The instance's index in its store.
    var instanceIndex: Int
}
