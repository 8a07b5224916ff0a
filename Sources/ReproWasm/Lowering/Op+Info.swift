// The op table, with `Op`'s cases (Op.swift): one row per op in one exhaustive switch (no
// `default:`), so the compiler refuses an op without a row. A threaded op's row names its handler;
// a slow-path op's handler is `exit`. The handler table (`ThreadedState.handlers`), the emitter's
// source map, the disassembler and every instruction's length are read from here, and the
// relations Lowering's matchers use (`immediateForm`, `branchForm`, `chain`, ...) are derived from
// the ops' names once (Op+Lowering.swift). `OpTableTests` checks the rows against the handlers and
// the disassembler, and `CodeEmitter.layoutIsConsistent` checks lowered code against them in debug
// builds.
//
// Adding an op: its case in `Op` named after the scheme, its row below, its handler (a
// `ThreadedHandlers` closure, or a case in `execute`'s switch for a slow-path op), and for a fusion
// the matcher in Lowering that emits it. See docs/ARCHITECTURE.md.

/// What one word after an instruction's head word holds (for the disassembler and the layout checks).
enum ImmediateWord: UInt8, Sendable {
    /// A signed word offset from the head word: a branch target.
    case offset
    /// A constant operand (the right operand of an `…Imm` op, a 64-bit constant, an f64's bits).
    case constant
    /// A memory-0 address word: the memarg offset (high half) and a folded `i32.add` constant (low half).
    case address
    /// A frame slot.
    case slot
    /// Two 32-bit halves: two constants or slots (`i32AddImmPair`'s steps, a step-and-test's k and n).
    case halves
    /// A type index (`call_indirect`'s expected type).
    case typeIndex
    /// A function index.
    case functionIndex
    /// A count increment and an argument slot (`returnCallIndirect`'s second word).
    case countAndSlot
    /// A memory access on another memory: the offset (low half) and the memory index (high half).
    case memoryAndOffset
}

/// The words an instruction takes after its head word.
enum OperandLayout: Equatable, Sendable {
    /// The head word alone: operands `a`, `b`, `c` only.
    case head
    /// The head word and one immediate word.
    case one(ImmediateWord)
    /// The head word and two immediate words.
    case two(ImmediateWord, ImmediateWord)
    /// The head word and three immediate words.
    case three(ImmediateWord, ImmediateWord, ImmediateWord)
    /// `brTable`: word 1 is the number n of targets, then n + 1 offsets (the last is the default).
    case branchTable
    /// The `Op.simd` layout: 3 words, 4 for memory instructions, 5 for `i8x16.shuffle`, decided by
    /// the `Opcode` in word 2 (`Op.simdWordCount(of:)`).
    case simd
}

/// How the interpreter runs an op.
enum OpDispatch: Sendable {
    /// By its own threaded handler, which goes on to the next op's (Execution/ThreadedHandlers+*.swift).
    case threaded
    /// By a case of `execute`'s switch (its handler is `exit`): ops that need the instance, the host
    /// or the caller's frames (calls out, v128 globals, bulk memory, tables, trapping conversions).
    case slowPath
}

/// The kind of an op: which handler file it lives in and which matcher, if any, makes it.
enum OpFamily: Sendable {
    /// Branches, counts, returns and traps.
    case control
    /// Calls and tail calls.
    case call
    /// `throw` and `throw_ref`.
    case exception
    /// Copies, constants, `select`, globals, the counter global and `ref.func`.
    case data
    /// Memory-0 loads and stores and their constant-storing forms.
    case memory
    /// Memory and table instructions run out of line (other memories, bulk, tables, segments).
    case bulk
    /// The wide-arithmetic instructions.
    case wide
    /// SIMD (`Op.simd` and its threaded forms).
    case simd
    /// A wasm numeric instruction on slots, lowered one-to-one.
    case numeric
    /// A binary numeric op with its right operand in an immediate word (from `const; op`).
    case immediate
    /// A comparison fused with the branch on its result.
    case compareBranch
    /// Two or three numeric operations in one (`i32AddThenXor`, `f64MulThenAdd`).
    case chain
    /// A memory-0 load fused with what consumes its value (an operation, a store, a branch).
    case loadFused
    /// An addition fused with a branch on the sum, or with another addition.
    case step
}

/// One row of the op table: everything about an op but its handler's code.
struct OpInfo: Sendable {
    /// What runs it: its threaded handler, or `ThreadedHandlers.exit` for a slow-path op.
    let handler: Handler
    /// The words after the head word.
    let layout: OperandLayout
    /// Whether running it can end in a trap, out of fuel included (it then needs a source-map entry).
    let mayTrap: Bool
    /// Threaded handler or a case of `execute`'s switch.
    let dispatch: OpDispatch
    /// Its kind.
    let family: OpFamily

    /// A threaded op's row, run by `handler`.
    static func threaded(
        _ family: OpFamily, _ handler: Handler, _ layout: OperandLayout = .head, mayTrap: Bool = false
    ) -> OpInfo {
        OpInfo(handler: handler, layout: layout, mayTrap: mayTrap, dispatch: .threaded, family: family)
    }

    /// A slow-path op's row: its handler is `exit`, and a case of `execute`'s switch runs it.
    static func slowPath(_ family: OpFamily, _ layout: OperandLayout = .head, mayTrap: Bool = false) -> OpInfo {
        OpInfo(handler: ThreadedHandlers.exit, layout: layout, mayTrap: mayTrap, dispatch: .slowPath, family: family)
    }

    /// The number of words the instruction takes, head included, when that does not depend on the code.
    var fixedWordCount: Int? {
        switch layout {
        case .head: 1
        case .one: 2
        case .two: 3
        case .three: 4
        case .branchTable, .simd: nil
        }
    }
}

extension Op {
    /// This op's row of the table.
    var info: OpInfo { Op.rows[Int(rawValue)] }

    /// The rows by raw value, built once (lowering reads them per instruction).
    private static let rows: [OpInfo] = Op.allCases.map(ThreadedHandlers.row(of:))

    /// The words the instruction at `code` (whose op this is) takes, head included.
    func wordCount(at code: UnsafePointer<UInt64>) -> Int {
        switch info.layout {
        case .head: 1
        case .one: 2
        case .two: 3
        case .three: 4
        case .branchTable: 3 + Int(truncatingIfNeeded: code[1])
        case .simd:
            Opcode(rawValue: UInt16(truncatingIfNeeded: code[2])).map { Op.simdWordCount(of: $0) } ?? 3
        }
    }

    /// Whether the op can go on anywhere but the instruction after it: a branch (its layout has
    /// an offset or a table of them), a call or a return. Every other op's handler goes on at
    /// `wordCount(at:)` words on, which unoptimised builds assert.
    var mayJump: Bool {
        switch info.layout {
        case .branchTable: return true
        case .one(let first): return first == .offset
        case .two(let first, _), .three(let first, _, _): return first == .offset
        case .head, .simd: return info.family == .call || self == .return
        }
    }
}

