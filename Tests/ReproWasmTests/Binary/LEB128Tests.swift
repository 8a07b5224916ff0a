import Testing

@testable import ReproWasm

@Suite struct LEB128Tests {
    @Test(
        arguments: [
            ([0x00] as [UInt8], UInt32(0)),
            ([0x7F], 127),
            ([0x80, 0x01], 128),
            ([0x80, 0x80, 0x80, 0x80, 0x00], 0),  // padded to the maximum length
            ([0xFF, 0xFF, 0xFF, 0xFF, 0x0F], UInt32.max),
            ([0x82, 0x80, 0x80, 0x80, 0x00], 2),
        ] as [([UInt8], UInt32)])
    func readsU32(bytes: [UInt8], value: UInt32) throws {
        var reader = ByteReader(bytes)
        #expect(try reader.readU32() == value)
        #expect(reader.isAtEnd)
    }

    @Test(
        arguments: [
            // The fifth byte carries 4 bits; anything above them is too large.
            ([0x80, 0x80, 0x80, 0x80, 0x10] as [UInt8], DecodeError(.integerTooLarge, at: 4)),
            ([0xFF, 0xFF, 0xFF, 0xFF, 0x4F], DecodeError(.integerTooLarge, at: 4)),
            // Unused bits are checked before the continuation bit, as the spec's decoder does.
            ([0x80, 0x80, 0x80, 0x80, 0x90, 0x00], DecodeError(.integerTooLarge, at: 4)),
            // A sixth byte is too long; the error points at it.
            ([0x80, 0x80, 0x80, 0x80, 0x80, 0x00], DecodeError(.integerRepresentationTooLong, at: 5)),
            ([0x80, 0x80], DecodeError(.unexpectedEnd, at: 2)),
            ([], DecodeError(.unexpectedEnd, at: 0)),
        ] as [([UInt8], DecodeError)])
    func rejectsMalformedU32(bytes: [UInt8], error: DecodeError) {
        var reader = ByteReader(bytes)
        #expect(throws: error) { try reader.readU32() }
    }

    @Test(
        arguments: [
            ([0x7F] as [UInt8], Int32(-1)),
            ([0x40], -64),
            ([0x3F], 63),
            ([0xC0, 0x00], 64),
            ([0xFF, 0x7F], -1),  // padded
            ([0xFF, 0xFF, 0xFF, 0xFF, 0x07], Int32.max),
            ([0x80, 0x80, 0x80, 0x80, 0x78], Int32.min),
            ([0xFF, 0xFF, 0xFF, 0xFF, 0x7F], -1),  // padded to the maximum length
        ] as [([UInt8], Int32)])
    func readsS32(bytes: [UInt8], value: Int32) throws {
        var reader = ByteReader(bytes)
        #expect(try reader.readS32() == value)
        #expect(reader.isAtEnd)
    }

    @Test(
        arguments: [
            // The fifth byte's bits 3-6 must all equal the sign bit (bit 3).
            ([0xFF, 0xFF, 0xFF, 0xFF, 0x0F] as [UInt8], DecodeError(.integerTooLarge, at: 4)),
            ([0x80, 0x80, 0x80, 0x80, 0x70], DecodeError(.integerTooLarge, at: 4)),
            ([0x80, 0x80, 0x80, 0x80, 0x1F], DecodeError(.integerTooLarge, at: 4)),
            ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], DecodeError(.integerRepresentationTooLong, at: 5)),
        ] as [([UInt8], DecodeError)])
    func rejectsMalformedS32(bytes: [UInt8], error: DecodeError) {
        var reader = ByteReader(bytes)
        #expect(throws: error) { try reader.readS32() }
    }

    @Test(
        arguments: [
            ([0x40] as [UInt8], Int64(-64)),  // the empty block type
            ([0xFF, 0xFF, 0xFF, 0xFF, 0x0F], 0xFFFF_FFFF),  // a type index needs the 33rd bit to stay positive
            ([0x80, 0x80, 0x80, 0x80, 0x70], -(1 << 32)),
        ] as [([UInt8], Int64)])
    func readsS33(bytes: [UInt8], value: Int64) throws {
        var reader = ByteReader(bytes)
        #expect(try reader.readS33() == value)
    }

    @Test func rejectsS33WithMixedUnusedBits() {
        // Fifth byte: bits 4-6 must all equal the sign bit (bit 4).
        var reader = ByteReader([0x80, 0x80, 0x80, 0x80, 0x50])
        #expect(throws: DecodeError(.integerTooLarge, at: 4)) { try reader.readS33() }
    }

    @Test(
        arguments: [
            ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00] as [UInt8], Int64.max),
            ([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F], Int64.min),
            ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], -1),
            ([0x80, 0x7F], -128),
        ] as [([UInt8], Int64)])
    func readsS64(bytes: [UInt8], value: Int64) throws {
        var reader = ByteReader(bytes)
        #expect(try reader.readS64() == value)
    }

    @Test(
        arguments: [
            // The tenth byte carries only the sign: its 7 bits must be all zeros or all ones.
            (
                [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01] as [UInt8],
                DecodeError(.integerTooLarge, at: 9)
            ),
            ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7E], DecodeError(.integerTooLarge, at: 9)),
            (
                [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00],
                DecodeError(.integerRepresentationTooLong, at: 10)
            ),
        ] as [([UInt8], DecodeError)])
    func rejectsMalformedS64(bytes: [UInt8], error: DecodeError) {
        var reader = ByteReader(bytes)
        #expect(throws: error) { try reader.readS64() }
    }

    @Test func readsU64Extremes() throws {
        var reader = ByteReader([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        #expect(try reader.readU64() == UInt64.max)
        var tooLarge = ByteReader([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02])
        #expect(throws: DecodeError(.integerTooLarge, at: 9)) { try tooLarge.readU64() }
    }

    @Test(arguments: Array(stride(from: Int64.min, to: Int64.max - (1 << 58), by: 1 << 58)) + [-1, 0, 1, .max])
    func signedRoundTrip(value: Int64) throws {
        var reader = ByteReader(WasmBytes.signed(value))
        #expect(try reader.readS64() == value)
    }

    @Test func lengthBeyondTheBytesLeftIsOutOfBounds() throws {
        // Two bytes follow the length byte; the rule counts the length byte itself, as the spec does.
        var fits = ByteReader([0x03, 0xAA, 0xBB])
        #expect(try fits.readLength() == 3)
        var tooLong = ByteReader([0x04, 0xAA, 0xBB])
        #expect(throws: DecodeError(.lengthOutOfBounds, at: 0)) { try tooLong.readLength() }
    }

    @Test func nameRejectsMalformedUTF8() {
        var reader = ByteReader([0x02, 0xC0, 0x80])  // overlong encoding of NUL
        #expect(throws: DecodeError(.malformedUTF8, at: 1)) { try reader.readName() }
    }
}
