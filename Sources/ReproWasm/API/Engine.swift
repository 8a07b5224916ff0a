/// How modules are validated and run: the feature profile and the limits every store gets.
///
/// Immutable and `Sendable`: share one engine across threads and stores.
///
///     let engine = Engine(features: .deterministic, limits: StoreLimits(maxCallDepth: 1_000))
///     let store = Store(engine: engine)
public struct Engine: Sendable {
    /// The proposals modules may use.
    public let features: Features
    /// The limits each store enforces.
    public let limits: StoreLimits
    /// The fuel a new store starts with (`nil`: unlimited).
    public let defaultFuel: UInt64?

    /// Creates an engine.
    public init(features: Features = .deterministic, limits: StoreLimits = StoreLimits(), defaultFuel: UInt64? = nil) {
        self.features = features
        self.limits = limits
        self.defaultFuel = defaultFuel
    }
}

/// Owns instances and everything they create, and the instruction counter they share.
///
/// A store is single-threaded by design: use it from one thread at a time. Everything obtained from
/// a store (instances, functions, memories, ...) keeps it alive.
///
///     let store = Store()
///     let instance = try store.instantiate(module)
///     let results = try instance.function(named: "add")!.call([.i32(2), .i32(3)])
///     print(results, store.instructionCount)
public final class Store {
    /// The engine whose limits this store enforces.
    public let engine: Engine
    let runtime: StoreRuntime

    /// Creates an empty store.
    public init(engine: Engine = Engine()) {
        self.engine = engine
        runtime = StoreRuntime(limits: engine.limits)
        if let fuel = engine.defaultFuel { self.fuel = fuel }
    }

    /// The number of instructions this store has executed, as the determinism contract counts them.
    ///
    /// Shared by every instance in the store and wrapping on overflow. Setting it lets an embedder
    /// checkpoint and replay a run; see `DETERMINISM.md` §3.
    public var instructionCount: UInt64 {
        get { runtime.counter }
        set { runtime.counter = newValue }
    }

    /// The fuel left: how many more instructions may be counted before execution traps with
    /// "out of fuel". `nil` means unlimited (the default). Independent of `instructionCount`: setting
    /// either leaves the other as it is.
    public var fuel: UInt64? {
        get { runtime.isFuelLimited ? runtime.fuel : nil }
        set {
            runtime.isFuelLimited = newValue != nil
            runtime.fuel = newValue ?? .max
        }
    }

    /// Instantiates `module`: links its imports from `imports`, initialises globals, tables and
    /// memories, and runs its start function.
    ///
    /// The instruction counter import (`numcodecs:wasm/perf@0.1.0` `instruction-counter`) is supplied
    /// by the store and need not be in `imports`.
    /// - Throws: `InstantiationFailure.link` if an import is missing or has the wrong type (nothing
    ///   changed then), `.trap` if a segment or the start function trapped (writes before the trap stay).
    public func instantiate(_ module: Module, imports: Imports = Imports()) throws(InstantiationFailure) -> Instance {
        var resolved: [ExternalValue?] = []
        for entry in module.validated.parsed.imports {
            resolved.append(imports.lookup(module: entry.module, name: entry.name)?.value(in: self))
        }
        do {
            let record = try runtime.instantiate(module.validated, imports: resolved)
            return Instance(store: self, record: record)
        } catch {
            switch error {
            case .link(let error): throw .link(error)
            case .trap(let trap): throw .trap(trap)
            }
        }
    }
}

/// Why `Store.instantiate` failed.
public enum InstantiationFailure: Error, CustomStringConvertible {
    /// An import is missing or does not match; the store is unchanged.
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
