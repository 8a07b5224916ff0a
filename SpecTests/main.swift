// The spec-suite runner: runs the converted WebAssembly test suite through ReproWasm's public API, module
// commands (`module`, `assert_malformed`, `assert_invalid`, `assert_unlinkable`, ...) and execution commands
// (`assert_return`, `assert_trap`, ...) alike. Every command it does not run is counted as skipped, with a
// reason.
//
// Usage: spectest [--spectest-dir PATH] [--file NAME]... [--features deterministic|full]
//                 [--fuel N] [--no-partial] [--json | --cross-check] [--verbose]
//
// Scripts are read from the `.wast` originals (`wast/<file>.wast`) through the library's text parser.
//   --json         read the json conversion instead (`json/<file>/<base>.json` and its module files)
//   --cross-check  read both, compare the commands each front end makes and whether their modules load
//                  the same way, and run nothing
//   --fuel N      the fuel each instantiation and action gets, a guard against an engine loop (default 10^9)
//   --no-partial  do not run the partial out-of-profile scripts (their in-profile modules run by default)
//
// The suite is found at --spectest-dir, else $SPECTEST_DIR, else ../shared/spectest relative to the current
// directory. The last line is always "N passed, N failed, N skipped"; the exit code is 1 when anything failed.

import Foundation
import ReproWasm

struct Options {
    static let usage = """
        usage: spectest [--spectest-dir PATH] [--file NAME]... [--features deterministic|full]
                        [--fuel N] [--no-partial] [--json | --cross-check] [--verbose]

        Runs the WebAssembly spec suite's scripts through ReproWasm and ends with
        "N passed, N failed, N skipped" (exit code 1 when anything failed, 2 for usage or a missing suite).

        options:
          --spectest-dir PATH   the suite (manifest.tsv, wast/, json/); default $SPECTEST_DIR, else
                                ../shared/spectest from the current directory
          --file NAME           run only this script (a manifest name such as i32 or
                                proposals/wide-arithmetic/wide-arithmetic); repeatable
          --features PROFILE    run every script with deterministic or full instead of its manifest profile
          --fuel N              the fuel each instantiation and action gets, a guard against an engine
                                loop (default 1000000000)
          --no-partial          skip the out-of-profile scripts whose in-profile modules run by default
          --json                read the JSON conversion (json/FILE/*.json) instead of the .wast scripts
          --cross-check         read both forms, compare their commands and how their modules load; run
                                nothing
          --verbose, -v         print each command (line, type) with its outcome
          --help, -h            print this help
        """

    var suiteDirectory: String?
    var files: [String] = []
    var features: Features?
    var verbose = false
    var fuel: UInt64 = 1_000_000_000
    var runPartial = true
    var scriptSource = ScriptSource.wast
    var crossCheck = false

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var iterator = arguments.makeIterator()
        func value(after flag: String) throws -> String {
            guard let value = iterator.next() else { throw ScriptError(description: "\(flag) needs a value") }
            return value
        }
        while let argument = iterator.next() {
            switch argument {
            case "--spectest-dir": options.suiteDirectory = try value(after: argument)
            case "--file": options.files.append(try value(after: argument))
            case "--verbose", "-v": options.verbose = true
            case "--no-partial": options.runPartial = false
            case "--json": options.scriptSource = .json
            case "--cross-check": options.crossCheck = true
            case "--fuel":
                let text = try value(after: argument)
                guard let fuel = UInt64(text) else {
                    throw ScriptError(description: "--fuel needs a count, not \(text)")
                }
                options.fuel = fuel
            case "--features":
                switch try value(after: argument) {
                case "deterministic": options.features = .deterministic
                case "full": options.features = .full
                case let other: throw ScriptError(description: "unknown feature set \(other)")
                }
            case "--help", "-h":
                print(usage)
                exit(0)
            default:
                throw ScriptError(description: "unknown argument \(argument)")
            }
        }
        return options
    }
}

