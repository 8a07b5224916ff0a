@testable import ReproWasm

/// Encoders for the pieces of the binary format, for building test modules by hand.
enum WasmBytes {
    /// `\0asm` and version 1.
    static let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]

    /// Unsigned LEB128, shortest form.
    static func unsigned(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        repeat {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            if value != 0 { byte |= 0x80 }
            bytes.append(byte)
        } while value != 0
        return bytes
    }

    /// Signed LEB128, shortest form.
    static func signed(_ value: Int64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        while true {
            let byte = UInt8(value & 0x7F)
            value >>= 7
            let done = (value == 0 && byte & 0x40 == 0) || (value == -1 && byte & 0x40 != 0)
            bytes.append(done ? byte : byte | 0x80)
            if done { return bytes }
        }
    }

    static func u32(_ value: UInt32) -> [UInt8] { unsigned(UInt64(value)) }
    static func u32(_ value: Int) -> [UInt8] { unsigned(UInt64(value)) }

    /// A length-prefixed UTF-8 name.
    static func name(_ text: String) -> [UInt8] { u32(text.utf8.count) + Array(text.utf8) }

    /// A vector: the count, then the items.
    static func vector(_ items: [[UInt8]]) -> [UInt8] { u32(items.count) + items.flatMap { $0 } }

    /// A section: id, size, payload.
    static func section(_ id: UInt8, _ payload: [UInt8]) -> [UInt8] { [id] + u32(payload.count) + payload }

    /// A function type (`0x60`, parameters, results).
    static func functionType(_ type: FunctionType) -> [UInt8] {
        [0x60] + vector(type.parameters.map { $0.encoding }) + vector(type.results.map { $0.encoding })
    }

    /// Limits with the flags byte: 0x00 min, or 0x01 min max.
    static func limits(_ min: UInt64, _ max: UInt64? = nil) -> [UInt8] {
        if let max { return [0x01] + unsigned(min) + unsigned(max) }
        return [0x00] + unsigned(min)
    }

    /// `i32.const value` `end`.
    static func i32Const(_ value: Int32) -> [UInt8] { [0x41] + signed(Int64(value)) + [0x0B] }

    /// A code section entry: size, local runs, instructions (which should end with `end`).
    static func body(locals: [(UInt32, ValueType)] = [], _ instructions: [UInt8]) -> [UInt8] {
        let content = vector(locals.map { u32($0.0) + $0.1.encoding }) + instructions
        return u32(content.count) + content
    }
}

/// Builds a module from sections, in the order they are added (so tests can also build misordered ones).
///
///     let bytes = ModuleBuilder()
///         .types([FunctionType()])
///         .functions([0])
///         .code([WasmBytes.body([0x0B])])
///         .bytes
struct ModuleBuilder {
    /// The encoded sections, id and size included.
    var sections: [[UInt8]] = []

    /// The module's bytes: the header, then the sections.
    var bytes: [UInt8] { WasmBytes.header + sections.flatMap { $0 } }

    /// Adds a section with a raw payload.
    func section(_ id: UInt8, _ payload: [UInt8]) -> ModuleBuilder {
        var copy = self
        copy.sections.append(WasmBytes.section(id, payload))
        return copy
    }

    /// Adds already-encoded bytes verbatim (for malformed section headers).
    func raw(_ bytes: [UInt8]) -> ModuleBuilder {
        var copy = self
        copy.sections.append(bytes)
        return copy
    }

    func custom(_ name: String, _ payload: [UInt8] = []) -> ModuleBuilder {
        section(0, WasmBytes.name(name) + payload)
    }

    func types(_ types: [FunctionType]) -> ModuleBuilder {
        section(1, WasmBytes.vector(types.map(WasmBytes.functionType)))
    }

    /// Imports as (module, name, descriptor bytes: kind and type).
    func imports(_ imports: [(String, String, [UInt8])]) -> ModuleBuilder {
        section(2, WasmBytes.vector(imports.map { WasmBytes.name($0.0) + WasmBytes.name($0.1) + $0.2 }))
    }

    func functions(_ typeIndices: [UInt32]) -> ModuleBuilder {
        section(3, WasmBytes.vector(typeIndices.map { WasmBytes.u32($0) }))
    }

    /// Tables as encoded table types (reference type, limits).
    func tables(_ tables: [[UInt8]]) -> ModuleBuilder { section(4, WasmBytes.vector(tables)) }

    /// Memories as encoded limits.
    func memories(_ memories: [[UInt8]]) -> ModuleBuilder { section(5, WasmBytes.vector(memories)) }

    /// Globals as encoded (type, mutability, constant expression).
    func globals(_ globals: [[UInt8]]) -> ModuleBuilder { section(6, WasmBytes.vector(globals)) }

    func exports(_ exports: [(String, ExternalKind, UInt32)]) -> ModuleBuilder {
        section(7, WasmBytes.vector(exports.map { WasmBytes.name($0.0) + [$0.1.rawValue] + WasmBytes.u32($0.2) }))
    }

    func start(_ function: UInt32) -> ModuleBuilder { section(8, WasmBytes.u32(function)) }

    /// Element segments, each already encoded (flags first).
    func elements(_ segments: [[UInt8]]) -> ModuleBuilder { section(9, WasmBytes.vector(segments)) }

    func dataCount(_ count: UInt32) -> ModuleBuilder { section(12, WasmBytes.u32(count)) }

    /// Code entries, each from `WasmBytes.body`.
    func code(_ bodies: [[UInt8]]) -> ModuleBuilder { section(10, WasmBytes.vector(bodies)) }

    /// Data segments, each already encoded (flags first).
    func data(_ segments: [[UInt8]]) -> ModuleBuilder { section(11, WasmBytes.vector(segments)) }
}
