/// What the harness needs from an engine, so each engine's adapter lives in a file that imports only
/// that engine: ReproWasm and WasmKit both export `Module`, `Store`, `Engine`, `Value`, `Instance`, ...
protocol EngineAdapter {
    /// The name in the table and the JSON (`ReproWasm`, `WasmKit`).
    var name: String { get }

    /// Loads a module once, up front, doing whatever the engine does before a first instance
    /// (ReproWasm: decode, validate and lower; WasmKit: parse).
    func load(_ bytes: [UInt8]) throws(RunFailure) -> any LoadedModule

    /// Times bytes to a ready instance, from scratch, split into the engine's phases.
    func measureLoad(_ bytes: [UInt8], variant: LoadVariant) throws(RunFailure) -> LoadSample

    /// Loads a WASI program, runnable any number of times with the engine's WASI.
    func loadWASI(_ bytes: [UInt8]) throws(RunFailure) -> any LoadedWASIProgram
}

/// A WASI program an engine has loaded.
protocol LoadedWASIProgram {
    /// Instantiates the program in a fresh store with the engine's WASI (not timed: arguments
    /// `["prog"] + arguments`, `directory` preopened as `guestDirectory`, standard output captured),
    /// then times `_start`. The result is `exit CODE` and the standard output.
    func timedRun(arguments: [String], directory: String, guestDirectory: String) throws(RunFailure) -> CallSample
}

/// A module an engine has loaded, instantiable any number of times.
protocol LoadedModule {
    /// Instantiates the module in a fresh store (not timed), then times one call of `export`.
    func timedCall(_ export: String, arguments: [Int32]) throws(RunFailure) -> CallSample
}

/// One timed call.
struct CallSample {
    /// The exported call alone: no instantiation, no argument conversion before it.
    var elapsed: Duration
    /// The results as `TYPE:VALUE`, the notation of `expected.tsv`.
    var result: String
    /// Instructions counted by the engine during the call, if it counts (ReproWasm does).
    var instructionCount: UInt64?
}

/// One timed load: bytes in memory to a ready instance.
struct LoadSample {
    var total: Duration
    /// The engine's own phases, in order, adding up to `total`.
    var phases: [(name: String, elapsed: Duration)]
}

/// How much of an engine's compilation a load measurement includes.
enum LoadVariant: String, CaseIterable {
    /// The engine's defaults: for WasmKit, parse + instantiate, with function bodies validated and
    /// translated lazily on their first call.
    case standard
    /// Everything done before the first call: for WasmKit, `compilationMode: .eager`, so every body is
    /// validated and translated during instantiation, as ReproWasm always does.
    case eager
}

/// Why a workload did not produce a value.
enum RunFailure: Error, CustomStringConvertible {
    /// The module did not load or instantiate.
    case load(String)
    /// The module has no exported function of that name.
    case missingExport(String)
    /// The call trapped.
    case trap(String)

    var description: String {
        switch self {
        case .load(let text): "load failed: \(text)"
        case .missingExport(let name): "no exported function \"\(name)\""
        case .trap(let text): "trap: \(text)"
        }
    }
}

/// Formats results the way `expected.tsv` writes them: integers signed, floats as bit patterns.
enum ResultText {
    static func i32(_ bits: UInt32) -> String { "i32:\(Int32(bitPattern: bits))" }
    static func i64(_ bits: UInt64) -> String { "i64:\(Int64(bitPattern: bits))" }
    static func f32(_ bits: UInt32) -> String { "f32:0x" + hex(UInt64(bits), digits: 8) }
    static func f64(_ bits: UInt64) -> String { "f64:0x" + hex(bits, digits: 16) }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
