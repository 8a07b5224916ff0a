import Foundation
import ReproCodecs
import ReproWasm
import Testing

/// The built-in WASI (`WASISource.native`) against the provider component.
struct NativeWASITests {
    /// Collects what a codec writes to one stream.
    final class Sink: @unchecked Sendable {
        var bytes: [UInt8] = []
    }

    /// A probe codec whose `from-config` writes the 7 bytes `{"type"` to standard error through
    /// `wasi:cli/stderr` and `wasi:io/streams` (built by `scripts/codec-boundary-probe/probe.py
    /// --build-only`, `stderr-write-of-7-bytes.wasm`): no download needed.
    static let stderrProbePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/stderr-probe.wasm").path

    @Test func nativeWASIWritesStandardErrorToTheSink() throws {
        let sink = Sink()
        var host = CodecHost(wasi: .native)
        host.standardError = { sink.bytes += $0 }
        let codec = try Codec(try Component(contentsOf: Self.stderrProbePath), host: host)
        #expect(codec.id == "probe.rs")
        #expect(sink.bytes == Array(#"{"type""#.utf8))
        #expect(host.wasi.name == "native")
    }

    /// Nothing of the provider runs in native mode, so construction counts less than with it.
    @Test(.enabled(if: CodecCache.has(), "\(CodecCache.reason)"))
    func nativeModeCountsOnlyTheCodec() throws {
        let component = try Component(contentsOf: Self.stderrProbePath)
        let native = try Codec(component, host: CodecHost(wasi: .native))
        let provider = try Codec(component, host: try CodecCache.host())
        #expect(native.instructionCount < provider.instructionCount)
        #expect(native.id == provider.id)
    }

    /// Encoded bytes, decoded arrays and standard output are the same with either WASI.
    @Test(
        .enabled(if: CodecCache.has("zstd", "round", "tthresh"), "\(CodecCache.reason)"),
        arguments: [
            ("zstd", #"{"level": 3}"#), ("round", #"{"precision": 0.25}"#),
            ("tthresh", #"{"eb_mode": "eps", "eb_eps": 0.1}"#),
        ])
    func nativeAndProviderGiveTheSameBytes(name: String, configuration: String) throws {
        let cube = CodecArray(float64: (0..<64).map { sin(Double($0)) * 3 }, shape: [4, 4, 4])
        var results: [(encoded: CodecArray, decoded: CodecArray, output: [UInt8])] = []
        for source in [try CodecCache.host().wasi, WASISource.native] {
            let sink = Sink()
            var host = CodecHost(wasi: source)
            host.standardOutput = { sink.bytes += $0 }
            host.standardError = { sink.bytes += $0 }
            let codec = try Codec(try CodecCache.component(name), configuration: configuration, host: host)
            let encoded = try codec.encode(cube)
            results.append((encoded, try codec.decode(encoded), sink.bytes))
        }
        #expect(results[0].encoded == results[1].encoded)
        #expect(results[0].decoded == results[1].decoded)
        #expect(results[0].output == results[1].output)
    }
}
