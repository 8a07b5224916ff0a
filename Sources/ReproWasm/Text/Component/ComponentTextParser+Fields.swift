/// Component fields: core modules and instances, instances, nested components, aliases, canonical
/// functions, imports, exports and `start`.
extension ComponentTextParser {
    /// The `$id?`, inline `(export "name")*` and `(import "name")?` of a definition.
    struct DefinitionHeader {
        var id: (name: String, node: SExpression)?
        var exports: [[UInt8]] = []
        var importName: [UInt8]?
    }

    /// One field of a component, or a declaration of a component or instance type.
    mutating func field(_ node: SExpression) throws(TextError) {
        guard node.isList, let head = node.head else { throw node.unexpectedInComponent }
        var cursor = Cursor(node, skip: 1)
        switch head {
        case "core":
            let keyword = try cursor.require()
            switch keyword.atom {
            case "module": try coreModuleField(node, &cursor)
            case "instance": try coreInstanceField(node, &cursor)
            case "type": try coreTypeField(&cursor)
            case let text?:
                guard let space = ComponentSpace.core(text) else { throw keyword.unexpectedInComponent }
                try coreItemField(node, space, &cursor)
            case nil: throw keyword.unexpectedInComponent
            }
        case "component": try componentField(node, &cursor)
        case "instance": try instanceField(node, &cursor)
        case "alias": try aliasField(&cursor)
        case "type": try typeField(&cursor)
        case "canon": try canonField(node, &cursor)
        case "start": try startField(node, &cursor)
        case "import": try importField(&cursor)
        case "export": try exportField(&cursor)
        case "func": try functionField(node, &cursor)
        default: throw node.elements[0].unexpectedInComponent
        }
    }

    /// Reads a definition's `$id?`, `(export "name")*` and `(import "name")?`.
    mutating func definitionHeader(_ cursor: inout Cursor) throws(TextError) -> DefinitionHeader {
        var header = DefinitionHeader(id: cursor.optionalIdentifier())
        while cursor.peekHead == "export", isInlineName(cursor.peek()!) {
            let list = cursor.next()!
            guard scope.kind == .component else { throw list.unexpectedInComponent }
            var inner = Cursor(list, skip: 1)
            header.exports.append(try externName(&inner))
            try requireEnd(inner)
        }
        if cursor.peekHead == "import", isInlineName(cursor.peek()!) {
            let list = cursor.next()!
            guard scope.kind == .component else { throw list.unexpectedInComponent }
            var inner = Cursor(list, skip: 1)
            header.importName = try externName(&inner)
            try requireEnd(inner)
        }
        return header
    }

    /// Whether `(export ...)`/`(import ...)` is the inline form, `(export "name" attribute*)`, rather than
    /// a field of a nested component.
    private func isInlineName(_ node: SExpression) -> Bool {
        let items = node.elements
        guard items.count >= 2, items[1].stringBytes != nil || items[1].head == "interface" else { return false }
        return items.dropFirst(2).allSatisfy { ["implements", "external-id", "versionsuffix"].contains($0.head ?? "") }
    }

    /// An import or export name with its optional attributes, encoded (`0x00 name`, or `0x02 name
    /// attributes` when there are attributes). Each attribute may appear once.
    mutating func externName(_ cursor: inout Cursor) throws(TextError) -> [UInt8] {
        if cursor.peekHead == "interface" {
            // The older spelling of an interface name: encoded as any name.
            var inner = Cursor(cursor.next()!, skip: 1)
            let name = try requireString(&inner)
            try requireEnd(inner)
            return [0x00] + Self.name(name)
        }
        let name = try requireString(&cursor)
        var attributes: [(tag: UInt8, value: [UInt8])] = []
        let tags: [String: UInt8] = ["implements": 0x00, "versionsuffix": 0x01, "external-id": 0x02]
        while let head = cursor.peekHead, let tag = tags[head] {
            let list = cursor.next()!
            guard !attributes.contains(where: { $0.tag == tag }) else { throw list.unexpectedInComponent }
            var inner = Cursor(list, skip: 1)
            attributes.append((tag, try requireString(&inner)))
            try requireEnd(inner)
        }
        var writer = BinaryWriter()
        writer.byte(attributes.isEmpty ? 0x00 : 0x02)
        writer.sized(name)
        if !attributes.isEmpty {
            writer.u32(UInt32(attributes.count))
            for attribute in attributes {
                writer.byte(attribute.tag)
                writer.sized(attribute.value)
            }
        }
        return writer.bytes
    }

