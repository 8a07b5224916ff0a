// Printing a component's world in WIT: the imports and exports of the outermost component, and for
// every interface they name, its types and functions, grouped by package. The layout follows
// `wasm-tools component wit` (a `root:component` package with a `root` world, then one block per
// package), so the two can be compared line by line.

extension Component {
    /// The component's world in WIT syntax: `package root:component;`, a `world root` listing the
    /// imports and exports, then every interface those name, with its types and function signatures.
    ///
    ///     print(try Component(contentsOf: "codec.wasm").wit)
    public var wit: String {
        var printer = WITPrinter(graph: validated.graph)
        return printer.world(imports: validated.imports, exports: validated.exports)
    }
}

/// Where a named type was first declared: the interface (by its full name) and the type's name there.
private struct TypeOwner {
    var interface: String
    var name: String
}

/// Builds WIT text from a validated component's type graph.
struct WITPrinter {
    let graph: TypeGraph
    private var owners: [TypeID: TypeOwner] = [:]

    init(graph: TypeGraph) {
        self.graph = graph
    }

    /// Words of WIT that must be written with a `%` prefix when used as names.
    static let keywords: Set<String> = [
        "use", "type", "func", "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "f32", "f64", "float32",
        "float64", "char", "resource", "own", "borrow", "record", "flags", "variant", "enum", "bool", "string",
        "option", "result", "future", "stream", "list", "as", "from", "static", "interface", "tuple", "world",
        "import", "export", "package", "constructor", "include", "with", "async", "error-context", "map",
    ]

    static func escaped(_ name: String) -> String { keywords.contains(name) ? "%" + name : name }

    mutating func world(imports: [NamedEntity], exports: [NamedEntity]) -> String {
        // Name every type an interface exports, imports first, so later interfaces `use` earlier ones.
        for entry in imports + exports where entry.entity.kind == .instance {
            guard case .instance(let items) = graph[entry.entity.type] else { continue }
            for item in items where item.entity.kind == .type && owners[item.entity.type] == nil {
                owners[item.entity.type] = TypeOwner(interface: entry.name, name: item.name)
            }
        }
        var out = "package root:component;\n\nworld root {\n"
        func worldItem(_ verb: String, _ entry: NamedEntity) -> String {
            switch entry.entity.kind {
            case .instance:
                if case .interface = ExternName(entry.name) { return "  \(verb) \(entry.name);\n" }
                return "  \(verb) \(Self.escaped(entry.name)): interface {\n"
                    + interfaceBody(entry.name, entry.entity.type, indent: "    ") + "  }\n"
            case .function:
                return "  \(verb) \(Self.escaped(entry.name)): \(functionSignature(entry.entity.type, context: ""));\n"
            case .type:
                return
                    "  type \(Self.escaped(entry.name)) = \(typeText(.defined(graph.resolve(entry.entity.type)), context: ""));\n"
            case .module, .component:
                return "  // \(verb) \(entry.name): \(entry.entity.kind) (not expressible in WIT)\n"
            }
        }
        for entry in imports { out += worldItem("import", entry) }
        if !imports.isEmpty && !exports.isEmpty { out += "\n" }
        for entry in exports { out += worldItem("export", entry) }
        out += "}\n"

        // Interfaces by package, in order of first appearance.
        var packages: [(key: String, interfaces: [(name: String, type: TypeID)])] = []
        for entry in imports + exports where entry.entity.kind == .instance {
            guard case .interface(let namespace, let package, let interface, let version)? = ExternName(entry.name)
            else { continue }
            let key = "\(namespace):\(package)" + (version.map { "@\($0)" } ?? "")
            if let index = packages.firstIndex(where: { $0.key == key }) {
                if !packages[index].interfaces.contains(where: { $0.name == interface }) {
                    packages[index].interfaces.append((interface, entry.entity.type))
                }
            } else {
                packages.append((key, [(interface, entry.entity.type)]))
            }
        }
        packages = dependencyOrdered(packages)
        var blocks: [String] = []
        for package in packages {
            var block = "package \(package.key) {\n"
            for interface in package.interfaces {
                let full = fullName(package.key, interface.name)
                block += "  interface \(Self.escaped(interface.name)) {\n"
                block += interfaceBody(full, interface.type, indent: "    ")
                block += "  }\n"
            }
            blocks.append(block + "}\n")
        }
        return out + blocks.joined(separator: "\n\n")
    }

