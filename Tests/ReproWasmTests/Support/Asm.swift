@testable import ReproWasm

/// The type of a `block`, `loop` or `if`.
enum BlockType {
    /// No parameters, no results (`0x40`).
    case empty
    /// No parameters, one result.
    case value(ValueType)
    /// A type from the type section (multi-value).
    case type(UInt32)

    var bytes: [UInt8] {
        switch self {
        case .empty: [0x40]
        case .value(let type): type.encoding
        case .type(let index): WasmBytes.signed(Int64(index))
        }
    }
}

/// Instruction encoders for hand-written function bodies.
///
/// The encodings are written out here from the spec, independently of the engine's opcode table, so a
/// mistake in that table cannot hide itself in these tests.
///
///     let body = Asm.localGet(0) + Asm.localGet(1) + Asm.op("i32.add")
enum Asm {
    // MARK: Control

    static let unreachable: [UInt8] = [0x00]
    static let nop: [UInt8] = [0x01]
    static func block(_ type: BlockType = .empty) -> [UInt8] { [0x02] + type.bytes }
    static func loop(_ type: BlockType = .empty) -> [UInt8] { [0x03] + type.bytes }
    static func `if`(_ type: BlockType = .empty) -> [UInt8] { [0x04] + type.bytes }
    static let `else`: [UInt8] = [0x05]
    static let end: [UInt8] = [0x0B]
    static func br(_ depth: UInt32) -> [UInt8] { [0x0C] + WasmBytes.u32(depth) }
    static func brIf(_ depth: UInt32) -> [UInt8] { [0x0D] + WasmBytes.u32(depth) }
    static func brTable(_ targets: [UInt32], default defaultTarget: UInt32) -> [UInt8] {
        [0x0E] + WasmBytes.vector(targets.map { WasmBytes.u32($0) }) + WasmBytes.u32(defaultTarget)
    }
    static let `return`: [UInt8] = [0x0F]
    static func call(_ function: UInt32) -> [UInt8] { [0x10] + WasmBytes.u32(function) }
    static func callIndirect(type: UInt32, table: UInt32 = 0) -> [UInt8] {
        [0x11] + WasmBytes.u32(type) + WasmBytes.u32(table)
    }

    // MARK: Parametric, variables

    static let drop: [UInt8] = [0x1A]
    static let select: [UInt8] = [0x1B]
    static func localGet(_ index: UInt32) -> [UInt8] { [0x20] + WasmBytes.u32(index) }
    static func localSet(_ index: UInt32) -> [UInt8] { [0x21] + WasmBytes.u32(index) }
    static func localTee(_ index: UInt32) -> [UInt8] { [0x22] + WasmBytes.u32(index) }
    static func globalGet(_ index: UInt32) -> [UInt8] { [0x23] + WasmBytes.u32(index) }
    static func globalSet(_ index: UInt32) -> [UInt8] { [0x24] + WasmBytes.u32(index) }

    // MARK: Memory

    /// Loads and stores by mnemonic with a memarg (alignment as log2, offset).
    static func memory(_ mnemonic: String, align: UInt32 = 0, offset: UInt64 = 0) -> [UInt8] {
        guard let opcode = memoryOpcodes[mnemonic] else {
            preconditionFailure("unknown memory instruction \(mnemonic)")
        }
        return [opcode] + WasmBytes.u32(align) + WasmBytes.unsigned(offset)
    }

    private static let memoryOpcodes: [String: UInt8] = [
        "i32.load": 0x28, "i64.load": 0x29, "f32.load": 0x2A, "f64.load": 0x2B,
        "i32.load8_s": 0x2C, "i32.load8_u": 0x2D, "i32.load16_s": 0x2E, "i32.load16_u": 0x2F,
        "i64.load8_s": 0x30, "i64.load8_u": 0x31, "i64.load16_s": 0x32, "i64.load16_u": 0x33,
        "i64.load32_s": 0x34, "i64.load32_u": 0x35,
        "i32.store": 0x36, "i64.store": 0x37, "f32.store": 0x38, "f64.store": 0x39,
        "i32.store8": 0x3A, "i32.store16": 0x3B, "i64.store8": 0x3C, "i64.store16": 0x3D, "i64.store32": 0x3E,
    ]

    /// `table.copy dst src` (bulk memory).
    static func tableCopy(destination: UInt32 = 0, source: UInt32 = 0) -> [UInt8] {
        [0xFC] + WasmBytes.u32(14) + WasmBytes.u32(destination) + WasmBytes.u32(source)
    }

    /// `memory.size` and `memory.grow` of memory 0 (MVP: 0x3F, 0x40 with a zero memory index).
    static let memorySize: [UInt8] = [0x3F, 0x00]
    static let memoryGrow: [UInt8] = [0x40, 0x00]
    /// `memory.fill` and `memory.copy` on memory 0 (bulk memory: 0xFC 11, 0xFC 10).
    static let memoryFill: [UInt8] = [0xFC, 11, 0x00]
    static let memoryCopy: [UInt8] = [0xFC, 10, 0x00, 0x00]
    /// `table.grow`, `table.size` (reference types: 0xFC 15, 0xFC 16) and `ref.null func` (0xD0 0x70).
    static func tableGrow(_ table: UInt32 = 0) -> [UInt8] { [0xFC, 15] + WasmBytes.u32(table) }
    static func tableSize(_ table: UInt32 = 0) -> [UInt8] { [0xFC, 16] + WasmBytes.u32(table) }
    static let refNullFunc: [UInt8] = [0xD0, 0x70]

    // MARK: Constants

