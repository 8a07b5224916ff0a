/// The sections that declare things: type, import, function, table, memory, global, export, and the code
/// section's framing (locals and body ranges).
extension ModuleDecoder {
    mutating func decodeTypeSection() throws(DecodeError) {
        let count = try reader.readLength()
        module.types.reserveCapacity(capacity(for: count))
        for _ in 0..<count {
            module.offsets.types.append(reader.offset)
            module.types.append(try readFunctionType())
        }
    }

    mutating func decodeImportSection() throws(DecodeError) {
        let count = try reader.readLength()
        module.imports.reserveCapacity(capacity(for: count))
        for _ in 0..<count {
            module.offsets.imports.append(reader.offset)
            let moduleName = try reader.readName()
            let name = try reader.readName()
            let kindOffset = reader.offset
            let kind = try reader.readByte()
            let descriptor: ImportDescriptor
            switch kind {
            case 0x00: descriptor = .function(typeIndex: try reader.readU32())
            case 0x01: descriptor = .table(try readTableType())
            case 0x02: descriptor = .memory(try readMemoryType())
            case 0x03: descriptor = .global(try readGlobalType())
            case 0x04: descriptor = .tag(typeIndex: try readTagType())
            default: throw DecodeError(.malformedImportKind(kind), at: kindOffset)
            }
            module.imports.append(Import(module: moduleName, name: name, descriptor: descriptor))
        }
    }

    mutating func decodeFunctionSection() throws(DecodeError) {
        let count = try reader.readLength()
        module.functionTypeIndices.reserveCapacity(capacity(for: count))
        for _ in 0..<count {
            module.offsets.functions.append(reader.offset)
            module.functionTypeIndices.append(try reader.readU32())
        }
    }

    mutating func decodeTableSection() throws(DecodeError) {
        let count = try reader.readLength()
        module.tables.reserveCapacity(capacity(for: count))
        for _ in 0..<count {
            module.offsets.tables.append(reader.offset)
            // `0x40 0x00` introduces a table with an initialiser expression (typed function references).
            if try reader.peekByte() == 0x40 {
                let formOffset = reader.offset
                reader.offset += 1
                let reserved = try reader.readByte()
                guard reserved == 0 else { throw DecodeError(.malformedZeroByte, at: formOffset + 1) }
                module.tables.append(try readTableType())
                module.tableInitializers.append(try readConstExpr())
            } else {
                module.tables.append(try readTableType())
                module.tableInitializers.append(nil)
            }
        }
    }

    mutating func decodeMemorySection() throws(DecodeError) {
        let count = try reader.readLength()
        module.memories.reserveCapacity(capacity(for: count))
        for _ in 0..<count {
            module.offsets.memories.append(reader.offset)
            module.memories.append(try readMemoryType())
        }
    }

    mutating func decodeTagSection() throws(DecodeError) {
        let count = try reader.readLength()
        module.tags.reserveCapacity(capacity(for: count))
        for _ in 0..<count {
            module.offsets.tags.append(reader.offset)
            module.tags.append(try readTagType())
        }
    }

    /// Reads a tag type: the attribute byte (0, an exception) and a type index.
    mutating func readTagType() throws(DecodeError) -> UInt32 {
        let offset = reader.offset
        let attribute = try reader.readByte()
        guard attribute == 0 else { throw DecodeError(.malformedTagAttribute(attribute), at: offset) }
        return try reader.readU32()
    }

    mutating func decodeGlobalSection() throws(DecodeError) {
        let count = try reader.readLength()
        module.globals.reserveCapacity(capacity(for: count))
        for _ in 0..<count {
            module.offsets.globals.append(reader.offset)
            let type = try readGlobalType()
            let initializer = try readConstExpr()
            module.globals.append(GlobalDefinition(type: type, initializer: initializer))
        }
    }

    mutating func decodeExportSection() throws(DecodeError) {
        let count = try reader.readLength()
        module.exports.reserveCapacity(capacity(for: count))
        for _ in 0..<count {
            module.offsets.exports.append(reader.offset)
            let name = try reader.readName()
            let kindOffset = reader.offset
            let rawKind = try reader.readByte()
            guard let kind = ExternalKind(rawValue: rawKind) else {
                throw DecodeError(.malformedExportKind(rawKind), at: kindOffset)
            }
            let index = try reader.readU32()
            module.exports.append(Export(name: name, kind: kind, index: index))
        }
    }

    /// The code section: for each function, its size, its locals, and the byte range of its instructions.
    ///
    /// The instructions are left to the validator, which reads them exactly as the spec's decoder does:
    /// bounded by the end of the module rather than by the body's declared size, and then requiring the
    /// function's final `end` to be the body's last byte ("section size mismatch" otherwise). Which message a
    /// body with a missing or misplaced `end` gets depends on the bytes after it ("END opcode expected",
    /// "unexpected end of section or function", "section size mismatch", or an error in an immediate that
    /// straddles the boundary), so only a reader that goes on past the boundary reproduces the suite's texts.
    mutating func decodeCodeSection() throws(DecodeError) {
        let count = try reader.readLength()
        module.bodies.reserveCapacity(capacity(for: count))
        module.bodyOffsets.reserveCapacity(capacity(for: count))
        for _ in 0..<count {
            let entryOffset = reader.offset
            let size = try reader.readLength()
            let bodyStart = reader.offset
            let bodyEnd = bodyStart + size

            let localsOffset = reader.offset
            let groupCount = try reader.readLength()
            var locals: [(count: UInt32, type: ValueType)] = []
            locals.reserveCapacity(capacity(for: groupCount))
            var localCount: UInt64 = 0
            for _ in 0..<groupCount {
                let n = try reader.readU32()
                let type = try readValueType()
                locals.append((n, type))
                localCount += UInt64(n)
                // Checked per group, so the sum never grows past 2^32 + 50,000.
                guard localCount <= Self.maxLocals else { throw DecodeError(.tooManyLocals, at: localsOffset) }
            }
            // Locals that run past the body: the spec's decoder would go on reading and find the body longer
            // than declared.
            guard reader.offset <= bodyEnd else { throw DecodeError(.sectionSizeMismatch, at: bodyStart) }
            guard bodyEnd <= bytes.count else { throw DecodeError(.unexpectedEndOfSectionOrFunction, at: bytes.count) }

            module.bodies.append(FunctionBody(locals: locals, localCount: localCount, code: reader.offset..<bodyEnd))
            module.bodyOffsets.append(entryOffset)
            reader.offset = bodyEnd
        }
    }
}