    /// The packages reordered so that each comes after the packages whose types it uses (a depth-first
    /// topological order that otherwise keeps the order of first appearance), as `wasm-tools` prints them.
    private func dependencyOrdered(_ packages: [(key: String, interfaces: [(name: String, type: TypeID)])])
        -> [(key: String, interfaces: [(name: String, type: TypeID)])]
    {
        var dependencies: [String: [String]] = [:]
        for package in packages {
            var used: [String] = []
            for interface in package.interfaces {
                guard case .instance(let items) = graph[interface.type] else { continue }
                for item in items where item.entity.kind == .type {
                    guard case .alias(let target) = graph.nodes[item.entity.type], let owner = namedOwner(target),
                        case .interface(let namespace, let name, _, let version)? = ExternName(owner.interface)
                    else { continue }
                    let key = "\(namespace):\(name)" + (version.map { "@\($0)" } ?? "")
                    if key != package.key && !used.contains(key) { used.append(key) }
                }
            }
            dependencies[package.key] = used
        }
        var ordered: [(key: String, interfaces: [(name: String, type: TypeID)])] = []
        var state: [String: Bool] = [:]  // false: being visited, true: done
        func visit(_ key: String) {
            guard state[key] == nil, let package = packages.first(where: { $0.key == key }) else { return }
            state[key] = false
            for dependency in dependencies[key] ?? [] { visit(dependency) }
            state[key] = true
            ordered.append(package)
        }
        for package in packages { visit(package.key) }
        return ordered
    }

    /// `ns:pkg/iface@ver` from a package key `ns:pkg@ver` and an interface name.
    private func fullName(_ packageKey: String, _ interface: String) -> String {
        guard let at = packageKey.firstIndex(of: "@") else { return "\(packageKey)/\(interface)" }
        return "\(packageKey[..<at])/\(interface)\(packageKey[at...])"
    }

    /// The items of one interface: `use` lines, types (resources with their functions), free functions.
    private func interfaceBody(_ interface: String, _ type: TypeID, indent: String) -> String {
        guard case .instance(let items) = graph[type] else { return "" }
        var uses: [(from: String, names: [String])] = []
        var sections: [String] = []
        var resourceFunctions: [String: [String]] = [:]
        for item in items where item.entity.kind == .function {
            guard let name = ExternName(item.name), let resource = name.resource else { continue }
            let signature = functionSignature(
                item.entity.type, context: interface, dropSelf: { if case .method = name { true } else { false } }())
            let line: String
            switch name {
            case .constructor:
                line = "constructor" + constructorSignature(item.entity.type, context: interface)
            case .method(_, let method): line = "\(Self.escaped(method)): \(signature)"
            case .static(_, let function): line = "\(Self.escaped(function)): static \(signature)"
            default: continue
            }
            resourceFunctions[resource, default: []].append(line)
        }
        for item in items where item.entity.kind == .type {
            let id = item.entity.type
            let name = Self.escaped(item.name)
            // A type that is another interface's type is imported with `use`.
            if case .alias(let target) = graph.nodes[id], let owner = namedOwner(target), owner.interface != interface {
                let from = useSource(owner.interface, from: interface)
                let entry = owner.name == item.name ? Self.escaped(item.name) : "\(Self.escaped(owner.name)) as \(name)"
                // Consecutive types from one interface share a `use`; wasm-tools starts a new one when
                // another interface's type came in between, and so does this.
                if let last = uses.last, last.from == from {
                    uses[uses.count - 1].names.append(entry)
                } else {
                    uses.append((from, [entry]))
                }
                continue
            }
            sections.append(
                typeDefinition(
                    name, id, interface: interface, functions: resourceFunctions[item.name] ?? [], indent: indent))
        }
        for item in items where item.entity.kind == .function {
            if let name = ExternName(item.name), name.resource != nil { continue }
            sections.append(
                "\(indent)\(Self.escaped(item.name)): \(functionSignature(item.entity.type, context: interface));\n")
        }
        var body = ""
        if !uses.isEmpty {
            body += uses.map { "\(indent)use \($0.from).{\($0.names.joined(separator: ", "))};\n" }.joined()
            if !sections.isEmpty { body += "\n" }
        }
        return body + sections.joined(separator: "\n")
    }

    /// How interface `interface` refers to `owner`: by bare name within one package, else in full.
    private func useSource(_ owner: String, from interface: String) -> String {
        func split(_ name: String) -> (package: String, interface: String) {
            guard case .interface(let namespace, let package, let iface, let version)? = ExternName(name) else {
                return (name, name)
            }
            return ("\(namespace):\(package)" + (version.map { "@\($0)" } ?? ""), iface)
        }
        let a = split(owner)
        let b = split(interface)
        return a.package == b.package ? Self.escaped(a.interface) : owner
    }

