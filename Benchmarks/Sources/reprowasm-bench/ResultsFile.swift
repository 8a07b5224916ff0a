import Foundation

/// The JSON written after each run: every raw timing, and what produced it.
///
/// `scripts/others.py` reads it and adds more engines (wasm3, wasmtime) under `workloads[].engines`.
struct ResultsFile: Codable {
    struct Settings: Codable {
        var repetitions: Int
        var quick: Bool
        var filter: String?
        var engines: [String]
    }

    struct EngineRecord: Codable {
        /// Each repetition's timed part, in order, in nanoseconds.
        var timingsNs: [Int64]
        var medianNs: Int64?
        var minNs: Int64?
        var maxNs: Int64?
        /// Load rows: each phase's timings, in nanoseconds.
        var phasesNs: [String: [Int64]]?
        var result: String?
        var instructionCount: UInt64?
        var failure: String?
        var note: String?
    }

    struct WorkloadRecord: Codable {
        var name: String
        var module: String
        /// `call` or `load`.
        var kind: String
        var export: String?
        var arguments: [Int32]?
        var expected: String?
        var engines: [String: EngineRecord]
        var ratio: Double?
        var verdict: String
        var notes: [String]
    }

    var schema = 1
    var date: String
    var git: GitInfo
    var machine: MachineInfo
    var settings: Settings
    /// How each engine was configured.
    var engineConfigurations: [String: String]
    var workloads: [WorkloadRecord]
    var summary: Summary
    /// The codec rows (`CodecRows`), when they ran.
    var codecRows: [CodecRows.Row]?

    init(
        rows: [RowOutcome], summary: Summary, options: Options, engineNames: [String], loadAverageAtStart: String,
        codecRows: [CodecRows.Row]? = nil
    ) {
        date = ISO8601DateFormatter().string(from: Date())
        git = .current()
        machine = .current(loadAverageAtStart: loadAverageAtStart)
        settings = Settings(
            repetitions: options.repetitions, quick: options.quick, filter: options.filter, engines: engineNames)
        engineConfigurations = [
            "ReproWasm": "Features.deterministic, default StoreLimits, no fuel; Module(bytes:) decodes, validates "
                + "and lowers; instruction counting always on",
            "WasmKit": "0.4.2, default EngineConfiguration plus .simd; calls use compilationMode .eager so "
                + "translation happens while instantiating, outside the timed call; 'large (load)' uses the "
                + "default .lazy mode, 'large (load, eager)' .eager",
        ].filter { engineNames.contains($0.key) }
        workloads = rows.map(Self.record)
        self.summary = summary
        self.codecRows = codecRows
    }

    private static func record(_ row: RowOutcome) -> WorkloadRecord {
        var engines: [String: EngineRecord] = [:]
        for outcome in row.engines {
            let nanoseconds = outcome.samples.map(Stats.nanoseconds)
            var phases: [String: [Int64]]?
            if !outcome.phases.isEmpty {
                phases = Dictionary(
                    outcome.phases.map { ($0.name, $0.samples.map(Stats.nanoseconds)) }, uniquingKeysWith: { a, _ in a }
                )
            }
            engines[outcome.engine] = EngineRecord(
                timingsNs: nanoseconds, medianNs: outcome.median.map(Stats.nanoseconds), minNs: nanoseconds.min(),
                maxNs: nanoseconds.max(), phasesNs: phases, result: outcome.result,
                instructionCount: outcome.instructionCount, failure: outcome.failure?.description, note: nil)
        }
        var record = WorkloadRecord(
            name: row.workload.name, module: row.workload.module, kind: "load", engines: engines, ratio: row.ratio,
            verdict: row.verdict.rawValue, notes: row.notes)
        if case .call(let export, let arguments, let expected) = row.workload.kind {
            record.kind = "call"
            record.export = export
            record.arguments = arguments
            record.expected = expected
        }
        if case .wasi(_, _, _, let expected) = row.workload.kind {
            record.kind = "wasi"
            record.expected = expected
        }
        return record
    }

    func write(to path: String) throws(HarnessError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(self)
        } catch {
            throw .unwritable(path: path, "\(error)")
        }
        try FileIO.write(data + Data("\n".utf8), to: path)
    }
}
