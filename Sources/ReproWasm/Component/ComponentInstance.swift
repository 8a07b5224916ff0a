// Resolving component types at run time, and the public face of instantiation: `ComponentImports`
// (what the host supplies), `ComponentInstance` (what it gets back), `Store.instantiate(_:imports:)`.

/// Evaluates type definitions in a run-time scope.
enum RuntimeTypes {
    static func value(_ reference: ValueTypeReference, in scope: RuntimeScope) throws(ComponentInstantiationError)
        -> CanonicalType
    {
        switch reference {
        case .primitive(let primitive): return CanonicalType(primitive)
        case .index(let index):
            guard case .value(let type) = scope.types[Int(index)] else {
                throw ComponentInstantiator.link("type \(index) is not a value type")
            }
            return type
        }
    }

    static func resource(_ index: UInt32, in scope: RuntimeScope) throws(ComponentInstantiationError)
        -> RuntimeResourceType
    {
        guard case .resource(let resource) = scope.types[Int(index)] else {
            throw ComponentInstantiator.link("type \(index) is not a resource")
        }
        return resource
    }

    static func evaluate(
        _ definition: ComponentTypeDefinition, in scope: RuntimeScope, state: ComponentInstanceState?
    ) throws(ComponentInstantiationError) -> RuntimeType {
        switch definition {
        case .value(let defined):
            let type: CanonicalType
            switch defined {
            case .primitive(let primitive): type = CanonicalType(primitive)
            case .record(let fields):
                var resolved: [(label: String, type: CanonicalType)] = []
                for field in fields { resolved.append((field.label, try value(field.type, in: scope))) }
                type = .record(resolved)
            case .variant(let cases):
                var resolved: [(label: String, type: CanonicalType?)] = []
                for entry in cases {
                    resolved.append(
                        (
                            entry.label,
                            try entry.type.map { (t) throws(ComponentInstantiationError) in try value(t, in: scope) }
                        ))
                }
                type = .variant(resolved)
            case .list(let element): type = .list(try value(element, in: scope))
            case .tuple(let types):
                var resolved: [CanonicalType] = []
                for element in types { resolved.append(try value(element, in: scope)) }
                type = .tuple(resolved)
            case .flags(let labels): type = .flags(labels)
            case .enum(let labels): type = .enum(labels)
            case .option(let element): type = .option(try value(element, in: scope))
            case .result(let ok, let error):
                type = .result(
                    ok: try ok.map { (t) throws(ComponentInstantiationError) in try value(t, in: scope) },
                    error: try error.map { (t) throws(ComponentInstantiationError) in try value(t, in: scope) })
            case .own(let index): type = .own(try resource(index, in: scope))
            case .borrow(let index): type = .borrow(try resource(index, in: scope))
            }
            return .value(type)
        case .function(let function):
            var parameters: [(label: String, type: CanonicalType)] = []
            for parameter in function.parameters {
                parameters.append((parameter.label, try value(parameter.type, in: scope)))
            }
            let result = try function.result.map { (t) throws(ComponentInstantiationError) in try value(t, in: scope) }
            return .function(CanonicalFunctionType(parameters: parameters, result: result))
        case .resource(_, let destructor):
            let function = destructor.flatMap { scope.coreFunctions[Int($0)].function?.handle }
            return .resource(RuntimeResourceType(destructor: function, owner: state))
        case .component: return .other
        case .instance(let declarations):
            // Only what host imports need: the types of the instance's exports.
            let inner = RuntimeScope(parent: scope)
            var exports: [String: RuntimeType] = [:]
            for declaration in declarations {
                switch declaration {
                case .coreType: inner.coreTypes += 1
                case .type(let definition): inner.types.append(try evaluate(definition, in: inner, state: nil))
                case .alias(let alias):
                    guard case .outer(let count, let index) = alias.target, alias.sort == .type,
                        let outer = inner.outer(count)
                    else {
                        inner.types.append(.other)
                        continue
                    }
                    inner.types.append(outer.types[Int(index)])
                case .import: break
                case .export(let name, let type):
                    let exported = extern(type, in: inner)
                    if case .type = type { inner.types.append(exported) }
                    exports[name] = exported
                }
            }
            return .instance(exports)
        }
    }

    /// The run-time type an import or export declared with `type` has.
    static func extern(_ type: ComponentExternType, in scope: RuntimeScope) -> RuntimeType {
        switch type {
        case .function(let index), .instance(let index): scope.types[Int(index)]
        case .type(.equal(let index)): scope.types[Int(index)]
        case .type(.subResource): .resource(RuntimeResourceType(destructor: nil, owner: nil))
        case .module, .component: .other
        }
    }
}

