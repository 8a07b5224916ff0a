/// The interpreter's internal instruction set: what Lowering emits and Execution runs.
///
/// Code is a sequence of 64-bit words. The head word of an instruction holds the `Op` in bits 0-15
/// and three 16-bit operands `a`, `b`, `c` in bits 16-31, 32-47 and 48-63 (usually frame slots:
/// `dst, lhs, rhs`); some instructions are followed by immediate words. Numeric and memory ops are
/// named after the wasm instruction they run (see `Op.init?(numeric:)`); the others are documented
/// where they are declared. Every `Op` is handled by the interpreter's one exhaustive switch.
enum Op: UInt16, CaseIterable, Sendable {
    /// The type-index word of `callIndirect` and `returnCallIndirect` that makes them `call_ref` and
    /// `return_call_ref` (no type index is this large).
    static let callRefMarker: UInt64 = 1 << 32

    // MARK: Control
    /// Traps with `unreachable`.
    case unreachable
    /// Adds `a` to the instruction counter (folded block/loop/end counts).
    case count
    /// Slots `a ..< a+b` = 0 (`b` > 0): the first instruction of a function with locals, zeroing
    /// those after its parameters (not counted). Callers leave a callee's locals as they are.
    case zeroLocals
    /// Jumps by the signed word offset in the next word (not counted).
    case jump
    /// Adds `a` to the counter, then jumps by the next word.
    case br
    /// Adds `b` to the counter; jumps by the next word if slot `a` (i32) is non-zero.
    case brIf
    /// Adds `b` to the counter; jumps by the next word if slot `a` (i32) is zero.
    case brIfNot
    /// Adds `b` to the counter; `c` targets plus a default follow as word offsets (from the head word),
    /// chosen by slot `a` (u32).
    case brTable
    /// Adds `a` to the counter and returns; results are already in slots 0... of the frame.
    case `return`
    /// Calls function `b | c << 16` (function index space); its frame starts at slot `a`.
    case call
    /// `call` of a function the module defines (so it has code and runs in the caller's instance):
    /// function `b | c << 16`, its frame at slot `a`.
    case callLocal
    /// Calls through table `c` at the index in slot `b`; the next word is the expected type index.
    /// With `Op.callRefMarker` there instead, it is `call_ref`: slot `b` holds the callee's reference
    /// (null traps with "null function reference"; validation checked its type).
    case callIndirect
    /// Tail call: adds `b` to the counter, moves `a`'s arguments to slot 0, calls the function in the next word.
    case returnCall
    /// Tail call through table `c` at slot `b`; next words: type index (or `Op.callRefMarker` for
    /// `return_call_ref`, as for `callIndirect`), then the count increment.
    case returnCallIndirect
    /// Throws an exception of tag `b | c << 16` (module tag index) whose payload is in slots `a...`;
    /// its count was flushed just before. Unwinds to a landing pad (`ExceptionHandler`) or out of `execute`.
    case `throw`
    /// Throws the exception referred to by the `exnref` in slot `a` again; traps if it is null.
    case throwRef
    /// Traps with "null reference" if the reference in slot `a` is null (`ref.as_non_null`, not counted).
    case refAsNonNull

    // MARK: Data movement
    /// slot `a` = slot `b`.
    case copy
    /// slot `a` = slot `b`, then slot `c` = the slot in the next word: two copies in a row, in order.
    case copy2
    /// slots `a`, `a+1` = slots `b`, `b+1` (v128).
    case copy128
    /// slots `a ..< a+c` = slots `b ..< b+c`, as if through a temporary (the ranges may overlap): a
    /// branch's values moved to its label's slots in one instruction.
    case copySpan
    /// slot `a` = the 32-bit constant in bits 32-63 (zero-extended).
    case const32
    /// slot `a` = the next word.
    case const64
    /// slots `a`, `a+1` = the next two words.
    case const128
    /// slot `a` = slot `b` if the i32 in the slot named by the next word is non-zero, else slot `c`.
    case select
    /// The v128 variant of `select`.
    case select128
    /// slot `a` = global `b | c << 16`.
    case globalGet
    /// global `b | c << 16` = slot `a`.
    case globalSet
    /// v128 variant of `globalGet`.
    case globalGet128
    /// v128 variant of `globalSet`.
    case globalSet128
    /// slot `a` = the store's instruction counter (the imported counter global).
    case counterGet
    /// the store's instruction counter = slot `a`.
    case counterSet
    /// slot `a` = reference to function `b | c << 16`.
    case refFunc

