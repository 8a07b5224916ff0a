import ReproWASI
import ReproWasm

// What a codec component imports, as the reference host provides it: `wasi:logging/logging` and
// `numcodecs:abc/registry@0.1.1` by the host (host work, counting nothing), and WASI 0.2 by the
// provider component instantiated in the codec's own store.

extension Codec {
    static let loggingInterface = "wasi:logging/logging"
    static let registryInterface = "numcodecs:abc/registry@0.1.1"
    static let typesInterface = "numcodecs:abc/types@0.1.1"
    static let stdioInterface = "wasi-sandboxed:io/stdio@0.2.6"

    static func imports(for component: Component, store: Store, host: CodecHost) throws(CodecError)
        -> ComponentImports
    {
        var imports = ComponentImports()
        let log = host.log
        imports.defineFunction(instance: loggingInterface, name: "log") { arguments in
            guard arguments.count == 3, case .enum(let name) = arguments[0], let level = CodecLogLevel(rawValue: name),
                case .string(let context) = arguments[1], case .string(let message) = arguments[2]
            else { throw CodecError(.component, "wasi:logging/logging#log called with \(arguments)") }
            log(level, context, message)
            return []
        }
        let names = component.importNames
        if names.contains(typesInterface) { imports.defineTypeInstance(typesInterface) }
        if names.contains(registryInterface) { RegistryBridge(host: host).define(in: &imports) }
        let wasiImports = names.filter { $0.hasPrefix("wasi:") && $0 != loggingInterface }
        guard !wasiImports.isEmpty else { return imports }
        switch host.wasi {
        case .native:
            // One WASIPreview2 per store, as the reference makes one provider instance per codec:
            // it holds this codec's clock and generator.
            let wasi = WASIPreview2(
                stdout: WASIOutput(write: host.standardOutput, flush: {}),
                stderr: WASIOutput(write: host.standardError, flush: {}))
            wasi.define(in: &imports)
        case .provider(let provider):
            var providerImports = ComponentImports()
            let standardOutput = host.standardOutput
            let standardError = host.standardError
            providerImports.defineFunction(instance: stdioInterface, name: "write-stdout") { arguments in
                standardOutput(try bytes(arguments))
                return []
            }
            providerImports.defineFunction(instance: stdioInterface, name: "write-stderr") { arguments in
                standardError(try bytes(arguments))
                return []
            }
            providerImports.defineFunction(instance: stdioInterface, name: "flush-stdout") { _ in [] }
            providerImports.defineFunction(instance: stdioInterface, name: "flush-stderr") { _ in [] }
            let wasi: ComponentInstance
            do {
                wasi = try store.instantiate(provider, imports: providerImports)
            } catch {
                throw CodecError(.wasi, "cannot instantiate the WASI provider: \(error)")
            }
            for name in wasiImports {
                guard let exported = wasi.instance(named: name) else {
                    throw CodecError(.wasi, "the WASI provider does not export \(name), which the codec imports")
                }
                imports.define(name, instance: exported)
            }
        }
        return imports
    }

    /// The `list<u8>` argument of a stdio function.
    private static func bytes(_ arguments: [ComponentValue]) throws(CodecError) -> [UInt8] {
        guard arguments.count == 1, let bytes = arguments[0].packed(as: .u8)?.bytes else {
            throw CodecError(.wasi, "stdio write called with \(arguments), not bytes")
        }
        return bytes
    }
}

/// A JSON configuration as the reference host passes it to `from-config`: re-serialised without
/// whitespace (keys keep their order).
enum CodecJSON {
    /// `text` with the whitespace outside strings removed.
    ///
    /// - Throws: `CodecError` of kind `.invalidConfiguration` for an unterminated string or text that
    ///   is not a JSON object.
    static func compact(_ text: String) throws(CodecError) -> String {
        var output: [UInt8] = []
        var inString = false
        var escaped = false
        for byte in text.utf8 {
            if inString {
                output.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): continue
            case UInt8(ascii: "\""): inString = true
            default: break
            }
            output.append(byte)
        }
        guard !inString, output.first == UInt8(ascii: "{"), output.last == UInt8(ascii: "}") else {
            throw CodecError(.invalidConfiguration, "the configuration is not a JSON object: \(text)")
        }
        return String(decoding: output, as: UTF8.self)
    }
}
