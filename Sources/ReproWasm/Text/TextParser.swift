/// Parses a module's fields (text chapter, "Modules") and collects their binary encodings.
///
/// Two passes, because a field may refer to anything defined later: the first gives every identifier
/// its index (imports come first in every index space, and the text must list them first: "import after
/// function" otherwise) and reads the explicit type definitions; the second parses each field in full,
/// resolving identifiers, appending implicit types for inline type uses, and encoding as it goes.
struct TextParser {
    var module = TextModule()
    var types = NameTable("type")
    var functions = NameTable("func")
    var tables = NameTable("table")
    var memories = NameTable("memory")
    var globals = NameTable("global")
    var elements = NameTable("elem")
    var dataSegments = NameTable("data")
    var tags = NameTable("tag")

    /// Entries defined so far in the second pass, per index space.
    private var nextFunction: UInt32 = 0
    private var nextTable: UInt32 = 0
    private var nextMemory: UInt32 = 0
    private var nextGlobal: UInt32 = 0
    private var nextTag: UInt32 = 0

    /// Encodes the module made of `fields`.
    static func encode(
        fields: [SExpression], name: [UInt8]?, annotations: [Annotation] = [], nameIndex: Int = 0
    ) throws(TextError) -> [UInt8] {
        try encodeWithSourceMap(fields: fields, name: name, annotations: annotations, nameIndex: nameIndex).bytes
    }

    /// Encodes the module made of `fields`, with the text position of each entry and instruction.
    /// `annotations` are the interpreted annotations between the fields; a module `@name` among them must
    /// stand at `nameIndex` (see `AnnotationReader.read`).
    static func encodeWithSourceMap(
        fields: [SExpression], name: [UInt8]?, annotations: [Annotation] = [], nameIndex: Int = 0
    ) throws(TextError) -> (bytes: [UInt8], sourceMap: [TextMark]) {
        // Annotations first: the reference parser reads them with the text, before resolving anything.
        let read = try AnnotationReader.read(annotations: annotations, nameIndex: nameIndex, fields: fields)
        var parser = TextParser()
        parser.module.name = read.name ?? name
        parser.module.customSections = read.customSections
        try parser.declare(fields)
        try parser.define(fields)
        if let invalid = read.invalid { throw invalid }
        for (name, index) in parser.functions.indices {
            parser.module.functionNames.append((index, Array(name.utf8)))
        }
        let others: [(UInt8, NameTable)] = [
            (4, parser.types), (5, parser.tables), (6, parser.memories), (7, parser.globals), (8, parser.elements),
            (9, parser.dataSegments), (11, parser.tags),
        ]
        for (id, table) in others where !table.indices.isEmpty {
            parser.module.otherNames[id] = table.indices.map { ($0.value, Array($0.key.utf8)) }
        }
        return BinaryEncoder.encodeWithSourceMap(parser.module)
    }

    // MARK: First pass

