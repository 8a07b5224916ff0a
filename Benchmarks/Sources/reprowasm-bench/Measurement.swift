/// What one engine did on one workload, over all repetitions.
struct EngineOutcome {
    var engine: String
    /// The timed part of each repetition that completed, in order.
    var samples: [Duration] = []
    /// For load rows: each phase's time per repetition.
    var phases: [(name: String, samples: [Duration])] = []
    /// The result of the first repetition (calls only).
    var result: String?
    /// Set when a later repetition returned something else: a determinism bug, reported as a mismatch.
    var inconsistentResult: String?
    /// Instructions counted during the call (the same in every repetition, or it is a determinism bug).
    var instructionCount: UInt64?
    var inconsistentCount: UInt64?
    /// Why the engine stopped, if it did; later repetitions are then skipped.
    var failure: RunFailure?

    var median: Duration? { Stats.median(samples) }
}

/// What happened on one workload.
struct RowOutcome {
    enum Verdict: String {
        /// Every engine that ran returned the expected value (or loaded, for load rows).
        case ok
        /// At least one engine reported "instruction not implemented"; the others agree.
        case incomplete
        /// An engine returned a value other than expected, or other than the other engine's.
        case mismatch
        /// An engine failed to load, lacked the export, or trapped.
        case failed
    }

    var workload: Workload
    var engines: [EngineOutcome]
    var verdict: Verdict = .ok
    /// Why the verdict is not `ok`, in words.
    var notes: [String] = []

    func engine(_ name: String) -> EngineOutcome? { engines.first { $0.engine == name } }

    /// ReproWasm's median over WasmKit's, when both ran.
    var ratio: Double? {
        guard let ours = engine("ReproWasm")?.median, let theirs = engine("WasmKit")?.median,
            theirs > .zero
        else { return nil }
        return Stats.seconds(ours) / Stats.seconds(theirs)
    }
}

/// Runs the workloads: per workload, the engines take turns on each repetition, so drift in the
/// machine's speed (other jobs, frequency changes) falls on both alike.
struct Runner {
    let adapters: [any EngineAdapter]
    let repetitions: Int
    let wasmFolder: String

    func run(_ workload: Workload, progress: (String) -> Void) throws(HarnessError) -> RowOutcome {
        let path = workload.modulePath ?? wasmFolder + "/" + workload.module + ".wasm"
        guard let bytes = FileIO.read(path) else { throw .unreadable(path: path) }
        var outcomes = adapters.map { EngineOutcome(engine: $0.name) }
        switch workload.kind {
        case .call(let export, let arguments, _):
            loadThenTime(
                workload, bytes, into: &outcomes, progress: progress,
                load: { adapter, bytes throws(RunFailure) in try adapter.load(bytes) },
                run: { module throws(RunFailure) in try module.timedCall(export, arguments: arguments) })
        case .wasi(let arguments, let directory, let guestDirectory, _):
            loadThenTime(
                workload, bytes, into: &outcomes, progress: progress,
                load: { adapter, bytes throws(RunFailure) in try adapter.loadWASI(bytes) },
                run: { program throws(RunFailure) in
                    try program.timedRun(arguments: arguments, directory: directory, guestDirectory: guestDirectory)
                })
        case .load(let variant):
            for repetition in 1...repetitions {
                progress("\(workload.name): repetition \(repetition)/\(repetitions)")
                for index in adapters.indices where outcomes[index].failure == nil {
                    do {
                        record(try adapters[index].measureLoad(bytes, variant: variant), into: &outcomes[index])
                    } catch {
                        outcomes[index].failure = error
                    }
                }
            }
        }
        var row = RowOutcome(workload: workload, engines: outcomes)
        judge(&row)
        return row
    }

