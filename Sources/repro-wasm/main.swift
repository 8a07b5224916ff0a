import ReproWasm

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `repro-wasm` command line: run, validate and inspect modules (binary or text format), and
/// convert text to binary.
///
/// It uses only the library's public API, as any embedder would, and the C library instead of
/// Foundation (which alone doubled the peak memory of a small run). Every failure is one line on
/// standard error; exit codes: 0 ok, 1 trap, 2 invalid module or usage.
enum CLI {
    static let usage = """
        usage: repro-wasm <command> [options]

        commands:
          run FILE [--invoke NAME] [ARGS...]   run an exported function
          validate FILE                        check that FILE is a valid module
          inspect FILE [--code]                sections, types, imports, exports (and the internal code)
          wat2wasm FILE.wat [-o FILE.wasm]     convert the text format to the binary format
          codec CODEC.wasm info|encode|decode  run a numcodecs-wasm codec component on .npy files
          --version, -V                        print the version
        FILE is read by content, whatever its name: a binary module starts with \\0asm, a text module
        with '(' (after blanks, ;; and (; ;) comments). FILE '-' is standard input.
        'repro-wasm <command> --help' describes a command's options.
        exit codes: 0 ok, 1 trap, 2 invalid module or usage
        """

    static let runUsage = """
        usage: repro-wasm run FILE [--invoke NAME] [options] [--] [ARGS...]

        Runs an exported function of FILE (binary or text, '-' for standard input): NAME, else `_start`,
        else the only exported function. ARGS are read by the function's parameter types: integers in
        decimal or 0x-hex (negative allowed), floats as decimals, `inf`, `nan`, `nan:0xPAYLOAD` (a NaN
        with that payload), or `bits:0xRAW` (raw bits).
        Results are printed one per line as `VALUE : TYPE (0xRAWBITS)`.
        A component (without imports) runs its export NAME, or INTERFACE#NAME for a function of an
        exported instance, with ARGS and results in WAVE-like text: `"text"`, `'c'`, `[1, 2]`,
        `{x: 1, y: 2}`, `(1, "a")`, `some(5)`, `none`, `ok("x")`, `err(3)`, `case(payload)`, `{flag-a, flag-b}`.

        options:
          --invoke NAME                    the export to run
          --fuel N                         trap with "out of fuel" after N counted instructions
          --max-call-depth N               nested wasm calls allowed (default 10000)
          --max-memory-pages N             largest size any memory may reach, in 64 KiB pages (default 65536)
          --features deterministic|full    proposals the module may use (default deterministic)
          --stats                          print fuel used (of N with --fuel, else "(unlimited)"), wall
                                           time, peak memory pages and a digest of each exported memory's
                                           bytes (FNV-1a 64)
          --                               what follows is ARGS, even when it starts with --
        The instructions counted are printed on standard error after every run.
        exit codes: 0 ok, 1 trap (the trap on standard error), 2 invalid module or usage

        \(WASIRun.usage)
        """

    static let validateUsage = """
        usage: repro-wasm validate FILE [--features deterministic|full]

        Decodes and validates FILE (binary or text, '-' for standard input); prints `valid`, or the
        first error with its byte offset (line and column for text).
        exit codes: 0 valid, 2 invalid module or usage
        """

    static let inspectUsage = """
        usage: repro-wasm inspect FILE [--code] [--features deterministic|full]

        Prints the types, imports, exports and section counts of FILE's module (binary or text, '-' for
        standard input); with --code, the internal code of every defined function.
        exit codes: 0 ok, 2 invalid module or usage
        """

    static let wat2wasmUsage = """
        usage: repro-wasm wat2wasm FILE.wat [-o FILE.wasm]

        Converts a module from the text format to the binary format. The output is -o's path ('-' for
        standard output), else FILE with the extension .wasm; FILE '-' reads standard input and writes
        standard output unless -o is given. Binary is never written to a terminal. Malformed text is
        reported as FILE:LINE:COLUMN: message (<stdin>:LINE:COLUMN for standard input).
        exit codes: 0 ok, 2 malformed text or usage
        """

    /// Bad command-line input. `command` names the command whose help to point at.
    struct UsageError: Error, CustomStringConvertible {
        let description: String
        var command: String? = nil
    }

