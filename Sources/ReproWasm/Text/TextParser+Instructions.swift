/// What instructions can refer to inside one function (or constant expression): its locals and the
/// labels of the blocks around the current instruction.
struct InstructionContext {
    var locals = NameTable("local")
    /// Innermost last; `nil` for a block without a label.
    var labels: [String?] = []
    /// The blocks entered so far (`block`, `loop`, `if`, `try_table`), in text order.
    var blockCount: UInt32 = 0
    /// Labels by block number, for the name section.
    var labelNames: [(index: UInt32, name: [UInt8])] = []

    /// Enters a block with an optional label.
    mutating func enter(_ label: String?) {
        labels.append(label)
        if let label { labelNames.append((blockCount, Array(label.utf8))) }
        blockCount += 1
    }
}

/// Mnemonic to opcode, built once from the opcode table (the single source of truth): every
/// instruction the engine decodes can be written, and nothing else.
enum MnemonicTable {
    static let opcodes: [String: Opcode] = {
        var table: [String: Opcode] = [:]
        for opcode in Opcode.allCases {
            // `select` has two rows (untyped and typed); the first is kept, and its immediates decide.
            let name = opcode.info.mnemonic.description
            if table[name] == nil { table[name] = opcode }
        }
        return table
    }()
}

/// Instructions, plain and folded (text chapter, "Instructions").
extension TextParser {
    /// The rest of `cursor` as instructions.
    mutating func instructions(
        _ cursor: inout Cursor, _ context: inout InstructionContext, into code: inout BinaryWriter
    ) throws(TextError) {
        if let terminator = try instructionSequence(&cursor, &context, into: &code, until: []) {
            throw terminator.unexpected
        }
    }

    /// Instructions until the end of `cursor` or one of the atoms `terminators` (`end`, `else`), which is
    /// consumed and returned.
    private mutating func instructionSequence(
        _ cursor: inout Cursor, _ context: inout InstructionContext, into code: inout BinaryWriter,
        until terminators: Set<String>
    ) throws(TextError) -> SExpression? {
        while let node = cursor.next() {
            if node.isList {
                code.mark(node)
                try foldedInstruction(node, &context, into: &code)
                continue
            }
            guard let name = node.atom else { throw node.unexpected }
            if terminators.contains(name) { return node }
            code.mark(node)
            try plainInstruction(node, name, &cursor, &context, into: &code)
        }
        return nil
    }

    /// A plain instruction whose keyword `keyword` was just read; flat `block`/`loop`/`if` read their
    /// bodies up to `end`.
    private mutating func plainInstruction(
        _ keyword: SExpression, _ name: String, _ cursor: inout Cursor, _ context: inout InstructionContext,
        into code: inout BinaryWriter
    ) throws(TextError) {
        switch name {
        case "try_table":
            let label = try tryTableHead(&cursor, context, into: &code)
            try flatBody(label: label, &cursor, &context, into: &code)
        case "block", "loop", "if":
            let label = cursor.optionalIdentifier()
            let type = try blockType(&cursor)
            code.opcode(name == "block" ? .block : name == "loop" ? .loop : .if)
            code.append(type)
            context.enter(label?.name)
            var terminator = try instructionSequence(
                &cursor, &context, into: &code, until: name == "if" ? ["else", "end"] : ["end"])
            if let node = terminator, node.atom == "else" {
                try closingLabel(&cursor, matches: label)
                code.opcode(.else)
                terminator = try instructionSequence(&cursor, &context, into: &code, until: ["end"])
            }
            guard terminator != nil else { throw cursor.list.errorAtEnd(.unexpectedToken(")")) }
            try closingLabel(&cursor, matches: label)
            context.labels.removeLast()
            code.opcode(.end)
        case "end", "else", "then":
            throw keyword.unexpected
        default:
            guard let opcode = MnemonicTable.opcodes[name] else { throw keyword.unexpected }
            try instruction(opcode, keyword, &cursor, &context, into: &code)
        }
    }

