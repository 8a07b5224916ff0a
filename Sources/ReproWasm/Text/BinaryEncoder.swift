/// A place in the text that produced the bytes from `offset` on: the binary encoding's source map.
struct TextMark: Equatable, Sendable {
    var offset: Int
    var line: Int
    var column: Int
}

/// Appends the binary format's primitive encodings: bytes, LEB128 integers, vectors, names.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []
    /// Where the text of each instruction written so far starts (offsets into `bytes`).
    private(set) var marks: [TextMark] = []

    /// Notes that what is written next comes from `node`.
    mutating func mark(_ node: SExpression) {
        marks.append(TextMark(offset: bytes.count, line: node.line, column: node.column))
    }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    /// Unsigned LEB128, shortest form.
    mutating func u64(_ value: UInt64) {
        var rest = value
        repeat {
            let low = UInt8(rest & 0x7F)
            rest >>= 7
            bytes.append(rest == 0 ? low : low | 0x80)
        } while rest != 0
    }

    mutating func u32(_ value: UInt32) { u64(UInt64(value)) }

    /// Signed LEB128, shortest form.
    mutating func s64(_ value: Int64) {
        var rest = value
        while true {
            let low = UInt8(truncatingIfNeeded: rest & 0x7F)
            rest >>= 7  // arithmetic shift keeps the sign
            let done = (rest == 0 && low & 0x40 == 0) || (rest == -1 && low & 0x40 != 0)
            bytes.append(done ? low : low | 0x80)
            if done { return }
        }
    }

    /// A vector length and then the bytes: names, data, nested sections.
    mutating func sized(_ content: [UInt8]) {
        u32(UInt32(content.count))
        bytes.append(contentsOf: content)
    }

    /// Little-endian fixed-width bits (float constants).
    mutating func fixed(_ value: UInt64, byteCount: Int) {
        for index in 0..<byteCount { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(index * 8))) }
    }

    /// An opcode as the opcode table encodes it.
    mutating func opcode(_ opcode: Opcode) {
        switch opcode.info.encoding {
        case .byte(let value): byte(value)
        case .prefixed(let prefix, let subOpcode):
            byte(prefix)
            u32(subOpcode)
        }
    }
}

/// A module's contents as the text parser collects them, each entry already in its binary form, ready
/// to be framed into sections.
struct TextModule {
    var types: [TextFunctionType] = []
    /// Encoded import entries (module name, field name, descriptor).
    var imports: [[UInt8]] = []
    /// Type indices of the defined functions.
    var functions: [UInt32] = []
    var tables: [[UInt8]] = []
    var memories: [[UInt8]] = []
    /// Exception tags (attribute byte and type index): encoded so that the decoder can name the
    /// exception-handling proposal, which the engine does not implement.
    var tags: [[UInt8]] = []
    var globals: [[UInt8]] = []
    var exports: [[UInt8]] = []
    var start: UInt32?
    var elements: [[UInt8]] = []
    /// Whether a body uses `memory.init` or `data.drop`: they need the data count section.
    var usesDataCount = false
    /// Encoded code entries (locals and instructions, without the size prefix).
    var codes: [[UInt8]] = []
    var data: [[UInt8]] = []
    /// Per code entry: where its instructions' text is, as offsets into the entry's bytes.
    var codeMarks: [[TextMark]] = []
    /// Per section, per entry: the module field (or instruction) whose text made it.
    var entryMarks: [SectionID: [TextMark]] = [:]
    /// `(module $name ...)` or the module's `@name`, for the name section.
    var name: [UInt8]?
    /// The `@custom` annotations' sections, in text order.
    var customSections: [TextCustomSection] = []
    /// Function identifiers by function index, for the name section.
    var functionNames: [(index: UInt32, name: [UInt8])] = []
    /// Other identifiers for the name section, by subsection id (types 4, tables 5, memories 6,
    /// globals 7, element segments 8, data segments 9, tags 11), as wasm-tools writes them.
    var otherNames: [UInt8: [(index: UInt32, name: [UInt8])]] = [:]
    /// Local identifiers (subsection 2) and block labels by block number (subsection 3), per function.
    var localNames: [(function: UInt32, names: [(index: UInt32, name: [UInt8])])] = []
    var labelNames: [(function: UInt32, names: [(index: UInt32, name: [UInt8])])] = []
}

