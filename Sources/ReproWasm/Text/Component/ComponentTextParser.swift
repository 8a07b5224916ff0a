/// Parses a component in the text format (the component model Explainer's grammar, as wasm-tools'
/// `wast` crate reads it) and encodes it in the binary format (version `0x0d`, layer 1).
///
/// One pass in text order: the binary format defines every index before its use, so an identifier
/// resolves to what precedes it. The abbreviations expand where the `wast` crate expands them: inline
/// type definitions, inline aliases (`(func $i "name")`) and outer aliases for identifiers of enclosing
/// components are inserted just before the field that uses them; inline exports (`(func (export "f")
/// ...)`) go after the component's last field, in text order.
/// Only syntax and names are checked here; `Component(bytes:)` validates the result.
struct ComponentTextParser {
    /// The scopes being defined, outermost first.
    var scopes: [ComponentScope] = []

    /// Sections that hold one entry without a count: custom, core module, component, start.
    static let singleEntrySections: Set<UInt8> = [0, 1, 4, 9]

    /// The deepest nesting of parentheses the component parser accepts (the `wast` crate's limit).
    static let maxDepth = 100

    /// The binary form of `(component $id? field*)` (the `component` keyword at `node.elements[0]`).
    static func encode(component node: SExpression) throws(TextError) -> [UInt8] {
        try checkDepth(node, depth: 1)
        var parser = ComponentTextParser()
        var cursor = Cursor(node, skip: 1)
        let id = cursor.optionalIdentifier()?.name
        return try parser.component(id: id, &cursor)
    }

    /// Throws "item nesting too deep" at the first list nested deeper than `maxDepth`.
    private static func checkDepth(_ node: SExpression, depth: Int) throws(TextError) {
        guard node.isList else { return }
        guard depth <= maxDepth else { throw node.error(.itemNestingTooDeep) }
        for item in node.elements { try checkDepth(item, depth: depth + 1) }
    }

    /// Encodes the fields left in `cursor` as a component, in a new scope.
    mutating func component(id: String?, _ cursor: inout Cursor) throws(TextError) -> [UInt8] {
        scopes.append(ComponentScope(kind: .component, id: id))
        while let field = cursor.next() { try self.field(field) }
        for export in scope.inlineExports {
            appendSection(11, export.entry)
            try define(export.space, nil)
        }
        if let names = Self.nameSection(scope) { appendSection(0, names) }
        let scope = scopes.removeLast()
        var writer = BinaryWriter()
        writer.append([0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00])
        for section in scope.sections {
            var content = BinaryWriter()
            if Self.singleEntrySections.contains(section.id) {
                content.append(section.entries[0])
            } else {
                content.u32(UInt32(section.entries.count))
                for entry in section.entries { content.append(entry) }
            }
            writer.byte(section.id)
            writer.sized(content.bytes)
        }
        return writer.bytes
    }

    /// The `component-name` custom section of a component's identifiers, as wasm-tools writes it: the
    /// component's own name (subsection 0), then for each sort with names (in sort order) subsection 1
    /// with the sort and a name map by index. Nil when nothing is named.
    static func nameSection(_ scope: ComponentScope) -> [UInt8]? {
        var subsections = BinaryWriter()
        if let id = scope.id {
            subsections.byte(0x00)
            subsections.sized(name(Array(id.utf8)))
        }
        for space in ComponentSpace.allCases {
            guard let names = scope.names[space], !names.isEmpty else { continue }
            var content = BinaryWriter()
            content.append(space.sort)
            content.u32(UInt32(names.count))
            for (name, index) in names.sorted(by: { $0.value < $1.value }) {
                content.u32(index)
                content.sized(Array(name.utf8))
            }
            subsections.byte(0x01)
            subsections.sized(content.bytes)
        }
        guard !subsections.bytes.isEmpty else { return nil }
        return name(Array("component-name".utf8)) + subsections.bytes
    }

    // MARK: Scopes and index spaces

    var scope: ComponentScope {
        get { scopes[scopes.count - 1] }
        set { scopes[scopes.count - 1] = newValue }
    }

    /// Appends an item to the current scope: a section entry of a component, a type's declaration.
    mutating func emit(_ kind: ComponentItemKind, _ body: [UInt8]) {
        switch scope.kind {
        case .component: appendSection(kind.section, body)
        case .componentType, .instanceType: scope.declarations.append([kind.declaration] + body)
        case .moduleType: scope.declarations.append([kind.moduleDeclaration] + body)
        }
    }

    /// Appends an entry to the current component's last section if it has this id, else to a new one.
    /// Custom sections, core modules, components and start functions each take a section of their own.
    mutating func appendSection(_ id: UInt8, _ entry: [UInt8]) {
        if !Self.singleEntrySections.contains(id), let last = scope.sections.indices.last,
            scope.sections[last].id == id
        {
            scope.sections[last].entries.append(entry)
        } else {
            scope.sections.append((id, [entry]))
        }
    }

    /// A field that only a component (not a type) may hold: "unexpected token" elsewhere.
    func requireComponentScope(_ node: SExpression) throws(TextError) {
        guard scope.kind == .component else { throw node.unexpectedInComponent }
    }

    /// Adds an entry to `space` in the current scope, named if `name` is given.
    @discardableResult
    mutating func define(_ space: ComponentSpace, _ name: (name: String, node: SExpression)?) throws(TextError)
        -> UInt32
    {
        let index = scope.count(space)
        if let name {
            guard scope.names[space]?[name.name] == nil else {
                throw name.node.error(.duplicateName(space: space.name, name: name.name))
            }
            scope.names[space, default: [:]][name.name] = index
        }
        scope.counts[space] = index + 1
        return index
    }

