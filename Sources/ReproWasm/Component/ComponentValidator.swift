// Validation of components (Explainer.md and Binary.md, synchronous subset): index spaces built
// definition by definition, type checking of instantiations, aliases, canonical functions, imports and
// exports, and the name rules. The result is the component's type (its imports and exports as
// entities in a `TypeGraph`), which introspection prints as WIT.

/// A validated component's type information.
struct ValidatedComponent: Sendable {
    var graph: TypeGraph
    var imports: [NamedEntity]
    var exports: [NamedEntity]
}

/// Validates a decoded component.
func validateComponent(_ component: ParsedComponent) throws(ComponentError) -> ValidatedComponent {
    let validator = ComponentValidator()
    let type = try validator.validate(component)
    guard case .component(let imports, let exports, _) = validator.graph.nodes[type] else {
        preconditionFailure("validate returns a component type")
    }
    return ValidatedComponent(graph: validator.graph, imports: imports, exports: exports)
}

/// The types with a name while one import, export or bag is checked: the scope's, and those the item
/// itself names (kept apart so the scope's set is never copied).
struct NameContext {
    let base: Set<TypeID>
    var added: Set<TypeID> = []

    init(base: Set<TypeID>) { self.base = base }

    func contains(_ id: TypeID) -> Bool { added.contains(id) || base.contains(id) }
    mutating func insert(_ id: TypeID) { added.insert(id) }
}

/// What a scope is: a component definition or a component or instance type.
enum ScopeKind {
    case component
    case componentType
    case instanceType
}

/// The index spaces and names of one scope.
struct Scope {
    var kind: ScopeKind
    var coreFunctions: [FunctionType] = []
    var coreTables: [TableType] = []
    var coreMemories: [MemoryType] = []
    var coreGlobals: [GlobalType] = []
    var coreTags: [TagType] = []
    var coreTypes: [CoreTypeEntry] = []
    var coreModules: [TypeID] = []
    var coreInstances: [[String: ExternType]] = []
    var functions: [TypeID] = []
    var types: [TypeID] = []
    var components: [TypeID] = []
    var instances: [TypeID] = []
    var imports: [NamedEntity] = []
    var exports: [NamedEntity] = []
    var importKeys: Set<String> = []
    var exportKeys: Set<String> = []
    /// The types (resolved nodes) imported or exported so far: the ones later imports and exports may use.
    var namedTypes: Set<TypeID> = []
    /// The types imported so far: the ones later imports may use (imports cannot refer to exports).
    var importNamedTypes: Set<TypeID> = []
    /// Resources imported or exported under a plain name, by that name (for `[method]R.x` rules).
    var importResourceNames: [String: TypeID] = [:]
    /// The same for exports: an exported annotated name needs an exported resource.
    var exportResourceNames: [String: TypeID] = [:]
    /// The resources this component itself defines (`resource.new` and `resource.rep` need one).
    var localResources: Set<Int> = []
    /// The first resource id created inside this scope: ids from here on are this scope's own.
    var firstResource: Int

    init(kind: ScopeKind, firstResource: Int) {
        self.kind = kind
        self.firstResource = firstResource
    }
}

/// A core type index space entry.
enum CoreTypeEntry {
    case function(FunctionType)
    case module(TypeID)
}

/// One validation run: the type graph and the stack of enclosing scopes.
final class ComponentValidator {
    var graph = TypeGraph()
    var scopes: [Scope] = []
    /// The offset of the definition being validated, for errors.
    var offset = 0

    /// The innermost scope, read and modified in place (a copy would make every append copy its arrays).
    var scope: Scope {
        _read { yield scopes[scopes.count - 1] }
        _modify { yield &scopes[scopes.count - 1] }
    }

    func fail(_ message: String) -> ComponentError { .invalid(message, at: offset) }

    /// Validates a component definition and returns its component type.
    func validate(_ component: ParsedComponent) throws(ComponentError) -> TypeID {
        scopes.append(Scope(kind: .component, firstResource: graph.nextResource + 1))
        for definition in component.definitions {
            offset = definition.offset
            try validate(definition.kind)
        }
        let finished = scopes.removeLast()
        return try componentType(of: finished)
    }

