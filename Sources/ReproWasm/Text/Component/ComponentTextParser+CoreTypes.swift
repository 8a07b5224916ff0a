/// Core types inside components: core function types and module types with their declarations.
extension ComponentTextParser {
    /// `(func ...)` or `(module ...)` after `core type $id?`.
    mutating func coreTypeDefinition(_ node: SExpression, id: String?) throws(TextError) -> [UInt8] {
        switch node.head {
        case "func": return BinaryEncoder.encodeFunctionType(try coreTextParser().functionType(node))
        case "module":
            var cursor = Cursor(node, skip: 1)
            return try moduleType(id: id, &cursor)
        default: throw node.unexpectedInComponent
        }
    }

    /// The declarations left in `cursor` as a module type (`0x50`), in a new scope.
    mutating func moduleType(id: String?, _ cursor: inout Cursor) throws(TextError) -> [UInt8] {
        scopes.append(ComponentScope(kind: .moduleType, id: id))
        while let item = cursor.next() {
            guard item.isList, let head = item.head else { throw item.unexpectedInComponent }
            switch head {
            case "import", "export", "type", "alias": try field(item)
            default: throw item.elements[0].unexpectedInComponent
            }
        }
        let scope = scopes.removeLast()
        var writer = BinaryWriter()
        writer.byte(0x50)
        writer.u32(UInt32(scope.declarations.count))
        for declaration in scope.declarations { writer.append(declaration) }
        return writer.bytes
    }

    /// `(type $id? (func ...))` in a module type.
    mutating func moduleTypeDeclaration(_ cursor: inout Cursor) throws(TextError) {
        let id = cursor.optionalIdentifier()
        let definition = try cursor.require()
        try requireEnd(cursor)
        guard definition.head == "func" else { throw definition.unexpectedInComponent }
        let type = try coreTextParser().functionType(definition)
        emit(.type, BinaryEncoder.encodeFunctionType(type))
        let index = try define(.coreType, id)
        if scope.moduleFunctionTypes[type] == nil { scope.moduleFunctionTypes[type] = index }
    }

    /// A core text parser whose type identifiers are the current scope's core types (for `(ref $t)`).
    func coreTextParser() -> TextParser {
        var parser = TextParser()
        let names = scope.names[.coreType] ?? [:]
        var byIndex: [UInt32: String] = [:]
        for (name, index) in names { byIndex[index] = name }
        for index in 0..<scope.count(.coreType) {
            let name = byIndex[index].map { ($0, SExpression(.identifier($0), line: 0, column: 0)) }
            _ = try? parser.types.add(name)
        }
        return parser
    }

    /// `(import "module" "name" coredesc)` in a module type.
    mutating func moduleImport(_ cursor: inout Cursor) throws(TextError) {
        let module = try requireString(&cursor)
        let name = try requireString(&cursor)
        let description = try coreExternDescription(try cursor.require())
        try requireEnd(cursor)
        emit(.import, Self.name(module) + Self.name(name) + description)
    }

    /// `(export "name" coredesc)` in a module type.
    mutating func moduleExport(_ cursor: inout Cursor) throws(TextError) {
        let name = try requireString(&cursor)
        let description = try coreExternDescription(try cursor.require())
        try requireEnd(cursor)
        emit(.export, Self.name(name) + description)
    }

    /// A core import or export description: `(func $id? typeuse)`, `(table ...)`, `(memory ...)`,
    /// `(global ...)`, `(tag typeuse)`.
    private mutating func coreExternDescription(_ node: SExpression) throws(TextError) -> [UInt8] {
        var cursor = Cursor(node, skip: 1)
        _ = cursor.optionalIdentifier()
        let parser = coreTextParser()
        var writer = BinaryWriter()
        switch node.head {
        case "func":
            writer.byte(0x00)
            writer.u32(try coreFunctionTypeUse(&cursor))
        case "tag":
            writer.append([0x04, 0x00])
            writer.u32(try coreFunctionTypeUse(&cursor))
        case "table":
            writer.byte(0x01)
            writer.append(try parser.tableType(&cursor))
        case "memory":
            writer.byte(0x02)
            var memory = try parser.memoryType(&cursor)
            if cursor.consume("shared") { memory[0] |= 0x02 }
            writer.append(memory)
        case "global":
            writer.byte(0x03)
            writer.append(try parser.globalType(try cursor.require()))
        default: throw node.unexpectedInComponent
        }
        try requireEnd(cursor)
        return writer.bytes
    }

    /// `(type idx)` or inline `(param ...)*` `(result ...)*` in a module type: an inline type is the
    /// first equal `(type ...)` declared so far, or a new type declaration just before (which later
    /// inline uses do not reuse, as in the `wast` crate).
    private mutating func coreFunctionTypeUse(_ cursor: inout Cursor) throws(TextError) -> UInt32 {
        if cursor.peekHead == "type" {
            var inner = Cursor(cursor.next()!, skip: 1)
            let index = try self.index(try inner.require(), .coreType)
            try requireEnd(inner)
            // Inline lists after `(type x)` only repeat it.
            _ = try coreTextParser().parameterAndResultLists(&cursor, allowsNames: true)
            return index
        }
        let (type, _) = try coreTextParser().parameterAndResultLists(&cursor, allowsNames: true)
        if let index = scope.moduleFunctionTypes[type] { return index }
        emit(.type, BinaryEncoder.encodeFunctionType(type))
        return try define(.coreType, nil)
    }
}
