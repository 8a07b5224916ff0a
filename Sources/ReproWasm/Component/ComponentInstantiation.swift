// Instantiation of components (Explainer.md, "Instance Definitions"): the definitions of a validated
// component run in binary order, each adding to its index space. Core modules are instantiated in the
// caller's `Store` (so one counter, one fuel budget and one set of limits span every core instance of
// a component and its nested components); `canon lift` makes component functions of core functions
// and `canon lower` core (host) functions of component functions.

/// The index spaces of one component instance being built, or of a type scope.
final class RuntimeScope {
    let parent: RuntimeScope?
    var coreFunctions: [Extern] = []
    var coreTables: [Extern] = []
    var coreMemories: [Extern] = []
    var coreGlobals: [Extern] = []
    var coreTags: [Extern] = []
    var coreModules: [Module] = []
    var coreInstances: [[String: Extern]] = []
    var coreTypes = 0
    var functions: [ComponentFunction] = []
    var instances: [RuntimeInstance] = []
    var components: [ComponentClosure] = []
    var types: [RuntimeType] = []

    init(parent: RuntimeScope?) { self.parent = parent }

    func outer(_ count: UInt32) -> RuntimeScope? {
        var scope: RuntimeScope? = self
        for _ in 0..<count { scope = scope?.parent }
        return scope
    }
}

/// Why a component could not be instantiated.
public struct ComponentInstantiationError: Error, CustomStringConvertible {
    /// Whether an import is missing or of the wrong kind (rather than a trap while instantiating).
    public let isLinkError: Bool
    /// The reason.
    public let message: String

    /// The reason.
    public var description: String { message }
}

/// Runs the definitions of one component.
struct ComponentInstantiator {
    let store: Store
    let state: ComponentInstanceState
    let scope: RuntimeScope

    static func link(_ message: String) -> ComponentInstantiationError {
        ComponentInstantiationError(isLinkError: true, message: message)
    }

    /// Instantiates `closure` with `arguments` (its imports by name), returning its exports.
    static func instantiate(
        _ closure: ComponentClosure, arguments: [String: RuntimeItem], store: Store,
        parent: ComponentInstanceState? = nil, host: ComponentImports? = nil
    ) throws(ComponentInstantiationError) -> RuntimeInstance {
        let runner = ComponentInstantiator(
            store: store, state: ComponentInstanceState(store: store, parent: parent),
            scope: RuntimeScope(parent: closure.scope))
        let exports = RuntimeInstance()
        for definition in closure.parsed.definitions {
            try runner.run(definition.kind, arguments: arguments, exports: exports, host: host)
        }
        return exports
    }

    func run(
        _ kind: ComponentDefinition.Kind, arguments: [String: RuntimeItem], exports: RuntimeInstance,
        host: ComponentImports?
    ) throws(ComponentInstantiationError) {
        switch kind {
        case .coreModule(let module): scope.coreModules.append(module)
        case .coreType: scope.coreTypes += 1
        case .component(let parsed): scope.components.append(ComponentClosure(parsed: parsed, scope: scope))
        case .coreInstance(let definition): scope.coreInstances.append(try coreInstance(definition))
        case .instance(let definition): scope.instances.append(try instance(definition))
        case .alias(let alias): try self.alias(alias, in: scope)
        case .type(let definition): scope.types.append(try RuntimeTypes.evaluate(definition, in: scope, state: state))
        case .canon(let function): try canon(function)
        case .import(let entry):
            var argument = arguments[entry.name]
            if argument == nil, let host {
                // The outermost component: the host's definition, typed by the import's declaration.
                argument = try store.hostItem(
                    host.entries[entry.name], declared: RuntimeTypes.extern(entry.type, in: scope), name: entry.name)
            }
            if argument == nil, case .type(let bound) = entry.type {
                // A type import the caller does not give: the declared type, or a fresh host resource.
                switch bound {
                case .equal(let index): push(.type(scope.types[Int(index)]))
                case .subResource: push(.type(.resource(RuntimeResourceType(destructor: nil, owner: nil))))
                }
                return
            }
            guard let argument else { throw Self.link("missing import `\(entry.name)`") }
            guard Self.sort(of: argument) == entry.type.sort else {
                throw Self.link("import `\(entry.name)` needs a \(entry.type.sort)")
            }
            push(argument)
        case .export(let export):
            let item = try self.item(export.item)
            exports.add(export.name, item)
            push(item)
        }
    }

    static func sort(of item: RuntimeItem) -> ComponentSort {
        switch item {
        case .function: .function
        case .instance: .instance
        case .component: .component
        case .module: .core(.module)
        case .type: .type
        }
    }