    // MARK: Memory (memory 0)
    // Loads: slot `a` = memory[address in slot `b`]; stores: memory[address in slot `a`] = slot `b`.
    // The next word holds the memarg offset (high 32 bits) and the constant of an `i32.add` folded
    // into the address (low 32 bits, added with wrap-around; see `effectiveAddress`).
    case i32Load
    case i64Load
    case f32Load
    case f64Load
    case i32Load8S
    case i32Load8U
    case i32Load16S
    case i32Load16U
    case i64Load8S
    case i64Load8U
    case i64Load16S
    case i64Load16U
    case i64Load32S
    case i64Load32U
    case i32Store
    case i64Store
    case f32Store
    case f64Store
    case i32Store8
    case i32Store16
    case i64Store8
    case i64Store16
    case i64Store32
    /// Stores of a constant: memory[address in slot `a`] = `b`, a 16-bit constant zero-extended to
    /// 1, 2, 4 or 8 bytes. Made from `const; store` by Lowering when the stored bits fit.
    case store8Imm
    case store16Imm
    case store32Imm
    case store64Imm
    /// A load or store on a memory other than 0: `c` is the wasm `Opcode`, the next word holds the
    /// offset (low 32 bits) and the memory index (high 32 bits).
    case memoryAccess
    /// slot `a` = memory `b`'s size in pages.
    case memorySize
    /// slot `a` = old size of memory `b` after growing by slot `a` pages, or -1.
    case memoryGrow
    /// memory `b`: fill slots `a`, `a+1`, `a+2` = (dest, value, length).
    case memoryFill
    /// copy from memory `c` to memory `b`; slots `a...a+2` = (dest, source, length).
    case memoryCopy
    /// memory `c`, data segment `b`; slots `a...a+2` = (dest, source offset, length).
    case memoryInit
    /// drops data segment `a`.
    case dataDrop

    // MARK: Tables
    /// slot `a` = table `c`[slot `b`].
    case tableGet
    /// table `c`[slot `a`] = slot `b`.
    case tableSet
    /// slot `a` = size of table `b`.
    case tableSize
    /// table `b`: slots (`a` = init value, `a+1` = delta) -> slot `a` = old size or -1.
    case tableGrow
    /// table `b`: slots `a...a+2` = (start, value, length).
    case tableFill
    /// table `c`, element segment `b`; slots `a...a+2` = (dest, source offset, length).
    case tableInit
    /// copy from table `c` to table `b`; slots `a...a+2` = (dest, source, length).
    case tableCopy
    /// drops element segment `a`.
    case elemDrop

    // MARK: Wide arithmetic (operands and results from slot `a` on)
    case i64Add128
    case i64Sub128
    case i64MulWideS
    case i64MulWideU

