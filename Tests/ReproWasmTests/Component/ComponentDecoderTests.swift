import Testing

@testable import ReproWasm

/// The component preamble: `\0asm`, version 0x0d, layer 1.
private let preamble: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00]

/// A section: id, size, contents.
private func section(_ id: UInt8, _ contents: [UInt8]) -> [UInt8] { [id, UInt8(contents.count)] + contents }

private func load(_ bytes: [UInt8]) -> ComponentError? {
    do {
        _ = try Component(bytes: bytes)
        return nil
    } catch {
        return error
    }
}

@Suite struct ComponentDecoderTests {
    @Test func emptyComponent() throws {
        let component = try Component(bytes: preamble)
        #expect(component.importNames.isEmpty && component.exportNames.isEmpty)
        #expect(component.wit == "package root:component;\n\nworld root {\n}\n")
        #expect(Component.isComponent(preamble))
        #expect(!Component.isComponent([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]))
    }

    @Test func coreModuleIsNotAComponent() {
        let error = load([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00])
        #expect(error == ComponentError(.malformed, "expected a component, found a core module", at: 4))
    }

    @Test(
        arguments: [
            ([0x00, 0x61, 0x73, 0x6D, 0x0E, 0x00, 0x01, 0x00], "unknown component version 0xe", 4),
            ([0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x02, 0x00], "unknown binary layer 2", 6),
            ([0x00, 0x61, 0x73, 0x6D, 0x0D], "unexpected end", 0),
            (preamble + [0x0D, 0x00], "unknown section id 13", 8),
            (preamble + [0x07, 0x05, 0x01], "length out of bounds", 9),
            // A type section whose one entry ends before the section does: found where decoding stopped.
            (preamble + section(0x07, [0x01, 0x7F, 0x00]), "section size mismatch", 12),
            // A type section with an unknown type form.
            (preamble + section(0x07, [0x01, 0x50]), "invalid type form 0x50", 11),
            // An export whose sort byte is unknown.
            (preamble + section(0x0B, [0x01, 0x00, 0x01, 0x61, 0x07, 0x00, 0x00]), "invalid sort 0x7", 14),
        ] as [([UInt8], String, Int)])
    func rejectsMalformedBytes(bytes: [UInt8], message: String, offset: Int) {
        let error = load(bytes)
        #expect(error?.kind == .malformed)
        #expect(error?.message == message)
        #expect(error?.offset == offset)
    }

    /// Features outside the synchronous component model are rejected by name, not as malformed.
    @Test(
        arguments: [
            (section(0x07, [0x01, 0x43, 0x00, 0x01, 0x00]), "async function types"),
            (section(0x07, [0x01, 0x66, 0x00]), "streams"),
            (section(0x07, [0x01, 0x65, 0x00]), "futures"),
            (section(0x07, [0x01, 0x70, 0x64]), "error-context"),
            (section(0x08, [0x01, 0x1F]), "async canonical built-in 0x1f (async, streams, futures)"),
            (section(0x08, [0x01, 0x1E]), "error-context"),
            (section(0x08, [0x01, 0x01, 0x00, 0x00, 0x01, 0x06]), "the async canonical option"),
            (section(0x08, [0x01, 0x01, 0x00, 0x00, 0x01, 0x09]), "the gc canonical option"),
            (section(0x09, [0x00, 0x00, 0x00]), "the start section (component values)"),
            (section(0x07, [0x01, 0x67, 0x79, 0x02]), "fixed-length lists"),
        ] as [([UInt8], String)])
    func rejectsOutOfScopeFeaturesByName(sectionBytes: [UInt8], feature: String) {
        let error = load(preamble + sectionBytes)
        #expect(error?.kind == .unsupported)
        #expect(error?.message == "\(feature) is not supported")
    }

    @Test func decodesValueTypes() throws {
        // (type (record (field "a" u32) (field "b" (list 0)))) is invalid (type 0 is itself), so decode only.
        let bytes = preamble + section(0x07, [0x02, 0x70, 0x79, 0x6A, 0x01, 0x00, 0x00])
        let parsed = try decodeComponent(bytes, features: .deterministic)
        let types = parsed.definitions.compactMap { definition -> ComponentTypeDefinition? in
            if case .type(let type) = definition.kind { type } else { nil }
        }
        #expect(types == [.value(.list(.primitive(.u32))), .value(.result(ok: .index(0), error: nil))])
        #expect(parsed.definitions.map(\.offset) == [11, 13])
    }

    @Test func malformedCoreModuleInsideIsReportedAtItsOffset() {
        // A core module section holding a module with a bad version.
        let error = load(preamble + section(0x01, [0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00]))
        #expect(error?.kind == .malformed)
        #expect(error?.offset == 10)
        #expect(error?.message.contains("unknown binary version") == true)
    }
}
