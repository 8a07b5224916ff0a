/// Decodes a binary module: the header, every section in the required order, and the checks that span
/// sections (function and code counts, data count).
///
/// Function bodies and constant expressions are not interpreted: they are kept as byte ranges for the
/// validator, which reads each instruction exactly once. The decoder rejects only what no feature set could
/// accept (malformed bytes) and encodings of proposals the engine never implements (`.unsupportedFeature`);
/// what depends on the chosen `Features` (several memories, `externref`, ...) is the validator's job.
///
/// - Throws: `DecodeError` with the spec's wording and the byte offset of the problem.
func decodeModule(_ bytes: [UInt8], features: Features) throws(DecodeError) -> ParsedModule {
    var decoder = ModuleDecoder(bytes: bytes, features: features)
    try decoder.decode()
    return decoder.module
}

/// The binary section ids.
enum SectionID: UInt8, Sendable {
    case custom = 0
    case type = 1
    case `import` = 2
    case function = 3
    case table = 4
    case memory = 5
    case global = 6
    case export = 7
    case start = 8
    case element = 9
    case code = 10
    case data = 11
    case dataCount = 12
    case tag = 13

    /// The position of the section in the required order (custom sections excepted).
    ///
    /// The order is not the id order: data count comes between element and code, and the tag section
    /// between memory and global.
    var rank: Int {
        switch self {
        case .custom: 0
        case .type: 1
        case .import: 2
        case .function: 3
        case .table: 4
        case .memory: 5
        case .tag: 6
        case .global: 7
        case .export: 8
        case .start: 9
        case .element: 10
        case .dataCount: 11
        case .code: 12
        case .data: 13
        }
    }
}

/// The state of one decoding run.
///
/// Reads are bounded by the end of the module, not by the end of the current section, and each section's
/// declared size is compared with what its decoding consumed. This is how the spec's reference decoder
/// works, and the spec suite's expected messages depend on it: a count that claims one entry too many reads
/// into the next section and fails there ("length out of bounds", "unexpected end of section or function"),
/// not at the section boundary.
struct ModuleDecoder {
    var reader: ByteReader
    var module: ParsedModule
    let features: Features
    /// One past the last byte of the section being decoded (its declared end).
    var sectionEnd = 0

    /// The most locals (beyond the parameters) one function may declare; more is "too many locals".
    ///
    /// The spec's own limit is 2^32 - 1; this engine keeps frames small and their size predictable.
    static let maxLocals: UInt64 = 50_000

    init(bytes: [UInt8], features: Features) {
        reader = ByteReader(bytes)
        module = ParsedModule(bytes: bytes)
        self.features = features
    }

    var bytes: [UInt8] { reader.bytes }

    /// The capacity to reserve for `count` entries of the current section: at most the bytes left
    /// in it, since every entry takes at least one.
    ///
    /// A count is only checked against the bytes left in the *module* (reads may run on past the
    /// section, as the spec's decoder does), so reserving it as given let a few bytes claiming
    /// millions of entries allocate for all of them (tens of bytes each) before the first was read.
    func capacity(for count: Int) -> Int { min(count, max(0, sectionEnd - reader.offset)) }

    mutating func decode() throws(DecodeError) {
        try decodeHeader()
        reader.endReason = .unexpectedEndOfSectionOrFunction
        do {
            try decodeSections()
        } catch {
            // The spec's decoder reads each body's instructions as it meets them, so a malformed body is
            // reported before anything that follows it. This scan runs only on the failure path.
            throw firstMalformedBody(before: error.offset) ?? error
        }
    }

    /// Reads the sections, then checks the counts that span them.
    private mutating func decodeSections() throws(DecodeError) {
        var lastRank = 0
        while !reader.isAtEnd {
            let idOffset = reader.offset
            let rawID = try reader.readByte()
            guard let id = SectionID(rawValue: rawID) else {
                throw DecodeError(.malformedSectionID(rawID), at: idOffset)
            }
            if id != .custom {
                // A duplicate or a section out of order: the spec's decoder stops reading sections here and
                // then finds bytes left over.
                guard id.rank > lastRank else { throw DecodeError(.unexpectedContentAfterLastSection, at: idOffset) }
                lastRank = id.rank
            }
            let size = try reader.readLength()
            let contentStart = reader.offset
            sectionEnd = contentStart + size

            switch id {
            case .custom: try decodeCustomSection(end: sectionEnd)
            case .type: try decodeTypeSection()
            case .import: try decodeImportSection()
            case .function: try decodeFunctionSection()
            case .table: try decodeTableSection()
            case .memory: try decodeMemorySection()
            case .tag: try decodeTagSection()
            case .global: try decodeGlobalSection()
            case .export: try decodeExportSection()
            case .start:
                module.offsets.start = reader.offset
                module.start = try reader.readU32()
            case .element: try decodeElementSection()
            case .dataCount: module.dataCount = try reader.readU32()
            case .code: try decodeCodeSection()
            case .data: try decodeDataSection()
            }
            guard reader.offset == sectionEnd else { throw DecodeError(.sectionSizeMismatch, at: contentStart) }
        }

        guard module.functionTypeIndices.count == module.bodies.count else {
            throw DecodeError(.functionAndCodeSectionInconsistent, at: bytes.count)
        }
        if let dataCount = module.dataCount, Int(dataCount) != module.data.count {
            throw DecodeError(.dataCountAndDataSectionInconsistent, at: bytes.count)
        }
    }

    /// The first of the decoded bodies that start before `offset` whose instructions are malformed, as
    /// the spec's decoder would have found while reading them: an illegal opcode, a bad LEB128, a misplaced
    /// `else`, instructions that run out, or a final `end` that is not the body's last byte.
    ///
    /// Bodies are otherwise left to the validator; this exists so that a module that is malformed both in
    /// a body and after it gets the message of the earlier problem.
    func firstMalformedBody(before offset: Int) -> DecodeError? {
        for body in module.bodies where body.code.lowerBound < offset {
            var scanner = ByteReader(bytes, offset: body.code.lowerBound)
            scanner.endReason = .unexpectedEndOfSectionOrFunction
            do {
                try InstructionSkipper.skipExpression(&scanner)
            } catch {
                return error
            }
            if scanner.offset != body.code.upperBound {
                return DecodeError(.sectionSizeMismatch, at: body.code.lowerBound)
            }
        }
        return nil
    }

    private mutating func decodeHeader() throws(DecodeError) {
        // The magic is checked before the version, and a short module is "unexpected end" either way.
        let magic = try reader.readFixedU32()
        guard magic == 0x6D73_6100 else { throw DecodeError(.magicHeaderNotDetected, at: 0) }
        let version = try reader.readFixedU32()
        guard version == 1 else { throw DecodeError(.unknownBinaryVersion, at: 4) }
    }

    /// A custom section: its name, then a payload that runs to the declared end of the section.
    private mutating func decodeCustomSection(end sectionEnd: Int) throws(DecodeError) {
        let name = try reader.readName()
        let payloadStart = reader.offset
        // The name may claim more than the section holds, and the section more than the module holds.
        guard payloadStart <= sectionEnd, sectionEnd <= bytes.count else {
            throw DecodeError(.unexpectedEndOfSectionOrFunction, at: min(sectionEnd, bytes.count))
        }
        reader.offset = sectionEnd
        module.customSections.append(CustomSection(name: name, payload: payloadStart..<sectionEnd))
        if name == "name" && module.names == nil {
            module.names = NameSection(parsing: bytes, payload: payloadStart..<sectionEnd)
        }
    }
}
