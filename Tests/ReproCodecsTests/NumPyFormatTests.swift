import Foundation
import Testing

@testable import ReproCodecs

/// `.npy` reading and writing, checked against the format's layout (magic, version, header length,
/// a header dictionary padded to 64 bytes) without NumPy.
@Suite struct NumPyFormatTests {
    /// A `.npy` file as NumPy lays it out, with `header` as the dictionary text.
    func file(version: UInt8 = 1, header: String, data: [UInt8]) -> [UInt8] {
        var text = Array(header.utf8)
        let prefix = version == 1 ? 10 : 12
        text += Array(repeating: UInt8(ascii: " "), count: (64 - (prefix + text.count + 1) % 64) % 64) + [0x0A]
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
        bytes += [UInt8(text.count & 0xFF), UInt8(text.count >> 8)]
        if version != 1 { bytes += [0, 0] }
        return bytes + text + data
    }

    @Test(arguments: CodecDType.allCases) func everyDTypeRoundTrips(dtype: CodecDType) throws {
        let bytes = (0..<(6 * dtype.byteSize)).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let array = try CodecArray(dtype: dtype, shape: [2, 3], bytes: bytes)
        let written = array.npyBytes()
        #expect(written.count % 64 == bytes.count % 64)  // the header pads the data to a 64-byte boundary
        #expect((written.count - bytes.count) % 64 == 0)
        let read = try CodecArray(npy: written)
        #expect(read == array)
        let header = String(decoding: written[10..<(written.count - bytes.count)], as: UTF8.self)
        #expect(header.contains("'descr': '\(NumPyFormat.descriptor(of: dtype))'"))
        #expect(header.contains("'shape': (2, 3)"))
    }

    @Test func zeroDimensionalAndEmptyArrays() throws {
        let scalar = try CodecArray(dtype: .f64, shape: [], bytes: Array(repeating: 0x40, count: 8))
        let written = scalar.npyBytes()
        #expect(String(decoding: written, as: UTF8.self).contains("'shape': ()"))
        #expect(try CodecArray(npy: written) == scalar)
        let empty = try CodecArray(dtype: .i32, shape: [0, 5], bytes: [])
        #expect(try CodecArray(npy: empty.npyBytes()) == empty)
        let vector = try CodecArray(dtype: .u8, shape: [1], bytes: [7])
        #expect(String(decoding: vector.npyBytes(), as: UTF8.self).contains("'shape': (1,)"))
    }

    @Test func readsVersionsTwoAndThreeAndOtherSpellings() throws {
        let data: [UInt8] = [1, 0, 2, 0]
        for version: UInt8 in [2, 3] {
            let array = try CodecArray(
                npy: file(
                    version: version, header: "{'descr': '<u2', 'fortran_order': False, 'shape': (2,), }", data: data))
            #expect(array.dtype == .u16 && array.shape == [2] && array.bytes == data)
        }
        // Key order is free; one-byte types may say `|`, `<` or nothing; a 1-d Fortran array is C order too.
        let bytes = try CodecArray(
            npy: file(header: "{'shape': (4,), 'fortran_order': True, 'descr': 'u1'}", data: data))
        #expect(bytes.dtype == .u8 && bytes.shape == [4])
    }

    @Test(arguments: [
        ("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", "big-endian"),
        ("{'descr': '<f8', 'fortran_order': True, 'shape': (1, 1), }", "Fortran"),
        ("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", "object"),
        ("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", "structured"),
        ("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", "unsupported dtype"),
        ("{'descr': '|b1', 'fortran_order': False, 'shape': (1,), }", "unsupported dtype"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", "needs 16"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }", "too many elements"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,), }", "not a size"),
        ("{'descr': '<f8', 'fortran_order': False}", "needs descr, fortran_order and shape"),
    ]) func refusesWhatCodecsCannotHold(header: String, reason: String) {
        #expect {
            _ = try CodecArray(npy: file(header: header, data: Array(repeating: 0, count: 8)))
        } throws: { error in
            "\(error)".contains(reason)
        }
    }

    @Test func refusesTruncatedAndForeignFiles() {
        let good = file(
            header: "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", data: Array(repeating: 0, count: 8))
        for length in [0, 5, 9, 20, good.count - 1] {
            #expect(throws: NumPyFormat.Error.self) { _ = try CodecArray(npy: Array(good.prefix(length))) }
        }
        #expect(throws: NumPyFormat.Error.self) { _ = try CodecArray(npy: Array("not numpy at all".utf8)) }
    }

    @Test func arraysCheckTheirBytesAgainstTheShape() {
        #expect(throws: CodecError.self) { _ = try CodecArray(dtype: .f32, shape: [3], bytes: [0, 0, 0, 0]) }
        #expect(throws: CodecError.self) { _ = try CodecArray(dtype: .u8, shape: [-1], bytes: []) }
        #expect(throws: CodecError.self) { _ = try CodecArray(dtype: .u8, shape: [Int.max, 2], bytes: []) }
        #expect(throws: CodecError.self) { _ = try CodecArray(dtype: .u64, shape: [Int.max / 4], bytes: []) }
    }
}

/// The JSON the host passes on: configurations compacted as the reference re-serialises them, and
/// the `"id"` split off for the registry.
@Suite struct CodecJSONTests {
    @Test func compactingKeepsStringsAndOrder() throws {
        #expect(try CodecJSON.compact(#" { "b" : [1, 2] ,"a":"x y\" }" } "#) == #"{"b":[1,2],"a":"x y\" }"}"#)
        #expect(throws: CodecError.self) { _ = try CodecJSON.compact("[1]") }
        #expect(throws: CodecError.self) { _ = try CodecJSON.compact(#"{"a":"open}"#) }
    }

    @Test func splittingTheID() throws {
        #expect(try CodecJSON.splitID(#"{"id":"zstd.rs","level":3}"#) == ("zstd.rs", #"{"level":3}"#))
        #expect(try CodecJSON.splitID(#"{"level":3, "id": "zstd.rs"}"#) == ("zstd.rs", #"{"level":3}"#))
        #expect(
            try CodecJSON.splitID(#"{"codec":{"id":"inner.rs"},"id":"onion.rs","x":[1,{"id":2}]}"#)
                == ("onion.rs", #"{"codec":{"id":"inner.rs"},"x":[1,{"id":2}]}"#))
        #expect(try CodecJSON.splitID(#"{"level":3}"#) == (nil, #"{"level":3}"#))
        #expect(try CodecJSON.splitID(#"{"id":"only.rs"}"#) == ("only.rs", "{}"))
    }
}
