import Testing

@testable import ReproCodecs

/// The registry's schema order (`SchemaOrder`), as numcodecs-wasm 0.2.5's `__schema__` has it.
struct SchemaOrderTests {
    @Test func leadingMembersComeFirstEverywhere() {
        let guest =
            ##"{"type":"object","additionalProperties":false,"properties":{"level":{"$ref":"#/$defs/L","description":"a \"b\"\n"}},"##
            + ##""required":["level"],"description":"D","title":"T","$schema":"S","$defs":{"L":{"type":"integer","format":"int32","description":"x"}}}"##
        let expected =
            ##"{"$schema":"S","title":"T","description":"D","type":"object","properties":{"level":{"description":"a \"b\"\n","$ref":"#/$defs/L"}},"##
            + ##""additionalProperties":false,"required":["level"],"$defs":{"L":{"description":"x","type":"integer","format":"int32"}}}"##
        #expect(SchemaOrder.reordered(guest) == expected)
    }

    @Test func arraysNumbersAndLiteralsKeepTheirText() {
        #expect(
            SchemaOrder.reordered(#"{"oneOf":[{"b":1.5e3,"type":null},true],"a":-0}"#)
                == #"{"oneOf":[{"type":null,"b":1.5e3},true],"a":-0}"#)
        #expect(SchemaOrder.reordered("{ }") == "{}")
    }

    @Test func malformedTextIsLeftAlone() {
        for text in [#"{"a":"#, #"{"a" 1}"#, "[1,2", #"{"a":1} x"#, ""] {
            #expect(SchemaOrder.reordered(text) == text)
        }
    }

    /// onion asks the registry for its inner codec's schema and parses it; with the reference's
    /// order its construction counts as the reference's: 25692, measured with numcodecs-wasm 0.2.5
    /// (`numcodecs_wasm_onion.Onion(codec={"id": "zstd.rs", "level": 3})`, then
    /// `read_codec_instruction_counter`).
    @Test(.enabled(if: CodecCache.has("onion", "zstd"), "\(CodecCache.reason)"))
    func onionConstructionCountsAsTheReference() throws {
        var host = try CodecCache.host()
        host.registry = DirectoryCodecRegistry(directory: CodecCache.directory, host: host)
        let onion = try Codec(
            try CodecCache.component("onion"), configuration: #"{"codec": {"id": "zstd.rs", "level": 3}}"#, host: host)
        #expect(onion.instructionCount == 25692)
    }
}
