/// Why a module could not be loaded: its text or bytes are malformed, or it is invalid.
public enum ModuleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not a well-formed module in the text format (`Module(wat:features:)` only).
    case malformedText(TextError)
    /// The bytes are not a well-formed binary module.
    case malformed(DecodeError)
    /// The module is well formed but invalid, or uses a proposal outside the chosen `Features`.
    case invalid(ValidationError)

    /// The underlying error's description.
    public var description: String {
        switch self {
        case .malformedText(let error): error.description
        case .malformed(let error): error.description
        case .invalid(let error): error.description
        }
    }
}
