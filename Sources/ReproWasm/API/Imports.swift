/// The values a module's imports are resolved from, by module and field name.
///
/// Define store entities (`define(module:name:_:)`), every export of an instance (`define(module:instance:)`),
/// or host functions that are created in whichever store instantiates (`defineFunction`). The
/// instruction counter import is supplied by the store and never needs defining. A later definition
/// of the same name replaces the earlier one; names compare by their UTF-8 bytes, as the spec says.
///
///     var imports = Imports()
///     imports.defineFunction(module: "env", name: "log", type: FunctionType(parameters: [.i32])) { caller, args in
///         print("log:", args[0], "after", caller.store.instructionCount, "instructions")
///         return []
///     }
///     imports.define(module: "lib", instance: library)   // every export of an instance of the same store
public struct Imports {
    /// What one name is defined as.
    enum Definition {
        case extern(Extern)
        case host(HostDefinition)
    }

    private var entries: [ImportKey: Definition] = [:]
    private var instances: [[UInt8]: Instance] = [:]

    /// Creates an empty set of imports.
    public init() {}

    /// Makes `extern` the value of import `module` `name` (replacing an earlier definition).
    ///
    /// `extern` belongs to one store; instantiating in another store fails with a link error.
    public mutating func define(module: String, name: String, _ extern: Extern) {
        entries[ImportKey(module: module, name: name)] = .extern(extern)
    }

    /// Makes every export of `instance` importable under module name `module`. Names defined one by
    /// one take precedence.
    public mutating func define(module: String, instance: Instance) {
        instances[Array(module.utf8)] = instance
    }

    /// Defines import `module` `name` as a host function of `type` running `body`.
    ///
    /// The function is created in the store that instantiates, once per store (instances of one
    /// store that import it share one function). `body` gets the `Caller` (the store, the calling
    /// instance, its memory) and arguments matching `type.parameters`, and returns values matching
    /// `type.results`. An error it throws, or results of the wrong types, make the call trap with
    /// `TrapCode.hostError` carrying the error. Host calls add nothing to the instruction counter.
    /// Each store keeps `body`: reach the store through `caller.store` rather than capturing it.
    ///
    ///     imports.defineFunction(module: "env", name: "add", type: FunctionType(parameters: [.i32, .i32], results: [.i32])) { _, args in
    ///         [.i32(args[0].i32! &+ args[1].i32!)]
    ///     }
    public mutating func defineFunction(
        module: String, name: String, type: FunctionType,
        _ body: @escaping (_ caller: Caller, _ arguments: [Value]) throws -> [Value]
    ) {
        entries[ImportKey(module: module, name: name)] = .host(HostDefinition(HostFunction(type: type, body: body)))
    }

    /// The value import `module` `name` resolves to in `store`.
    func resolve(module: String, name: String, in store: Store) -> ImportResolution {
        let extern: Extern
        switch entries[ImportKey(module: module, name: name)] {
        case .host(let definition)?:
            return .resolved(.function(store.runtime.hostFunction(for: definition)))
        case .extern(let defined)?:
            extern = defined
        case nil:
            guard let exported = instances[Array(module.utf8)]?.export(named: name) else { return .missing }
            extern = exported
        }
        guard let value = extern.value(in: store) else { return .foreignStore }
        return .resolved(value)
    }
}

/// A host function defined by name, created lazily in each store that links it. A class, so a
/// store can tell one definition from another (and copies of one `Imports` share it).
final class HostDefinition {
    let function: HostFunction
    init(_ function: HostFunction) { self.function = function }
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