/// What the host gives a component's imports: Swift functions over component values, and instances
/// of other components (composition), by import name (`wasi:cli/stdout@0.2.6`, `log`, ...).
///
///     var imports = ComponentImports()
///     imports.defineFunction(instance: "host:demo/log", name: "print") { arguments in
///         print(arguments[0]); return []
///     }
///     let instance = try store.instantiate(component, imports: imports)
public struct ComponentImports {
    typealias HostFunction = ([ComponentValue]) throws -> [ComponentValue]

    enum Member {
        case function(HostFunction)
        case resource(RuntimeResourceType)
    }

    enum Entry {
        case function(HostFunction)
        case resource(RuntimeResourceType)
        case members([String: Member])
        case instance(ComponentInstance)
    }

    var entries: [String: Entry] = [:]

    /// No imports.
    public init() {}

    /// Defines the function import `name`: `body` gets the arguments (one per parameter) and returns the
    /// result (none or one). An error it throws traps the calling component with `ComponentTrap.Kind.host`.
    public mutating func defineFunction(
        _ name: String, _ body: @escaping (_ arguments: [ComponentValue]) throws -> [ComponentValue]
    ) {
        entries[name] = .function(body)
    }

    /// Defines function `name` of the imported instance (interface) `instance`.
    public mutating func defineFunction(
        instance: String, name: String, _ body: @escaping (_ arguments: [ComponentValue]) throws -> [ComponentValue]
    ) {
        define(instance: instance, name: name, .function(body))
    }

    mutating func define(instance: String, name: String, _ member: Member) {
        var members: [String: Member] = [:]
        if case .members(let existing)? = entries[instance] { members = existing }
        members[name] = member
        entries[instance] = .members(members)
    }

    /// Defines the resource type `name` of the imported instance (interface) `instance` as one the
    /// host implements, and returns it: the host makes handles of it with `HostResource.handle(_:)`,
    /// and `destructor` runs with the representation when a component drops an owned handle.
    public mutating func defineResource(
        instance: String, name: String, destructor: ((_ representation: UInt32) throws -> Void)? = nil
    ) -> HostResource {
        let resource = RuntimeResourceType(destructor: nil, owner: nil, hostDestructor: destructor)
        define(instance: instance, name: name, .resource(resource))
        return HostResource(type: resource)
    }

    /// Satisfies the instance import `name` when the instance exports nothing but types (such as an
    /// interface of shared type definitions, `numcodecs:abc/types@0.1.1`): the host has nothing to
    /// give but must say it provides the instance. The declared types are used as they are.
    public mutating func defineTypeInstance(_ name: String) {
        if case .members? = entries[name] { return }
        entries[name] = .members([:])
    }

    /// Satisfies the instance import `name` with `instance`, an instance of another component in the
    /// same store (or one of its exported instances).
    public mutating func define(_ name: String, instance: ComponentInstance) {
        entries[name] = .instance(instance)
    }
}

/// A resource type the host implements (`ComponentImports.defineResource`): its handles carry a
/// representation the host chooses.
public struct HostResource {
    let type: RuntimeResourceType

    /// Identifies the type in `ResourceHandle.typeID`.
    public var typeID: Int { type.id }

    /// A handle of this type with `representation`, to pass to a component as `.own` or `.borrow`.
    public func handle(_ representation: UInt32) -> ResourceHandle {
        ResourceHandle(typeID: type.id, representation: representation)
    }
}

/// An instantiated component (or an instance it exports): its exported functions and instances.
///
///     let store = Store()
///     let instance = try store.instantiate(try Component(contentsOf: "app.wasm"))
///     let result = try instance.function(named: "run")!.call([.string("input")])
public struct ComponentInstance {
    /// The store every core instance of the component lives in.
    public let store: Store
    let exports: RuntimeInstance

    /// The export names, in order.
    public var exportNames: [String] { exports.names }

    /// The exported function `name`, or nil.
    public func function(named name: String) -> ComponentFunction? {
        if case .function(let function)? = exports.items[name] { function.retained() } else { nil }
    }

