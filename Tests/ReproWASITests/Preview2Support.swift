import Foundation
import ReproWASI
import ReproWasm

/// What the host saw of a component's standard output and error, in order.
enum StreamEvent: Equatable, CustomStringConvertible {
    case write(stream: String, bytes: [UInt8])
    case flush(stream: String)

    var description: String {
        switch self {
        case .write(let stream, let bytes): "write \(stream) \(bytes.count) bytes \(bytes.prefix(8))"
        case .flush(let stream): "flush \(stream)"
        }
    }
}

/// Records the stream events of one run.
final class StreamLog {
    var events: [StreamEvent] = []

    func output(_ stream: String) -> WASIOutput {
        WASIOutput(
            write: { [self] bytes in events.append(.write(stream: stream, bytes: bytes)) },
            flush: { [self] in events.append(.flush(stream: stream)) })
    }
}

/// The probe component (Tests/WASIFixtureSources/preview2-probe, built by
/// scripts/build-wasi2-fixtures.sh): one export per WASI 0.2 call, handles as u32 indices.
struct Probe {
    let instance: ComponentInstance

    static func component() throws -> Component {
        try Component(contentsOf: Fixtures.directory.appendingPathComponent("preview2-probe.wasm").path)
    }

    /// The probe linked to a fresh `WASIPreview2` in a fresh store.
    static func native(_ log: StreamLog = StreamLog()) throws -> (Probe, WASIPreview2) {
        let wasi = WASIPreview2(stdout: log.output("stdout"), stderr: log.output("stderr"))
        var imports = ComponentImports()
        wasi.define(in: &imports)
        return (Probe(instance: try Store().instantiate(try component(), imports: imports)), wasi)
    }

    /// The path of the reference host's WASI provider component, when scripts/fetch-wasi-provider.py
    /// has put it in the cache.
    static var providerPath: String? {
        let directory =
            ProcessInfo.processInfo.environment["CODECS_DIR"]
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/repro-wasm/codecs").path
        let path = (directory as NSString).appendingPathComponent("wasi-sandboxed-merged.wasm")
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The provider component instantiated in `store`, its stdio import recorded in `log`.
    static func provider(at path: String, in store: Store, log: StreamLog) throws -> ComponentInstance {
        var imports = ComponentImports()
        let stdio = "wasi-sandboxed:io/stdio@0.2.6"
        for stream in ["stdout", "stderr"] {
            imports.defineFunction(instance: stdio, name: "write-\(stream)") { arguments in
                guard let bytes = arguments.first?.packed(as: .u8)?.bytes else { return [] }
                log.events.append(.write(stream: stream, bytes: bytes))
                return []
            }
            imports.defineFunction(instance: stdio, name: "flush-\(stream)") { _ in
                log.events.append(.flush(stream: stream))
                return []
            }
        }
        return try store.instantiate(try Component(contentsOf: path), imports: imports)
    }

    /// The probe linked to the provider component, both in one fresh store.
    static func linkedToProvider(at path: String, _ log: StreamLog) throws -> Probe {
        let store = Store()
        let provider = try provider(at: path, in: store, log: log)
        var imports = ComponentImports()
        for name in provider.exportNames {
            if let exported = provider.instance(named: name) { imports.define(name, instance: exported) }
        }
        return Probe(instance: try store.instantiate(try component(), imports: imports))
    }

    /// Calls export `name`.
    func call(_ name: String, _ arguments: ComponentValue...) throws -> [ComponentValue] {
        guard let function = instance.function(named: name) else { throw ProbeError.noExport(name) }
        return try function.call(arguments)
    }

    /// Calls export `name`, which returns one value.
    func value(_ name: String, _ arguments: ComponentValue...) throws -> ComponentValue {
        guard let function = instance.function(named: name) else { throw ProbeError.noExport(name) }
        let results = try function.call(arguments)
        guard results.count == 1 else { throw ProbeError.unexpected(name, results) }
        return results[0]
    }

    /// Calls export `name`, which returns a `u32` (a handle, a status).
    func u32(_ name: String, _ arguments: ComponentValue...) throws -> UInt32 {
        guard let function = instance.function(named: name) else { throw ProbeError.noExport(name) }
        let results = try function.call(arguments)
        guard results.count == 1, case .u32(let value) = results[0] else { throw ProbeError.unexpected(name, results) }
        return value
    }

    /// Calls export `name`, which returns a `u64`.
    func u64(_ name: String, _ arguments: ComponentValue...) throws -> UInt64 {
        guard let function = instance.function(named: name) else { throw ProbeError.noExport(name) }
        let results = try function.call(arguments)
        guard results.count == 1, case .u64(let value) = results[0] else { throw ProbeError.unexpected(name, results) }
        return value
    }
}

enum ProbeError: Error {
    case noExport(String)
    case unexpected(String, [ComponentValue])
}

/// `bytes` as a component `list<u8>`.
func byteList(_ bytes: [UInt8]) -> ComponentValue { .list(bytes.map { .u8($0) }) }
