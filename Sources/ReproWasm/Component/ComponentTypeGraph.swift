// The validator's view of types: every type a component mentions becomes one node in a `TypeGraph`,
// identified by its position. Index spaces hold node ids, so an alias, an export or an instantiation
// shares nodes instead of copying types. Resource types are nodes with a fresh identity; handle types
// refer to them, and instantiation substitutes them.

/// A node's position in the `TypeGraph`.
typealias TypeID = Int

/// A value type whose type indices are resolved to nodes.
enum ResolvedValueType: Sendable, Hashable {
    case primitive(PrimitiveValueType)
    case defined(TypeID)
}

/// A record field or function parameter, resolved.
struct ResolvedField: Sendable, Hashable {
    var label: String
    var type: ResolvedValueType
}

/// A variant case, resolved.
struct ResolvedCase: Sendable, Hashable {
    var label: String
    var type: ResolvedValueType?
}

/// A defined value type with its component types resolved; handles refer to resource nodes.
enum ResolvedDefinedType: Sendable, Hashable {
    case primitive(PrimitiveValueType)
    case record([ResolvedField])
    case variant([ResolvedCase])
    case list(ResolvedValueType)
    case tuple([ResolvedValueType])
    case flags([String])
    case `enum`([String])
    case option(ResolvedValueType)
    case result(ok: ResolvedValueType?, error: ResolvedValueType?)
    case own(TypeID)
    case borrow(TypeID)
}

/// A component function type, resolved.
struct ResolvedFunctionType: Sendable, Hashable {
    var parameters: [ResolvedField]
    var result: ResolvedValueType?
}

/// The kind of item an import, export or index-space entry is.
enum EntityKind: Sendable, Hashable, CustomStringConvertible {
    case module
    case function
    case type
    case component
    case instance

    /// The sort's name.
    var description: String {
        switch self {
        case .module: "core module"
        case .function: "func"
        case .type: "type"
        case .component: "component"
        case .instance: "instance"
        }
    }
}

/// An item with its type: what imports and exports carry.
struct Entity: Sendable, Hashable {
    var kind: EntityKind
    var type: TypeID
}

/// A named entity: an import or export of a component or instance type.
struct NamedEntity: Sendable, Hashable {
    var name: String
    var entity: Entity
}

/// A core module type: what it imports and exports.
struct CoreModuleType: Sendable, Hashable {
    var imports: [ImportType]
    var exports: [String: ExternType]
}

/// A resource type: its identity, and for a resource defined by a component, its representation.
struct ResourceNode: Sendable, Hashable {
    /// Unique among all resources of the validation run.
    var id: Int
    /// Whether a component defined it (rather than declared it abstractly in an import or export).
    var isDefined: Bool
}

/// One type.
enum TypeNode: Sendable {
    case value(ResolvedDefinedType)
    case function(ResolvedFunctionType)
    case component(imports: [NamedEntity], exports: [NamedEntity], generative: [Int])
    case instance(exports: [NamedEntity])
    case resource(ResourceNode)
    /// A type exported or imported with an `eq` bound: the same type under a new index (and name).
    case alias(TypeID)
    case coreModule(CoreModuleType)
}

/// Every type node of one validation run.
struct TypeGraph: Sendable {
    var nodes: [TypeNode] = []
    var nextResource = 0
    /// While an instantiation is checked: the abstract resources of the component's imports that the
    /// arguments may supply, and which resource (node) each has been bound to so far.
    var bindable: Set<Int> = []
    var bindings: [Int: TypeID] = [:]

    /// For every node, the node behind its aliases (itself when it is not an alias), so resolving is
    /// constant time however long an alias chain grows.
    private var resolved: [TypeID] = []

    mutating func add(_ node: TypeNode) -> TypeID {
        let id = nodes.count
        nodes.append(node)
        if case .alias(let target) = node { resolved.append(resolved[target]) } else { resolved.append(id) }
        return id
    }

    /// The effective size of value, function, instance and component type nodes (the validator's bound);
    /// a substituted copy has the size of its original.
    var sizes: [TypeID: Int] = [:]
    /// The nesting depth of the same nodes (a leaf is 1).
    var depths: [TypeID: Int] = [:]
    /// The ids of resources defined by components (the others are abstract).
    var definedResources: Set<Int> = []

    mutating func freshResource(defined: Bool) -> TypeID {
        nextResource += 1
        if defined { definedResources.insert(nextResource) }
        return add(.resource(ResourceNode(id: nextResource, isDefined: defined)))
    }

    /// The node behind any chain of aliases.
    func resolve(_ id: TypeID) -> TypeID { resolved[id] }

    subscript(id: TypeID) -> TypeNode { nodes[resolve(id)] }