    static func main() -> Int32 {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard let command = arguments.first else {
            printError("error: no command (repro-wasm --help for usage)")
            return 2
        }
        arguments.removeFirst()
        do {
            switch command {
            case "run": return try WASIRun.runIfWASI(arguments) ?? run(arguments)
            case "validate": return try validate(arguments)
            case "inspect": return try inspect(arguments)
            case "wat2wasm": return try convert(arguments)
            case "codec": return try codec(arguments)
            case "--help", "-h", "help":
                print(helpText(for: arguments.first) ?? usage)
                return 0
            case "--version", "-V":
                print("repro-wasm \(Version.current)")
                return 0
            default: throw UsageError(description: "unknown command '\(command)'")
            }
        } catch let error as UsageError {
            let help = error.command.map { "repro-wasm \($0) --help" } ?? "repro-wasm --help"
            printError("error: \(error) (\(help) for usage)")
            return 2
        } catch {
            printError("error: \(error)")
            return 2
        }
    }

    static func helpText(for command: String?) -> String? {
        switch command {
        case "run": runUsage
        case "validate": validateUsage
        case "inspect": inspectUsage
        case "wat2wasm": wat2wasmUsage
        case "codec": codecUsage
        default: nil
        }
    }

    static func printError(_ text: String) { Output.printError(text) }

    /// A command's options, from `--name value`, `--name=value` and `--flag`; the rest are positional
    /// (a lone `--` makes everything after it positional, so arguments may start with `--`).
    struct Options {
        let command: String
        var positional: [String] = []
        var values: [String: String] = [:]
        var flags: Set<String> = []
        var wantsHelp = false

        init(command: String, _ arguments: [String], valued: Set<String>, flags known: Set<String>) throws {
            self.command = command
            var index = 0
            while index < arguments.count {
                let argument = arguments[index]
                index += 1
                if argument == "--" {
                    positional += arguments[index...]
                    break
                }
                if argument == "--help" || argument == "-h" {
                    wantsHelp = true
                    continue
                }
                // Options are `--name`, plus the short ones a command declares (`-o`); anything else,
                // a negative number among them, is positional.
                guard argument.hasPrefix("--") || valued.contains(argument) || known.contains(argument) else {
                    positional.append(argument)
                    continue
                }
                let (name, inlineValue): (String, String?) =
                    if let equals = argument.firstIndex(of: "=") {
                        (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
                    } else {
                        (argument, nil)
                    }
                if valued.contains(name) {
                    if let inlineValue {
                        values[name] = inlineValue
                    } else {
                        guard index < arguments.count else {
                            throw UsageError(description: "\(name) needs a value", command: command)
                        }
                        values[name] = arguments[index]
                        index += 1
                    }
                } else if known.contains(name), inlineValue == nil {
                    flags.insert(name)
                } else {
                    throw UsageError(description: "unknown option \(argument)", command: command)
                }
            }
        }

        /// The value of `--name` as a whole number in `range`, if given.
        func number(_ name: String, in range: ClosedRange<UInt64>) throws -> UInt64? {
            guard let text = values[name] else { return nil }
            guard let value = UInt64(text), range.contains(value) else {
                throw UsageError(
                    description:
                        "\(name) needs a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'",
                    command: command)
            }
            return value
        }

        func features() throws -> Features {
            switch values["--features"] ?? "deterministic" {
            case "deterministic": return .deterministic
            case "full": return .full
            case let other:
                throw UsageError(
                    description: "unknown feature profile '\(other)' (deterministic or full)", command: command)
            }
        }

        /// The one positional FILE (a command that takes no ARGS).
        func singleFile() throws -> String {
            guard positional.count == 1 else {
                throw UsageError(
                    description: positional.isEmpty ? "\(command) needs a FILE" : "\(command) takes one FILE",
                    command: command)
            }
            return positional[0]
        }
    }

    /// Decodes and validates FILE's module: where each kind of input (`Input.Kind`, decided by
    /// content) becomes a module.
    static func loadModule(_ input: Input, features: Features) throws -> Module {
        do {
            switch input.kind {
            case .binary, .unrecognized: return try Module(bytes: input.bytes, features: features)
            case .text:
                let text = input.bytes.starts(with: Input.byteOrderMark) ? Array(input.bytes.dropFirst(3)) : input.bytes
                return try Module(wat: text, features: features)
            }
        } catch {
            throw ModuleLoadError(name: input.name, error: error)
        }
    }

