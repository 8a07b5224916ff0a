import Foundation
import ReproWasm
import Testing

@testable import ReproCodecs

/// Arrays cross the codec boundary as packed lists: one copy each way, no per-element values, so
/// arrays far beyond the boxed lists' 2^24-unit lift cap go through, bit for bit, and the counts are
/// those of the boxed form.
@Suite(.enabled(if: CodecCache.has("zstd", "identity"), "\(CodecCache.reason)"))
struct CodecLargeArrayTests {
    /// 5,000,000 f64 (40 MiB), a ramp with a NaN-payload sprinkle; its bytes are over 16 MiB both as
    /// the argument and as the decoded result.
    static let large: CodecArray = {
        var values = (0..<5_000_000).map { Double($0 % 1000) * 0.25 }
        for index in stride(from: 17, to: values.count, by: 100_003) {
            values[index] = Double(bitPattern: 0x7FF4_0000_0000_0000 | UInt64(index))
        }
        return CodecArray(float64: values)
    }()

    @Test func aFortyMebibyteArrayRoundTripsThroughIdentity() throws {
        let codec = try CodecCache.codec("identity")
        let encoded = try codec.encode(Self.large)
        #expect(encoded == Self.large)
        #expect(try codec.decode(encoded) == Self.large)
    }

    @Test func aFortyMebibyteArrayRoundTripsThroughZstd() throws {
        let codec = try CodecCache.codec("zstd", #"{"level": 1}"#)
        let encoded = try codec.encode(Self.large)
        #expect(encoded.dtype == .u8 && encoded.bytes.count < Self.large.bytes.count)
        let decoded = try codec.decode(encoded)
        #expect(decoded.dtype == .f64 && decoded.shape == [5_000_000])
        #expect(decoded.bytes == Self.large.bytes)
    }

    /// Signalling and quiet NaNs with payloads, negative NaNs, -0 and subnormals survive both ways,
    /// in f64 and f32.
    @Test func nanPayloadsSurvive() throws {
        let codec = try CodecCache.codec("identity")
        let doubles: [UInt64] = [
            0x7FF0_0000_0000_0001, 0x7FF8_DEAD_BEEF_0001, 0xFFF4_0000_0000_1234, 0x8000_0000_0000_0000, 1,
        ]
        let array = CodecArray(float64: doubles.map { Double(bitPattern: $0) })
        #expect(try codec.encode(array).float64Values?.map(\.bitPattern) == doubles)
        let singles: [UInt32] = [0x7F80_0001, 0xFFC0_1234, 0x7FBF_FFFF, 0x8000_0000]
        let bytes = PackedList(singles.map { Float(bitPattern: $0) }).bytes
        let floats = try CodecArray(dtype: .f32, shape: [4], bytes: bytes)
        let back = try codec.decode(try codec.encode(floats))
        #expect(back.bytes == bytes)
        #expect(PackedList(.f32, littleEndianBytes: back.bytes)?.values(as: Float.self)?.map(\.bitPattern) == singles)
    }

    /// The same call with the array boxed (one value per element, as before packed lists) and
    /// packed returns the same value and counts the same instructions, `realloc` included.
    @Test func boxedAndPackedArgumentsCountAlike() throws {
        let samples = (0..<4096).map { sin(Double($0) * 0.01) }
        let array = CodecArray(float64: samples, shape: [64, 64])
        let boxed = ComponentValue.record([
            .init("data", .variant(case: "f64", payload: .list(samples.map { .f64($0) }))),
            .init("shape", .list([.u32(64), .u32(64)])),
        ])
        let packed = try array.componentValue()
        #expect(packed == boxed)
        let first = try CodecCache.codec("zstd", #"{"level": 3}"#)
        let second = try CodecCache.codec("zstd", #"{"level": 3}"#)
        #expect(first.instructionCount == second.instructionCount)
        let fromBoxed = try first.method(first.encodeFunction, [.borrow(first.handle), boxed])
        let fromPacked = try second.method(second.encodeFunction, [.borrow(second.handle), packed])
        #expect(fromBoxed == fromPacked)
        #expect(first.instructionCount == second.instructionCount)
        guard case .ok(let encoded?) = fromPacked else {
            Issue.record("encode returned \(String(describing: fromPacked))")
            return
        }
        #expect(Self.boxed(encoded) == encoded)
        let backBoxed = try first.method(first.decodeFunction, [.borrow(first.handle), Self.boxed(encoded)])
        let backPacked = try second.method(second.decodeFunction, [.borrow(second.handle), encoded])
        #expect(backBoxed == backPacked)
        #expect(first.instructionCount == second.instructionCount)
        #expect(try CodecArray(componentValue: Codec.unwrap(backPacked)) == array)
    }

    /// `value` with every packed list replaced by its boxed `.list` form.
    static func boxed(_ value: ComponentValue) -> ComponentValue {
        switch value {
        case .packedList(let list): .list(Array(list))
        case .record(let fields): .record(fields.map { .init($0.name, boxed($0.value)) })
        case .variant(let label, let payload): .variant(case: label, payload: payload.map(boxed))
        default: value
        }
    }
}
