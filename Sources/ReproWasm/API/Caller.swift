/// What a host function sees of its call: the store, and the instance whose code called it.
///
/// Valid during the call it was passed to. Through it a host function reads and writes the calling
/// instance's memory, reads the store's counter and fuel and the embedder's `Store.userData`, and
/// calls other functions (their instructions count, and fuel and call depth apply, as if wasm had
/// called them).
///
///     imports.defineFunction(module: "env", name: "print", type: FunctionType(parameters: [.i32, .i32])) { caller, args in
///         guard let memory = caller.memory else { return [] }
///         print(try memory.string(at: Int(args[0].i32!), count: Int(args[1].i32!)))
///         return []
///     }
public struct Caller {
    /// The store the call runs in.
    public let store: Store
    /// The instance whose wasm code made the call; `nil` when the embedder called the host function
    /// directly with `Function.call`.
    public let instance: Instance?

    init(store: Store, instance: Instance?) {
        self.store = store
        self.instance = instance
    }

    /// The calling instance's memory 0, whether it exports it or not (`nil` if it has no memory or
    /// the host called directly). This is where pointers the module passes usually point.
    public var memory: Memory? { instance?.defaultMemory }

    /// The calling instance's exported memory called `name`.
    public func memory(named name: String) -> Memory? { instance?.memory(named: name) }

    /// The calling instance's exported function called `name`, to call back into the module.
    public func function(named name: String) -> Function? { instance?.function(named: name) }

    /// The calling instance's exported global called `name`.
    public func global(named name: String) -> Global? { instance?.global(named: name) }

    /// The calling instance's exported table called `name`.
    public func table(named name: String) -> Table? { instance?.table(named: name) }
}
