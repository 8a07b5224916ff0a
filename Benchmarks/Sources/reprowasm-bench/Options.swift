/// The command line.
struct Options {
    /// Timed repetitions per engine and workload.
    var repetitions = 5
    /// Only workloads whose name contains this.
    var filter: String?
    /// One repetition of the small arguments: keeps the harness working in CI.
    var quick = false
    /// Where to write the raw results; `nil`: `Benchmarks/results/latest.json`.
    var jsonPath: String?
    /// Which engines to run; one alone lets its peak memory be measured on its own.
    var engines: [String] = ["reprowasm", "wasmkit"]
    /// The folder with `expected.tsv` and `wasm/`; `nil`: `Benchmarks/Workloads`.
    var workloadsPath: String?
    /// Whether to run the codec rows (`CodecRows`) after the workloads.
    var codecRows = true

    static let usage = """
        usage: reprowasm-bench [--repetitions N] [--filter SUBSTRING] [--quick] [--json PATH]
                               [--engine reprowasm|wasmkit|both] [--workloads DIR] [--no-codecs]

          --repetitions N    timed calls per engine and workload, interleaved between engines (default 5)
          --filter TEXT      only workloads whose name contains TEXT (e.g. fib, dot, load)
          --quick            1 repetition with the small arguments of expected.tsv (what CI runs)
          --json PATH        raw results (default Benchmarks/results/latest.json)
          --engine NAME      run one engine only, e.g. to read its own peak memory (default both)
          --workloads DIR    folder with expected.tsv and wasm/ (default Benchmarks/Workloads)
          --no-codecs        skip the codec rows (numcodecs-wasm codecs, ReproWasm beside
                             numcodecs-wasm 0.2.5); --filter codec runs only them

        Exit status: 0 when every engine that ran agrees with expected.tsv (an engine trapping with
        "instruction not implemented" is reported but tolerated), 1 on any disagreement or failure,
        2 on a usage error.
        """

    static func parse(_ arguments: [String]) throws(HarnessError) -> Options {
        var options = Options()
        var explicitRepetitions = false
        var rest = arguments[...]
        func value(for flag: String) throws(HarnessError) -> String {
            guard let next = rest.popFirst() else { throw .usage("\(flag) needs a value") }
            return next
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--repetitions", "-n":
                guard let count = Int(try value(for: argument)), count > 0 else {
                    throw .usage("--repetitions needs a positive number")
                }
                options.repetitions = count
                explicitRepetitions = true
            case "--filter":
                options.filter = try value(for: argument)
            case "--quick":
                options.quick = true
            case "--json":
                options.jsonPath = try value(for: argument)
            case "--engine":
                switch try value(for: argument).lowercased() {
                case "reprowasm": options.engines = ["reprowasm"]
                case "wasmkit": options.engines = ["wasmkit"]
                case "both": options.engines = ["reprowasm", "wasmkit"]
                case let other: throw .usage("unknown engine \(other) (reprowasm, wasmkit or both)")
                }
            case "--workloads":
                options.workloadsPath = try value(for: argument)
            case "--no-codecs":
                options.codecRows = false
            case "--help", "-h":
                throw .helpRequested
            default:
                throw .usage("unknown argument \(argument)")
            }
        }
        if options.quick && !explicitRepetitions { options.repetitions = 1 }
        return options
    }
}

/// Why the harness itself could not run (as opposed to an engine failing a workload).
enum HarnessError: Error, CustomStringConvertible {
    case usage(String)
    case helpRequested
    case badExpectedTable(line: Int, String)
    case unreadable(path: String)
    case unwritable(path: String, String)

    var description: String {
        switch self {
        case .usage(let text): text
        case .helpRequested: "help requested"
        case .badExpectedTable(let line, let text): "expected.tsv line \(line): \(text)"
        case .unreadable(let path): "cannot read \(path)"
        case .unwritable(let path, let text): "cannot write \(path): \(text)"
        }
    }
}