    /// The type of a finished component or component type scope, with its generative resources.
    func componentType(of finished: Scope) throws(ComponentError) -> TypeID {
        var imported: Set<Int> = []
        var exported: Set<Int> = []
        var seen: Set<TypeID> = []
        for entry in finished.imports { graph.resources(in: entry.entity.type, into: &imported, seen: &seen) }
        seen = []
        for entry in finished.exports { graph.resources(in: entry.entity.type, into: &exported, seen: &seen) }
        let generative = exported.subtracting(imported).filter { $0 >= finished.firstResource }.sorted()
        return try sized(.component(imports: finished.imports, exports: finished.exports, generative: generative))
    }

    private func validate(_ definition: ComponentDefinition.Kind) throws(ComponentError) {
        switch definition {
        case .coreModule(let module):
            // Core wasm allows an import name twice; a module inside a component may not repeat one.
            var importNames: Set<[String]> = []
            for entry in module.imports where !importNames.insert([entry.module, entry.name]).inserted {
                throw fail("duplicate import name `\(entry.module):\(entry.name)`")
            }
            let type = CoreModuleType(
                imports: module.imports,
                exports: Dictionary(module.exports.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a }))
            scope.coreModules.append(graph.add(.coreModule(type)))
        case .coreInstance(let instance): try validateCoreInstance(instance)
        case .coreType(let type): scope.coreTypes.append(try coreTypeEntry(type))
        case .component(let nested):
            let type = try validate(nested)
            scope.components.append(type)
        case .instance(let instance): try validateInstance(instance)
        case .alias(let alias): try validateAlias(alias)
        case .type(let type): scope.types.append(try typeNode(type))
        case .canon(let canon): try validateCanonical(canon)
        case .import(let entry): try addImport(name: entry.name, type: entry.type)
        case .export(let export): try validateExport(export)
        }
    }

    // MARK: Core instances

    private func validateCoreInstance(_ instance: CoreInstanceDefinition) throws(ComponentError) {
        switch instance {
        case .instantiate(let moduleIndex, let arguments):
            let module = try index(moduleIndex, in: scope.coreModules, "core module")
            guard case .coreModule(let type) = graph[module] else { throw fail("not a core module") }
            var provided: [String: [String: ExternType]] = [:]
            for argument in arguments {
                let instance = try index(argument.item.index, in: scope.coreInstances, "core instance")
                guard provided.updateValue(instance, forKey: argument.name) == nil else {
                    throw fail("duplicate module instantiation argument named `\(argument.name)`")
                }
            }
            for entry in type.imports {
                guard let instance = provided[entry.module] else {
                    throw fail("module instantiation argument `\(entry.module)` not found")
                }
                guard let found = instance[entry.name] else {
                    throw fail(
                        "module instantiation argument `\(entry.module)` does not export an item named `\(entry.name)`")
                }
                guard graph.coreMatches(found, entry.type) else {
                    throw fail(
                        "type mismatch for export `\(entry.name)` of module instantiation argument `\(entry.module)`")
                }
            }
            scope.coreInstances.append(type.exports)
        case .exports(let items):
            var exports: [String: ExternType] = [:]
            for item in items {
                let type: ExternType
                guard case .core(let sort) = item.item.sort else { throw fail("core export of a component item") }
                switch sort {
                case .function: type = .function(try index(item.item.index, in: scope.coreFunctions, "core func"))
                case .table: type = .table(try index(item.item.index, in: scope.coreTables, "core table"))
                case .memory: type = .memory(try index(item.item.index, in: scope.coreMemories, "core memory"))
                case .global: type = .global(try index(item.item.index, in: scope.coreGlobals, "core global"))
                case .tag: type = .tag(try index(item.item.index, in: scope.coreTags, "tag"))
                case .type, .module, .instance: throw fail("a core instance cannot export a \(sort)")
                }
                guard exports.updateValue(type, forKey: item.name) == nil else {
                    throw fail("export name `\(item.name)` already defined")
                }
            }
            scope.coreInstances.append(exports)
        }
    }

    // MARK: Component instances

    private func validateInstance(_ instance: ComponentInstanceDefinition) throws(ComponentError) {
        switch instance {
        case .instantiate(let componentIndex, let arguments):
            let component = try index(componentIndex, in: scope.components, "component")
            var provided: [String: Entity] = [:]
            for argument in arguments {
                let entity = try entity(of: argument.item)
                guard provided.updateValue(entity, forKey: argument.name) == nil else {
                    throw fail("instantiation argument `\(argument.name)` conflicts with previous argument")
                }
            }
            scope.instances.append(try instantiate(component, with: provided))
        case .exports(let items):
            var exports: [NamedEntity] = []
            var keys: Set<String> = []
            // A bag of exports may hold types without names (until it is exported), but its functions may
            // only use resources named by then, in the component or by the bag itself.
            var named = NameContext(base: scope.namedTypes)
            var resources: [String: TypeID] = [:]
            for item in items {
                try checkName(item.name, keys: &keys, what: "export")
                var entity = try entity(of: item.item)
                if entity.kind == .type {
                    entity.type = graph.add(.alias(entity.type))
                    if graph.resource(entity.type) != nil, case .label(let label)? = ExternName(item.name) {
                        resources[label] = entity.type
                    }
                }
                if let resource = ExternName(item.name)?.resource, resources[resource] == nil {
                    throw fail("`\(item.name)` does not name a resource `\(resource)` exported before it")
                }
                if entity.kind == .type { named.insert(entity.type) }
                if entity.kind == .function, !resourcesNamed(in: entity.type, named) {
                    throw fail("resource used in function does not have a name in this context")
                }
                exports.append(NamedEntity(name: item.name, entity: entity))
            }
            scope.instances.append(try sized(.instance(exports: exports)))
        }
    }

    /// Type-checks an instantiation and returns the instance type, with the component's imported resources
    /// replaced by the arguments' and its own resources made fresh.
    func instantiate(_ component: TypeID, with provided: [String: Entity]) throws(ComponentError) -> TypeID {
        guard case .component(let imports, let exports, let generative) = graph[component] else {
            throw fail("not a component")
        }
        // The abstract resources of the imports are bound to the arguments' resources as matching goes.
        var abstract: Set<Int> = []
        var seen: Set<TypeID> = []
        for entry in imports { graph.resources(in: entry.entity.type, into: &abstract, seen: &seen) }
        graph.bindable = abstract.subtracting(graph.definedResources)
        graph.bindings = [:]
        defer {
            graph.bindable = []
            graph.bindings = [:]
        }
        for entry in imports {
            guard let argument = provided[entry.name] else { throw fail("missing import named `\(entry.name)`") }
            if let why = graph.mismatch(argument, entry.entity) {
                throw fail("type mismatch for import `\(entry.name)`: \(why)")
            }
        }
        var mapping = graph.bindings
        for id in generative { mapping[id] = graph.freshResource(defined: true) }
        // A type imported with an `eq` bound stands for the argument from here on.
        var memo: [TypeID: TypeID] = [:]
        for entry in imports {
            guard let argument = provided[entry.name] else { continue }
            switch entry.entity.kind {
            case .type: memo[entry.entity.type] = argument.type
            case .instance: mapExportedTypes(of: entry.entity.type, to: argument.type, memo: &memo)
            default: break
            }
        }
        let instanceExports = exports.map { entry in
            NamedEntity(
                name: entry.name,
                entity: Entity(kind: entry.entity.kind, type: graph.substitute(entry.entity.type, mapping, memo: &memo))
            )
        }
        return try sized(.instance(exports: instanceExports))
    }

    /// Maps the types an imported instance type exports to the argument instance's exports of the same
    /// names, so the instance's exports refer to the argument's (named) types.
    private func mapExportedTypes(of expected: TypeID, to actual: TypeID, memo: inout [TypeID: TypeID], depth: Int = 0)
    {
        guard depth < 100, case .instance(let wanted) = graph[expected], case .instance(let have) = graph[actual] else {
            return
        }
        for export in wanted {
            guard let found = have.first(where: { $0.name == export.name }) else { continue }
            switch export.entity.kind {
            case .type: memo[export.entity.type] = found.entity.type
            case .instance:
                mapExportedTypes(of: export.entity.type, to: found.entity.type, memo: &memo, depth: depth + 1)
            default: break
            }
        }
    }

    /// The entity an index names, with its type.
    func entity(of item: SortIndex) throws(ComponentError) -> Entity {
        switch item.sort {
        case .core(.module): Entity(kind: .module, type: try index(item.index, in: scope.coreModules, "core module"))
        case .function: Entity(kind: .function, type: try index(item.index, in: scope.functions, "func"))
        case .type: Entity(kind: .type, type: try index(item.index, in: scope.types, "type"))
        case .component: Entity(kind: .component, type: try index(item.index, in: scope.components, "component"))
        case .instance: Entity(kind: .instance, type: try index(item.index, in: scope.instances, "instance"))
        case .value: throw .unsupported("component values", at: offset)
        case .core(let sort): throw fail("a component item cannot be a core \(sort)")
        }
    }

    func index<T>(_ index: UInt32, in space: [T], _ what: String) throws(ComponentError) -> T {
        guard Int(index) < space.count else {
            throw fail("unknown \(what) \(index): \(what) index out of bounds")
        }
        return space[Int(index)]
    }

    /// Adds an entity to the index space of its kind.
    func push(_ entity: Entity) {
        switch entity.kind {
        case .module: scope.coreModules.append(entity.type)
        case .function: scope.functions.append(entity.type)
        case .type: scope.types.append(entity.type)
        case .component: scope.components.append(entity.type)
        case .instance: scope.instances.append(entity.type)
        }
    }

    // MARK: Aliases

    func validateAlias(_ alias: Alias) throws(ComponentError) {
        switch alias.target {
        case .export(let instanceIndex, let name):
            let instance = try index(instanceIndex, in: scope.instances, "instance")
            guard case .instance(let exports) = graph[instance] else { throw fail("not an instance") }
            guard let found = exports.first(where: { $0.name == name }) else {
                throw fail("instance \(instanceIndex) has no export named `\(name)`")
            }
            guard sortMatches(alias.sort, found.entity.kind) else {
                throw fail("export `\(name)` for instance \(instanceIndex) is not a \(alias.sort)")
            }
            push(found.entity)
        case .coreExport(let instanceIndex, let name):
            let exports = try index(instanceIndex, in: scope.coreInstances, "core instance")
            guard let found = exports[name] else {
                throw fail("core instance \(instanceIndex) has no export named `\(name)`")
            }
            switch (alias.sort, found) {
            case (.core(.function), .function(let type)): scope.coreFunctions.append(type)
            case (.core(.table), .table(let type)): scope.coreTables.append(type)
            case (.core(.memory), .memory(let type)): scope.coreMemories.append(type)
            case (.core(.global), .global(let type)): scope.coreGlobals.append(type)
            case (.core(.tag), .tag(let type)): scope.coreTags.append(type)
            default:
                // Named as wasm-tools names it: `is not a tag`, `is not a func`.
                let sort = if case .core(let core) = alias.sort { core.description } else { alias.sort.description }
                throw fail("export `\(name)` for core instance \(instanceIndex) is not a \(sort)")
            }
        case .outer(let count, let index):
            guard Int(count) < scopes.count else { throw fail("invalid outer alias count of \(count)") }
            let target = scopes[scopes.count - 1 - Int(count)]
            switch alias.sort {
            case .core(.type):
                scope.coreTypes.append(try self.index(index, in: target.coreTypes, "core type"))
            case .type:
                let type = try self.index(index, in: target.types, "type")
                let crossesComponent = scopes[(scopes.count - Int(count))...].contains { $0.kind == .component }
                if count > 0 && crossesComponent {
                    var found: Set<Int> = []
                    var seen: Set<TypeID> = []
                    graph.resources(in: type, into: &found, seen: &seen)
                    guard found.isEmpty else {
                        throw fail(
                            "canonical option or type refers to resources, cannot be aliased across a component boundary"
                        )
                    }
                }
                scope.types.append(type)
            case .core(.module):
                scope.coreModules.append(try self.index(index, in: target.coreModules, "core module"))
            case .component:
                scope.components.append(try self.index(index, in: target.components, "component"))
            default:
                throw fail("outer aliases of the \(alias.sort) sort are not allowed")
            }
        }
    }

    func sortMatches(_ sort: ComponentSort, _ kind: EntityKind) -> Bool {
        switch (sort, kind) {
        case (.core(.module), .module), (.function, .function), (.type, .type), (.component, .component),
            (.instance, .instance):
            true
        default: false
        }
    }

    // MARK: Imports and exports

    /// Validates an import of the current component or component type and adds it to its index space.
    func addImport(name: String, type: ComponentExternType) throws(ComponentError) {
        try checkName(name, keys: &scope.importKeys, what: "import")
        let entity = try externEntity(type, fresh: true)
        try checkAnnotatedName(name, entity, exporting: false)
        try checkNamed(entity, exporting: false)
        if entity.kind == .type, graph.resource(entity.type) != nil, case .label(let label)? = ExternName(name) {
            scope.importResourceNames[label] = entity.type
        }
        scope.imports.append(NamedEntity(name: name, entity: entity))
        push(entity)
    }

    /// Records an export of the current scope and adds its new index.
    func addExport(name: String, entity: Entity) throws(ComponentError) {
        try checkName(name, keys: &scope.exportKeys, what: "export")
        if case .dependency? = ExternName(name) { throw fail("`\(name)` is not a valid export name") }
        try checkAnnotatedName(name, entity, exporting: true)
        try checkNamed(entity, exporting: true)
        if entity.kind == .type, graph.resource(entity.type) != nil, case .label(let label)? = ExternName(name) {
            scope.exportResourceNames[label] = entity.type
        }
        scope.exports.append(NamedEntity(name: name, entity: entity))
        push(entity)
    }

    private func validateExport(_ export: ComponentExport) throws(ComponentError) {
        var entity = try entity(of: export.item)
        if let ascribed = export.type {
            let expected = try externEntity(ascribed, fresh: false)
            if expected.kind == .type, case .type(.subResource) = ascribed {
                guard graph.resource(entity.type) != nil else { throw fail("type mismatch: expected a resource type") }
                // The ascription makes the export a new abstract resource: a resource exported under two
                // names, one of them ascribed, is two distinct types outside (the runtime type stays one).
                entity.type = graph.freshResource(defined: true)
            } else {
                if let why = graph.mismatch(entity, expected) {
                    throw fail("type mismatch in export `\(export.name)`: \(why)")
                }
                entity = expected
            }
        }
        if entity.kind == .type {
            // An exported type is a new type index with the export's name: an alias of the item.
            entity.type = graph.add(.alias(entity.type))
        }
        try addExport(name: export.name, entity: entity)
    }

    /// Checks a name's syntax and its strong uniqueness among `keys`.
    func checkName(_ name: String, keys: inout Set<String>, what: String) throws(ComponentError) {
        guard ExternName(name) != nil else { throw fail("`\(name)` is not a valid extern name") }
        guard keys.insert(stronglyUniqueKey(name)).inserted else {
            throw fail("\(what) name `\(name)` conflicts with previous name")
        }
    }

    /// The rule that an import's or export's type may only use types that have a name here: records,
    /// variants, enums, flags and resources must have been imported or exported before (or be the type
    /// being exported); lists, tuples, options and results are checked through.
    ///
    /// Instance types may break the rule until they are attached to an import or export of a component
    /// (or component type); then their exports are checked in order, and once attached, every type they
    /// export (through nested instances too) has a name here.
    func checkNamed(_ entity: Entity, exporting: Bool) throws(ComponentError) {
        guard scope.kind != .instanceType else { return }
        let added: Set<TypeID>
        do {
            var named = NameContext(base: exporting ? scope.namedTypes : scope.importNamedTypes)
            try checkNamed(entity, named: &named, what: exporting ? "export" : "import")
            added = named.added
        }
        scope.namedTypes.formUnion(added)
        if !exporting { scope.importNamedTypes.formUnion(added) }
    }

    private func checkNamed(_ entity: Entity, named: inout NameContext, what: String) throws(ComponentError) {
        switch entity.kind {
        case .function:
            guard case .function(let function) = graph[entity.type] else { return }
            for type in function.parameters.map(\.type) + [function.result].compactMap({ $0 })
            where !isNamed(type, named) {
                throw fail("func not valid to be used as \(what): a type it uses has no name in this context")
            }
        case .type:
            // The exported or imported type gets its name; what it is built from must have one already.
            var target = entity.type
            while case .alias(let next) = graph.nodes[target], !named.contains(next) { target = next }
            switch graph.nodes[target] {
            case .function:
                var inner = named
                try checkNamed(Entity(kind: .function, type: target), named: &inner, what: what)
            case .instance:
                var inner = named
                try checkNamed(Entity(kind: .instance, type: target), named: &inner, what: what)
            default: break
            }
            if case .value(let defined) = graph.nodes[target] {
                switch defined {
                case .own(let resource), .borrow(let resource):
                    guard isNamed(.defined(resource), named) else {
                        throw fail("type not valid to be used as \(what): its resource has no name in this context")
                    }
                default:
                    for child in graph.children(of: defined) where !isNamed(child, named) {
                        throw fail("type not valid to be used as \(what): a type it uses has no name in this context")
                    }
                }
            }
            named.insert(entity.type)
        case .instance:
            guard case .instance(let exports) = graph[entity.type] else { return }
            var inner = named
            for export in exports { try checkNamed(export.entity, named: &inner, what: what) }
            nameExportedTypes(of: entity.type, into: &named)
        case .module, .component:
            return
        }
    }

    private func nameExportedTypes(of instance: TypeID, into named: inout NameContext, depth: Int = 0) {
        guard depth < 100, case .instance(let exports) = graph[instance] else { return }
        for export in exports {
            switch export.entity.kind {
            case .type: named.insert(export.entity.type)
            case .instance: nameExportedTypes(of: export.entity.type, into: &named, depth: depth + 1)
            default: break
            }
        }
    }

    /// Whether every resource a function type's handles refer to is named.
    private func resourcesNamed(in function: TypeID, _ named: NameContext) -> Bool {
        guard case .function(let type) = graph[function] else { return true }
        var seen: Set<TypeID> = []
        func check(_ type: ResolvedValueType) -> Bool {
            guard case .defined(let raw) = type, seen.insert(raw).inserted else { return true }
            switch graph[raw] {
            case .value(.own(let resource)), .value(.borrow(let resource)):
                return isNamed(.defined(resource), named)
            case .value(let defined): return graph.children(of: defined).allSatisfy(check)
            default: return true
            }
        }
        return type.parameters.allSatisfy { check($0.type) } && (type.result.map(check) ?? true)
    }

    /// Whether a value type only uses named types; names are by index-space entry (the exact node), so a
    /// type used through its definition rather than through its export has no name.
    private func isNamed(_ type: ResolvedValueType, _ named: NameContext) -> Bool {
        guard case .defined(var id) = type else { return true }
        while true {
            if named.contains(id) { return true }
            guard case .alias(let target) = graph.nodes[id] else { break }
            id = target
        }
        switch graph.nodes[id] {
        case .value(let defined):
            switch defined {
            case .record, .variant, .enum, .flags: return false
            case .own(let resource), .borrow(let resource): return isNamed(.defined(resource), named)
            default: return graph.children(of: defined).allSatisfy { isNamed($0, named) }
            }
        default: return false
        }
    }

    /// The rules for `[constructor]`, `[method]` and `[static]` names.
    func checkAnnotatedName(_ name: String, _ entity: Entity, exporting: Bool) throws(ComponentError) {
        guard let parsed = ExternName(name), let resourceName = parsed.resource else { return }
        guard entity.kind == .function else { throw fail("`\(name)` must be a function") }
        guard let resource = (exporting ? scope.exportResourceNames : scope.importResourceNames)[resourceName] else {
            throw fail("`\(name)` does not name a preceding resource `\(resourceName)`")
        }
        guard case .function(let function) = graph[entity.type] else { throw fail("not a function type") }
        switch parsed {
        case .constructor:
            var ok = false
            if let result = function.result, case .defined(let id) = result, case .value(let value) = graph[id] {
                switch value {
                case .own(let target): ok = graph.equalNodes(target, resource)
                case .result(let okType?, _):
                    if case .defined(let inner) = okType, case .value(.own(let target)) = graph[inner] {
                        ok = graph.equalNodes(target, resource)
                    }
                default: break
                }
            }
            guard ok else { throw fail("function `\(name)` should return `(own $R)` or `(result (own $R) ...)`") }
        case .method:
            guard let first = function.parameters.first, first.label == "self", case .defined(let id) = first.type,
                case .value(.borrow(let target)) = graph[id], graph.equalNodes(target, resource)
            else { throw fail("function `\(name)` should have a first parameter `self` of type `(borrow $R)`") }
        default: break
        }
    }
}
