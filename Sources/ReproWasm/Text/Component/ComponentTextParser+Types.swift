/// Types: value types, function, component, instance and resource types, core function and module
/// types, type uses and extern descriptions.
extension ComponentTextParser {
    // MARK: Type fields

    /// `(type $id? (export "name")* deftype)`, or `(type $id? (alias ...))`.
    mutating func typeField(_ cursor: inout Cursor) throws(TextError) {
        if scope.kind == .moduleType { return try moduleTypeDeclaration(&cursor) }
        let header = try definitionHeader(&cursor)
        if header.importName != nil { return try inlineImport(.type, header, &cursor) }
        let definition = try cursor.require()
        try requireEnd(cursor)
        if definition.head == "alias" {
            var inner = Cursor(definition, skip: 1)
            emit(.alias, try aliasTarget(&inner, space: .type))
        } else {
            emit(.type, try typeDefinition(definition, id: header.id?.name))
        }
        try finish(.type, header)
    }

    /// `(core type $id? coretype)`.
    mutating func coreTypeField(_ cursor: inout Cursor) throws(TextError) {
        let id = cursor.optionalIdentifier()
        let definition = try cursor.require()
        try requireEnd(cursor)
        if definition.head == "alias" {
            var inner = Cursor(definition, skip: 1)
            emit(.alias, try aliasTarget(&inner, space: .coreType))
        } else {
            emit(.coreType, try coreTypeDefinition(definition, id: id?.name))
        }
        try define(.coreType, id)
    }

    /// A type definition: a defined value type, `(func ...)`, `(component ...)`, `(instance ...)` or
    /// `(resource ...)`.
    mutating func typeDefinition(_ node: SExpression, id: String?) throws(TextError) -> [UInt8] {
        var cursor = Cursor(node, skip: 1)
        switch node.head {
        case "func":
            let type = try functionType(&cursor)
            try requireEnd(cursor)
            return type
        case "component": return try declarations(.componentType, id: id, &cursor)
        case "instance": return try declarations(.instanceType, id: id, &cursor)
        case "resource":
            var writer = BinaryWriter()
            writer.byte(0x3F)
            let representation = try cursor.require()
            guard representation.head == "rep" else { throw representation.unexpectedInComponent }
            var inner = Cursor(representation, skip: 1)
            writer.append(try TextParser().valueType(try inner.require()).encoding)
            try requireEnd(inner)
            if cursor.peekHead == "dtor" {
                var dtor = Cursor(cursor.next()!, skip: 1)
                let target = try dtor.require()
                try requireEnd(dtor)
                let function: UInt32
                if target.isList {
                    let reference = try reference(target, core: true)
                    guard reference.space == .coreFunction else { throw target.unexpectedInComponent }
                    function = reference.index
                } else {
                    function = try index(target, .coreFunction)
                }
                writer.byte(0x01)
                writer.u32(function)
            } else {
                writer.byte(0x00)
            }
            try requireEnd(cursor)
            return writer.bytes
        default: return try definedValueType(node)
        }
    }

    /// The declarations left in `cursor` as a component (`0x41`) or instance (`0x42`) type, in a new scope.
    mutating func declarations(_ kind: ComponentScope.Kind, id: String?, _ cursor: inout Cursor) throws(TextError)
        -> [UInt8]
    {
        scopes.append(ComponentScope(kind: kind, id: id))
        while let item = cursor.next() {
            guard item.isList, let head = item.head else { throw item.unexpectedInComponent }
            switch head {
            case "core", "type", "alias", "import", "export": try field(item)
            default: throw item.elements[0].unexpectedInComponent
            }
        }
        let scope = scopes.removeLast()
        var writer = BinaryWriter()
        writer.byte(kind == .componentType ? 0x41 : 0x42)
        writer.u32(UInt32(scope.declarations.count))
        for declaration in scope.declarations { writer.append(declaration) }
        return writer.bytes
    }

    // MARK: Function types and value types