    /// The optional identifier after `else` or `end`: it must repeat the block's label.
    private func closingLabel(
        _ cursor: inout Cursor, matches label: (name: String, node: SExpression)?
    ) throws(TextError) {
        guard let closing = cursor.optionalIdentifier() else { return }
        guard closing.name == label?.name else { throw closing.node.error(.mismatchingLabel(closing.name)) }
    }

    /// A folded instruction: `(block ...)`, `(loop ...)`, `(if ... (then ...) (else ...)?)`, or
    /// `(plaininstr folded*)`, whose operands are emitted before it.
    mutating func foldedInstruction(
        _ node: SExpression, _ context: inout InstructionContext, into code: inout BinaryWriter
    ) throws(TextError) {
        guard let keyword = node.elements.first else { throw node.errorAtEnd(.unexpectedToken(")")) }
        guard let name = keyword.atom else { throw keyword.unexpected }
        var cursor = Cursor(node, skip: 1)
        switch name {
        case "try_table":
            let label = try tryTableHead(&cursor, context, into: &code)
            context.enter(label)
            try instructions(&cursor, &context, into: &code)
            context.labels.removeLast()
            code.opcode(.end)
        case "block", "loop":
            let label = cursor.optionalIdentifier()
            let type = try blockType(&cursor)
            code.opcode(name == "block" ? .block : .loop)
            code.append(type)
            context.enter(label?.name)
            try instructions(&cursor, &context, into: &code)
            context.labels.removeLast()
            code.opcode(.end)
        case "if":
            let label = cursor.optionalIdentifier()
            let type = try blockType(&cursor)
            // The condition: folded instructions before `(then ...)`, outside the new label's scope.
            while let next = cursor.peek(), next.head != "then" {
                guard next.isList else { throw next.error(.unexpectedToken(next.summary)) }
                _ = cursor.next()
                code.mark(next)
                try foldedInstruction(next, &context, into: &code)
            }
            code.mark(keyword)
            let then = try cursor.require()
            code.opcode(.if)
            code.append(type)
            context.enter(label?.name)
            var thenCursor = Cursor(then, skip: 1)
            try instructions(&thenCursor, &context, into: &code)
            if cursor.peekHead == "else" {
                var elseCursor = Cursor(cursor.next()!, skip: 1)
                code.opcode(.else)
                try instructions(&elseCursor, &context, into: &code)
            }
            try cursor.requireEnd()
            context.labels.removeLast()
            code.opcode(.end)
        case "end", "else", "then":
            throw keyword.unexpected
        default:
            guard let opcode = MnemonicTable.opcodes[name] else { throw keyword.unexpected }
            var instruction = BinaryWriter()
            try self.instruction(opcode, keyword, &cursor, &context, into: &instruction)
            while let operand = cursor.next() {
                guard operand.isList else { throw operand.unexpected }
                code.mark(operand)
                try foldedInstruction(operand, &context, into: &code)
            }
            // The operator's own bytes come after its operands'.
            code.mark(keyword)
            code.append(instruction.bytes)
        }
    }

    /// A block type: `(type x)?` with inline lists, encoded as `0x40`, one value type, or a type index.
    private mutating func blockType(_ cursor: inout Cursor) throws(TextError) -> [UInt8] {
        var writer = BinaryWriter()
        if cursor.peekHead == "type" {
            writer.s64(Int64(try typeUse(&cursor, allowsNames: false).index))
            return writer.bytes
        }
        let (type, _) = try parameterAndResultLists(&cursor, allowsNames: false)
        if type.parameters.isEmpty && type.results.count <= 1 { return type.results.first?.encoding ?? [0x40] }
        writer.s64(Int64(implicitTypeIndex(type)))
        return writer.bytes
    }

    /// A `try_table`'s label, block type and catch clauses, encoded after its opcode; returns the
    /// label's name. Out of line, so the recursive block functions keep their small frames (deep
    /// nesting recurses through them).
    @inline(never)
    private mutating func tryTableHead(
        _ cursor: inout Cursor, _ context: InstructionContext, into code: inout BinaryWriter
    ) throws(TextError) -> String? {
        let label = cursor.optionalIdentifier()
        let type = try blockType(&cursor)
        code.opcode(.tryTable)
        code.append(type)
        code.append(try catchClauses(&cursor, context))
        return label?.name
    }