    /// An index of `space`: a u32, or an identifier of this scope or (through an inserted outer alias)
    /// of an enclosing one.
    mutating func index(_ node: SExpression, _ space: ComponentSpace) throws(TextError) -> UInt32 {
        guard let name = node.identifier else { return try Self.u32(node) }
        let current = scopes.count - 1
        if let index = scopes[current].names[space]?[name] { return index }
        for depth in 1...max(current, 1) where depth <= current {
            guard let index = scopes[current - depth].names[space]?[name] else { continue }
            guard space.isOuterAliasable else { throw node.error(.outerItemNotAliasable(name)) }
            return try outerAlias(space, depth: UInt32(depth), index: index)
        }
        throw node.error(.unknownName(space: space.name, name: name))
    }

    /// The local index of a new outer alias of `space`'s `index` in the scope `depth` levels out (one
    /// for each use, as the `wast` crate inserts them).
    mutating func outerAlias(_ space: ComponentSpace, depth: UInt32, index: UInt32) throws(TextError) -> UInt32 {
        emit(.alias, outerAliasBody(space, depth: depth, index: index))
        return try define(space, nil)
    }

    /// An outer alias's encoding after its kind byte: in a module type `0x10 0x01 ct idx`, elsewhere
    /// `sort 0x02 ct idx`.
    func outerAliasBody(_ space: ComponentSpace, depth: UInt32, index: UInt32) -> [UInt8] {
        var writer = BinaryWriter()
        if scope.kind == .moduleType {
            writer.append([0x10, 0x01])
        } else {
            writer.append(space.sort)
            writer.byte(0x02)
        }
        writer.u32(depth)
        writer.u32(index)
        return writer.bytes
    }

    /// A u32 literal.
    static func u32(_ node: SExpression) throws(TextError) -> UInt32 {
        guard let text = node.atom, let first = text.utf8.first, first >= 0x30, first <= 0x39 else {
            throw node.unexpectedInComponent
        }
        do {
            return UInt32(try NumericLiteral.unsigned(text, bits: 32))
        } catch {
            if error == .malformed { throw node.unexpectedInComponent }
            throw node.error(.constantOutOfRange(""))
        }
    }

    /// A string (any bytes) as a binary name: length and bytes.
    static func name(_ bytes: [UInt8]) -> [UInt8] {
        var writer = BinaryWriter()
        writer.sized(bytes)
        return writer.bytes
    }

    // MARK: References

    /// A sort keyword at the cursor (`core func`, `func`, `instance`, ...); in a core context (a core
    /// instance's exports, canonical options) a bare keyword is a core sort.
    func sort(_ cursor: inout Cursor, core: Bool) throws(TextError) -> ComponentSpace {
        let keyword = try cursor.require()
        if keyword.atom == "core" {
            let next = try cursor.require()
            guard let text = next.atom, let space = ComponentSpace.core(text) else { throw next.unexpectedInComponent }
            return space
        }
        guard let text = keyword.atom,
            let space = core ? ComponentSpace.core(text) : ComponentSpace.component(text)
        else { throw keyword.unexpectedInComponent }
        return space
    }

    /// A reference list `(sort idx)` or `(sort idx "name"+)` (an inline alias of an instance's export).
    mutating func reference(_ node: SExpression, core: Bool) throws(TextError) -> (
        space: ComponentSpace, index: UInt32
    ) {
        guard node.isList else { throw node.unexpectedInComponent }
        var cursor = Cursor(node)
        let space = try sort(&cursor, core: core)
        let index = try itemReference(&cursor, space)
        try requireEnd(cursor)
        return (space, index)
    }

    /// `idx` or `idx "name"+`, the rest of a reference to an item of `space`.
    mutating func itemReference(_ cursor: inout Cursor, _ space: ComponentSpace) throws(TextError) -> UInt32 {
        let first = try cursor.require()
        guard cursor.peek()?.stringBytes != nil else { return try index(first, space) }
        var instance = try index(first, space.instanceSpace)
        while let name = cursor.peek()?.stringBytes {
            _ = cursor.next()
            let isLast = cursor.peek()?.stringBytes == nil
            let target = isLast ? space : space.instanceSpace
            instance = try aliasExport(target, instance: instance, name: name)
        }
        return instance
    }

    /// Inserts `(alias export instance "name" (sort))` (a core export for core sorts); its new index.
    mutating func aliasExport(_ space: ComponentSpace, instance: UInt32, name: [UInt8]) throws(TextError)
        -> UInt32
    {
        var writer = BinaryWriter()
        writer.append(space.sort)
        writer.byte(space.instanceSpace == .coreInstance ? 0x01 : 0x00)
        writer.u32(instance)
        writer.sized(name)
        emit(.alias, writer.bytes)
        return try define(space, nil)
    }

    /// "unexpected token" at the cursor's next element unless the list is finished.
    func requireEnd(_ cursor: Cursor) throws(TextError) {
        if let item = cursor.peek() { throw item.unexpectedInComponent }
    }

    /// The next element, which must be a string.
    func requireString(_ cursor: inout Cursor) throws(TextError) -> [UInt8] {
        let item = try cursor.require()
        guard let bytes = item.stringBytes else { throw item.unexpectedInComponent }
        return bytes
    }
}
