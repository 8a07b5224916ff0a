import ReproWasm

/// The state one script builds up as it runs: one store for the whole script, the `spectest` host
/// module, the registered instances, and the modules by name.
///
/// The spec's scripts are written against one store: registered instances share memories, tables and
/// globals with the modules that import them, and a failed instantiation may leave writes behind in
/// imported memories that later commands look at.
final class Session {
    /// A module a command may refer to: instantiated, or not (then commands that use it are skipped).
    enum ModuleState {
        case instance(Instance)
        /// Not loaded: it was a text module, needs an out-of-profile feature, or failed. The commands that
        /// use it are skipped, because the module's own command already counted the problem.
        case unavailable
    }

    let store: Store
    /// The imports every module of the script is instantiated with: `spectest` plus the registered
    /// instances.
    private(set) var imports = Imports()
    /// The most recent `module`: the target of actions that name no module.
    private(set) var current: ModuleState?
    /// Modules by their script name (`$M`).
    private var named: [String: ModuleState] = [:]
    /// `module definition`s by their script name, and the most recent one.
    /// (`nil` inside: the definition did not load.)
    private var definitions: [String: Module?] = [:]
    private var lastDefinition: Module??
    /// Registered names whose module was not loaded: a link error naming one is a consequence of that.
    private(set) var unavailableRegistrations: Set<String> = []

    init(features: Features) {
        store = Store(engine: Engine(features: features))
        defineSpectest()
    }

    /// The host module every spec script may import from, as the reference interpreter defines it.
    private func defineSpectest() {
        func printer(_ name: String, _ parameters: [ValueType]) {
            imports.define(
                module: "spectest", name: name,
                .function(Function(store: store, type: FunctionType(parameters: parameters)) { _, _ in [] }))
        }
        printer("print", [])
        printer("print_i32", [.i32])
        printer("print_i64", [.i64])
        printer("print_f32", [.f32])
        printer("print_f64", [.f64])
        printer("print_i32_f32", [.i32, .f32])
        printer("print_f64_f64", [.f64, .f64])

        func global(_ name: String, _ value: Value) {
            imports.define(
                module: "spectest", name: name,
                .global(Global(store: store, type: GlobalType(valueType: value.type, isMutable: false), value: value)))
        }
        global("global_i32", .i32(UInt32(666)))
        global("global_i64", .i64(UInt64(666)))
        global("global_f32", .f32(Float(666.6)))
        global("global_f64", .f64(Double(666.6)))

        let table = Table(store: store, type: TableType(elementType: .funcRef, limits: Limits(min: 10, max: 20)))!
        imports.define(module: "spectest", name: "table", .table(table))
        let memory = Memory(store: store, type: MemoryType(limits: Limits(min: 1, max: 2)))!
        imports.define(module: "spectest", name: "memory", .memory(memory))
    }

    /// Records the outcome of a `module` command (or `module_instance`): it becomes the current module.
    func setCurrent(_ state: ModuleState, name: String?) {
        current = state
        if let name { named[name] = state }
    }

    /// The module `name` refers to (`nil`: the current one), or `nil` if the script never defined it.
    func module(_ name: String?) -> ModuleState? {
        guard let name else { return current }
        return named[name]
    }

    /// Makes the exports of the module `name` (or the current one) importable as `registeredName`.
    /// - Returns: `false` if that module is not available (the name is then remembered as such), `nil`
    ///   if the script has no such module.
    func register(_ name: String?, as registeredName: String) -> Bool? {
        switch module(name) {
        case .instance(let instance):
            imports.define(module: registeredName, instance: instance)
            unavailableRegistrations.remove(registeredName)
            return true
        case .unavailable:
            unavailableRegistrations.insert(registeredName)
            return false
        case nil:
            return nil
        }
    }

    /// Records a `module definition`; `nil` if it did not load.
    func define(_ module: Module?, name: String?) {
        lastDefinition = .some(module)
        if let name { definitions[name] = .some(module) }
    }

    /// The definition `name` refers to (`nil`: the most recent one): `nil` if the script has none by
    /// that name, `.some(nil)` if it did not load.
    func definition(_ name: String?) -> Module?? {
        guard let name else { return lastDefinition }
        return definitions[name]
    }
}