    /// The resource identity of a node, if it is (an alias of) a resource.
    func resource(_ id: TypeID) -> ResourceNode? {
        if case .resource(let node) = self[id] { return node }
        return nil
    }

    /// Whether a value type mentions `borrow` anywhere inside it.
    func containsBorrow(_ type: ResolvedValueType) -> Bool {
        var seen: Set<TypeID> = []
        return anyDefined(type, seen: &seen) { if case .borrow = $0 { true } else { false } }
    }

    /// Whether a value type contains a string or list (needs memory to cross the boundary).
    func containsStringOrList(_ type: ResolvedValueType) -> Bool {
        if case .primitive(.string) = type { return true }
        var seen: Set<TypeID> = []
        return anyDefined(type, seen: &seen) {
            switch $0 {
            case .list, .primitive(.string): true
            default: false
            }
        }
    }

    private func anyDefined(
        _ type: ResolvedValueType, seen: inout Set<TypeID>, _ test: (ResolvedDefinedType) -> Bool
    ) -> Bool {
        guard case .defined(let raw) = type else { return false }
        let id = resolve(raw)
        guard seen.insert(id).inserted, case .value(let defined) = nodes[id] else { return false }
        if test(defined) { return true }
        for child in children(of: defined) where anyDefined(child, seen: &seen, test) { return true }
        return false
    }

    /// The value types a defined type is built from.
    func children(of defined: ResolvedDefinedType) -> [ResolvedValueType] {
        switch defined {
        case .primitive, .flags, .enum, .own, .borrow: []
        case .record(let fields): fields.map(\.type)
        case .variant(let cases): cases.compactMap(\.type)
        case .list(let element), .option(let element): [element]
        case .tuple(let types): types
        case .result(let ok, let error): [ok, error].compactMap { $0 }
        }
    }

    /// The value type behind `type`, with a defined primitive (`(type u32)`) seen as the primitive.
    func normalized(_ type: ResolvedValueType) -> ResolvedValueType {
        if case .defined(let id) = type, case .value(.primitive(let primitive)) = self[id] {
            return .primitive(primitive)
        }
        return type
    }
}

// MARK: Type equality and subtyping

extension TypeGraph {
    /// Whether two value types are the same type (structurally, with resources by identity).
    mutating func equal(_ a: ResolvedValueType, _ b: ResolvedValueType, depth: Int = 0) -> Bool {
        let a = normalized(a)
        let b = normalized(b)
        switch (a, b) {
        case (.primitive(let x), .primitive(let y)): return x == y
        case (.defined(let x), .defined(let y)): return equalNodes(x, y, depth: depth)
        default: return false
        }
    }

