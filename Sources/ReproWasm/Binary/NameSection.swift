/// Parsing of the `name` custom section (module name, function names, local names).
extension NameSection {
    /// Parses the payload of a `name` custom section, or returns nil when it is malformed.
    ///
    /// Custom sections never make a module invalid, so a malformed name section is dropped whole rather than
    /// reported. Subsections other than 0 (module), 1 (functions) and 2 (locals) are skipped.
    init?(parsing bytes: [UInt8], payload: Range<Int>) {
        var reader = ByteReader(bytes, offset: payload.lowerBound, end: payload.upperBound)
        guard let section = try? Self.parse(&reader) else { return nil }
        self = section
    }

    private static func parse(_ reader: inout ByteReader) throws(DecodeError) -> NameSection {
        var section = NameSection()
        while !reader.isAtEnd {
            let id = try reader.readByte()
            let size = try reader.readLength()
            let end = reader.offset + size
            guard end <= reader.end else { throw DecodeError(.unexpectedEnd, at: reader.offset) }
            var sub = ByteReader(reader.bytes, offset: reader.offset, end: end)
            switch id {
            case 0: section.moduleName = try sub.readName()
            case 1: section.functionNames = try readNameMap(&sub)
            case 2:
                let count = try sub.readLength()
                for _ in 0..<count {
                    let function = try sub.readU32()
                    section.localNames[function] = try readNameMap(&sub)
                }
            default: sub.offset = end
            }
            guard sub.offset == end else { throw DecodeError(.sectionSizeMismatch, at: sub.offset) }
            reader.offset = end
        }
        return section
    }

    /// A name map: a vector of (index, name) pairs.
    private static func readNameMap(_ reader: inout ByteReader) throws(DecodeError) -> [UInt32: String] {
        let count = try reader.readLength()
        var names: [UInt32: String] = [:]
        names.reserveCapacity(count)
        for _ in 0..<count {
            let index = try reader.readU32()
            names[index] = try reader.readName()
        }
        return names
    }
}