    /// A flat `try_table`'s body after its head, up to `end` (which may repeat the label).
    @inline(never)
    private mutating func flatBody(
        label: String?, _ cursor: inout Cursor, _ context: inout InstructionContext, into code: inout BinaryWriter
    ) throws(TextError) {
        context.enter(label)
        let terminator = try instructionSequence(&cursor, &context, into: &code, until: ["end"])
        guard terminator != nil else { throw cursor.list.errorAtEnd(.unexpectedToken(")")) }
        if let closing = cursor.optionalIdentifier(), closing.name != label {
            throw closing.node.error(.mismatchingLabel(closing.name))
        }
        context.labels.removeLast()
        code.opcode(.end)
    }

    /// A `try_table`'s catch clauses, `(catch x l)`, `(catch_ref x l)`, `(catch_all l)`,
    /// `(catch_all_ref l)`, as a vector; labels are resolved outside the try_table's own label.
    private func catchClauses(_ cursor: inout Cursor, _ context: InstructionContext) throws(TextError) -> [UInt8] {
        let kinds: [String: UInt8] = ["catch": 0, "catch_ref": 1, "catch_all": 2, "catch_all_ref": 3]
        var clauses = BinaryWriter()
        var count: UInt32 = 0
        while let head = cursor.peekHead, let kind = kinds[head] {
            var clause = Cursor(cursor.next()!, skip: 1)
            clauses.byte(kind)
            if kind <= 1 { clauses.u32(try index(try clause.require(), in: tags)) }
            clauses.u32(try labelIndex(try clause.require(), context))
            try clause.requireEnd()
            count += 1
        }
        var writer = BinaryWriter()
        writer.u32(count)
        writer.append(clauses.bytes)
        return writer.bytes
    }

    /// A label reference: an identifier of an enclosing block (innermost first) or a depth.
    private func labelIndex(_ node: SExpression, _ context: InstructionContext) throws(TextError) -> UInt32 {
        if let name = node.identifier {
            guard let position = context.labels.lastIndex(of: name) else { throw node.error(.unknownLabel(name)) }
            return UInt32(context.labels.count - 1 - position)
        }
        return try u32(node)
    }

    /// An optional index in `table` (absent: 0).
    private func optionalIndex(_ cursor: inout Cursor, in table: NameTable) throws(TextError) -> UInt32 {
        guard isIndex(cursor.peek()) else { return 0 }
        return try index(cursor.next()!, in: table)
    }

