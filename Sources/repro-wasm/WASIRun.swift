import ReproWASI
import ReproWasm

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `repro-wasm run` for programs that import `wasi_snapshot_preview1`: links the deterministic WASI
/// layer and runs `_start`, exiting with the program's exit code.
enum WASIRun {
    static let usage = """
        WASI programs (modules importing wasi_snapshot_preview1) run `_start` with:
          --dir HOST[::GUEST]              preopen host directory HOST as GUEST (default: HOST), read-only
          --dir-rw HOST[::GUEST]           the same, writable (changes reach HOST)
          --dir-mem HOST[::GUEST]          the same, writable in memory only (HOST is only read)
          --env NAME=VALUE                 an environment variable (none from the host unless given)
          --stdin FILE                     standard input from FILE (default: this process's)
          --clock-start NANOSECONDS        where both virtual clocks start (default 0)
          --                               what follows is the program's arguments after its name
        The process exits with the program's exit code (1 and a message if it traps); --stats prints
        the instruction count on standard error. Clocks and random numbers are virtual and seeded:
        the same program, arguments and files give the same output and count on every run.
        """

    private static let valued: Set<String> = [
        "--invoke", "--fuel", "--max-call-depth", "--max-memory-pages", "--features", "--dir", "--dir-rw", "--dir-mem",
        "--env",
        "--stdin", "--clock-start",
    ]

