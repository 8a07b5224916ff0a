/// Component functions and canonical definitions: `(func ... (canon lift ...))`, `(core func ... (canon
/// lower ...))`, the resource built-ins, and the options.
extension ComponentTextParser {
    /// `(func $id? (export ..)* (import "name")? ...)`: an import, an alias, or a lifted core function.
    mutating func functionField(_ node: SExpression, _ cursor: inout Cursor) throws(TextError) {
        try requireComponentScope(node)
        let header = try definitionHeader(&cursor)
        if header.importName != nil { return try inlineImport(.function, header, &cursor) }
        if cursor.peekHead == "alias" {
            var inner = Cursor(cursor.next()!, skip: 1)
            emit(.alias, try aliasTarget(&inner, space: .function))
            try requireEnd(inner)
            try requireEnd(cursor)
            return try finish(.function, header)
        }
        // The type use, then `(canon lift ...)` last.
        guard let last = cursor.items.last, last.head == "canon", cursor.index < cursor.items.count else {
            throw (cursor.peek() ?? node).unexpectedInComponent
        }
        var typeCursor = Cursor(withoutLast(cursor))
        let type = try functionTypeUse(&typeCursor)
        try requireEnd(typeCursor)
        var canon = Cursor(last, skip: 1)
        appendSection(8, try canonBody(&canon, type: type))
        try finish(.function, header)
    }

    /// A list node holding the cursor's remaining elements but the last (for a type use before a
    /// trailing `(canon ...)`).
    private func withoutLast(_ cursor: Cursor) -> SExpression {
        let items = Array(cursor.items[cursor.index..<(cursor.items.count - 1)])
        let list = cursor.list
        return SExpression(
            .list(items), line: list.line, column: list.column, endLine: list.endLine, endColumn: list.endColumn)
    }

    /// `(canon kind ...)` as a field: the defined item is its last element, `(func $id? typeuse)` for
    /// `lift`, `(core func $id?)` otherwise.
    mutating func canonField(_ node: SExpression, _ cursor: inout Cursor) throws(TextError) {
        try requireComponentScope(node)
        guard let last = cursor.items.last, last.isList, cursor.items.count > 2 else {
            throw node.errorAtEnd(.unexpectedToken(")"))
        }
        var target = Cursor(last)
        let space = try sort(&target, core: false)
        let id = target.optionalIdentifier()
        var type: UInt32?
        if space == .function {
            type = try functionTypeUse(&target)
        } else if space != .coreFunction {
            throw last.unexpectedInComponent
        }
        try requireEnd(target)
        var body = Cursor(withoutLast(cursor))
        let bytes = try canonBody(&body, type: type)
        guard (type != nil) == (bytes.first == 0x00) else { throw last.unexpectedInComponent }
        appendSection(8, bytes)
        try define(space, id)
    }

    /// The canonical definition after `canon`: `lift`/`lower` with options, or a built-in. `type` is the
    /// lifted function's type (only `lift` has one).
    mutating func canonBody(_ cursor: inout Cursor, type: UInt32?) throws(TextError) -> [UInt8] {
        let keyword = try cursor.require()
        var writer = BinaryWriter()
        switch keyword.atom {
        case "lift":
            guard let type else { throw keyword.unexpectedInComponent }
            let function = try reference(try cursor.require(), core: false)
            guard function.space == .coreFunction else { throw keyword.unexpectedInComponent }
            writer.append([0x00, 0x00])
            writer.u32(function.index)
            writer.append(try canonOptions(&cursor))
            writer.u32(type)
        case "lower":
            guard type == nil else { throw keyword.unexpectedInComponent }
            let function = try reference(try cursor.require(), core: false)
            guard function.space == .function else { throw keyword.unexpectedInComponent }
            writer.append([0x01, 0x00])
            writer.u32(function.index)
            writer.append(try canonOptions(&cursor))
        case "resource.new", "resource.drop", "resource.rep":
            guard type == nil else { throw keyword.unexpectedInComponent }
            let code: UInt8 = keyword.atom == "resource.new" ? 0x02 : keyword.atom == "resource.drop" ? 0x03 : 0x04
            let resource = try cursor.require()
            let index: UInt32
            if resource.head == "type" {
                var inner = Cursor(resource, skip: 1)
                index = try itemReference(&inner, .type)
                try requireEnd(inner)
            } else {
                index = try self.index(resource, .type)
            }
            if code == 0x03, cursor.consume("async") {
                writer.byte(0x07)
            } else {
                writer.byte(code)
            }
            writer.u32(index)
        default: throw keyword.unexpectedInComponent
        }
        try requireEnd(cursor)
        return writer.bytes
    }

    /// Canonical options until the end of the cursor, encoded as a vector.
    mutating func canonOptions(_ cursor: inout Cursor) throws(TextError) -> [UInt8] {
        var options: [[UInt8]] = []
        while let item = cursor.next() {
            switch item.atom ?? item.head {
            case "string-encoding=utf8": options.append([0x00])
            case "string-encoding=utf16": options.append([0x01])
            case "string-encoding=latin1+utf16": options.append([0x02])
            case "async": options.append([0x06])
            case "gc": options.append([0x09])
            case "memory" where item.isList:
                options.append([0x03] + Self.leb(try coreOptionIndex(item, .coreMemory)))
            case "realloc" where item.isList:
                options.append([0x04] + Self.leb(try coreOptionIndex(item, .coreFunction)))
            case "post-return" where item.isList:
                options.append([0x05] + Self.leb(try coreOptionIndex(item, .coreFunction)))
            case "callback" where item.isList:
                options.append([0x07] + Self.leb(try coreOptionIndex(item, .coreFunction)))
            default: throw item.unexpectedInComponent
            }
        }
        return Self.leb(UInt32(options.count)) + options.flatMap { $0 }
    }

    /// The core item an option names: `(memory idx)` or `(memory (core memory $i "name"))`.
    private mutating func coreOptionIndex(_ node: SExpression, _ space: ComponentSpace) throws(TextError) -> UInt32 {
        var cursor = Cursor(node, skip: 1)
        let item = try cursor.require()
        try requireEnd(cursor)
        guard item.isList else { return try index(item, space) }
        let reference = try reference(item, core: true)
        guard reference.space == space else { throw item.unexpectedInComponent }
        return reference.index
    }
}
