/// A cursor over a module's bytes with the spec's LEB128 rules.
///
/// Every read checks the bounds it was given (`end`, a section's or a body's end) and throws
/// `DecodeError` at the offset of the problem; nothing here can read past the buffer.
struct ByteReader {
    let bytes: [UInt8]
    /// The next byte to read.
    var offset: Int
    /// One past the last byte this reader may read.
    var end: Int
    /// The error used when `end` is reached: `unexpectedEnd` for the module, the section variant inside one.
    var endReason: DecodeError.Reason = .unexpectedEnd

    init(_ bytes: [UInt8], offset: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.end = end ?? bytes.count
    }

    var isAtEnd: Bool { offset >= end }
    var remaining: Int { end - offset }

    @inline(__always)
    mutating func readByte() throws(DecodeError) -> UInt8 {
        guard offset < end else { throw DecodeError(endReason, at: offset) }
        let byte = bytes[offset]
        offset += 1
        return byte
    }

    func peekByte() throws(DecodeError) -> UInt8 {
        guard offset < end else { throw DecodeError(endReason, at: offset) }
        return bytes[offset]
    }

    mutating func readBytes(_ count: Int) throws(DecodeError) -> Range<Int> {
        guard count >= 0, count <= end - offset else { throw DecodeError(endReason, at: offset) }
        defer { offset += count }
        return offset..<(offset + count)
    }

    /// Reads an unsigned LEB128 of at most `bits` bits.
    @inline(__always)
    mutating func readUnsigned(bits: Int) throws(DecodeError) -> UInt64 {
        let first = try readByte()
        if first < 0x80 { return UInt64(first) }
        return try readUnsignedSlow(first: first, bits: bits)
    }

    private mutating func readUnsignedSlow(first: UInt8, bits: Int) throws(DecodeError) -> UInt64 {
        var result = UInt64(first & 0x7F)
        var shift = 7
        let maxBytes = (bits + 6) / 7
        var count = 1
        while true {
            let start = offset
            let byte = try readByte()
            count += 1
            if count == maxBytes {
                // Last permitted byte: the unused high bits must be zero, and no continuation may follow.
                // The spec's decoder checks the payload bits first, so `0x90` here is "too large", not "too long".
                let usedBits = bits - shift
                if usedBits < 7 && ((byte & 0x7F) >> UInt8(usedBits)) != 0 {
                    throw DecodeError(.integerTooLarge, at: start)
                }
                if byte & 0x80 != 0 { throw DecodeError(.integerRepresentationTooLong, at: offset) }
                return result | (UInt64(byte) << UInt64(shift))
            }
            result |= UInt64(byte & 0x7F) << UInt64(shift)
            shift += 7
            if byte & 0x80 == 0 { return result }
        }
    }

    /// Reads a signed LEB128 of at most `bits` bits, sign-extended to 64 bits.
    @inline(__always)
    mutating func readSigned(bits: Int) throws(DecodeError) -> Int64 {
        var result: Int64 = 0
        var shift = 0
        let maxBytes = (bits + 6) / 7
        var count = 0
        while true {
            let start = offset
            let byte = try readByte()
            count += 1
            if count == maxBytes {
                let usedBits = bits - shift  // bits of the value carried by this byte, sign bit included
                if usedBits < 7 {
                    // The unused bits must all equal the sign bit (checked before the continuation bit, as
                    // the spec's decoder does).
                    let signAndUnused = Int8(bitPattern: byte << 1) >> Int8(usedBits)  // bits 6..(usedBits-1)
                    if signAndUnused != 0 && signAndUnused != -1 { throw DecodeError(.integerTooLarge, at: start) }
                }
                if byte & 0x80 != 0 { throw DecodeError(.integerRepresentationTooLong, at: offset) }
                result |= Int64(byte & 0x7F) << Int64(shift)
                shift += 7
                if shift < 64 && byte & 0x40 != 0 { result |= -1 << Int64(shift) }
                return result
            }
            result |= Int64(byte & 0x7F) << Int64(shift)
            shift += 7
            if byte & 0x80 == 0 {
                if shift < 64 && byte & 0x40 != 0 { result |= -1 << Int64(shift) }
                return result
            }
        }
    }

    mutating func readU32() throws(DecodeError) -> UInt32 { UInt32(truncatingIfNeeded: try readUnsigned(bits: 32)) }
    mutating func readU64() throws(DecodeError) -> UInt64 { try readUnsigned(bits: 64) }
    mutating func readS32() throws(DecodeError) -> Int32 { Int32(truncatingIfNeeded: try readSigned(bits: 32)) }
    mutating func readS33() throws(DecodeError) -> Int64 { try readSigned(bits: 33) }
    mutating func readS64() throws(DecodeError) -> Int64 { try readSigned(bits: 64) }

    mutating func readFixedU32() throws(DecodeError) -> UInt32 {
        let range = try readBytes(4)
        var value: UInt32 = 0
        for (shift, index) in range.enumerated() { value |= UInt32(bytes[index]) << UInt32(shift * 8) }
        return value
    }

    mutating func readFixedU64() throws(DecodeError) -> UInt64 {
        let range = try readBytes(8)
        var value: UInt64 = 0
        for (shift, index) in range.enumerated() { value |= UInt64(bytes[index]) << UInt64(shift * 8) }
        return value
    }

    /// Reads a u32 length or count: a vector's length, a name's or a byte string's length, a section's or
    /// a function body's size.
    ///
    /// As in the spec's decoder, a length larger than the bytes left (counted from the first byte of the
    /// LEB128 itself) is "length out of bounds"; a length that passes this test but still runs past `end`
    /// fails later, when the bytes are read, with `endReason`. Callers may therefore size buffers by the
    /// result without trusting the module.
    mutating func readLength() throws(DecodeError) -> Int {
        let start = offset
        let length = Int(try readU32())
        guard length <= end - start else { throw DecodeError(.lengthOutOfBounds, at: start) }
        return length
    }

    /// Reads a length-prefixed UTF-8 name, rejecting malformed UTF-8.
    mutating func readName() throws(DecodeError) -> String {
        let length = try readLength()
        let range = try readBytes(length)
        guard let name = String(validating: bytes[range], as: UTF8.self) else {
            throw DecodeError(.malformedUTF8, at: range.lowerBound)
        }
        return name
    }
}
