/// The items of an element segment.
enum TextElementItems {
    /// Function indices (`func $f $g`, or the bare indices of the MVP abbreviation).
    case functions([UInt32])
    /// One constant expression per item, with the segment's reference type.
    case expressions(TextValueType, [[UInt8]])

    var count: Int {
        switch self {
        case .functions(let indices): indices.count
        case .expressions(_, let expressions): expressions.count
        }
    }
}

/// How an element segment is used.
enum TextElementMode {
    case passive
    case declarative
    /// Copied into `table` at instantiation, at the offset the expression (with its `end`) computes.
    case active(table: UInt32, offset: [UInt8])
}

/// Element and data segments (text chapter, "Element Segments", "Data Segments").
extension TextParser {
    /// `(elem $id? declare? ...)`: passive, declarative, or active with `(table x)?` and an offset
    /// (`(offset expr)` or a single folded instruction).
    mutating func elementField(_ cursor: inout Cursor) throws(TextError) {
        _ = cursor.optionalIdentifier()
        let mode: TextElementMode
        var allowsBareIndices = false
        if cursor.consume("declare") {
            mode = .declarative
        } else if cursor.peekHead == "table" || isOffset(cursor.peek()) {
            var table: UInt32 = 0
            if cursor.peekHead == "table" {
                var inner = Cursor(cursor.next()!, skip: 1)
                table = try index(try inner.require(), in: tables)
                try inner.requireEnd()
            }
            mode = .active(table: table, offset: try offset(&cursor))
            allowsBareIndices = true
        } else {
            mode = .passive
        }
        let items = try elementList(&cursor, allowsBareIndices: allowsBareIndices)
        try cursor.requireEnd()
        module.elements.append(encodeElementSegment(mode, items))
    }

    /// Whether `node` is an offset: `(offset ...)` or a folded instruction (not a reference type, an
    /// `(item ...)` or another clause).
    private func isOffset(_ node: SExpression?) -> Bool {
        guard let node, node.isList, let head = node.head else { return false }
        return head == "offset" || !["ref", "item", "table", "memory"].contains(head)
    }

    /// `(offset instr*)` or one folded instruction: the expression with its `end`.
    private mutating func offset(_ cursor: inout Cursor) throws(TextError) -> [UInt8] {
        let node = try cursor.require()
        guard node.isList else { throw node.unexpected }
        if node.head == "offset" {
            var inner = Cursor(node, skip: 1)
            return try constantExpression(&inner)
        }
        return try singleExpression(node)
    }

    /// One folded instruction as a constant expression.
    private mutating func singleExpression(_ node: SExpression) throws(TextError) -> [UInt8] {
        var context = InstructionContext()
        var writer = BinaryWriter()
        try foldedInstruction(node, &context, into: &writer)
        writer.opcode(.end)
        return writer.bytes
    }

    /// `func funcidx*`, `reftype elemexpr*`, or (after an offset without `(table x)`) bare function
    /// indices.
    private mutating func elementList(
        _ cursor: inout Cursor, allowsBareIndices: Bool
    ) throws(TextError) -> TextElementItems {
        if cursor.consume("func") { return .functions(try functionIndices(&cursor)) }
        if let next = cursor.peek(), isReferenceType(next) {
            let type = try referenceType(cursor.next()!)
            return .expressions(type, try elementExpressions(&cursor))
        }
        guard allowsBareIndices else {
            if let next = cursor.peek() { throw next.unexpected }
            throw cursor.list.errorAtEnd(.unexpectedEnd)
        }
        return .functions(try functionIndices(&cursor))
    }

    /// The items of an inline `(table reftype (elem ...))`: function indices or expressions.
    mutating func elementItems(_ cursor: inout Cursor, type: TextValueType) throws(TextError) -> TextElementItems {
        if cursor.peek().map({ $0.isList }) ?? false {
            return .expressions(type, try elementExpressions(&cursor))
        }
        let indices = try functionIndices(&cursor)
        if type.encoding == ValueType.funcRef.encoding { return .functions(indices) }
        // A table of a typed reference type gets its functions as `ref.func` items of that type (a
        // segment of function indices has type funcref, which such a table does not accept).
        return .expressions(
            type,
            indices.map { index in
                var writer = BinaryWriter()
                writer.opcode(.refFunc)
                writer.u32(index)
                writer.opcode(.end)
                return writer.bytes
            })
    }

    private func functionIndices(_ cursor: inout Cursor) throws(TextError) -> [UInt32] {
        var indices: [UInt32] = []
        while let item = cursor.next() { indices.append(try index(item, in: functions)) }
        return indices
    }

    /// `(item instr*)` or a single folded instruction, each.
    private mutating func elementExpressions(_ cursor: inout Cursor) throws(TextError) -> [[UInt8]] {
        var expressions: [[UInt8]] = []
        while let item = cursor.next() {
            guard item.isList else { throw item.unexpected }
            if item.head == "item" {
                var inner = Cursor(item, skip: 1)
                expressions.append(try constantExpression(&inner))
            } else {
                expressions.append(try singleExpression(item))
            }
        }
        return expressions
    }

    /// The binary encoding, choosing among the eight flag combinations the shortest that says it all.
    func encodeElementSegment(_ mode: TextElementMode, _ items: TextElementItems) -> [UInt8] {
        var writer = BinaryWriter()
        let usesExpressions: Bool
        var type: TextValueType?
        switch items {
        case .functions: usesExpressions = false
        case .expressions(let itemType, _):
            usesExpressions = true
            type = itemType
        }
        let expressionFlag: UInt32 = usesExpressions ? 0x04 : 0
        switch mode {
        case .active(let table, let offset):
            if table == 0 && (type == nil || type!.encoding == ValueType.funcRef.encoding) {
                writer.u32(expressionFlag)
                writer.append(offset)
            } else {
                writer.u32(0x02 | expressionFlag)
                writer.u32(table)
                writer.append(offset)
                writer.append(type?.encoding ?? [0x00])
            }
        case .passive, .declarative:
            writer.u32((mode.isPassive ? 0x01 : 0x03) | expressionFlag)
            writer.append(type?.encoding ?? [0x00])
        }
        switch items {
        case .functions(let indices):
            writer.u32(UInt32(indices.count))
            for index in indices { writer.u32(index) }
        case .expressions(_, let expressions):
            writer.u32(UInt32(expressions.count))
            for expression in expressions { writer.append(expression) }
        }
        return writer.bytes
    }

    /// `(data $id? (memory x)? offset? string*)`: active when it has an offset, else passive.
    mutating func dataField(_ cursor: inout Cursor) throws(TextError) {
        _ = cursor.optionalIdentifier()
        var writer = BinaryWriter()
        if cursor.peekHead == "memory" || isOffset(cursor.peek()) {
            var memory: UInt32 = 0
            if cursor.peekHead == "memory" {
                var inner = Cursor(cursor.next()!, skip: 1)
                memory = try index(try inner.require(), in: memories)
                try inner.requireEnd()
            }
            if memory == 0 {
                writer.byte(0x00)
            } else {
                writer.byte(0x02)
                writer.u32(memory)
            }
            writer.append(try offset(&cursor))
        } else {
            writer.byte(0x01)
        }
        var bytes: [UInt8] = []
        while let item = cursor.next() {
            guard let string = item.stringBytes else { throw item.unexpected }
            bytes.append(contentsOf: string)
        }
        writer.sized(bytes)
        module.data.append(writer.bytes)
    }
}

extension TextElementMode {
    var isPassive: Bool {
        if case .passive = self { return true }
        return false
    }
}