    /// Defines an item of `space` in the current scope and queues its inline exports for the end of the
    /// component.
    mutating func finish(_ space: ComponentSpace, _ header: DefinitionHeader) throws(TextError) {
        let index = try define(space, header.id)
        for name in header.exports {
            var writer = BinaryWriter()
            writer.append(name)
            writer.append(space.sort)
            writer.u32(index)
            writer.byte(0x00)
            scope.inlineExports.append((space, writer.bytes))
        }
    }

    /// `(import "name")` sugar: the rest of the definition is the imported item's type.
    mutating func inlineImport(_ space: ComponentSpace, _ header: DefinitionHeader, _ cursor: inout Cursor)
        throws(TextError)
    {
        guard let name = header.importName else { return }
        let description = try externDescription(space, &cursor)
        try requireEnd(cursor)
        emit(.import, name + description)
        try finish(space, header)
    }

    // MARK: Core modules and instances

    mutating func coreModuleField(_ node: SExpression, _ cursor: inout Cursor) throws(TextError) {
        try requireComponentScope(node)
        let header = try definitionHeader(&cursor)
        if header.importName != nil { return try inlineImport(.coreModule, header, &cursor) }
        var bytes: [UInt8]
        if cursor.consume("binary") {
            bytes = []
            while let item = cursor.next() {
                guard let string = item.stringBytes else { throw item.unexpectedInComponent }
                bytes.append(contentsOf: string)
            }
        } else {
            let fields = Array(node.elements[cursor.index...])
            bytes = try TextParser.encode(
                fields: fields, name: header.id.map { Array($0.name.utf8) },
                annotations: shiftedAnnotations(node, cursor))
        }
        appendSection(1, bytes)
        try finish(.coreModule, header)
    }

    /// The annotations of a `(core module ...)` node, their indices counted from its first field.
    private func shiftedAnnotations(_ node: SExpression, _ cursor: Cursor) -> [Annotation] {
        node.annotations.map { annotation in
            var annotation = annotation
            annotation.index -= cursor.index
            return annotation
        }
    }

    mutating func coreInstanceField(_ node: SExpression, _ cursor: inout Cursor) throws(TextError) {
        try requireComponentScope(node)
        let header = try definitionHeader(&cursor)
        if cursor.peekHead == "instantiate" {
            let instance = try instantiation(cursor.next()!, core: true)
            try requireEnd(cursor)
            appendSection(2, instance)
            try finish(.coreInstance, header)
        } else {
            let entries = try exports(cursor, core: true)
            appendSection(2, [0x01] + entries)
            try finish(.coreInstance, header)
        }
    }

