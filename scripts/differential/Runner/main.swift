import Foundation
import ReproWasm

// differential-runner: runs modules on ReproWasm for scripts/differential/run.py, through the
// public API only. Reads jobs (JSON lines on standard input, or a file holding a JSON array or JSON
// lines) and writes one JSON report per job, one line each, flushed, so a driver can stream jobs
// through one process and tell which module a crash belongs to. See docs/DIFFERENTIAL.md.

/// What `--help` prints.
let usage = """
    usage: differential-runner [FILE]

    Reads jobs, one JSON object per line (or FILE holding a JSON array or JSON lines; default: standard
    input), and writes one JSON report per job and line:
      job:    {"id": "7", "module": "m.wasm", "calls": [{"export": "f", "args": [1, 2143289344, "<32 hex>"]}],
               "fuel": 50000000, "memoryBytes": false}
      report: {"id": "7", "load": "ok", "instantiate": {"status": "ok"}, "calls": [...], "memories": [...],
               "globals": [...], "tables": [...], "instructions": N}
    Arguments are raw bits: i32/i64 and f32/f64 bit patterns as unsigned numbers, v128 as 32 hex digits
    (most significant first). A call's status is ok (results as type:0xBITS), trap (the contract's trap
    name), exhausted (call stack exhausted, out of fuel) or error (a bad job).
    """

/// Writes one report as a line on standard output and flushes it.
func emit(_ report: Report, with encoder: JSONEncoder) {
    let data = (try? encoder.encode(report)) ?? Data(#"{"load":"runner could not encode the report"}"#.utf8)
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}

/// Runs the job in `line` (blank lines are skipped); a line that is not a job gets an error report.
func process(_ line: Substring, runner: Runner, decoder: JSONDecoder, encoder: JSONEncoder) {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty { return }
    do {
        let job = try decoder.decode(Job.self, from: Data(trimmed.utf8))
        emit(runner.run(job), with: encoder)
    } catch {
        emit(Report(id: nil, load: "bad job: \(error)"), with: encoder)
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--help") || arguments.contains("-h") || arguments.count > 1 {
    print(usage)
    exit(arguments.count > 1 ? 2 : 0)
}
let runner = Runner()
let decoder = JSONDecoder()
let encoder = JSONEncoder()
encoder.outputFormatting = [.withoutEscapingSlashes]

if let path = arguments.first {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write(Data("differential-runner: cannot read \(path)\n".utf8))
        exit(2)
    }
    if text.drop(while: \.isWhitespace).first == "[" {
        do {
            for job in try decoder.decode([Job].self, from: data) { emit(runner.run(job), with: encoder) }
        } catch {
            FileHandle.standardError.write(
                Data("differential-runner: \(path) is not a JSON array of jobs: \(error)\n".utf8))
            exit(2)
        }
    } else {
        for line in text.split(separator: "\n") { process(line, runner: runner, decoder: decoder, encoder: encoder) }
    }
} else {
    while let line = readLine(strippingNewline: true) {
        process(Substring(line), runner: runner, decoder: decoder, encoder: encoder)
    }
}
