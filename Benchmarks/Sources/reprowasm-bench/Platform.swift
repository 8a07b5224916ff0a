import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files, relative to this package when not given.
enum FileIO {
    /// `Benchmarks/`, found from this source file so the harness runs from any directory.
    static let benchmarksFolder: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Sources/reprowasm-bench/Platform.swift
        return url.path
    }()

    static var repositoryFolder: String { URL(fileURLWithPath: benchmarksFolder).deletingLastPathComponent().path }

    static func read(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    static func readText(_ path: String) -> String? {
        read(path).map { String(decoding: $0, as: UTF8.self) }
    }

    static func write(_ data: Data, to path: String) throws(HarnessError) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw .unwritable(path: path, "\(error)")
        }
    }
}

enum Math {
    static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    static func log(_ x: Double) -> Double { Foundation.log(x) }
}

/// Formats numbers for the table.
enum Format {
    static func fixed(_ value: Double, decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

    /// Milliseconds with a precision that suits the size: `412.3`, `12.34`, `0.123`.
    static func milliseconds(_ duration: Duration) -> String {
        let ms = Stats.seconds(duration) * 1000
        return fixed(ms, decimals: ms >= 100 ? 1 : ms >= 1 ? 2 : 3)
    }

    static func padded(_ text: String, _ width: Int, right: Bool = false) -> String {
        let count = text.count
        guard count < width else { return text }
        let pad = String(repeating: " ", count: width - count)
        return right ? pad + text : text + pad
    }
}

/// What the results were measured on.
struct MachineInfo: Codable {
    var uname: String
    var cpuModel: String
    var logicalCores: Int
    var memoryBytes: UInt64
    var swiftCompiler: String
    /// `/proc/loadavg` when the run started and ended: other jobs on the machine make timings noisy.
    var loadAverageAtStart: String
    var loadAverageAtEnd: String

    static func current(loadAverageAtStart: String) -> MachineInfo {
        MachineInfo(
            uname: uname(), cpuModel: cpuModel(), logicalCores: ProcessInfo.processInfo.activeProcessorCount,
            memoryBytes: ProcessInfo.processInfo.physicalMemory, swiftCompiler: compilerVersion(),
            loadAverageAtStart: loadAverageAtStart, loadAverageAtEnd: loadAverage())
    }

    /// The 1, 5 and 15 minute load averages.
    static func loadAverage() -> String {
        guard let text = FileIO.readText("/proc/loadavg") else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    private static func uname() -> String {
        var names = utsname()
        #if canImport(Glibc)
            guard Glibc.uname(&names) == 0 else { return "unknown" }
        #else
            guard Darwin.uname(&names) == 0 else { return "unknown" }
        #endif
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        return [
            text(names.sysname), text(names.nodename), text(names.release), text(names.version), text(names.machine),
        ]
        .joined(separator: " ")
    }

    private static func cpuModel() -> String {
        guard let text = FileIO.readText("/proc/cpuinfo") else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return "unknown"
    }

    private static func compilerVersion() -> String {
        // The toolchain on the PATH, normally the one that built the harness.
        if let text = Shell.output(["swift", "--version"]), let first = text.split(separator: "\n").first {
            return String(first)
        }
        #if compiler(>=6.3)
            return "Swift 6.3 or later"
        #elseif compiler(>=6.2)
            return "Swift 6.2"
        #else
            return "Swift 6.0 or 6.1"
        #endif
    }
}

/// The commit the engine was built from.
struct GitInfo: Codable {
    var commit: String
    /// Uncommitted changes in the work tree when the harness ran.
    var isDirty: Bool

    static func current() -> GitInfo {
        let folder = FileIO.repositoryFolder
        let commit = Shell.output(["git", "-C", folder, "rev-parse", "HEAD"]) ?? "unknown"
        let status = Shell.output(["git", "-C", folder, "status", "--porcelain", "--untracked-files=no"]) ?? ""
        return GitInfo(commit: commit, isDirty: !status.isEmpty)
    }
}

enum Shell {
    /// The standard output of a command found on the PATH, or `nil` if it failed.
    static func output(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

enum ProcessMemory {
    /// The process's peak resident set size so far (`getrusage`'s `ru_maxrss`), in bytes.
    static func peakResidentBytes() -> UInt64 {
        var usage = rusage()
        #if canImport(Glibc)
            guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        #else
            guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
        #endif
        #if canImport(Darwin)
            return UInt64(usage.ru_maxrss)  // bytes on Darwin
        #else
            return UInt64(usage.ru_maxrss) * 1024  // KiB on Linux
        #endif
    }
}

/// Progress and warnings go to standard error, so standard output is just the report.
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