    // MARK: SIMD
    /// Any fixed-width SIMD instruction except `v128.const` (which is `const128`); run by the
    /// `SIMDHandler` whose address is in word 1 (one small function per opcode).
    ///
    /// Head word: `a` = destination slot (a v128 takes `a`, `a+1`; unused by stores), `b` = first
    /// input slot, `c` = second input slot (inputs in stack order, bottom first: a memory access's
    /// address is `b`, a store's or lane access's vector is `c`).
    ///
    /// Word 1: the handler's address (`StoreRuntime.simdHandler(for:)`).
    ///
    /// Word 2: bits 0-15 the `Opcode` raw value; bits 16-31 the third input slot (`v128.bitselect`'s
    /// mask), the lane index (`extract_lane`, `replace_lane`, `load*_lane`, `store*_lane`), or for a
    /// shift whose count was a constant, `0x8000 | count` (then `c` is unused); bits 32-63 the memarg
    /// offset (memory instructions).
    ///
    /// Word 3, memory instructions only: bits 0-31 the memory index (0: the loop's cached memory 0);
    /// bits 32-63 a constant that is added to the address operand with i32 wrap-around before the
    /// memarg offset, folded from an `i32.add` of a constant that computed the address (0 if none).
    /// Words 3-4, `i8x16.shuffle` only: its 16 lane indices, one byte each, lane 0 in the lowest byte
    /// of word 3.
    ///
    /// So an instruction takes 3 words, 4 for memory instructions and 5 for `i8x16.shuffle`
    /// (`Op.simdWordCount(of:)`).
    case simd
    /// The most frequent SIMD instructions, with the `simd` layout but a threaded handler of their
    /// own instead of the call through word 1 (`v128.load` and `v128.store` on memory 0 only).
    case simdLoad
    case simdStore
    case simdI32x4Add
    case simdI32x4Mul
    case simdI16x8Add
    case simdI16x8Shl
    case simdI16x8ShrU
    case simdI16x8ExtendLowI8x16U
    case simdI16x8ExtendHighI8x16U
    case simdI32x4ExtendLowI16x8U
    case simdI8x16NarrowI16x8U
    case simdV128Xor
    case simdV128And

    // MARK: Numeric (unary: a = dst, b = operand; binary: a = dst, b = lhs, c = rhs)
    case i32Eqz
    case i32Eq
    case i32Ne
    case i32LtS
    case i32LtU
    case i32GtS
    case i32GtU
    case i32LeS
    case i32LeU
    case i32GeS
    case i32GeU
    case i64Eqz
    case i64Eq
    case i64Ne
    case i64LtS
    case i64LtU
    case i64GtS
    case i64GtU
    case i64LeS
    case i64LeU
    case i64GeS
    case i64GeU
    case f32Eq
    case f32Ne
    case f32Lt
    case f32Gt
    case f32Le
    case f32Ge
    case f64Eq
    case f64Ne
    case f64Lt
    case f64Gt
    case f64Le
    case f64Ge
    case i32Clz
    case i32Ctz
    case i32Popcnt
    case i32Add
    case i32Sub
    case i32Mul
    case i32DivS
    case i32DivU
    case i32RemS
    case i32RemU
    case i32And
    case i32Or
    case i32Xor
    case i32Shl
    case i32ShrS
    case i32ShrU
    case i32Rotl
    case i32Rotr
    case i64Clz
    case i64Ctz
    case i64Popcnt
    case i64Add
    case i64Sub
    case i64Mul
    case i64DivS
    case i64DivU
    case i64RemS
    case i64RemU
    case i64And
    case i64Or
    case i64Xor
    case i64Shl
    case i64ShrS
    case i64ShrU
    case i64Rotl
    case i64Rotr
    case f32Abs
    case f32Neg
    case f32Ceil
    case f32Floor
    case f32Trunc
    case f32Nearest
    case f32Sqrt
    case f32Add
    case f32Sub
    case f32Mul
    case f32Div
    case f32Min
    case f32Max
    case f32Copysign
    case f64Abs
    case f64Neg
    case f64Ceil
    case f64Floor
    case f64Trunc
    case f64Nearest
    case f64Sqrt
    case f64Add
    case f64Sub
    case f64Mul
    case f64Div
    case f64Min
    case f64Max
    case f64Copysign
    case i32WrapI64
    case i32TruncF32S
    case i32TruncF32U
    case i32TruncF64S
    case i32TruncF64U
    case i64ExtendI32S
    case i64ExtendI32U
    case i64TruncF32S
    case i64TruncF32U
    case i64TruncF64S
    case i64TruncF64U
    case f32ConvertI32S
    case f32ConvertI32U
    case f32ConvertI64S
    case f32ConvertI64U
    case f32DemoteF64
    case f64ConvertI32S
    case f64ConvertI32U
    case f64ConvertI64S
    case f64ConvertI64U
    case f64PromoteF32
    case i32ReinterpretF32
    case i64ReinterpretF64
    case f32ReinterpretI32
    case f64ReinterpretI64
    case i32Extend8S
    case i32Extend16S
    case i64Extend8S
    case i64Extend16S
    case i64Extend32S
    case i32TruncSatF32S
    case i32TruncSatF32U
    case i32TruncSatF64S
    case i32TruncSatF64U
    case i64TruncSatF32S
    case i64TruncSatF32U
    case i64TruncSatF64S
    case i64TruncSatF64U