    /// Gives identifiers their indices and reads the type definitions.
    private mutating func declare(_ fields: [SExpression]) throws(TextError) {
        var typeDefinitions: [SExpression] = []
        // The kinds defined so far, in the order the spec's reference parser checks them.
        var defined: Set<String> = []
        func checkImportOrder(_ node: SExpression) throws(TextError) {
            for kind in ["function", "global", "table", "memory"] where defined.contains(kind) {
                throw node.error(.importAfterDefinition(kind))
            }
        }
        for field in fields {
            guard field.isList, let head = field.head else { throw (field.elements.first ?? field).unexpected }
            var cursor = Cursor(field, skip: 1)
            switch head {
            case "type":
                try types.add(cursor.optionalIdentifier())
                typeDefinitions.append(field)
            case "rec":
                // One type in a group is the type alone; several form a GC recursion group, which
                // flattening would turn into a different module.
                guard field.elements.count <= 2 else { throw field.error(.unsupportedProposal(.gc)) }
                while let inner = cursor.next() {
                    guard inner.head == "type" else { throw inner.unexpected }
                    var innerCursor = Cursor(inner, skip: 1)
                    try types.add(innerCursor.optionalIdentifier())
                    typeDefinitions.append(inner)
                }
            case "import":
                try checkImportOrder(field)
                _ = try cursor.requireName()
                _ = try cursor.requireName()
                let descriptor = try cursor.require()
                var inner = Cursor(descriptor, skip: 1)
                let name = inner.optionalIdentifier()
                switch descriptor.head {
                case "func": try functions.add(name)
                case "table": try tables.add(name)
                case "memory": try memories.add(name)
                case "global": try globals.add(name)
                case "tag": try tags.add(name)
                default: throw (descriptor.elements.first ?? descriptor).unexpected
                }
            case "func", "table", "memory", "global":
                let name = cursor.optionalIdentifier()
                while cursor.peekHead == "export" { _ = cursor.next() }
                let isImport = cursor.peekHead == "import"
                if isImport { try checkImportOrder(field) }
                switch head {
                case "func":
                    try functions.add(name)
                    if !isImport { defined.insert("function") }
                case "table":
                    try tables.add(name)
                    if !isImport {
                        defined.insert("table")
                        if field.elements.contains(where: { $0.head == "elem" }) { elements.addUnnamed(1) }
                    }
                case "memory":
                    try memories.add(name)
                    if !isImport {
                        defined.insert("memory")
                        if field.elements.contains(where: { $0.head == "data" }) { dataSegments.addUnnamed(1) }
                    }
                default:
                    try globals.add(name)
                    if !isImport { defined.insert("global") }
                }
            case "tag":
                let name = cursor.optionalIdentifier()
                while cursor.peekHead == "export" { _ = cursor.next() }
                if cursor.peekHead == "import" { try checkImportOrder(field) }
                try tags.add(name)
            case "elem": try elements.add(cursor.optionalIdentifier())
            case "data": try dataSegments.add(cursor.optionalIdentifier())
            case "export", "start": break
            default: throw field.elements[0].unexpected
            }
        }
        for definition in typeDefinitions {
            var cursor = Cursor(definition, skip: 1)
            _ = cursor.optionalIdentifier()
            let before = module.entryCounts
            module.types.append(try functionType(try cursor.require()))
            module.markNewEntries(since: before, definition)
            try cursor.requireEnd()
        }
    }

    // MARK: Second pass

    private mutating func define(_ fields: [SExpression]) throws(TextError) {
        for field in fields {
            let before = module.entryCounts
            defer { module.markNewEntries(since: before, field) }
            var cursor = Cursor(field, skip: 1)
            switch field.head {
            case "import": try importField(&cursor)
            case "func": try functionField(&cursor)
            case "table": try tableField(&cursor)
            case "memory": try memoryField(&cursor)
            case "global": try globalField(&cursor)
            case "tag": try tagField(&cursor)
            case "export": try exportField(&cursor)
            case "start":
                let index = try index(try cursor.require(), in: functions)
                try cursor.requireEnd()
                guard module.start == nil else { throw field.error(.multipleStartSections) }
                module.start = index
            case "elem": try elementField(&cursor)
            case "data": try dataField(&cursor)
            default: break  // types: read in the first pass
            }
        }
    }

    /// `(export "name")*` after a definition's identifier.
    private mutating func inlineExports(_ cursor: inout Cursor, kind: ExternalKind, index: UInt32) throws(TextError) {
        while cursor.peekHead == "export" {
            var inner = Cursor(cursor.next()!, skip: 1)
            let name = try inner.requireName()
            try inner.requireEnd()
            appendExport(name, kind: kind, index: index)
        }
    }

    private mutating func appendExport(_ name: [UInt8], kind: ExternalKind, index: UInt32) {
        appendExport(name, kindByte: kind.rawValue, index: index)
    }

    /// An export entry; `kindByte` 0x04 is a tag.
    private mutating func appendExport(_ name: [UInt8], kindByte: UInt8, index: UInt32) {
        var writer = BinaryWriter()
        writer.sized(name)
        writer.byte(kindByte)
        writer.u32(index)
        module.exports.append(writer.bytes)
    }

