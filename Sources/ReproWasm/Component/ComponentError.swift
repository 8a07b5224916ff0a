/// Why a component could not be loaded: its file could not be read, its bytes are malformed, it is
/// invalid, or it uses a part of the component model the engine does not implement.
///
/// Every case says where: the byte offset in the component's bytes (for a core module inside the
/// component, the offset of the module and, in the wrapped error, the offset within it).
///
///     do {
///         let component = try Component(contentsOf: "codec.wasm")
///     } catch {
///         print(error)   // e.g. "malformed component: unexpected end (at offset 0x2a)"
///     }
public struct ComponentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The class of problem.
    public enum Kind: Equatable, Sendable {
        /// The file could not be read (`Component(contentsOf:features:)` only).
        case unreadable
        /// The bytes are not a well-formed component.
        case malformed
        /// The component is well formed but breaks a validation rule.
        case invalid
        /// The component uses a feature outside the synchronous WASI 0.2 component model (async,
        /// streams, futures, error-context, value imports, GC options, ...); the message names it.
        case unsupported
        /// The text is not a well-formed component in the text format (`Component(wat:features:)`
        /// only); `textPosition` says where.
        case malformedText
    }

    /// The class of problem.
    public var kind: Kind
    /// What is wrong, in words.
    public var message: String
    /// The byte offset in the component's bytes, when the problem has one.
    public var offset: Int?
    /// For `.malformedText`, the line and column where reading stopped.
    public var textPosition: TextPosition?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, at offset: Int?) {
        self.kind = kind
        self.message = message
        self.offset = offset
    }

    /// A `.malformedText` error for malformed component text: the text error's reason and position.
    public init(text error: TextError) {
        self.init(.malformedText, error.message, at: nil)
        textPosition = TextPosition(line: error.line, column: error.column)
    }

    /// `KIND: MESSAGE (at offset 0x...)`.
    public var description: String {
        let prefix: String =
            switch kind {
            case .unreadable: "cannot load component"
            case .malformed: "malformed component"
            case .invalid: "invalid component"
            case .unsupported: "unsupported component feature"
            case .malformedText: "malformed component text"
            }
        if let textPosition { return "\(prefix): \(textPosition.line):\(textPosition.column): \(message)" }
        guard let offset else { return "\(prefix): \(message)" }
        return "\(prefix): \(message) (at offset 0x\(String(offset, radix: 16)))"
    }

    static func malformed(_ message: String, at offset: Int) -> ComponentError {
        ComponentError(.malformed, message, at: offset)
    }

    static func invalid(_ message: String, at offset: Int) -> ComponentError {
        ComponentError(.invalid, message, at: offset)
    }

    static func unsupported(_ feature: String, at offset: Int) -> ComponentError {
        ComponentError(.unsupported, "\(feature) is not supported", at: offset)
    }

    /// A core decoding error, with its offset made absolute by `base`.
    static func core(_ error: DecodeError, base: Int) -> ComponentError {
        ComponentError(.malformed, error.reason.text, at: base + error.offset)
    }
}
