/// Limits a store enforces, identically on every machine: they are counts, never bytes of the
/// host's memory or stack, so a program hits them at the same point everywhere.
///
///     let limits = StoreLimits(maxCallDepth: 1_000, maxMemoryPages: 256)   // 16 MiB of memory at most
///     let store = Store(engine: Engine(limits: limits))
public struct StoreLimits: Sendable, Hashable {
    /// The deepest nesting of wasm calls (frames on both sides of host functions count); one more
    /// traps with "call stack exhausted".
    public var maxCallDepth: Int
    /// The value stack size in 64-bit slots shared by all frames; exceeding it traps with "call
    /// stack exhausted".
    ///
    /// A frame takes its function's parameters, locals and deepest operand stack (a `v128` takes
    /// two slots), starting where the caller put the arguments: a chain of calls to a function with
    /// no parameters and 1,000 `i64` locals that pushes nothing fits `maxStackSlots / 1_000` frames.
    public var maxStackSlots: Int
    /// The largest size in 64 KiB pages any memory may grow to (the module's maximum also applies).
    /// A module whose memory starts larger fails to link.
    public var maxMemoryPages: Int
    /// The largest number of elements any table may grow to (the module's maximum also applies).
    /// A module whose table starts larger fails to link.
    public var maxTableElements: Int
    /// The deepest nesting of host functions that are running at once (a host function that calls
    /// wasm that calls a host function ...); one more traps with "call stack exhausted".
    ///
    /// Wasm-to-wasm calls never use the native stack, but every such nesting level does (about
    /// 25 KB in a debug build, less optimised): this bound keeps recursion through host functions
    /// from overflowing the thread's stack. Raise it only on threads with large stacks.
    public var maxHostCallDepth: Int

    /// Creates limits; the defaults suit typical compiled programs.
    public init(
        maxCallDepth: Int = 10_000, maxStackSlots: Int = 1 << 20, maxMemoryPages: Int = 65536,
        maxTableElements: Int = 10_000_000, maxHostCallDepth: Int = 100
    ) {
        self.maxCallDepth = maxCallDepth
        self.maxStackSlots = maxStackSlots
        self.maxMemoryPages = maxMemoryPages
        self.maxTableElements = maxTableElements
        self.maxHostCallDepth = maxHostCallDepth
    }
}

/// A frame of the interpreter's own call stack (wasm calls never recurse on the native stack).
struct CallFrame {
    /// Where the caller goes on.
    var returnPC: UnsafePointer<UInt64>
    /// The caller's frame.
    var sp: UnsafeMutablePointer<UInt64>
    /// The function running in this frame (a tail call replaces it), for trap reports: the frame
    /// below says which function a return goes back to.
    var callee: UnsafeMutablePointer<FunctionInstance>
}

/// A host function as the store keeps it.
struct HostFunction {
    let type: FunctionType
    let body: (Caller, [Value]) throws -> [Value]
}

/// An entity one instance exports or another imports.
enum ExternalValue {
    case function(UnsafeMutablePointer<FunctionInstance>)
    case table(UnsafeMutablePointer<TableStorage>)
    case memory(UnsafeMutablePointer<MemoryStorage>)
    case global(UnsafeMutablePointer<UInt64>, GlobalType)
    /// A tag, by its address in the store (`StoreRuntime.tagTypes`).
    case tag(Int)
}

/// Everything a store owns, with raw storage the interpreter reads directly. Single-threaded.
final class StoreRuntime {
    let limits: StoreLimits
    /// The public store that owns this runtime, for `Caller.store` (weak: the store owns the runtime).
    weak var owner: Store?
    /// The instruction counter (`docs/DETERMINISM.md` §3).
    var counter: UInt64 = 0
    /// The fuel left: how many more increments the counter may take before execution traps with
    /// "out of fuel". `UInt64.max` when fuel is off (2^64 increments never run out).
    var fuel: UInt64 = .max
    /// Whether the embedder set a fuel budget (`fuel` is then meaningful to report).
    var isFuelLimited = false