extension ThreadedHandlers {
    /// The table itself: one row per op, exhaustive, each threaded op's row naming its handler.
    fileprivate static func row(of op: Op) -> OpInfo {
        switch op {
        // MARK: Control
        case .unreachable: .slowPath(.control, mayTrap: true)
        case .count: .threaded(.control, handleCount, mayTrap: true)
        case .zeroLocals: .threaded(.control, handleZeroLocals)
        case .jump: .threaded(.control, handleJump, .one(.offset))
        case .br: .threaded(.control, handleBr, .one(.offset), mayTrap: true)
        case .brIf: .threaded(.control, handleBrIf, .one(.offset), mayTrap: true)
        case .brIfNot: .threaded(.control, handleBrIfNot, .one(.offset), mayTrap: true)
        case .brTable: .threaded(.control, handleBrTable, .branchTable, mayTrap: true)
        case .return: .threaded(.control, handleReturn, mayTrap: true)
        case .callLocal: .threaded(.call, handleCallLocal, mayTrap: true)
        case .call: .slowPath(.call, mayTrap: true)
        case .callIndirect: .slowPath(.call, .one(.typeIndex), mayTrap: true)
        case .returnCall: .slowPath(.call, .one(.functionIndex), mayTrap: true)
        case .returnCallIndirect: .slowPath(.call, .two(.typeIndex, .countAndSlot), mayTrap: true)
        case .throw: .slowPath(.exception, mayTrap: true)
        case .throwRef: .slowPath(.exception, mayTrap: true)
        case .refAsNonNull: .slowPath(.data, mayTrap: true)
        case .lowerOnEntry: .slowPath(.call, mayTrap: true)

        // MARK: Data movement
        case .copy: .threaded(.data, handleCopy)
        case .copy128: .threaded(.data, handleCopy128)
        case .copySpan: .threaded(.data, handleCopySpan)
        case .const32: .threaded(.data, handleConst32)
        case .copy2: .threaded(.data, handleCopy2, .one(.slot))
        case .const64: .threaded(.data, handleConst64, .one(.constant))
        case .const128: .threaded(.data, handleConst128, .two(.constant, .constant))
        case .select: .threaded(.data, handleSelect, .one(.slot))
        case .select128: .threaded(.data, handleSelect128, .one(.slot))
        case .globalGet: .threaded(.data, handleGlobalGet)
        case .globalSet: .threaded(.data, handleGlobalSet)
        case .globalGet128: .slowPath(.data)
        case .globalSet128: .slowPath(.data)
        case .counterGet: .slowPath(.data)
        case .counterSet: .slowPath(.data)
        case .refFunc: .slowPath(.data)

        // MARK: Memory
        case .i32Load: .threaded(.memory, handleI32Load, .one(.address), mayTrap: true)
        case .i64Load: .threaded(.memory, handleI64Load, .one(.address), mayTrap: true)
        case .f32Load: .threaded(.memory, handleF32Load, .one(.address), mayTrap: true)
        case .f64Load: .threaded(.memory, handleF64Load, .one(.address), mayTrap: true)
        case .i32Load8S: .threaded(.memory, handleI32Load8S, .one(.address), mayTrap: true)
        case .i32Load8U: .threaded(.memory, handleI32Load8U, .one(.address), mayTrap: true)
        case .i32Load16S: .threaded(.memory, handleI32Load16S, .one(.address), mayTrap: true)
        case .i32Load16U: .threaded(.memory, handleI32Load16U, .one(.address), mayTrap: true)
        case .i64Load8S: .threaded(.memory, handleI64Load8S, .one(.address), mayTrap: true)
        case .i64Load8U: .threaded(.memory, handleI64Load8U, .one(.address), mayTrap: true)
        case .i64Load16S: .threaded(.memory, handleI64Load16S, .one(.address), mayTrap: true)
        case .i64Load16U: .threaded(.memory, handleI64Load16U, .one(.address), mayTrap: true)
        case .i64Load32S: .threaded(.memory, handleI64Load32S, .one(.address), mayTrap: true)
        case .i64Load32U: .threaded(.memory, handleI64Load32U, .one(.address), mayTrap: true)
        case .i32Store: .threaded(.memory, handleI32Store, .one(.address), mayTrap: true)
        case .i64Store: .threaded(.memory, handleI64Store, .one(.address), mayTrap: true)
        case .f32Store: .threaded(.memory, handleF32Store, .one(.address), mayTrap: true)
        case .f64Store: .threaded(.memory, handleF64Store, .one(.address), mayTrap: true)
        case .i32Store8: .threaded(.memory, handleI32Store8, .one(.address), mayTrap: true)
        case .i32Store16: .threaded(.memory, handleI32Store16, .one(.address), mayTrap: true)
        case .i64Store8: .threaded(.memory, handleI64Store8, .one(.address), mayTrap: true)
        case .i64Store16: .threaded(.memory, handleI64Store16, .one(.address), mayTrap: true)
        case .i64Store32: .threaded(.memory, handleI64Store32, .one(.address), mayTrap: true)
        case .store8Imm: .threaded(.memory, handleStore8Imm, .one(.address), mayTrap: true)
        case .store16Imm: .threaded(.memory, handleStore16Imm, .one(.address), mayTrap: true)
        case .store32Imm: .threaded(.memory, handleStore32Imm, .one(.address), mayTrap: true)
        case .store64Imm: .threaded(.memory, handleStore64Imm, .one(.address), mayTrap: true)
        case .memoryAccess: .slowPath(.bulk, .one(.memoryAndOffset), mayTrap: true)
        case .memorySize: .slowPath(.bulk)
        case .dataDrop: .slowPath(.bulk)
        case .tableSize: .slowPath(.bulk)
        case .elemDrop: .slowPath(.bulk)
        case .memoryGrow: .slowPath(.bulk, mayTrap: true)
        case .memoryFill: .slowPath(.bulk, mayTrap: true)
        case .memoryCopy: .slowPath(.bulk, mayTrap: true)
        case .memoryInit: .slowPath(.bulk, mayTrap: true)
        case .tableGet: .slowPath(.bulk, mayTrap: true)
        case .tableSet: .slowPath(.bulk, mayTrap: true)
        case .tableGrow: .slowPath(.bulk, mayTrap: true)
        case .tableFill: .slowPath(.bulk, mayTrap: true)
        case .tableInit: .slowPath(.bulk, mayTrap: true)
        case .tableCopy: .slowPath(.bulk, mayTrap: true)

        // MARK: Wide arithmetic
        case .i64Add128: .threaded(.wide, handleI64Add128)
        case .i64Sub128: .threaded(.wide, handleI64Sub128)
        case .i64MulWideS: .threaded(.wide, handleI64MulWideS)
        case .i64MulWideU: .threaded(.wide, handleI64MulWideU)

        // MARK: SIMD
        case .simd: .threaded(.simd, handleSIMD, .simd, mayTrap: true)
        case .simdLoad: .threaded(.simd, handleSIMDLoad, .simd, mayTrap: true)
        case .simdStore: .threaded(.simd, handleSIMDStore, .simd, mayTrap: true)
        case .simdI32x4Add: .threaded(.simd, handleSIMDI32x4Add, .simd)
        case .simdI32x4Mul: .threaded(.simd, handleSIMDI32x4Mul, .simd)
        case .simdI16x8Add: .threaded(.simd, handleSIMDI16x8Add, .simd)
        case .simdI16x8Shl: .threaded(.simd, handleSIMDI16x8Shl, .simd)
        case .simdI16x8ShrU: .threaded(.simd, handleSIMDI16x8ShrU, .simd)
        case .simdI16x8ExtendLowI8x16U: .threaded(.simd, handleSIMDI16x8ExtendLowI8x16U, .simd)
        case .simdI16x8ExtendHighI8x16U: .threaded(.simd, handleSIMDI16x8ExtendHighI8x16U, .simd)
        case .simdI32x4ExtendLowI16x8U: .threaded(.simd, handleSIMDI32x4ExtendLowI16x8U, .simd)
        case .simdI8x16NarrowI16x8U: .threaded(.simd, handleSIMDI8x16NarrowI16x8U, .simd)
        case .simdV128Xor: .threaded(.simd, handleSIMDV128Xor, .simd)
        case .simdV128And: .threaded(.simd, handleSIMDV128And, .simd)

        // MARK: Numeric
        case .i32Eqz: .threaded(.numeric, handleI32Eqz)
        case .i32Eq: .threaded(.numeric, handleI32Eq)
        case .i32Ne: .threaded(.numeric, handleI32Ne)
        case .i32LtS: .threaded(.numeric, handleI32LtS)
        case .i32LtU: .threaded(.numeric, handleI32LtU)
        case .i32GtS: .threaded(.numeric, handleI32GtS)
        case .i32GtU: .threaded(.numeric, handleI32GtU)
        case .i32LeS: .threaded(.numeric, handleI32LeS)
        case .i32LeU: .threaded(.numeric, handleI32LeU)
        case .i32GeS: .threaded(.numeric, handleI32GeS)
        case .i32GeU: .threaded(.numeric, handleI32GeU)
        case .i64Eqz: .threaded(.numeric, handleI64Eqz)
        case .i64Eq: .threaded(.numeric, handleI64Eq)
        case .i64Ne: .threaded(.numeric, handleI64Ne)
        case .i64LtS: .threaded(.numeric, handleI64LtS)
        case .i64LtU: .threaded(.numeric, handleI64LtU)
        case .i64GtS: .threaded(.numeric, handleI64GtS)
        case .i64GtU: .threaded(.numeric, handleI64GtU)
        case .i64LeS: .threaded(.numeric, handleI64LeS)
        case .i64LeU: .threaded(.numeric, handleI64LeU)
        case .i64GeS: .threaded(.numeric, handleI64GeS)
        case .i64GeU: .threaded(.numeric, handleI64GeU)
        case .f32Eq: .threaded(.numeric, handleF32Eq)
        case .f32Ne: .threaded(.numeric, handleF32Ne)
        case .f32Lt: .threaded(.numeric, handleF32Lt)
        case .f32Gt: .threaded(.numeric, handleF32Gt)
        case .f32Le: .threaded(.numeric, handleF32Le)
        case .f32Ge: .threaded(.numeric, handleF32Ge)
        case .f64Eq: .threaded(.numeric, handleF64Eq)
        case .f64Ne: .threaded(.numeric, handleF64Ne)
        case .f64Lt: .threaded(.numeric, handleF64Lt)
        case .f64Gt: .threaded(.numeric, handleF64Gt)
        case .f64Le: .threaded(.numeric, handleF64Le)
        case .f64Ge: .threaded(.numeric, handleF64Ge)
        case .i32Clz: .threaded(.numeric, handleI32Clz)
        case .i32Ctz: .threaded(.numeric, handleI32Ctz)
        case .i32Popcnt: .threaded(.numeric, handleI32Popcnt)
        case .i32Add: .threaded(.numeric, handleI32Add)
        case .i32Sub: .threaded(.numeric, handleI32Sub)
        case .i32Mul: .threaded(.numeric, handleI32Mul)
        case .i32And: .threaded(.numeric, handleI32And)
        case .i32Or: .threaded(.numeric, handleI32Or)
        case .i32Xor: .threaded(.numeric, handleI32Xor)
        case .i32Shl: .threaded(.numeric, handleI32Shl)
        case .i32ShrS: .threaded(.numeric, handleI32ShrS)
        case .i32ShrU: .threaded(.numeric, handleI32ShrU)
        case .i32Rotl: .threaded(.numeric, handleI32Rotl)
        case .i32Rotr: .threaded(.numeric, handleI32Rotr)
        case .i64Clz: .threaded(.numeric, handleI64Clz)
        case .i64Ctz: .threaded(.numeric, handleI64Ctz)
        case .i64Popcnt: .threaded(.numeric, handleI64Popcnt)
        case .i64Add: .threaded(.numeric, handleI64Add)
        case .i64Sub: .threaded(.numeric, handleI64Sub)
        case .i64Mul: .threaded(.numeric, handleI64Mul)
        case .i64And: .threaded(.numeric, handleI64And)
        case .i64Or: .threaded(.numeric, handleI64Or)
        case .i64Xor: .threaded(.numeric, handleI64Xor)
        case .i64Shl: .threaded(.numeric, handleI64Shl)
        case .i64ShrS: .threaded(.numeric, handleI64ShrS)
        case .i64ShrU: .threaded(.numeric, handleI64ShrU)
        case .i64Rotl: .threaded(.numeric, handleI64Rotl)
        case .i64Rotr: .threaded(.numeric, handleI64Rotr)
        case .f32Abs: .threaded(.numeric, handleF32Abs)
        case .f32Neg: .threaded(.numeric, handleF32Neg)
        case .f32Ceil: .threaded(.numeric, handleF32Ceil)
        case .f32Floor: .threaded(.numeric, handleF32Floor)
        case .f32Trunc: .threaded(.numeric, handleF32Trunc)
        case .f32Nearest: .threaded(.numeric, handleF32Nearest)
        case .f32Sqrt: .threaded(.numeric, handleF32Sqrt)
        case .f32Add: .threaded(.numeric, handleF32Add)
        case .f32Sub: .threaded(.numeric, handleF32Sub)
        case .f32Mul: .threaded(.numeric, handleF32Mul)
        case .f32Div: .threaded(.numeric, handleF32Div)
        case .f32Min: .threaded(.numeric, handleF32Min)
        case .f32Max: .threaded(.numeric, handleF32Max)
        case .f32Copysign: .threaded(.numeric, handleF32Copysign)
        case .f64Abs: .threaded(.numeric, handleF64Abs)
        case .f64Neg: .threaded(.numeric, handleF64Neg)
        case .f64Ceil: .threaded(.numeric, handleF64Ceil)
        case .f64Floor: .threaded(.numeric, handleF64Floor)
        case .f64Trunc: .threaded(.numeric, handleF64Trunc)
        case .f64Nearest: .threaded(.numeric, handleF64Nearest)
        case .f64Sqrt: .threaded(.numeric, handleF64Sqrt)
        case .f64Add: .threaded(.numeric, handleF64Add)
        case .f64Sub: .threaded(.numeric, handleF64Sub)
        case .f64Mul: .threaded(.numeric, handleF64Mul)
        case .f64Div: .threaded(.numeric, handleF64Div)
        case .f64Min: .threaded(.numeric, handleF64Min)
        case .f64Max: .threaded(.numeric, handleF64Max)
        case .f64Copysign: .threaded(.numeric, handleF64Copysign)
        case .i32WrapI64: .threaded(.numeric, handleI32WrapI64)
        case .i64ExtendI32S: .threaded(.numeric, handleI64ExtendI32S)
        case .i64ExtendI32U: .threaded(.numeric, handleI64ExtendI32U)
        case .f32ConvertI32S: .threaded(.numeric, handleF32ConvertI32S)
        case .f32ConvertI32U: .threaded(.numeric, handleF32ConvertI32U)
        case .f32ConvertI64S: .threaded(.numeric, handleF32ConvertI64S)
        case .f32ConvertI64U: .threaded(.numeric, handleF32ConvertI64U)
        case .f32DemoteF64: .threaded(.numeric, handleF32DemoteF64)
        case .f64ConvertI32S: .threaded(.numeric, handleF64ConvertI32S)
        case .f64ConvertI32U: .threaded(.numeric, handleF64ConvertI32U)
        case .f64ConvertI64S: .threaded(.numeric, handleF64ConvertI64S)
        case .f64ConvertI64U: .threaded(.numeric, handleF64ConvertI64U)
        case .f64PromoteF32: .threaded(.numeric, handleF64PromoteF32)
        case .i32ReinterpretF32: .threaded(.numeric, handleI32ReinterpretF32)
        case .i64ReinterpretF64: .threaded(.numeric, handleI64ReinterpretF64)
        case .f32ReinterpretI32: .threaded(.numeric, handleF32ReinterpretI32)
        case .f64ReinterpretI64: .threaded(.numeric, handleF64ReinterpretI64)
        case .i32Extend8S: .threaded(.numeric, handleI32Extend8S)
        case .i32Extend16S: .threaded(.numeric, handleI32Extend16S)
        case .i64Extend8S: .threaded(.numeric, handleI64Extend8S)
        case .i64Extend16S: .threaded(.numeric, handleI64Extend16S)
        case .i64Extend32S: .threaded(.numeric, handleI64Extend32S)
        case .i32TruncSatF32S: .threaded(.numeric, handleI32TruncSatF32S)
        case .i32TruncSatF32U: .threaded(.numeric, handleI32TruncSatF32U)
        case .i32TruncSatF64S: .threaded(.numeric, handleI32TruncSatF64S)
        case .i32TruncSatF64U: .threaded(.numeric, handleI32TruncSatF64U)
        case .i64TruncSatF32S: .threaded(.numeric, handleI64TruncSatF32S)
        case .i64TruncSatF32U: .threaded(.numeric, handleI64TruncSatF32U)
        case .i64TruncSatF64S: .threaded(.numeric, handleI64TruncSatF64S)
        case .i64TruncSatF64U: .threaded(.numeric, handleI64TruncSatF64U)
        case .i32DivS: .threaded(.numeric, handleI32DivS, mayTrap: true)
        case .i32DivU: .threaded(.numeric, handleI32DivU, mayTrap: true)
        case .i32RemS: .threaded(.numeric, handleI32RemS, mayTrap: true)
        case .i32RemU: .threaded(.numeric, handleI32RemU, mayTrap: true)
        case .i64DivS: .threaded(.numeric, handleI64DivS, mayTrap: true)
        case .i64DivU: .threaded(.numeric, handleI64DivU, mayTrap: true)
        case .i64RemS: .threaded(.numeric, handleI64RemS, mayTrap: true)
        case .i64RemU: .threaded(.numeric, handleI64RemU, mayTrap: true)
        case .i32TruncF32S: .slowPath(.numeric, mayTrap: true)
        case .i32TruncF32U: .slowPath(.numeric, mayTrap: true)
        case .i32TruncF64S: .slowPath(.numeric, mayTrap: true)
        case .i32TruncF64U: .slowPath(.numeric, mayTrap: true)
        case .i64TruncF32S: .slowPath(.numeric, mayTrap: true)
        case .i64TruncF32U: .slowPath(.numeric, mayTrap: true)
        case .i64TruncF64S: .slowPath(.numeric, mayTrap: true)
        case .i64TruncF64U: .slowPath(.numeric, mayTrap: true)

        // MARK: Superinstructions
        case .i32AddImm: .threaded(.immediate, handleI32AddImm, .one(.constant))
        case .i32SubImm: .threaded(.immediate, handleI32SubImm, .one(.constant))
        case .i32MulImm: .threaded(.immediate, handleI32MulImm, .one(.constant))
        case .i32AndImm: .threaded(.immediate, handleI32AndImm, .one(.constant))
        case .i32OrImm: .threaded(.immediate, handleI32OrImm, .one(.constant))
        case .i32XorImm: .threaded(.immediate, handleI32XorImm, .one(.constant))
        case .i32ShlImm: .threaded(.immediate, handleI32ShlImm, .one(.constant))
        case .i32ShrUImm: .threaded(.immediate, handleI32ShrUImm, .one(.constant))
        case .i32ShrSImm: .threaded(.immediate, handleI32ShrSImm, .one(.constant))
        case .i32RotlImm: .threaded(.immediate, handleI32RotlImm, .one(.constant))
        case .i32RotrImm: .threaded(.immediate, handleI32RotrImm, .one(.constant))
        case .i32EqImm: .threaded(.immediate, handleI32EqImm, .one(.constant))
        case .i32NeImm: .threaded(.immediate, handleI32NeImm, .one(.constant))
        case .i32LtUImm: .threaded(.immediate, handleI32LtUImm, .one(.constant))
        case .i32GtUImm: .threaded(.immediate, handleI32GtUImm, .one(.constant))
        case .i32LeUImm: .threaded(.immediate, handleI32LeUImm, .one(.constant))
        case .i32GeUImm: .threaded(.immediate, handleI32GeUImm, .one(.constant))
        case .i32LtSImm: .threaded(.immediate, handleI32LtSImm, .one(.constant))
        case .i32GtSImm: .threaded(.immediate, handleI32GtSImm, .one(.constant))
        case .i32LeSImm: .threaded(.immediate, handleI32LeSImm, .one(.constant))
        case .i32GeSImm: .threaded(.immediate, handleI32GeSImm, .one(.constant))
        case .i64AddImm: .threaded(.immediate, handleI64AddImm, .one(.constant))
        case .i64SubImm: .threaded(.immediate, handleI64SubImm, .one(.constant))
        case .i64MulImm: .threaded(.immediate, handleI64MulImm, .one(.constant))
        case .i64AndImm: .threaded(.immediate, handleI64AndImm, .one(.constant))
        case .i64OrImm: .threaded(.immediate, handleI64OrImm, .one(.constant))
        case .i64XorImm: .threaded(.immediate, handleI64XorImm, .one(.constant))
        case .i64ShlImm: .threaded(.immediate, handleI64ShlImm, .one(.constant))
        case .i64ShrUImm: .threaded(.immediate, handleI64ShrUImm, .one(.constant))
        case .i64ShrSImm: .threaded(.immediate, handleI64ShrSImm, .one(.constant))
        case .i64RotlImm: .threaded(.immediate, handleI64RotlImm, .one(.constant))
        case .i64RotrImm: .threaded(.immediate, handleI64RotrImm, .one(.constant))
        case .i64EqImm: .threaded(.immediate, handleI64EqImm, .one(.constant))
        case .i64NeImm: .threaded(.immediate, handleI64NeImm, .one(.constant))
        case .i64LtUImm: .threaded(.immediate, handleI64LtUImm, .one(.constant))
        case .i64GtUImm: .threaded(.immediate, handleI64GtUImm, .one(.constant))
        case .i64LeUImm: .threaded(.immediate, handleI64LeUImm, .one(.constant))
        case .i64GeUImm: .threaded(.immediate, handleI64GeUImm, .one(.constant))
        case .i64LtSImm: .threaded(.immediate, handleI64LtSImm, .one(.constant))
        case .i64GtSImm: .threaded(.immediate, handleI64GtSImm, .one(.constant))
        case .i64LeSImm: .threaded(.immediate, handleI64LeSImm, .one(.constant))
        case .i64GeSImm: .threaded(.immediate, handleI64GeSImm, .one(.constant))
        case .f32AddImm: .threaded(.immediate, handleF32AddImm, .one(.constant))
        case .f32SubImm: .threaded(.immediate, handleF32SubImm, .one(.constant))
        case .f32MulImm: .threaded(.immediate, handleF32MulImm, .one(.constant))
        case .f32DivImm: .threaded(.immediate, handleF32DivImm, .one(.constant))
        case .f64AddImm: .threaded(.immediate, handleF64AddImm, .one(.constant))
        case .f64SubImm: .threaded(.immediate, handleF64SubImm, .one(.constant))
        case .f64MulImm: .threaded(.immediate, handleF64MulImm, .one(.constant))
        case .f64DivImm: .threaded(.immediate, handleF64DivImm, .one(.constant))
        case .brIfI32Eq: .threaded(.compareBranch, handleBrIfI32Eq, .one(.offset), mayTrap: true)
        case .brIfI32Ne: .threaded(.compareBranch, handleBrIfI32Ne, .one(.offset), mayTrap: true)
        case .brIfI32LtU: .threaded(.compareBranch, handleBrIfI32LtU, .one(.offset), mayTrap: true)
        case .brIfI32GtU: .threaded(.compareBranch, handleBrIfI32GtU, .one(.offset), mayTrap: true)
        case .brIfI32LeU: .threaded(.compareBranch, handleBrIfI32LeU, .one(.offset), mayTrap: true)
        case .brIfI32GeU: .threaded(.compareBranch, handleBrIfI32GeU, .one(.offset), mayTrap: true)
        case .brIfI32LtS: .threaded(.compareBranch, handleBrIfI32LtS, .one(.offset), mayTrap: true)
        case .brIfI32GtS: .threaded(.compareBranch, handleBrIfI32GtS, .one(.offset), mayTrap: true)
        case .brIfI32LeS: .threaded(.compareBranch, handleBrIfI32LeS, .one(.offset), mayTrap: true)
        case .brIfI32GeS: .threaded(.compareBranch, handleBrIfI32GeS, .one(.offset), mayTrap: true)
        case .brIfF64Lt: .threaded(.compareBranch, handleBrIfF64Lt, .one(.offset), mayTrap: true)
        case .brIfF64Gt: .threaded(.compareBranch, handleBrIfF64Gt, .one(.offset), mayTrap: true)
        case .brIfF64Le: .threaded(.compareBranch, handleBrIfF64Le, .one(.offset), mayTrap: true)
        case .brIfF64Ge: .threaded(.compareBranch, handleBrIfF64Ge, .one(.offset), mayTrap: true)
        case .brIfNotF64Lt: .threaded(.compareBranch, handleBrIfNotF64Lt, .one(.offset), mayTrap: true)
        case .brIfNotF64Gt: .threaded(.compareBranch, handleBrIfNotF64Gt, .one(.offset), mayTrap: true)
        case .brIfNotF64Le: .threaded(.compareBranch, handleBrIfNotF64Le, .one(.offset), mayTrap: true)
        case .brIfNotF64Ge: .threaded(.compareBranch, handleBrIfNotF64Ge, .one(.offset), mayTrap: true)
        case .brIfI64Eq: .threaded(.compareBranch, handleBrIfI64Eq, .one(.offset), mayTrap: true)
        case .brIfI64Ne: .threaded(.compareBranch, handleBrIfI64Ne, .one(.offset), mayTrap: true)
        case .brIfI64LtU: .threaded(.compareBranch, handleBrIfI64LtU, .one(.offset), mayTrap: true)
        case .brIfI64GtU: .threaded(.compareBranch, handleBrIfI64GtU, .one(.offset), mayTrap: true)
        case .brIfI64LeU: .threaded(.compareBranch, handleBrIfI64LeU, .one(.offset), mayTrap: true)
        case .brIfI64GeU: .threaded(.compareBranch, handleBrIfI64GeU, .one(.offset), mayTrap: true)
        case .brIfI64LtS: .threaded(.compareBranch, handleBrIfI64LtS, .one(.offset), mayTrap: true)
        case .brIfI64GtS: .threaded(.compareBranch, handleBrIfI64GtS, .one(.offset), mayTrap: true)
        case .brIfI64LeS: .threaded(.compareBranch, handleBrIfI64LeS, .one(.offset), mayTrap: true)
        case .brIfI64GeS: .threaded(.compareBranch, handleBrIfI64GeS, .one(.offset), mayTrap: true)
        case .brIfF32Lt: .threaded(.compareBranch, handleBrIfF32Lt, .one(.offset), mayTrap: true)
        case .brIfF32Gt: .threaded(.compareBranch, handleBrIfF32Gt, .one(.offset), mayTrap: true)
        case .brIfF32Le: .threaded(.compareBranch, handleBrIfF32Le, .one(.offset), mayTrap: true)
        case .brIfF32Ge: .threaded(.compareBranch, handleBrIfF32Ge, .one(.offset), mayTrap: true)
        case .brIfNotF32Lt: .threaded(.compareBranch, handleBrIfNotF32Lt, .one(.offset), mayTrap: true)
        case .brIfNotF32Gt: .threaded(.compareBranch, handleBrIfNotF32Gt, .one(.offset), mayTrap: true)
        case .brIfNotF32Le: .threaded(.compareBranch, handleBrIfNotF32Le, .one(.offset), mayTrap: true)
        case .brIfNotF32Ge: .threaded(.compareBranch, handleBrIfNotF32Ge, .one(.offset), mayTrap: true)
        case .brIfI32EqImm: .threaded(.compareBranch, handleBrIfI32EqImm, .two(.offset, .constant), mayTrap: true)
        case .brIfI32NeImm: .threaded(.compareBranch, handleBrIfI32NeImm, .two(.offset, .constant), mayTrap: true)
        case .brIfI32LtUImm: .threaded(.compareBranch, handleBrIfI32LtUImm, .two(.offset, .constant), mayTrap: true)
        case .brIfI32GtUImm: .threaded(.compareBranch, handleBrIfI32GtUImm, .two(.offset, .constant), mayTrap: true)
        case .brIfI32LeUImm: .threaded(.compareBranch, handleBrIfI32LeUImm, .two(.offset, .constant), mayTrap: true)
        case .brIfI32GeUImm: .threaded(.compareBranch, handleBrIfI32GeUImm, .two(.offset, .constant), mayTrap: true)
        case .brIfI32LtSImm: .threaded(.compareBranch, handleBrIfI32LtSImm, .two(.offset, .constant), mayTrap: true)
        case .brIfI32GtSImm: .threaded(.compareBranch, handleBrIfI32GtSImm, .two(.offset, .constant), mayTrap: true)
        case .brIfI32LeSImm: .threaded(.compareBranch, handleBrIfI32LeSImm, .two(.offset, .constant), mayTrap: true)
        case .brIfI32GeSImm: .threaded(.compareBranch, handleBrIfI32GeSImm, .two(.offset, .constant), mayTrap: true)
        case .brIfF64LtImm: .threaded(.compareBranch, handleBrIfF64LtImm, .two(.offset, .constant), mayTrap: true)
        case .brIfF64GtImm: .threaded(.compareBranch, handleBrIfF64GtImm, .two(.offset, .constant), mayTrap: true)
        case .brIfF64LeImm: .threaded(.compareBranch, handleBrIfF64LeImm, .two(.offset, .constant), mayTrap: true)
        case .brIfF64GeImm: .threaded(.compareBranch, handleBrIfF64GeImm, .two(.offset, .constant), mayTrap: true)
        case .brIfNotF64LtImm: .threaded(.compareBranch, handleBrIfNotF64LtImm, .two(.offset, .constant), mayTrap: true)
        case .brIfNotF64GtImm: .threaded(.compareBranch, handleBrIfNotF64GtImm, .two(.offset, .constant), mayTrap: true)
        case .brIfNotF64LeImm: .threaded(.compareBranch, handleBrIfNotF64LeImm, .two(.offset, .constant), mayTrap: true)
        case .brIfNotF64GeImm: .threaded(.compareBranch, handleBrIfNotF64GeImm, .two(.offset, .constant), mayTrap: true)
        case .brIfF64AddLtImm: .threaded(.compareBranch, handleBrIfF64AddLtImm, .two(.offset, .constant), mayTrap: true)
        case .brIfF64AddGtImm: .threaded(.compareBranch, handleBrIfF64AddGtImm, .two(.offset, .constant), mayTrap: true)
        case .brIfF64AddLeImm: .threaded(.compareBranch, handleBrIfF64AddLeImm, .two(.offset, .constant), mayTrap: true)
        case .brIfF64AddGeImm: .threaded(.compareBranch, handleBrIfF64AddGeImm, .two(.offset, .constant), mayTrap: true)
        case .brIfNotF64AddLtImm:
            .threaded(.compareBranch, handleBrIfNotF64AddLtImm, .two(.offset, .constant), mayTrap: true)
        case .brIfNotF64AddGtImm:
            .threaded(.compareBranch, handleBrIfNotF64AddGtImm, .two(.offset, .constant), mayTrap: true)
        case .brIfNotF64AddLeImm:
            .threaded(.compareBranch, handleBrIfNotF64AddLeImm, .two(.offset, .constant), mayTrap: true)
        case .brIfNotF64AddGeImm:
            .threaded(.compareBranch, handleBrIfNotF64AddGeImm, .two(.offset, .constant), mayTrap: true)
        case .brIfI64EqImm: .threaded(.compareBranch, handleBrIfI64EqImm, .two(.offset, .constant), mayTrap: true)
        case .brIfI64NeImm: .threaded(.compareBranch, handleBrIfI64NeImm, .two(.offset, .constant), mayTrap: true)
        case .brIfI64LtUImm: .threaded(.compareBranch, handleBrIfI64LtUImm, .two(.offset, .constant), mayTrap: true)
        case .brIfI64GtUImm: .threaded(.compareBranch, handleBrIfI64GtUImm, .two(.offset, .constant), mayTrap: true)
        case .brIfI64LeUImm: .threaded(.compareBranch, handleBrIfI64LeUImm, .two(.offset, .constant), mayTrap: true)
        case .brIfI64GeUImm: .threaded(.compareBranch, handleBrIfI64GeUImm, .two(.offset, .constant), mayTrap: true)
        case .brIfI64LtSImm: .threaded(.compareBranch, handleBrIfI64LtSImm, .two(.offset, .constant), mayTrap: true)
        case .brIfI64GtSImm: .threaded(.compareBranch, handleBrIfI64GtSImm, .two(.offset, .constant), mayTrap: true)
        case .brIfI64LeSImm: .threaded(.compareBranch, handleBrIfI64LeSImm, .two(.offset, .constant), mayTrap: true)
        case .brIfI64GeSImm: .threaded(.compareBranch, handleBrIfI64GeSImm, .two(.offset, .constant), mayTrap: true)
        case .brIfF32LtImm: .threaded(.compareBranch, handleBrIfF32LtImm, .two(.offset, .constant), mayTrap: true)
        case .brIfF32GtImm: .threaded(.compareBranch, handleBrIfF32GtImm, .two(.offset, .constant), mayTrap: true)
        case .brIfF32LeImm: .threaded(.compareBranch, handleBrIfF32LeImm, .two(.offset, .constant), mayTrap: true)
        case .brIfF32GeImm: .threaded(.compareBranch, handleBrIfF32GeImm, .two(.offset, .constant), mayTrap: true)
        case .brIfNotF32LtImm: .threaded(.compareBranch, handleBrIfNotF32LtImm, .two(.offset, .constant), mayTrap: true)
        case .brIfNotF32GtImm: .threaded(.compareBranch, handleBrIfNotF32GtImm, .two(.offset, .constant), mayTrap: true)
        case .brIfNotF32LeImm: .threaded(.compareBranch, handleBrIfNotF32LeImm, .two(.offset, .constant), mayTrap: true)
        case .brIfNotF32GeImm: .threaded(.compareBranch, handleBrIfNotF32GeImm, .two(.offset, .constant), mayTrap: true)
        case .i32AddThenAdd: .threaded(.chain, handleI32AddThenAdd, .one(.slot))
        case .i32AddThenXor: .threaded(.chain, handleI32AddThenXor, .one(.slot))
        case .i32AddThenAnd: .threaded(.chain, handleI32AddThenAnd, .one(.slot))
        case .i32AddThenOr: .threaded(.chain, handleI32AddThenOr, .one(.slot))
        case .i32SubThenAdd: .threaded(.chain, handleI32SubThenAdd, .one(.slot))
        case .i32SubThenXor: .threaded(.chain, handleI32SubThenXor, .one(.slot))
        case .i32SubThenAnd: .threaded(.chain, handleI32SubThenAnd, .one(.slot))
        case .i32SubThenOr: .threaded(.chain, handleI32SubThenOr, .one(.slot))
        case .i32MulThenAdd: .threaded(.chain, handleI32MulThenAdd, .one(.slot))
        case .i32MulThenXor: .threaded(.chain, handleI32MulThenXor, .one(.slot))
        case .i32MulThenAnd: .threaded(.chain, handleI32MulThenAnd, .one(.slot))
        case .i32MulThenOr: .threaded(.chain, handleI32MulThenOr, .one(.slot))
        case .i32AndThenAdd: .threaded(.chain, handleI32AndThenAdd, .one(.slot))
        case .i32AndThenXor: .threaded(.chain, handleI32AndThenXor, .one(.slot))
        case .i32AndThenAnd: .threaded(.chain, handleI32AndThenAnd, .one(.slot))
        case .i32AndThenOr: .threaded(.chain, handleI32AndThenOr, .one(.slot))
        case .i32OrThenAdd: .threaded(.chain, handleI32OrThenAdd, .one(.slot))
        case .i32OrThenXor: .threaded(.chain, handleI32OrThenXor, .one(.slot))
        case .i32OrThenAnd: .threaded(.chain, handleI32OrThenAnd, .one(.slot))
        case .i32OrThenOr: .threaded(.chain, handleI32OrThenOr, .one(.slot))
        case .i32XorThenAdd: .threaded(.chain, handleI32XorThenAdd, .one(.slot))
        case .i32XorThenXor: .threaded(.chain, handleI32XorThenXor, .one(.slot))
        case .i32XorThenAnd: .threaded(.chain, handleI32XorThenAnd, .one(.slot))
        case .i32XorThenOr: .threaded(.chain, handleI32XorThenOr, .one(.slot))
        case .f64AddThenAdd: .threaded(.chain, handleF64AddThenAdd, .one(.slot))
        case .f64AddThenMul: .threaded(.chain, handleF64AddThenMul, .one(.slot))
        case .f64AddThenSub: .threaded(.chain, handleF64AddThenSub, .one(.slot))
        case .f64AddThenSubFrom: .threaded(.chain, handleF64AddThenSubFrom, .one(.slot))
        case .f64SubThenAdd: .threaded(.chain, handleF64SubThenAdd, .one(.slot))
        case .f64SubThenMul: .threaded(.chain, handleF64SubThenMul, .one(.slot))
        case .f64SubThenSub: .threaded(.chain, handleF64SubThenSub, .one(.slot))
        case .f64SubThenSubFrom: .threaded(.chain, handleF64SubThenSubFrom, .one(.slot))
        case .f64MulThenAdd: .threaded(.chain, handleF64MulThenAdd, .one(.slot))
        case .f64MulThenMul: .threaded(.chain, handleF64MulThenMul, .one(.slot))
        case .f64MulThenSub: .threaded(.chain, handleF64MulThenSub, .one(.slot))
        case .f64MulThenSubFrom: .threaded(.chain, handleF64MulThenSubFrom, .one(.slot))
        case .f32AddThenAdd: .threaded(.chain, handleF32AddThenAdd, .one(.slot))
        case .f32AddThenMul: .threaded(.chain, handleF32AddThenMul, .one(.slot))
        case .f32AddThenSub: .threaded(.chain, handleF32AddThenSub, .one(.slot))
        case .f32AddThenSubFrom: .threaded(.chain, handleF32AddThenSubFrom, .one(.slot))
        case .f32SubThenAdd: .threaded(.chain, handleF32SubThenAdd, .one(.slot))
        case .f32SubThenMul: .threaded(.chain, handleF32SubThenMul, .one(.slot))
        case .f32SubThenSub: .threaded(.chain, handleF32SubThenSub, .one(.slot))
        case .f32SubThenSubFrom: .threaded(.chain, handleF32SubThenSubFrom, .one(.slot))
        case .f32MulThenAdd: .threaded(.chain, handleF32MulThenAdd, .one(.slot))
        case .f32MulThenMul: .threaded(.chain, handleF32MulThenMul, .one(.slot))
        case .f32MulThenSub: .threaded(.chain, handleF32MulThenSub, .one(.slot))
        case .f32MulThenSubFrom: .threaded(.chain, handleF32MulThenSubFrom, .one(.slot))
        case .f32AddImmThenAdd: .threaded(.chain, handleF32AddImmThenAdd, .one(.constant))
        case .f32AddImmThenMul: .threaded(.chain, handleF32AddImmThenMul, .one(.constant))
        case .f32AddImmThenSub: .threaded(.chain, handleF32AddImmThenSub, .one(.constant))
        case .f32AddImmThenSubFrom: .threaded(.chain, handleF32AddImmThenSubFrom, .one(.constant))
        case .f32SubImmThenAdd: .threaded(.chain, handleF32SubImmThenAdd, .one(.constant))
        case .f32SubImmThenMul: .threaded(.chain, handleF32SubImmThenMul, .one(.constant))
        case .f32SubImmThenSub: .threaded(.chain, handleF32SubImmThenSub, .one(.constant))
        case .f32SubImmThenSubFrom: .threaded(.chain, handleF32SubImmThenSubFrom, .one(.constant))
        case .f32MulImmThenAdd: .threaded(.chain, handleF32MulImmThenAdd, .one(.constant))
        case .f32MulImmThenMul: .threaded(.chain, handleF32MulImmThenMul, .one(.constant))
        case .f32MulImmThenSub: .threaded(.chain, handleF32MulImmThenSub, .one(.constant))
        case .f32MulImmThenSubFrom: .threaded(.chain, handleF32MulImmThenSubFrom, .one(.constant))
        case .f64AddImmThenAdd: .threaded(.chain, handleF64AddImmThenAdd, .one(.constant))
        case .f64AddImmThenMul: .threaded(.chain, handleF64AddImmThenMul, .one(.constant))
        case .f64AddImmThenSub: .threaded(.chain, handleF64AddImmThenSub, .one(.constant))
        case .f64AddImmThenSubFrom: .threaded(.chain, handleF64AddImmThenSubFrom, .one(.constant))
        case .f64SubImmThenAdd: .threaded(.chain, handleF64SubImmThenAdd, .one(.constant))
        case .f64SubImmThenMul: .threaded(.chain, handleF64SubImmThenMul, .one(.constant))
        case .f64SubImmThenSub: .threaded(.chain, handleF64SubImmThenSub, .one(.constant))
        case .f64SubImmThenSubFrom: .threaded(.chain, handleF64SubImmThenSubFrom, .one(.constant))
        case .f64MulImmThenAdd: .threaded(.chain, handleF64MulImmThenAdd, .one(.constant))
        case .f64MulImmThenMul: .threaded(.chain, handleF64MulImmThenMul, .one(.constant))
        case .f64MulImmThenSub: .threaded(.chain, handleF64MulImmThenSub, .one(.constant))
        case .f64MulImmThenSubFrom: .threaded(.chain, handleF64MulImmThenSubFrom, .one(.constant))
        case .i32ShlImmThenAdd: .threaded(.chain, handleI32ShlImmThenAdd, .one(.constant))
        case .i32ShlImmThenXor: .threaded(.chain, handleI32ShlImmThenXor, .one(.constant))
        case .i32ShlImmThenAnd: .threaded(.chain, handleI32ShlImmThenAnd, .one(.constant))
        case .i32ShlImmThenOr: .threaded(.chain, handleI32ShlImmThenOr, .one(.constant))
        case .i32ShrUImmThenAdd: .threaded(.chain, handleI32ShrUImmThenAdd, .one(.constant))
        case .i32ShrUImmThenXor: .threaded(.chain, handleI32ShrUImmThenXor, .one(.constant))
        case .i32ShrUImmThenAnd: .threaded(.chain, handleI32ShrUImmThenAnd, .one(.constant))
        case .i32ShrUImmThenOr: .threaded(.chain, handleI32ShrUImmThenOr, .one(.constant))
        case .i32RotlImmThenAdd: .threaded(.chain, handleI32RotlImmThenAdd, .one(.constant))
        case .i32RotlImmThenXor: .threaded(.chain, handleI32RotlImmThenXor, .one(.constant))
        case .i32RotlImmThenAnd: .threaded(.chain, handleI32RotlImmThenAnd, .one(.constant))
        case .i32RotlImmThenOr: .threaded(.chain, handleI32RotlImmThenOr, .one(.constant))
        case .i32MulImmThenAdd: .threaded(.chain, handleI32MulImmThenAdd, .one(.constant))
        case .i32MulImmThenXor: .threaded(.chain, handleI32MulImmThenXor, .one(.constant))
        case .i32MulImmThenAnd: .threaded(.chain, handleI32MulImmThenAnd, .one(.constant))
        case .i32MulImmThenOr: .threaded(.chain, handleI32MulImmThenOr, .one(.constant))
        case .i32AndImmThenAdd: .threaded(.chain, handleI32AndImmThenAdd, .one(.constant))
        case .i32AndImmThenXor: .threaded(.chain, handleI32AndImmThenXor, .one(.constant))
        case .i32AndImmThenAnd: .threaded(.chain, handleI32AndImmThenAnd, .one(.constant))
        case .i32AndImmThenOr: .threaded(.chain, handleI32AndImmThenOr, .one(.constant))
        case .i32AddImmThenAdd: .threaded(.chain, handleI32AddImmThenAdd, .one(.constant))
        case .i32AddImmThenXor: .threaded(.chain, handleI32AddImmThenXor, .one(.constant))
        case .i32AddImmThenAnd: .threaded(.chain, handleI32AddImmThenAnd, .one(.constant))
        case .i32AddImmThenOr: .threaded(.chain, handleI32AddImmThenOr, .one(.constant))
        case .f64AddThenMulThenAdd: .threaded(.chain, handleF64AddThenMulThenAdd, .one(.halves))
        case .i32Load8UThenAdd: .threaded(.loadFused, handleI32Load8UThenAdd, .one(.address), mayTrap: true)
        case .i32Load8UThenXor: .threaded(.loadFused, handleI32Load8UThenXor, .one(.address), mayTrap: true)
        case .i32LoadThenAdd: .threaded(.loadFused, handleI32LoadThenAdd, .one(.address), mayTrap: true)
        case .i32LoadThenXor: .threaded(.loadFused, handleI32LoadThenXor, .one(.address), mayTrap: true)
        case .f64LoadThenAdd: .threaded(.loadFused, handleF64LoadThenAdd, .one(.address), mayTrap: true)
        case .f64LoadThenSub: .threaded(.loadFused, handleF64LoadThenSub, .one(.address), mayTrap: true)
        case .f64LoadThenSubFrom: .threaded(.loadFused, handleF64LoadThenSubFrom, .one(.address), mayTrap: true)
        case .f64LoadThenMul: .threaded(.loadFused, handleF64LoadThenMul, .one(.address), mayTrap: true)
        case .f32LoadThenAdd: .threaded(.loadFused, handleF32LoadThenAdd, .one(.address), mayTrap: true)
        case .f32LoadThenSub: .threaded(.loadFused, handleF32LoadThenSub, .one(.address), mayTrap: true)
        case .f32LoadThenSubFrom: .threaded(.loadFused, handleF32LoadThenSubFrom, .one(.address), mayTrap: true)
        case .f32LoadThenMul: .threaded(.loadFused, handleF32LoadThenMul, .one(.address), mayTrap: true)
        case .f64AddToMemory: .threaded(.loadFused, handleF64AddToMemory, .one(.address), mayTrap: true)
        case .f64SubFromMemory: .threaded(.loadFused, handleF64SubFromMemory, .one(.address), mayTrap: true)
        case .move8: .threaded(.loadFused, handleMove8, .two(.address, .address), mayTrap: true)
        case .move16: .threaded(.loadFused, handleMove16, .two(.address, .address), mayTrap: true)
        case .move32: .threaded(.loadFused, handleMove32, .two(.address, .address), mayTrap: true)
        case .move64: .threaded(.loadFused, handleMove64, .two(.address, .address), mayTrap: true)
        case .i32LoadThenBrIfLtS:
            .threaded(.loadFused, handleI32LoadThenBrIfLtS, .three(.offset, .address, .slot), mayTrap: true)
        case .i32LoadThenBrIfGtS:
            .threaded(.loadFused, handleI32LoadThenBrIfGtS, .three(.offset, .address, .slot), mayTrap: true)
        case .i32LoadThenBrIfNe:
            .threaded(.loadFused, handleI32LoadThenBrIfNe, .three(.offset, .address, .slot), mayTrap: true)
        case .i32Load8UThenBrIfLtS:
            .threaded(.loadFused, handleI32Load8UThenBrIfLtS, .three(.offset, .address, .slot), mayTrap: true)
        case .i32Load8UThenBrIfGtS:
            .threaded(.loadFused, handleI32Load8UThenBrIfGtS, .three(.offset, .address, .slot), mayTrap: true)
        case .i32Load8UThenBrIfNe:
            .threaded(.loadFused, handleI32Load8UThenBrIfNe, .three(.offset, .address, .slot), mayTrap: true)
        case .selectI32Eq: .threaded(.data, handleSelectI32Eq, .one(.halves))
        case .selectI32EqImm: .threaded(.data, handleSelectI32EqImm, .two(.slot, .constant))
        case .selectI32Ne: .threaded(.data, handleSelectI32Ne, .one(.halves))
        case .selectI32NeImm: .threaded(.data, handleSelectI32NeImm, .two(.slot, .constant))
        case .selectI32LtS: .threaded(.data, handleSelectI32LtS, .one(.halves))
        case .selectI32LtSImm: .threaded(.data, handleSelectI32LtSImm, .two(.slot, .constant))
        case .selectI32LtU: .threaded(.data, handleSelectI32LtU, .one(.halves))
        case .selectI32LtUImm: .threaded(.data, handleSelectI32LtUImm, .two(.slot, .constant))
        case .selectI32GtS: .threaded(.data, handleSelectI32GtS, .one(.halves))
        case .selectI32GtSImm: .threaded(.data, handleSelectI32GtSImm, .two(.slot, .constant))
        case .selectI32GtU: .threaded(.data, handleSelectI32GtU, .one(.halves))
        case .selectI32GtUImm: .threaded(.data, handleSelectI32GtUImm, .two(.slot, .constant))
        case .selectI32LeS: .threaded(.data, handleSelectI32LeS, .one(.halves))
        case .selectI32LeSImm: .threaded(.data, handleSelectI32LeSImm, .two(.slot, .constant))
        case .selectI32LeU: .threaded(.data, handleSelectI32LeU, .one(.halves))
        case .selectI32LeUImm: .threaded(.data, handleSelectI32LeUImm, .two(.slot, .constant))
        case .selectI32GeS: .threaded(.data, handleSelectI32GeS, .one(.halves))
        case .selectI32GeSImm: .threaded(.data, handleSelectI32GeSImm, .two(.slot, .constant))
        case .selectI32GeU: .threaded(.data, handleSelectI32GeU, .one(.halves))
        case .selectI32GeUImm: .threaded(.data, handleSelectI32GeUImm, .two(.slot, .constant))
        case .selectI64Eq: .threaded(.data, handleSelectI64Eq, .one(.halves))
        case .selectI64EqImm: .threaded(.data, handleSelectI64EqImm, .two(.slot, .constant))
        case .selectI64Ne: .threaded(.data, handleSelectI64Ne, .one(.halves))
        case .selectI64NeImm: .threaded(.data, handleSelectI64NeImm, .two(.slot, .constant))
        case .selectI64LtS: .threaded(.data, handleSelectI64LtS, .one(.halves))
        case .selectI64LtSImm: .threaded(.data, handleSelectI64LtSImm, .two(.slot, .constant))
        case .selectI64LtU: .threaded(.data, handleSelectI64LtU, .one(.halves))
        case .selectI64LtUImm: .threaded(.data, handleSelectI64LtUImm, .two(.slot, .constant))
        case .selectI64GtS: .threaded(.data, handleSelectI64GtS, .one(.halves))
        case .selectI64GtSImm: .threaded(.data, handleSelectI64GtSImm, .two(.slot, .constant))
        case .selectI64GtU: .threaded(.data, handleSelectI64GtU, .one(.halves))
        case .selectI64GtUImm: .threaded(.data, handleSelectI64GtUImm, .two(.slot, .constant))
        case .selectI64LeS: .threaded(.data, handleSelectI64LeS, .one(.halves))
        case .selectI64LeSImm: .threaded(.data, handleSelectI64LeSImm, .two(.slot, .constant))
        case .selectI64LeU: .threaded(.data, handleSelectI64LeU, .one(.halves))
        case .selectI64LeUImm: .threaded(.data, handleSelectI64LeUImm, .two(.slot, .constant))
        case .selectI64GeS: .threaded(.data, handleSelectI64GeS, .one(.halves))
        case .selectI64GeSImm: .threaded(.data, handleSelectI64GeSImm, .two(.slot, .constant))
        case .selectI64GeU: .threaded(.data, handleSelectI64GeU, .one(.halves))
        case .selectI64GeUImm: .threaded(.data, handleSelectI64GeUImm, .two(.slot, .constant))
        case .i32AddImmAndCopy: .threaded(.step, handleI32AddImmAndCopy, .one(.constant))
        case .i32AddImmPair: .threaded(.step, handleI32AddImmPair, .one(.halves))
        case .i32AddImmThenBrIf: .threaded(.step, handleI32AddImmThenBrIf, .two(.offset, .halves), mayTrap: true)
        case .i32AddImmThenBrIfNeImm:
            .threaded(.step, handleI32AddImmThenBrIfNeImm, .two(.offset, .halves), mayTrap: true)
        case .i32AddImmThenBrIfLtUImm:
            .threaded(.step, handleI32AddImmThenBrIfLtUImm, .two(.offset, .halves), mayTrap: true)
        case .i32AddImmThenBrIfNe: .threaded(.step, handleI32AddImmThenBrIfNe, .two(.offset, .halves), mayTrap: true)
        case .i32AddImmThenBrIfLtU: .threaded(.step, handleI32AddImmThenBrIfLtU, .two(.offset, .halves), mayTrap: true)
        case .i32AddImmThenBrIfGeU: .threaded(.step, handleI32AddImmThenBrIfGeU, .two(.offset, .halves), mayTrap: true)
        case .i32AddImmThenBrIfGtS: .threaded(.step, handleI32AddImmThenBrIfGtS, .two(.offset, .halves), mayTrap: true)
        case .i32AddThenBrIfNeImm: .threaded(.step, handleI32AddThenBrIfNeImm, .two(.offset, .halves), mayTrap: true)
        case .i32AddThenBrIfLtUImm: .threaded(.step, handleI32AddThenBrIfLtUImm, .two(.offset, .halves), mayTrap: true)
        case .i32AddThenBrIfNe: .threaded(.step, handleI32AddThenBrIfNe, .two(.offset, .halves), mayTrap: true)
        case .i32AddThenBrIfLtU: .threaded(.step, handleI32AddThenBrIfLtU, .two(.offset, .halves), mayTrap: true)
        case .i32AddThenBrIfGeU: .threaded(.step, handleI32AddThenBrIfGeU, .two(.offset, .halves), mayTrap: true)
        case .i32AddThenBrIfGtS: .threaded(.step, handleI32AddThenBrIfGtS, .two(.offset, .halves), mayTrap: true)
        }
    }
}