    /// `(param "name" valtype)*` and `(result valtype)?` (or named results) as a function type.
    mutating func functionType(_ cursor: inout Cursor) throws(TextError) -> [UInt8] {
        let isAsync = cursor.consume("async")
        var parameters: [[UInt8]] = []
        while cursor.peekHead == "param" {
            var inner = Cursor(cursor.next()!, skip: 1)
            let name = try requireString(&inner)
            parameters.append(Self.name(name) + (try valueType(try inner.require())))
            try requireEnd(inner)
        }
        var results: [(name: [UInt8]?, type: [UInt8])] = []
        while cursor.peekHead == "result" {
            var inner = Cursor(cursor.next()!, skip: 1)
            let name = inner.peek()?.stringBytes
            if name != nil { _ = inner.next() }
            results.append((name, try valueType(try inner.require())))
            try requireEnd(inner)
        }
        var writer = BinaryWriter()
        writer.byte(isAsync ? 0x43 : 0x40)
        writer.u32(UInt32(parameters.count))
        for parameter in parameters { writer.append(parameter) }
        if results.count == 1, results[0].name == nil {
            writer.byte(0x00)
            writer.append(results[0].type)
        } else {
            writer.byte(0x01)
            writer.u32(UInt32(results.count))
            for result in results {
                writer.sized(result.name ?? [])
                writer.append(result.type)
            }
        }
        return writer.bytes
    }

    /// A value type: a primitive, a type index, or an inline defined type (defined just before).
    mutating func valueType(_ node: SExpression) throws(TextError) -> [UInt8] {
        if let text = node.atom, let code = componentPrimitiveTypes[text] { return [code] }
        var writer = BinaryWriter()
        if node.isList {
            let bytes = try definedValueType(node)
            emit(.type, bytes)
            writer.s64(Int64(try define(.type, nil)))
        } else {
            writer.s64(Int64(try index(node, .type)))
        }
        return writer.bytes
    }

    /// A defined value type: a primitive, `(record ...)`, `(variant ...)`, `(list t)`, `(tuple ...)`,
    /// `(flags ...)`, `(enum ...)`, `(option t)`, `(result ...)`, `(own t)`, `(borrow t)`, ...
    mutating func definedValueType(_ node: SExpression) throws(TextError) -> [UInt8] {
        if let text = node.atom, let code = componentPrimitiveTypes[text] { return [code] }
        guard node.isList, let head = node.head else { throw node.unexpectedInComponent }
        var cursor = Cursor(node, skip: 1)
        var writer = BinaryWriter()
        switch head {
        case "record":
            var fields: [[UInt8]] = []
            while let item = cursor.next() {
                guard item.head == "field" else { throw item.unexpectedInComponent }
                var inner = Cursor(item, skip: 1)
                let name = try requireString(&inner)
                fields.append(Self.name(name) + (try valueType(try inner.require())))
                try requireEnd(inner)
            }
            writer.byte(0x72)
            writer.u32(UInt32(fields.count))
            for field in fields { writer.append(field) }
        case "variant":
            var cases: [[UInt8]] = []
            var ids: Set<String> = []
            while let item = cursor.next() {
                guard item.head == "case" else { throw item.unexpectedInComponent }
                var inner = Cursor(item, skip: 1)
                if let id = inner.optionalIdentifier() {
                    guard ids.insert(id.name).inserted else {
                        throw id.node.error(.duplicateName(space: "variant case", name: id.name))
                    }
                }
                var entry = Self.name(try requireString(&inner))
                if let type = inner.peek(), type.head != "refines" {
                    _ = inner.next()
                    entry += [0x01] + (try valueType(type))
                } else {
                    entry.append(0x00)
                }
                if inner.peekHead == "refines" {
                    var refines = Cursor(inner.next()!, skip: 1)
                    let target = try refines.require()
                    try requireEnd(refines)
                    // Refinements are gone from the binary format; `1` keeps the byte the decoder rejects.
                    entry += [0x01] + Self.leb(target.atom.flatMap { UInt32($0) } ?? 0)
                } else {
                    entry.append(0x00)
                }
                try requireEnd(inner)
                cases.append(entry)
            }
            writer.byte(0x71)
            writer.u32(UInt32(cases.count))
            for entry in cases { writer.append(entry) }
        case "list":
            let element = try valueType(try cursor.require())
            if let length = cursor.next() {
                writer.byte(0x67)
                writer.append(element)
                writer.u32(try Self.u32(length))
            } else {
                writer.byte(0x70)
                writer.append(element)
            }
        case "tuple":
            var elements: [[UInt8]] = []
            while let item = cursor.next() { elements.append(try valueType(item)) }
            writer.byte(0x6F)
            writer.u32(UInt32(elements.count))
            for element in elements { writer.append(element) }
        case "flags", "enum":
            var names: [[UInt8]] = []
            while cursor.peek() != nil { names.append(Self.name(try requireString(&cursor))) }
            writer.byte(head == "flags" ? 0x6E : 0x6D)
            writer.u32(UInt32(names.count))
            for name in names { writer.append(name) }
        case "option":
            writer.byte(0x6B)
            writer.append(try valueType(try cursor.require()))
        case "result":
            writer.byte(0x6A)
            if let ok = cursor.peek(), ok.head != "error" {
                _ = cursor.next()
                writer.byte(0x01)
                writer.append(try valueType(ok))
            } else {
                writer.byte(0x00)
            }
            if cursor.peekHead == "error" {
                var inner = Cursor(cursor.next()!, skip: 1)
                writer.byte(0x01)
                writer.append(try valueType(try inner.require()))
                try requireEnd(inner)
            } else {
                writer.byte(0x00)
            }
        case "map":
            writer.byte(0x63)
            writer.append(try valueType(try cursor.require()))
            writer.append(try valueType(try cursor.require()))
        case "own", "borrow":
            writer.byte(head == "own" ? 0x69 : 0x68)
            writer.u32(try index(try cursor.require(), .type))
        case "stream", "future":
            writer.byte(head == "stream" ? 0x66 : 0x65)
            if let element = cursor.next() {
                writer.byte(0x01)
                writer.append(try valueType(element))
            } else {
                writer.byte(0x00)
            }
        default: throw node.elements[0].unexpectedInComponent
        }
        try requireEnd(cursor)
        return writer.bytes
    }

