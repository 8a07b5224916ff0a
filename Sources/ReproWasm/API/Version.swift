/// A ReproWasm release number, in semantic-versioning form.
///
/// `Version.current` is the version of the library you are linked against; the command line prints it
/// with `repro-wasm --version`.
///
///     print("ReproWasm", Version.current)   // "ReproWasm 0.1.0"
public struct Version: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Incremented for changes that break source compatibility (after 1.0).
    public let major: Int
    /// Incremented for additions.
    public let minor: Int
    /// Incremented for fixes.
    public let patch: Int

    /// Creates a version number.
    public init(major: Int, minor: Int, patch: Int) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// The version of this build of the library.
    public static let current = Version(major: 0, minor: 1, patch: 0)

    /// `MAJOR.MINOR.PATCH`.
    public var description: String { "\(major).\(minor).\(patch)" }

    /// Orders versions by major, then minor, then patch number.
    public static func < (lhs: Version, rhs: Version) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
}
