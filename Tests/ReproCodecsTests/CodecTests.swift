import Foundation
import ReproCodecs
import ReproWasm
import Testing

/// Codecs run end to end in provider mode. These need `scripts/fetch-codecs.sh` and
/// `scripts/fetch-wasi-provider.py` to have filled the cache, and skip themselves otherwise.
@Suite(.enabled(if: CodecCache.has("zstd", "round", "identity", "onion", "tthresh"), "\(CodecCache.reason)"))
struct CodecTests {
    let samples: [Double] = (0..<64).map { Double($0) * 0.37 - 5 }

    @Test func zstdIsLosslessAndDescribesItself() throws {
        let codec = try CodecCache.codec("zstd", #"{"level": 3}"#)
        #expect(codec.id == "zstd.rs")
        #expect(codec.configurationSchema.hasPrefix("{") && codec.configurationSchema.contains("\"level\""))
        let configuration = try codec.configuration()
        #expect(configuration.contains(#""id":"zstd.rs""#) && configuration.contains(#""level":3"#))
        let array = CodecArray(float64: samples, shape: [8, 8])
        let encoded = try codec.encode(array)
        #expect(encoded.dtype == .u8 && encoded.shape == [encoded.bytes.count])
        #expect(encoded.bytes.count < array.bytes.count)
        #expect(try codec.decode(encoded) == array)
        #expect(try codec.decode(encoded, into: .f64, shape: [8, 8]) == array)
    }

    @Test func roundRoundsToMultiplesOfThePrecision() throws {
        let codec = try CodecCache.codec("round", #"{"precision": 0.5}"#)
        let decoded = try codec.decode(try codec.encode(CodecArray(float64: samples)))
        let expected = samples.map { ($0 / 0.5).rounded(.toNearestOrAwayFromZero) * 0.5 }
        #expect(decoded.float64Values == expected)
    }

    /// Each codec has its own store: two codecs built alike count alike, from 0, and the counter
    /// grows only with the calls made on that codec.
    @Test func countsStartAtZeroPerCodecAndAreReproducible() throws {
        let first = try CodecCache.codec("zstd", #"{"level":3}"#)
        let second = try CodecCache.codec("zstd", #"{"level":3}"#)
        #expect(first.instructionCount > 0)
        #expect(first.instructionCount == second.instructionCount)
        #expect(first.store !== second.store)
        let construction = first.instructionCount
        #expect(first.instructionCount == construction)  // reading costs nothing
        let array = CodecArray(float64: samples)
        _ = try first.encode(array)
        let encodeCost = first.instructionCount - construction
        #expect(encodeCost > 0)
        #expect(second.instructionCount == construction)
        _ = try second.encode(array)
        #expect(second.instructionCount - construction == encodeCost)
    }

    @Test func codecErrorsCarryMessageAndChain() throws {
        #expect {
            _ = try CodecCache.codec("zstd", #"{"level": "high"}"#)
        } throws: { error in
            (error as? CodecError)?.kind == .codec && "\(error)".contains("expected i32")
        }
        let codec = try CodecCache.codec("zstd", #"{"level": 3}"#)
        let garbage = try CodecArray(dtype: .u8, shape: [12], bytes: Array("not zstd at all".utf8.prefix(12)))
        #expect {
            _ = try codec.decode(garbage)
        } throws: { error in
            guard let error = error as? CodecError else { return false }
            return error.kind == .codec && !error.message.isEmpty && !error.chain.isEmpty
        }
        // A wrong dtype is the codec's error too, and the codec goes on working.
        #expect(throws: CodecError.self) { _ = try codec.decode(CodecArray(float64: [1, 2])) }
        let array = CodecArray(float64: samples)
        #expect(try codec.decode(try codec.encode(array)) == array)
    }

    @Test func truncatedDataIsAnErrorNotACrash() throws {
        let codec = try CodecCache.codec("zstd", #"{"level": 3}"#)
        let array = CodecArray(float64: samples)
        let encoded = try codec.encode(array)
        for length in [0, 1, encoded.bytes.count / 2, encoded.bytes.count - 1] {
            let truncated = try CodecArray(dtype: .u8, shape: [length], bytes: Array(encoded.bytes.prefix(length)))
            #expect(throws: CodecError.self) { _ = try codec.decode(truncated) }
        }
        #expect(try codec.decode(encoded) == array)
    }

    /// An array larger than the memory limit traps in the codec's allocator; as with the reference
    /// host, the instance is kept and the next call works.
    @Test func aTrapLeavesTheCodecUsable() throws {
        var host = try CodecCache.host()
        host.limits = StoreLimits(maxMemoryPages: 100)
        let codec = try Codec(try CodecCache.component("zstd"), configuration: #"{"level":3}"#, host: host)
        let large = CodecArray(float64: (0..<1_000_000).map { Double($0) })
        #expect {
            _ = try codec.encode(large)
        } throws: { error in
            (error as? CodecError)?.kind == .trap
        }
        // The store keeps the memory the failed call grew, so the next call must fit in what is left;
        // its result is what a fresh codec gives.
        let small = CodecArray(float64: samples)
        let fresh = try Codec(try CodecCache.component("zstd"), configuration: #"{"level":3}"#, host: host)
        #expect(try codec.encode(small) == fresh.encode(small))
    }

    /// Fuel bounds each step: a call that would count more traps, the next call gets fresh fuel, and
    /// a step that finishes counts what it counts without fuel.
    @Test func fuelBoundsEachCall() throws {
        var host = try CodecCache.host()
        host.fuelPerCall = 100_000
        let codec = try Codec(try CodecCache.component("zstd"), configuration: #"{"level":3}"#, host: host)
        let unbounded = try CodecCache.codec("zstd", #"{"level":3}"#)
        #expect(codec.instructionCount == unbounded.instructionCount)
        #expect {
            _ = try codec.encode(CodecArray(float64: (0..<100_000).map { sin(Double($0)) }))
        } throws: { error in
            guard let error = error as? CodecError else { return false }
            return error.kind == .trap && error.message.contains("out of fuel")
        }
        let small = CodecArray(float64: samples)
        #expect(try codec.encode(small) == unbounded.encode(small))
    }

    @Test func decodeIntoChecksTheRequestedShape() throws {
        let codec = try CodecCache.codec("zstd", #"{"level": 3}"#)
        let encoded = try codec.encode(CodecArray(float64: samples))
        #expect(throws: CodecError.self) { _ = try codec.decode(encoded, into: .f32, shape: [64]) }
        #expect(throws: CodecError.self) { _ = try codec.decode(encoded, into: .f64, shape: [65]) }
        #expect(throws: CodecError.self) { _ = try codec.decode(encoded, into: .f64, shape: [1 << 40]) }
        #expect(throws: CodecError.self) { _ = try codec.decode(encoded, into: .f64, shape: [Int.max, 2]) }
        #expect(try codec.decode(encoded, into: .f64, shape: [64]).float64Values == samples)
    }

    @Test func zeroDimensionalAndEmptyArraysPassThrough() throws {
        let codec = try CodecCache.codec("identity")
        let scalar = try CodecArray(dtype: .f64, shape: [], bytes: Array(repeating: 0x3F, count: 8))
        #expect(try codec.encode(scalar) == scalar)
        let empty = try CodecArray(dtype: .i16, shape: [0, 4], bytes: [])
        #expect(try codec.decode(try codec.encode(empty)) == empty)
    }

    /// onion asks the host's registry for its inner codec: with none it fails with the codec's error,
    /// with a directory registry it works, and the inner codec's work is not in onion's counter.
    @Test func onionUsesTheRegistry() throws {
        let configuration = #"{"codec": {"id": "identity.rs"}}"#
        #expect(throws: CodecError.self) { _ = try CodecCache.codec("onion", configuration) }
        var host = try CodecCache.host()
        host.registry = DirectoryCodecRegistry(directory: CodecCache.directory, host: host)
        let onion = try Codec(try CodecCache.component("onion"), configuration: configuration, host: host)
        #expect(try onion.configuration().contains(#""codec":{"id":"identity.rs""#))
        let array = CodecArray(float64: samples)
        #expect(try onion.decode(try onion.encode(array)) == array)
        #expect(throws: CodecError.self) {
            _ = try Codec(
                try CodecCache.component("onion"), configuration: #"{"codec": {"id": "no-such-codec.rs"}}"#, host: host)
        }
    }

    /// Through the registry, onion behaves as under numcodecs-wasm 0.2.5: `decode_into` traps (that
    /// host rejects the prototype record), onion stays usable, and a failing inner codec reaches
    /// onion as the Python exception's text, without the inner codec's own message and chain.
    @Test func onionSeesTheReferenceRegistrysErrors() throws {
        var host = try CodecCache.host()
        host.registry = DirectoryCodecRegistry(directory: CodecCache.directory, host: host)
        let onion = try Codec(
            try CodecCache.component("onion"), configuration: #"{"codec": {"id": "zstd.rs", "level": 3}}"#, host: host)
        let array = CodecArray(float64: samples, shape: [8, 8])
        let encoded = try onion.encode(array)
        let before = onion.instructionCount
        do {
            _ = try onion.decode(encoded, into: .f64, shape: [8, 8])
            Issue.record("decode_into through the registry succeeded")
        } catch {
            #expect(error.kind == .trap)
        }
        #expect(onion.instructionCount > before)
        #expect(try onion.decode(encoded) == array)

        let truncated = try CodecArray(
            dtype: .u8, shape: [encoded.bytes.count / 2], bytes: Array(encoded.bytes.prefix(encoded.bytes.count / 2)))
        do {
            _ = try onion.decode(truncated)
            Issue.record("decoding truncated data succeeded")
        } catch {
            #expect(error.kind == .codec)
            #expect(error.message == "Exception: zstd.rs codec's implementation raised an error")
            #expect(error.chain.isEmpty)
        }
    }

    /// tthresh prints to standard output through the WASI provider; the host's sink gets it.
    @Test func standardOutputReachesTheSink() throws {
        final class Sink: @unchecked Sendable { var bytes: [UInt8] = [] }
        let sink = Sink()
        var host = try CodecCache.host()
        host.standardOutput = { sink.bytes += $0 }
        let codec = try Codec(
            try CodecCache.component("tthresh"), configuration: #"{"eb_mode": "eps", "eb_eps": 0.1}"#, host: host)
        let cube = CodecArray(float64: (0..<64).map { sin(Double($0)) }, shape: [4, 4, 4])
        _ = try codec.encode(cube)
        #expect(String(decoding: sink.bytes, as: UTF8.self).contains("compressionratio"))
    }
}