    /// The first named node along an alias chain, starting at `id`.
    private func namedOwner(_ id: TypeID) -> TypeOwner? {
        var id = id
        while true {
            if let owner = owners[id] { return owner }
            guard case .alias(let target) = graph.nodes[id] else { return nil }
            id = target
        }
    }

    private func typeDefinition(_ name: String, _ id: TypeID, interface: String, functions: [String], indent: String)
        -> String
    {
        // An alias of a named type of the same interface: `type a = b`.
        if case .alias(let target) = graph.nodes[id], namedOwner(target) != nil {
            return "\(indent)type \(name) = \(typeText(.defined(target), context: interface));\n"
        }
        let inner = indent + "  "
        switch graph[id] {
        case .resource:
            guard !functions.isEmpty else { return "\(indent)resource \(name);\n" }
            return "\(indent)resource \(name) {\n" + functions.map { "\(inner)\($0);\n" }.joined() + "\(indent)}\n"
        case .value(let defined):
            switch defined {
            case .record(let fields):
                return "\(indent)record \(name) {\n"
                    + fields.map { "\(inner)\(Self.escaped($0.label)): \(typeText($0.type, context: interface)),\n" }
                    .joined()
                    + "\(indent)}\n"
            case .variant(let cases):
                return "\(indent)variant \(name) {\n"
                    + cases.map { item in
                        "\(inner)\(Self.escaped(item.label))\(item.type.map { "(\(typeText($0, context: interface)))" } ?? ""),\n"
                    }.joined() + "\(indent)}\n"
            case .enum(let labels):
                return "\(indent)enum \(name) {\n" + labels.map { "\(inner)\(Self.escaped($0)),\n" }.joined()
                    + "\(indent)}\n"
            case .flags(let labels):
                return "\(indent)flags \(name) {\n" + labels.map { "\(inner)\(Self.escaped($0)),\n" }.joined()
                    + "\(indent)}\n"
            default:
                return
                    "\(indent)type \(name) = \(typeText(.defined(graph.resolve(id)), context: interface, anonymous: true));\n"
            }
        default:
            return "\(indent)// \(name): not a value type\n"
        }
    }

    /// `(a: T, ...)`, and `-> result<_, E>` when the constructor can fail.
    func constructorSignature(_ id: TypeID, context: String) -> String {
        guard case .function(let function) = graph[id] else { return "()" }
        let list = function.parameters.map { "\(Self.escaped($0.label)): \(typeText($0.type, context: context))" }
        var text = "(\(list.joined(separator: ", ")))"
        if case .defined(let result)? = function.result, case .value(.result(_, let error)) = graph[result] {
            text += " -> result<_, \(error.map { typeText($0, context: context) } ?? "_")>"
        }
        return text
    }

    /// `func(a: T, ...) -> R`, without `self` for methods.
    func functionSignature(_ id: TypeID, context: String, dropSelf: Bool = false) -> String {
        guard case .function(let function) = graph[id] else { return "func()" }
        let parameters = dropSelf ? Array(function.parameters.dropFirst()) : function.parameters
        let list = parameters.map { "\(Self.escaped($0.label)): \(typeText($0.type, context: context))" }
        let result = function.result.map { " -> \(typeText($0, context: context))" } ?? ""
        return "func(\(list.joined(separator: ", ")))\(result)"
    }

    /// A value type as written in WIT: a name for named types, else the type constructor.
    func typeText(_ type: ResolvedValueType, context: String, anonymous: Bool = false) -> String {
        guard case .defined(let id) = type else {
            if case .primitive(let primitive) = type { return primitive.description }
            return "_"
        }
        if !anonymous, let owner = namedOwner(id) { return Self.escaped(owner.name) }
        let optional: (ResolvedValueType?) -> String = { $0.map { self.typeText($0, context: context) } ?? "_" }
        switch graph[id] {
        case .resource: return "resource"
        case .value(let defined):
            switch defined {
            case .primitive(let primitive): return primitive.description
            case .list(let element): return "list<\(typeText(element, context: context))>"
            case .option(let element): return "option<\(typeText(element, context: context))>"
            case .tuple(let types):
                return "tuple<\(types.map { typeText($0, context: context) }.joined(separator: ", "))>"
            case .result(nil, nil): return "result"
            case .result(let ok, nil): return "result<\(optional(ok))>"
            case .result(let ok, let error): return "result<\(optional(ok)), \(optional(error))>"
            case .own(let target): return typeText(.defined(target), context: context)
            case .borrow(let target): return "borrow<\(typeText(.defined(target), context: context))>"
            case .record, .variant, .enum, .flags: return "/* anonymous \(defined) */"
            }
        default: return "_"
        }
    }
}
