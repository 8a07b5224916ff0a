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
    var returnPC: UnsafePointer<UInt64>
    var sp: UnsafeMutablePointer<UInt64>
    var function: UnsafeMutablePointer<FunctionInstance>
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
}

/// Everything a store owns, with raw storage the interpreter reads directly. Single-threaded.
final class StoreRuntime {
    let limits: StoreLimits
    /// The public store that owns this runtime, for `Caller.store` (weak: the store owns the runtime).
    weak var owner: Store?
    /// The instruction counter (`DETERMINISM.md` §3).
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

    /// The error a host function threw, carried beside `TrapCode.hostError`.
    var pendingHostError: (any Error)?
    /// A trap of wasm code that a host function called and let through: re-raised unchanged.
    var pendingTrap: Trap?
    /// Where the last trap happened: the function and the instruction (set by the loop on exit).
    var trapFunction: UnsafeMutablePointer<FunctionInstance>?
    var trapPC: UnsafePointer<UInt64>?

    init(limits: StoreLimits) {
        self.limits = limits
        emptyMemory = .allocate(capacity: 1)
        emptyMemory.initialize(
            to: MemoryStorage(base: .allocate(byteCount: 1, alignment: 16), byteCount: 0, maximumPages: 0))
        counterCell = .allocate(capacity: 2)
        counterCell.initialize(repeating: 0, count: 2)
        stack = .allocate(capacity: max(limits.maxStackSlots, 16) + 64)
        frames = .allocate(capacity: max(limits.maxCallDepth, 1))
    }

    deinit {
        for record in functionRecords { record.deallocate() }
        for memory in memoryRecords {
            memory.pointee.base.deallocate()
            memory.deallocate()
        }
        for table in tableRecords {
            table.pointee.elements.deallocate()
            table.deallocate()
        }
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

    /// Whether `value` may enter this store: anything but a function reference of another store.
    func accepts(_ value: Value) -> Bool {
        if case .funcRef(let reference?) = value { return owns(reference) }
        return true
    }

    /// The total pages of every memory this store owns.
    var memoryPageCount: Int { memoryRecords.reduce(0) { $0 + $1.pointee.pageCount } }

    // MARK: Types

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
                localSlots: slots(host.type.parameters),
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

    /// Allocates a memory of `type`, or `nil` if its minimum is over the store's limit.
    func allocateMemory(_ type: MemoryType) -> UnsafeMutablePointer<MemoryStorage>? {
        let declaredMax = Int(type.limits.max ?? 65536)
        let maximum = min(declaredMax, limits.maxMemoryPages)
        guard Int(type.limits.min) <= maximum || type.limits.min == 0 else { return nil }
        let byteCount = Int(type.limits.min) << 16
        let base = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: 16)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: max(byteCount, 1))
        let record = UnsafeMutablePointer<MemoryStorage>.allocate(capacity: 1)
        record.initialize(to: MemoryStorage(base: base, byteCount: byteCount, maximumPages: maximum))
        memoryRecords.append(record)
        return record
    }

    /// Allocates a table of `type` filled with `initial`, or `nil` if its minimum is over the store's limit.
    func allocateTable(_ type: TableType, initial: UInt64 = 0) -> UnsafeMutablePointer<TableStorage>? {
        let declaredMax = type.limits.max.map { Int(clamping: $0) } ?? Int(UInt32.max)
        let maximum = min(declaredMax, limits.maxTableElements)
        guard Int(clamping: type.limits.min) <= maximum else { return nil }
        let count = Int(type.limits.min)
        let elements = UnsafeMutablePointer<UInt64>.allocate(capacity: max(count, 1))
        elements.initialize(repeating: initial, count: max(count, 1))
        let record = UnsafeMutablePointer<TableStorage>.allocate(capacity: 1)
        record.initialize(
            to: TableStorage(elements: elements, count: count, maximum: maximum, elementType: type.elementType))
        tableRecords.append(record)
        return record
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

    /// Grows a memory by `delta` pages; returns the old size in pages or -1 (never because of the machine:
    /// an allocation failure below the limit is a host resource error, reported by the caller).
    static func grow(_ memory: UnsafeMutablePointer<MemoryStorage>, by delta: UInt32) -> Int32 {
        let old = memory.pointee.pageCount
        let new = old + Int(delta)
        guard new <= memory.pointee.maximumPages else { return -1 }
        if delta == 0 { return Int32(old) }
        let oldBytes = memory.pointee.byteCount
        let newBytes = new << 16
        let base = UnsafeMutableRawPointer.allocate(byteCount: newBytes, alignment: 16)
        base.copyMemory(from: memory.pointee.base, byteCount: oldBytes)
        (base + oldBytes).initializeMemory(as: UInt8.self, repeating: 0, count: newBytes - oldBytes)
        memory.pointee.base.deallocate()
        memory.pointee.base = base
        memory.pointee.byteCount = newBytes
        return Int32(old)
    }

    /// Grows a table by `delta` elements set to `initial`; returns the old size or -1.
    static func grow(_ table: UnsafeMutablePointer<TableStorage>, by delta: UInt32, initial: UInt64) -> Int32 {
        let old = table.pointee.count
        let new = old + Int(delta)
        guard new <= table.pointee.maximum else { return -1 }
        if delta == 0 { return Int32(truncatingIfNeeded: old) }
        let elements = UnsafeMutablePointer<UInt64>.allocate(capacity: new)
        elements.initialize(from: table.pointee.elements, count: old)
        (elements + old).initialize(repeating: initial, count: Int(delta))
        table.pointee.elements.deallocate()
        table.pointee.elements = elements
        table.pointee.count = new
        return Int32(truncatingIfNeeded: old)
    }
}
