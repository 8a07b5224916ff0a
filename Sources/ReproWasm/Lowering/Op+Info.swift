// The internal op table: one row per `Op`, in one exhaustive switch (no `default:`), so the
// compiler refuses an op without a row. The emitter's source map, the handler table's
// threaded/slow-path split, the disassembler and every instruction's length are read from here;
// `OpTableTests` checks that the handler table and the disassembler agree with the rows, and
// `CodeEmitter.layoutIsConsistent` checks every lowered function against them in debug builds.
//
// Adding an op: its case in `Op`, its row below, its handler (a `ThreadedHandlers` closure and a
// line in `ThreadedHandlers.handler(for:)`, or a case in `execute`'s switch for a slow-path op),
// and for a fusion the matcher in Lowering that emits it. See docs/ARCHITECTURE.md.

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

/// One row of the op table: everything about an op that is not its handler's code.
struct OpInfo: Sendable {
    /// The words after the head word.
    let layout: OperandLayout
    /// Whether running it can end in a trap, out of fuel included (it then needs a source-map entry).
    let mayTrap: Bool
    /// Threaded handler or a case of `execute`'s switch.
    let dispatch: OpDispatch
    /// Its kind.
    let family: OpFamily

    /// A threaded op's row.
    static func threaded(_ family: OpFamily, _ layout: OperandLayout = .head, mayTrap: Bool = false) -> OpInfo {
        OpInfo(layout: layout, mayTrap: mayTrap, dispatch: .threaded, family: family)
    }

