@testable import ReproWasm

/// A fluent builder for small valid modules: types, imports, functions with locals and bodies,
/// tables, memories, globals, exports, element and data segments, and function names.
///
/// Sections come out in the spec's order whatever order the calls are made in. Function indices
/// follow the spec: imported functions first (in the order imported), then defined functions in
/// the order they are added, so `nextFunctionIndex` tells a test the index before it adds one.
/// Global indices work the same way. Bodies are given without the function's final `end`, which
/// the builder appends (every counting expectation below includes it explicitly).
///
///     let module = WasmModule()
///         .function(FunctionType(parameters: [.i32], results: [.i32]), export: "double",
///                   Asm.localGet(0), Asm.localGet(0), Asm.op("i32.add"))
///     let instance = try module.instantiate()
struct WasmModule {
    /// The instruction counter import of `docs/DETERMINISM.md` §3.
    static let counterModule = "numcodecs:wasm/perf@0.1.0"
    static let counterName = "instruction-counter"

    private(set) var types: [FunctionType] = []
    private var imports: [(String, String, [UInt8])] = []
    private(set) var importedFunctionCount: UInt32 = 0
    private(set) var importedGlobalCount: UInt32 = 0
    private var functionTypes: [UInt32] = []
    private var bodies: [[UInt8]] = []
    private var tables: [[UInt8]] = []
    private var memories: [[UInt8]] = []
    private var globals: [[UInt8]] = []
    private var exports: [(String, ExternalKind, UInt32)] = []
    private var startFunction: UInt32?
    private var elements: [[UInt8]] = []
    private var dataSegments: [[UInt8]] = []
    private var functionNames: [(UInt32, String)] = []

    /// The index the next defined function will get.
    var nextFunctionIndex: UInt32 { importedFunctionCount + UInt32(functionTypes.count) }
    /// The index the next defined global will get.
    var nextGlobalIndex: UInt32 { importedGlobalCount + UInt32(globals.count) }

    /// The index of `type` in the type section, adding it if it is new.
    func typeIndex(of type: FunctionType) -> UInt32? { types.firstIndex(of: type).map { UInt32($0) } }

    private mutating func intern(_ type: FunctionType) -> UInt32 {
        if let index = typeIndex(of: type) { return index }
        types.append(type)
        return UInt32(types.count - 1)
    }

    private func with(_ change: (inout WasmModule) -> Void) -> WasmModule {
        var copy = self
        change(&copy)
        return copy
    }

    // MARK: Types and imports

    /// Declares types up front so a test knows their indices (for `call_indirect` and block types).
    func types(_ types: FunctionType...) -> WasmModule {
        with { module in for type in types { _ = module.intern(type) } }
    }

    func importFunction(_ module: String, _ name: String, _ type: FunctionType) -> WasmModule {
        with {
            let index = $0.intern(type)
            $0.imports.append((module, name, [ExternalKind.function.rawValue] + WasmBytes.u32(index)))
            $0.importedFunctionCount += 1
        }
    }

    func importGlobal(_ module: String, _ name: String, _ type: ValueType, mutable: Bool) -> WasmModule {
        with {
            $0.imports.append((module, name, [ExternalKind.global.rawValue] + type.encoding + [mutable ? 1 : 0]))
            $0.importedGlobalCount += 1
        }
    }

    /// Imports the store's instruction counter, `(global (mut i64))`, as the next global index.
    func importCounter() -> WasmModule {
        importGlobal(Self.counterModule, Self.counterName, .i64, mutable: true)
    }

    // MARK: Definitions

    /// Defines a function; `body` is its instructions without the final `end` (appended here).
    func function(
        _ type: FunctionType, locals: [ValueType] = [], export: String? = nil, name: String? = nil, _ body: [UInt8]...
    ) -> WasmModule {
        function(type, locals: locals, export: export, name: name, body: body.flatMap { $0 })
    }

    /// Defines a function; `body` is its instructions without the final `end` (appended here).
    func function(
        _ type: FunctionType, locals: [ValueType] = [], export: String? = nil, name: String? = nil, body: [UInt8]
    ) -> WasmModule {
        with {
            let index = $0.nextFunctionIndex
            $0.functionTypes.append($0.intern(type))
            $0.bodies.append(WasmBytes.body(locals: locals.map { (1, $0) }, body + Asm.end))
            if let export { $0.exports.append((export, .function, index)) }
            if let name { $0.functionNames.append((index, name)) }
        }
    }

