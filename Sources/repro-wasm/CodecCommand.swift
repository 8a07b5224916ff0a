import ReproCodecs
import ReproWasm

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

// `repro-wasm codec CODEC.wasm info|encode|decode ...`: runs a numcodecs-wasm codec component on
// NumPy `.npy` files, as numcodecs-wasm 0.2.5 runs it (the same bytes and instruction counts).
extension CLI {
    static let codecUsage = """
        usage: repro-wasm codec CODEC.wasm info [--config JSON] [--stats]
               repro-wasm codec CODEC.wasm encode IN.npy -o OUT.npy [--config JSON] [--stats]
               repro-wasm codec CODEC.wasm decode IN.npy -o OUT.npy [--config JSON]
                                  [--into-dtype DT --into-shape D0,D1,...] [--stats]

        Runs a numcodecs-wasm codec component. The codec is created from --config (a JSON object without
        "id", default {}) in a store of its own: the component, and the WASI 0.2 provider component
        wasi-sandboxed:merged that numcodecs-wasm 0.2.5 embeds (or the built-in WASI), are instantiated, then codec-id,
        codec-config-schema and from-config run, all counted.
        info      prints {"id": ID, "config": CONFIG, "schema": SCHEMA} (CONFIG is get-config's answer)
        encode    encodes IN.npy into OUT.npy
        decode    decodes IN.npy into OUT.npy; with --into-dtype and --into-shape, by decode-into with an
                  output of that numpy dtype (<f8, |u1, ...) and shape (empty for a 0-d array)
        .npy files: format versions 1.0 to 3.0, little-endian, C order; OUT '-' is standard output.
        What the codec logs and writes to standard output or error goes to standard error.

        options:
          --config JSON          the codec's configuration (default {})
          --stats                print `construction: C instructions` and `encode: N instructions` (or
                                 decode:) on standard error: the counter after construction, and its
                                 increase during the call (also when the call fails or traps);
                                 then `wasi: provider` or `wasi: native`
          --wasi provider        WASI 0.2 from the provider component: counts as numcodecs-wasm's
          --wasi native          WASI 0.2 built into the engine: the same outputs, but the provider's
                                 own instructions are not counted
                                 (default: provider if its file is found, else native)
          --wasi-provider PATH   the provider component (implies --wasi provider); default
                                 $REPRO_WASM_WASI_PROVIDER, else
                                 ~/.cache/repro-wasm/codecs/wasi-sandboxed-merged.wasm
                                 (scripts/fetch-wasi-provider.py puts it there)
          --codec-dir DIR        where codecs that use other codecs (onion, pressio) find them by id:
                                 id NAME.rs is DIR/NAME.wasm (default: CODEC.wasm's directory)
          --fuel N               trap with "out of fuel" when construction, or the call, would count
                                 more than N instructions
          --max-memory-pages N   largest size any memory may reach, in 64 KiB pages (default 65536)
        exit codes: 0 ok, 1 the codec failed (`error: MESSAGE` then `  caused by: CAUSE` lines) or
        trapped, 2 bad usage, unreadable or unsupported input
        """