    /// A module that did not load, said the way a command line says it: text errors as `FILE:LINE:COLUMN:`,
    /// and a proposal outside the profile with the option that allows it.
    struct ModuleLoadError: Error, CustomStringConvertible {
        let name: String
        let error: ModuleError

        var description: String {
            switch error {
            case .malformedText(let text): return "\(name):\(text)"
            case .invalid(let validation):
                let hint = validation.enablingProfile == nil ? "" : " (--features full allows it)"
                let place = validation.functionIndex.map { " in function \($0)" } ?? ""
                guard let position = validation.textPosition else {
                    let offset = "at offset 0x\(String(validation.offset, radix: 16))"
                    return "\(validation.reason.text) (\(offset)\(place))\(hint)"
                }
                return "\(name):\(position.line):\(position.column): \(validation.reason.text)\(place)\(hint)"
            default: return error.description
            }
        }
    }

    static func convert(_ arguments: [String]) throws -> Int32 {
        let options = try Options(command: "wat2wasm", arguments, valued: ["-o"], flags: [])
        if options.wantsHelp {
            print(wat2wasmUsage)
            return 0
        }
        let path = try options.singleFile()
        let output =
            options.values["-o"]
            ?? (path == Input.standardInputPath
                ? Output.standardOutputPath : (path.hasSuffix(".wat") ? String(path.dropLast(4)) : path) + ".wasm")
        if output == Output.standardOutputPath, Output.isStandardOutputTerminal {
            throw UsageError(
                description: "standard output is a terminal; redirect it or give -o FILE.wasm", command: "wat2wasm")
        }
        let input = try Input.load(path)
        switch input.kind {
        case .text: break
        case .binary: throw UsageError(description: "\(input.name) is a binary module already", command: "wat2wasm")
        case .unrecognized:
            throw UsageError(
                description: "\(input.name) is not in the text format (no '(' after blanks and comments)",
                command: "wat2wasm")
        }
        try Output.emit(try input.moduleBytes(), to: output)
        return 0
    }

    static func validate(_ arguments: [String]) throws -> Int32 {
        let options = try Options(command: "validate", arguments, valued: ["--features"], flags: [])
        if options.wantsHelp {
            print(validateUsage)
            return 0
        }
        let input = try Input.load(try options.singleFile()).resolvingComponentText()
        if isComponent(input) { return try validateComponent(input, features: try options.features()) }
        _ = try loadModule(input, features: try options.features())
        print("valid")
        return 0
    }

    static func inspect(_ arguments: [String]) throws -> Int32 {
        let options = try Options(command: "inspect", arguments, valued: ["--features"], flags: ["--code"])
        if options.wantsHelp {
            print(inspectUsage)
            return 0
        }
        let input = try Input.load(try options.singleFile()).resolvingComponentText()
        if isComponent(input) { return try inspectComponent(input, features: try options.features()) }
        let module = try loadModule(input, features: try options.features())
        print(module.summary)
        if options.flags.contains("--code") { print(module.codeListing) }
        return 0
    }

    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try Options(
            command: "run", arguments,
            valued: ["--invoke", "--fuel", "--max-call-depth", "--max-memory-pages", "--features"],
            flags: ["--stats"])
        if options.wantsHelp {
            print(runUsage)
            return 0
        }
        guard let path = options.positional.first else {
            throw UsageError(description: "run needs a FILE", command: "run")
        }
        let features = try options.features()
        var limits = StoreLimits()
        if let depth = try options.number("--max-call-depth", in: 1...1_000_000) { limits.maxCallDepth = Int(depth) }
        if let pages = try options.number("--max-memory-pages", in: 0...65536) { limits.maxMemoryPages = Int(pages) }
        let fuel = try options.number("--fuel", in: 0...(UInt64.max - 1))
        let input = try Input.load(path).resolvingComponentText()
        if isComponent(input) {
            return try runComponent(
                input, name: options.values["--invoke"], texts: Array(options.positional.dropFirst()),
                features: features, limits: limits, fuel: fuel, stats: options.flags.contains("--stats"))
        }
        let module = try loadModule(input, features: features)
        let store = Store(engine: Engine(features: features, limits: limits, defaultFuel: fuel))
        let start = ContinuousClock.now

