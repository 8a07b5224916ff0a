import WasmKit
import WasmKitWASI

import struct WasmParser.WasmFeatureSet

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// WasmKit 0.4.2 with its default configuration (direct threading, mprotect bounds checks where
/// available, no fuel), plus the SIMD feature, which `WasmFeatureSet.default` leaves out.
struct WasmKitAdapter: EngineAdapter {
    let name = "WasmKit"
    let features: WasmFeatureSet = [.referenceTypes, .exceptionHandling, .simd]
    /// For calls: compile every body while instantiating, so that translation, like ReproWasm's
    /// lowering, stays outside the timed call.
    let eagerEngine: Engine
    /// WasmKit as it ships: bodies validated and translated on their first call.
    let lazyEngine: Engine

    init() {
        eagerEngine = Engine(configuration: EngineConfiguration(compilationMode: .eager, features: features))
        lazyEngine = Engine(configuration: EngineConfiguration(compilationMode: .lazy, features: features))
    }

    func load(_ bytes: [UInt8]) throws(RunFailure) -> any LoadedModule {
        do {
            return WasmKitModule(module: try parseWasm(bytes: bytes, features: features), engine: eagerEngine)
        } catch {
            throw .load("\(error)")
        }
    }

    func measureLoad(_ bytes: [UInt8], variant: LoadVariant) throws(RunFailure) -> LoadSample {
        let engine = variant == .eager ? eagerEngine : lazyEngine
        let clock = ContinuousClock()
        let start = clock.now
        let module: Module
        do {
            module = try parseWasm(bytes: bytes, features: features)
        } catch {
            throw .load("\(error)")
        }
        let parsed = clock.now
        let store = Store(engine: engine)
        let instance: Instance
        do {
            instance = try module.instantiate(store: store)
        } catch {
            throw .load("\(error)")
        }
        let end = clock.now
        withExtendedLifetime(instance) {}
        let instantiatePhase = variant == .eager ? "instantiate+validate+translate" : "instantiate"
        return LoadSample(
            total: start.duration(to: end),
            phases: [("parse", start.duration(to: parsed)), (instantiatePhase, parsed.duration(to: end))]
        )
    }
}

private struct WasmKitModule: LoadedModule {
    let module: Module
    let engine: Engine

    func timedCall(_ export: String, arguments: [Int32]) throws(RunFailure) -> CallSample {
        let store = Store(engine: engine)
        let instance: Instance
        do {
            instance = try module.instantiate(store: store)
        } catch {
            throw .load("\(error)")
        }
        guard let function = instance.exports[function: export] else { throw .missingExport(export) }
        let values = arguments.map { Value(signed: $0) }
        let clock = ContinuousClock()
        let start = clock.now
        let results: [Value]
        do {
            results = try function.invoke(values)
        } catch {
            throw .trap("\(error)")
        }
        let elapsed = start.duration(to: clock.now)
        withExtendedLifetime(instance) {}
        return CallSample(
            elapsed: elapsed, result: results.map(Self.text).joined(separator: " "), instructionCount: nil)
    }

    private static func text(_ value: Value) -> String {
        switch value {
        case .i32(let bits): ResultText.i32(bits)
        case .i64(let bits): ResultText.i64(bits)
        case .f32(let bits): ResultText.f32(bits)
        case .f64(let bits): ResultText.f64(bits)
        default: "\(value)"
        }
    }
}

extension WasmKitAdapter {
    func loadWASI(_ bytes: [UInt8]) throws(RunFailure) -> any LoadedWASIProgram {
        do {
            return WasmKitWASIProgram(module: try parseWasm(bytes: bytes, features: features), engine: eagerEngine)
        } catch {
            throw .load("\(error)")
        }
    }
}

/// A WASI program under WasmKitWASI as it ships: the host's clocks and random numbers, the directory
/// preopened from the host, standard output into an unlinked temporary file read back after the run.
private struct WasmKitWASIProgram: LoadedWASIProgram {
    let module: Module
    let engine: Engine

    func timedRun(arguments: [String], directory: String, guestDirectory: String) throws(RunFailure) -> CallSample {
        var template = Array("/tmp/reprowasm-bench-XXXXXX".utf8CString)
        let output = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard output >= 0 else { throw .load("cannot create a temporary file for standard output") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let input = open("/dev/null", O_RDONLY)
        defer {
            close(output)
            close(input)
        }
        let store = Store(engine: engine)
        let instance: Instance
        let wasi: WASIBridgeToHost
        do {
            wasi = try WASIBridgeToHost(
                args: ["prog"] + arguments,
                preopens: [WASIBridgeToHost.Preopen(guestPath: guestDirectory, hostPath: directory)],
                stdin: input, stdout: output)
        } catch {
            throw .load("\(error)")
        }
        // WasmKit requires closing the bridge (its preopened descriptors) before it is freed.
        defer { try? wasi.close() }
        do {
            var imports = Imports()
            wasi.link(to: &imports, store: store)
            instance = try module.instantiate(store: store, imports: imports)
        } catch {
            throw .load("\(error)")
        }
        let clock = ContinuousClock()
        let start = clock.now
        let code: UInt32
        do {
            code = try wasi.start(instance)
        } catch {
            throw .trap("\(error)")
        }
        let elapsed = start.duration(to: clock.now)
        withExtendedLifetime(instance) {}
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        lseek(output, 0, SEEK_SET)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        return CallSample(
            elapsed: elapsed, result: "exit \(code)\n" + String(decoding: bytes, as: UTF8.self), instructionCount: nil)
    }
}