    // MARK: Type uses and extern descriptions

    /// Whether the cursor is at `(type idx)` (a use of a defined type, not an inline definition).
    private func isTypeReference(_ cursor: Cursor) -> Bool {
        guard let node = cursor.peek(), node.head == "type", node.elements.count >= 2 else { return false }
        let target = node.elements[1]
        guard target.identifier != nil || target.atom.map({ $0.first?.isNumber == true }) == true else { return false }
        return node.elements.dropFirst(2).allSatisfy { $0.stringBytes != nil }
    }

    /// `(type idx)` (with optional inline alias names), or an inline type built by `inline` and
    /// defined just before; the type's index.
    private mutating func typeUse(
        _ cursor: inout Cursor, _ inline: (inout ComponentTextParser, inout Cursor) throws(TextError) -> [UInt8]
    ) throws(TextError) -> UInt32 {
        if isTypeReference(cursor) {
            var inner = Cursor(cursor.next()!, skip: 1)
            let index = try itemReference(&inner, .type)
            try requireEnd(inner)
            return index
        }
        let bytes = try inline(&self, &cursor)
        emit(.type, bytes)
        return try define(.type, nil)
    }

    /// A function's type use: `(type idx)` or inline parameters and results.
    mutating func functionTypeUse(_ cursor: inout Cursor) throws(TextError) -> UInt32 {
        try typeUse(&cursor) { (parser, cursor) throws(TextError) in try parser.functionType(&cursor) }
    }

    /// What an import or export of `space` is: the extern description after the sort and `$id?`.
    mutating func externDescription(_ space: ComponentSpace, _ cursor: inout Cursor) throws(TextError) -> [UInt8] {
        var writer = BinaryWriter()
        switch space {
        case .coreModule:
            writer.append([0x00, 0x11])
            if isTypeReference(cursor) {
                var inner = Cursor(cursor.next()!, skip: 1)
                writer.u32(try itemReference(&inner, .coreType))
                try requireEnd(inner)
            } else {
                emit(.coreType, try moduleType(id: nil, &cursor))
                writer.u32(try define(.coreType, nil))
            }
        case .function:
            writer.byte(0x01)
            writer.u32(try functionTypeUse(&cursor))
        case .component:
            writer.byte(0x04)
            writer.u32(
                try typeUse(&cursor) { (parser, cursor) throws(TextError) in
                    try parser.declarations(.componentType, id: nil, &cursor)
                })
        case .instance:
            writer.byte(0x05)
            writer.u32(
                try typeUse(&cursor) { (parser, cursor) throws(TextError) in
                    try parser.declarations(.instanceType, id: nil, &cursor)
                })
        case .value:
            writer.byte(0x02)
            if cursor.peekHead == "eq" {
                var inner = Cursor(cursor.next()!, skip: 1)
                writer.byte(0x00)
                writer.u32(try index(try inner.require(), .value))
                try requireEnd(inner)
            } else {
                writer.append(try valueType(try cursor.require()))
            }
        case .type:
            writer.byte(0x03)
            let bound = try cursor.require()
            var inner = Cursor(bound, skip: 1)
            switch bound.head {
            case "eq":
                writer.byte(0x00)
                writer.u32(try index(try inner.require(), .type))
            case "sub":
                let resource = try inner.require()
                guard resource.atom == "resource" else { throw resource.unexpectedInComponent }
                writer.byte(0x01)
            default: throw bound.unexpectedInComponent
            }
            try requireEnd(inner)
        default: throw (cursor.peek() ?? cursor.list).unexpectedInComponent
        }
        return writer.bytes
    }
}