        let instance: Instance
        do {
            instance = try store.instantiate(module)
        } catch {
            switch error {
            case .link(let error):
                printError("error: \(error)")
                return 2
            case .trap(let trap):
                printError("trap: \(trap) (in the start function or a segment)")
                return 1
            }
        }

        let function = try exportToRun(instance, named: options.values["--invoke"])
        let type = function.type
        let texts = Array(options.positional.dropFirst())
        guard texts.count == type.parameters.count else {
            let expected = type.parameters.count == 1 ? "1 argument" : "\(type.parameters.count) arguments"
            throw UsageError(
                description: "the function takes \(expected) \(type), got \(texts.count)", command: "run")
        }
        var values: [Value] = []
        for (position, (text, parameter)) in zip(texts, type.parameters).enumerated() {
            guard let value = parseValue(text, as: parameter) else {
                throw UsageError(
                    description: "argument \(position + 1) '\(text)' is not a valid \(parameter)", command: "run")
            }
            values.append(value)
        }

        let countBefore = store.instructionCount
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
        printError("instructions: \(store.instructionCount &- countBefore)")
        if options.flags.contains("--stats") {
            if let fuelBefore, let fuelAfter = store.fuel {
                printError("fuel used: \(fuelBefore - fuelAfter) of \(fuelBefore)")
            } else {
                // Without a budget every counted instruction would have consumed fuel.
                printError("fuel used: \(store.instructionCount &- countBefore) (unlimited)")
            }
            printError("call time: \(milliseconds(callTime))")
            printError("total time: \(milliseconds(ContinuousClock.now - start)) (instantiation and call)")
            printError("peak memory pages: \(store.memoryPageCount)")
            for name in instance.exportNames {
                guard let memory = instance.memory(named: name) else { continue }
                printError("memory \"\(name)\": \(memory.byteCount) bytes, fnv1a64 \(hex64(memory.digest))")
            }
        }
        return exitCode
    }

    /// `0x` and 16 lower-case hex digits.
    static func hex64(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The function `run` calls: `name`, else `_start`, else the only exported function.
    static func exportToRun(_ instance: Instance, named name: String?) throws -> Function {
        let functions = instance.exportNames.filter { instance.function(named: $0) != nil }
        let listing =
            functions.isEmpty ? "it exports no functions" : "exported functions: \(functions.joined(separator: ", "))"
        if let name {
            guard let function = instance.function(named: name) else {
                throw UsageError(description: "no exported function '\(name)' (\(listing))", command: "run")
            }
            return function
        }
        if let start = instance.function(named: "_start") { return start }
        guard functions.count == 1 else {
            throw UsageError(description: "name the function to run with --invoke (\(listing))", command: "run")
        }
        return instance.function(named: functions[0])!
    }

    /// `MILLISECONDS.FFF ms`, rounded to the microsecond; `duration` is not negative.
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let microseconds = seconds * 1_000_000 + (attoseconds + 500_000_000_000) / 1_000_000_000_000
        let fraction = String(microseconds % 1000)
        return "\(microseconds / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction) ms"
    }

    // MARK: Values

    /// Reads a command-line argument as a value of `type`, or `nil` if it is not one.
    ///
    /// Integers: decimal or `0x` hex, optionally signed, `_` separators allowed; anything that fits
    /// the width signed or unsigned. Floats: what `Double`/`Float` read (decimal, hex float, `inf`,
    /// `nan`), `nan:0xPAYLOAD` for a NaN with that payload, and `bits:0xRAW` for raw bits.
    static func parseValue(_ text: String, as type: ValueType) -> Value? {
        switch type {
        case .i32: parseInteger(text, bits: 32).map { .i32(UInt32($0)) }
        case .i64: parseInteger(text, bits: 64).map { .i64($0) }
        case .f32: parseFloat(text, bits: 32).map { .f32Bits(UInt32($0)) }
        case .f64: parseFloat(text, bits: 64).map { .f64Bits($0) }
        default: nil  // v128 and references are not written on the command line
        }
    }

