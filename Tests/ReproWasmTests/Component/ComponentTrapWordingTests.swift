import Testing

@testable import ReproWasm

/// The wording of canonical ABI traps that depends on who is on the other side of the crossing (the
/// component-model tests use wasmtime's messages, which differ between its host-side checks and its
/// adapters between components), and the UTF-8 flaw that gets its own message for the host.
@Suite struct ComponentTrapWordingTests {
    @Test(
        arguments: [
            ([0x61, 0xC3], true),  // a two-byte sequence cut after its lead byte
            ([0xF0, 0x9F, 0x98], true),  // a four-byte sequence cut after three
            ([0xE2, 0x82], true),
            ([0xC3, 0x28], false),  // a lead byte followed by a byte that cannot continue it
            ([0xE0, 0x80], false),  // an overlong form: invalid, not incomplete
            ([0xED, 0xA0], false),  // a surrogate
            ([0xF4, 0x90], false),  // beyond U+10FFFF
            ([0xFF], false),
            ([0xC3, 0x61, 0xC3], false),  // the first flaw is not at the end
            ([0x80], false),  // a continuation byte with no lead
        ] as [([UInt8], Bool)])
    func truncatedUTF8IsToldFromInvalidUTF8(bytes: [UInt8], isTruncated: Bool) {
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        #expect(endsInTruncatedUTF8(bytes) == isTruncated)
    }

    @Test func messagesNameTheirCase() {
        #expect(CanonicalTrap.stringPointerOutOfBounds.description == "string pointer/length out of bounds of memory")
        #expect(CanonicalTrap.incompleteUTF8.description == "incomplete utf-8 byte sequence")
        #expect(CanonicalTrap.reallocMisaligned.description != CanonicalTrap.unalignedPointer.description)
    }
}