    /// An inline `(import "module" "name")`, if next: its two names, encoded.
    private func inlineImport(_ cursor: inout Cursor) throws(TextError) -> [UInt8]? {
        guard cursor.peekHead == "import" else { return nil }
        var inner = Cursor(cursor.next()!, skip: 1)
        var writer = BinaryWriter()
        writer.sized(try inner.requireName())
        writer.sized(try inner.requireName())
        try inner.requireEnd()
        return writer.bytes
    }

    private mutating func importField(_ cursor: inout Cursor) throws(TextError) {
        var writer = BinaryWriter()
        writer.sized(try cursor.requireName())
        writer.sized(try cursor.requireName())
        let descriptor = try cursor.require()
        try cursor.requireEnd()
        var inner = Cursor(descriptor, skip: 1)
        _ = inner.optionalIdentifier()
        switch descriptor.head {
        case "func":
            let use = try typeUse(&inner, allowsNames: true)
            writer.byte(ExternalKind.function.rawValue)
            writer.u32(use.index)
            nextFunction += 1
        case "table":
            writer.byte(ExternalKind.table.rawValue)
            writer.append(try tableType(&inner))
            nextTable += 1
        case "memory":
            writer.byte(ExternalKind.memory.rawValue)
            writer.append(try memoryType(&inner))
            nextMemory += 1
        case "tag":
            writer.byte(0x04)
            writer.append(try tagType(&inner))
            nextTag += 1
        default:
            writer.byte(ExternalKind.global.rawValue)
            writer.append(try globalType(try inner.require()))
            nextGlobal += 1
        }
        try inner.requireEnd()
        module.imports.append(writer.bytes)
    }

    private mutating func functionField(_ cursor: inout Cursor) throws(TextError) {
        _ = cursor.optionalIdentifier()
        let index = nextFunction
        nextFunction += 1
        try inlineExports(&cursor, kind: .function, index: index)
        if var entry = try inlineImport(&cursor) {
            let use = try typeUse(&cursor, allowsNames: true)
            try cursor.requireEnd()
            entry.append(ExternalKind.function.rawValue)
            var writer = BinaryWriter()
            writer.u32(use.index)
            module.imports.append(entry + writer.bytes)
            return
        }
        let use = try typeUse(&cursor, allowsNames: true)
        var context = InstructionContext()
        for name in use.names { try context.locals.add(name) }
        var localTypes: [TextValueType] = []
        while cursor.peekHead == "local" {
            var inner = Cursor(cursor.next()!, skip: 1)
            if let name = inner.optionalIdentifier() {
                localTypes.append(try valueType(try inner.require()))
                try context.locals.add(name)
                try inner.requireEnd()
            } else {
                while let item = inner.next() {
                    localTypes.append(try valueType(item))
                    context.locals.addUnnamed(1)
                }
            }
        }
        var body = BinaryWriter()
        // Locals as runs of equal types.
        var runs: [(count: UInt32, type: TextValueType)] = []
        for type in localTypes {
            if let last = runs.last, last.type == type {
                runs[runs.count - 1].count += 1
            } else {
                runs.append((1, type))
            }
        }
        body.u32(UInt32(runs.count))
        for run in runs {
            body.u32(run.count)
            body.append(run.type.encoding)
        }
        try instructions(&cursor, &context, into: &body)
        body.opcode(.end)
        if !context.locals.indices.isEmpty {
            module.localNames.append((index, context.locals.indices.map { ($0.value, Array($0.key.utf8)) }))
        }
        if !context.labelNames.isEmpty { module.labelNames.append((index, context.labelNames)) }
        module.functions.append(use.index)
        module.codes.append(body.bytes)
        module.codeMarks.append(body.marks)
    }

    /// `addrtype? limits reftype` (binary: reference type, then limits).
    func tableType(_ cursor: inout Cursor) throws(TextError) -> [UInt8] {
        let is64 = try addressType(&cursor)
        let limits = try self.limits(&cursor, is64: is64)
        return try referenceType(try cursor.require()).encoding + limits
    }

