import Testing

@testable import ReproWasm

@Suite struct VersionTests {
    @Test func currentVersionPrintsAsThreeNumbersAndOrdersNumerically() {
        #expect(
            Version.current.description == "\(Version.current.major).\(Version.current.minor).\(Version.current.patch)")
        #expect(Version(major: 0, minor: 9, patch: 0) < Version(major: 0, minor: 10, patch: 0))
        #expect(Version(major: 1, minor: 0, patch: 0) > Version(major: 0, minor: 99, patch: 99))
        #expect(Version(major: 0, minor: 1, patch: 2) == Version(major: 0, minor: 1, patch: 2))
    }
}
