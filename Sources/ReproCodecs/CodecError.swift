import ReproWasm

/// A failure of a codec, of its component, or of the data given to it.
///
/// A codec reporting an error (`numcodecs:abc`'s `error {message, chain}`) gives kind `.codec` with
/// its message and chain of causes; a trap while the codec ran gives `.trap`, after which the codec
/// stays usable (as with the reference host, its instance is kept and the next call enters it again).
///
///     do {
///         _ = try codec.decode(garbage)
///     } catch {
///         print(error.message)                       // the codec's own words
///         for cause in error.chain { print("  caused by: \(cause)") }
///     }
public struct CodecError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// The codec component could not be read, decoded, validated or linked, or it does not
        /// export `numcodecs:abc/codec@0.1.1`.
        case component
        /// The WASI provider could not be found, loaded or instantiated.
        case wasi
        /// The codec returned an error (`message` and `chain` are its own).
        case codec
        /// The codec trapped; the trap is in `message`.
        case trap
        /// An array is malformed (its bytes do not match its dtype and shape, or a dimension does not
        /// fit a `u32`), or the codec returned one.
        case invalidArray
        /// A configuration is not valid JSON.
        case invalidConfiguration
    }

    /// What went wrong.
    public let kind: Kind
    /// The error message.
    public let message: String
    /// The causes of the error, outermost first (only codec errors have them).
    public let chain: [String]

    /// An error of `kind` with `message` and `chain`.
    public init(_ kind: Kind, _ message: String, chain: [String] = []) {
        self.kind = kind
        self.message = message
        self.chain = chain
    }

    /// The message, followed by the causes, one per line.
    public var description: String {
        ([message] + chain.map { "caused by: \($0)" }).joined(separator: "\n")
    }
}
