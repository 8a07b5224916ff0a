/// The opcode table: one row per `Opcode`, the single source of truth for decoding, validation,
/// lowering and the determinism contract (`docs/DETERMINISM.md` §2 and §3).
///
/// The rows are one exhaustive `switch` (no `default:`), so the compiler rejects an opcode without
/// a row. They were checked against the binary format with an external assembler and validator:
/// encodings, stack signatures, feature gates, natural alignment (`accessBytes`) and lane bounds.
extension Opcode {
    /// Everything the engine knows about this instruction.
    var info: OpcodeInfo { OpcodeTable.rows[Int(rawValue)] }
}

/// The rows of the opcode table, built once and indexed by `Opcode.rawValue`.
enum OpcodeTable {
    /// `rows[Int(op.rawValue)]` is the row of `op` (cases have implicit raw values 0, 1, 2, ...).
    static let rows: [OpcodeInfo] = Opcode.allCases.map { $0.makeInfo() }
}

/// `[inputs] -> [output]`, the fixed stack effect of a row.
private func sig(_ inputs: [ValueType], _ output: ValueType?) -> OperandShape {
    .fixed(StackSignature(inputs, output))
}

/// A row; the labelled fields default to the common case (not a memory or lane instruction, not
/// counted, no NaN canonicalisation).
private func row(
    _ mnemonic: StaticString, _ encoding: Encoding, _ feature: Feature, _ shape: OperandShape,
    _ immediates: ImmediateShape = .none, accessBytes: UInt8 = 0, laneCount: UInt8 = 0,
    isCounted: Bool = false, canonicalizesNaN: Bool = false
) -> OpcodeInfo {
    OpcodeInfo(
        mnemonic: mnemonic, encoding: encoding, immediates: immediates, shape: shape, feature: feature,
        accessBytes: accessBytes, laneCount: laneCount, isCounted: isCounted, canonicalizesNaN: canonicalizesNaN)
}