    /// `(instantiate X (with "name" item)*)` of a core module (`core`) or of a component, encoded as
    /// an instance definition: 0x00, what is instantiated, then the named arguments. An argument
    /// written as an inline bag of exports is defined first.
    private mutating func instantiation(_ list: SExpression, core: Bool) throws(TextError) -> [UInt8] {
        var inner = Cursor(list, skip: 1)
        let instantiated = try instantiated(try inner.require(), core ? .coreModule : .component)
        var arguments: [[UInt8]] = []
        while let argument = inner.next() {
            guard argument.head == "with" else { throw argument.unexpectedInComponent }
            var with = Cursor(argument, skip: 1)
            let name = try requireString(&with)
            let target = try with.require()
            try requireEnd(with)
            let item: (space: ComponentSpace, index: UInt32)
            if target.head == "instance", let second = target.elements.dropFirst().first, second.isList {
                let bag = Cursor(target, skip: 1)
                item = core ? (.coreInstance, try coreExportBag(bag)) : (.instance, try exportBag(bag))
            } else {
                item = try reference(target, core: core)
                if core, item.space != .coreInstance { throw target.unexpectedInComponent }
            }
            // A core instantiation's arguments are all core instances (sort byte 0x12).
            arguments.append(Self.name(name) + (core ? [0x12] : item.space.sort) + Self.leb(item.index))
        }
        var writer = BinaryWriter()
        writer.byte(0x00)
        writer.u32(instantiated)
        writer.u32(UInt32(arguments.count))
        for argument in arguments { writer.append(argument) }
        return writer.bytes
    }

    /// What `instantiate` instantiates: an index, or a reference such as `(module $i "name")`.
    private mutating func instantiated(_ node: SExpression, _ space: ComponentSpace) throws(TextError) -> UInt32 {
        guard node.isList else { return try index(node, space) }
        let reference = try reference(node, core: space == .coreModule)
        guard reference.space == space else { throw node.unexpectedInComponent }
        return reference.index
    }

    /// An inline core instance of exports (`(instance (export ...)*)` as an instantiation argument):
    /// defined before the field that uses it; its index.
    mutating func coreExportBag(_ cursor: Cursor) throws(TextError) -> UInt32 {
        let entries = try exports(cursor, core: true)
        appendSection(2, [0x01] + entries)
        return try define(.coreInstance, nil)
    }

    /// `(export "name" (sort idx))*` of a core instance (`core`: a plain name and a core sort) or of
    /// a component instance (an extern name and a component sort), encoded as a vector.
    mutating func exports(_ cursor: Cursor, core: Bool) throws(TextError) -> [UInt8] {
        var cursor = cursor
        var entries: [[UInt8]] = []
        while let item = cursor.next() {
            guard item.head == "export" else { throw item.unexpectedInComponent }
            var inner = Cursor(item, skip: 1)
            let name = core ? Self.name(try requireString(&inner)) : try externName(&inner)
            let reference = try reference(try inner.require(), core: core)
            try requireEnd(inner)
            let sort = core ? [reference.space.coreSort ?? 0] : reference.space.sort
            entries.append(name + sort + Self.leb(reference.index))
        }
        return Self.leb(UInt32(entries.count)) + entries.flatMap { $0 }
    }

    /// `(core func ...)`, `(core memory ...)`, ...: a canonical built-in or an alias.
    mutating func coreItemField(_ node: SExpression, _ space: ComponentSpace, _ cursor: inout Cursor)
        throws(TextError)
    {
        try requireComponentScope(node)
        let header = try definitionHeader(&cursor)
        let body = try cursor.require()
        try requireEnd(cursor)
        switch body.head {
        case "alias":
            var inner = Cursor(body, skip: 1)
            emit(.alias, try aliasTarget(&inner, space: space))
            try requireEnd(inner)
        case "canon" where space == .coreFunction:
            var inner = Cursor(body, skip: 1)
            appendSection(8, try canonBody(&inner, type: nil))
        default: throw body.unexpectedInComponent
        }
        try finish(space, header)
    }

    // MARK: Components and instances

    mutating func componentField(_ node: SExpression, _ cursor: inout Cursor) throws(TextError) {
        try requireComponentScope(node)
        let header = try definitionHeader(&cursor)
        if header.importName != nil { return try inlineImport(.component, header, &cursor) }
        let bytes = try component(id: header.id?.name, &cursor)
        appendSection(4, bytes)
        try finish(.component, header)
    }

