import WasmKit

import struct WasmParser.WasmFeatureSet

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
            throw .trap("\(error)", isUnimplemented: false)
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
