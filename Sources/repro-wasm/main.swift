import Foundation
import ReproWasm

/// The `repro-wasm` command line: run, validate and inspect modules (binary `.wasm` or text `.wat`), and
/// convert text to binary.
enum CLI {
    static let usage = """
        usage: repro-wasm <command> [options]

        commands:
          run FILE [--invoke NAME] [ARGS...]   run an export (default: _start, or the only exported function)
              --fuel N                         trap with "out of fuel" after N counted instructions
              --max-call-depth N               nested wasm calls allowed (default 10000)
              --max-memory-pages N             largest memory size in pages (default 65536)
              --features deterministic|full    proposals the module may use (default deterministic)
              --stats                          print instructions counted, fuel used and wall time
          validate FILE [--features deterministic|full]
          inspect FILE [--code]                sections, types, imports, exports (and the internal code)
          wat2wasm FILE.wat [-o FILE.wasm]     convert the text format to the binary format
                                               (default output: FILE with the extension .wasm)
        FILE is a binary module, or a text module when its name ends in .wat.
        exit codes: 0 ok, 1 trap, 2 invalid module or usage
        """

    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    static func main() -> Int32 {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard let command = arguments.first else {
            print(usage)
            return 2
        }
        arguments.removeFirst()
        do {
            switch command {
            case "run": return try run(arguments)
            case "validate": return try validate(arguments)
            case "inspect": return try inspect(arguments)
            case "wat2wasm": return try convert(arguments)
            case "--help", "-h", "help":
                print(usage)
                return 0
            default: throw UsageError(description: "unknown command '\(command)'")
            }
        } catch let error as UsageError {
            printError("error: \(error)\n\(usage)")
            return 2
        } catch let error as ModuleError {
            printError("error: \(error)")
            return 2
        } catch let error as TextFileError {
            printError("error: \(error)")
            return 2
        } catch {
            printError("error: \(error)")
            return 2
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write((text + "\n").data(using: .utf8)!)
    }

    /// Options shared by the commands, parsed from `--name value` pairs; the rest are positional.
    struct Options {
        var positional: [String] = []
        var values: [String: String] = [:]
        var flags: Set<String> = []

        init(_ arguments: [String], valued: Set<String>, flags known: Set<String>) throws {
            var index = 0
            while index < arguments.count {
                let argument = arguments[index]
                if valued.contains(argument) {
                    guard index + 1 < arguments.count else { throw UsageError(description: "\(argument) needs a value") }
                    values[argument] = arguments[index + 1]
                    index += 2
                } else if known.contains(argument) {
                    flags.insert(argument)
                    index += 1
                } else if argument.hasPrefix("--") && Int(argument) == nil {
                    throw UsageError(description: "unknown option \(argument)")
                } else {
                    positional.append(argument)
                    index += 1
                }
            }
        }

        func integer(_ name: String) throws -> Int? {
            guard let text = values[name] else { return nil }
            guard let value = Int(text), value >= 0 else { throw UsageError(description: "\(name) needs a number") }
            return value
        }

        func features() throws -> Features {
            switch values["--features"] ?? "deterministic" {
            case "deterministic": return .deterministic
            case "full": return .full
            case let other: throw UsageError(description: "unknown feature profile '\(other)'")
            }
        }
    }

    /// Malformed text in a `.wat` file, reported as `path:line:column: message`.
    struct TextFileError: Error, CustomStringConvertible {
        let path: String
        let error: TextError
        var description: String { "\(path):\(error)" }
    }

    static func loadModule(_ path: String, features: Features) throws -> Module {
        try Module(bytes: try moduleBytes(path), features: features)
    }

    /// The binary module in `path`: the file itself, or for a `.wat` file its text converted.
    static func moduleBytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError(description: "cannot read \(path)")
        }
        guard path.hasSuffix(".wat") else { return [UInt8](data) }
        do {
            // From bytes, not a String: malformed UTF-8 is then reported where it is.
            return try wat2wasm(try SExpression.parse(utf8: [UInt8](data)))
        } catch {
            throw TextFileError(path: path, error: error)
        }
    }

    static func convert(_ arguments: [String]) throws -> Int32 {
        let options = try Options(arguments, valued: ["-o"], flags: [])
        guard options.positional.count == 1 else { throw UsageError(description: "wat2wasm takes one FILE") }
        let input = options.positional[0]
        let bytes = try moduleBytes(input)
        let output =
            options.values["-o"]
            ?? (input.hasSuffix(".wat") ? String(input.dropLast(4)) : input) + ".wasm"
        guard FileManager.default.createFile(atPath: output, contents: Data(bytes)) else {
            throw UsageError(description: "cannot write \(output)")
        }
        return 0
    }

    static func validate(_ arguments: [String]) throws -> Int32 {
        let options = try Options(arguments, valued: ["--features"], flags: [])
        guard options.positional.count == 1 else { throw UsageError(description: "validate takes one FILE") }
        _ = try loadModule(options.positional[0], features: try options.features())
        print("valid")
        return 0
    }

    static func inspect(_ arguments: [String]) throws -> Int32 {
        let options = try Options(arguments, valued: ["--features"], flags: ["--code"])
        guard options.positional.count == 1 else { throw UsageError(description: "inspect takes one FILE") }
        let module = try loadModule(options.positional[0], features: try options.features())
        print(module.summary)
        if options.flags.contains("--code") { print(module.codeListing) }
        return 0
    }

    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try Options(
            arguments, valued: ["--invoke", "--fuel", "--max-call-depth", "--max-memory-pages", "--features"],
            flags: ["--stats"])
        guard let path = options.positional.first else { throw UsageError(description: "run needs a FILE") }
        let features = try options.features()
        var limits = StoreLimits()
        if let depth = try options.integer("--max-call-depth") { limits.maxCallDepth = max(depth, 1) }
        if let pages = try options.integer("--max-memory-pages") { limits.maxMemoryPages = pages }
        let module = try loadModule(path, features: features)
        let store = Store(engine: Engine(features: features, limits: limits))
        if let fuel = try options.integer("--fuel") { store.fuel = UInt64(fuel) }
        let start = ContinuousClock.now
        let instance: Instance
        do {
            instance = try store.instantiate(module)
        } catch {
            printError("error: \(error)")
            if case .trap = error { return 1 }
            return 2
        }
        let name: String
        if let requested = options.values["--invoke"] {
            name = requested
        } else if instance.function(named: "_start") != nil {
            name = "_start"
        } else {
            let functions = instance.exportNames.filter { instance.function(named: $0) != nil }
            guard functions.count == 1 else {
                throw UsageError(description: "name the export to run with --invoke (exports: \(functions.joined(separator: ", ")))")
            }
            name = functions[0]
        }
        guard let function = instance.function(named: name) else {
            throw UsageError(description: "no exported function '\(name)'")
        }
        let type = function.type
        let rawArguments = Array(options.positional.dropFirst())
        guard rawArguments.count == type.parameters.count else {
            throw UsageError(description: "'\(name)' takes \(type.parameters.count) arguments \(type), got \(rawArguments.count)")
        }
        var values: [Value] = []
        for (text, parameter) in zip(rawArguments, type.parameters) {
            guard let value = parseValue(text, as: parameter) else {
                throw UsageError(description: "cannot read '\(text)' as \(parameter)")
            }
            values.append(value)
        }
        let before = store.instructionCount
        let fuelBefore = store.fuel
        let callStart = ContinuousClock.now
        let exitCode: Int32
        do {
            let results = try function.call(values)
            for result in results { print(format(result)) }
            exitCode = 0
        } catch {
            printError("trap: \(error)")
            exitCode = 1
        }
        let callTime = ContinuousClock.now - callStart
        if options.flags.contains("--stats") {
            let counted = store.instructionCount &- before
            printError("instructions: \(counted)")
            if let fuelBefore, let fuelAfter = store.fuel { printError("fuel used: \(fuelBefore - fuelAfter)") }
            printError("call time: \(callTime)")
            printError("total time: \(ContinuousClock.now - start)")
        } else {
            printError("instructions: \(store.instructionCount &- before)")
        }
        return exitCode
    }

    /// Reads an argument: decimal or 0x-hex integers; floats as decimals, `inf`, `nan`, or raw bits `nan:0x...`/`0x...bits`.
    static func parseValue(_ text: String, as type: ValueType) -> Value? {
        func integer(_ text: String) -> UInt64? {
            if text.hasPrefix("0x") { return UInt64(text.dropFirst(2), radix: 16) }
            if text.hasPrefix("-") { return Int64(text).map { UInt64(bitPattern: $0) } }
            return UInt64(text)
        }
        switch type {
        case .i32:
            guard let value = integer(text), value <= UInt64(UInt32.max) || Int64(bitPattern: value) >= Int64(Int32.min)
            else { return nil }
            return .i32(UInt32(truncatingIfNeeded: value))
        case .i64:
            return integer(text).map { .i64($0) }
        case .f32:
            if text.hasPrefix("bits:") { return UInt32(text.dropFirst(7), radix: 16).map { .f32Bits($0) } }
            if text.hasPrefix("nan:0x") { return UInt32(text.dropFirst(6), radix: 16).map { .f32Bits(0x7F80_0000 | $0) } }
            return Float(text).map { .f32($0) }
        case .f64:
            if text.hasPrefix("bits:") { return UInt64(text.dropFirst(7), radix: 16).map { .f64Bits($0) } }
            if text.hasPrefix("nan:0x") { return UInt64(text.dropFirst(6), radix: 16).map { .f64Bits(0x7FF0_0000_0000_0000 | $0) } }
            return Double(text).map { .f64($0) }
        case .v128, .funcRef, .externRef:
            return nil
        }
    }

    static func format(_ value: Value) -> String {
        switch value {
        case .i32(let bits): "\(Int32(bitPattern: bits)) : i32 (0x\(String(bits, radix: 16)))"
        case .i64(let bits): "\(Int64(bitPattern: bits)) : i64 (0x\(String(bits, radix: 16)))"
        case .f32Bits(let bits): "\(Float(bitPattern: bits)) : f32 (0x\(String(bits, radix: 16)))"
        case .f64Bits(let bits): "\(Double(bitPattern: bits)) : f64 (0x\(String(bits, radix: 16)))"
        default: value.description
        }
    }
}

exit(CLI.main())