    /// An integer of `bits` bits as its bit pattern.
    static func parseInteger(_ text: String, bits: Int) -> UInt64? {
        var body = Substring(text.filter { $0 != "_" })
        var isNegative = false
        if body.hasPrefix("-") {
            isNegative = true
            body = body.dropFirst()
        } else if body.hasPrefix("+") {
            body = body.dropFirst()
        }
        let isHex = body.hasPrefix("0x") || body.hasPrefix("0X")
        if isHex { body = body.dropFirst(2) }
        guard !body.isEmpty, body.allSatisfy({ isHex ? $0.isHexDigit : $0.isASCII && $0.isNumber }),
            let magnitude = UInt64(body, radix: isHex ? 16 : 10)
        else { return nil }
        let mask: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
        if isNegative {
            guard magnitude <= 1 << UInt64(bits - 1) else { return nil }
            return (0 &- magnitude) & mask
        }
        return magnitude <= mask ? magnitude : nil
    }

    /// A float of `bits` bits (32 or 64) as its bit pattern.
    static func parseFloat(_ text: String, bits: Int) -> UInt64? {
        let exponentBits: UInt64 = bits == 32 ? 0x7F80_0000 : 0x7FF0_0000_0000_0000
        let payloadMask: UInt64 = bits == 32 ? 0x007F_FFFF : 0x000F_FFFF_FFFF_FFFF
        let signBit: UInt64 = bits == 32 ? 0x8000_0000 : 0x8000_0000_0000_0000
        if text.hasPrefix("bits:") { return parseInteger(String(text.dropFirst(5)), bits: bits) }
        var body = Substring(text)
        var sign: UInt64 = 0
        if body.hasPrefix("-") {
            sign = signBit
            body = body.dropFirst()
        } else if body.hasPrefix("+") {
            body = body.dropFirst()
        }
        if body == "nan" { return sign | exponentBits | (payloadMask + 1) >> 1 }
        if body.hasPrefix("nan:") {
            guard let payload = parseInteger(String(body.dropFirst(4)), bits: 64), payload != 0, payload <= payloadMask,
                body.dropFirst(4).hasPrefix("0x")
            else { return nil }
            return sign | exponentBits | payload
        }
        // Swift's parsers also take NaN spellings of their own; only the forms above mean NaN here.
        guard !body.lowercased().contains("nan") else { return nil }
        if bits == 32 {
            guard let value = Float(text) else { return nil }
            return UInt64(value.bitPattern)
        }
        return Double(text)?.bitPattern
    }

    /// A result as `VALUE : TYPE (0xRAWBITS)`.
    static func format(_ value: Value) -> String {
        func hex<T: BinaryInteger>(_ bits: T, digits: Int) -> String {
            let text = String(bits, radix: 16)
            return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
        }
        switch value {
        case .i32(let bits): return "\(Int32(bitPattern: bits)) : i32 (\(hex(bits, digits: 8)))"
        case .i64(let bits): return "\(Int64(bitPattern: bits)) : i64 (\(hex(bits, digits: 16)))"
        case .f32Bits(let bits):
            return
                "\(floatText(UInt64(bits), payloadBits: 23, value: Double(Float(bitPattern: bits)), short: Float(bitPattern: bits).description)) : f32 (\(hex(bits, digits: 8)))"
        case .f64Bits(let bits):
            return
                "\(floatText(bits, payloadBits: 52, value: Double(bitPattern: bits), short: Double(bitPattern: bits).description)) : f64 (\(hex(bits, digits: 16)))"
        case .v128(let low, let high): return "\(hex(high, digits: 16))\(hex(low, digits: 16).dropFirst(2)) : v128"
        case .funcRef(let reference): return reference == nil ? "null : funcref" : "function : funcref"
        case .externRef(let reference): return reference.map { "\($0.id) : externref" } ?? "null : externref"
        case .exnRef(let reference): return reference == nil ? "null : exnref" : "exception : exnref"
        }
    }

    /// `inf`, `-inf`, `nan` (the canonical NaN), `nan:0xPAYLOAD`, or the shortest decimal.
    static func floatText(_ bits: UInt64, payloadBits: UInt64, value: Double, short: String) -> String {
        guard value.isNaN else { return value.isInfinite ? (value < 0 ? "-inf" : "inf") : short }
        let sign = bits >> (payloadBits + (payloadBits == 23 ? 8 : 11)) & 1 == 1 ? "-" : ""
        let payload = bits & ((1 << payloadBits) - 1)
        return payload == 1 << (payloadBits - 1) ? "\(sign)nan" : "\(sign)nan:0x\(String(payload, radix: 16))"
    }
}

exit(CLI.main())
