import Testing

@testable import ReproWasm

@Test func featuresProfile() {
    #expect(Features.deterministic.contains(.simd))
    #expect(!Features.deterministic.contains(.referenceTypes))
    #expect(Features.full.contains(.tailCalls))
}