    func push(_ item: RuntimeItem) {
        switch item {
        case .function(let function): scope.functions.append(function)
        case .instance(let instance): scope.instances.append(instance)
        case .component(let component): scope.components.append(component)
        case .module(let module): scope.coreModules.append(module)
        case .type(let type): scope.types.append(type)
        }
    }

    /// The item at a component sort index (validation checked the index).
    func item(_ index: SortIndex) throws(ComponentInstantiationError) -> RuntimeItem {
        let i = Int(index.index)
        switch index.sort {
        case .function: return .function(scope.functions[i])
        case .instance: return .instance(scope.instances[i])
        case .component: return .component(scope.components[i])
        case .type: return .type(scope.types[i])
        case .core(.module): return .module(scope.coreModules[i])
        default: throw Self.link("unsupported item sort \(index.sort)")
        }
    }

    func coreInstance(_ definition: CoreInstanceDefinition) throws(ComponentInstantiationError) -> [String: Extern] {
        switch definition {
        case .instantiate(let moduleIndex, let arguments):
            var imports = Imports()
            for argument in arguments {
                for (name, extern) in scope.coreInstances[Int(argument.item.index)] {
                    imports.define(module: argument.name, name: name, extern)
                }
            }
            let instance: Instance
            do {
                instance = try store.instantiate(scope.coreModules[Int(moduleIndex)], imports: imports)
            } catch {
                if case .link = error { throw Self.link(error.description) }
                throw ComponentInstantiationError(isLinkError: false, message: error.description)
            }
            var exports: [String: Extern] = [:]
            for name in instance.exportNames { exports[name] = instance.export(named: name) }
            return exports
        case .exports(let items):
            var exports: [String: Extern] = [:]
            for item in items {
                guard case .core(let sort) = item.item.sort, let extern = coreItem(sort, Int(item.item.index)) else {
                    throw Self.link("unsupported core export \(item.name)")
                }
                exports[item.name] = extern
            }
            return exports
        }
    }

    func coreItem(_ sort: CoreSort, _ index: Int) -> Extern? {
        switch sort {
        case .function: scope.coreFunctions[index]
        case .table: scope.coreTables[index]
        case .memory: scope.coreMemories[index]
        case .global: scope.coreGlobals[index]
        case .tag: scope.coreTags[index]
        default: nil
        }
    }

    func instance(_ definition: ComponentInstanceDefinition) throws(ComponentInstantiationError) -> RuntimeInstance {
        switch definition {
        case .instantiate(let componentIndex, let arguments):
            var named: [String: RuntimeItem] = [:]
            for argument in arguments { named[argument.name] = try item(argument.item) }
            return try Self.instantiate(
                scope.components[Int(componentIndex)], arguments: named, store: store, parent: state)
        case .exports(let items):
            let instance = RuntimeInstance()
            for entry in items { instance.add(entry.name, try item(entry.item)) }
            return instance
        }
    }

    func alias(_ alias: Alias, in scope: RuntimeScope) throws(ComponentInstantiationError) {
        switch alias.target {
        case .coreExport(let instance, let name):
            guard case .core(let sort) = alias.sort, let extern = scope.coreInstances[Int(instance)][name] else {
                throw Self.link("core instance \(instance) has no export `\(name)`")
            }
            switch sort {
            case .function: scope.coreFunctions.append(extern)
            case .table: scope.coreTables.append(extern)
            case .memory: scope.coreMemories.append(extern)
            case .global: scope.coreGlobals.append(extern)
            case .tag: scope.coreTags.append(extern)
            default: throw Self.link("unsupported core alias of a \(sort)")
            }
        case .export(let instance, let name):
            guard let item = scope.instances[Int(instance)].items[name] else {
                throw Self.link("instance \(instance) has no export `\(name)`")
            }
            push(item)
        case .outer(let count, let index):
            guard let outer = scope.outer(count) else { throw Self.link("outer alias out of scope") }
            let i = Int(index)
            switch alias.sort {
            case .type: scope.types.append(outer.types[i])
            case .component: scope.components.append(outer.components[i])
            case .core(.module): scope.coreModules.append(outer.coreModules[i])
            case .core(.type): scope.coreTypes += 1
            default: throw Self.link("unsupported outer alias of a \(alias.sort)")
            }
        }
    }