    // Interned function types.
    private var typeIDs: [FunctionType: Int] = [:]
    private(set) var typesByID: [FunctionType] = []

    var hostFunctions: [HostFunction] = []
    /// Host functions created for `Imports.defineFunction` definitions, one per definition (the
    /// definition is kept so its identifier cannot be reused while the entry exists).
    private var definedHostFunctions: [ObjectIdentifier: (HostDefinition, UnsafeMutablePointer<FunctionInstance>)] = [:]
    var instances: [InstanceRecord] = []
    /// Every tag of the store, by address: its type (payload as parameters, no results).
    private(set) var tagTypes: [FunctionType] = []
    /// Every exception thrown in the store that may still be referred to, by address: an `exnref`
    /// is its address plus one (0 is null). See `Interpreter+Exceptions.swift`.
    var exceptions: [ExceptionRecord] = []
    /// The exception that left `execute` uncaught, carried beside `TrapCode.uncaughtException`.
    var pendingException: Int?

    // Allocations freed in deinit.
    private var functionRecords: [UnsafeMutablePointer<FunctionInstance>] = []
    /// The addresses of `functionRecords`, to tell this store's function references from others'.
    private var functionAddresses: Set<UInt64> = []
    private var memoryRecords: [UnsafeMutablePointer<MemoryStorage>] = []
    private var tableRecords: [UnsafeMutablePointer<TableStorage>] = []
    private var globalCells: [UnsafeMutablePointer<UInt64>] = []
    private var contexts: [UnsafeMutablePointer<InstanceContext>] = []
    private var pointerArrays: [UnsafeMutableRawPointer] = []

    /// The memory used by instances without one: zero bytes, so every access traps.
    let emptyMemory: UnsafeMutablePointer<MemoryStorage>
    /// The cell behind the instruction counter global (unused by code: `counterGet/Set` read `counter`).
    let counterCell: UnsafeMutablePointer<UInt64>

    // The value stack and the frame stack.
    let stack: UnsafeMutablePointer<UInt64>
    var stackTop: Int = 0
    let frames: UnsafeMutablePointer<CallFrame>
    var frameTop: Int = 0

    /// How many host functions are running (nested through calls back into wasm).
    var hostCallDepth = 0

    /// The largest single allocation of memory or table storage the store asks the host for; a
    /// larger request fails as if the host had run out of memory. `Int.max` except in tests, which
    /// lower it to reach the allocation-failure paths without exhausting the machine.
    var hostAllocationLimit = Int.max

    /// The error a host function threw, carried beside `TrapCode.hostError`.
    var pendingHostError: (any Error)?
    /// A trap of wasm code that a host function called and let through: re-raised unchanged.
    var pendingTrap: Trap?
    /// Where the last trap happened: the function and the instruction (set by the loop on exit).
    /// The handler table and exit slots of threaded dispatch (`ThreadedState`).
    let threadedState: UnsafeMutableRawPointer
    var trapFunction: UnsafeMutablePointer<FunctionInstance>?
    var trapPC: UnsafePointer<UInt64>?

    /// What tells this store's exception references from another store's (`ExceptionReference.store`):
    /// drawn at random, never reused by design, because the library has no atomics for a shared
    /// counter and a heap address can be reused once a store is freed. Two stores draw the same
    /// identity with probability about n²/2⁶⁵ for n stores. It never reaches wasm code or results.
    let identity = UInt64.random(in: 0...UInt64.max)

    init(limits: StoreLimits) {
        self.limits = limits
        emptyMemory = .allocate(capacity: 1)
        emptyMemory.initialize(
            to: MemoryStorage(base: .allocate(byteCount: 1, alignment: 16), byteCount: 0, maximumPages: 0))
        counterCell = .allocate(capacity: 2)
        counterCell.initialize(repeating: 0, count: 2)
        stack = .allocate(capacity: max(limits.maxStackSlots, 16) + 64)
        frames = .allocate(capacity: max(limits.maxCallDepth, 1))
        threadedState = ThreadedState.allocate()
    }

