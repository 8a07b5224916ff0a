/// Every instruction the engine decodes, one case per opcode, in encoding order.
///
/// Cases are the text-format mnemonic in lower camel case (`i32.trunc_sat_f64_s` -> `i32TruncSatF64S`);
/// typed `select` (0x1C) is `selectTyped`. Everything known about an opcode is in its row, `info`
/// (`Opcode+Info.swift`); decoding lookups are built from `allCases` (`OpcodeLookup.swift`).
enum Opcode: UInt16, CaseIterable, Sendable {
    // MARK: Single-byte opcodes: control, parametric, variables, tables, memory, numeric, references.
    // control
    case unreachable, nop, block, loop, `if`, `else`, `throw`, throwRef, end, br, brIf, brTable, `return`, call
    case callIndirect, returnCall, returnCallIndirect
    // typed function references: call_ref, return_call_ref (br_on_null and br_on_non_null are with
    // the references below)
    case callRef, returnCallRef
    // parametric
    case drop, select, selectTyped
    // exceptions: try_table (throw and throw_ref are with the control instructions above)
    case tryTable
    // variables
    case localGet, localSet, localTee, globalGet, globalSet
    // table access
    case tableGet, tableSet
    // loads
    case i32Load, i64Load, f32Load, f64Load, i32Load8S, i32Load8U, i32Load16S, i32Load16U, i64Load8S, i64Load8U
    case i64Load16S, i64Load16U, i64Load32S, i64Load32U
    // stores
    case i32Store, i64Store, f32Store, f64Store, i32Store8, i32Store16, i64Store8, i64Store16, i64Store32
    // memory size
    case memorySize, memoryGrow
    // constants
    case i32Const, i64Const, f32Const, f64Const
    // i32 comparisons
    case i32Eqz, i32Eq, i32Ne, i32LtS, i32LtU, i32GtS, i32GtU, i32LeS, i32LeU, i32GeS, i32GeU
    // i64 comparisons
    case i64Eqz, i64Eq, i64Ne, i64LtS, i64LtU, i64GtS, i64GtU, i64LeS, i64LeU, i64GeS, i64GeU
    // f32 comparisons
    case f32Eq, f32Ne, f32Lt, f32Gt, f32Le, f32Ge
    // f64 comparisons
    case f64Eq, f64Ne, f64Lt, f64Gt, f64Le, f64Ge
    // i32 arithmetic
    case i32Clz, i32Ctz, i32Popcnt, i32Add, i32Sub, i32Mul, i32DivS, i32DivU, i32RemS, i32RemU, i32And, i32Or, i32Xor
    case i32Shl, i32ShrS, i32ShrU, i32Rotl, i32Rotr
    // i64 arithmetic
    case i64Clz, i64Ctz, i64Popcnt, i64Add, i64Sub, i64Mul, i64DivS, i64DivU, i64RemS, i64RemU, i64And, i64Or, i64Xor
    case i64Shl, i64ShrS, i64ShrU, i64Rotl, i64Rotr
    // f32 arithmetic
    case f32Abs, f32Neg, f32Ceil, f32Floor, f32Trunc, f32Nearest, f32Sqrt, f32Add, f32Sub, f32Mul, f32Div, f32Min
    case f32Max, f32Copysign
    // f64 arithmetic
    case f64Abs, f64Neg, f64Ceil, f64Floor, f64Trunc, f64Nearest, f64Sqrt, f64Add, f64Sub, f64Mul, f64Div, f64Min
    case f64Max, f64Copysign
    // conversions
    case i32WrapI64, i32TruncF32S, i32TruncF32U, i32TruncF64S, i32TruncF64U, i64ExtendI32S, i64ExtendI32U
    case i64TruncF32S, i64TruncF32U, i64TruncF64S, i64TruncF64U, f32ConvertI32S, f32ConvertI32U, f32ConvertI64S
    case f32ConvertI64U, f32DemoteF64, f64ConvertI32S, f64ConvertI32U, f64ConvertI64S, f64ConvertI64U, f64PromoteF32
    // reinterpretations
    case i32ReinterpretF32, i64ReinterpretF64, f32ReinterpretI32, f64ReinterpretI64
    // sign extension
    case i32Extend8S, i32Extend16S, i64Extend8S, i64Extend16S, i64Extend32S
    // references
    case refNull, refIsNull, refFunc, refAsNonNull, brOnNull, brOnNonNull

