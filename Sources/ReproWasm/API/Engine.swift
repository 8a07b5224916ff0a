/// How modules are validated and run: the feature profile, the limits every store gets, and the
/// fuel a new store starts with.
///
/// Immutable and `Sendable`: build one and share it across threads and stores. The limits are
/// counts, not bytes of the host's memory, so the same program hits them at the same point on
/// every machine (`docs/DETERMINISM.md` §4).
///
///     let engine = Engine(
///         features: .deterministic,
///         limits: StoreLimits(maxCallDepth: 1_000, maxMemoryPages: 256),
///         defaultFuel: 1_000_000)
///     let store = Store(engine: engine)
public struct Engine: Sendable {
    /// The proposals modules may use; the determinism contract's profile by default.
    public let features: Features
    /// The limits each store of this engine enforces: call depth, value-stack slots, memory pages
    /// and table elements.
    public let limits: StoreLimits
    /// The fuel a new store starts with; `nil` (the default) means unlimited.
    public let defaultFuel: UInt64?

    /// Creates an engine.
    ///
    /// - Parameters:
    ///   - features: The proposals modules may use. `Module` takes its own `features` argument; pass
    ///     the same value there (the CLI does).
    ///   - limits: What each store enforces; the defaults suit typical compiled programs.
    ///   - defaultFuel: The fuel each new store starts with, `nil` for unlimited.
    public init(features: Features = .deterministic, limits: StoreLimits = StoreLimits(), defaultFuel: UInt64? = nil) {
        self.features = features
        self.limits = limits
        self.defaultFuel = defaultFuel
    }
}

/// Owns instances and everything they create, the instruction counter they share, the fuel, and
/// the embedder's data.
///
/// A store is single-threaded by design and not `Sendable`: create it, instantiate and call on one
/// thread (or one actor) at a time. Everything obtained from a store (instances, functions,
/// memories, ...) keeps it alive; what it owns is freed when the last of them goes away.
///
///     let store = Store()
///     let instance = try store.instantiate(module)
///     let results = try instance.function(named: "add")!.call([.i32(2), .i32(3)])
///     print(results, store.instructionCount)
public final class Store {
    /// The engine whose limits and default fuel this store uses.
    public let engine: Engine
    let runtime: StoreRuntime

    /// The embedder's own state for this store, for host functions to reach through
    /// `Caller.store` (the engine never touches it).
    ///
    /// A class reference rather than a generic parameter or an `Any`: host functions mutate the
    /// state in place through the reference, and no type parameter has to be spelled on every
    /// store, instance and function. Read it back typed with `userData(as:)`.
    ///
    ///     final class Log { var lines: [String] = [] }
    ///     store.userData = Log()
    ///     // in a host function:
    ///     caller.store.userData(as: Log.self)?.lines.append("called")
    public var userData: AnyObject?

    /// Whether a call from one component instance into a function lifted by another (a lowered
    /// import linked to another instance's export) also counts what wasmtime's fused adapter for it
    /// would execute, as hosts built on wasmtime-environ's component translation count when the
    /// two components are composed into one (numcodecs-wasm 0.2.5 does this for codecs and their
    /// WASI provider). Off by default: the contract counts lifting and lowering as 0
    /// (`docs/DETERMINISM.md` §5); `docs/ARCHITECTURE.md` (Codecs) describes the model and the
    /// types it covers (calls of functions with other types add nothing).
    public var countsFusedAdapters = false

    /// Creates an empty store with `engine`'s limits and default fuel.
    public init(engine: Engine = Engine()) {
        self.engine = engine
        runtime = StoreRuntime(limits: engine.limits)
        runtime.owner = self
        if let fuel = engine.defaultFuel { self.fuel = fuel }
    }

    /// `userData` as a `T`, or `nil` if it is unset or of another class.
    public func userData<T: AnyObject>(as type: T.Type = T.self) -> T? { userData as? T }

    /// The number of instructions this store has executed, as the determinism contract counts them.
    ///
    /// Shared by every instance in the store and wrapping on overflow; host functions add nothing.
    /// Setting it lets an embedder checkpoint and replay a run, and leaves the remaining `fuel`
    /// unchanged. See `docs/DETERMINISM.md` §3.
    ///
    ///     let before = store.instructionCount
    ///     _ = try add(2, 3)
    ///     print(store.instructionCount - before)   // instructions executed by `add`
    public var instructionCount: UInt64 {
        get { runtime.counter }
        set { runtime.setCounter(newValue) }
    }

    /// The fuel left: how many more instructions may be counted before execution traps with
    /// "out of fuel". `nil` means unlimited (the default unless the engine sets `defaultFuel`).
    /// Independent of `instructionCount`: setting either leaves the other as it is.
    ///
    /// A trap for lack of fuel leaves the store usable and the fuel at 0; give more fuel and the
    /// next call runs. A host function may change the fuel while wasm code runs; the change applies
    /// from the next counted instruction.
    ///
    ///     store.fuel = 1_000
    ///     do {
    ///         try run()
    ///     } catch let trap as Trap where trap.code == .outOfFuel {
    ///         store.fuel = 1_000   // the next call continues from here
    ///     }
    public var fuel: UInt64? {
        get { runtime.isFuelLimited ? runtime.fuel : nil }
        set {
            runtime.isFuelLimited = newValue != nil
            runtime.fuel = newValue ?? .max
        }
    }

    /// The total size in 64 KiB pages of all memories the store owns (defined by instances or
    /// created by the host). Memories never shrink, so this is also the peak.
    public var memoryPageCount: Int { runtime.memoryPageCount }

    /// Instantiates `module`: links its imports from `imports`, initialises globals, tables and
    /// memories, applies its segments and runs its start function.
    ///
    /// The instruction counter import (`numcodecs:wasm/perf@0.1.0` `instruction-counter`) is supplied
    /// by the store and need not be in `imports`.
    /// - Throws: `InstantiationError.link` if an import is missing, belongs to another store, has
    ///   the wrong type, or a memory or table would exceed the store's limits (nothing changed then);
    ///   `.trap` if a segment or the start function trapped (writes before the trap stay).
    ///
    ///     var imports = Imports()
    ///     imports.defineFunction(module: "env", name: "log", type: FunctionType(parameters: [.i32])) { _, args in
    ///         print(args[0]); return []
    ///     }
    ///     let instance = try store.instantiate(module, imports: imports)
    public func instantiate(_ module: Module, imports: Imports = Imports()) throws(InstantiationError) -> Instance {
        var resolved: [ImportResolution] = []
        for entry in module.validated.parsed.imports {
            resolved.append(imports.resolve(module: entry.module, name: entry.name, in: self))
        }
        let record = try runtime.instantiate(module.validated, imports: resolved)
        return Instance(store: self, record: record)
    }
}

@available(*, unavailable, message: "a Store is single-threaded: use it from one thread or actor at a time")
extension Store: Sendable {}

/// Why `Store.instantiate` failed.
///
///     do { _ = try store.instantiate(module) } catch { print(error) }
///     // unknown import "env" "log": expected func (i32) -> ()
public enum InstantiationError: Error, CustomStringConvertible {
    /// An import is missing or does not match, or a memory or table exceeds the store's limits;
    /// the store is unchanged.
    case link(LinkError)
    /// Initialising a segment or running the start function trapped.
    case trap(Trap)

    /// The underlying error's description.
    public var description: String {
        switch self {
        case .link(let error): error.description
        case .trap(let trap): trap.description
        }
    }
}