extension TextModule {
    /// How many entries each section has so far.
    var entryCounts: [SectionID: Int] {
        [
            .type: types.count, .import: imports.count, .function: functions.count, .table: tables.count,
            .memory: memories.count, .tag: tags.count, .global: globals.count, .export: exports.count,
            .element: elements.count, .code: codes.count, .data: data.count,
        ]
    }

    /// Records `node` as the text of every entry that has no text position yet (those added since
    /// `before` was taken, while `node` was read).
    mutating func markNewEntries(since before: [SectionID: Int], _ node: SExpression) {
        let mark = TextMark(offset: 0, line: node.line, column: node.column)
        for (section, count) in entryCounts where count > before[section] ?? 0 {
            let marks = entryMarks[section] ?? []
            guard count > marks.count else { continue }
            entryMarks[section] = marks + Array(repeating: mark, count: count - marks.count)
        }
    }
}

/// Turns collected module contents into a binary module: header, then each non-empty section in the
/// required order, then a `name` section if the text named the module or its functions.
enum BinaryEncoder {
    /// The standard sections in binary order; `@custom` placements name the gaps between them.
    static let sectionOrder: [SectionID] = [
        .type, .import, .function, .table, .memory, .tag, .global, .export, .start, .element, .dataCount, .code,
        .data,
    ]

    static func encode(_ module: TextModule) -> [UInt8] { encodeWithSourceMap(module).bytes }

    /// The binary module, and for each entry and each instruction of code the byte offset where it
    /// starts with the text position it came from, in offset order.
    static func encodeWithSourceMap(_ module: TextModule) -> (bytes: [UInt8], sourceMap: [TextMark]) {
        var out = BinaryWriter()
        out.append([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00])
        var sourceMap: [TextMark] = []

        func section(_ id: SectionID, _ entries: [[UInt8]]) {
            guard !entries.isEmpty else { return }
            var content = BinaryWriter()
            content.u32(UInt32(entries.count))
            var starts: [Int] = []
            for entry in entries {
                starts.append(content.bytes.count)
                content.append(entry)
            }
            out.byte(id.rawValue)
            var size = BinaryWriter()
            size.u32(UInt32(content.bytes.count))
            let base = out.bytes.count + size.bytes.count
            let marks = module.entryMarks[id] ?? []
            for (index, start) in starts.enumerated() {
                if index < marks.count {
                    sourceMap.append(
                        TextMark(offset: base + start, line: marks[index].line, column: marks[index].column))
                }
                // A code entry is its size, then the body whose instructions were marked.
                if id == .code, index < module.codeMarks.count {
                    var prefix = BinaryWriter()
                    prefix.u32(UInt32(module.codes[index].count))
                    let body = base + start + prefix.bytes.count
                    for mark in module.codeMarks[index] {
                        sourceMap.append(TextMark(offset: body + mark.offset, line: mark.line, column: mark.column))
                    }
                }
            }
            out.sized(content.bytes)
        }

        /// The `@custom` sections of one gap: those placed after the section before it, then those placed
        /// before the next one, each in text order.
        func customSections(before next: SectionID?) {
            let slot = next.flatMap { sectionOrder.firstIndex(of: $0) } ?? sectionOrder.count
            for isAfter in [true, false] {
                for custom in module.customSections where custom.slot == slot && custom.isAfter == isAfter {
                    var content = BinaryWriter()
                    content.sized(custom.name)
                    content.append(custom.content)
                    out.byte(SectionID.custom.rawValue)
                    out.sized(content.bytes)
                }
            }
        }

        customSections(before: .type)
        section(.type, module.types.map(encodeFunctionType))
        customSections(before: .import)
        section(.import, module.imports)
        customSections(before: .function)
        section(
            .function,
            module.functions.map { index in
                var writer = BinaryWriter()
                writer.u32(index)
                return writer.bytes
            })
        customSections(before: .table)
        section(.table, module.tables)
        customSections(before: .memory)
        section(.memory, module.memories)
        customSections(before: .tag)
        section(.tag, module.tags)
        customSections(before: .global)
        section(.global, module.globals)
        customSections(before: .export)
        section(.export, module.exports)
        customSections(before: .start)
        if let start = module.start {
            var content = BinaryWriter()
            content.u32(start)
            out.byte(SectionID.start.rawValue)
            out.sized(content.bytes)
        }
        customSections(before: .element)
        section(.element, module.elements)
        customSections(before: .dataCount)
        if module.usesDataCount {
            var content = BinaryWriter()
            content.u32(UInt32(module.data.count))
            out.byte(SectionID.dataCount.rawValue)
            out.sized(content.bytes)
        }
        customSections(before: .code)
        section(
            .code,
            module.codes.map { body in
                var writer = BinaryWriter()
                writer.sized(body)
                return writer.bytes
            })
        customSections(before: .data)
        section(.data, module.data)
        customSections(before: nil)
        if let names = encodeNames(module) {
            var content = BinaryWriter()
            content.sized(Array("name".utf8))
            content.append(names)
            out.byte(SectionID.custom.rawValue)
            out.sized(content.bytes)
        }
        return (out.bytes, sourceMap)
    }