    deinit {
        threadedState.deallocate()
        for record in functionRecords { record.deallocate() }
        for memory in memoryRecords { Self.free(memory) }
        for table in tableRecords { Self.free(table) }
        for cell in globalCells { cell.deallocate() }
        for context in contexts { context.deallocate() }
        for array in pointerArrays { array.deallocate() }
        emptyMemory.pointee.base.deallocate()
        emptyMemory.deallocate()
        counterCell.deallocate()
        stack.deallocate()
        frames.deallocate()
    }

    var stackEnd: UnsafeMutablePointer<UInt64> { stack + max(limits.maxStackSlots, 16) }

    // MARK: Counter and fuel

    /// Sets the counter (`Store.instructionCount`, the counter global); the fuel left is independent.
    func setCounter(_ value: UInt64) {
        counter = value
    }

    /// Whether `reference` is one of this store's functions (a reference from another store must not
    /// be stored or called here: it is the address of another store's record).
    func owns(_ reference: FunctionReference) -> Bool { functionAddresses.contains(reference.raw) }

    /// Whether `reference` is one of this store's exceptions (the index of another store's would
    /// silently name a different exception here).
    func owns(_ reference: ExceptionReference) -> Bool {
        reference.store == identity && reference.raw >= 1 && reference.raw <= UInt64(exceptions.count)
    }

    /// Whether `value` may enter this store: anything but a function or exception reference of
    /// another store.
    /// Whether `value` may stand where `type` is expected: `Value.matches`, and for a concrete function
    /// type (named by this store's type id), a function of this store whose type has that id. A
    /// reference of another store is never dereferenced.
    func conforms(_ value: Value, to type: ValueType) -> Bool {
        guard value.matches(type) else { return false }
        guard case .concrete(let id)? = type.heapType, case .funcRef(let reference?) = value else { return true }
        // SAFETY: `owns` checked that the address is a FunctionInstance record this store allocated.
        guard owns(reference), let function = UnsafeMutablePointer<FunctionInstance>(bitPattern: UInt(reference.raw))
        else { return false }
        return function.pointee.typeID == Int(id)
    }

    func accepts(_ value: Value) -> Bool {
        if case .funcRef(let reference?) = value { return owns(reference) }
        if case .exnRef(let reference?) = value { return owns(reference) }
        return true
    }

    /// How many memories and tables the store owns (for tests).
    var memoryCount: Int { memoryRecords.count }
    var tableCount: Int { tableRecords.count }

    /// The total pages of every memory this store owns.
    var memoryPageCount: Int { memoryRecords.reduce(0) { $0 + $1.pointee.pageCount } }

    // MARK: Types

    /// The store's ids of a module's types, in order. A concrete reference inside a type is keyed by
    /// the id of the type it names (`UInt32.max` for the type itself), so equivalent types of different
    /// modules get one id (`TypeRelations`: each type is its own recursion group).
    func typeIDs(of types: [FunctionType]) -> [Int] {
        var ids: [Int] = []
        ids.reserveCapacity(types.count)
        for (position, type) in types.enumerated() {
            let key = type.mapTypeIndices { index in
                if Int(index) == position { return .max }
                return Int(index) < ids.count ? UInt32(ids[Int(index)]) : index
            }
            ids.append(typeID(of: key))
        }
        return ids
    }

    func typeID(of type: FunctionType) -> Int {
        if let id = typeIDs[type] { return id }
        let id = typesByID.count
        typeIDs[type] = id
        typesByID.append(type)
        return id
    }

    // MARK: Allocation

    func allocateFunction(_ function: FunctionInstance) -> UnsafeMutablePointer<FunctionInstance> {
        let record = UnsafeMutablePointer<FunctionInstance>.allocate(capacity: 1)
        record.initialize(to: function)
        functionRecords.append(record)
        functionAddresses.insert(UInt64(UInt(bitPattern: record)))
        return record
    }