    // MARK: Superinstructions
    // Binary ops whose right operand is the immediate word after the head (a = dst, b = lhs), made
    // from `const; op` by Lowering.
    case i32AddImm
    case i32SubImm
    case i32MulImm
    case i32AndImm
    case i32OrImm
    case i32XorImm
    case i32ShlImm
    case i32ShrUImm
    case i32ShrSImm
    case i32RotlImm
    case i32RotrImm
    case i32EqImm
    case i32NeImm
    case i32LtUImm
    case i32GtUImm
    case i32LeUImm
    case i32GeUImm
    case i32LtSImm
    case i32GtSImm
    case i32LeSImm
    case i32GeSImm
    case i64AddImm
    case i64SubImm
    case i64MulImm
    case i64AndImm
    case i64OrImm
    case i64XorImm
    case i64ShlImm
    case i64ShrUImm
    case i64ShrSImm
    case i64RotlImm
    case i64RotrImm
    case i64EqImm
    case i64NeImm
    case i64LtUImm
    case i64GtUImm
    case i64LeUImm
    case i64GeUImm
    case i64LtSImm
    case i64GtSImm
    case i64LeSImm
    case i64GeSImm
    // Float ops with a constant right operand (an f32's bits in the low half of the word), made from
    // `f32.const`/`f64.const` and the op; the result is canonicalised as the op's.
    case f32AddImm
    case f32SubImm
    case f32MulImm
    case f32DivImm
    case f64AddImm
    case f64SubImm
    case f64MulImm
    case f64DivImm
    // Compare-and-branch: add `c` to the counter, then jump by the next word if slot `a` compared
    // with slot `b` (or, for the Imm forms, with the word after the offset) holds. Made from
    // `compare; br_if` and `compare; if` by Lowering.
    case brIfI32Eq
    case brIfI32EqImm
    case brIfI32Ne
    case brIfI32NeImm
    case brIfI32LtU
    case brIfI32LtUImm
    case brIfI32GtU
    case brIfI32GtUImm
    case brIfI32LeU
    case brIfI32LeUImm
    case brIfI32GeU
    case brIfI32GeUImm
    case brIfI32LtS
    case brIfI32LtSImm
    case brIfI32GtS
    case brIfI32GtSImm
    case brIfI32LeS
    case brIfI32LeSImm
    case brIfI32GeS
    case brIfI32GeSImm
    // f64 compare-and-branch: add `c` to the counter, then jump by the next word if slot `a`
    // compared with slot `b` (Imm: with the f64 in the word after the offset) holds (`brIf`) or does
    // not (`brIfNot`: with NaNs, not `<` is not `>=`). Made from `f64.lt`... feeding `br_if`/`if`.
    case brIfF64Lt
    case brIfF64LtImm
    case brIfF64Gt
    case brIfF64GtImm
    case brIfF64Le
    case brIfF64LeImm
    case brIfF64Ge
    case brIfF64GeImm
    case brIfNotF64Lt
    case brIfNotF64LtImm
    case brIfNotF64Gt
    case brIfNotF64GtImm
    case brIfNotF64Le
    case brIfNotF64LeImm
    case brIfNotF64Ge
    case brIfNotF64GeImm
    // The same compare-and-branch ops for i64 (as the i32 ones; the Imm forms' word is the i64
    // constant, and `i64.eqz` feeding a branch becomes `brIfI64EqImm`/`brIfI64NeImm` with 0) and
    // for f32 (as the f64 ones; the Imm forms' word holds the f32 bits in its low half).
    case brIfI64Eq
    case brIfI64EqImm
    case brIfI64Ne
    case brIfI64NeImm
    case brIfI64LtU
    case brIfI64LtUImm
    case brIfI64GtU
    case brIfI64GtUImm
    case brIfI64LeU
    case brIfI64LeUImm
    case brIfI64GeU
    case brIfI64GeUImm
    case brIfI64LtS
    case brIfI64LtSImm
    case brIfI64GtS
    case brIfI64GtSImm
    case brIfI64LeS
    case brIfI64LeSImm
    case brIfI64GeS
    case brIfI64GeSImm
    case brIfF32Lt
    case brIfF32LtImm
    case brIfF32Gt
    case brIfF32GtImm
    case brIfF32Le
    case brIfF32LeImm
    case brIfF32Ge
    case brIfF32GeImm
    case brIfNotF32Lt
    case brIfNotF32LtImm
    case brIfNotF32Gt
    case brIfNotF32GtImm
    case brIfNotF32Le
    case brIfNotF32LeImm
    case brIfNotF32Ge
    case brIfNotF32GeImm
    // Two i32 operations in one, the first one's result feeding the second (which is commutative):
    // t = slot `b` OP1 slot `c`, then slot `a` = t OP2 slot z, z being the slot in the next word.
    // For an `…ImmThen…` op the first operation's right operand is the next word and z is slot `c`.
    // Made from two integer instructions in a row by Lowering.
    case i32AddThenAdd
    case i32AddThenXor
    case i32AddThenAnd
    case i32AddThenOr
    case i32SubThenAdd
    case i32SubThenXor
    case i32SubThenAnd
    case i32SubThenOr
    case i32MulThenAdd
    case i32MulThenXor
    case i32MulThenAnd
    case i32MulThenOr
    case i32AndThenAdd
    case i32AndThenXor
    case i32AndThenAnd
    case i32AndThenOr
    case i32OrThenAdd
    case i32OrThenXor
    case i32OrThenAnd
    case i32OrThenOr
    case i32XorThenAdd
    case i32XorThenXor
    case i32XorThenAnd
    case i32XorThenOr
    case i32ShlImmThenAdd
    case i32ShlImmThenXor
    case i32ShlImmThenAnd
    case i32ShlImmThenOr
    case i32ShrUImmThenAdd
    case i32ShrUImmThenXor
    case i32ShrUImmThenAnd
    case i32ShrUImmThenOr
    case i32RotlImmThenAdd
    case i32RotlImmThenXor
    case i32RotlImmThenAnd
    case i32RotlImmThenOr
    case i32MulImmThenAdd
    case i32MulImmThenXor
    case i32MulImmThenAnd
    case i32MulImmThenOr
    case i32AndImmThenAdd
    case i32AndImmThenXor
    case i32AndImmThenAnd
    case i32AndImmThenOr
    case i32AddImmThenAdd
    case i32AddImmThenXor
    case i32AddImmThenAnd
    case i32AddImmThenOr
    // Two f64 operations in one, the first one's result feeding the second: t = slot `b` OP1
    // slot `c`, then slot `a` = t OP2 slot z (`SubFrom`: z - t), z being the slot in the next word.
    // t is not written anywhere and not canonicalised (a NaN t gives a NaN result, which is).
    // Made from two float instructions in a row by Lowering.
    case f64AddThenAdd
    /// `f64AddThenMul` then an f64.add (`2xy + c` as clang writes it: `(x + x) * y + c`): slot `a` =
    /// (slot `b` + slot `c`) * the slot in the low half of the next word + the slot in its high half,
    /// canonicalising only the final result.
    case f64AddThenMulThenAdd
    case f64AddThenMul
    case f64AddThenSub
    case f64AddThenSubFrom
    case f64SubThenAdd
    case f64SubThenMul
    case f64SubThenSub
    case f64SubThenSubFrom
    case f64MulThenAdd
    case f64MulThenMul
    case f64MulThenSub
    case f64MulThenSubFrom
    // The f32 twins of the f64 chains above (same operands and layout, f32 operations).
    case f32AddThenAdd
    case f32AddThenMul
    case f32AddThenSub
    case f32AddThenSubFrom
    case f32SubThenAdd
    case f32SubThenMul
    case f32SubThenSub
    case f32SubThenSubFrom
    case f32MulThenAdd
    case f32MulThenMul
    case f32MulThenSub
    case f32MulThenSubFrom
    // Float chains whose first operation takes a constant (`f64MulImm` then an operation): t = slot
    // `b` OP1 the constant in the next word, then slot `a` = t OP2 slot `c` (`SubFrom`: slot `c` - t);
    // only the final result is canonicalised.
    case f32AddImmThenAdd
    case f32AddImmThenMul
    case f32AddImmThenSub
    case f32AddImmThenSubFrom
    case f32SubImmThenAdd
    case f32SubImmThenMul
    case f32SubImmThenSub
    case f32SubImmThenSubFrom
    case f32MulImmThenAdd
    case f32MulImmThenMul
    case f32MulImmThenSub
    case f32MulImmThenSubFrom
    case f64AddImmThenAdd
    case f64AddImmThenMul
    case f64AddImmThenSub
    case f64AddImmThenSubFrom
    case f64SubImmThenAdd
    case f64SubImmThenMul
    case f64SubImmThenSub
    case f64SubImmThenSubFrom
    case f64MulImmThenAdd
    case f64MulImmThenMul
    case f64MulImmThenSub
    case f64MulImmThenSubFrom
    // A memory-0 load whose value feeds the next operation, in one op: x = the value loaded from
    // the address in slot `b` and the next word (as for the load), then slot `a` = x OP slot `c`
    // (`SubFrom`: slot `c` - x). x is not written anywhere. Made by Lowering from a load into a
    // stack slot and the instruction right after it that consumes that slot; traps as the load.
    case i32Load8UThenAdd
    case i32Load8UThenXor
    case i32LoadThenAdd
    case i32LoadThenXor
    case f64LoadThenAdd
    case f64LoadThenSub
    case f64LoadThenSubFrom
    case f64LoadThenMul
    // The f32 twins of the f64 load-fused ops above (an f32 loaded from memory).
    case f32LoadThenAdd
    case f32LoadThenSub
    case f32LoadThenSubFrom
    case f32LoadThenMul
    /// `f64LoadThenAdd` whose result is stored back where it was loaded from (`x += y` on an f64 in
    /// memory): slot `a` = the canonicalised sum, also stored at the load's address. Made by Lowering
    /// from `f64LoadThenAdd` and an `f64.store` of its result to the same address slot and word.
    case f64AddToMemory
    /// `f64AddToMemory` for `f64LoadThenSub` (`x -= y` on an f64 in memory).
    case f64SubFromMemory
    /// slot `a` and slot `c` = slot `b` + the next word (i32): `i32AddImm` and a copy of its result
    /// into a second local (`local.tee` to one local, then `local.set` to another), in one op.
    case i32AddImmAndCopy
    /// slot `a` += k1, then slot `b` += k2 (i32), k1 and k2 the halves of the next word: two
    /// `i32.add`s of a constant, each updating its own local in place (an index and a pointer
    /// stepped together before a load-and-branch), in one op.
    case i32AddImmPair
    // A memory-0 load whose value is stored right away (a copy loop's body), in one op: the bytes
    // loaded from the address in slot `b` and the next word are stored at the address in slot `a`
    // and the word after (each address as for a load or store). Made by Lowering from a load into a
    // stack slot and the store of the same width that consumes it. A trap of the store is reported
    // one word in, where the source map holds the store's offset.
    case move8
    case move16
    case move32
    case move64
    // A loop's step and test in one op: slot `a` = slot `b` + k (i32), then, after taking `c` from
    // the fuel, a jump by the next word if the sum is non-zero (`…BrIf`) or differs from n
    // (`…BrIfNeImm`); the word after the offset holds k in its low half and n in its high half.
    // Made by Lowering from `i32AddImm` and the branch on its result right after it.
    case i32AddImmThenBrIf
    case i32AddImmThenBrIfNeImm
    // More steps and tests of the same layout (`Op.stepBranch`): the step adds a constant (`AddImm`)
    // or the slot named by the low half (`Add`); the test compares the sum with a constant (`…Imm`)
    // or with the slot named by the high half, as the compare-and-branch op of that name does.
    case i32AddImmThenBrIfLtUImm
    case i32AddImmThenBrIfNe
    case i32AddImmThenBrIfLtU
    case i32AddImmThenBrIfGeU
    case i32AddImmThenBrIfGtS
    case i32AddThenBrIfNeImm
    case i32AddThenBrIfLtUImm
    case i32AddThenBrIfNe
    case i32AddThenBrIfLtU
    case i32AddThenBrIfGeU
    case i32AddThenBrIfGtS
    // An f64 sum tested against a constant in one op, as `brIfF64GtImm` ... would test it, the sum
    // being slot `a` + slot `b` (not stored: Lowering makes these only when the sum was a stack
    // value the comparison consumed, so no NaN of it is ever seen). `Op.addedFloatBranch`.
    case brIfF64AddLtImm
    case brIfF64AddGtImm
    case brIfF64AddLeImm
    case brIfF64AddGeImm
    case brIfNotF64AddLtImm
    case brIfNotF64AddGtImm
    case brIfNotF64AddLeImm
    case brIfNotF64AddGeImm
    // A memory-0 load and a branch on a comparison of the loaded value x with another slot: slot
    // `a` = x, loaded from the address in slot `b` and the word after the offset (as for the load);
    // then, after taking `c` from the fuel, a jump by the next word if x OP the slot named by the
    // third word. Made by Lowering from a load and the compare-and-branch on its value right after it.
    // An access out of bounds traps at the head word (mapped to the load), running out of fuel one
    // word in (mapped to the branch).
    case i32LoadThenBrIfLtS
    case i32LoadThenBrIfGtS
    case i32LoadThenBrIfNe
    case i32Load8UThenBrIfLtS
    case i32Load8UThenBrIfGtS
    case i32Load8UThenBrIfNe
    // Compare-and-select: slot `a` = slot `b` if the comparison holds, else slot `c`; it compares
    // the slot in the low half of the next word with the slot in its high half (or, for the Imm
    // forms, the slot in the next word with the word after it). Made by Lowering from an i32 or i64
    // comparison (or `eqz`, as `…EqImm` with 0) whose result only `select` consumes.
    case selectI32Eq
    case selectI32EqImm
    case selectI32Ne
    case selectI32NeImm
    case selectI32LtS
    case selectI32LtSImm
    case selectI32LtU
    case selectI32LtUImm
    case selectI32GtS
    case selectI32GtSImm
    case selectI32GtU
    case selectI32GtUImm
    case selectI32LeS
    case selectI32LeSImm
    case selectI32LeU
    case selectI32LeUImm
    case selectI32GeS
    case selectI32GeSImm
    case selectI32GeU
    case selectI32GeUImm
    case selectI64Eq
    case selectI64EqImm
    case selectI64Ne
    case selectI64NeImm
    case selectI64LtS
    case selectI64LtSImm
    case selectI64LtU
    case selectI64LtUImm
    case selectI64GtS
    case selectI64GtSImm
    case selectI64GtU
    case selectI64GtUImm
    case selectI64LeS
    case selectI64LeSImm
    case selectI64LeU
    case selectI64LeUImm
    case selectI64GeS
    case selectI64GeSImm
    case selectI64GeU
    case selectI64GeUImm

    // MARK: Lazy lowering
    /// The entry of a function whose body is not lowered yet (a module loaded with
    /// `LoweringMode.lazy`): lowers it for its instance, points the function at the new code and runs
    /// it. Not counted, and never in lowered code: every call runs its callee's entry again after this.
    case lowerOnEntry
}