    static func codec(_ arguments: [String]) throws -> Int32 {
        let options = try Options(
            command: "codec", arguments,
            valued: [
                "--config", "-o", "--into-dtype", "--into-shape", "--wasi", "--wasi-provider", "--max-memory-pages",
                "--codec-dir", "--fuel",
            ],
            flags: ["--stats"])
        if options.wantsHelp {
            print(codecUsage)
            return 0
        }
        guard options.positional.count >= 2 else {
            throw UsageError(description: "name the codec component and the action", command: "codec")
        }
        let codecPath = options.positional[0]
        let action = options.positional[1]
        let configuration = options.values["--config"] ?? "{}"
        var limits = StoreLimits()
        if let pages = try options.number("--max-memory-pages", in: 0...65536) { limits.maxMemoryPages = Int(pages) }

        var input: CodecArray?
        switch action {
        case "info":
            guard options.positional.count == 2 else {
                throw UsageError(description: "info takes no input file", command: "codec")
            }
        case "encode", "decode":
            guard options.positional.count == 3 else {
                throw UsageError(description: "\(action) takes one input .npy file", command: "codec")
            }
            guard options.values["-o"] != nil else {
                throw UsageError(description: "\(action) needs -o OUT.npy", command: "codec")
            }
            let path = options.positional[2]
            do {
                input = try CodecArray(npy: try Input.readAll(path))
            } catch let error as NumPyFormat.Error {
                printError("error: \(path): \(error)")
                return 2
            }
        default:
            throw UsageError(description: "unknown codec action '\(action)' (info, encode, decode)", command: "codec")
        }
        var into: (CodecDType, [Int])?
        if options.values["--into-dtype"] != nil || options.values["--into-shape"] != nil {
            guard action == "decode", let text = options.values["--into-dtype"],
                let shapeText = options.values["--into-shape"]
            else {
                throw UsageError(
                    description: "--into-dtype and --into-shape go together, with decode", command: "codec")
            }
            let dtype: CodecDType
            do {
                dtype = try NumPyFormat.dtype(descriptor: text)
            } catch {
                throw UsageError(description: "--into-dtype: \(error)", command: "codec")
            }
            var shape: [Int] = []
            if !shapeText.isEmpty {
                for part in shapeText.split(separator: ",", omittingEmptySubsequences: false) {
                    guard let dimension = Int(part), dimension >= 0 else {
                        throw UsageError(
                            description: "--into-shape needs sizes like 4,3, not '\(shapeText)'", command: "codec")
                    }
                    shape.append(dimension)
                }
            }
            into = (dtype, shape)
        }

        guard var host = try codecHost(options) else { return 2 }
        host.limits = limits
        host.fuelPerCall = try options.number("--fuel", in: 1...UInt64.max)
        host.log = { level, context, message in printError("[\(level.rawValue)] \(context): \(message)") }
        host.standardOutput = { Output.emit($0, toDescriptor: STDERR_FILENO) }
        host.standardError = { Output.emit($0, toDescriptor: STDERR_FILENO) }
        // Codecs that build on others (onion, pressio) find them beside the codec by id.
        let directory = options.values["--codec-dir"] ?? directoryName(of: codecPath)
        host.registry = DirectoryCodecRegistry(directory: directory, host: host)

        let component: Component
        do {
            component = try Component(contentsOf: codecPath)
        } catch {
            printError("error: \(codecPath): \(error)")
            return 2
        }
        // Set once the codec exists, so that a failing call still reports its counts (as the
        // reference's counter does after an error or a trap).
        var counted: (codec: Codec, construction: UInt64)?
        do {
            let codec = try Codec(component, configuration: configuration, host: host)
            let construction = codec.instructionCount
            counted = (codec, construction)
            guard let input, let output = options.values["-o"] else {
                if options.flags.contains("--stats") {
                    printError("construction: \(construction) instructions")
                    printError("wasi: \(host.wasi.name)")
                }
                let config = try codec.configuration()
                print(
                    "{\"id\": \(jsonString(codec.id)), \"config\": \(config), \"schema\": \(codec.configurationSchema)}"
                )
                return 0
            }
            let result: CodecArray
            if action == "encode" {
                result = try codec.encode(input)
            } else if let (dtype, shape) = into {
                result = try codec.decode(input, into: dtype, shape: shape)
            } else {
                result = try codec.decode(input)
            }
            counted = nil
            if options.flags.contains("--stats") {
                printStats(action, codec, construction, host)
            }
            do {
                try Output.emit(result.npyBytes(), to: output)
            } catch {
                printError("error: \(error)")
                return 2
            }
            return 0
        } catch {
            if let counted, action != "info", options.flags.contains("--stats") {
                printStats(action, counted.codec, counted.construction, host)
            }
            switch error.kind {
            case .trap: printError("trap: \(error.message)")
            default:
                printError("error: \(error.message)")
                for cause in error.chain { printError("  caused by: \(cause)") }
            }
            return error.kind == .component || error.kind == .wasi || error.kind == .invalidConfiguration ? 2 : 1
        }
    }

    /// `--stats`' lines: the construction count, the call's count, and the WASI mode.
    static func printStats(_ action: String, _ codec: Codec, _ construction: UInt64, _ host: CodecHost) {
        printError("construction: \(construction) instructions")
        printError("\(action): \(codec.instructionCount &- construction) instructions")
        printError("wasi: \(host.wasi.name)")
    }

    /// The host for `--wasi` and `--wasi-provider`: `--wasi provider` (or `--wasi-provider PATH`)
    /// needs the provider; `--wasi native` uses the built-in WASI; with neither, the provider when
    /// its file exists at the default path, else the built-in WASI.
    static func codecHost(_ options: Options) throws -> CodecHost? {
        let mode = options.values["--wasi"] ?? (options.values["--wasi-provider"] != nil ? "provider" : nil)
        switch mode {
        case "native"?:
            if options.values["--wasi-provider"] != nil {
                throw UsageError(description: "--wasi native takes no --wasi-provider", command: "codec")
            }
            return CodecHost(wasi: .native)
        case "provider"?, nil: break
        case let other?:
            throw UsageError(description: "--wasi takes native or provider, not '\(other)'", command: "codec")
        }
        let path =
            options.values["--wasi-provider"]
            ?? WASISource.defaultProviderPath { name in getenv(name).map { String(cString: $0) } }
        guard let path else {
            if mode == nil { return CodecHost(wasi: .native) }
            throw UsageError(description: "no WASI provider: give --wasi-provider PATH", command: "codec")
        }
        // Only a file that is not there falls back to the built-in WASI: one that is there but
        // cannot be loaded is an error, not a silent change of counts.
        if mode == nil && access(path, F_OK) != 0 { return CodecHost(wasi: .native) }
        do {
            return CodecHost(wasi: try .provider(contentsOf: path))
        } catch {
            printError("error: \(error.message) (scripts/fetch-wasi-provider.py downloads it)")
            return nil
        }
    }

    /// The directory part of `path` (`.` when it has none).
    static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `text` as a JSON string literal.
    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
