/// The headline figures of a run, computed from the rows.
struct Summary: Codable {
    /// Geometric mean of ReproWasm/WasmKit over the scalar call rows where both engines ran.
    var geometricMeanRatio: Double?
    var scalarWorkloadsInMean: [String]
    /// Scalar rows left out of the mean because an engine produced no time.
    var scalarWorkloadsMissing: [String]
    var worstRatio: Double?
    var worstRatioWorkload: String?
    /// The same mean over the workloads added in issue #23 alone (`Workload.addedModules`).
    var addedGeometricMeanRatio: Double?
    var addedWorkloadsInMean: [String] = []
    /// Every scalar row's ratio, slowest relative to WasmKit first.
    var scalarRatios: [ScalarRatio] = []

    struct ScalarRatio: Codable {
        var workload: String
        var ratio: Double
        var added: Bool
    }
    /// ReproWasm's dot_scalar median over its dot_simd median.
    var simdSpeedupOverScalar: Double?
    /// WasmKit's dot_simd median over ReproWasm's.
    var simdSpeedupOverWasmKit: Double?
    /// ReproWasm/WasmKit for loading large.wasm, WasmKit lazy (its default) and eager.
    var loadRatio: Double?
    var loadRatioEager: Double?
    var peakResidentBytes: UInt64

    init(rows: [RowOutcome], peakResidentBytes: UInt64) {
        var ratios: [(String, Double)] = []
        var missing: [String] = []
        for row in rows where row.workload.isScalarCall {
            if let ratio = row.ratio {
                ratios.append((row.workload.name, ratio))
            } else {
                missing.append(row.workload.name)
            }
        }
        geometricMeanRatio = Stats.geometricMean(ratios.map(\.1))
        scalarWorkloadsInMean = ratios.map(\.0)
        scalarWorkloadsMissing = missing
        let added = rows.filter(\.workload.isAddedScalarCall).compactMap { row in
            row.ratio.map { (row.workload.name, $0) }
        }
        addedGeometricMeanRatio = Stats.geometricMean(added.map(\.1))
        addedWorkloadsInMean = added.map(\.0)
        let addedNames = Set(addedWorkloadsInMean)
        scalarRatios = ratios.sorted { $0.1 > $1.1 }.map {
            ScalarRatio(workload: $0.0, ratio: $0.1, added: addedNames.contains($0.0))
        }
        let worst = ratios.max { $0.1 < $1.1 }
        worstRatio = worst?.1
        worstRatioWorkload = worst?.0

        func median(_ name: String, _ engine: String) -> Double? {
            rows.first { $0.workload.name == name }?.engine(engine)?.median.map(Stats.seconds)
        }
        if let scalar = median("dot_scalar", "ReproWasm"), let simd = median("dot_simd", "ReproWasm"), simd > 0 {
            simdSpeedupOverScalar = scalar / simd
        }
        if let theirs = median("dot_simd", "WasmKit"), let ours = median("dot_simd", "ReproWasm"), ours > 0 {
            simdSpeedupOverWasmKit = theirs / ours
        }
        loadRatio = rows.first { $0.workload.name == "large (load)" }?.ratio
        loadRatioEager = rows.first { $0.workload.name == "large (load, eager)" }?.ratio
        self.peakResidentBytes = peakResidentBytes
    }
}

/// The table printed at the end of a run.
struct TextReport {
    let rows: [RowOutcome]
    let engineNames: [String]
    let summary: Summary
    let options: Options

