/// Value types, reference types, limits and the other type encodings shared by several sections.
extension ModuleDecoder {
    /// Reads a value type (typed references included; validation gates them by feature).
    ///
    /// Encodings of proposals the engine never implements (GC) are reported as unsupported rather than
    /// malformed, so the message names the proposal.
    mutating func readValueType() throws(DecodeError) -> ValueType {
        try reader.readValueType(malformed: { .malformedValueType($0) })
    }

    /// Reads a reference type (`funcref`, `externref`, `exnref` or `(ref null? ht)`).
    mutating func readReferenceType() throws(DecodeError) -> ValueType {
        let offset = reader.offset
        let type = try reader.readValueType(malformed: { .malformedReferenceType($0) })
        guard type.isReference else {
            throw DecodeError(.malformedReferenceType(type.shortCode ?? 0), at: offset)
        }
        return type
    }

    /// The reason for a type byte that is not a supported value type but belongs to a known proposal.
    static func unknownTypeReason(_ byte: UInt8) -> DecodeError.Reason? {
        switch byte {
        // anyref, eqref, i31ref, structref, arrayref, nullref
        case 0x6E, 0x6D, 0x6C, 0x6B, 0x6A, 0x71:
            .unsupportedFeature(.gc)
        default:
            nil
        }
    }

    /// Reads the flags byte and the bounds of a table's or a memory's limits.
    ///
    /// Flags: bit 0 announces a maximum; bit 1 (shared) is threads, bit 2 a 64-bit index type (memory64);
    /// both are never supported. Bit 3 is the custom-page-sizes proposal, which core WebAssembly 3.0 and
    /// the spec suite (`binary.wast`) treat as malformed; the engine does too. Any other bit, including a
    /// LEB128 continuation bit, is "malformed limits flags".
    ///
    /// Bounds are read as u64, as WebAssembly 3.0 encodes them for both index types (the suite's
    /// `binary-leb128.wast` expects u64 LEB128 errors here); the validator checks that they fit the type
    /// ("memory size must be at most 65536 pages", "table size must be at most 2^32-1").
    mutating func readLimits() throws(DecodeError) -> Limits {
        let flagsOffset = reader.offset
        let flags = try reader.readByte()
        guard flags & ~0x07 == 0 else { throw DecodeError(.malformedLimitsFlags(flags), at: flagsOffset) }
        if flags & 0x02 != 0 { throw DecodeError(.unsupportedFeature(.threads), at: flagsOffset) }
        if flags & 0x04 != 0 { throw DecodeError(.unsupportedFeature(.memory64), at: flagsOffset) }
        let min = try reader.readU64()
        let max = flags & 0x01 != 0 ? try reader.readU64() : nil
        return Limits(min: min, max: max)
    }

    /// Reads a table type: a reference type and limits.
    mutating func readTableType() throws(DecodeError) -> TableType {
        let elementType = try readReferenceType()
        let limits = try readLimits()
        return TableType(elementType: elementType, limits: limits)
    }

    /// Reads a memory type: limits in 64 KiB pages.
    mutating func readMemoryType() throws(DecodeError) -> MemoryType {
        MemoryType(limits: try readLimits())
    }

    /// Reads a mutability byte: 0 constant, 1 variable.
    mutating func readMutability() throws(DecodeError) -> Bool {
        let offset = reader.offset
        let byte = try reader.readByte()
        switch byte {
        case 0x00: return false
        case 0x01: return true
        default: throw DecodeError(.malformedMutability(byte), at: offset)
        }
    }

    /// Reads a global type: a value type and a mutability byte.
    mutating func readGlobalType() throws(DecodeError) -> GlobalType {
        let valueType = try readValueType()
        let isMutable = try readMutability()
        return GlobalType(valueType: valueType, isMutable: isMutable)
    }

    /// Reads a vector of value types (a function type's parameters or results).
    mutating func readResultType() throws(DecodeError) -> [ValueType] {
        let count = try reader.readLength()
        var types: [ValueType] = []
        types.reserveCapacity(capacity(for: count))
        for _ in 0..<count { types.append(try readValueType()) }
        return types
    }

    /// Reads one entry of the type section.
    ///
    /// Only function types (`0x60`) are supported. The GC proposal's composite types are recognised so
    /// that they are reported as unsupported; an array's or a struct's field types are decoded first, so
    /// a malformed field (such as a bad mutability byte) is reported as malformed, as the spec suite expects.
    mutating func readFunctionType() throws(DecodeError) -> FunctionType {
        let offset = reader.offset
        let form = try reader.readByte()
        switch form {
        case 0x80...:
            // The form is an s7: one byte. A continuation bit (`0xE0 0x7F` for -0x20) makes it too long.
            throw DecodeError(.integerRepresentationTooLong, at: offset + 1)
        case 0x60:
            let parameters = try readResultType()
            let results = try readResultType()
            return FunctionType(parameters: parameters, results: results)
        case 0x5E:  // array
            try skipFieldType()
            throw DecodeError(.unsupportedFeature(.gc), at: offset)
        case 0x5F:  // struct
            let count = try reader.readLength()
            for _ in 0..<count { try skipFieldType() }
            throw DecodeError(.unsupportedFeature(.gc), at: offset)
        case 0x4E, 0x50, 0x4F, 0x4D, 0x4C:  // rec, sub, sub final, descriptor, describes
            throw DecodeError(.unsupportedFeature(.gc), at: offset)
        default:
            throw DecodeError(.malformedFunctionType(form), at: offset)
        }
    }

    /// Reads a GC field type (storage type and mutability) only to check it is well formed.
    private mutating func skipFieldType() throws(DecodeError) {
        let byte = try reader.peekByte()
        if byte == 0x78 || byte == 0x77 {  // packed i8, i16
            reader.offset += 1
        } else {
            _ = try readValueType()
        }
        _ = try readMutability()
    }
}
