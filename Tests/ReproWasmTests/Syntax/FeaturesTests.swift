import Testing

@testable import ReproWasm

@Test func featuresProfile() {
    #expect(Features.deterministic.contains(.simd))
    #expect(Features.deterministic.contains(.referenceTypes))
    #expect(Features.deterministic.contains(.exceptions))
    #expect(!Features.deterministic2025.contains(.referenceTypes))
    #expect(!Features.deterministic.contains(.legacyExceptions))
    #expect(Features.full.contains(.tailCalls))
}
