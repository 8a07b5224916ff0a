// Type definitions (value, function, component, instance and resource types, core module types),
// extern types, and canonical function definitions.
extension ComponentValidator {
    // MARK: Core types

    /// Checks that every concrete reference type in `function` names an earlier core function type
    /// of `types` (typed function references inside a component's core types).
    private func checkReferences(in function: FunctionType, types: [CoreTypeEntry]) throws(ComponentError) {
        for type in function.parameters + function.results {
            guard case .concrete(let index)? = type.heapType else { continue }
            guard Int(index) < types.count else { throw fail("type index out of bounds") }
            guard case .function = types[Int(index)] else { throw fail("type index \(index) is a module type") }
        }
    }

    func coreTypeEntry(_ type: CoreTypeDefinition) throws(ComponentError) -> CoreTypeEntry {
        switch type {
        case .function(let function):
            try checkReferences(in: function, types: scope.coreTypes)
            return .function(function)
        case .module(let declarations):
            var types: [CoreTypeEntry] = []
            var imports: [ImportType] = []
            var exports: [String: ExternType] = [:]
            var importKeys: Set<[String]> = []
            func extern(_ descriptor: CoreExternDescriptor) throws(ComponentError) -> ExternType {
                switch descriptor {
                case .function(let index):
                    guard case .function(let function) = try self.index(index, in: types, "type") else {
                        throw fail("type index \(index) is not a function type")
                    }
                    return .function(function)
                case .table(let table):
                    guard table.limits.min <= UInt64(UInt32.max), (table.limits.max ?? 0) <= UInt64(UInt32.max) else {
                        throw fail("table size must be at most 2^32-1")
                    }
                    guard table.limits.max.map({ $0 >= table.limits.min }) ?? true else {
                        throw fail("size minimum must not be greater than maximum")
                    }
                    return .table(table)
                case .memory(let memory):
                    guard memory.limits.min <= 65536, (memory.limits.max ?? 0) <= 65536 else {
                        throw fail("memory size must be at most 65536 pages (4GiB)")
                    }
                    guard memory.limits.max.map({ $0 >= memory.limits.min }) ?? true else {
                        throw fail("size minimum must not be greater than maximum")
                    }
                    return .memory(memory)
                case .global(let global): return .global(global)
                case .tag(let index):
                    guard case .function(let function) = try self.index(index, in: types, "type") else {
                        throw fail("type index \(index) is not a function type")
                    }
                    guard function.results.isEmpty else { throw fail("non-empty tag result type") }
                    return .tag(TagType(parameters: function.parameters))
                }
            }
            for declaration in declarations {
                switch declaration {
                case .import(let module, let name, let descriptor):
                    guard importKeys.insert([module, name]).inserted else {
                        throw fail("duplicate import name `\(module)::\(name)`")
                    }
                    imports.append(ImportType(module: module, name: name, type: try extern(descriptor)))
                case .type(let function):
                    try checkReferences(in: function, types: types)
                    types.append(.function(function))
                case .outerTypeAlias(let count, let index):
                    // The module type is a scope of its own: count 0 is its own types, 1 the enclosing scope.
                    if count == 0 {
                        types.append(try self.index(index, in: types, "type"))
                    } else {
                        guard Int(count) <= scopes.count else { throw fail("invalid outer alias count of \(count)") }
                        let entry = try self.index(index, in: scopes[scopes.count - Int(count)].coreTypes, "core type")
                        if case .module = entry { throw fail("cannot alias a module type into a module type") }
                        types.append(entry)
                    }
                case .export(let name, let descriptor):
                    guard exports.updateValue(try extern(descriptor), forKey: name) == nil else {
                        throw fail("export name `\(name)` already defined")
                    }
                }
            }
            return .module(graph.add(.coreModule(CoreModuleType(imports: imports, exports: exports))))
        }
    }

    // MARK: Component types

    /// The node for a type definition in the current scope.
    func typeNode(_ definition: ComponentTypeDefinition) throws(ComponentError) -> TypeID {
        switch definition {
        case .value(let value): return try sized(.value(try resolveDefined(value)))
        case .function(let function): return try sized(.function(try resolveFunction(function)))
        case .resource(let representation, let destructor):
            guard scope.kind == .component else {
                throw fail("resources can only be defined within a concrete component")
            }
            guard representation == .i32 else { throw fail("resources can only be represented by `i32`") }
            if let destructor {
                let type = try index(destructor, in: scope.coreFunctions, "core func")
                guard type == FunctionType(parameters: [.i32], results: []) else {
                    throw fail("wrong signature for a destructor: expected (i32) -> (), found \(type)")
                }
            }
            let id = graph.freshResource(defined: true)
            if let node = graph.resource(id) { scope.localResources.insert(node.id) }
            return id
        case .component(let declarations):
            scopes.append(Scope(kind: .componentType, firstResource: graph.nextResource + 1))
            try declare(declarations)
            let finished = scopes.removeLast()
            return try componentType(of: finished)
        case .instance(let declarations):
            scopes.append(Scope(kind: .instanceType, firstResource: graph.nextResource + 1))
            try declare(declarations)
            let finished = scopes.removeLast()
            return try sized(.instance(exports: finished.exports))
        }
    }

