import Foundation
import ReproWASI
import ReproWasm

/// What one run of a WASI program gave.
struct RunResult: Equatable {
    var exitCode: UInt32
    var stdout: String
    var stderr: String
    var instructions: UInt64
}

/// Collects what a program writes to one stream.
final class Collected {
    var bytes: [UInt8] = []
    var text: String { String(decoding: bytes, as: UTF8.self) }
}

enum Fixtures {
    /// The directory of the committed fixture modules (built by scripts/build-wasi-fixtures.sh).
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    static func module(_ name: String) throws -> Module {
        try Module(contentsOf: directory.appendingPathComponent("\(name).wasm").path)
    }

    /// Runs fixture `name` in a fresh store with a fresh `WASI`.
    static func run(
        _ name: String, arguments: [String] = [], environment: [(String, String)] = [], stdin: [UInt8] = [],
        preopens: [WASIPreopen] = [], clock: VirtualClock = VirtualClock()
    ) throws -> RunResult {
        let out = Collected()
        let err = Collected()
        let wasi = WASI(
            arguments: [name] + arguments, environment: environment, stdin: WASIInput(bytes: stdin),
            stdout: WASIOutput { out.bytes += $0 }, stderr: WASIOutput { err.bytes += $0 }, preopens: preopens,
            clock: clock)
        var imports = Imports()
        wasi.link(into: &imports)
        let store = Store()
        let instance = try store.instantiate(try module(name), imports: imports)
        let code = try wasi.run(instance)
        return RunResult(exitCode: code, stdout: out.text, stderr: err.text, instructions: store.instructionCount)
    }

    /// A fresh host directory under the temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reprowasi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