    mutating func equal(_ a: ResolvedValueType?, _ b: ResolvedValueType?, depth: Int) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let x?, let y?): equal(x, y, depth: depth + 1)
        default: false
        }
    }

    /// Whether two nodes are the same type; `depth` bounds the recursion for hostile inputs (types are
    /// acyclic, so this only limits work, never rejects a real type).
    mutating func equalNodes(_ x: TypeID, _ y: TypeID, depth: Int = 0) -> Bool {
        let x = resolve(x)
        let y = resolve(y)
        if x == y { return true }
        guard depth < 200 else { return false }
        switch (nodes[x], nodes[y]) {
        case (.resource(let a), .resource(let b)): return sameResource(a, x, b, y)
        case (.value(let a), .value(let b)): return equalDefined(a, b, depth: depth + 1)
        case (.function(let a), .function(let b)):
            return a.parameters.count == b.parameters.count
                && zip(a.parameters, b.parameters).allSatisfy {
                    $0.label == $1.label && equal($0.type, $1.type, depth: depth + 1)
                } && equal(a.result, b.result, depth: depth)
        default:
            return false
        }
    }

    private mutating func equalDefined(_ a: ResolvedDefinedType, _ b: ResolvedDefinedType, depth: Int) -> Bool {
        switch (a, b) {
        case (.primitive(let x), .primitive(let y)): return x == y
        case (.record(let x), .record(let y)):
            return x.count == y.count
                && zip(x, y).allSatisfy { $0.label == $1.label && equal($0.type, $1.type, depth: depth) }
        case (.variant(let x), .variant(let y)):
            return x.count == y.count
                && zip(x, y).allSatisfy { $0.label == $1.label && equal($0.type, $1.type, depth: depth) }
        case (.list(let x), .list(let y)), (.option(let x), .option(let y)): return equal(x, y, depth: depth)
        case (.tuple(let x), .tuple(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1, depth: depth) }
        case (.flags(let x), .flags(let y)), (.enum(let x), .enum(let y)): return x == y
        case (.result(let ok1, let error1), .result(let ok2, let error2)):
            return equal(ok1, ok2, depth: depth) && equal(error1, error2, depth: depth)
        case (.own(let x), .own(let y)), (.borrow(let x), .borrow(let y)): return equalNodes(x, y, depth: depth)
        default: return false
        }
    }

    /// The resource a bound resource stands for.
    private func boundID(_ resource: ResourceNode) -> Int {
        guard let target = bindings[resource.id], case .resource(let node) = self[target] else { return resource.id }
        return node.id
    }

    /// Whether two resources are the same, binding a still unbound `bindable` one to the other.
    private mutating func sameResource(_ a: ResourceNode, _ aID: TypeID, _ b: ResourceNode, _ bID: TypeID) -> Bool {
        if boundID(a) == boundID(b) { return true }
        if bindable.contains(b.id) && bindings[b.id] == nil {
            bindings[b.id] = aID
            return true
        }
        if bindable.contains(a.id) && bindings[a.id] == nil {
            bindings[a.id] = bID
            return true
        }
        return false
    }

    /// Why `a` cannot be used where `b` is expected, or nil when it can.
    mutating func mismatch(_ a: Entity, _ b: Entity, depth: Int = 0) -> String? {
        guard a.kind == b.kind else { return "expected \(b.kind), found \(a.kind)" }
        guard depth < 100 else { return "types nested too deeply to compare" }
        let x = resolve(a.type)
        let y = resolve(b.type)
        if x == y { return nil }
        switch (nodes[x], nodes[y]) {
        case (.resource(let r1), .resource(let r2)):
            return sameResource(r1, x, r2, y) ? nil : "resource types are not the same"
        case (.value, .value), (.function, .function):
            return equalNodes(x, y) ? nil : "type mismatch"
        case (.instance(let have), .instance(let want)):
            for export in want {
                guard let found = have.first(where: { $0.name == export.name }) else {
                    return "missing expected export `\(export.name)`"
                }
                if let why = mismatch(found.entity, export.entity, depth: depth + 1) {
                    return "type mismatch in instance export `\(export.name)`: \(why)"
                }
            }
            return nil
        case (.component(let haveImports, let haveExports, _), .component(let wantImports, let wantExports, _)):
            for entry in haveImports {
                guard let found = wantImports.first(where: { $0.name == entry.name }) else {
                    return "missing expected import `\(entry.name)`"
                }
                if let why = mismatch(found.entity, entry.entity, depth: depth + 1) {
                    return "type mismatch in import `\(entry.name)`: \(why)"
                }
            }
            for export in wantExports {
                guard let found = haveExports.first(where: { $0.name == export.name }) else {
                    return "missing expected export `\(export.name)`"
                }
                if let why = mismatch(found.entity, export.entity, depth: depth + 1) {
                    return "type mismatch in export `\(export.name)`: \(why)"
                }
            }
            return nil
        case (.coreModule(let have), .coreModule(let want)):
            return moduleMismatch(have, want)
        case (.resource, _), (_, .resource):
            return "expected a resource type"
        default:
            return "type mismatch"
        }
    }

    private mutating func moduleMismatch(_ have: CoreModuleType, _ want: CoreModuleType) -> String? {
        for entry in have.imports {
            guard let found = want.imports.first(where: { $0.module == entry.module && $0.name == entry.name }) else {
                return "missing expected import `\(entry.module)::\(entry.name)`"
            }
            guard coreMatches(found.type, entry.type) else { return "type mismatch in import `\(entry.name)`" }
        }
        // In name order: a dictionary's order changes from process to process, and so would the message.
        for (name, type) in want.exports.sorted(by: { $0.key < $1.key }) {
            guard let found = have.exports[name] else { return "missing expected export `\(name)`" }
            guard coreMatches(found, type) else { return "type mismatch in export `\(name)`" }
        }
        return nil
    }

    /// Core extern type matching (the core spec's import subtyping).
    func coreMatches(_ have: ExternType, _ want: ExternType) -> Bool {
        switch (have, want) {
        case (.function(let a), .function(let b)): a == b
        case (.global(let a), .global(let b)): a == b
        case (.memory(let a), .memory(let b)): a.limits.isSubtype(of: b.limits)
        case (.table(let a), .table(let b)): a.elementType == b.elementType && a.limits.isSubtype(of: b.limits)
        case (.tag(let a), .tag(let b)): a == b
        default: false
        }
    }
}

// MARK: Substitution

