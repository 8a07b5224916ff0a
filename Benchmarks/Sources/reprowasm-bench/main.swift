// reprowasm-bench: times ReproWasm against WasmKit on the workloads of `Benchmarks/Workloads`, checks
// that both return what `expected.tsv` says, prints a table and writes the raw numbers as JSON.
//
//     swift run -c release --package-path Benchmarks                 # everything, 5 repetitions
//     swift run -c release --package-path Benchmarks reprowasm-bench --quick
//
// See docs/PERFORMANCE.md for how to read the output.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func runHarness() throws(HarnessError) -> Int32 {
    let options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
    let workloadsFolder = options.workloadsPath ?? FileIO.benchmarksFolder + "/Workloads"
    let tablePath = workloadsFolder + "/expected.tsv"
    guard let table = FileIO.readText(tablePath) else { throw .unreadable(path: tablePath) }

    var suite = makeSuite(from: try ExpectedCase.parse(table), quick: options.quick)
    if let filter = options.filter {
        suite = suite.filter { $0.name.lowercased().contains(filter.lowercased()) }
    }
    let loadsComponent =
        options.engines.contains("reprowasm")
        && options.filter.map { ComponentLoadRow.name.contains($0.lowercased()) } ?? true
    let codecRowsSelected =
        options.codecRows && (options.filter.map { "codec".contains($0.lowercased()) } ?? true)
    guard !suite.isEmpty || loadsComponent || codecRowsSelected else {
        throw .usage("no workload matches --filter \(options.filter ?? "")")
    }

    var adapters: [any EngineAdapter] = []
    if options.engines.contains("reprowasm") { adapters.append(ReproWasmAdapter()) }
    if options.engines.contains("wasmkit") { adapters.append(WasmKitAdapter()) }
    let engineNames = adapters.map(\.name)

    let loadAverageAtStart = MachineInfo.loadAverage()
    let runner = Runner(adapters: adapters, repetitions: options.repetitions, wasmFolder: workloadsFolder + "/wasm")
    var rows: [RowOutcome] = []
    for workload in suite {
        let row = try runner.run(workload, progress: note)
        if row.verdict == .mismatch {
            // Loud, and at once: a wrong checksum makes every timing in the row meaningless.
            note(String(repeating: "!", count: 72))
            note("MISMATCH in \(workload.name):")
            for text in row.notes { note("  \(text)") }
            note(String(repeating: "!", count: 72))
        }
        rows.append(row)
    }

    var codecRows: [CodecRows.Row]?
    if codecRowsSelected {
        codecRows = CodecRows(repetitions: options.repetitions, quick: options.quick).run()
    }

    let summary = Summary(rows: rows, peakResidentBytes: ProcessMemory.peakResidentBytes())
    print(TextReport(rows: rows, engineNames: engineNames, summary: summary, options: options).render())
    if loadsComponent {
        print("\ncomponent load (read + decode + validate; core code lowered per function on first call):")
        for line in ComponentLoadRow(path: ComponentLoadRow.defaultPath, repetitions: options.repetitions).run() {
            print(line)
        }
    }
    if let codecRows { print(CodecRows.render(codecRows, quick: options.quick)) }
    print("load average (1, 5, 15 min) at start: \(loadAverageAtStart), at end: \(MachineInfo.loadAverage())")

    let jsonPath = options.jsonPath ?? FileIO.benchmarksFolder + "/results/latest.json"
    let results = ResultsFile(
        rows: rows, summary: summary, options: options, engineNames: engineNames,
        loadAverageAtStart: loadAverageAtStart, codecRows: codecRows)
    try results.write(to: jsonPath)
    print("\nraw results: \(jsonPath)")

    let bad = rows.filter { $0.verdict == .mismatch || $0.verdict == .failed }
    let badCodecs = (codecRows ?? []).filter { $0.failure != nil }
    if !badCodecs.isEmpty {
        print("\nFAILED codec rows: " + badCodecs.map { "\($0.codec) \($0.operation)" }.joined(separator: ", "))
        return 1
    }
    if !bad.isEmpty {
        print("\nFAILED: " + bad.map { "\($0.workload.name) (\($0.verdict.rawValue))" }.joined(separator: ", "))
        return 1
    }
    return 0
}

do {
    exit(try runHarness())
} catch .helpRequested {
    print(Options.usage)
    exit(0)
} catch {
    note("reprowasm-bench: \(error)")
    if case .usage = error { note(Options.usage) }
    exit(2)
}