extension Opcode {
    /// This opcode's row. Arguments: mnemonic, encoding, feature, shape, then immediates and the
    /// fields that differ from `row`'s defaults.
    fileprivate func makeInfo() -> OpcodeInfo {
        switch self {
        // Single-byte opcodes
        case .unreachable: row("unreachable", .byte(0x00), .mvp, .custom)
        case .nop: row("nop", .byte(0x01), .mvp, sig([], nil))
        case .block: row("block", .byte(0x02), .mvp, .custom, .blockType, isCounted: true)
        case .loop: row("loop", .byte(0x03), .mvp, .custom, .blockType, isCounted: true)
        case .if: row("if", .byte(0x04), .mvp, .custom, .blockType, isCounted: true)
        case .else: row("else", .byte(0x05), .mvp, .custom, isCounted: true)
        case .end: row("end", .byte(0x0B), .mvp, .custom, isCounted: true)
        case .br: row("br", .byte(0x0C), .mvp, .custom, .labelDepth, isCounted: true)
        case .brIf: row("br_if", .byte(0x0D), .mvp, .custom, .labelDepth, isCounted: true)
        case .brTable: row("br_table", .byte(0x0E), .mvp, .custom, .labelTable, isCounted: true)
        case .return: row("return", .byte(0x0F), .mvp, .custom, isCounted: true)
        case .call: row("call", .byte(0x10), .mvp, .custom, .functionIndex)
        case .callIndirect: row("call_indirect", .byte(0x11), .mvp, .custom, .callIndirect)
        case .returnCall: row("return_call", .byte(0x12), .tailCalls, .custom, .functionIndex, isCounted: true)
        case .returnCallIndirect:
            row("return_call_indirect", .byte(0x13), .tailCalls, .custom, .callIndirect, isCounted: true)
        case .callRef: row("call_ref", .byte(0x14), .functionReferences, .custom, .typeIndex)
        case .returnCallRef:
            row("return_call_ref", .byte(0x15), .functionReferences, .custom, .typeIndex, isCounted: true)
        case .brOnNull: row("br_on_null", .byte(0xD5), .functionReferences, .custom, .labelDepth, isCounted: true)
        case .brOnNonNull:
            row("br_on_non_null", .byte(0xD6), .functionReferences, .custom, .labelDepth, isCounted: true)
        case .throw: row("throw", .byte(0x08), .exceptions, .custom, .tagIndex, isCounted: true)
        case .throwRef: row("throw_ref", .byte(0x0A), .exceptions, .custom, isCounted: true)
        case .tryTable: row("try_table", .byte(0x1F), .exceptions, .custom, .tryTable, isCounted: true)
        case .drop: row("drop", .byte(0x1A), .mvp, .custom)
        case .select: row("select", .byte(0x1B), .mvp, .custom)
        case .selectTyped: row("select", .byte(0x1C), .referenceTypes, .custom, .selectTypes)
        case .localGet: row("local.get", .byte(0x20), .mvp, .custom, .localIndex)
        case .localSet: row("local.set", .byte(0x21), .mvp, .custom, .localIndex)
        case .localTee: row("local.tee", .byte(0x22), .mvp, .custom, .localIndex)
        case .globalGet: row("global.get", .byte(0x23), .mvp, .custom, .globalIndex)
        case .globalSet: row("global.set", .byte(0x24), .mvp, .custom, .globalIndex)
        case .tableGet: row("table.get", .byte(0x25), .referenceTypes, .custom, .tableIndex)
        case .tableSet: row("table.set", .byte(0x26), .referenceTypes, .custom, .tableIndex)
        case .i32Load: row("i32.load", .byte(0x28), .mvp, sig([.i32], .i32), .memarg, accessBytes: 4)
        case .i64Load: row("i64.load", .byte(0x29), .mvp, sig([.i32], .i64), .memarg, accessBytes: 8)
        case .f32Load: row("f32.load", .byte(0x2A), .mvp, sig([.i32], .f32), .memarg, accessBytes: 4)
        case .f64Load: row("f64.load", .byte(0x2B), .mvp, sig([.i32], .f64), .memarg, accessBytes: 8)
        case .i32Load8S: row("i32.load8_s", .byte(0x2C), .mvp, sig([.i32], .i32), .memarg, accessBytes: 1)
        case .i32Load8U: row("i32.load8_u", .byte(0x2D), .mvp, sig([.i32], .i32), .memarg, accessBytes: 1)
        case .i32Load16S: row("i32.load16_s", .byte(0x2E), .mvp, sig([.i32], .i32), .memarg, accessBytes: 2)
        case .i32Load16U: row("i32.load16_u", .byte(0x2F), .mvp, sig([.i32], .i32), .memarg, accessBytes: 2)
        case .i64Load8S: row("i64.load8_s", .byte(0x30), .mvp, sig([.i32], .i64), .memarg, accessBytes: 1)
        case .i64Load8U: row("i64.load8_u", .byte(0x31), .mvp, sig([.i32], .i64), .memarg, accessBytes: 1)
        case .i64Load16S: row("i64.load16_s", .byte(0x32), .mvp, sig([.i32], .i64), .memarg, accessBytes: 2)
        case .i64Load16U: row("i64.load16_u", .byte(0x33), .mvp, sig([.i32], .i64), .memarg, accessBytes: 2)
        case .i64Load32S: row("i64.load32_s", .byte(0x34), .mvp, sig([.i32], .i64), .memarg, accessBytes: 4)
        case .i64Load32U: row("i64.load32_u", .byte(0x35), .mvp, sig([.i32], .i64), .memarg, accessBytes: 4)
        case .i32Store: row("i32.store", .byte(0x36), .mvp, sig([.i32, .i32], nil), .memarg, accessBytes: 4)
        case .i64Store: row("i64.store", .byte(0x37), .mvp, sig([.i32, .i64], nil), .memarg, accessBytes: 8)
        case .f32Store: row("f32.store", .byte(0x38), .mvp, sig([.i32, .f32], nil), .memarg, accessBytes: 4)
        case .f64Store: row("f64.store", .byte(0x39), .mvp, sig([.i32, .f64], nil), .memarg, accessBytes: 8)
        case .i32Store8: row("i32.store8", .byte(0x3A), .mvp, sig([.i32, .i32], nil), .memarg, accessBytes: 1)
        case .i32Store16: row("i32.store16", .byte(0x3B), .mvp, sig([.i32, .i32], nil), .memarg, accessBytes: 2)
        case .i64Store8: row("i64.store8", .byte(0x3C), .mvp, sig([.i32, .i64], nil), .memarg, accessBytes: 1)
        case .i64Store16: row("i64.store16", .byte(0x3D), .mvp, sig([.i32, .i64], nil), .memarg, accessBytes: 2)
        case .i64Store32: row("i64.store32", .byte(0x3E), .mvp, sig([.i32, .i64], nil), .memarg, accessBytes: 4)
        case .memorySize: row("memory.size", .byte(0x3F), .mvp, sig([], .i32), .memoryIndex)
        case .memoryGrow: row("memory.grow", .byte(0x40), .mvp, sig([.i32], .i32), .memoryIndex)
        case .i32Const: row("i32.const", .byte(0x41), .mvp, sig([], .i32), .i32)
        case .i64Const: row("i64.const", .byte(0x42), .mvp, sig([], .i64), .i64)
        case .f32Const: row("f32.const", .byte(0x43), .mvp, sig([], .f32), .f32)
        case .f64Const: row("f64.const", .byte(0x44), .mvp, sig([], .f64), .f64)
        case .i32Eqz: row("i32.eqz", .byte(0x45), .mvp, sig([.i32], .i32))
        case .i32Eq: row("i32.eq", .byte(0x46), .mvp, sig([.i32, .i32], .i32))
        case .i32Ne: row("i32.ne", .byte(0x47), .mvp, sig([.i32, .i32], .i32))
        case .i32LtS: row("i32.lt_s", .byte(0x48), .mvp, sig([.i32, .i32], .i32))
        case .i32LtU: row("i32.lt_u", .byte(0x49), .mvp, sig([.i32, .i32], .i32))
        case .i32GtS: row("i32.gt_s", .byte(0x4A), .mvp, sig([.i32, .i32], .i32))
        case .i32GtU: row("i32.gt_u", .byte(0x4B), .mvp, sig([.i32, .i32], .i32))
        case .i32LeS: row("i32.le_s", .byte(0x4C), .mvp, sig([.i32, .i32], .i32))
        case .i32LeU: row("i32.le_u", .byte(0x4D), .mvp, sig([.i32, .i32], .i32))
        case .i32GeS: row("i32.ge_s", .byte(0x4E), .mvp, sig([.i32, .i32], .i32))
        case .i32GeU: row("i32.ge_u", .byte(0x4F), .mvp, sig([.i32, .i32], .i32))
        case .i64Eqz: row("i64.eqz", .byte(0x50), .mvp, sig([.i64], .i32))
        case .i64Eq: row("i64.eq", .byte(0x51), .mvp, sig([.i64, .i64], .i32))
        case .i64Ne: row("i64.ne", .byte(0x52), .mvp, sig([.i64, .i64], .i32))
        case .i64LtS: row("i64.lt_s", .byte(0x53), .mvp, sig([.i64, .i64], .i32))
        case .i64LtU: row("i64.lt_u", .byte(0x54), .mvp, sig([.i64, .i64], .i32))
        case .i64GtS: row("i64.gt_s", .byte(0x55), .mvp, sig([.i64, .i64], .i32))
        case .i64GtU: row("i64.gt_u", .byte(0x56), .mvp, sig([.i64, .i64], .i32))
        case .i64LeS: row("i64.le_s", .byte(0x57), .mvp, sig([.i64, .i64], .i32))
        case .i64LeU: row("i64.le_u", .byte(0x58), .mvp, sig([.i64, .i64], .i32))
        case .i64GeS: row("i64.ge_s", .byte(0x59), .mvp, sig([.i64, .i64], .i32))
        case .i64GeU: row("i64.ge_u", .byte(0x5A), .mvp, sig([.i64, .i64], .i32))
        case .f32Eq: row("f32.eq", .byte(0x5B), .mvp, sig([.f32, .f32], .i32))
        case .f32Ne: row("f32.ne", .byte(0x5C), .mvp, sig([.f32, .f32], .i32))
        case .f32Lt: row("f32.lt", .byte(0x5D), .mvp, sig([.f32, .f32], .i32))
        case .f32Gt: row("f32.gt", .byte(0x5E), .mvp, sig([.f32, .f32], .i32))
        case .f32Le: row("f32.le", .byte(0x5F), .mvp, sig([.f32, .f32], .i32))
        case .f32Ge: row("f32.ge", .byte(0x60), .mvp, sig([.f32, .f32], .i32))
        case .f64Eq: row("f64.eq", .byte(0x61), .mvp, sig([.f64, .f64], .i32))
        case .f64Ne: row("f64.ne", .byte(0x62), .mvp, sig([.f64, .f64], .i32))
        case .f64Lt: row("f64.lt", .byte(0x63), .mvp, sig([.f64, .f64], .i32))
        case .f64Gt: row("f64.gt", .byte(0x64), .mvp, sig([.f64, .f64], .i32))
        case .f64Le: row("f64.le", .byte(0x65), .mvp, sig([.f64, .f64], .i32))
        case .f64Ge: row("f64.ge", .byte(0x66), .mvp, sig([.f64, .f64], .i32))
        case .i32Clz: row("i32.clz", .byte(0x67), .mvp, sig([.i32], .i32))
        case .i32Ctz: row("i32.ctz", .byte(0x68), .mvp, sig([.i32], .i32))
        case .i32Popcnt: row("i32.popcnt", .byte(0x69), .mvp, sig([.i32], .i32))
        case .i32Add: row("i32.add", .byte(0x6A), .mvp, sig([.i32, .i32], .i32))
        case .i32Sub: row("i32.sub", .byte(0x6B), .mvp, sig([.i32, .i32], .i32))
        case .i32Mul: row("i32.mul", .byte(0x6C), .mvp, sig([.i32, .i32], .i32))
        case .i32DivS: row("i32.div_s", .byte(0x6D), .mvp, sig([.i32, .i32], .i32))
        case .i32DivU: row("i32.div_u", .byte(0x6E), .mvp, sig([.i32, .i32], .i32))
        case .i32RemS: row("i32.rem_s", .byte(0x6F), .mvp, sig([.i32, .i32], .i32))
        case .i32RemU: row("i32.rem_u", .byte(0x70), .mvp, sig([.i32, .i32], .i32))
        case .i32And: row("i32.and", .byte(0x71), .mvp, sig([.i32, .i32], .i32))
        case .i32Or: row("i32.or", .byte(0x72), .mvp, sig([.i32, .i32], .i32))
        case .i32Xor: row("i32.xor", .byte(0x73), .mvp, sig([.i32, .i32], .i32))
        case .i32Shl: row("i32.shl", .byte(0x74), .mvp, sig([.i32, .i32], .i32))
        case .i32ShrS: row("i32.shr_s", .byte(0x75), .mvp, sig([.i32, .i32], .i32))
        case .i32ShrU: row("i32.shr_u", .byte(0x76), .mvp, sig([.i32, .i32], .i32))
        case .i32Rotl: row("i32.rotl", .byte(0x77), .mvp, sig([.i32, .i32], .i32))
        case .i32Rotr: row("i32.rotr", .byte(0x78), .mvp, sig([.i32, .i32], .i32))
        case .i64Clz: row("i64.clz", .byte(0x79), .mvp, sig([.i64], .i64))
        case .i64Ctz: row("i64.ctz", .byte(0x7A), .mvp, sig([.i64], .i64))
        case .i64Popcnt: row("i64.popcnt", .byte(0x7B), .mvp, sig([.i64], .i64))
        case .i64Add: row("i64.add", .byte(0x7C), .mvp, sig([.i64, .i64], .i64))
        case .i64Sub: row("i64.sub", .byte(0x7D), .mvp, sig([.i64, .i64], .i64))
        case .i64Mul: row("i64.mul", .byte(0x7E), .mvp, sig([.i64, .i64], .i64))
        case .i64DivS: row("i64.div_s", .byte(0x7F), .mvp, sig([.i64, .i64], .i64))
        case .i64DivU: row("i64.div_u", .byte(0x80), .mvp, sig([.i64, .i64], .i64))
        case .i64RemS: row("i64.rem_s", .byte(0x81), .mvp, sig([.i64, .i64], .i64))
        case .i64RemU: row("i64.rem_u", .byte(0x82), .mvp, sig([.i64, .i64], .i64))
        case .i64And: row("i64.and", .byte(0x83), .mvp, sig([.i64, .i64], .i64))
        case .i64Or: row("i64.or", .byte(0x84), .mvp, sig([.i64, .i64], .i64))
        case .i64Xor: row("i64.xor", .byte(0x85), .mvp, sig([.i64, .i64], .i64))
        case .i64Shl: row("i64.shl", .byte(0x86), .mvp, sig([.i64, .i64], .i64))
        case .i64ShrS: row("i64.shr_s", .byte(0x87), .mvp, sig([.i64, .i64], .i64))
        case .i64ShrU: row("i64.shr_u", .byte(0x88), .mvp, sig([.i64, .i64], .i64))
        case .i64Rotl: row("i64.rotl", .byte(0x89), .mvp, sig([.i64, .i64], .i64))
        case .i64Rotr: row("i64.rotr", .byte(0x8A), .mvp, sig([.i64, .i64], .i64))
        case .f32Abs: row("f32.abs", .byte(0x8B), .mvp, sig([.f32], .f32))
        case .f32Neg: row("f32.neg", .byte(0x8C), .mvp, sig([.f32], .f32))
        case .f32Ceil: row("f32.ceil", .byte(0x8D), .mvp, sig([.f32], .f32), canonicalizesNaN: true)
        case .f32Floor: row("f32.floor", .byte(0x8E), .mvp, sig([.f32], .f32), canonicalizesNaN: true)
        case .f32Trunc: row("f32.trunc", .byte(0x8F), .mvp, sig([.f32], .f32), canonicalizesNaN: true)
        case .f32Nearest: row("f32.nearest", .byte(0x90), .mvp, sig([.f32], .f32), canonicalizesNaN: true)
        case .f32Sqrt: row("f32.sqrt", .byte(0x91), .mvp, sig([.f32], .f32), canonicalizesNaN: true)
        case .f32Add: row("f32.add", .byte(0x92), .mvp, sig([.f32, .f32], .f32), canonicalizesNaN: true)
        case .f32Sub: row("f32.sub", .byte(0x93), .mvp, sig([.f32, .f32], .f32), canonicalizesNaN: true)
        case .f32Mul: row("f32.mul", .byte(0x94), .mvp, sig([.f32, .f32], .f32), canonicalizesNaN: true)
        case .f32Div: row("f32.div", .byte(0x95), .mvp, sig([.f32, .f32], .f32), canonicalizesNaN: true)
        case .f32Min: row("f32.min", .byte(0x96), .mvp, sig([.f32, .f32], .f32), canonicalizesNaN: true)
        case .f32Max: row("f32.max", .byte(0x97), .mvp, sig([.f32, .f32], .f32), canonicalizesNaN: true)
        case .f32Copysign: row("f32.copysign", .byte(0x98), .mvp, sig([.f32, .f32], .f32))
        case .f64Abs: row("f64.abs", .byte(0x99), .mvp, sig([.f64], .f64))
        case .f64Neg: row("f64.neg", .byte(0x9A), .mvp, sig([.f64], .f64))
        case .f64Ceil: row("f64.ceil", .byte(0x9B), .mvp, sig([.f64], .f64), canonicalizesNaN: true)
        case .f64Floor: row("f64.floor", .byte(0x9C), .mvp, sig([.f64], .f64), canonicalizesNaN: true)
        case .f64Trunc: row("f64.trunc", .byte(0x9D), .mvp, sig([.f64], .f64), canonicalizesNaN: true)
        case .f64Nearest: row("f64.nearest", .byte(0x9E), .mvp, sig([.f64], .f64), canonicalizesNaN: true)
        case .f64Sqrt: row("f64.sqrt", .byte(0x9F), .mvp, sig([.f64], .f64), canonicalizesNaN: true)
        case .f64Add: row("f64.add", .byte(0xA0), .mvp, sig([.f64, .f64], .f64), canonicalizesNaN: true)
        case .f64Sub: row("f64.sub", .byte(0xA1), .mvp, sig([.f64, .f64], .f64), canonicalizesNaN: true)
        case .f64Mul: row("f64.mul", .byte(0xA2), .mvp, sig([.f64, .f64], .f64), canonicalizesNaN: true)
        case .f64Div: row("f64.div", .byte(0xA3), .mvp, sig([.f64, .f64], .f64), canonicalizesNaN: true)
        case .f64Min: row("f64.min", .byte(0xA4), .mvp, sig([.f64, .f64], .f64), canonicalizesNaN: true)
        case .f64Max: row("f64.max", .byte(0xA5), .mvp, sig([.f64, .f64], .f64), canonicalizesNaN: true)
        case .f64Copysign: row("f64.copysign", .byte(0xA6), .mvp, sig([.f64, .f64], .f64))
        case .i32WrapI64: row("i32.wrap_i64", .byte(0xA7), .mvp, sig([.i64], .i32))
        case .i32TruncF32S: row("i32.trunc_f32_s", .byte(0xA8), .mvp, sig([.f32], .i32))
        case .i32TruncF32U: row("i32.trunc_f32_u", .byte(0xA9), .mvp, sig([.f32], .i32))
        case .i32TruncF64S: row("i32.trunc_f64_s", .byte(0xAA), .mvp, sig([.f64], .i32))
        case .i32TruncF64U: row("i32.trunc_f64_u", .byte(0xAB), .mvp, sig([.f64], .i32))
        case .i64ExtendI32S: row("i64.extend_i32_s", .byte(0xAC), .mvp, sig([.i32], .i64))
        case .i64ExtendI32U: row("i64.extend_i32_u", .byte(0xAD), .mvp, sig([.i32], .i64))
        case .i64TruncF32S: row("i64.trunc_f32_s", .byte(0xAE), .mvp, sig([.f32], .i64))
        case .i64TruncF32U: row("i64.trunc_f32_u", .byte(0xAF), .mvp, sig([.f32], .i64))
        case .i64TruncF64S: row("i64.trunc_f64_s", .byte(0xB0), .mvp, sig([.f64], .i64))
        case .i64TruncF64U: row("i64.trunc_f64_u", .byte(0xB1), .mvp, sig([.f64], .i64))
        case .f32ConvertI32S: row("f32.convert_i32_s", .byte(0xB2), .mvp, sig([.i32], .f32))
        case .f32ConvertI32U: row("f32.convert_i32_u", .byte(0xB3), .mvp, sig([.i32], .f32))
        case .f32ConvertI64S: row("f32.convert_i64_s", .byte(0xB4), .mvp, sig([.i64], .f32))
        case .f32ConvertI64U: row("f32.convert_i64_u", .byte(0xB5), .mvp, sig([.i64], .f32))
        case .f32DemoteF64: row("f32.demote_f64", .byte(0xB6), .mvp, sig([.f64], .f32), canonicalizesNaN: true)
        case .f64ConvertI32S: row("f64.convert_i32_s", .byte(0xB7), .mvp, sig([.i32], .f64))
        case .f64ConvertI32U: row("f64.convert_i32_u", .byte(0xB8), .mvp, sig([.i32], .f64))
        case .f64ConvertI64S: row("f64.convert_i64_s", .byte(0xB9), .mvp, sig([.i64], .f64))
        case .f64ConvertI64U: row("f64.convert_i64_u", .byte(0xBA), .mvp, sig([.i64], .f64))
        case .f64PromoteF32: row("f64.promote_f32", .byte(0xBB), .mvp, sig([.f32], .f64), canonicalizesNaN: true)
        case .i32ReinterpretF32: row("i32.reinterpret_f32", .byte(0xBC), .mvp, sig([.f32], .i32))
        case .i64ReinterpretF64: row("i64.reinterpret_f64", .byte(0xBD), .mvp, sig([.f64], .i64))
        case .f32ReinterpretI32: row("f32.reinterpret_i32", .byte(0xBE), .mvp, sig([.i32], .f32))
        case .f64ReinterpretI64: row("f64.reinterpret_i64", .byte(0xBF), .mvp, sig([.i64], .f64))
        case .i32Extend8S: row("i32.extend8_s", .byte(0xC0), .signExtension, sig([.i32], .i32))
        case .i32Extend16S: row("i32.extend16_s", .byte(0xC1), .signExtension, sig([.i32], .i32))
        case .i64Extend8S: row("i64.extend8_s", .byte(0xC2), .signExtension, sig([.i64], .i64))
        case .i64Extend16S: row("i64.extend16_s", .byte(0xC3), .signExtension, sig([.i64], .i64))
        case .i64Extend32S: row("i64.extend32_s", .byte(0xC4), .signExtension, sig([.i64], .i64))
        case .refNull: row("ref.null", .byte(0xD0), .referenceTypes, .custom, .heapType)
        case .refIsNull: row("ref.is_null", .byte(0xD1), .referenceTypes, .custom)
        case .refFunc: row("ref.func", .byte(0xD2), .referenceTypes, .custom, .functionIndex)
        case .refAsNonNull: row("ref.as_non_null", .byte(0xD4), .functionReferences, .custom)

        // 0xFC prefix
        case .i32TruncSatF32S:
            row("i32.trunc_sat_f32_s", .prefixed(0xFC, 0), .nonTrappingFloatToInt, sig([.f32], .i32))
        case .i32TruncSatF32U:
            row("i32.trunc_sat_f32_u", .prefixed(0xFC, 1), .nonTrappingFloatToInt, sig([.f32], .i32))
        case .i32TruncSatF64S:
            row("i32.trunc_sat_f64_s", .prefixed(0xFC, 2), .nonTrappingFloatToInt, sig([.f64], .i32))
        case .i32TruncSatF64U:
            row("i32.trunc_sat_f64_u", .prefixed(0xFC, 3), .nonTrappingFloatToInt, sig([.f64], .i32))
        case .i64TruncSatF32S:
            row("i64.trunc_sat_f32_s", .prefixed(0xFC, 4), .nonTrappingFloatToInt, sig([.f32], .i64))
        case .i64TruncSatF32U:
            row("i64.trunc_sat_f32_u", .prefixed(0xFC, 5), .nonTrappingFloatToInt, sig([.f32], .i64))
        case .i64TruncSatF64S:
            row("i64.trunc_sat_f64_s", .prefixed(0xFC, 6), .nonTrappingFloatToInt, sig([.f64], .i64))
        case .i64TruncSatF64U:
            row("i64.trunc_sat_f64_u", .prefixed(0xFC, 7), .nonTrappingFloatToInt, sig([.f64], .i64))
        case .memoryInit:
            row("memory.init", .prefixed(0xFC, 8), .bulkMemory, sig([.i32, .i32, .i32], nil), .memoryInit)
        case .dataDrop: row("data.drop", .prefixed(0xFC, 9), .bulkMemory, sig([], nil), .dataIndex)
        case .memoryCopy:
            row("memory.copy", .prefixed(0xFC, 10), .bulkMemory, sig([.i32, .i32, .i32], nil), .memoryCopy)
        case .memoryFill:
            row("memory.fill", .prefixed(0xFC, 11), .bulkMemory, sig([.i32, .i32, .i32], nil), .memoryIndex)
        case .tableInit: row("table.init", .prefixed(0xFC, 12), .bulkMemory, sig([.i32, .i32, .i32], nil), .tableInit)
        case .elemDrop: row("elem.drop", .prefixed(0xFC, 13), .bulkMemory, sig([], nil), .elementIndex)
        case .tableCopy: row("table.copy", .prefixed(0xFC, 14), .bulkMemory, sig([.i32, .i32, .i32], nil), .tableCopy)
        case .tableGrow: row("table.grow", .prefixed(0xFC, 15), .referenceTypes, .custom, .tableIndex)
        case .tableSize: row("table.size", .prefixed(0xFC, 16), .referenceTypes, .custom, .tableIndex)
        case .tableFill: row("table.fill", .prefixed(0xFC, 17), .referenceTypes, .custom, .tableIndex)
        case .i64Add128: row("i64.add128", .prefixed(0xFC, 19), .wideArithmetic, .custom)
        case .i64Sub128: row("i64.sub128", .prefixed(0xFC, 20), .wideArithmetic, .custom)
        case .i64MulWideS: row("i64.mul_wide_s", .prefixed(0xFC, 21), .wideArithmetic, .custom)
        case .i64MulWideU: row("i64.mul_wide_u", .prefixed(0xFC, 22), .wideArithmetic, .custom)

        // 0xFD prefix: fixed-width SIMD
        case .v128Load: row("v128.load", .prefixed(0xFD, 0), .simd, sig([.i32], .v128), .memarg, accessBytes: 16)
        case .v128Load8x8S:
            row("v128.load8x8_s", .prefixed(0xFD, 1), .simd, sig([.i32], .v128), .memarg, accessBytes: 8)
        case .v128Load8x8U:
            row("v128.load8x8_u", .prefixed(0xFD, 2), .simd, sig([.i32], .v128), .memarg, accessBytes: 8)
        case .v128Load16x4S:
            row("v128.load16x4_s", .prefixed(0xFD, 3), .simd, sig([.i32], .v128), .memarg, accessBytes: 8)
        case .v128Load16x4U:
            row("v128.load16x4_u", .prefixed(0xFD, 4), .simd, sig([.i32], .v128), .memarg, accessBytes: 8)
        case .v128Load32x2S:
            row("v128.load32x2_s", .prefixed(0xFD, 5), .simd, sig([.i32], .v128), .memarg, accessBytes: 8)
        case .v128Load32x2U:
            row("v128.load32x2_u", .prefixed(0xFD, 6), .simd, sig([.i32], .v128), .memarg, accessBytes: 8)
        case .v128Load8Splat:
            row("v128.load8_splat", .prefixed(0xFD, 7), .simd, sig([.i32], .v128), .memarg, accessBytes: 1)
        case .v128Load16Splat:
            row("v128.load16_splat", .prefixed(0xFD, 8), .simd, sig([.i32], .v128), .memarg, accessBytes: 2)
        case .v128Load32Splat:
            row("v128.load32_splat", .prefixed(0xFD, 9), .simd, sig([.i32], .v128), .memarg, accessBytes: 4)
        case .v128Load64Splat:
            row("v128.load64_splat", .prefixed(0xFD, 10), .simd, sig([.i32], .v128), .memarg, accessBytes: 8)
        case .v128Store:
            row("v128.store", .prefixed(0xFD, 11), .simd, sig([.i32, .v128], nil), .memarg, accessBytes: 16)
        case .v128Const: row("v128.const", .prefixed(0xFD, 12), .simd, sig([], .v128), .v128)
        case .i8x16Shuffle: row("i8x16.shuffle", .prefixed(0xFD, 13), .simd, sig([.v128, .v128], .v128), .shuffle)
        case .i8x16Swizzle: row("i8x16.swizzle", .prefixed(0xFD, 14), .simd, sig([.v128, .v128], .v128))
        case .i8x16Splat: row("i8x16.splat", .prefixed(0xFD, 15), .simd, sig([.i32], .v128))
        case .i16x8Splat: row("i16x8.splat", .prefixed(0xFD, 16), .simd, sig([.i32], .v128))
        case .i32x4Splat: row("i32x4.splat", .prefixed(0xFD, 17), .simd, sig([.i32], .v128))
        case .i64x2Splat: row("i64x2.splat", .prefixed(0xFD, 18), .simd, sig([.i64], .v128))
        case .f32x4Splat: row("f32x4.splat", .prefixed(0xFD, 19), .simd, sig([.f32], .v128))
        case .f64x2Splat: row("f64x2.splat", .prefixed(0xFD, 20), .simd, sig([.f64], .v128))
        case .i8x16ExtractLaneS:
            row("i8x16.extract_lane_s", .prefixed(0xFD, 21), .simd, sig([.v128], .i32), .laneIndex, laneCount: 16)
        case .i8x16ExtractLaneU:
            row("i8x16.extract_lane_u", .prefixed(0xFD, 22), .simd, sig([.v128], .i32), .laneIndex, laneCount: 16)
        case .i8x16ReplaceLane:
            row("i8x16.replace_lane", .prefixed(0xFD, 23), .simd, sig([.v128, .i32], .v128), .laneIndex, laneCount: 16)
        case .i16x8ExtractLaneS:
            row("i16x8.extract_lane_s", .prefixed(0xFD, 24), .simd, sig([.v128], .i32), .laneIndex, laneCount: 8)
        case .i16x8ExtractLaneU:
            row("i16x8.extract_lane_u", .prefixed(0xFD, 25), .simd, sig([.v128], .i32), .laneIndex, laneCount: 8)
        case .i16x8ReplaceLane:
            row("i16x8.replace_lane", .prefixed(0xFD, 26), .simd, sig([.v128, .i32], .v128), .laneIndex, laneCount: 8)
        case .i32x4ExtractLane:
            row("i32x4.extract_lane", .prefixed(0xFD, 27), .simd, sig([.v128], .i32), .laneIndex, laneCount: 4)
        case .i32x4ReplaceLane:
            row("i32x4.replace_lane", .prefixed(0xFD, 28), .simd, sig([.v128, .i32], .v128), .laneIndex, laneCount: 4)
        case .i64x2ExtractLane:
            row("i64x2.extract_lane", .prefixed(0xFD, 29), .simd, sig([.v128], .i64), .laneIndex, laneCount: 2)
        case .i64x2ReplaceLane:
            row("i64x2.replace_lane", .prefixed(0xFD, 30), .simd, sig([.v128, .i64], .v128), .laneIndex, laneCount: 2)
        case .f32x4ExtractLane:
            row("f32x4.extract_lane", .prefixed(0xFD, 31), .simd, sig([.v128], .f32), .laneIndex, laneCount: 4)
        case .f32x4ReplaceLane:
            row("f32x4.replace_lane", .prefixed(0xFD, 32), .simd, sig([.v128, .f32], .v128), .laneIndex, laneCount: 4)
        case .f64x2ExtractLane:
            row("f64x2.extract_lane", .prefixed(0xFD, 33), .simd, sig([.v128], .f64), .laneIndex, laneCount: 2)
        case .f64x2ReplaceLane:
            row("f64x2.replace_lane", .prefixed(0xFD, 34), .simd, sig([.v128, .f64], .v128), .laneIndex, laneCount: 2)
        case .i8x16Eq: row("i8x16.eq", .prefixed(0xFD, 35), .simd, sig([.v128, .v128], .v128))
        case .i8x16Ne: row("i8x16.ne", .prefixed(0xFD, 36), .simd, sig([.v128, .v128], .v128))
        case .i8x16LtS: row("i8x16.lt_s", .prefixed(0xFD, 37), .simd, sig([.v128, .v128], .v128))
        case .i8x16LtU: row("i8x16.lt_u", .prefixed(0xFD, 38), .simd, sig([.v128, .v128], .v128))
        case .i8x16GtS: row("i8x16.gt_s", .prefixed(0xFD, 39), .simd, sig([.v128, .v128], .v128))
        case .i8x16GtU: row("i8x16.gt_u", .prefixed(0xFD, 40), .simd, sig([.v128, .v128], .v128))
        case .i8x16LeS: row("i8x16.le_s", .prefixed(0xFD, 41), .simd, sig([.v128, .v128], .v128))
        case .i8x16LeU: row("i8x16.le_u", .prefixed(0xFD, 42), .simd, sig([.v128, .v128], .v128))
        case .i8x16GeS: row("i8x16.ge_s", .prefixed(0xFD, 43), .simd, sig([.v128, .v128], .v128))
        case .i8x16GeU: row("i8x16.ge_u", .prefixed(0xFD, 44), .simd, sig([.v128, .v128], .v128))
        case .i16x8Eq: row("i16x8.eq", .prefixed(0xFD, 45), .simd, sig([.v128, .v128], .v128))
        case .i16x8Ne: row("i16x8.ne", .prefixed(0xFD, 46), .simd, sig([.v128, .v128], .v128))
        case .i16x8LtS: row("i16x8.lt_s", .prefixed(0xFD, 47), .simd, sig([.v128, .v128], .v128))
        case .i16x8LtU: row("i16x8.lt_u", .prefixed(0xFD, 48), .simd, sig([.v128, .v128], .v128))
        case .i16x8GtS: row("i16x8.gt_s", .prefixed(0xFD, 49), .simd, sig([.v128, .v128], .v128))
        case .i16x8GtU: row("i16x8.gt_u", .prefixed(0xFD, 50), .simd, sig([.v128, .v128], .v128))
        case .i16x8LeS: row("i16x8.le_s", .prefixed(0xFD, 51), .simd, sig([.v128, .v128], .v128))
        case .i16x8LeU: row("i16x8.le_u", .prefixed(0xFD, 52), .simd, sig([.v128, .v128], .v128))
        case .i16x8GeS: row("i16x8.ge_s", .prefixed(0xFD, 53), .simd, sig([.v128, .v128], .v128))
        case .i16x8GeU: row("i16x8.ge_u", .prefixed(0xFD, 54), .simd, sig([.v128, .v128], .v128))
        case .i32x4Eq: row("i32x4.eq", .prefixed(0xFD, 55), .simd, sig([.v128, .v128], .v128))
        case .i32x4Ne: row("i32x4.ne", .prefixed(0xFD, 56), .simd, sig([.v128, .v128], .v128))
        case .i32x4LtS: row("i32x4.lt_s", .prefixed(0xFD, 57), .simd, sig([.v128, .v128], .v128))
        case .i32x4LtU: row("i32x4.lt_u", .prefixed(0xFD, 58), .simd, sig([.v128, .v128], .v128))
        case .i32x4GtS: row("i32x4.gt_s", .prefixed(0xFD, 59), .simd, sig([.v128, .v128], .v128))
        case .i32x4GtU: row("i32x4.gt_u", .prefixed(0xFD, 60), .simd, sig([.v128, .v128], .v128))
        case .i32x4LeS: row("i32x4.le_s", .prefixed(0xFD, 61), .simd, sig([.v128, .v128], .v128))
        case .i32x4LeU: row("i32x4.le_u", .prefixed(0xFD, 62), .simd, sig([.v128, .v128], .v128))
        case .i32x4GeS: row("i32x4.ge_s", .prefixed(0xFD, 63), .simd, sig([.v128, .v128], .v128))
        case .i32x4GeU: row("i32x4.ge_u", .prefixed(0xFD, 64), .simd, sig([.v128, .v128], .v128))
        case .f32x4Eq: row("f32x4.eq", .prefixed(0xFD, 65), .simd, sig([.v128, .v128], .v128))
        case .f32x4Ne: row("f32x4.ne", .prefixed(0xFD, 66), .simd, sig([.v128, .v128], .v128))
        case .f32x4Lt: row("f32x4.lt", .prefixed(0xFD, 67), .simd, sig([.v128, .v128], .v128))
        case .f32x4Gt: row("f32x4.gt", .prefixed(0xFD, 68), .simd, sig([.v128, .v128], .v128))
        case .f32x4Le: row("f32x4.le", .prefixed(0xFD, 69), .simd, sig([.v128, .v128], .v128))
        case .f32x4Ge: row("f32x4.ge", .prefixed(0xFD, 70), .simd, sig([.v128, .v128], .v128))
        case .f64x2Eq: row("f64x2.eq", .prefixed(0xFD, 71), .simd, sig([.v128, .v128], .v128))
        case .f64x2Ne: row("f64x2.ne", .prefixed(0xFD, 72), .simd, sig([.v128, .v128], .v128))
        case .f64x2Lt: row("f64x2.lt", .prefixed(0xFD, 73), .simd, sig([.v128, .v128], .v128))
        case .f64x2Gt: row("f64x2.gt", .prefixed(0xFD, 74), .simd, sig([.v128, .v128], .v128))
        case .f64x2Le: row("f64x2.le", .prefixed(0xFD, 75), .simd, sig([.v128, .v128], .v128))
        case .f64x2Ge: row("f64x2.ge", .prefixed(0xFD, 76), .simd, sig([.v128, .v128], .v128))
        case .v128Not: row("v128.not", .prefixed(0xFD, 77), .simd, sig([.v128], .v128))
        case .v128And: row("v128.and", .prefixed(0xFD, 78), .simd, sig([.v128, .v128], .v128))
        case .v128Andnot: row("v128.andnot", .prefixed(0xFD, 79), .simd, sig([.v128, .v128], .v128))
        case .v128Or: row("v128.or", .prefixed(0xFD, 80), .simd, sig([.v128, .v128], .v128))
        case .v128Xor: row("v128.xor", .prefixed(0xFD, 81), .simd, sig([.v128, .v128], .v128))
        case .v128Bitselect: row("v128.bitselect", .prefixed(0xFD, 82), .simd, sig([.v128, .v128, .v128], .v128))
        case .v128AnyTrue: row("v128.any_true", .prefixed(0xFD, 83), .simd, sig([.v128], .i32))
        case .v128Load8Lane:
            row(
                "v128.load8_lane", .prefixed(0xFD, 84), .simd, sig([.i32, .v128], .v128),
                .memargLane, accessBytes: 1, laneCount: 16)
        case .v128Load16Lane:
            row(
                "v128.load16_lane", .prefixed(0xFD, 85), .simd, sig([.i32, .v128], .v128),
                .memargLane, accessBytes: 2, laneCount: 8)
        case .v128Load32Lane:
            row(
                "v128.load32_lane", .prefixed(0xFD, 86), .simd, sig([.i32, .v128], .v128),
                .memargLane, accessBytes: 4, laneCount: 4)
        case .v128Load64Lane:
            row(
                "v128.load64_lane", .prefixed(0xFD, 87), .simd, sig([.i32, .v128], .v128),
                .memargLane, accessBytes: 8, laneCount: 2)
        case .v128Store8Lane:
            row(
                "v128.store8_lane", .prefixed(0xFD, 88), .simd, sig([.i32, .v128], nil),
                .memargLane, accessBytes: 1, laneCount: 16)
        case .v128Store16Lane:
            row(
                "v128.store16_lane", .prefixed(0xFD, 89), .simd, sig([.i32, .v128], nil),
                .memargLane, accessBytes: 2, laneCount: 8)
        case .v128Store32Lane:
            row(
                "v128.store32_lane", .prefixed(0xFD, 90), .simd, sig([.i32, .v128], nil),
                .memargLane, accessBytes: 4, laneCount: 4)
        case .v128Store64Lane:
            row(
                "v128.store64_lane", .prefixed(0xFD, 91), .simd, sig([.i32, .v128], nil),
                .memargLane, accessBytes: 8, laneCount: 2)
        case .v128Load32Zero:
            row("v128.load32_zero", .prefixed(0xFD, 92), .simd, sig([.i32], .v128), .memarg, accessBytes: 4)
        case .v128Load64Zero:
            row("v128.load64_zero", .prefixed(0xFD, 93), .simd, sig([.i32], .v128), .memarg, accessBytes: 8)
        case .f32x4DemoteF64x2Zero:
            row("f32x4.demote_f64x2_zero", .prefixed(0xFD, 94), .simd, sig([.v128], .v128), canonicalizesNaN: true)
        case .f64x2PromoteLowF32x4:
            row("f64x2.promote_low_f32x4", .prefixed(0xFD, 95), .simd, sig([.v128], .v128), canonicalizesNaN: true)
        case .i8x16Abs: row("i8x16.abs", .prefixed(0xFD, 96), .simd, sig([.v128], .v128))
        case .i8x16Neg: row("i8x16.neg", .prefixed(0xFD, 97), .simd, sig([.v128], .v128))
        case .i8x16Popcnt: row("i8x16.popcnt", .prefixed(0xFD, 98), .simd, sig([.v128], .v128))
        case .i8x16AllTrue: row("i8x16.all_true", .prefixed(0xFD, 99), .simd, sig([.v128], .i32))
        case .i8x16Bitmask: row("i8x16.bitmask", .prefixed(0xFD, 100), .simd, sig([.v128], .i32))
        case .i8x16NarrowI16x8S: row("i8x16.narrow_i16x8_s", .prefixed(0xFD, 101), .simd, sig([.v128, .v128], .v128))
        case .i8x16NarrowI16x8U: row("i8x16.narrow_i16x8_u", .prefixed(0xFD, 102), .simd, sig([.v128, .v128], .v128))
        case .f32x4Ceil: row("f32x4.ceil", .prefixed(0xFD, 103), .simd, sig([.v128], .v128), canonicalizesNaN: true)
        case .f32x4Floor: row("f32x4.floor", .prefixed(0xFD, 104), .simd, sig([.v128], .v128), canonicalizesNaN: true)
        case .f32x4Trunc: row("f32x4.trunc", .prefixed(0xFD, 105), .simd, sig([.v128], .v128), canonicalizesNaN: true)
        case .f32x4Nearest:
            row("f32x4.nearest", .prefixed(0xFD, 106), .simd, sig([.v128], .v128), canonicalizesNaN: true)
        case .i8x16Shl: row("i8x16.shl", .prefixed(0xFD, 107), .simd, sig([.v128, .i32], .v128))
        case .i8x16ShrS: row("i8x16.shr_s", .prefixed(0xFD, 108), .simd, sig([.v128, .i32], .v128))
        case .i8x16ShrU: row("i8x16.shr_u", .prefixed(0xFD, 109), .simd, sig([.v128, .i32], .v128))
        case .i8x16Add: row("i8x16.add", .prefixed(0xFD, 110), .simd, sig([.v128, .v128], .v128))
        case .i8x16AddSatS: row("i8x16.add_sat_s", .prefixed(0xFD, 111), .simd, sig([.v128, .v128], .v128))
        case .i8x16AddSatU: row("i8x16.add_sat_u", .prefixed(0xFD, 112), .simd, sig([.v128, .v128], .v128))
        case .i8x16Sub: row("i8x16.sub", .prefixed(0xFD, 113), .simd, sig([.v128, .v128], .v128))
        case .i8x16SubSatS: row("i8x16.sub_sat_s", .prefixed(0xFD, 114), .simd, sig([.v128, .v128], .v128))
        case .i8x16SubSatU: row("i8x16.sub_sat_u", .prefixed(0xFD, 115), .simd, sig([.v128, .v128], .v128))
        case .f64x2Ceil: row("f64x2.ceil", .prefixed(0xFD, 116), .simd, sig([.v128], .v128), canonicalizesNaN: true)
        case .f64x2Floor: row("f64x2.floor", .prefixed(0xFD, 117), .simd, sig([.v128], .v128), canonicalizesNaN: true)
        case .i8x16MinS: row("i8x16.min_s", .prefixed(0xFD, 118), .simd, sig([.v128, .v128], .v128))
        case .i8x16MinU: row("i8x16.min_u", .prefixed(0xFD, 119), .simd, sig([.v128, .v128], .v128))
        case .i8x16MaxS: row("i8x16.max_s", .prefixed(0xFD, 120), .simd, sig([.v128, .v128], .v128))
        case .i8x16MaxU: row("i8x16.max_u", .prefixed(0xFD, 121), .simd, sig([.v128, .v128], .v128))
        case .f64x2Trunc: row("f64x2.trunc", .prefixed(0xFD, 122), .simd, sig([.v128], .v128), canonicalizesNaN: true)
        case .i8x16AvgrU: row("i8x16.avgr_u", .prefixed(0xFD, 123), .simd, sig([.v128, .v128], .v128))
        case .i16x8ExtaddPairwiseI8x16S:
            row("i16x8.extadd_pairwise_i8x16_s", .prefixed(0xFD, 124), .simd, sig([.v128], .v128))
        case .i16x8ExtaddPairwiseI8x16U:
            row("i16x8.extadd_pairwise_i8x16_u", .prefixed(0xFD, 125), .simd, sig([.v128], .v128))
        case .i32x4ExtaddPairwiseI16x8S:
            row("i32x4.extadd_pairwise_i16x8_s", .prefixed(0xFD, 126), .simd, sig([.v128], .v128))
        case .i32x4ExtaddPairwiseI16x8U:
            row("i32x4.extadd_pairwise_i16x8_u", .prefixed(0xFD, 127), .simd, sig([.v128], .v128))
        case .i16x8Abs: row("i16x8.abs", .prefixed(0xFD, 128), .simd, sig([.v128], .v128))
        case .i16x8Neg: row("i16x8.neg", .prefixed(0xFD, 129), .simd, sig([.v128], .v128))
        case .i16x8Q15mulrSatS: row("i16x8.q15mulr_sat_s", .prefixed(0xFD, 130), .simd, sig([.v128, .v128], .v128))
        case .i16x8AllTrue: row("i16x8.all_true", .prefixed(0xFD, 131), .simd, sig([.v128], .i32))
        case .i16x8Bitmask: row("i16x8.bitmask", .prefixed(0xFD, 132), .simd, sig([.v128], .i32))
        case .i16x8NarrowI32x4S: row("i16x8.narrow_i32x4_s", .prefixed(0xFD, 133), .simd, sig([.v128, .v128], .v128))
        case .i16x8NarrowI32x4U: row("i16x8.narrow_i32x4_u", .prefixed(0xFD, 134), .simd, sig([.v128, .v128], .v128))
        case .i16x8ExtendLowI8x16S: row("i16x8.extend_low_i8x16_s", .prefixed(0xFD, 135), .simd, sig([.v128], .v128))
        case .i16x8ExtendHighI8x16S: row("i16x8.extend_high_i8x16_s", .prefixed(0xFD, 136), .simd, sig([.v128], .v128))
        case .i16x8ExtendLowI8x16U: row("i16x8.extend_low_i8x16_u", .prefixed(0xFD, 137), .simd, sig([.v128], .v128))
        case .i16x8ExtendHighI8x16U: row("i16x8.extend_high_i8x16_u", .prefixed(0xFD, 138), .simd, sig([.v128], .v128))
        case .i16x8Shl: row("i16x8.shl", .prefixed(0xFD, 139), .simd, sig([.v128, .i32], .v128))
        case .i16x8ShrS: row("i16x8.shr_s", .prefixed(0xFD, 140), .simd, sig([.v128, .i32], .v128))
        case .i16x8ShrU: row("i16x8.shr_u", .prefixed(0xFD, 141), .simd, sig([.v128, .i32], .v128))
        case .i16x8Add: row("i16x8.add", .prefixed(0xFD, 142), .simd, sig([.v128, .v128], .v128))
        case .i16x8AddSatS: row("i16x8.add_sat_s", .prefixed(0xFD, 143), .simd, sig([.v128, .v128], .v128))
        case .i16x8AddSatU: row("i16x8.add_sat_u", .prefixed(0xFD, 144), .simd, sig([.v128, .v128], .v128))
        case .i16x8Sub: row("i16x8.sub", .prefixed(0xFD, 145), .simd, sig([.v128, .v128], .v128))
        case .i16x8SubSatS: row("i16x8.sub_sat_s", .prefixed(0xFD, 146), .simd, sig([.v128, .v128], .v128))
        case .i16x8SubSatU: row("i16x8.sub_sat_u", .prefixed(0xFD, 147), .simd, sig([.v128, .v128], .v128))
        case .f64x2Nearest:
            row("f64x2.nearest", .prefixed(0xFD, 148), .simd, sig([.v128], .v128), canonicalizesNaN: true)
        case .i16x8Mul: row("i16x8.mul", .prefixed(0xFD, 149), .simd, sig([.v128, .v128], .v128))
        case .i16x8MinS: row("i16x8.min_s", .prefixed(0xFD, 150), .simd, sig([.v128, .v128], .v128))
        case .i16x8MinU: row("i16x8.min_u", .prefixed(0xFD, 151), .simd, sig([.v128, .v128], .v128))
        case .i16x8MaxS: row("i16x8.max_s", .prefixed(0xFD, 152), .simd, sig([.v128, .v128], .v128))
        case .i16x8MaxU: row("i16x8.max_u", .prefixed(0xFD, 153), .simd, sig([.v128, .v128], .v128))
        case .i16x8AvgrU: row("i16x8.avgr_u", .prefixed(0xFD, 155), .simd, sig([.v128, .v128], .v128))
        case .i16x8ExtmulLowI8x16S:
            row("i16x8.extmul_low_i8x16_s", .prefixed(0xFD, 156), .simd, sig([.v128, .v128], .v128))
        case .i16x8ExtmulHighI8x16S:
            row("i16x8.extmul_high_i8x16_s", .prefixed(0xFD, 157), .simd, sig([.v128, .v128], .v128))
        case .i16x8ExtmulLowI8x16U:
            row("i16x8.extmul_low_i8x16_u", .prefixed(0xFD, 158), .simd, sig([.v128, .v128], .v128))
        case .i16x8ExtmulHighI8x16U:
            row("i16x8.extmul_high_i8x16_u", .prefixed(0xFD, 159), .simd, sig([.v128, .v128], .v128))
        case .i32x4Abs: row("i32x4.abs", .prefixed(0xFD, 160), .simd, sig([.v128], .v128))
        case .i32x4Neg: row("i32x4.neg", .prefixed(0xFD, 161), .simd, sig([.v128], .v128))
        case .i32x4AllTrue: row("i32x4.all_true", .prefixed(0xFD, 163), .simd, sig([.v128], .i32))
        case .i32x4Bitmask: row("i32x4.bitmask", .prefixed(0xFD, 164), .simd, sig([.v128], .i32))
        case .i32x4ExtendLowI16x8S: row("i32x4.extend_low_i16x8_s", .prefixed(0xFD, 167), .simd, sig([.v128], .v128))
        case .i32x4ExtendHighI16x8S: row("i32x4.extend_high_i16x8_s", .prefixed(0xFD, 168), .simd, sig([.v128], .v128))
        case .i32x4ExtendLowI16x8U: row("i32x4.extend_low_i16x8_u", .prefixed(0xFD, 169), .simd, sig([.v128], .v128))
        case .i32x4ExtendHighI16x8U: row("i32x4.extend_high_i16x8_u", .prefixed(0xFD, 170), .simd, sig([.v128], .v128))
        case .i32x4Shl: row("i32x4.shl", .prefixed(0xFD, 171), .simd, sig([.v128, .i32], .v128))
        case .i32x4ShrS: row("i32x4.shr_s", .prefixed(0xFD, 172), .simd, sig([.v128, .i32], .v128))
        case .i32x4ShrU: row("i32x4.shr_u", .prefixed(0xFD, 173), .simd, sig([.v128, .i32], .v128))
        case .i32x4Add: row("i32x4.add", .prefixed(0xFD, 174), .simd, sig([.v128, .v128], .v128))
        case .i32x4Sub: row("i32x4.sub", .prefixed(0xFD, 177), .simd, sig([.v128, .v128], .v128))
        case .i32x4Mul: row("i32x4.mul", .prefixed(0xFD, 181), .simd, sig([.v128, .v128], .v128))
        case .i32x4MinS: row("i32x4.min_s", .prefixed(0xFD, 182), .simd, sig([.v128, .v128], .v128))
        case .i32x4MinU: row("i32x4.min_u", .prefixed(0xFD, 183), .simd, sig([.v128, .v128], .v128))
        case .i32x4MaxS: row("i32x4.max_s", .prefixed(0xFD, 184), .simd, sig([.v128, .v128], .v128))
        case .i32x4MaxU: row("i32x4.max_u", .prefixed(0xFD, 185), .simd, sig([.v128, .v128], .v128))
        case .i32x4DotI16x8S: row("i32x4.dot_i16x8_s", .prefixed(0xFD, 186), .simd, sig([.v128, .v128], .v128))
        case .i32x4ExtmulLowI16x8S:
            row("i32x4.extmul_low_i16x8_s", .prefixed(0xFD, 188), .simd, sig([.v128, .v128], .v128))
        case .i32x4ExtmulHighI16x8S:
            row("i32x4.extmul_high_i16x8_s", .prefixed(0xFD, 189), .simd, sig([.v128, .v128], .v128))
        case .i32x4ExtmulLowI16x8U:
            row("i32x4.extmul_low_i16x8_u", .prefixed(0xFD, 190), .simd, sig([.v128, .v128], .v128))
        case .i32x4ExtmulHighI16x8U:
            row("i32x4.extmul_high_i16x8_u", .prefixed(0xFD, 191), .simd, sig([.v128, .v128], .v128))
        case .i64x2Abs: row("i64x2.abs", .prefixed(0xFD, 192), .simd, sig([.v128], .v128))
        case .i64x2Neg: row("i64x2.neg", .prefixed(0xFD, 193), .simd, sig([.v128], .v128))
        case .i64x2AllTrue: row("i64x2.all_true", .prefixed(0xFD, 195), .simd, sig([.v128], .i32))
        case .i64x2Bitmask: row("i64x2.bitmask", .prefixed(0xFD, 196), .simd, sig([.v128], .i32))
        case .i64x2ExtendLowI32x4S: row("i64x2.extend_low_i32x4_s", .prefixed(0xFD, 199), .simd, sig([.v128], .v128))
        case .i64x2ExtendHighI32x4S: row("i64x2.extend_high_i32x4_s", .prefixed(0xFD, 200), .simd, sig([.v128], .v128))
        case .i64x2ExtendLowI32x4U: row("i64x2.extend_low_i32x4_u", .prefixed(0xFD, 201), .simd, sig([.v128], .v128))
        case .i64x2ExtendHighI32x4U: row("i64x2.extend_high_i32x4_u", .prefixed(0xFD, 202), .simd, sig([.v128], .v128))
        case .i64x2Shl: row("i64x2.shl", .prefixed(0xFD, 203), .simd, sig([.v128, .i32], .v128))
        case .i64x2ShrS: row("i64x2.shr_s", .prefixed(0xFD, 204), .simd, sig([.v128, .i32], .v128))
        case .i64x2ShrU: row("i64x2.shr_u", .prefixed(0xFD, 205), .simd, sig([.v128, .i32], .v128))
        case .i64x2Add: row("i64x2.add", .prefixed(0xFD, 206), .simd, sig([.v128, .v128], .v128))
        case .i64x2Sub: row("i64x2.sub", .prefixed(0xFD, 209), .simd, sig([.v128, .v128], .v128))
        case .i64x2Mul: row("i64x2.mul", .prefixed(0xFD, 213), .simd, sig([.v128, .v128], .v128))
        case .i64x2Eq: row("i64x2.eq", .prefixed(0xFD, 214), .simd, sig([.v128, .v128], .v128))
        case .i64x2Ne: row("i64x2.ne", .prefixed(0xFD, 215), .simd, sig([.v128, .v128], .v128))
        case .i64x2LtS: row("i64x2.lt_s", .prefixed(0xFD, 216), .simd, sig([.v128, .v128], .v128))
        case .i64x2GtS: row("i64x2.gt_s", .prefixed(0xFD, 217), .simd, sig([.v128, .v128], .v128))
        case .i64x2LeS: row("i64x2.le_s", .prefixed(0xFD, 218), .simd, sig([.v128, .v128], .v128))
        case .i64x2GeS: row("i64x2.ge_s", .prefixed(0xFD, 219), .simd, sig([.v128, .v128], .v128))
        case .i64x2ExtmulLowI32x4S:
            row("i64x2.extmul_low_i32x4_s", .prefixed(0xFD, 220), .simd, sig([.v128, .v128], .v128))
        case .i64x2ExtmulHighI32x4S:
            row("i64x2.extmul_high_i32x4_s", .prefixed(0xFD, 221), .simd, sig([.v128, .v128], .v128))
        case .i64x2ExtmulLowI32x4U:
            row("i64x2.extmul_low_i32x4_u", .prefixed(0xFD, 222), .simd, sig([.v128, .v128], .v128))
        case .i64x2ExtmulHighI32x4U:
            row("i64x2.extmul_high_i32x4_u", .prefixed(0xFD, 223), .simd, sig([.v128, .v128], .v128))
        case .f32x4Abs: row("f32x4.abs", .prefixed(0xFD, 224), .simd, sig([.v128], .v128))
        case .f32x4Neg: row("f32x4.neg", .prefixed(0xFD, 225), .simd, sig([.v128], .v128))
        case .f32x4Sqrt: row("f32x4.sqrt", .prefixed(0xFD, 227), .simd, sig([.v128], .v128), canonicalizesNaN: true)
        case .f32x4Add:
            row("f32x4.add", .prefixed(0xFD, 228), .simd, sig([.v128, .v128], .v128), canonicalizesNaN: true)
        case .f32x4Sub:
            row("f32x4.sub", .prefixed(0xFD, 229), .simd, sig([.v128, .v128], .v128), canonicalizesNaN: true)
        case .f32x4Mul:
            row("f32x4.mul", .prefixed(0xFD, 230), .simd, sig([.v128, .v128], .v128), canonicalizesNaN: true)
        case .f32x4Div:
            row("f32x4.div", .prefixed(0xFD, 231), .simd, sig([.v128, .v128], .v128), canonicalizesNaN: true)
        case .f32x4Min:
            row("f32x4.min", .prefixed(0xFD, 232), .simd, sig([.v128, .v128], .v128), canonicalizesNaN: true)
        case .f32x4Max:
            row("f32x4.max", .prefixed(0xFD, 233), .simd, sig([.v128, .v128], .v128), canonicalizesNaN: true)
        case .f32x4Pmin: row("f32x4.pmin", .prefixed(0xFD, 234), .simd, sig([.v128, .v128], .v128))
        case .f32x4Pmax: row("f32x4.pmax", .prefixed(0xFD, 235), .simd, sig([.v128, .v128], .v128))
        case .f64x2Abs: row("f64x2.abs", .prefixed(0xFD, 236), .simd, sig([.v128], .v128))
        case .f64x2Neg: row("f64x2.neg", .prefixed(0xFD, 237), .simd, sig([.v128], .v128))
        case .f64x2Sqrt: row("f64x2.sqrt", .prefixed(0xFD, 239), .simd, sig([.v128], .v128), canonicalizesNaN: true)
        case .f64x2Add:
            row("f64x2.add", .prefixed(0xFD, 240), .simd, sig([.v128, .v128], .v128), canonicalizesNaN: true)
        case .f64x2Sub:
            row("f64x2.sub", .prefixed(0xFD, 241), .simd, sig([.v128, .v128], .v128), canonicalizesNaN: true)
        case .f64x2Mul:
            row("f64x2.mul", .prefixed(0xFD, 242), .simd, sig([.v128, .v128], .v128), canonicalizesNaN: true)
        case .f64x2Div:
            row("f64x2.div", .prefixed(0xFD, 243), .simd, sig([.v128, .v128], .v128), canonicalizesNaN: true)
        case .f64x2Min:
            row("f64x2.min", .prefixed(0xFD, 244), .simd, sig([.v128, .v128], .v128), canonicalizesNaN: true)
        case .f64x2Max:
            row("f64x2.max", .prefixed(0xFD, 245), .simd, sig([.v128, .v128], .v128), canonicalizesNaN: true)
        case .f64x2Pmin: row("f64x2.pmin", .prefixed(0xFD, 246), .simd, sig([.v128, .v128], .v128))
        case .f64x2Pmax: row("f64x2.pmax", .prefixed(0xFD, 247), .simd, sig([.v128, .v128], .v128))
        case .i32x4TruncSatF32x4S: row("i32x4.trunc_sat_f32x4_s", .prefixed(0xFD, 248), .simd, sig([.v128], .v128))
        case .i32x4TruncSatF32x4U: row("i32x4.trunc_sat_f32x4_u", .prefixed(0xFD, 249), .simd, sig([.v128], .v128))
        case .f32x4ConvertI32x4S: row("f32x4.convert_i32x4_s", .prefixed(0xFD, 250), .simd, sig([.v128], .v128))
        case .f32x4ConvertI32x4U: row("f32x4.convert_i32x4_u", .prefixed(0xFD, 251), .simd, sig([.v128], .v128))
        case .i32x4TruncSatF64x2SZero:
            row("i32x4.trunc_sat_f64x2_s_zero", .prefixed(0xFD, 252), .simd, sig([.v128], .v128))
        case .i32x4TruncSatF64x2UZero:
            row("i32x4.trunc_sat_f64x2_u_zero", .prefixed(0xFD, 253), .simd, sig([.v128], .v128))
        case .f64x2ConvertLowI32x4S: row("f64x2.convert_low_i32x4_s", .prefixed(0xFD, 254), .simd, sig([.v128], .v128))
        case .f64x2ConvertLowI32x4U: row("f64x2.convert_low_i32x4_u", .prefixed(0xFD, 255), .simd, sig([.v128], .v128))
        }
    }
}