    /// One instruction's opcode and immediates, as its row's immediate shape says.
    private mutating func instruction(
        _ opcode: Opcode, _ keyword: SExpression, _ cursor: inout Cursor, _ context: inout InstructionContext,
        into code: inout BinaryWriter
    ) throws(TextError) {
        switch opcode.info.immediates {
        case .none:
            if opcode == .select, cursor.peekHead == "result" {
                let (type, _) = try parameterAndResultLists(&cursor, allowsNames: false)
                code.opcode(.selectTyped)
                code.u32(UInt32(type.results.count))
                for result in type.results { code.append(result.encoding) }
            } else {
                code.opcode(opcode)
            }
        case .tagIndex:
            code.opcode(opcode)
            code.u32(try index(try cursor.require(), in: tags))
        case .blockType, .selectTypes, .tryTable:
            throw keyword.unexpected  // read by `plainInstruction`/`foldedInstruction`, and `select`
        case .labelDepth:
            code.opcode(opcode)
            code.u32(try labelIndex(try cursor.require(), context))
        case .labelTable:
            var labels: [UInt32] = []
            while isIndex(cursor.peek()) { labels.append(try labelIndex(cursor.next()!, context)) }
            guard let defaultLabel = labels.popLast() else {
                throw cursor.peek()?.unexpected ?? cursor.list.errorAtEnd(.unexpectedEnd)
            }
            code.opcode(opcode)
            code.u32(UInt32(labels.count))
            for label in labels { code.u32(label) }
            code.u32(defaultLabel)
        case .functionIndex:
            code.opcode(opcode)
            code.u32(try index(try cursor.require(), in: functions))
        case .typeIndex:
            code.opcode(opcode)
            code.u32(try typeIndex(try cursor.require()))
        case .callIndirect:
            let table = try optionalIndex(&cursor, in: tables)
            let use = try typeUse(&cursor, allowsNames: false)
            code.opcode(opcode)
            code.u32(use.index)
            code.u32(table)
        case .localIndex:
            code.opcode(opcode)
            code.u32(try index(try cursor.require(), in: context.locals))
        case .globalIndex:
            code.opcode(opcode)
            code.u32(try index(try cursor.require(), in: globals))
        case .tableIndex:
            code.opcode(opcode)
            code.u32(try optionalIndex(&cursor, in: tables))
        case .memarg, .memargLane:
            try memoryInstruction(opcode, &cursor, into: &code)
        case .memoryIndex:
            code.opcode(opcode)
            code.u32(try optionalIndex(&cursor, in: memories))
        case .memoryCopy, .tableCopy:
            let table = opcode == .tableCopy ? tables : memories
            var destination: UInt32 = 0
            var source: UInt32 = 0
            if isIndex(cursor.peek()) {
                destination = try index(cursor.next()!, in: table)
                source = try index(try cursor.require(), in: table)
            }
            code.opcode(opcode)
            code.u32(destination)
            code.u32(source)
        case .memoryInit, .tableInit:
            // `memory.init memidx? dataidx`, `table.init tableidx? elemidx`: two indices name both.
            let isMemory = opcode == .memoryInit
            var target: UInt32 = 0
            if isIndex(cursor.peek()), isIndex(cursor.peek(1)) {
                target = try index(cursor.next()!, in: isMemory ? memories : tables)
            }
            let segment = try index(try cursor.require(), in: isMemory ? dataSegments : elements)
            if isMemory { module.usesDataCount = true }
            code.opcode(opcode)
            code.u32(segment)
            code.u32(target)
        case .dataIndex:
            module.usesDataCount = true
            code.opcode(opcode)
            code.u32(try index(try cursor.require(), in: dataSegments))
        case .elementIndex:
            code.opcode(opcode)
            code.u32(try index(try cursor.require(), in: elements))
        case .i32:
            let bits = try cursor.require().integerBits(bitWidth: 32)
            code.opcode(opcode)
            code.s64(Int64(Int32(truncatingIfNeeded: bits)))
        case .i64:
            let bits = try cursor.require().integerBits(bitWidth: 64)
            code.opcode(opcode)
            code.s64(Int64(bitPattern: bits))
        case .f32:
            let bits = try cursor.require().floatBits(.f32)
            code.opcode(opcode)
            code.fixed(bits, byteCount: 4)
        case .f64:
            let bits = try cursor.require().floatBits(.f64)
            code.opcode(opcode)
            code.fixed(bits, byteCount: 8)
        case .v128:
            let bytes = try vectorConstant(&cursor)
            code.opcode(opcode)
            code.append(bytes)
        case .laneIndex:
            let lane = try laneIndex(try cursor.require())
            code.opcode(opcode)
            code.byte(lane)
        case .shuffle:
            let lanes = laneLiterals(&cursor)
            guard lanes.count == 16 else {
                throw (cursor.peek() ?? lanes.last ?? keyword).error(.invalidLaneLength)
            }
            code.opcode(opcode)
            for lane in lanes {
                // Any lane literal that is not a u8 is out of range here, as the reference parser says.
                guard let text = lane.atom, let value = try? NumericLiteral.unsigned(text, bits: 8) else {
                    throw lane.error(.constantOutOfRange("i8 "))
                }
                code.byte(UInt8(value))
            }
        case .heapType:
            code.opcode(opcode)
            code.append(try heapType(try cursor.require()))
        }
    }