    /// `addrtype? limits`, encoded.
    func memoryType(_ cursor: inout Cursor) throws(TextError) -> [UInt8] {
        let is64 = try addressType(&cursor)
        return try limits(&cursor, is64: is64)
    }

    /// An optional `i32`/`i64` address type; whether it is `i64`.
    func addressType(_ cursor: inout Cursor) throws(TextError) -> Bool {
        if cursor.consume("i64") { return true }
        _ = cursor.consume("i32")
        return false
    }

    /// `min max?` as u64 literals, encoded with their flags byte (bit 0: maximum; bit 2: 64-bit).
    func limits(_ cursor: inout Cursor, is64: Bool) throws(TextError) -> [UInt8] {
        let minimum = try unsigned(try cursor.require(), bits: 64)
        var maximum: UInt64?
        if isIndex(cursor.peek()), cursor.peek()?.identifier == nil {
            maximum = try unsigned(cursor.next()!, bits: 64)
        }
        return encodeLimits(minimum: minimum, maximum: maximum, is64: is64)
    }

    func encodeLimits(minimum: UInt64, maximum: UInt64?, is64: Bool) -> [UInt8] {
        var writer = BinaryWriter()
        writer.byte((maximum == nil ? 0 : 0x01) | (is64 ? 0x04 : 0))
        writer.u64(minimum)
        if let maximum { writer.u64(maximum) }
        return writer.bytes
    }

    /// `valtype` or `(mut valtype)`, encoded with its mutability byte.
    func globalType(_ node: SExpression) throws(TextError) -> [UInt8] {
        if node.head == "mut" {
            var inner = Cursor(node, skip: 1)
            let type = try valueType(try inner.require())
            try inner.requireEnd()
            return type.encoding + [0x01]
        }
        return try valueType(node).encoding + [0x00]
    }

    private mutating func tableField(_ cursor: inout Cursor) throws(TextError) {
        _ = cursor.optionalIdentifier()
        let index = nextTable
        nextTable += 1
        try inlineExports(&cursor, kind: .table, index: index)
        if var entry = try inlineImport(&cursor) {
            entry.append(ExternalKind.table.rawValue)
            entry.append(contentsOf: try tableType(&cursor))
            try cursor.requireEnd()
            module.imports.append(entry)
            return
        }
        if cursor.items[cursor.index...].contains(where: { $0.head == "elem" }) {
            // `(table reftype (elem ...))`: a table exactly as large as its inline segment.
            let is64 = try addressType(&cursor)
            let type = try referenceType(try cursor.require())
            let list = try cursor.require()
            guard list.head == "elem" else { throw list.unexpected }
            try cursor.requireEnd()
            var inner = Cursor(list, skip: 1)
            let items = try elementItems(&inner, type: type)
            let count = UInt64(items.count)
            module.tables.append(type.encoding + encodeLimits(minimum: count, maximum: count, is64: is64))
            let offset: [UInt8] = is64 ? [0x42, 0x00, 0x0B] : [0x41, 0x00, 0x0B]
            module.elements.append(encodeElementSegment(.active(table: index, offset: offset), items))
            return
        }
        let type = try tableType(&cursor)
        guard !cursor.isAtEnd else {
            module.tables.append(type)
            return
        }
        // A table with an initialiser expression (typed function references): `0x40 0x00` announces it.
        module.tables.append([0x40, 0x00] + type + (try constantExpression(&cursor)))
    }