    private func declare(_ declarations: [TypeDeclaration]) throws(ComponentError) {
        for declaration in declarations {
            switch declaration {
            case .coreType(let type):
                let entry = try coreTypeEntry(type)
                scope.coreTypes.append(entry)
            case .type(let type):
                scope.types.append(try typeNode(type))
            case .alias(let alias):
                switch (alias.target, alias.sort) {
                case (.export, .instance), (.export, .type), (.outer, .type), (.outer, .core(.type)): break
                default: throw fail("this alias is not allowed in a type declaration")
                }
                try validateAlias(alias)
            case .import(let name, let type):
                try addImport(name: name, type: type)
            case .export(let name, let type):
                try addExport(name: name, entity: try externEntity(type, fresh: true))
            }
        }
    }

    /// The entity an extern type describes; `fresh` makes a `(sub resource)` bound a new resource and an
    /// `(eq i)` bound a new named index (what imports and export declarations do).
    func externEntity(_ type: ComponentExternType, fresh: Bool) throws(ComponentError) -> Entity {
        switch type {
        case .module(let index):
            guard case .module(let module) = try self.index(index, in: scope.coreTypes, "core type") else {
                throw fail("core type index \(index) is not a module type")
            }
            return Entity(kind: .module, type: module)
        case .function(let index):
            let id = try self.index(index, in: scope.types, "type")
            guard case .function = graph[id] else { throw fail("type index \(index) is not a function type") }
            return Entity(kind: .function, type: id)
        case .component(let index):
            let id = try self.index(index, in: scope.types, "type")
            guard case .component = graph[id] else { throw fail("type index \(index) is not a component type") }
            return Entity(kind: .component, type: id)
        case .instance(let index):
            let id = try self.index(index, in: scope.types, "type")
            guard case .instance = graph[id] else { throw fail("type index \(index) is not an instance type") }
            guard fresh else { return Entity(kind: .instance, type: id) }
            // Each import or export of an instance type gets its own copy of the resources it declares.
            var own: [Int: TypeID] = [:]
            declaredResources(of: id, into: &own)
            var memo: [TypeID: TypeID] = [:]
            return Entity(kind: .instance, type: graph.substitute(id, own, memo: &memo))
        case .type(.subResource):
            return Entity(
                kind: .type, type: graph.freshResource(defined: false))
        case .type(.equal(let index)):
            let id = try self.index(index, in: scope.types, "type")
            return Entity(kind: .type, type: fresh ? graph.add(.alias(id)) : id)
        }
    }

    /// The most a type's effective size (its nodes counted as often as they are reached) may be, so that
    /// every walk over a type (comparison, flattening, printing) is bounded by a constant.
    static let maxTypeSize = 1_000_000

    /// The deepest a type may nest (a list of a list ..., an instance type inside an instance type ...):
    /// walks over types recurse once per level, so the native stack they use is bounded.
    static let maxTypeDepth = 100

    /// Adds a value, function, instance or component type node after checking its effective size.
    func sized(_ node: TypeNode) throws(ComponentError) -> TypeID {
        var total = 1
        var deepest = 0
        func add(_ id: TypeID) {
            let target = graph.resolve(id)
            total += graph.sizes[target] ?? 1
            deepest = max(deepest, graph.depths[target] ?? 1)
        }
        func add(_ type: ResolvedValueType?) {
            if case .defined(let id)? = type { add(id) } else { total += 1 }
        }
        switch node {
        case .value(let defined):
            switch defined {
            case .own, .borrow: total = 2
            default: for child in graph.children(of: defined) { add(child) }
            }
        case .function(let function):
            for parameter in function.parameters { add(parameter.type) }
            add(function.result)
        case .instance(let exports):
            for export in exports { add(export.entity.type) }
        case .component(let imports, let exports, _):
            for entry in imports + exports { add(entry.entity.type) }
        default: break
        }
        guard total <= Self.maxTypeSize else {
            throw fail("effective type size exceeds the limit of \(Self.maxTypeSize)")
        }
        guard deepest < Self.maxTypeDepth else {
            throw fail("type nesting exceeds the limit of \(Self.maxTypeDepth) levels")
        }
        let id = graph.add(node)
        graph.sizes[id] = total
        graph.depths[id] = deepest + 1
        return id
    }

