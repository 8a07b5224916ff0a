/// Something an instance exports or a module imports: a function, table, memory, global or tag
/// of a store.
///
///     if case .memory(let memory) = instance.export(named: "memory") { print(memory.pageCount) }
public enum Extern {
    /// A function.
    case function(Function)
    /// A table.
    case table(Table)
    /// A linear memory.
    case memory(Memory)
    /// A global.
    case global(Global)
    /// An exception tag.
    case tag(Tag)

    /// The store that owns the entity.
    public var store: Store {
        switch self {
        case .function(let function): function.store
        case .table(let table): table.store
        case .memory(let memory): memory.store
        case .global(let global): global.store
        case .tag(let tag): tag.store
        }
    }

    /// The entity's current type (a memory's or table's current size as its minimum).
    public var type: ExternType {
        switch self {
        case .function(let function): .function(function.type)
        case .table(let table): table.store.runtime.externType(of: .table(table.handle))
        case .memory(let memory): memory.store.runtime.externType(of: .memory(memory.handle))
        case .global(let global): .global(global.type)
        case .tag(let tag): .tag(tag.type)
        }
    }

    /// The runtime's view of the entity, or `nil` if it belongs to another store than `store`.
    func value(in store: Store) -> ExternalValue? {
        guard self.store === store else { return nil }
        switch self {
        case .function(let function): return .function(function.handle)
        case .table(let table): return .table(table.handle)
        case .memory(let memory): return .memory(memory.handle)
        case .global(let global): return .global(global.handle, global.type)
        case .tag(let tag): return .tag(tag.address)
        }
    }

    init(_ value: ExternalValue, store: Store) {
        switch value {
        case .function(let handle): self = .function(Function(store: store, handle: handle))
        case .table(let handle): self = .table(Table(store: store, handle: handle))
        case .memory(let handle): self = .memory(Memory(store: store, handle: handle))
        case .global(let handle, let type): self = .global(Global(store: store, handle: handle, type: type))
        case .tag(let address): self = .tag(Tag(store: store, address: address))
        }
    }
}

/// An instantiated module: its exports, live in its store.
///
///     let instance = try store.instantiate(module, imports: imports)
///     let fib = try instance.function(named: "fib")!.typed(Int32.self, returning: Int32.self)
///     print(try fib(20))
public struct Instance {
    /// The store that owns the instance.
    public let store: Store
    let record: InstanceRecord

    /// The export called `name`, if any.
    public func export(named name: String) -> Extern? {
        record.export(named: name).map { Extern($0, store: store) }
    }

    /// The exported function called `name`, if there is one and it is a function.
    public func function(named name: String) -> Function? {
        if case .function(let function) = export(named: name) { function } else { nil }
    }

    /// The exported memory called `name`, if there is one and it is a memory.
    public func memory(named name: String) -> Memory? {
        if case .memory(let memory) = export(named: name) { memory } else { nil }
    }

    /// The exported global called `name`, if there is one and it is a global.
    public func global(named name: String) -> Global? {
        if case .global(let global) = export(named: name) { global } else { nil }
    }

    /// The exported tag called `name`, if there is one and it is a tag.
    public func tag(named name: String) -> Tag? {
        if case .tag(let tag) = export(named: name) { tag } else { nil }
    }

    /// The exported table called `name`, if there is one and it is a table.
    public func table(named name: String) -> Table? {
        if case .table(let table) = export(named: name) { table } else { nil }
    }

    /// The export names, in the module's order.
    public var exportNames: [String] { record.exportOrder }

    /// The instance's memory 0, exported or not (`nil` if it has no memory). Host functions reach
    /// it as `Caller.memory`.
    var defaultMemory: Memory? {
        let memory = record.context.pointee.memory0
        return memory == store.runtime.emptyMemory ? nil : Memory(store: store, handle: memory)
    }
}