    /// A slow-path op's row.
    static func slowPath(_ family: OpFamily, _ layout: OperandLayout = .head, mayTrap: Bool = false) -> OpInfo {
        OpInfo(layout: layout, mayTrap: mayTrap, dispatch: .slowPath, family: family)
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
    private static let rows: [OpInfo] = Op.allCases.map(\.row)

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

    /// The table itself: one row per op, exhaustive.
    private var row: OpInfo {
        switch self {
        // MARK: Control
        case .unreachable: .slowPath(.control, mayTrap: true)
        case .count: .threaded(.control, mayTrap: true)
        case .zeroLocals: .threaded(.control)
        case .jump: .threaded(.control, .one(.offset))
        case .br, .brIf, .brIfNot: .threaded(.control, .one(.offset), mayTrap: true)
        case .brTable: .threaded(.control, .branchTable, mayTrap: true)
        case .return: .threaded(.control, mayTrap: true)
        case .callLocal: .threaded(.call, mayTrap: true)
        case .call: .slowPath(.call, mayTrap: true)
        case .callIndirect: .slowPath(.call, .one(.typeIndex), mayTrap: true)
        case .returnCall: .slowPath(.call, .one(.functionIndex), mayTrap: true)
        case .returnCallIndirect: .slowPath(.call, .two(.typeIndex, .countAndSlot), mayTrap: true)
        case .throw, .throwRef: .slowPath(.exception, mayTrap: true)
        case .refAsNonNull: .slowPath(.data, mayTrap: true)
        case .lowerOnEntry: .slowPath(.call, mayTrap: true)

        // MARK: Data movement
        case .copy, .copy128, .copySpan, .const32: .threaded(.data)
        case .copy2: .threaded(.data, .one(.slot))
        case .const64: .threaded(.data, .one(.constant))
        case .const128: .threaded(.data, .two(.constant, .constant))
        case .select, .select128: .threaded(.data, .one(.slot))
        case .globalGet, .globalSet: .threaded(.data)
        case .globalGet128, .globalSet128, .counterGet, .counterSet, .refFunc: .slowPath(.data)

        // MARK: Memory
        case .i32Load, .i64Load, .f32Load, .f64Load, .i32Load8S, .i32Load8U, .i32Load16S, .i32Load16U, .i64Load8S,
            .i64Load8U, .i64Load16S, .i64Load16U, .i64Load32S, .i64Load32U, .i32Store, .i64Store, .f32Store,
            .f64Store, .i32Store8, .i32Store16, .i64Store8, .i64Store16, .i64Store32, .store8Imm, .store16Imm,
            .store32Imm, .store64Imm:
            .threaded(.memory, .one(.address), mayTrap: true)
        case .memoryAccess: .slowPath(.bulk, .one(.memoryAndOffset), mayTrap: true)
        case .memorySize, .dataDrop, .tableSize, .elemDrop: .slowPath(.bulk)
        case .memoryGrow, .memoryFill, .memoryCopy, .memoryInit, .tableGet, .tableSet, .tableGrow, .tableFill,
            .tableInit, .tableCopy:
            .slowPath(.bulk, mayTrap: true)

        // MARK: Wide arithmetic
        case .i64Add128, .i64Sub128, .i64MulWideS, .i64MulWideU: .threaded(.wide)

        // MARK: SIMD
        case .simd, .simdLoad, .simdStore: .threaded(.simd, .simd, mayTrap: true)
        case .simdI32x4Add, .simdI32x4Mul, .simdI16x8Add, .simdI16x8Shl, .simdI16x8ShrU, .simdI16x8ExtendLowI8x16U,
            .simdI16x8ExtendHighI8x16U, .simdI32x4ExtendLowI16x8U, .simdI8x16NarrowI16x8U, .simdV128Xor,
            .simdV128And:
            .threaded(.simd, .simd)

        // MARK: Numeric
        case .i32Eqz, .i32Eq, .i32Ne, .i32LtS, .i32LtU, .i32GtS, .i32GtU, .i32LeS, .i32LeU, .i32GeS, .i32GeU,
            .i64Eqz, .i64Eq, .i64Ne, .i64LtS, .i64LtU, .i64GtS, .i64GtU, .i64LeS, .i64LeU, .i64GeS, .i64GeU,
            .f32Eq, .f32Ne, .f32Lt, .f32Gt, .f32Le, .f32Ge, .f64Eq, .f64Ne, .f64Lt, .f64Gt, .f64Le, .f64Ge,
            .i32Clz, .i32Ctz, .i32Popcnt, .i32Add, .i32Sub, .i32Mul, .i32And, .i32Or, .i32Xor, .i32Shl, .i32ShrS,
            .i32ShrU, .i32Rotl, .i32Rotr, .i64Clz, .i64Ctz, .i64Popcnt, .i64Add, .i64Sub, .i64Mul, .i64And, .i64Or,
            .i64Xor, .i64Shl, .i64ShrS, .i64ShrU, .i64Rotl, .i64Rotr, .f32Abs, .f32Neg, .f32Ceil, .f32Floor,
            .f32Trunc, .f32Nearest, .f32Sqrt, .f32Add, .f32Sub, .f32Mul, .f32Div, .f32Min, .f32Max, .f32Copysign,
            .f64Abs, .f64Neg, .f64Ceil, .f64Floor, .f64Trunc, .f64Nearest, .f64Sqrt, .f64Add, .f64Sub, .f64Mul,
            .f64Div, .f64Min, .f64Max, .f64Copysign, .i32WrapI64, .i64ExtendI32S, .i64ExtendI32U, .f32ConvertI32S,
            .f32ConvertI32U, .f32ConvertI64S, .f32ConvertI64U, .f32DemoteF64, .f64ConvertI32S, .f64ConvertI32U,
            .f64ConvertI64S, .f64ConvertI64U, .f64PromoteF32, .i32ReinterpretF32, .i64ReinterpretF64,
            .f32ReinterpretI32, .f64ReinterpretI64, .i32Extend8S, .i32Extend16S, .i64Extend8S, .i64Extend16S,
            .i64Extend32S, .i32TruncSatF32S, .i32TruncSatF32U, .i32TruncSatF64S, .i32TruncSatF64U,
            .i64TruncSatF32S, .i64TruncSatF32U, .i64TruncSatF64S, .i64TruncSatF64U:
            .threaded(.numeric)
        case .i32DivS, .i32DivU, .i32RemS, .i32RemU, .i64DivS, .i64DivU, .i64RemS, .i64RemU:
            .threaded(.numeric, mayTrap: true)
        case .i32TruncF32S, .i32TruncF32U, .i32TruncF64S, .i32TruncF64U, .i64TruncF32S, .i64TruncF32U,
            .i64TruncF64S, .i64TruncF64U:
            .slowPath(.numeric, mayTrap: true)

        // MARK: Superinstructions
        case .i32AddImm, .i32SubImm, .i32MulImm, .i32AndImm, .i32OrImm, .i32XorImm, .i32ShlImm, .i32ShrUImm,
            .i32ShrSImm, .i32RotlImm, .i32RotrImm, .i32EqImm, .i32NeImm, .i32LtUImm, .i32GtUImm, .i32LeUImm,
            .i32GeUImm, .i32LtSImm, .i32GtSImm, .i32LeSImm, .i32GeSImm, .i64AddImm, .i64SubImm, .i64MulImm,
            .i64AndImm, .i64OrImm, .i64XorImm, .i64ShlImm, .i64ShrUImm, .i64ShrSImm, .i64RotlImm, .i64RotrImm,
            .i64EqImm, .i64NeImm, .i64LtUImm, .i64GtUImm, .i64LeUImm, .i64GeUImm, .i64LtSImm, .i64GtSImm,
            .i64LeSImm, .i64GeSImm:
            .threaded(.immediate, .one(.constant))
        case .brIfI32Eq, .brIfI32Ne, .brIfI32LtU, .brIfI32GtU, .brIfI32LeU, .brIfI32GeU, .brIfI32LtS, .brIfI32GtS,
            .brIfI32LeS, .brIfI32GeS, .brIfF64Lt, .brIfF64Gt, .brIfF64Le, .brIfF64Ge, .brIfNotF64Lt, .brIfNotF64Gt,
            .brIfNotF64Le, .brIfNotF64Ge, .brIfI64Eq, .brIfI64Ne, .brIfI64LtU, .brIfI64GtU, .brIfI64LeU, .brIfI64GeU,
            .brIfI64LtS, .brIfI64GtS, .brIfI64LeS, .brIfI64GeS, .brIfF32Lt, .brIfF32Gt, .brIfF32Le, .brIfF32Ge,
            .brIfNotF32Lt, .brIfNotF32Gt, .brIfNotF32Le, .brIfNotF32Ge:
            .threaded(.compareBranch, .one(.offset), mayTrap: true)
        case .brIfI32EqImm, .brIfI32NeImm, .brIfI32LtUImm, .brIfI32GtUImm, .brIfI32LeUImm, .brIfI32GeUImm,
            .brIfI32LtSImm, .brIfI32GtSImm, .brIfI32LeSImm, .brIfI32GeSImm, .brIfF64LtImm, .brIfF64GtImm,
            .brIfF64LeImm, .brIfF64GeImm, .brIfNotF64LtImm, .brIfNotF64GtImm, .brIfNotF64LeImm, .brIfNotF64GeImm,
            .brIfF64AddLtImm, .brIfF64AddGtImm, .brIfF64AddLeImm, .brIfF64AddGeImm, .brIfNotF64AddLtImm,
            .brIfNotF64AddGtImm, .brIfNotF64AddLeImm, .brIfNotF64AddGeImm, .brIfI64EqImm, .brIfI64NeImm, .brIfI64LtUImm,
            .brIfI64GtUImm, .brIfI64LeUImm, .brIfI64GeUImm, .brIfI64LtSImm, .brIfI64GtSImm, .brIfI64LeSImm,
            .brIfI64GeSImm, .brIfF32LtImm, .brIfF32GtImm, .brIfF32LeImm, .brIfF32GeImm, .brIfNotF32LtImm,
            .brIfNotF32GtImm, .brIfNotF32LeImm, .brIfNotF32GeImm:
            .threaded(.compareBranch, .two(.offset, .constant), mayTrap: true)
        case .i32AddThenAdd, .i32AddThenXor, .i32AddThenAnd, .i32AddThenOr, .i32SubThenAdd, .i32SubThenXor,
            .i32SubThenAnd, .i32SubThenOr, .i32MulThenAdd, .i32MulThenXor, .i32MulThenAnd, .i32MulThenOr,
            .i32AndThenAdd, .i32AndThenXor, .i32AndThenAnd, .i32AndThenOr, .i32OrThenAdd, .i32OrThenXor,
            .i32OrThenAnd, .i32OrThenOr, .i32XorThenAdd, .i32XorThenXor, .i32XorThenAnd, .i32XorThenOr,
            .f64AddThenAdd, .f64AddThenMul, .f64AddThenSub, .f64AddThenSubFrom, .f64SubThenAdd, .f64SubThenMul,
            .f64SubThenSub, .f64SubThenSubFrom, .f64MulThenAdd, .f64MulThenMul, .f64MulThenSub, .f64MulThenSubFrom:
            .threaded(.chain, .one(.slot))
        case .i32ShlImmThenAdd, .i32ShlImmThenXor, .i32ShlImmThenAnd, .i32ShlImmThenOr, .i32ShrUImmThenAdd,
            .i32ShrUImmThenXor, .i32ShrUImmThenAnd, .i32ShrUImmThenOr, .i32RotlImmThenAdd, .i32RotlImmThenXor,
            .i32RotlImmThenAnd, .i32RotlImmThenOr, .i32MulImmThenAdd, .i32MulImmThenXor, .i32MulImmThenAnd,
            .i32MulImmThenOr, .i32AndImmThenAdd, .i32AndImmThenXor, .i32AndImmThenAnd, .i32AndImmThenOr,
            .i32AddImmThenAdd, .i32AddImmThenXor, .i32AddImmThenAnd, .i32AddImmThenOr:
            .threaded(.chain, .one(.constant))
        case .f64AddThenMulThenAdd: .threaded(.chain, .one(.halves))
        case .i32Load8UThenAdd, .i32Load8UThenXor, .i32LoadThenAdd, .i32LoadThenXor, .f64LoadThenAdd,
            .f64LoadThenSub, .f64LoadThenSubFrom, .f64LoadThenMul, .f64AddToMemory, .f64SubFromMemory:
            .threaded(.loadFused, .one(.address), mayTrap: true)
        case .move8, .move16, .move32, .move64: .threaded(.loadFused, .two(.address, .address), mayTrap: true)
        case .i32LoadThenBrIfLtS, .i32LoadThenBrIfGtS, .i32LoadThenBrIfNe, .i32Load8UThenBrIfLtS,
            .i32Load8UThenBrIfGtS, .i32Load8UThenBrIfNe:
            .threaded(.loadFused, .three(.offset, .address, .slot), mayTrap: true)
        case .i32AddImmAndCopy: .threaded(.step, .one(.constant))
        case .i32AddImmPair: .threaded(.step, .one(.halves))
        case .i32AddImmThenBrIf, .i32AddImmThenBrIfNeImm, .i32AddImmThenBrIfLtUImm, .i32AddImmThenBrIfNe,
            .i32AddImmThenBrIfLtU, .i32AddImmThenBrIfGeU, .i32AddImmThenBrIfGtS, .i32AddThenBrIfNeImm,
            .i32AddThenBrIfLtUImm, .i32AddThenBrIfNe, .i32AddThenBrIfLtU, .i32AddThenBrIfGeU, .i32AddThenBrIfGtS:
            .threaded(.step, .two(.offset, .halves), mayTrap: true)
        }
    }
}