    func allocateHostFunction(_ host: HostFunction) -> UnsafeMutablePointer<FunctionInstance> {
        hostFunctions.append(host)
        let slots = { (types: [ValueType]) in types.reduce(0) { $0 + $1.slotCount } }
        return allocateFunction(
            FunctionInstance(
                code: nil, typeID: typeID(of: host.type), parameterSlots: slots(host.type.parameters),
                frameSlots: max(slots(host.type.parameters), slots(host.type.results)),
                resultSlots: slots(host.type.results), instance: nil, hostIndex: hostFunctions.count - 1,
                functionIndex: 0))
    }

    /// This store's function for a host function defined by name, created on first use.
    func hostFunction(for definition: HostDefinition) -> UnsafeMutablePointer<FunctionInstance> {
        if let (_, function) = definedHostFunctions[ObjectIdentifier(definition)] { return function }
        let function = allocateHostFunction(definition.function)
        definedHostFunctions[ObjectIdentifier(definition)] = (definition, function)
        return function
    }

    /// A new tag of `type`; returns its address.
    func allocateTag(_ type: FunctionType) -> Int {
        tagTypes.append(type)
        return tagTypes.count - 1
    }

    /// Allocates a zero-filled memory of `type`.
    ///
    /// - Throws: `.overLimit` if its minimum is over the store's limit, `.hostOutOfMemory` if the
    ///   host cannot allocate it (nothing is allocated then).
    func allocateMemory(_ type: MemoryType) throws(StorageError) -> UnsafeMutablePointer<MemoryStorage> {
        let declaredMax = Int(type.limits.max ?? 65536)
        let maximum = min(declaredMax, limits.maxMemoryPages)
        guard Int(type.limits.min) <= maximum || type.limits.min == 0 else {
            throw .overLimit(limit: limits.maxMemoryPages)
        }
        let byteCount = Int(type.limits.min) << 16
        let base = try allocateStorage(byteCount: byteCount)
        let record = UnsafeMutablePointer<MemoryStorage>.allocate(capacity: 1)
        record.initialize(to: MemoryStorage(base: base, byteCount: byteCount, maximumPages: maximum))
        memoryRecords.append(record)
        return record
    }

    /// Allocates a table of `type` filled with `initial`.
    ///
    /// - Throws: `.overLimit` if its minimum is over the store's limit, `.hostOutOfMemory` if the
    ///   host cannot allocate it (nothing is allocated then).
    func allocateTable(_ type: TableType, initial: UInt64 = 0) throws(StorageError) -> UnsafeMutablePointer<
        TableStorage
    > {
        let declaredMax = type.limits.max.map { Int(clamping: $0) } ?? Int(UInt32.max)
        let maximum = min(declaredMax, limits.maxTableElements)
        guard Int(clamping: type.limits.min) <= maximum else { throw .overLimit(limit: limits.maxTableElements) }
        let count = Int(type.limits.min)
        // One element at least, so growing an empty table finds its first element zeroed.
        let storage = try allocateStorage(byteCount: max(count, 1) * MemoryLayout<UInt64>.stride)
        let elements = storage.bindMemory(to: UInt64.self, capacity: max(count, 1))
        if initial != 0 { elements.update(repeating: initial, count: count) }
        let record = UnsafeMutablePointer<TableStorage>.allocate(capacity: 1)
        record.initialize(
            to: TableStorage(elements: elements, count: count, maximum: maximum, elementType: type.elementType))
        tableRecords.append(record)
        return record
    }

    /// Zeroed storage for a memory or a table, or `.hostOutOfMemory`.
    private func allocateStorage(byteCount: Int) throws(StorageError) -> UnsafeMutableRawPointer {
        guard byteCount <= hostAllocationLimit, let storage = HostMemory.allocateZeroed(byteCount: byteCount) else {
            throw .hostOutOfMemory(byteCount: byteCount)
        }
        return storage
    }