    /// Runs `arguments` (those after `run`) as a WASI program if the module imports WASI and no
    /// `--invoke` is given; `nil` leaves the command to the plain `run`.
    static func runIfWASI(_ given: [String]) throws -> Int32? {
        let arguments = splittingInlineValues(given)
        guard !arguments.contains(where: { $0 == "--help" || $0 == "-h" }) else { return nil }
        var index = 0
        var path: String?
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument == "--invoke" || argument.hasPrefix("--invoke=") { return nil }
            if valued.contains(argument) {
                index += 2
                continue
            }
            if !argument.hasPrefix("--") {
                path = argument
                break
            }
            index += 1
        }
        // Modules that cannot import WASI (the name is nowhere in the file) go to the plain `run`
        // without being decoded twice. Standard input is read once, by the plain `run`.
        guard let path, path != Input.standardInputPath, let input = try? Input.load(path),
            input.kind != .unrecognized, contains(input.bytes, Array(WASI.moduleName.utf8))
        else { return nil }
        // A bad profile is left to the plain `run`, which reports it.
        let profile = arguments.firstIndex(of: "--features").flatMap {
            $0 + 1 < arguments.count ? arguments[$0 + 1] : nil
        }
        let features: Features
        switch profile ?? "deterministic" {
        case "deterministic": features = .deterministic
        case "full": features = .full
        default: return nil
        }
        if CLI.isComponent(input) || input.holdsComponentText { return nil }
        let module = try CLI.loadModule(input, features: features)
        guard module.imports.contains(where: { $0.module == WASI.moduleName }) else { return nil }
        return try run(module, path: path, arguments, features: features)
    }

    /// Whether `bytes` contains `pattern` anywhere.
    private static func contains(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
        guard let first = pattern.first, bytes.count >= pattern.count else { return pattern.isEmpty }
        var index = 0
        while let found = bytes[index...].firstIndex(of: first), found + pattern.count <= bytes.count {
            if bytes[found..<(found + pattern.count)].elementsEqual(pattern) { return true }
            index = found + 1
        }
        return false
    }

    /// `HOST` or `HOST::GUEST` split at the first `::`.
    private static func splitPreopen(_ spec: String) -> [String] {
        let characters = Array(spec)
        var index = 0
        while index + 1 < characters.count {
            if characters[index] == ":" && characters[index + 1] == ":" {
                return [String(characters[..<index]), String(characters[(index + 2)...])]
            }
            index += 1
        }
        return [spec]
    }

    /// `--name=value` as `--name value`, for the valued options before a lone `--`.
    private static func splittingInlineValues(_ arguments: [String]) -> [String] {
        var result: [String] = []
        for (index, argument) in arguments.enumerated() {
            if argument == "--" {
                result += arguments[index...]
                break
            }
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "="),
                valued.contains(String(argument[..<equals]))
            {
                result += [String(argument[..<equals]), String(argument[argument.index(after: equals)...])]
            } else {
                result.append(argument)
            }
        }
        return result
    }

    private static func run(_ module: Module, path: String, _ arguments: [String], features: Features) throws -> Int32 {
        var preopens: [WASIPreopen] = []
        var environment: [(String, String)] = []
        var stdinPath: String?
        var clockStart: UInt64 = 0
        var programArguments = [path]
        var limitOptions: [String] = []
        var index = 0
        var seenPath = false
        func value(_ name: String) throws -> String {
            guard index + 1 < arguments.count else {
                throw CLI.UsageError(description: "\(name) needs a value", command: "run")
            }
            index += 1
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--":
                programArguments += arguments[(index + 1)...]
                index = arguments.count
                continue
            case "--dir", "--dir-rw", "--dir-mem":
                let spec = try value(argument)
                let parts = splitPreopen(spec)
                guard !parts[0].isEmpty, parts.count == 1 || !parts[1].contains("::") else {
                    throw CLI.UsageError(
                        description: "\(argument) takes HOST or HOST::GUEST, not '\(spec)'", command: "run")
                }
                let directory: WASIDirectory
                do {
                    directory = try WASIDirectory(
                        hostPath: parts[0], writable: argument != "--dir", mirrorsChanges: argument == "--dir-rw")
                } catch {
                    throw CLI.UsageError(description: "\(argument): '\(parts[0])' is not a directory", command: "run")
                }
                preopens.append(WASIPreopen(guestPath: parts.count == 2 ? parts[1] : parts[0], directory: directory))
            case "--env":
                let pair = try value(argument)
                guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                    throw CLI.UsageError(description: "--env takes NAME=VALUE, not '\(pair)'", command: "run")
                }
                environment.append((String(pair[..<equals]), String(pair[pair.index(after: equals)...])))
            case "--stdin":
                stdinPath = try value(argument)
            case "--clock-start":
                let text = try value(argument)
                guard let start = UInt64(text) else {
                    throw CLI.UsageError(
                        description: "--clock-start needs a whole number of nanoseconds, not '\(text)'", command: "run")
                }
                clockStart = start
            case "--stats":
                limitOptions.append(argument)
            default:
                if valued.contains(argument) {
                    limitOptions += [argument, try value(argument)]
                } else if argument.hasPrefix("--") {
                    limitOptions.append(argument)
                } else if !seenPath {
                    seenPath = true
                } else {
                    programArguments.append(argument)
                }
            }
            index += 1
        }
        let options = try CLI.Options(
            command: "run", limitOptions,
            valued: ["--fuel", "--max-call-depth", "--max-memory-pages", "--features"], flags: ["--stats"])
        var limits = StoreLimits()
        if let depth = try options.number("--max-call-depth", in: 1...1_000_000) { limits.maxCallDepth = Int(depth) }
        if let pages = try options.number("--max-memory-pages", in: 0...65536) { limits.maxMemoryPages = Int(pages) }
        let fuel = try options.number("--fuel", in: 0...(UInt64.max - 1))

        let input: WASIInput
        if let stdinPath {
            input = WASIInput(bytes: try Input.readAll(stdinPath))
        } else {
            // A pipe hands over whatever has arrived, so one read(2) would give the program counts that
            // depend on timing; fill the request (or reach the end) before answering.
            input = WASIInput { count in
                var buffer = [UInt8](repeating: 0, count: min(count, 65536))
                var filled = 0
                while filled < buffer.count {
                    let got = buffer.withUnsafeMutableBytes {
                        read(STDIN_FILENO, $0.baseAddress! + filled, $0.count - filled)
                    }
                    if got < 0 && errno == EINTR { continue }
                    if got <= 0 { break }
                    filled += got
                }
                return Array(buffer[0..<filled])
            }
        }
        let wasi = WASI(
            arguments: programArguments, environment: environment, stdin: input,
            stdout: WASIOutput { Output.emit($0, toDescriptor: STDOUT_FILENO) },
            stderr: WASIOutput { Output.emit($0, toDescriptor: STDERR_FILENO) }, preopens: preopens,
            clock: VirtualClock(start: clockStart))
        var imports = Imports()
        wasi.link(into: &imports)
        let store = Store(engine: Engine(features: features, limits: limits, defaultFuel: fuel))
        let instance: Instance
        do {
            instance = try store.instantiate(module, imports: imports)
        } catch {
            switch error {
            case .link(let error):
                CLI.printError("error: \(error)")
                return 2
            case .trap(let trap):
                CLI.printError("trap: \(trap) (in the start function or a segment)")
                return 1
            }
        }
        let code: Int32
        do {
            code = Int32(truncatingIfNeeded: try wasi.run(instance))
        } catch {
            CLI.printError(error.description.hasPrefix("the module") ? "error: \(error)" : "trap: \(error)")
            code = 1
        }
        if options.flags.contains("--stats") {
            CLI.printError("instructions: \(store.instructionCount)")
            CLI.printError("exit code: \(code)")
            CLI.printError("peak memory pages: \(store.memoryPageCount)")
        }
        return code
    }
}
