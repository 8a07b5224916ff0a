import Foundation
import ReproWasm

/// Why a command was not run. The text is what the summary prints.
enum SkipReason: String {
    case textModule = "text-format module (needs the .wat parser)"
    case needsInterpreter = "needs the interpreter"
    case needsCustomSectionChecks = "custom-section annotation check (needs the annotation reader)"
    case unknownCommand = "unknown command type"
}

/// The outcome of one script.
struct FileResult {
    var file: String
    var passed = 0
    var failed = 0
    var skipped = 0
    /// (line, expected, got), in script order.
    var failures: [(line: Int, expected: String, got: String)] = []
    var skipReasons: [String: Int] = [:]
    /// Passed and failed counts per command type (`module`, `assert_invalid`, ...).
    var byCommand: [String: (passed: Int, failed: Int)] = [:]

    mutating func skip(_ reason: SkipReason, detail: String? = nil) {
        skipped += 1
        skipReasons[detail.map { "\(reason.rawValue) (\($0))" } ?? reason.rawValue, default: 0] += 1
    }

    mutating func fail(line: Int, expected: String, got: String) {
        failed += 1
        failures.append((line, expected, got))
    }
}

/// Runs the module-level commands of the spec scripts through the public API.
struct Runner {
    let suiteDirectory: URL
    let manifest: Manifest
    /// When set, every file runs with these features instead of its profile's.
    let featureOverride: Features?
    let verbose: Bool

    /// Time spent inside `Module(bytes:features:)`: decoding and validation only, no file I/O.
    private(set) var loadTime: Duration = .zero

    init(suiteDirectory: URL, manifest: Manifest, featureOverride: Features?, verbose: Bool) {
        self.suiteDirectory = suiteDirectory
        self.manifest = manifest
        self.featureOverride = featureOverride
        self.verbose = verbose
    }

    mutating func run(_ entry: ManifestEntry) -> FileResult {
        var result = FileResult(file: entry.file)
        let features: Features = featureOverride ?? (entry.profile == .full ? .full : .deterministic)
        let directory = suiteDirectory.appendingPathComponent(entry.directory)
        let commands: [Command]
        do {
            commands = try ScriptParser.parse(contentsOf: suiteDirectory.appendingPathComponent(entry.jsonPath))
        } catch {
            result.fail(line: 0, expected: "a readable script", got: "\(error)")
            return result
        }

        for command in commands {
            let before = (result.passed, result.failed)
            run(command, in: directory, file: entry.file, features: features, into: &result)
            if result.passed > before.0 { result.byCommand[command.typeName, default: (0, 0)].passed += 1 }
            if result.failed > before.1 { result.byCommand[command.typeName, default: (0, 0)].failed += 1 }
            if verbose {
                let outcome = result.passed > before.0 ? "pass" : result.failed > before.1 ? "FAIL" : "skip"
                print("  line \(command.line) \(command.typeName): \(outcome)")
            }
        }
        return result
    }

    private mutating func run(
        _ command: Command, in directory: URL, file: String, features: Features, into result: inout FileResult
    ) {
        switch command {
        case .module(let line, _, let module):
            guard let filename = module.binaryToLoad else { return result.skip(.textModule) }
            switch load(directory.appendingPathComponent(filename), features: features) {
            case .success: result.passed += 1
            case .failure(let error): result.fail(line: line, expected: "module loads", got: error.description)
            }

        case .assertMalformed(let line, let module, let text), .assertInvalid(let line, let module, let text):
            guard let filename = module.binaryToLoad else { return result.skip(.textModule) }
            switch load(directory.appendingPathComponent(filename), features: features) {
            case .success:
                result.fail(line: line, expected: text, got: "module loaded")
            case .failure(let error):
                // The spec tooling accepts a message that starts with the expected text; containing it is
                // the same test for messages that add detail after the spec's words.
                if error.description.contains(text) || manifest.outOfProfile.contains("\(file)\t\(filename)") {
                    result.passed += 1
                } else {
                    result.fail(line: line, expected: text, got: error.description)
                }
            }

        case .moduleDefinition, .moduleInstance, .register, .action, .assertReturn, .assertTrap,
            .assertExhaustion, .assertException, .assertUnlinkable, .assertUninstantiable:
            result.skip(.needsInterpreter)

        case .assertMalformedCustom, .assertInvalidCustom:
            result.skip(.needsCustomSectionChecks)

        case .unknown(_, let type):
            result.skip(.unknownCommand, detail: type)
        }
    }

    /// Decodes and validates one module file, timing only the library call.
    private mutating func load(_ url: URL, features: Features) -> Result<Module, LoadError> {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: url))
        } catch {
            return .failure(.io("cannot read \(url.lastPathComponent): \(error.localizedDescription)"))
        }
        let clock = ContinuousClock()
        let start = clock.now
        defer { loadTime += clock.now - start }
        do {
            return .success(try Module(bytes: bytes, features: features))
        } catch {
            return .failure(.module(error))
        }
    }
}

/// Why a module did not load.
enum LoadError: Error, CustomStringConvertible {
    case io(String)
    case module(ModuleError)

    var description: String {
        switch self {
        case .io(let message): message
        case .module(let error): error.description
        }
    }
}
