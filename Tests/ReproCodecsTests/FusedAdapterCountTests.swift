import Foundation
import ReproCodecs
import ReproWasm
import Testing

/// Provider-mode counts equal numcodecs-wasm 0.2.5's, including the fused adapters its composition
/// runs for every call from a codec into the WASI provider.
///
/// The reference numbers were measured with numcodecs-wasm 0.2.5 (`read_codec_instruction_counter`
/// right after construction); re-measure them with `scripts/codec-boundary-probe/probe.py` (the
/// probes) or, for zstd, `numcodecs_wasm_zstd.Zstd(level=3)` in a venv with numcodecs-wasm==0.2.5
/// and numcodecs-wasm-zstd==0.4.0.
@Suite(.enabled(if: CodecCache.has(), "\(CodecCache.reason)"))
struct FusedAdapterCountTests {
    static func fixture(_ name: String) throws -> Component {
        try Component(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("Fixtures/\(name).wasm").path)
    }

    /// `get-stderr` (3) and `blocking-write-and-flush` of 7 bytes (22 + 7) through the adapter.
    @Test func stderrWriteCountsAsTheReference() throws {
        let codec = try Codec(try Self.fixture("stderr-probe"), host: try CodecCache.host())
        #expect(codec.instructionCount == 187)  // numcodecs-wasm 0.2.5
    }

    /// `get-random-bytes(16)` through the adapter: 16 + 16.
    @Test func randomBytesCountAsTheReference() throws {
        let codec = try Codec(try Self.fixture("random-bytes-probe"), host: try CodecCache.host())
        #expect(codec.instructionCount == 174)  // numcodecs-wasm 0.2.5
    }

    @Test(.enabled(if: CodecCache.has("zstd"), "\(CodecCache.reason)"))
    func zstdConstructionCountsAsTheReference() throws {
        let codec = try CodecCache.codec("zstd", #"{"level": 3}"#)
        #expect(codec.instructionCount == 16091)  // numcodecs-wasm 0.2.5 with numcodecs-wasm-zstd 0.4.0
    }
}
