import Testing

@testable import ReproWasm

@Suite struct NameSectionTests {
    /// A name subsection: id, size, content.
    private func subsection(_ id: UInt8, _ content: [UInt8]) -> [UInt8] { WasmBytes.section(id, content) }

    private func nameMap(_ entries: [(UInt32, String)]) -> [UInt8] {
        WasmBytes.vector(entries.map { WasmBytes.u32($0.0) + WasmBytes.name($0.1) })
    }

    @Test func parsesModuleFunctionAndLocalNames() throws {
        let payload =
            subsection(0, WasmBytes.name("demo"))
            + subsection(1, nameMap([(0, "main"), (3, "helper")]))
            + subsection(2, WasmBytes.vector([WasmBytes.u32(0) + nameMap([(0, "x"), (1, "y")])]))
            + subsection(7, [0xFF, 0xFF])  // unknown subsections are skipped
        let bytes = ModuleBuilder().custom("name", payload).bytes
        let module = try decodeModule(bytes, features: .deterministic)
        let names = try #require(module.names)
        #expect(names.moduleName == "demo")
        #expect(names.functionNames == [0: "main", 3: "helper"])
        #expect(names.localNames == [0: [0: "x", 1: "y"]])
        #expect(module.customSections.map(\.name) == ["name"])
    }

    @Test(arguments: [
        [0x01, 0x05, 0x01, 0x00] as [UInt8],  // subsection longer than the section
        [0x00, 0x02, 0x05, 0x61],  // module name longer than its subsection
        [0x00, 0x03, 0x02, 0xC0, 0x80],  // malformed UTF-8
        [0x01, 0x03, 0x01, 0x00, 0x00, 0x00],  // subsection with a trailing byte
    ])
    func malformedNameSectionIsIgnored(payload: [UInt8]) throws {
        let bytes = ModuleBuilder().custom("name", payload).bytes
        let module = try decodeModule(bytes, features: .deterministic)
        #expect(module.names == nil)
        #expect(module.customSections.count == 1)
    }

    @Test func malformedCustomSectionNameFailsTheModule() {
        // The section's own name must be valid UTF-8, unlike the names inside the name section.
        let bytes = WasmBytes.header + [0x00, 0x03, 0x02, 0xC0, 0x80]
        #expect(throws: DecodeError(.malformedUTF8, at: 11)) { try decodeModule(bytes, features: .deterministic) }
    }
}