    /// Loads the workload once per engine, then times `run` on what loaded, engines interleaved in
    /// every repetition; a failure ends that engine's row.
    private func loadThenTime<Loaded>(
        _ workload: Workload, _ bytes: [UInt8], into outcomes: inout [EngineOutcome], progress: (String) -> Void,
        load: (any EngineAdapter, [UInt8]) throws(RunFailure) -> Loaded,
        run: (Loaded) throws(RunFailure) -> CallSample
    ) {
        var loaded: [Loaded?] = []
        for index in adapters.indices {
            do {
                loaded.append(try load(adapters[index], bytes))
            } catch {
                outcomes[index].failure = error
                loaded.append(nil)
            }
        }
        for repetition in 1...repetitions {
            progress("\(workload.name): repetition \(repetition)/\(repetitions)")
            for index in adapters.indices {
                guard let item = loaded[index], outcomes[index].failure == nil else { continue }
                do {
                    record(try run(item), into: &outcomes[index])
                } catch {
                    outcomes[index].failure = error
                }
            }
        }
    }

    private func record(_ sample: CallSample, into outcome: inout EngineOutcome) {
        outcome.samples.append(sample.elapsed)
        if let first = outcome.result {
            if sample.result != first { outcome.inconsistentResult = sample.result }
        } else {
            outcome.result = sample.result
        }
        if let count = sample.instructionCount {
            if let first = outcome.instructionCount {
                if count != first { outcome.inconsistentCount = count }
            } else {
                outcome.instructionCount = count
            }
        }
    }

    private func record(_ sample: LoadSample, into outcome: inout EngineOutcome) {
        outcome.samples.append(sample.total)
        for (name, elapsed) in sample.phases {
            if let index = outcome.phases.firstIndex(where: { $0.name == name }) {
                outcome.phases[index].samples.append(elapsed)
            } else {
                outcome.phases.append((name, [elapsed]))
            }
        }
    }

    /// Compares each engine with `expected.tsv` and with the other engine.
    private func judge(_ row: inout RowOutcome) {
        var verdict = RowOutcome.Verdict.ok
        func worsen(_ candidate: RowOutcome.Verdict) {
            let order: [RowOutcome.Verdict] = [.ok, .incomplete, .failed, .mismatch]
            if order.firstIndex(of: candidate)! > order.firstIndex(of: verdict)! { verdict = candidate }
        }
        for outcome in row.engines {
            if let failure = outcome.failure {
                worsen(.failed)
                row.notes.append("\(outcome.engine): \(failure)")
            }
            if let other = outcome.inconsistentResult {
                worsen(.mismatch)
                row.notes.append("\(outcome.engine) returned \(outcome.result ?? "?") and later \(other)")
            }
            if let other = outcome.inconsistentCount {
                worsen(.mismatch)
                row.notes.append(
                    "\(outcome.engine) counted \(outcome.instructionCount ?? 0) instructions and later \(other)")
            }
        }
        let expectedResult: String? =
            switch row.workload.kind {
            case .call(_, _, let expected): expected
            case .wasi(_, _, _, let expected): "exit 0\n" + expected
            case .load: nil
            }
        if let expected = expectedResult {
            for outcome in row.engines {
                if let result = outcome.result, result != expected {
                    worsen(.mismatch)
                    row.notes.append(
                        "\(outcome.engine) returned \(result.debugDescription), expected \(expected.debugDescription)")
                }
            }
            let results = row.engines.compactMap(\.result)
            if Set(results).count > 1 {
                worsen(.mismatch)
                row.notes.append(
                    "the engines disagree: "
                        + row.engines.map { "\($0.engine) \($0.result ?? "-")" }
                        .joined(separator: ", "))
            }
        }
        row.verdict = verdict
    }
}

/// Medians and friends over durations.
enum Stats {
    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let parts = duration.components
        return parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
    }

    /// The middle sample; for an even count, the mean of the two middle ones.
    static func median(_ samples: [Duration]) -> Duration? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static func geometricMean(_ values: [Double]) -> Double? {
        guard !values.isEmpty, values.allSatisfy({ $0 > 0 }) else { return nil }
        return Math.exp(values.map(Math.log).reduce(0, +) / Double(values.count))
    }
}