    mutating func instanceField(_ node: SExpression, _ cursor: inout Cursor) throws(TextError) {
        try requireComponentScope(node)
        let header = try definitionHeader(&cursor)
        if header.importName != nil { return try inlineImport(.instance, header, &cursor) }
        if cursor.peekHead == "alias" {
            var inner = Cursor(cursor.next()!, skip: 1)
            emit(.alias, try aliasTarget(&inner, space: .instance))
            try requireEnd(inner)
            try requireEnd(cursor)
            return try finish(.instance, header)
        }
        if cursor.peekHead == "instantiate" {
            let instance = try instantiation(cursor.next()!, core: false)
            try requireEnd(cursor)
            appendSection(5, instance)
        } else {
            appendSection(5, [0x01] + (try exports(cursor, core: false)))
        }
        try finish(.instance, header)
    }

    /// An inline instance of exports, defined before the field that uses it; its index.
    mutating func exportBag(_ cursor: Cursor) throws(TextError) -> UInt32 {
        appendSection(5, [0x01] + (try exports(cursor, core: false)))
        return try define(.instance, nil)
    }

    // MARK: Aliases

    mutating func aliasField(_ cursor: inout Cursor) throws(TextError) {
        // The target sort and `$id?` come last: `(alias export $i "name" (func $f))`.
        guard let last = cursor.items.last, last.isList, cursor.items.count > 2 else {
            throw cursor.list.errorAtEnd(.unexpectedToken(")"))
        }
        var target = Cursor(last)
        let space = try sort(&target, core: scope.kind == .moduleType)
        let id = target.optionalIdentifier()
        try requireEnd(target)
        let body = try aliasTarget(&cursor, space: space, stopBefore: cursor.items.count - 1)
        _ = cursor.next()
        try requireEnd(cursor)
        emit(.alias, body)
        try define(space, id)
    }

    /// `export idx "name"`, `core export idx "name"` or `outer ct idx` for an alias of `space`, encoded
    /// with its sort. Reads up to `stopBefore` (an element index), or to the end.
    mutating func aliasTarget(_ cursor: inout Cursor, space: ComponentSpace, stopBefore: Int? = nil) throws(TextError)
        -> [UInt8]
    {
        let end = stopBefore ?? cursor.items.count
        func next(_ cursor: inout Cursor) throws(TextError) -> SExpression {
            guard cursor.index < end else { throw cursor.list.errorAtEnd(.unexpectedToken(")")) }
            return try cursor.require()
        }
        let keyword = try next(&cursor)
        var writer = BinaryWriter()
        switch keyword.atom {
        case "export", "core":
            let isCore = keyword.atom == "core"
            if isCore {
                let export = try next(&cursor)
                guard export.atom == "export" else { throw export.unexpectedInComponent }
            }
            let instance = try index(try next(&cursor), isCore ? .coreInstance : .instance)
            let nameNode = try next(&cursor)
            guard let name = nameNode.stringBytes else { throw nameNode.unexpectedInComponent }
            writer.append(space.sort)
            writer.byte(isCore ? 0x01 : 0x00)
            writer.u32(instance)
            writer.sized(name)
        case "outer":
            let target = try next(&cursor)
            let item = try next(&cursor)
            if target.identifier == nil, item.identifier == nil {
                // Numbers alone need no scope: validation checks them.
                writer.append(outerAliasBody(space, depth: try Self.u32(target), index: try Self.u32(item)))
                break
            }
            let (depth, scopeIndex) = try outerScope(target)
            let index: UInt32
            if let name = item.identifier {
                guard let found = scopes[scopeIndex].names[space]?[name] else {
                    throw item.error(.unknownName(space: space.name, name: name))
                }
                index = found
            } else {
                index = try Self.u32(item)
            }
            writer.append(outerAliasBody(space, depth: depth, index: index))
        default: throw keyword.unexpectedInComponent
        }
        if cursor.index < end { throw cursor.peek()!.unexpectedInComponent }
        return writer.bytes
    }

