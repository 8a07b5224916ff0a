// The runner's input and output, as JSON: one job per module in, one report per module out.

/// One module to run: where it is, the exports to call in order, and the fuel each call gets.
///
///     {"id": "7", "module": "/tmp/m7.wasm", "calls": [{"export": "f", "args": [1, 4290772992, "00ff..."]}]}
struct Job: Decodable {
    /// The driver's name for the module, echoed in the report.
    var id: String?
    /// The path of the binary module.
    var module: String
    /// The exports to call, in order, all in one instance.
    var calls: [Call]
    /// The fuel each call (and the instantiation) gets; `Runner.defaultFuel` when absent.
    var fuel: UInt64?
    /// Whether the report should carry every exported memory's bytes in hex (for investigating a
    /// difference; large).
    var memoryBytes: Bool?
}

/// One call of an exported function.
struct Call: Decodable {
    /// The export's name.
    var export: String
    /// The arguments as raw bit patterns, one per parameter.
    var args: [Argument]
    /// Exported globals to set before the call, by name, as raw bits (set in name order).
    var globals: [String: Argument]?
}

/// An argument's bits: a JSON number (the unsigned bit pattern of an i32, i64, f32 or f64), or a
/// string: decimal or `0x` hex for the scalars, 32 hex digits (most significant first, so lane 0 is
/// the last two digits) for a v128.
enum Argument: Decodable, Equatable {
    case number(UInt64)
    case text(String)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(UInt64.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }
}

/// What happened to one call or to the instantiation.
///
/// `status` is `ok` (with `results`), `trap` (with the contract's trap name in `trap`), `exhausted`
/// (a resource limit: `reason` is `call stack exhausted`, `out of fuel` or `host resource exhausted`),
/// or `error` (the job itself was wrong: unknown export, bad arguments; `message` says why).
struct Outcome: Encodable, Equatable {
    var status: String
    var results: [String]? = nil
    var trap: String? = nil
    var reason: String? = nil
    var message: String? = nil

    /// A call that returned `results` (as `type:0xBITS`).
    static func ok(_ results: [String] = []) -> Outcome { Outcome(status: "ok", results: results) }
    /// A job the runner could not carry out, and why.
    static func error(_ message: String) -> Outcome { Outcome(status: "error", message: message) }
}

/// An exported memory after the last call.
struct MemoryReport: Encodable {
    var name: String
    var pages: Int
    var byteCount: Int
    /// SHA-256 of the memory's bytes, lowercase hex.
    var sha256: String
    /// The bytes in hex, only when the job asked for them.
    var hex: String? = nil
}

/// An exported global after the last call.
struct GlobalReport: Encodable {
    var name: String
    var mutable: Bool
    /// The value as `type:0xBITS`.
    var value: String
}

/// An exported table after the last call: its size and, per element, the export name of the
/// function it refers to (`null` for a null reference, `?` for a function no export names).
struct TableReport: Encodable {
    var name: String
    var size: Int
    var elements: [String?]
}

/// Everything the runner saw of one module.
struct Report: Encodable {
    var id: String?
    /// `ok`, or why the module could not be loaded (`Module(bytes:)`'s error, or an unreadable file).
    var load: String
    /// The instantiation's outcome (absent when loading failed).
    var instantiate: Outcome?
    /// One outcome per call, in order (empty when instantiation failed).
    var calls: [Outcome] = []
    var memories: [MemoryReport] = []
    var globals: [GlobalReport] = []
    var tables: [TableReport] = []
    /// The store's instruction counter at the end (ReproWasm's own; no other engine reports it).
    var instructions: UInt64 = 0
}