    static func encodeFunctionType(_ type: TextFunctionType) -> [UInt8] {
        var writer = BinaryWriter()
        writer.byte(0x60)
        writer.u32(UInt32(type.parameters.count))
        for parameter in type.parameters { writer.append(parameter.encoding) }
        writer.u32(UInt32(type.results.count))
        for result in type.results { writer.append(result.encoding) }
        return writer.bytes
    }

    /// The `name` section's payload: subsection 0 (module name), 1 (function names, by index) and the
    /// name maps of the other index spaces, in subsection order.
    private static func encodeNames(_ module: TextModule) -> [UInt8]? {
        guard
            module.name != nil || !module.functionNames.isEmpty || !module.otherNames.isEmpty
                || !module.localNames.isEmpty || !module.labelNames.isEmpty
        else { return nil }
        var writer = BinaryWriter()
        if let name = module.name {
            var sub = BinaryWriter()
            sub.sized(name)
            writer.byte(0)
            writer.sized(sub.bytes)
        }
        if !module.functionNames.isEmpty {
            var sub = BinaryWriter()
            sub.u32(UInt32(module.functionNames.count))
            for entry in module.functionNames.sorted(by: { $0.index < $1.index }) {
                sub.u32(entry.index)
                sub.sized(entry.name)
            }
            writer.byte(1)
            writer.sized(sub.bytes)
        }
        for (id, maps) in [(UInt8(2), module.localNames), (3, module.labelNames)] where !maps.isEmpty {
            var sub = BinaryWriter()
            sub.u32(UInt32(maps.count))
            for map in maps.sorted(by: { $0.function < $1.function }) {
                sub.u32(map.function)
                sub.u32(UInt32(map.names.count))
                for entry in map.names.sorted(by: { $0.index < $1.index }) {
                    sub.u32(entry.index)
                    sub.sized(entry.name)
                }
            }
            writer.byte(id)
            writer.sized(sub.bytes)
        }
        for (id, names) in module.otherNames.sorted(by: { $0.key < $1.key }) where !names.isEmpty {
            var sub = BinaryWriter()
            sub.u32(UInt32(names.count))
            for entry in names.sorted(by: { $0.index < $1.index }) {
                sub.u32(entry.index)
                sub.sized(entry.name)
            }
            writer.byte(id)
            writer.sized(sub.bytes)
        }
        return writer.bytes
    }
}
