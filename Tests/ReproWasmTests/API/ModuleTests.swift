import Testing

@testable import ReproWasm

@Suite struct ModuleTests {
    @Test func loadsAWellFormedModule() throws {
        let bytes = ModuleBuilder()
            .types([FunctionType()])
            .functions([0])
            .code([WasmBytes.body([0x0B])])
            .custom("name", WasmBytes.section(0, WasmBytes.name("m")))
            .bytes
        let module = try Module(bytes: bytes)
        #expect(module.features == .deterministic)
        #expect(module.name == "m")
        #expect(module.customSectionNames == ["name"])
    }

    @Test func malformedBytesAreReportedAsMalformed() {
        #expect(throws: ModuleError.malformed(DecodeError(.magicHeaderNotDetected, at: 0))) {
            try Module(bytes: [0x00, 0x61, 0x73, 0x6E, 0x01, 0x00, 0x00, 0x00])
        }
    }

    @Test func descriptionStartsWithTheSpecText() {
        let error = ModuleError.malformed(DecodeError(.sectionSizeMismatch, at: 0x1B))
        #expect(error.description.hasPrefix("section size mismatch"))
    }
}
