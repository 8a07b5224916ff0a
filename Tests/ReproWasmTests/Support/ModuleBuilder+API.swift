@testable import ReproWasm

/// Small modules for the embedding API tests, built from bytes.
enum APIFixtures {
    static let add = FunctionType([.i32, .i32], [.i32])

    /// `add(a, b) = a + b`, exported as "add", with a name section naming it "add".
    static var adder: WasmModule {
        WasmModule().function(add, export: "add", name: "add", Asm.localGet(0), Asm.localGet(1), Asm.op("i32.add"))
    }

    /// A module importing `env.host : (i32) -> (i32)` and exporting `run(x) = host(x) + 1` and a
    /// one-page memory "memory".
    static var callsHost: WasmModule {
        WasmModule()
            .importFunction("env", "host", .i32ToI32)
            .memory(min: 1, max: 2, export: "memory")
            .function(
                .i32ToI32, export: "run", name: "run", Asm.localGet(0), Asm.call(0), Asm.i32Const(1), Asm.op("i32.add"))
    }

    /// Bytes of an import section entry: a memory with limits.
    static func memoryImport(_ min: UInt64, _ max: UInt64? = nil) -> [UInt8] {
        [ExternalKind.memory.rawValue] + WasmBytes.limits(min, max)
    }

    /// Bytes of an import section entry: a funcref table with limits.
    static func tableImport(_ min: UInt64, _ max: UInt64? = nil) -> [UInt8] {
        [ExternalKind.table.rawValue] + ValueType.funcRef.encoding + WasmBytes.limits(min, max)
    }

    /// Bytes of an import section entry: a global.
    static func globalImport(_ type: ValueType, mutable: Bool) -> [UInt8] {
        [ExternalKind.global.rawValue] + type.encoding + [mutable ? 1 : 0]
    }

    /// A name section with a module name and function names.
    static func nameSection(module: String, functions: [(UInt32, String)]) -> [UInt8] {
        WasmBytes.section(0, WasmBytes.name(module))
            + WasmBytes.section(1, WasmBytes.vector(functions.map { WasmBytes.u32($0.0) + WasmBytes.name($0.1) }))
    }
}

extension WasmModule {
    /// The module's bytes followed by custom sections (custom sections may come anywhere).
    func bytes(appending custom: [(name: String, payload: [UInt8])]) -> [UInt8] {
        bytes + custom.flatMap { WasmBytes.section(0, WasmBytes.name($0.name) + $0.payload) }
    }
}

/// A host error for tests to throw and find again.
struct HostFailure: Error, Equatable, CustomStringConvertible {
    let reason: String
    var description: String { "host failed: \(reason)" }
}

/// Embedder state for `Store.userData` tests.
final class Recorder {
    var calls: [Int32] = []
}