    /// An outer alias's count: a u32 below the number of enclosing scopes, or the identifier of one.
    func outerScope(_ node: SExpression) throws(TextError) -> (depth: UInt32, scope: Int) {
        let current = scopes.count - 1
        if let name = node.identifier {
            for depth in 0...current where scopes[current - depth].id == name {
                return (UInt32(depth), current - depth)
            }
            throw node.error(.outerComponentNotFound(name))
        }
        let count = try Self.u32(node)
        guard Int(count) <= current else { throw node.error(.outerCountTooLarge(count)) }
        return (count, current - Int(count))
    }

    // MARK: Imports, exports, start

    mutating func importField(_ cursor: inout Cursor) throws(TextError) {
        if scope.kind == .moduleType { return try moduleImport(&cursor) }
        if scope.kind == .instanceType { throw cursor.list.elements[0].unexpectedInComponent }
        let name = try externName(&cursor)
        let description = try cursor.require()
        try requireEnd(cursor)
        var inner = Cursor(description)
        let space = try sort(&inner, core: false)
        let id = inner.optionalIdentifier()
        let bytes = try externDescription(space, &inner)
        try requireEnd(inner)
        emit(.import, name + bytes)
        try define(space, id)
    }

    mutating func exportField(_ cursor: inout Cursor) throws(TextError) {
        switch scope.kind {
        case .moduleType: return try moduleExport(&cursor)
        case .componentType, .instanceType:
            let name = try externName(&cursor)
            let description = try cursor.require()
            try requireEnd(cursor)
            var inner = Cursor(description)
            let space = try sort(&inner, core: false)
            let id = inner.optionalIdentifier()
            let bytes = try externDescription(space, &inner)
            try requireEnd(inner)
            emit(.export, name + bytes)
            try define(space, id)
        case .component:
            let id = cursor.optionalIdentifier()
            let name = try externName(&cursor)
            let item = try reference(try cursor.require(), core: false)
            var writer = BinaryWriter()
            writer.append(name)
            writer.append(item.space.sort)
            writer.u32(item.index)
            if let ascription = cursor.next() {
                var inner = Cursor(ascription)
                let space = try sort(&inner, core: false)
                _ = inner.optionalIdentifier()
                let bytes = try externDescription(space, &inner)
                try requireEnd(inner)
                writer.byte(0x01)
                writer.append(bytes)
            } else {
                writer.byte(0x00)
            }
            try requireEnd(cursor)
            emit(.export, writer.bytes)
            try define(item.space, id)
        }
    }

    mutating func startField(_ node: SExpression, _ cursor: inout Cursor) throws(TextError) {
        try requireComponentScope(node)
        let function = try index(try cursor.require(), .function)
        var arguments: [UInt32] = []
        var results: [(name: String, node: SExpression)?] = []
        while let item = cursor.next() {
            switch item.head {
            case "value":
                var inner = Cursor(item, skip: 1)
                arguments.append(try index(try inner.require(), .value))
                try requireEnd(inner)
            case "result":
                var inner = Cursor(item, skip: 1)
                let value = try inner.require()
                guard value.head == "value" else { throw value.unexpectedInComponent }
                var valueCursor = Cursor(value, skip: 1)
                results.append(valueCursor.optionalIdentifier())
                try requireEnd(valueCursor)
                try requireEnd(inner)
            default: throw item.unexpectedInComponent
            }
        }
        var writer = BinaryWriter()
        writer.u32(function)
        writer.u32(UInt32(arguments.count))
        for argument in arguments { writer.u32(argument) }
        writer.u32(UInt32(results.count))
        appendSection(9, writer.bytes)
        for result in results { try define(.value, result) }
    }

    /// Unsigned LEB128 of `value`.
    static func leb(_ value: UInt32) -> [UInt8] {
        var writer = BinaryWriter()
        writer.u32(value)
        return writer.bytes
    }
}