    static func i32Const(_ value: Int32) -> [UInt8] { [0x41] + WasmBytes.signed(Int64(value)) }
    static func i32Const(bits: UInt32) -> [UInt8] { i32Const(Int32(bitPattern: bits)) }
    static func i64Const(_ value: Int64) -> [UInt8] { [0x42] + WasmBytes.signed(value) }
    static func i64Const(bits: UInt64) -> [UInt8] { i64Const(Int64(bitPattern: bits)) }
    static func f32Const(bits: UInt32) -> [UInt8] { [0x43] + littleEndian(UInt64(bits), count: 4) }
    static func f64Const(bits: UInt64) -> [UInt8] { [0x44] + littleEndian(bits, count: 8) }

    private static func littleEndian(_ value: UInt64, count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    // MARK: Numeric operators by mnemonic

    /// A numeric operator (no immediates) by its text-format mnemonic, e.g. `"f64.div"`.
    static func op(_ mnemonic: String) -> [UInt8] {
        guard let bytes = numericOpcodes[mnemonic] else { preconditionFailure("unknown operator \(mnemonic)") }
        return bytes
    }

    /// The single-byte numeric operators 0x45...0xC4, in opcode order (spec §5.4.7).
    private static let singleByte: [String] = [
        "i32.eqz", "i32.eq", "i32.ne", "i32.lt_s", "i32.lt_u", "i32.gt_s", "i32.gt_u", "i32.le_s", "i32.le_u",
        "i32.ge_s", "i32.ge_u",  // 0x45...0x4F
        "i64.eqz", "i64.eq", "i64.ne", "i64.lt_s", "i64.lt_u", "i64.gt_s", "i64.gt_u", "i64.le_s", "i64.le_u",
        "i64.ge_s", "i64.ge_u",  // 0x50...0x5A
        "f32.eq", "f32.ne", "f32.lt", "f32.gt", "f32.le", "f32.ge",  // 0x5B...0x60
        "f64.eq", "f64.ne", "f64.lt", "f64.gt", "f64.le", "f64.ge",  // 0x61...0x66
        "i32.clz", "i32.ctz", "i32.popcnt", "i32.add", "i32.sub", "i32.mul", "i32.div_s", "i32.div_u",
        "i32.rem_s", "i32.rem_u", "i32.and", "i32.or", "i32.xor", "i32.shl", "i32.shr_s", "i32.shr_u",
        "i32.rotl", "i32.rotr",  // 0x67...0x78
        "i64.clz", "i64.ctz", "i64.popcnt", "i64.add", "i64.sub", "i64.mul", "i64.div_s", "i64.div_u",
        "i64.rem_s", "i64.rem_u", "i64.and", "i64.or", "i64.xor", "i64.shl", "i64.shr_s", "i64.shr_u",
        "i64.rotl", "i64.rotr",  // 0x79...0x8A
        "f32.abs", "f32.neg", "f32.ceil", "f32.floor", "f32.trunc", "f32.nearest", "f32.sqrt", "f32.add",
        "f32.sub", "f32.mul", "f32.div", "f32.min", "f32.max", "f32.copysign",  // 0x8B...0x98
        "f64.abs", "f64.neg", "f64.ceil", "f64.floor", "f64.trunc", "f64.nearest", "f64.sqrt", "f64.add",
        "f64.sub", "f64.mul", "f64.div", "f64.min", "f64.max", "f64.copysign",  // 0x99...0xA6
        "i32.wrap_i64", "i32.trunc_f32_s", "i32.trunc_f32_u", "i32.trunc_f64_s", "i32.trunc_f64_u",
        "i64.extend_i32_s", "i64.extend_i32_u", "i64.trunc_f32_s", "i64.trunc_f32_u", "i64.trunc_f64_s",
        "i64.trunc_f64_u",  // 0xA7...0xB1
        "f32.convert_i32_s", "f32.convert_i32_u", "f32.convert_i64_s", "f32.convert_i64_u", "f32.demote_f64",
        "f64.convert_i32_s", "f64.convert_i32_u", "f64.convert_i64_s", "f64.convert_i64_u", "f64.promote_f32",
        // 0xB2...0xBB
        "i32.reinterpret_f32", "i64.reinterpret_f64", "f32.reinterpret_i32", "f64.reinterpret_i64",  // 0xBC...0xBF
        "i32.extend8_s", "i32.extend16_s", "i64.extend8_s", "i64.extend16_s", "i64.extend32_s",  // 0xC0...0xC4
    ]

    /// The `0xFC`-prefixed numeric operators used by the tests, with their sub-opcodes.
    private static let prefixed: [(String, UInt32)] = [
        ("i32.trunc_sat_f32_s", 0), ("i32.trunc_sat_f32_u", 1), ("i32.trunc_sat_f64_s", 2),
        ("i32.trunc_sat_f64_u", 3), ("i64.trunc_sat_f32_s", 4), ("i64.trunc_sat_f32_u", 5),
        ("i64.trunc_sat_f64_s", 6), ("i64.trunc_sat_f64_u", 7),
        ("i64.add128", 19), ("i64.sub128", 20), ("i64.mul_wide_s", 21), ("i64.mul_wide_u", 22),
    ]

    private static let numericOpcodes: [String: [UInt8]] = {
        precondition(singleByte.count == 0xC5 - 0x45, "the single-byte operator list must cover 0x45...0xC4")
        var table: [String: [UInt8]] = [:]
        for (offset, name) in singleByte.enumerated() { table[name] = [UInt8(0x45 + offset)] }
        for (name, sub) in prefixed { table[name] = [0xFC] + WasmBytes.u32(sub) }
        return table
    }()
}