    /// A `funcref` table.
    func table(min: UInt64, max: UInt64? = nil) -> WasmModule {
        with { $0.tables.append(ValueType.funcRef.encoding + WasmBytes.limits(min, max)) }
    }

    /// A memory, sizes in 64 KiB pages.
    func memory(min: UInt64, max: UInt64? = nil, export: String? = nil) -> WasmModule {
        with {
            if let export { $0.exports.append((export, .memory, UInt32($0.memories.count))) }
            $0.memories.append(WasmBytes.limits(min, max))
        }
    }

    /// A global; `initial` is a constant instruction such as `Asm.i32Const(0)`.
    func global(_ type: ValueType, mutable: Bool, initial: [UInt8], export: String? = nil) -> WasmModule {
        with {
            if let export { $0.exports.append((export, .global, $0.nextGlobalIndex)) }
            $0.globals.append(type.encoding + [mutable ? 1 : 0] + initial + Asm.end)
        }
    }

    /// Exports any entity by index.
    func export(_ name: String, _ kind: ExternalKind, _ index: UInt32) -> WasmModule {
        with { $0.exports.append((name, kind, index)) }
    }

    func start(_ function: UInt32) -> WasmModule { with { $0.startFunction = function } }

    /// An active element segment for table 0 at a constant offset.
    func elements(at offset: Int32, _ functions: [UInt32]) -> WasmModule {
        with {
            $0.elements.append(
                [0x00] + Asm.i32Const(offset) + Asm.end + WasmBytes.vector(functions.map { WasmBytes.u32($0) }))
        }
    }

    /// An active data segment for memory 0 at a constant offset.
    func data(at offset: Int32, _ bytes: [UInt8]) -> WasmModule {
        with { $0.dataSegments.append([0x00] + Asm.i32Const(offset) + Asm.end + WasmBytes.u32(bytes.count) + bytes) }
    }

    // MARK: Output

    /// The encoded module.
    var bytes: [UInt8] {
        var builder = ModuleBuilder()
        if !types.isEmpty { builder = builder.types(types) }
        if !imports.isEmpty { builder = builder.imports(imports) }
        if !functionTypes.isEmpty { builder = builder.functions(functionTypes) }
        if !tables.isEmpty { builder = builder.tables(tables) }
        if !memories.isEmpty { builder = builder.memories(memories) }
        if !globals.isEmpty { builder = builder.globals(globals) }
        if !exports.isEmpty { builder = builder.exports(exports) }
        if let startFunction { builder = builder.start(startFunction) }
        if !elements.isEmpty { builder = builder.elements(elements) }
        if !bodies.isEmpty { builder = builder.code(bodies) }
        if !dataSegments.isEmpty { builder = builder.data(dataSegments) }
        if !functionNames.isEmpty {
            let map = WasmBytes.vector(functionNames.map { WasmBytes.u32($0.0) + WasmBytes.name($0.1) })
            builder = builder.custom("name", WasmBytes.section(1, map))
        }
        return builder.bytes
    }

    /// Decodes and validates the module.
    func module(features: Features = .deterministic) throws -> Module {
        try Module(bytes: bytes, features: features)
    }

    /// Instantiates the module in `store` (a fresh default store unless given).
    func instantiate(in store: Store = Store(), imports: Imports = Imports()) throws -> Instance {
        try store.instantiate(try module(), imports: imports)
    }
}

/// An export the test expected is missing.
struct MissingExport: Error, CustomStringConvertible {
    let name: String
    var description: String { "no exported function \"\(name)\"" }
}

extension Instance {
    /// The exported function `name`, or an error that fails the test.
    func exportedFunction(_ name: String) throws -> Function {
        guard let function = function(named: name) else { throw MissingExport(name: name) }
        return function
    }

    /// Calls the exported function `name`.
    @discardableResult
    func call(_ name: String, _ arguments: Value...) throws -> [Value] {
        try exportedFunction(name).call(arguments)
    }
}

extension FunctionType {
    /// Shorthand for test signatures: `.init([.i32], [.i64])`.
    init(_ parameters: [ValueType], _ results: [ValueType]) { self.init(parameters: parameters, results: results) }
}