    func render() -> String {
        var lines: [String] = []
        let sizeNote = options.quick ? "small arguments (--quick)" : "bench arguments"
        lines.append(
            "ReproWasm vs WasmKit 0.4.2: release build, \(sizeNote), \(options.repetitions) repetition(s), "
                + "engines interleaved, fresh instance per call")
        lines.append("times in ms: median (min-max); ratio = ReproWasm median / WasmKit median")
        lines.append(
            "counted: ReproWasm's instruction counter over the call (control-flow instructions, docs/DETERMINISM.md §3); "
                + "ns/count: ReproWasm median / counted")
        lines.append("")
        var header = Format.padded("workload", 20) + Format.padded("args", 12)
        for name in engineNames { header += Format.padded(name, 28) }
        header +=
            Format.padded("ratio", 7, right: true) + Format.padded("counted", 15, right: true)
            + Format.padded("ns/count", 10, right: true) + "  check"
        lines.append(header)
        lines.append(String(repeating: "-", count: header.count + 8))
        for row in rows {
            var line = Format.padded(row.workload.name, 20) + Format.padded(row.workload.argumentText, 12)
            for name in engineNames {
                line += Format.padded(cell(row.engine(name)), 28)
            }
            line += Format.padded(row.ratio.map { Format.fixed($0, decimals: 2) } ?? "-", 7, right: true)
            let ours = row.engine("ReproWasm")
            let count = ours?.instructionCount
            line += Format.padded(count.map(String.init) ?? "-", 15, right: true)
            var perInstruction = "-"
            if let count, count > 0, let median = ours?.median {
                perInstruction = Format.fixed(Stats.seconds(median) * 1e9 / Double(count), decimals: 2)
            }
            line += Format.padded(perInstruction, 10, right: true)
            line += "  " + (row.verdict == .mismatch ? "MISMATCH" : row.verdict.rawValue)
            lines.append(line)
        }
        lines.append("")
        lines.append(contentsOf: summaryLines())
        let notes = rows.flatMap { row in row.notes.map { "  \(row.workload.name): \($0)" } }
        if !notes.isEmpty {
            lines.append("")
            lines.append("notes:")
            lines.append(contentsOf: notes)
        }
        let loadRows = rows.filter { if case .load = $0.workload.kind { true } else { false } }
        if !loadRows.isEmpty {
            lines.append("")
            lines.append("load phases (median ms):")
            for row in loadRows {
                for engine in row.engines where !engine.phases.isEmpty {
                    let phases = engine.phases.map { phase in
                        "\(phase.name) \(Stats.median(phase.samples).map(Format.milliseconds) ?? "-")"
                    }
                    lines.append("  \(row.workload.name), \(engine.engine): " + phases.joined(separator: ", "))
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    private func cell(_ outcome: EngineOutcome?) -> String {
        guard let outcome else { return "-" }
        if let median = outcome.median, let low = outcome.samples.min(), let high = outcome.samples.max() {
            let text = "\(Format.milliseconds(median)) (\(Format.milliseconds(low))-\(Format.milliseconds(high)))"
            return outcome.failure == nil ? text : text + " !"
        }
        guard let failure = outcome.failure else { return "-" }
        // The short form; the full text (function, offset) is in the notes below the table.
        let text = failure.description
        let short = text.range(of: " in function").map { String(text[..<$0.lowerBound]) } ?? text
        return short.count > 27 ? String(short.prefix(26)) + "…" : short
    }

    private func summaryLines() -> [String] {
        var lines: [String] = []
        let ratio = { (value: Double?) in value.map { Format.fixed($0, decimals: 2) } ?? "n/a" }
        let mean = summary.geometricMeanRatio
        lines.append(
            "geometric mean ReproWasm/WasmKit over \(summary.scalarWorkloadsInMean.count) scalar workloads: "
                + ratio(mean))
        if !summary.scalarWorkloadsMissing.isEmpty {
            lines.append(
                "  not in the mean (no time from an engine): " + summary.scalarWorkloadsMissing.joined(separator: ", "))
        }
        if !summary.addedWorkloadsInMean.isEmpty {
            lines.append(
                "geometric mean ReproWasm/WasmKit over the \(summary.addedWorkloadsInMean.count) workloads added in "
                    + "issue #23: " + ratio(summary.addedGeometricMeanRatio))
        }
        if !summary.scalarRatios.isEmpty {
            lines.append(
                "ratios, slowest first (* = added in #23): "
                    + summary.scalarRatios.map { "\($0.workload)\($0.added ? "*" : "") \(ratio($0.ratio))" }
                    .joined(separator: ", "))
        }
        lines.append(
            "slowest relative to WasmKit: \(summary.worstRatioWorkload ?? "n/a") \(ratio(summary.worstRatio))")
        lines.append(
            "SIMD: ReproWasm dot_scalar/dot_simd \(ratio(summary.simdSpeedupOverScalar)), WasmKit/ReproWasm on "
                + "dot_simd \(ratio(summary.simdSpeedupOverWasmKit))")
        lines.append(
            "load of large.wasm, ReproWasm/WasmKit: \(ratio(summary.loadRatio)) against WasmKit's default (lazy: parse "
                + "+ instantiate, bodies translated on first call), \(ratio(summary.loadRatioEager)) against WasmKit "
                + "eager")
        let mib = Double(summary.peakResidentBytes) / 1_048_576
        let scope =
            engineNames.count == 1
            ? "\(engineNames[0]) alone" : "both engines in one process; --engine NAME measures one alone"
        lines.append("peak RSS of this process: \(Format.fixed(mib, decimals: 1)) MiB (\(scope))")
        return lines
    }
}