    // MARK: 0xFC prefix: saturating conversions, bulk memory, tables, wide arithmetic.
    // saturating conversions
    case i32TruncSatF32S, i32TruncSatF32U, i32TruncSatF64S, i32TruncSatF64U, i64TruncSatF32S, i64TruncSatF32U
    case i64TruncSatF64S, i64TruncSatF64U
    // bulk memory
    case memoryInit, dataDrop, memoryCopy, memoryFill, tableInit, elemDrop, tableCopy
    // tables
    case tableGrow, tableSize, tableFill
    // wide arithmetic
    case i64Add128, i64Sub128, i64MulWideS, i64MulWideU

    // MARK: 0xFD prefix: fixed-width SIMD.
    // loads, store, constant
    case v128Load, v128Load8x8S, v128Load8x8U, v128Load16x4S, v128Load16x4U, v128Load32x2S, v128Load32x2U
    case v128Load8Splat, v128Load16Splat, v128Load32Splat, v128Load64Splat, v128Store, v128Const
    // shuffles
    case i8x16Shuffle, i8x16Swizzle
    // splats
    case i8x16Splat, i16x8Splat, i32x4Splat, i64x2Splat, f32x4Splat, f64x2Splat
    // i8x16 lanes
    case i8x16ExtractLaneS, i8x16ExtractLaneU, i8x16ReplaceLane
    // i16x8 lanes
    case i16x8ExtractLaneS, i16x8ExtractLaneU, i16x8ReplaceLane
    // i32x4 lanes
    case i32x4ExtractLane, i32x4ReplaceLane
    // i64x2 lanes
    case i64x2ExtractLane, i64x2ReplaceLane
    // f32x4 lanes
    case f32x4ExtractLane, f32x4ReplaceLane
    // f64x2 lanes
    case f64x2ExtractLane, f64x2ReplaceLane
    // i8x16 comparisons
    case i8x16Eq, i8x16Ne, i8x16LtS, i8x16LtU, i8x16GtS, i8x16GtU, i8x16LeS, i8x16LeU, i8x16GeS, i8x16GeU
    // i16x8 comparisons
    case i16x8Eq, i16x8Ne, i16x8LtS, i16x8LtU, i16x8GtS, i16x8GtU, i16x8LeS, i16x8LeU, i16x8GeS, i16x8GeU
    // i32x4 comparisons
    case i32x4Eq, i32x4Ne, i32x4LtS, i32x4LtU, i32x4GtS, i32x4GtU, i32x4LeS, i32x4LeU, i32x4GeS, i32x4GeU
    // f32x4 comparisons
    case f32x4Eq, f32x4Ne, f32x4Lt, f32x4Gt, f32x4Le, f32x4Ge
    // f64x2 comparisons
    case f64x2Eq, f64x2Ne, f64x2Lt, f64x2Gt, f64x2Le, f64x2Ge
    // bitwise
    case v128Not, v128And, v128Andnot, v128Or, v128Xor, v128Bitselect, v128AnyTrue
    // lane and zero-extending memory
    case v128Load8Lane, v128Load16Lane, v128Load32Lane, v128Load64Lane, v128Store8Lane, v128Store16Lane
    case v128Store32Lane, v128Store64Lane, v128Load32Zero, v128Load64Zero
    // demote, promote
    case f32x4DemoteF64x2Zero, f64x2PromoteLowF32x4
    // i8x16 (and f32x4/f64x2 rounding, extadd_pairwise)
    case i8x16Abs, i8x16Neg, i8x16Popcnt, i8x16AllTrue, i8x16Bitmask, i8x16NarrowI16x8S, i8x16NarrowI16x8U, f32x4Ceil
    case f32x4Floor, f32x4Trunc, f32x4Nearest, i8x16Shl, i8x16ShrS, i8x16ShrU, i8x16Add, i8x16AddSatS, i8x16AddSatU
    case i8x16Sub, i8x16SubSatS, i8x16SubSatU, f64x2Ceil, f64x2Floor, i8x16MinS, i8x16MinU, i8x16MaxS, i8x16MaxU
    case f64x2Trunc, i8x16AvgrU, i16x8ExtaddPairwiseI8x16S, i16x8ExtaddPairwiseI8x16U, i32x4ExtaddPairwiseI16x8S
    case i32x4ExtaddPairwiseI16x8U
    // i16x8 (and f64x2.nearest)
    case i16x8Abs, i16x8Neg, i16x8Q15mulrSatS, i16x8AllTrue, i16x8Bitmask, i16x8NarrowI32x4S, i16x8NarrowI32x4U
    case i16x8ExtendLowI8x16S, i16x8ExtendHighI8x16S, i16x8ExtendLowI8x16U, i16x8ExtendHighI8x16U, i16x8Shl, i16x8ShrS
    case i16x8ShrU, i16x8Add, i16x8AddSatS, i16x8AddSatU, i16x8Sub, i16x8SubSatS, i16x8SubSatU, f64x2Nearest, i16x8Mul
    case i16x8MinS, i16x8MinU, i16x8MaxS, i16x8MaxU, i16x8AvgrU, i16x8ExtmulLowI8x16S, i16x8ExtmulHighI8x16S
    case i16x8ExtmulLowI8x16U, i16x8ExtmulHighI8x16U
    // i32x4
    case i32x4Abs, i32x4Neg, i32x4AllTrue, i32x4Bitmask, i32x4ExtendLowI16x8S, i32x4ExtendHighI16x8S
    case i32x4ExtendLowI16x8U, i32x4ExtendHighI16x8U, i32x4Shl, i32x4ShrS, i32x4ShrU, i32x4Add, i32x4Sub, i32x4Mul
    case i32x4MinS, i32x4MinU, i32x4MaxS, i32x4MaxU, i32x4DotI16x8S, i32x4ExtmulLowI16x8S, i32x4ExtmulHighI16x8S
    case i32x4ExtmulLowI16x8U, i32x4ExtmulHighI16x8U
    // i64x2
    case i64x2Abs, i64x2Neg, i64x2AllTrue, i64x2Bitmask, i64x2ExtendLowI32x4S, i64x2ExtendHighI32x4S
    case i64x2ExtendLowI32x4U, i64x2ExtendHighI32x4U, i64x2Shl, i64x2ShrS, i64x2ShrU, i64x2Add, i64x2Sub, i64x2Mul
    case i64x2Eq, i64x2Ne, i64x2LtS, i64x2GtS, i64x2LeS, i64x2GeS, i64x2ExtmulLowI32x4S, i64x2ExtmulHighI32x4S
    case i64x2ExtmulLowI32x4U, i64x2ExtmulHighI32x4U
    // f32x4
    case f32x4Abs, f32x4Neg, f32x4Sqrt, f32x4Add, f32x4Sub, f32x4Mul, f32x4Div, f32x4Min, f32x4Max, f32x4Pmin
    case f32x4Pmax
    // f64x2
    case f64x2Abs, f64x2Neg, f64x2Sqrt, f64x2Add, f64x2Sub, f64x2Mul, f64x2Div, f64x2Min, f64x2Max, f64x2Pmin
    case f64x2Pmax
    // conversions
    case i32x4TruncSatF32x4S, i32x4TruncSatF32x4U, f32x4ConvertI32x4S, f32x4ConvertI32x4U, i32x4TruncSatF64x2SZero
    case i32x4TruncSatF64x2UZero, f64x2ConvertLowI32x4S, f64x2ConvertLowI32x4U
}
