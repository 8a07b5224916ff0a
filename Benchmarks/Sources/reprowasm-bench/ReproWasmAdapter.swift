import ReproWASI
import ReproWasm

/// ReproWasm through its public API only, as an embedder would use it: determinism always on
/// (the default `Features.deterministic` profile, instruction counting in every run).
struct ReproWasmAdapter: EngineAdapter {
    let name = "ReproWasm"
    let engine = Engine(features: .deterministic)

    func load(_ bytes: [UInt8]) throws(RunFailure) -> any LoadedModule {
        do {
            return ReproWasmModule(module: try Module(bytes: bytes, features: engine.features), engine: engine)
        } catch {
            throw .load(error.description)
        }
    }

    func measureLoad(_ bytes: [UInt8], variant: LoadVariant) throws(RunFailure) -> LoadSample {
        // ReproWasm has one way to load: `Module(bytes:)` decodes, validates and lowers every body.
        let clock = ContinuousClock()
        let start = clock.now
        let module: Module
        do {
            module = try Module(bytes: bytes, features: engine.features)
        } catch {
            throw .load(error.description)
        }
        let loaded = clock.now
        let store = Store(engine: engine)
        let instance: Instance
        do {
            instance = try store.instantiate(module)
        } catch {
            throw .load(error.description)
        }
        let end = clock.now
        // Tearing the instance down is not part of loading.
        withExtendedLifetime(instance) {}
        return LoadSample(
            total: start.duration(to: end),
            phases: [("decode+validate+lower", start.duration(to: loaded)), ("instantiate", loaded.duration(to: end))]
        )
    }
}

private struct ReproWasmModule: LoadedModule {
    let module: Module
    let engine: Engine

    func timedCall(_ export: String, arguments: [Int32]) throws(RunFailure) -> CallSample {
        let store = Store(engine: engine)
        let instance: Instance
        do {
            instance = try store.instantiate(module)
        } catch {
            throw .load(error.description)
        }
        guard let function = instance.function(named: export) else { throw .missingExport(export) }
        let values = arguments.map { Value.i32($0) }
        let countBefore = store.instructionCount
        let clock = ContinuousClock()
        let start = clock.now
        let results: [Value]
        do {
            results = try function.call(values)
        } catch {
            throw .trap("\(error)")
        }
        let elapsed = start.duration(to: clock.now)
        let counted = store.instructionCount &- countBefore
        withExtendedLifetime(instance) {}
        return CallSample(
            elapsed: elapsed, result: results.map(Self.text).joined(separator: " "), instructionCount: counted)
    }

    private static func text(_ value: Value) -> String {
        switch value {
        case .i32(let bits): ResultText.i32(bits)
        case .i64(let bits): ResultText.i64(bits)
        case .f32Bits(let bits): ResultText.f32(bits)
        case .f64Bits(let bits): ResultText.f64(bits)
        default: value.description
        }
    }
}

extension ReproWasmAdapter {
    func loadWASI(_ bytes: [UInt8]) throws(RunFailure) -> any LoadedWASIProgram {
        do {
            return ReproWasmWASIProgram(module: try Module(bytes: bytes, features: engine.features), engine: engine)
        } catch {
            throw .load(error.description)
        }
    }
}

/// A WASI program under ReproWASI: virtual clocks, the contract's random seed, the directory
/// mapped read-only from the host.
private struct ReproWasmWASIProgram: LoadedWASIProgram {
    let module: Module
    let engine: Engine

    final class Output {
        var bytes: [UInt8] = []
    }

    func timedRun(arguments: [String], directory: String, guestDirectory: String) throws(RunFailure) -> CallSample {
        let output = Output()
        let preopen: WASIDirectory
        do {
            preopen = try WASIDirectory(hostPath: directory)
        } catch {
            throw .load("cannot preopen \(directory): \(error)")
        }
        let wasi = WASI(
            arguments: ["prog"] + arguments, stdout: WASIOutput { output.bytes += $0 },
            preopens: [WASIPreopen(guestPath: guestDirectory, directory: preopen)])
        var imports = Imports()
        wasi.link(into: &imports)
        let store = Store(engine: engine)
        let instance: Instance
        do {
            instance = try store.instantiate(module, imports: imports)
        } catch {
            throw .load(error.description)
        }
        let countBefore = store.instructionCount
        let clock = ContinuousClock()
        let start = clock.now
        let code: UInt32
        do {
            code = try wasi.run(instance)
        } catch {
            throw .trap(error.description)
        }
        let elapsed = start.duration(to: clock.now)
        return CallSample(
            elapsed: elapsed, result: "exit \(code)\n" + String(decoding: output.bytes, as: UTF8.self),
            instructionCount: store.instructionCount &- countBefore)
    }
}