    /// The resources an instance type declares with `(export "r" (type (sub resource)))`, also in nested
    /// instance exports, each mapped to a fresh abstract resource.
    private func declaredResources(of instance: TypeID, into mapping: inout [Int: TypeID], depth: Int = 0) {
        guard depth < 100, case .instance(let exports) = graph[instance] else { return }
        for export in exports {
            switch export.entity.kind {
            case .type:
                if case .resource(let node) = graph.nodes[export.entity.type], !node.isDefined {
                    mapping[node.id] = graph.freshResource(defined: false)
                }
            case .instance: declaredResources(of: export.entity.type, into: &mapping, depth: depth + 1)
            default: break
            }
        }
    }

    func resolveValue(_ type: ValueTypeReference) throws(ComponentError) -> ResolvedValueType {
        switch type {
        case .primitive(let primitive): return .primitive(primitive)
        case .index(let index):
            let id = try self.index(index, in: scope.types, "type")
            guard case .value = graph[id] else { throw fail("type index \(index) is not a defined type") }
            return .defined(id)
        }
    }

    private func checkLabels(_ labels: [String], what: String) throws(ComponentError) {
        var keys: Set<String> = []
        for label in labels {
            guard isLabel(label) else { throw fail("\(what) name `\(label)` is not in kebab case") }
            guard keys.insert(stronglyUniqueKey(label)).inserted else {
                throw fail("\(what) name `\(label)` conflicts with previous \(what) name")
            }
        }
    }

    private func resource(_ index: UInt32) throws(ComponentError) -> TypeID {
        let id = try self.index(index, in: scope.types, "type")
        guard graph.resource(id) != nil else { throw fail("type index \(index) is not a resource type") }
        return id
    }

    func resolveDefined(_ value: DefinedValueType) throws(ComponentError) -> ResolvedDefinedType {
        switch value {
        case .primitive(let primitive): return .primitive(primitive)
        case .record(let fields):
            guard !fields.isEmpty else { throw fail("record type must have at least one field") }
            try checkLabels(fields.map(\.label), what: "record field")
            var resolved: [ResolvedField] = []
            for field in fields {
                resolved.append(ResolvedField(label: field.label, type: try resolveValue(field.type)))
            }
            return .record(resolved)
        case .variant(let cases):
            guard !cases.isEmpty else { throw fail("variant type must have at least one case") }
            guard cases.count <= Int(UInt32.max) else { throw fail("variant type cannot be represented") }
            try checkLabels(cases.map(\.label), what: "variant case")
            var resolved: [ResolvedCase] = []
            for item in cases {
                var type: ResolvedValueType?
                if let payload = item.type { type = try resolveValue(payload) }
                resolved.append(ResolvedCase(label: item.label, type: type))
            }
            return .variant(resolved)
        case .list(let element): return .list(try resolveValue(element))
        case .tuple(let types):
            guard !types.isEmpty else { throw fail("tuple type must have at least one type") }
            var resolved: [ResolvedValueType] = []
            for type in types { resolved.append(try resolveValue(type)) }
            return .tuple(resolved)
        case .flags(let labels):
            guard !labels.isEmpty else { throw fail("flags must have at least one entry") }
            guard labels.count <= 32 else { throw fail("cannot have more than 32 flags") }
            try checkLabels(labels, what: "flag")
            return .flags(labels)
        case .enum(let labels):
            guard !labels.isEmpty else { throw fail("enum type must have at least one variant") }
            try checkLabels(labels, what: "enum tag")
            return .enum(labels)
        case .option(let element): return .option(try resolveValue(element))
        case .result(let ok, let error):
            var resolvedOk: ResolvedValueType?
            var resolvedError: ResolvedValueType?
            if let ok { resolvedOk = try resolveValue(ok) }
            if let error { resolvedError = try resolveValue(error) }
            return .result(ok: resolvedOk, error: resolvedError)
        case .own(let index): return .own(try resource(index))
        case .borrow(let index): return .borrow(try resource(index))
        }
    }

