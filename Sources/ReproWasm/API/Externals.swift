/// Something an instance exports or a module imports.
public enum Extern {
    /// A function.
    case function(Function)
    /// A table.
    case table(Table)
    /// A linear memory.
    case memory(Memory)
    /// A global.
    case global(Global)

    func value(in store: Store) -> ExternalValue? {
        switch self {
        case .function(let function): function.store === store ? .function(function.handle) : nil
        case .table(let table): table.store === store ? .table(table.handle) : nil
        case .memory(let memory): memory.store === store ? .memory(memory.handle) : nil
        case .global(let global): global.store === store ? .global(global.handle, global.type) : nil
        }
    }

    init(_ value: ExternalValue, store: Store) {
        switch value {
        case .function(let handle): self = .function(Function(store: store, handle: handle))
        case .table(let handle): self = .table(Table(store: store, handle: handle))
        case .memory(let handle): self = .memory(Memory(store: store, handle: handle))
        case .global(let handle, let type): self = .global(Global(store: store, handle: handle, type: type))
        }
    }
}

/// The values a module's imports are resolved from, by module and field name.
///
///     var imports = Imports()
///     imports.define("env", "log", .function(Function(store: store, type: FunctionType(parameters: [.i32])) { _, args in
///         print(args[0]); return []
///     }))
///     imports.define("lib", instance: libraryInstance)   // every export of an instance
public struct Imports {
    private var entries: [ImportKey: Extern] = [:]
    private var instances: [[UInt8]: Instance] = [:]

    /// Creates an empty set of imports.
    public init() {}

    /// Makes `extern` the value of import `module` `name` (replacing an earlier definition).
    public mutating func define(_ module: String, _ name: String, _ extern: Extern) {
        entries[ImportKey(module: module, name: name)] = extern
    }

    /// Makes every export of `instance` importable under module name `module`.
    public mutating func define(_ module: String, instance: Instance) {
        instances[Array(module.utf8)] = instance
    }

    func lookup(module: String, name: String) -> Extern? {
        if let extern = entries[ImportKey(module: module, name: name)] { return extern }
        return instances[Array(module.utf8)]?.export(named: name)
    }
}

/// Import names compare by their bytes, as the spec says (Swift's `String` equality would merge
/// canonically equivalent names).
struct ImportKey: Hashable {
    let module: [UInt8]
    let name: [UInt8]

    init(module: String, name: String) {
        self.module = Array(module.utf8)
        self.name = Array(name.utf8)
    }
}

/// An instantiated module.
public struct Instance {
    /// The store that owns the instance.
    public let store: Store
    let record: InstanceRecord

    /// The export called `name`, if any.
    public func export(named name: String) -> Extern? {
        record.export(named: name).map { Extern($0, store: store) }
    }

    /// The exported function called `name`, if any.
    public func function(named name: String) -> Function? {
        if case .function(let function) = export(named: name) { function } else { nil }
    }

    /// The exported memory called `name`, if any.
    public func memory(named name: String) -> Memory? {
        if case .memory(let memory) = export(named: name) { memory } else { nil }
    }

    /// The exported global called `name`, if any.
    public func global(named name: String) -> Global? {
        if case .global(let global) = export(named: name) { global } else { nil }
    }

    /// The exported table called `name`, if any.
    public func table(named name: String) -> Table? {
        if case .table(let table) = export(named: name) { table } else { nil }
    }

    /// The export names, in the module's order.
    public var exportNames: [String] { record.exportOrder }
}

/// A function of a store: exported by an instance, or defined by the host.
public struct Function {
    /// The store that owns the function.
    public let store: Store
    let handle: UnsafeMutablePointer<FunctionInstance>

    init(store: Store, handle: UnsafeMutablePointer<FunctionInstance>) {
        self.store = store
        self.handle = handle
    }

    /// Defines a host function: `body` gets its caller's context and the arguments, and returns the
    /// results. An error it throws becomes a trap. Host calls add nothing to the instruction counter.
    public init(store: Store, type: FunctionType, body: @escaping (Caller, [Value]) throws -> [Value]) {
        self.store = store
        handle = store.runtime.allocateHostFunction(HostFunction(type: type, body: body))
    }

    /// The function's type.
    public var type: FunctionType { store.runtime.typesByID[handle.pointee.typeID] }

    /// Calls the function.
    /// - Throws: `Trap` if execution traps, or if `arguments` do not match the parameter types
    ///   (then nothing runs).
    public func call(_ arguments: [Value] = []) throws(Trap) -> [Value] {
        let type = self.type
        guard arguments.count == type.parameters.count,
            zip(arguments, type.parameters).allSatisfy({ $0.type == $1 })
        else { throw Trap(code: .hostError, hostError: ArgumentMismatch(expected: type.parameters, actual: arguments.map(\.type))) }
        return try store.runtime.invoke(handle, arguments: arguments)
    }

    /// A reference to this function, to put in a table or pass as a `funcref`.
    public var reference: FunctionReference { FunctionReference(raw: UInt64(UInt(bitPattern: handle))) }
}

/// Arguments passed to `Function.call` do not match its parameters.
struct ArgumentMismatch: Error, CustomStringConvertible {
    let expected: [ValueType]
    let actual: [ValueType]
    var description: String { "arguments \(actual) do not match the parameters \(expected)" }
}
