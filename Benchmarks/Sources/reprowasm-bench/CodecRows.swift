import Foundation
import ReproCodecs
import ReproWasm

/// The codec rows (issue #21): encode and decode of a 4 MiB f64 array with four numcodecs-wasm
/// codecs, timed in ReproWasm (provider-mode WASI, so the counts are the reference's), and beside
/// them numcodecs-wasm 0.2.5 (wasmtime's optimising JIT) timed on the same input in the same run by
/// `scripts/codec-times.py` in the codec venv.
///
/// Both hosts: the codec is created and one encode and one decode run untimed, then each call is
/// timed `repetitions` times on that codec. Skipped, with a message, when the components or the
/// provider are not in `~/.cache/repro-wasm/codecs` (`scripts/fetch-codecs.sh`), and the
/// numcodecs-wasm column when the venv is missing (`scripts/codec-differential.py` makes it).
struct CodecRows {
    /// The codecs and the configurations timed (configurations from the differential test's lists;
    /// for zfp a lossy mode, as for sz3 and round).
    static let codecs: [(name: String, config: String)] = [
        ("zstd", #"{"level":3}"#),
        ("sz3", #"{"eb_mode":"abs","eb_abs":0.01}"#),
        ("zfp", #"{"mode":"fixed-accuracy","tolerance":0.001}"#),
        ("round", #"{"precision":0.5}"#),
    ]

    struct Row: Codable {
        var codec: String
        var config: String
        var operation: String
        var reproMedianNs: Int64?
        var reproMinNs: Int64?
        var reproMaxNs: Int64?
        var reproInstructions: UInt64?
        var reproOutputBytes: Int?
        var referenceMedianNs: Int64?
        var referenceMinNs: Int64?
        var referenceMaxNs: Int64?
        var referenceInstructions: UInt64?
        var referenceOutputBytes: Int?
        var failure: String?
    }

    var repetitions: Int
    var quick: Bool

    var cacheFolder: String {
        ProcessInfo.processInfo.environment["REPRO_WASM_CODECS"]
            ?? NSHomeDirectory() + "/.cache/repro-wasm/codecs"
    }

    /// The rows, or `nil` (with a message) when the components are not there.
    func run() -> [Row]? {
        let folder = cacheFolder
        let provider = folder + "/wasi-sandboxed-merged.wasm"
        let missing = ([provider] + Self.codecs.map { folder + "/\($0.name).wasm" })
            .filter { !FileManager.default.fileExists(atPath: $0) }
        guard missing.isEmpty else {
            note("codec rows skipped: not in the cache: \(missing.joined(separator: ", ")) (scripts/fetch-codecs.sh)")
            return nil
        }
        let input = Self.input(quick: quick)
        let inputPath = NSTemporaryDirectory() + "reprowasm-bench-codec-\(getpid()).npy"
        defer { try? FileManager.default.removeItem(atPath: inputPath) }
        do {
            try FileIO.write(Data(input.npyBytes()), to: inputPath)
        } catch {
            note("codec rows skipped: \(error)")
            return nil
        }

        var rows: [Row] = []
        for (name, config) in Self.codecs {
            note("codec \(name): ReproWasm")
            rows += timeRepro(name: name, config: config, input: input, folder: folder, provider: provider)
        }
        let reference = timeReference(inputPath: inputPath, folder: folder)
        for index in rows.indices {
            guard let line = reference[rows[index].codec + "/" + rows[index].operation] else { continue }
            rows[index].referenceMedianNs = Int64(line[2])
            rows[index].referenceMinNs = Int64(line[3])
            rows[index].referenceMaxNs = Int64(line[4])
            rows[index].referenceInstructions = UInt64(line[5])
            rows[index].referenceOutputBytes = Int(line[6])
        }
        return rows
    }

    /// A smooth field with some noise-like detail, 512 × 1024 f64 (4 MiB); 64 × 128 with `--quick`.
    static func input(quick: Bool) -> CodecArray {
        let (rows, columns) = quick ? (64, 128) : (512, 1024)
        var values: [Double] = []
        values.reserveCapacity(rows * columns)
        for row in 0..<rows {
            for column in 0..<columns {
                let x = Double(column) / 37.0
                let y = Double(row) / 23.0
                values.append(sin(x) * cos(y) * 100 + sin(Double(row * columns + column) * 0.618) * 0.25)
            }
        }
        return CodecArray(float64: values, shape: [rows, columns])
    }

    private func timeRepro(name: String, config: String, input: CodecArray, folder: String, provider: String) -> [Row] {
        var encodeRow = Row(codec: name, config: config, operation: "encode")
        var decodeRow = Row(codec: name, config: config, operation: "decode")
        do {
            let component = try Component(contentsOf: folder + "/\(name).wasm")
            let host = CodecHost(wasi: try .provider(contentsOf: provider))
            let codec = try Codec(component, configuration: config, host: host)
            let encoded = try codec.encode(input)  // warm-up, untimed, as in codec-times.py
            _ = try codec.decode(encoded)
            func time(_ row: inout Row, _ call: () throws(CodecError) -> CodecArray) throws(CodecError) {
                var samples: [Duration] = []
                let clock = ContinuousClock()
                for _ in 0..<repetitions {
                    let before = codec.instructionCount
                    let started = clock.now
                    let output = try call()
                    samples.append(clock.now - started)
                    row.reproInstructions = codec.instructionCount - before
                    row.reproOutputBytes = output.bytes.count
                }
                row.reproMedianNs = Stats.median(samples).map(Stats.nanoseconds)
                row.reproMinNs = samples.min().map(Stats.nanoseconds)
                row.reproMaxNs = samples.max().map(Stats.nanoseconds)
            }
            try time(&encodeRow) { () throws(CodecError) in try codec.encode(input) }
            try time(&decodeRow) { () throws(CodecError) in try codec.decode(encoded) }
        } catch {
            encodeRow.failure = "\(error)"
            decodeRow.failure = "\(error)"
        }
        return [encodeRow, decodeRow]
    }

    /// `codec-times.py`'s lines by `codec/operation`, split at tabs; empty (with a message) when the
    /// venv is not there or the script fails.
    private func timeReference(inputPath: String, folder: String) -> [String: [String]] {
        let python =
            ProcessInfo.processInfo.environment["REPRO_WASM_CODEC_VENV"].map { $0 + "/bin/python" }
            ?? NSHomeDirectory() + "/.cache/repro-wasm/codec-venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            note("numcodecs-wasm column skipped: no \(python) (scripts/codec-differential.py makes the venv)")
            return [:]
        }
        note("codecs: numcodecs-wasm 0.2.5")
        let script = FileIO.benchmarksFolder + "/scripts/codec-times.py"
        let arguments =
            [script, "--input", inputPath, "--codecs-dir", folder, "--repetitions", "\(repetitions)"]
            + Self.codecs.map { "\($0.name)=\($0.config)" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch {
            note("numcodecs-wasm column skipped: \(error)")
            return [:]
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 { note("codec-times.py exited with \(process.terminationStatus)") }
        var lines: [String: [String]] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: "\t").map(String.init)
            if fields.count == 7 { lines[fields[0] + "/" + fields[1]] = fields }
        }
        return lines
    }

    /// The rows as a table: times in ms, the ratio ReproWasm / numcodecs-wasm, and both counts.
    static func render(_ rows: [Row], quick: Bool) -> String {
        func ms(_ ns: Int64?) -> String {
            guard let ns else { return "-" }
            let value = Double(ns) / 1e6
            return Format.fixed(value, decimals: value >= 100 ? 1 : value >= 1 ? 2 : 3)
        }
        var text =
            "\ncodec rows (\(quick ? "64x128 f64, 64 KiB" : "512x1024 f64, 4 MiB"); median of the timed calls, ms)\n"
        text +=
            Format.padded("codec", 7) + Format.padded("call", 8) + Format.padded("ReproWasm", 11, right: true)
            + Format.padded("numcodecs-wasm", 16, right: true) + Format.padded("ratio", 9, right: true)
            + Format.padded("instructions (both)", 22, right: true) + Format.padded("output bytes", 14, right: true)
            + "\n"
        for row in rows {
            if let failure = row.failure {
                text += Format.padded(row.codec, 7) + Format.padded(row.operation, 8) + "FAILED: \(failure)\n"
                continue
            }
            var ratio = "-"
            if let repro = row.reproMedianNs, let reference = row.referenceMedianNs, reference > 0 {
                ratio = Format.fixed(Double(repro) / Double(reference), decimals: 1) + "x"
            }
            var count = row.reproInstructions.map { "\($0)" } ?? "-"
            if let reference = row.referenceInstructions, reference != row.reproInstructions {
                count += " (ref \(reference))"
            }
            text +=
                Format.padded(row.codec, 7) + Format.padded(row.operation, 8)
                + Format.padded(ms(row.reproMedianNs), 11, right: true)
                + Format.padded(ms(row.referenceMedianNs), 16, right: true) + Format.padded(ratio, 9, right: true)
                + Format.padded(count, 22, right: true)
                + Format.padded(row.reproOutputBytes.map { "\($0)" } ?? "-", 14, right: true) + "\n"
        }
        return text
    }
}
