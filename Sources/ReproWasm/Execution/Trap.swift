/// Why execution trapped: one byte, so the interpreter can throw it without allocating.
///
/// The description is the spec's wording (what the official test suite expects).
public enum TrapCode: UInt8, Error, Sendable, CustomStringConvertible {
    /// `unreachable` was executed.
    case unreachable
    /// Integer division or remainder by zero.
    case integerDivideByZero
    /// Signed division overflow, or a float-to-int conversion out of range.
    case integerOverflow
    /// A trapping float-to-int conversion of NaN.
    case invalidConversionToInteger
    /// A memory access outside the memory's bounds.
    case outOfBoundsMemoryAccess
    /// A table access outside the table's bounds.
    case outOfBoundsTableAccess
    /// `call_indirect` found a function of another type.
    case indirectCallTypeMismatch
    /// `call_indirect` with an index outside the table.
    case undefinedElement
    /// `call_indirect` found a null reference.
    case uninitializedElement
    /// The call-depth or value-stack limit was exceeded.
    case callStackExhausted
    /// The fuel budget ran out.
    case outOfFuel
    /// The host failed: a host function threw or returned values of the wrong types, or the
    /// embedder called with arguments that do not match. `Trap.hostError` holds the error.
    case hostError
    /// `memory.grow` or `table.grow` asked for a size within the maximum and the store's limits,
    /// but the host could not allocate it (`docs/DETERMINISM.md` §4); the memory or table is unchanged.
    case hostResourceExhausted
    /// An exception no wasm handler caught left the call; `Trap.exception` holds it.
    case uncaughtException
    /// `throw_ref` of a null `exnref`.
    case nullExceptionReference
    /// `call_ref` or `return_call_ref` of a null function reference.
    case nullFunctionReference
    /// `ref.as_non_null` of a null reference.
    case nullReference

    /// The spec's wording.
    public var description: String {
        switch self {
        case .unreachable: "unreachable"
        case .integerDivideByZero: "integer divide by zero"
        case .integerOverflow: "integer overflow"
        case .invalidConversionToInteger: "invalid conversion to integer"
        case .outOfBoundsMemoryAccess: "out of bounds memory access"
        case .outOfBoundsTableAccess: "out of bounds table access"
        case .indirectCallTypeMismatch: "indirect call type mismatch"
        case .undefinedElement: "undefined element"
        case .uninitializedElement: "uninitialized element"
        case .callStackExhausted: "call stack exhausted"
        case .outOfFuel: "out of fuel"
        case .hostError: "host error"
        case .hostResourceExhausted: "host resource exhausted"
        case .uncaughtException: "uncaught exception"
        case .nullExceptionReference: "null exception reference"
        case .nullFunctionReference: "null function reference"
        case .nullReference: "null reference"
        }
    }
}

/// A trap: what went wrong and where.
///
/// The store and its instances stay usable after a trap; the instruction counter keeps every
/// increment made before it. The description is one line: the spec's wording, the host's error
/// if any, then the wasm function (its index and its name, from the name section or else an export)
/// and the byte offset in the module of the instruction that trapped.
///
///     do {
///         try run()
///     } catch let trap as Trap where trap.code == .outOfFuel {
///         store.fuel = 1_000_000   // refuel; the next call continues
///     }
///     // e.g. "integer divide by zero in function 2 \"div\" at offset 0x4f"
public struct Trap: Error, CustomStringConvertible {
    /// What went wrong.
    public let code: TrapCode
    /// The index of the function that trapped (in its module's function index space), if in wasm code.
    public let functionIndex: UInt32?
    /// The function's name: from the name section when the module has one there, else the first name
    /// the function is exported under.
    public let functionName: String?
    /// The position of the trapping instruction in the function's internal code (the word index
    /// `repro-wasm inspect --code` lists; one more for the store half of a fused load and store),
    /// if in wasm code.
    public let codeOffset: Int?
    /// The byte offset, in the module's bytes, of the wasm instruction that trapped, if in wasm
    /// code: the offset `wasm-tools print --print-offsets` or `wasm-objdump -d` show for it.
    ///
    /// Where Lowering fused several instructions into one (a constant into its user, a comparison
    /// into the branch that consumes it), this is the instruction that can trap: the load, the
    /// division, the branch that ran out of fuel.
    public let byteOffset: Int?
    /// For `.hostError`: the error the host function threw (a `Trap` when it came from wasm the host
    /// called), or an `AccessError` for arguments or results of the wrong types.
    public let hostError: (any Error)?
    /// For `.uncaughtException`: the exception, with its tag and payload.
    public let exception: Exception?

    init(
        code: TrapCode, functionIndex: UInt32? = nil, functionName: String? = nil, codeOffset: Int? = nil,
        byteOffset: Int? = nil, hostError: (any Error)? = nil, exception: Exception? = nil
    ) {
        self.exception = exception
        self.code = code
        self.functionIndex = functionIndex
        self.functionName = functionName
        self.codeOffset = codeOffset
        self.byteOffset = byteOffset
        self.hostError = hostError
    }

    /// The trap in the spec's words, then where it happened.
    public var description: String {
        var text = code.description
        if let hostError { text += ": \(hostError)" }
        if let exception { text += " of tag \(exception.tag.type) with \(exception.payload)" }
        if let functionIndex {
            let name = functionName.map { " \"\($0)\"" } ?? ""
            text += " in function \(functionIndex)\(name)"
            if let byteOffset { text += " at offset 0x\(String(byteOffset, radix: 16))" }
        }
        return text
    }
}