    /// Frees the memories and tables an instantiation allocated before it failed (the last ones
    /// allocated), so the store is as it was.
    func discardLast(memories: Int, tables: Int) {
        for memory in memoryRecords.suffix(memories) { Self.free(memory) }
        memoryRecords.removeLast(memories)
        for table in tableRecords.suffix(tables) { Self.free(table) }
        tableRecords.removeLast(tables)
    }

    private static func free(_ memory: UnsafeMutablePointer<MemoryStorage>) {
        HostMemory.free(memory.pointee.base)
        memory.deallocate()
    }

    private static func free(_ table: UnsafeMutablePointer<TableStorage>) {
        HostMemory.free(UnsafeMutableRawPointer(table.pointee.elements))
        table.deallocate()
    }

    func allocateGlobal(_ value: (UInt64, UInt64)) -> UnsafeMutablePointer<UInt64> {
        let cell = UnsafeMutablePointer<UInt64>.allocate(capacity: 2)
        cell[0] = value.0
        cell[1] = value.1
        globalCells.append(cell)
        return cell
    }

    func allocateContext(_ context: InstanceContext) -> UnsafeMutablePointer<InstanceContext> {
        let record = UnsafeMutablePointer<InstanceContext>.allocate(capacity: 1)
        record.initialize(to: context)
        contexts.append(record)
        return record
    }

    func allocateArray<T>(_ elements: [T]) -> UnsafeMutablePointer<T> {
        let array = UnsafeMutablePointer<T>.allocate(capacity: max(elements.count, 1))
        array.initialize(from: elements, count: elements.count)
        pointerArrays.append(UnsafeMutableRawPointer(array))
        return array
    }

    // MARK: Growing

    /// Grows a memory by `delta` pages; returns the old size in pages, or -1 if that would pass its
    /// maximum (the declared one capped by the store's limit). Never -1 because of the machine:
    ///
    /// - Throws: `.hostOutOfMemory` if the host cannot allocate the new size, though the maximum
    ///   allows it; the memory is unchanged then. Callers report it to the embedder.
    func grow(_ memory: UnsafeMutablePointer<MemoryStorage>, by delta: UInt32) throws(StorageError) -> Int32 {
        let old = memory.pointee.pageCount
        let new = old + Int(delta)
        guard new <= memory.pointee.maximumPages else { return -1 }
        if delta == 0 { return Int32(old) }
        let oldBytes = memory.pointee.byteCount
        let newBytes = new << 16
        guard newBytes <= hostAllocationLimit,
            let base = HostMemory.grow(memory.pointee.base, from: max(oldBytes, 1), to: newBytes)
        else { throw .hostOutOfMemory(byteCount: newBytes) }
        memory.pointee.base = base
        memory.pointee.byteCount = newBytes
        return Int32(old)
    }

    /// Grows a table by `delta` elements set to `initial`; returns the old size, or -1 if that
    /// would pass its maximum.
    ///
    /// - Throws: `.hostOutOfMemory` if the host cannot allocate the new size, though the maximum
    ///   allows it; the table is unchanged then.
    func grow(_ table: UnsafeMutablePointer<TableStorage>, by delta: UInt32, initial: UInt64) throws(StorageError)
        -> Int32
    {
        let old = table.pointee.count
        let new = old + Int(delta)
        guard new <= table.pointee.maximum else { return -1 }
        if delta == 0 { return Int32(truncatingIfNeeded: old) }
        let stride = MemoryLayout<UInt64>.stride
        guard new * stride <= hostAllocationLimit,
            let storage = HostMemory.grow(
                UnsafeMutableRawPointer(table.pointee.elements), from: max(old, 1) * stride, to: new * stride)
        else { throw .hostOutOfMemory(byteCount: new * stride) }
        let elements = storage.bindMemory(to: UInt64.self, capacity: new)
        if initial != 0 { (elements + old).update(repeating: initial, count: Int(delta)) }
        table.pointee.elements = elements
        table.pointee.count = new
        return Int32(truncatingIfNeeded: old)
    }
}