func main() -> Int32 {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.first == "--components" { return runComponentSuite(Array(arguments.dropFirst())) }
    let clock = ContinuousClock()
    let started = clock.now
    let options: Options
    do {
        options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
    } catch {
        FileHandle.standardError.write(Data("spectest: \(error)\n".utf8))
        return 2
    }
    let path =
        options.suiteDirectory ?? ProcessInfo.processInfo.environment["SPECTEST_DIR"]
        ?? FileManager.default.currentDirectoryPath + "/../shared/spectest"
    let suite = URL(fileURLWithPath: path).standardizedFileURL

    let manifest: Manifest
    guard FileManager.default.fileExists(atPath: suite.appendingPathComponent("manifest.tsv").path) else {
        FileHandle.standardError.write(
            Data(
                "spectest: spec suite not found at \(suite.path) (set SPECTEST_DIR or --spectest-dir; see README \"Spec suite\")\n"
                    .utf8))
        return 2
    }
    do {
        manifest = try Manifest(directory: suite)
    } catch {
        // One line: a Foundation error's own description is a multi-field dump.
        let reason = (error as? ScriptError)?.description ?? error.localizedDescription
        FileHandle.standardError.write(Data("spectest: cannot read the suite at \(suite.path): \(reason)\n".utf8))
        return 2
    }

    var entries = manifest.entries
    if !options.files.isEmpty {
        let unknown = options.files.filter { name in !entries.contains { $0.file == name } }
        if !unknown.isEmpty {
            FileHandle.standardError.write(
                Data("spectest: not in the manifest: \(unknown.joined(separator: ", "))\n".utf8))
            return 2
        }
        entries = entries.filter { options.files.contains($0.file) }
    }

    if options.crossCheck {
        return crossCheck(entries, suite: suite, features: options.features, runPartial: options.runPartial)
    }

    var runner = Runner(
        suiteDirectory: suite, manifest: manifest, scriptSource: options.scriptSource,
        featureOverride: options.features, verbose: options.verbose,
        fuelPerCommand: options.fuel)
    var passed = 0
    var failed = 0
    var skipped = 0
    var skipTotals: [String: Int] = [:]
    var commandTotals: [String: (passed: Int, failed: Int, skipped: Int)] = [:]
    var failedFiles = 0
    var textMalformed = (passed: 0, matched: 0)

    for entry in entries {
        if entry.profile == .out && !entry.isRunnable && !(entry.isPartial && options.runPartial) {
            // The engine decides: the file needs a proposal outside `Features.full`.
            let needs = entry.unsupportedFeatures.joined(separator: ",")
            print("SKIP \(entry.file)  (\(entry.commandCount) skipped: needs \(needs); \(entry.note))")
            skipped += entry.commandCount
            skipTotals["out-of-profile file (needs \(needs))", default: 0] += entry.commandCount
            continue
        }
        if options.scriptSource == .json && !entry.hasJSON {
            print("SKIP \(entry.file)  (\(entry.commandCount) skipped: no json conversion; run from the .wast)")
            skipped += entry.commandCount
            skipTotals["no json conversion (--json)", default: 0] += entry.commandCount
            continue
        }
        if options.verbose { print("\(entry.file):") }
        let result = runner.run(entry)
        let partial = entry.isPartial ? " [partial]" : ""
        passed += result.passed
        failed += result.failed
        textMalformed.passed += result.textMalformed.passed
        textMalformed.matched += result.textMalformed.matched
        skipped += result.skipped
        for (type, counts) in result.byCommand {
            commandTotals[type, default: (0, 0, 0)].passed += counts.passed
            commandTotals[type, default: (0, 0, 0)].failed += counts.failed
            commandTotals[type, default: (0, 0, 0)].skipped += counts.skipped
        }
        if result.failed == 0 {
            print("PASS \(entry.file)\(partial)  (\(result.passed) passed, \(result.skipped) skipped)")
        } else {
            failedFiles += 1
            print(
                "FAIL \(entry.file)\(partial)  (\(result.passed) passed, \(result.failed) failed, \(result.skipped) skipped)"
            )
            for failure in result.failures {
                print(
                    "  line \(failure.line): \(failure.what): expected \"\(failure.expected)\" got \"\(failure.got)\"")
            }
        }
        for (reason, count) in sorted(result.skipReasons) {
            print("    skipped \(count): \(reason)")
            skipTotals[reason, default: 0] += count
        }
    }

    print("")
    print("Commands by type (files that ran):")
    for (type, counts) in commandTotals.sorted(by: { $0.key < $1.key }) {
        print("  \(type): \(counts.passed) passed, \(counts.failed) failed, \(counts.skipped) skipped")
    }
    if options.scriptSource == .wast {
        print(
            "Text-form assert_malformed: \(textMalformed.passed) passed, "
                + "\(textMalformed.matched) of them with the suite's wording in the message")
    }
    print("Skipped commands by reason:")
    for (reason, count) in sorted(skipTotals) { print("  \(count)  \(reason)") }
    print(String(format: "Decode + validate time: %.3f s", seconds(runner.loadTime)))
    print(String(format: "Instantiate + execute time: %.3f s", seconds(runner.executionTime)))
    print(String(format: "Wall time: %.3f s", seconds(clock.now - started)))
    print("\(failedFiles) of \(entries.count) files failed")
    print("\(passed) passed, \(failed) failed, \(skipped) skipped")
    return failed == 0 ? 0 : 1
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Reasons by count (largest first), then by name, so the output is the same on every run.
func sorted(_ counts: [String: Int]) -> [(String, Int)] {
    counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
}

exit(main())