extension TypeGraph {
    /// The resource ids a type mentions.
    func resources(in id: TypeID, into found: inout Set<Int>, seen: inout Set<TypeID>) {
        let id = resolve(id)
        guard seen.insert(id).inserted else { return }
        switch nodes[id] {
        case .resource(let node): found.insert(node.id)
        case .alias: break  // resolved above
        case .value(let defined):
            switch defined {
            case .own(let target), .borrow(let target): resources(in: target, into: &found, seen: &seen)
            default:
                for case .defined(let child) in children(of: defined) {
                    resources(in: child, into: &found, seen: &seen)
                }
            }
        case .function(let function):
            for case .defined(let child) in function.parameters.map(\.type) + [function.result].compactMap({ $0 }) {
                resources(in: child, into: &found, seen: &seen)
            }
        case .instance(let exports):
            for export in exports { resources(in: export.entity.type, into: &found, seen: &seen) }
        case .component(let imports, let exports, _):
            for entry in imports + exports { resources(in: entry.entity.type, into: &found, seen: &seen) }
        case .coreModule: break
        }
    }

    /// A copy of `id` with resources replaced by `mapping` (resource id to replacement node); nodes that
    /// mention no mapped resource are shared, not copied.
    mutating func substitute(_ id: TypeID, _ mapping: [Int: TypeID], memo: inout [TypeID: TypeID]) -> TypeID {
        if let done = memo[id] { return done }
        if mapping.isEmpty && memo.isEmpty { return id }
        let result: TypeID
        switch nodes[id] {
        case .resource(let node): result = mapping[node.id] ?? id
        case .coreModule: result = id
        case .alias:
            // Alias chains can be long (every export adds a link): walk them iteratively, substitute the
            // type at the end, then rebuild the links that changed from the bottom up.
            var chain: [TypeID] = []
            var current = id
            while case .alias(let next) = nodes[current], memo[current] == nil {
                chain.append(current)
                current = next
            }
            var below = memo[current] ?? substitute(current, mapping, memo: &memo)
            for link in chain.reversed() {
                guard case .alias(let target) = nodes[link] else { continue }
                let new = below == target ? link : add(.alias(below))
                memo[link] = new
                below = new
            }
            result = below
        case .value(let defined):
            let new = substituteDefined(defined, mapping, memo: &memo)
            result = new == defined ? id : add(.value(new))
        case .function(let function):
            var copy = function
            copy.parameters = function.parameters.map {
                ResolvedField(label: $0.label, type: substituteValue($0.type, mapping, memo: &memo))
            }
            copy.result = function.result.map { substituteValue($0, mapping, memo: &memo) }
            result = copy == function ? id : add(.function(copy))
        case .instance(let exports):
            let new = exports.map { substituteEntity($0, mapping, memo: &memo) }
            result = new == exports ? id : add(.instance(exports: new))
        case .component(let imports, let exports, let generative):
            let newImports = imports.map { substituteEntity($0, mapping, memo: &memo) }
            let newExports = exports.map { substituteEntity($0, mapping, memo: &memo) }
            result =
                newImports == imports && newExports == exports
                ? id : add(.component(imports: newImports, exports: newExports, generative: generative))
        }
        if result != id, let size = sizes[id] {
            sizes[result] = size
            depths[result] = depths[id]
        }
        memo[id] = result
        return result
    }

    private mutating func substituteEntity(
        _ entry: NamedEntity, _ mapping: [Int: TypeID], memo: inout [TypeID: TypeID]
    ) -> NamedEntity {
        var copy = entry
        copy.entity.type = substitute(entry.entity.type, mapping, memo: &memo)
        return copy
    }

    private mutating func substituteValue(
        _ type: ResolvedValueType, _ mapping: [Int: TypeID], memo: inout [TypeID: TypeID]
    ) -> ResolvedValueType {
        guard case .defined(let id) = type else { return type }
        return .defined(substitute(id, mapping, memo: &memo))
    }

    private mutating func substituteDefined(
        _ defined: ResolvedDefinedType, _ mapping: [Int: TypeID], memo: inout [TypeID: TypeID]
    ) -> ResolvedDefinedType {
        switch defined {
        case .primitive, .flags, .enum: defined
        case .record(let fields):
            .record(fields.map { ResolvedField(label: $0.label, type: substituteValue($0.type, mapping, memo: &memo)) })
        case .variant(let cases):
            .variant(
                cases.map {
                    ResolvedCase(label: $0.label, type: $0.type.map { substituteValue($0, mapping, memo: &memo) })
                })
        case .list(let element): .list(substituteValue(element, mapping, memo: &memo))
        case .option(let element): .option(substituteValue(element, mapping, memo: &memo))
        case .tuple(let types): .tuple(types.map { substituteValue($0, mapping, memo: &memo) })
        case .result(let ok, let error):
            .result(
                ok: ok.map { substituteValue($0, mapping, memo: &memo) },
                error: error.map { substituteValue($0, mapping, memo: &memo) })
        case .own(let target): .own(substitute(target, mapping, memo: &memo))
        case .borrow(let target): .borrow(substitute(target, mapping, memo: &memo))
        }
    }
}
