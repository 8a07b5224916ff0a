/// Value types and heap types in the binary format, shared by the module decoder and the body reader.
///
/// Typed references are `0x64 ht` (`(ref ht)`) and `0x63 ht` (`(ref null ht)`); a heap type is an s33:
/// negative for the abstract types (one byte, the code), non-negative for a type index. Whether the
/// module may use them is validation's question (`BodyReader.checkValueType`), so a module in a narrower
/// profile is told which proposal it needs.
extension ByteReader {
    /// Reads a value type: one byte, or `0x63`/`0x64` and a heap type.
    ///
    /// `malformed` is the reason for a byte that is no type at all (a value type or a reference type is
    /// expected, depending on the place).
    mutating func readValueType(malformed: (UInt8) -> DecodeError.Reason) throws(DecodeError) -> ValueType {
        let offset = self.offset
        let byte = try readByte()
        if let type = ValueType(code: byte) { return type }
        if byte == 0x63 || byte == 0x64 { return .ref(try readHeapType(), nullable: byte == 0x63) }
        throw DecodeError(ModuleDecoder.unknownTypeReason(byte) ?? malformed(byte), at: offset)
    }

    /// Reads a heap type (s33): an abstract type's code or a type index.
    mutating func readHeapType() throws(DecodeError) -> HeapType {
        let offset = self.offset
        let value = try readS33()
        if value >= 0 { return .concrete(UInt32(value)) }
        let code = UInt8(truncatingIfNeeded: value) & 0x7F
        if value >= -64, let heap = HeapType(abstractCode: code) { return heap }
        switch code {
        // any, eq, i31, struct, array, none: the GC proposal's heap types.
        case 0x6E, 0x6D, 0x6C, 0x6B, 0x6A, 0x71: throw DecodeError(.unsupportedFeature(.gc), at: offset)
        default: throw DecodeError(.malformedReferenceType(code), at: offset)
        }
    }
}