    /// Drops an owned handle the host holds of a resource type this instance exports: runs the
    /// resource's destructor with its representation (the destructor's wasm counts as usual).
    ///
    ///     guard case .own(let counter) = try make.call([.u32(7)]).first else { return }
    ///     try api.dropResource(counter)
    /// - Throws: `ComponentTrap` of kind `.typeMismatch` when the instance exports no resource type
    ///   with the handle's `typeID`; `.canonicalABI` ("cannot enter component instance") when the
    ///   instance that defined the resource is running a call (a host function it called is dropping
    ///   the handle; the host still holds it); `.canonicalABI` when the host no longer holds the
    ///   handle (already dropped or passed on as `own`), holds it only as a borrow, or has lent it to
    ///   a call that has not returned; what the destructor throws.
    public func dropResource(_ handle: ResourceHandle) throws(ComponentTrap) {
        for name in exports.names {
            guard case .type(.resource(let resource))? = exports.items[name], resource.id == handle.typeID else {
                continue
            }
            guard let tracking = handle.tracking else {
                // A handle the host made itself: only for a resource type the host defines.
                guard !resource.isDefinedByComponent else { throw .abi(.hostHandleNotIssued) }
                try resource.runDestructor(handle.rawRepresentation, in: store, from: nil)
                return
            }
            try tracking.release(as: .dropped)
            do {
                try resource.runDestructor(handle.rawRepresentation, in: store, from: nil)
            } catch {
                // Refused before the destructor ran: the host still holds the handle.
                if error.reason == .cannotEnter { tracking.state = .owned }
                throw error
            }
            return
        }
        throw ComponentTrap(.typeMismatch, "the instance exports no resource type of this handle")
    }

    /// The exported instance (interface) `name`, or nil.
    public func instance(named name: String) -> ComponentInstance? {
        if case .instance(let instance)? = exports.items[name] {
            ComponentInstance(store: store, exports: instance)
        } else {
            nil
        }
    }
}

extension Store {
    /// Instantiates `component` in this store with `imports`.
    ///
    /// Every core instance of the component and of the components nested in it lives in this store, so
    /// the instruction counter, the fuel and the limits span all of them.
    /// - Throws: `ComponentInstantiationError`: a link error (`isLinkError`) when an import is missing or
    ///   of the wrong kind, or a core module did not link; otherwise a trap while a core module was
    ///   instantiated (its start function or segments).
    public func instantiate(_ component: Component, imports: ComponentImports = ComponentImports())
        throws(ComponentInstantiationError) -> ComponentInstance
    {
        let exports = try ComponentInstantiator.instantiate(
            ComponentClosure(parsed: component.parsed, scope: nil), arguments: [:], store: self, host: imports)
        return ComponentInstance(store: self, exports: exports)
    }

    func hostItem(_ entry: ComponentImports.Entry?, declared: RuntimeType, name: String)
        throws(ComponentInstantiationError) -> RuntimeItem?
    {
        switch (entry, declared) {
        case (nil, _): return nil
        case (.function(let body)?, .function(let type)):
            return .function(ComponentFunction(type: type, body: .host(body), store: self))
        case (.resource(let resource)?, .resource):
            return .type(.resource(resource))
        case (.members(let members)?, .instance(let exportTypes)):
            // The instance type's abstract resources become the host's where it defines them.
            var map: [ObjectIdentifier: RuntimeResourceType] = [:]
            for (export, type) in exportTypes {
                if case .resource(let declared) = type, case .resource(let host)? = members[export] {
                    map[ObjectIdentifier(declared)] = host
                }
            }
            let instance = RuntimeInstance()
            for (export, type) in exportTypes.sorted(by: { $0.key < $1.key }) {
                switch type {
                case .function(let functionType):
                    guard case .function(let body)? = members[export] else {
                        throw ComponentInstantiator.link("missing function `\(export)` of import `\(name)`")
                    }
                    let substituted = CanonicalFunctionType(
                        parameters: functionType.parameters.map { ($0.label, $0.type.substituting(map)) },
                        result: functionType.result?.substituting(map))
                    instance.add(
                        export, .function(ComponentFunction(type: substituted, body: .host(body), store: self)))
                case .resource(let declared):
                    instance.add(export, .type(.resource(map[ObjectIdentifier(declared)] ?? declared)))
                case .value(let value):
                    instance.add(export, .type(.value(value.substituting(map))))
                default:
                    instance.add(export, .type(type))
                }
            }
            return .instance(instance)
        case (.instance(let instance)?, _):
            guard instance.store === self else {
                throw ComponentInstantiator.link("import `\(name)` is from another store")
            }
            return .instance(instance.exports)
        default:
            throw ComponentInstantiator.link("import `\(name)` is defined as the wrong kind of item")
        }
    }
}