    /// A load or store: `memidx? offset=N? align=N?`, then for the lane forms a lane index.
    ///
    /// Alignment is written as its log2 (bit 6 of the flags announces a memory index other than 0);
    /// the default is the natural alignment, the access size from the opcode table.
    private func memoryInstruction(
        _ opcode: Opcode, _ cursor: inout Cursor, into code: inout BinaryWriter
    ) throws(TextError) {
        let hasLane = opcode.info.immediates == .memargLane
        var memory: UInt32 = 0
        if let next = cursor.peek(), isIndex(next) {
            // With a lane, a lone number is the lane index; a memory index comes before a memarg or a lane.
            let following = cursor.peek(1)
            let isMemory =
                next.identifier != nil || !hasLane || isIndex(following)
                || (following?.atom.map { $0.hasPrefix("offset=") || $0.hasPrefix("align=") } ?? false)
            if isMemory { memory = try index(cursor.next()!, in: memories) }
        }
        var offset: UInt64 = 0
        if let text = cursor.peekAtom, text.hasPrefix("offset=") {
            offset = try keywordValue(cursor.next()!, text.dropFirst(7))
        }
        var alignment = UInt32(opcode.info.accessBytes.trailingZeroBitCount)
        if let text = cursor.peekAtom, text.hasPrefix("align=") {
            let node = cursor.next()!
            let value = try keywordValue(node, text.dropFirst(6))
            guard value != 0, value & (value - 1) == 0 else { throw node.error(.alignmentNotPowerOfTwo) }
            alignment = UInt32(value.trailingZeroBitCount)
        }
        code.opcode(opcode)
        code.u32(memory == 0 ? alignment : alignment | 0x40)
        if memory != 0 { code.u32(memory) }
        code.u64(offset)
        if hasLane { code.byte(try laneIndex(try cursor.require())) }
    }

    /// The number in `offset=N` or `align=N` (a u64); a token whose number is malformed is no token of
    /// the grammar: "unknown operator".
    private func keywordValue(_ node: SExpression, _ value: Substring) throws(TextError) -> UInt64 {
        do {
            return try NumericLiteral.unsigned(String(value), bits: 64)
        } catch {
            if error == .outOfRange { throw node.error(.constantOutOfRange("")) }
            throw node.error(.unknownOperator(node.atom ?? ""))
        }
    }

    /// A lane index: a u8 ("i8 constant out of range" above 255).
    private func laneIndex(_ node: SExpression) throws(TextError) -> UInt8 {
        guard let text = node.atom else { throw node.unexpected }
        do {
            return UInt8(try NumericLiteral.unsigned(text, bits: 8))
        } catch {
            if error == .outOfRange { throw node.error(.constantOutOfRange("i8 ")) }
            throw node.error(.unexpectedToken(text))
        }
    }

    /// The atoms ahead that can be lane literals (numbers, `inf`, `nan...`), consumed.
    private func laneLiterals(_ cursor: inout Cursor) -> [SExpression] {
        var lanes: [SExpression] = []
        while let text = cursor.peekAtom, Self.isLaneLiteral(text) { lanes.append(cursor.next()!) }
        return lanes
    }

    /// Whether an atom is meant as a lane literal: anything but a keyword (`nan`, `inf` included).
    private static func isLaneLiteral(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        guard first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return true }
        return text.hasPrefix("nan") || text.hasPrefix("inf")
    }

    /// `v128.const shape lane*`: the sixteen bytes, lane 0 first, each lane little-endian.
    private func vectorConstant(_ cursor: inout Cursor) throws(TextError) -> [UInt8] {
        let shapeNode = try cursor.require()
        let shapes: [String: (bits: Int, isFloat: Bool)] = [
            "i8x16": (8, false), "i16x8": (16, false), "i32x4": (32, false), "i64x2": (64, false),
            "f32x4": (32, true), "f64x2": (64, true),
        ]
        guard let text = shapeNode.atom, let shape = shapes[text] else {
            throw shapeNode.error(.unexpectedToken(shapeNode.summary))
        }
        let lanes = laneLiterals(&cursor)
        guard lanes.count == 128 / shape.bits else {
            throw (cursor.peek() ?? lanes.last ?? shapeNode).error(.wrongNumberOfLaneLiterals)
        }
        var writer = BinaryWriter()
        for lane in lanes {
            let bits: UInt64
            if shape.isFloat {
                bits = try lane.floatBits(shape.bits == 32 ? .f32 : .f64)
            } else {
                bits = try lane.integerBits(bitWidth: shape.bits)
            }
            writer.fixed(bits, byteCount: shape.bits / 8)
        }
        return writer.bytes
    }
}