    func canon(_ function: CanonicalFunction) throws(ComponentInstantiationError) {
        switch function {
        case .lift(let coreIndex, let options, let typeIndex):
            guard case .function(let type) = scope.types[Int(typeIndex)],
                case .function(let core) = scope.coreFunctions[Int(coreIndex)]
            else { throw Self.link("canon lift of a non-function") }
            let postReturn = options.postReturn.flatMap { scope.coreFunctions[Int($0)].function?.handle }
            scope.functions.append(
                ComponentFunction(
                    type: type, body: .lifted(core: core.handle, options: template(options), postReturn: postReturn),
                    store: store))
        case .lower(let functionIndex, let options):
            scope.coreFunctions.append(.function(lower(scope.functions[Int(functionIndex)], template(options))))
        case .resourceNew(let typeIndex), .resourceDrop(let typeIndex), .resourceRep(let typeIndex):
            guard case .resource(let resource) = scope.types[Int(typeIndex)] else {
                throw Self.link("canon resource function of a non-resource")
            }
            scope.coreFunctions.append(.function(resourceFunction(function, resource)))
        }
    }

    func template(_ options: CanonicalOptions) -> CanonicalOptionsTemplate {
        CanonicalOptionsTemplate(
            memory: options.memory.flatMap { scope.coreMemories[Int($0)].memory?.handle },
            realloc: options.realloc.flatMap { scope.coreFunctions[Int($0)].function?.handle },
            encoding: options.stringEncoding ?? .utf8, instance: state)
    }

    /// `canon lower`: a core function that lifts its arguments from this instance, calls `callee`, and
    /// lowers the result back.
    func lower(_ callee: ComponentFunction, _ options: CanonicalOptionsTemplate) -> Function {
        let type = callee.type
        let parameters = type.parameterTypes
        let results = type.resultTypes
        var flatParameters = parameters.flatMap(\.flat)
        if flatParameters.count > maxFlatParameters { flatParameters = [.i32] }
        var flatResults = results.flatMap(\.flat)
        let returnPointer = flatResults.count > maxFlatResults
        if returnPointer {
            flatParameters.append(.i32)
            flatResults = []
        }
        let state = self.state
        // A component-to-component call, which a composed component would run through a fused
        // adapter (counted only when the store asks for it).
        var fused = false
        if case .lifted = callee.body { fused = FusedAdapterCount.isModelled(type) }
        return Function(store: store, type: FunctionType(parameters: flatParameters, results: flatResults)) {
            caller, arguments in
            guard state.mayLeave else { throw ComponentTrap.abi(.cannotLeave) }
            var context = options.context(in: caller.store)
            if case .lifted = callee.body { context.peerIsHost = false }
            let lenders = CallScope(peerIsHost: context.peerIsHost)
            context.scope = lenders
            defer { lenders.release() }
            let lifted = try context.liftFlatValues(arguments, types: parameters, maxFlat: maxFlatParameters)
            let counted = fused && caller.store.countsFusedAdapters
            if counted, let count = FusedAdapterCount.beforeCall(type, arguments: lifted) {
                caller.store.instructionCount &+= count
            }
            let resultScope = CallScope(peerIsHost: context.peerIsHost)
            let returned = try callee.call(
                lifted, in: caller.store, from: state, origins: lenders.liftedOrigins, resultOrigins: resultScope)
            context.scope = resultScope
            let outPointer = returnPointer ? Int(arguments.last!.bits) : nil
            let lowered: [Value]
            do {
                lowered = try context.lowerFlatValues(
                    returned, types: results, maxFlat: maxFlatResults, outPointer: outPointer)
            } catch {
                resultScope.undoHostMoves()
                throw error
            }
            if counted, let count = FusedAdapterCount.afterCall(type, results: returned) {
                caller.store.instructionCount &+= count
            }
            return lowered
        }
    }

    func resourceFunction(_ function: CanonicalFunction, _ resource: RuntimeResourceType) -> Function {
        let state = self.state
        switch function {
        case .resourceNew:
            return Function(store: store, type: FunctionType(parameters: [.i32], results: [.i32])) { _, arguments in
                guard state.mayLeave else { throw ComponentTrap.abi(.cannotLeave) }
                let representation = UInt32(truncatingIfNeeded: arguments[0].bits)
                return [.i32(try state.add(.init(resource: resource, representation: representation, own: true)))]
            }
        case .resourceRep:
            return Function(store: store, type: FunctionType(parameters: [.i32], results: [.i32])) { _, arguments in
                [.i32(try state.get(UInt32(truncatingIfNeeded: arguments[0].bits), resource).representation)]
            }
        default:
            return Function(store: store, type: FunctionType(parameters: [.i32], results: [])) { _, arguments in
                try state.drop(UInt32(truncatingIfNeeded: arguments[0].bits), resource)
                return []
            }
        }
    }
}

extension Extern {
    var function: Function? { if case .function(let function) = self { function } else { nil } }
    var memory: Memory? { if case .memory(let memory) = self { memory } else { nil } }
}