    func resolveFunction(_ function: ComponentFunctionType) throws(ComponentError) -> ResolvedFunctionType {
        try checkLabels(function.parameters.map(\.label), what: "function parameter")
        var parameters: [ResolvedField] = []
        for parameter in function.parameters {
            parameters.append(ResolvedField(label: parameter.label, type: try resolveValue(parameter.type)))
        }
        var result: ResolvedValueType?
        if let type = function.result {
            let resolved = try resolveValue(type)
            guard !graph.containsBorrow(resolved) else { throw fail("function result cannot contain a `borrow` type") }
            result = resolved
        }
        return ResolvedFunctionType(parameters: parameters, result: result)
    }

    // MARK: Canonical functions

    func validateCanonical(_ canon: CanonicalFunction) throws(ComponentError) {
        switch canon {
        case .lift(let coreFunction, let options, let typeIndex):
            let core = try index(coreFunction, in: scope.coreFunctions, "core func")
            let id = try index(typeIndex, in: scope.types, "type")
            guard case .function(let function) = graph[id] else {
                throw fail("type index \(typeIndex) is not a function type")
            }
            let expected = graph.coreSignature(of: function, lowering: false)
            guard core == expected else {
                throw fail("lowered type mismatch: expected \(expected), found \(core)")
            }
            let parametersNeedMemory =
                function.parameters.contains { graph.containsStringOrList($0.type) }
                || function.parameters.flatMap { graph.flatten($0.type) }.count > maxFlatParameters
            let resultNeedsMemory =
                function.result.map { graph.containsStringOrList($0) || graph.flatten($0).count > maxFlatResults }
                ?? false
            try checkOptions(
                options, needsMemory: parametersNeedMemory || resultNeedsMemory, needsRealloc: parametersNeedMemory)
            if let postReturn = options.postReturn {
                let type = try index(postReturn, in: scope.coreFunctions, "core func")
                let wanted = FunctionType(parameters: expected.results, results: [])
                guard type == wanted else {
                    throw fail("type mismatch with post-return: expected \(wanted), found \(type)")
                }
            }
            scope.functions.append(id)
        case .lower(let functionIndex, let options):
            let id = try index(functionIndex, in: scope.functions, "func")
            guard case .function(let function) = graph[id] else { throw fail("not a function type") }
            guard options.postReturn == nil else {
                throw fail("canonical option `post-return` cannot be used when lowering")
            }
            let parametersNeedMemory =
                function.parameters.contains { graph.containsStringOrList($0.type) }
                || function.parameters.flatMap { graph.flatten($0.type) }.count > maxFlatParameters
            let resultNeedsRealloc = function.result.map { graph.containsStringOrList($0) } ?? false
            let resultNeedsMemory =
                resultNeedsRealloc || (function.result.map { graph.flatten($0).count > maxFlatResults } ?? false)
            try checkOptions(
                options, needsMemory: parametersNeedMemory || resultNeedsMemory, needsRealloc: resultNeedsRealloc)
            scope.coreFunctions.append(graph.coreSignature(of: function, lowering: true))
        case .resourceNew(let typeIndex):
            try requireDefinedResource(typeIndex)
            scope.coreFunctions.append(FunctionType(parameters: [.i32], results: [.i32]))
        case .resourceDrop(let typeIndex):
            _ = try resource(typeIndex)
            scope.coreFunctions.append(FunctionType(parameters: [.i32], results: []))
        case .resourceRep(let typeIndex):
            try requireDefinedResource(typeIndex)
            scope.coreFunctions.append(FunctionType(parameters: [.i32], results: [.i32]))
        }
    }

    private func requireDefinedResource(_ typeIndex: UInt32) throws(ComponentError) {
        let id = try resource(typeIndex)
        guard let node = graph.resource(id), scope.localResources.contains(node.id) else {
            throw fail("type index \(typeIndex) is not a local resource: not defined by this component")
        }
    }

    private func checkOptions(_ options: CanonicalOptions, needsMemory: Bool, needsRealloc: Bool) throws(ComponentError)
    {
        if let memory = options.memory {
            _ = try index(memory, in: scope.coreMemories, "core memory")
        } else if needsMemory {
            throw fail("canonical option `memory` is required")
        }
        if options.realloc != nil && options.memory == nil {
            throw fail("canonical option `realloc` requires `memory` to also be specified")
        }
        if let realloc = options.realloc {
            let type = try index(realloc, in: scope.coreFunctions, "core func")
            let wanted = FunctionType(parameters: [.i32, .i32, .i32, .i32], results: [.i32])
            guard type == wanted else {
                throw fail("canonical option `realloc` uses a core function with an incorrect signature")
            }
        } else if needsRealloc {
            throw fail("canonical option `realloc` is required")
        }
    }
}
