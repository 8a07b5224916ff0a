/// Why a module could not be loaded: its file could not be read, its text or bytes are malformed, or
/// it is invalid.
///
/// Every case names where the problem is: a path and the system's reason, a line and column, or a
/// byte offset and the spec's wording. `description` is one line.
///
///     do {
///         let module = try Module(contentsOf: "fib.wasm")
///     } catch {
///         print(error)   // e.g. "unexpected end (at offset 0x8)"
///     }
public enum ModuleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read (`Module(contentsOf:features:)` only).
    case unreadable(FileReadError)
    /// The text is not a well-formed module in the text format (`Module(wat:features:)` only).
    case malformedText(TextError)
    /// The bytes are not a well-formed binary module.
    case malformed(DecodeError)
    /// The module is well formed but invalid, or uses a proposal outside the chosen `Features`.
    case invalid(ValidationError)

    /// The underlying error's description.
    public var description: String {
        switch self {
        case .unreadable(let error): error.description
        case .malformedText(let error): error.description
        case .malformed(let error): error.description
        case .invalid(let error): error.description
        }
    }
}