    private mutating func memoryField(_ cursor: inout Cursor) throws(TextError) {
        _ = cursor.optionalIdentifier()
        let index = nextMemory
        nextMemory += 1
        try inlineExports(&cursor, kind: .memory, index: index)
        if var entry = try inlineImport(&cursor) {
            entry.append(ExternalKind.memory.rawValue)
            entry.append(contentsOf: try memoryType(&cursor))
            try cursor.requireEnd()
            module.imports.append(entry)
            return
        }
        let is64 = try addressType(&cursor)
        if cursor.peekHead == "data" {
            // `(memory (data "..."))`: just large enough for its inline segment.
            var inner = Cursor(cursor.next()!, skip: 1)
            try cursor.requireEnd()
            var bytes: [UInt8] = []
            while let item = inner.next() {
                guard let string = item.stringBytes else { throw item.unexpected }
                bytes.append(contentsOf: string)
            }
            let pages = (UInt64(bytes.count) + 0xFFFF) / 0x10000
            module.memories.append(encodeLimits(minimum: pages, maximum: pages, is64: is64))
            var writer = BinaryWriter()
            if index == 0 {
                writer.byte(0x00)
            } else {
                writer.byte(0x02)
                writer.u32(index)
            }
            writer.append(is64 ? [0x42, 0x00, 0x0B] : [0x41, 0x00, 0x0B])
            writer.sized(bytes)
            module.data.append(writer.bytes)
            return
        }
        let limits = try self.limits(&cursor, is64: is64)
        try cursor.requireEnd()
        module.memories.append(limits)
    }

    private mutating func globalField(_ cursor: inout Cursor) throws(TextError) {
        _ = cursor.optionalIdentifier()
        let index = nextGlobal
        nextGlobal += 1
        try inlineExports(&cursor, kind: .global, index: index)
        if var entry = try inlineImport(&cursor) {
            entry.append(ExternalKind.global.rawValue)
            entry.append(contentsOf: try globalType(try cursor.require()))
            try cursor.requireEnd()
            module.imports.append(entry)
            return
        }
        let type = try globalType(try cursor.require())
        module.globals.append(type + (try constantExpression(&cursor)))
    }

    /// `(tag $id? (export ...)* (import ...)? typeuse)`.
    private mutating func tagField(_ cursor: inout Cursor) throws(TextError) {
        _ = cursor.optionalIdentifier()
        let index = nextTag
        nextTag += 1
        while cursor.peekHead == "export" {
            var inner = Cursor(cursor.next()!, skip: 1)
            let name = try inner.requireName()
            try inner.requireEnd()
            appendExport(name, kindByte: 0x04, index: index)
        }
        if var entry = try inlineImport(&cursor) {
            entry.append(0x04)
            entry.append(contentsOf: try tagType(&cursor))
            try cursor.requireEnd()
            module.imports.append(entry)
            return
        }
        module.tags.append(try tagType(&cursor))
        try cursor.requireEnd()
    }

    /// A tag's type: attribute 0 (exception) and a type use.
    mutating func tagType(_ cursor: inout Cursor) throws(TextError) -> [UInt8] {
        var writer = BinaryWriter()
        writer.byte(0x00)
        writer.u32(try typeUse(&cursor, allowsNames: false).index)
        return writer.bytes
    }

    private mutating func exportField(_ cursor: inout Cursor) throws(TextError) {
        let name = try cursor.requireName()
        let descriptor = try cursor.require()
        try cursor.requireEnd()
        var inner = Cursor(descriptor, skip: 1)
        let kind: ExternalKind
        let index: UInt32
        if descriptor.head == "tag" {
            let tag = try self.index(try inner.require(), in: tags)
            try inner.requireEnd()
            appendExport(name, kindByte: 0x04, index: tag)
            return
        }
        switch descriptor.head {
        case "func":
            kind = .function
            index = try self.index(try inner.require(), in: functions)
        case "table":
            kind = .table
            index = try self.index(try inner.require(), in: tables)
        case "memory":
            kind = .memory
            index = try self.index(try inner.require(), in: memories)
        case "global":
            kind = .global
            index = try self.index(try inner.require(), in: globals)
        default:
            throw (descriptor.elements.first ?? descriptor).unexpected
        }
        try inner.requireEnd()
        appendExport(name, kind: kind, index: index)
    }

    /// A constant expression: the rest of `cursor` as instructions, then `end`.
    mutating func constantExpression(_ cursor: inout Cursor) throws(TextError) -> [UInt8] {
        var context = InstructionContext()
        var writer = BinaryWriter()
        try instructions(&cursor, &context, into: &writer)
        writer.opcode(.end)
        return writer.bytes
    }
}
