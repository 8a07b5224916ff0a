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
            throw .trap(error.description, isUnimplemented: error.code == .unimplemented)
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
