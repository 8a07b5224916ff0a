/// Why the host's use of a store's function, memory, table or global was refused.
///
/// These are errors of the embedding code (or of a pointer a module handed to a host function), not
/// traps of wasm code: nothing ran and nothing changed. Inside a host function, throwing one turns
/// the call into a `Trap` with code `.hostError` that carries it.
///
///     do {
///         let word: UInt32 = try memory.load(at: 65_534)
///     } catch {
///         print(error)   // "out of bounds memory access: 4 bytes at offset 65534 of a 65536-byte memory"
///     }
public enum AccessError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `count` bytes at `offset` are not all inside a memory of `byteCount` bytes.
    case memoryOutOfBounds(offset: Int, count: Int, byteCount: Int)
    /// `index` is not an element of a table with `count` elements.
    case tableOutOfBounds(index: Int, count: Int)
    /// Values of other types than the target takes: a call's arguments, a global's new value, a
    /// table's new element, a host function's results.
    case typeMismatch(expected: [ValueType], actual: [ValueType])
    /// `Function.typed` asked for another signature than the function's.
    case signatureMismatch(expected: FunctionType, actual: FunctionType)
    /// `Global.set` on an immutable global.
    case immutableGlobal
    /// A function or exception reference, function, memory, table or global of another store.
    case foreignStore
    /// Growing a memory or table to `byteCount` bytes is within its maximum, but the host could not
    /// allocate them (`docs/DETERMINISM.md` §4). Nothing changed.
    case hostResourceExhausted(byteCount: Int)

    /// What was refused, in one line.
    public var description: String {
        switch self {
        case .memoryOutOfBounds(let offset, let count, let byteCount):
            "out of bounds memory access: \(count) bytes at offset \(offset) of a \(byteCount)-byte memory"
        case .tableOutOfBounds(let index, let count):
            "out of bounds table access: index \(index) of a table of \(count) elements"
        case .typeMismatch(let expected, let actual):
            "type mismatch: expected \(Self.list(expected)), got \(Self.list(actual))"
        case .signatureMismatch(let expected, let actual):
            "signature mismatch: the function is \(expected), not \(actual)"
        case .immutableGlobal:
            "global is immutable"
        case .foreignStore:
            "the value belongs to another store"
        case .hostResourceExhausted(let byteCount):
            "host resource exhausted: could not allocate \(byteCount) bytes"
        }
    }

    private static func list(_ types: [ValueType]) -> String { "(\(types.map(\.description).joined(separator: ", ")))" }
}
