extension Op {
    /// Internal ops that share their wasm instruction's name, indexed by `Opcode.rawValue`.
    ///
    /// Numeric and memory ops are declared once in `Op` under the same name as their `Opcode`, so
    /// this table is derived rather than written a second time; a unit test checks that every
    /// fixed-shape scalar opcode finds its op.
    private static let byOpcode: [Op?] = Opcode.allCases.map { byName[String(describing: $0)] }

    /// The op that runs `opcode` when lowering is a one-to-one mapping, else `nil`.
    static func lowering(of opcode: Opcode) -> Op? { byOpcode[Int(opcode.rawValue)] }

    /// Every op by its name (only `byOpcode` reads names: the other relations are written out).
    private static let byName: [String: Op] = Dictionary(
        uniqueKeysWithValues: Op.allCases.map { (String(describing: $0), $0) })

    /// The form of this binary op that takes its right operand as an immediate word, if there is one.
    var immediateForm: Op? {
        switch self {
        case .i32Add: .i32AddImm
        case .i32Sub: .i32SubImm
        case .i32Mul: .i32MulImm
        case .i32And: .i32AndImm
        case .i32Or: .i32OrImm
        case .i32Xor: .i32XorImm
        case .i32Shl: .i32ShlImm
        case .i32ShrU: .i32ShrUImm
        case .i32ShrS: .i32ShrSImm
        case .i32Rotl: .i32RotlImm
        case .i32Rotr: .i32RotrImm
        case .i32Eq: .i32EqImm
        case .i32Ne: .i32NeImm
        case .i32LtU: .i32LtUImm
        case .i32GtU: .i32GtUImm
        case .i32LeU: .i32LeUImm
        case .i32GeU: .i32GeUImm
        case .i32LtS: .i32LtSImm
        case .i32GtS: .i32GtSImm
        case .i32LeS: .i32LeSImm
        case .i32GeS: .i32GeSImm
        case .i64Add: .i64AddImm
        case .i64Sub: .i64SubImm
        case .i64Mul: .i64MulImm
        case .i64And: .i64AndImm
        case .i64Or: .i64OrImm
        case .i64Xor: .i64XorImm
        case .i64Shl: .i64ShlImm
        case .i64ShrU: .i64ShrUImm
        case .i64ShrS: .i64ShrSImm
        case .i64Rotl: .i64RotlImm
        case .i64Rotr: .i64RotrImm
        case .i64Eq: .i64EqImm
        case .i64Ne: .i64NeImm
        case .i64LtU: .i64LtUImm
        case .i64GtU: .i64GtUImm
        case .i64LeU: .i64LeUImm
        case .i64GeU: .i64GeUImm
        case .i64LtS: .i64LtSImm
        case .i64GtS: .i64GtSImm
        case .i64LeS: .i64LeSImm
        case .i64GeS: .i64GeSImm
        default: nil
        }
    }

    /// For an i32 or i64 comparison (register or immediate form): the compare-and-branch op that
    /// jumps when the comparison holds.
    var branchForm: Op? {
        switch self {
        case .i32Eq: .brIfI32Eq
        case .i32EqImm: .brIfI32EqImm
        case .i32Ne: .brIfI32Ne
        case .i32NeImm: .brIfI32NeImm
        case .i32LtU: .brIfI32LtU
        case .i32LtUImm: .brIfI32LtUImm
        case .i32GtU: .brIfI32GtU
        case .i32GtUImm: .brIfI32GtUImm
        case .i32LeU: .brIfI32LeU
        case .i32LeUImm: .brIfI32LeUImm
        case .i32GeU: .brIfI32GeU
        case .i32GeUImm: .brIfI32GeUImm
        case .i32LtS: .brIfI32LtS
        case .i32LtSImm: .brIfI32LtSImm
        case .i32GtS: .brIfI32GtS
        case .i32GtSImm: .brIfI32GtSImm
        case .i32LeS: .brIfI32LeS
        case .i32LeSImm: .brIfI32LeSImm
        case .i32GeS: .brIfI32GeS
        case .i32GeSImm: .brIfI32GeSImm
        case .i64Eq: .brIfI64Eq
        case .i64EqImm: .brIfI64EqImm
        case .i64Ne: .brIfI64Ne
        case .i64NeImm: .brIfI64NeImm
        case .i64LtU: .brIfI64LtU
        case .i64LtUImm: .brIfI64LtUImm
        case .i64GtU: .brIfI64GtU
        case .i64GtUImm: .brIfI64GtUImm
        case .i64LeU: .brIfI64LeU
        case .i64LeUImm: .brIfI64LeUImm
        case .i64GeU: .brIfI64GeU
        case .i64GeUImm: .brIfI64GeUImm
        case .i64LtS: .brIfI64LtS
        case .i64LtSImm: .brIfI64LtSImm
        case .i64GtS: .brIfI64GtS
        case .i64GtSImm: .brIfI64GtSImm
        case .i64LeS: .brIfI64LeS
        case .i64LeSImm: .brIfI64LeSImm
        case .i64GeS: .brIfI64GeS
        case .i64GeSImm: .brIfI64GeSImm
        default: nil
        }
    }

    /// For an i32 or i64 comparison (register or immediate form): the comparison that holds exactly
    /// when this one does not.
    var negatedComparison: Op? {
        switch self {
        case .i32Eq: .i32Ne
        case .i32Ne: .i32Eq
        case .i32EqImm: .i32NeImm
        case .i32NeImm: .i32EqImm
        case .i32LtS: .i32GeS
        case .i32GeS: .i32LtS
        case .i32LtSImm: .i32GeSImm
        case .i32GeSImm: .i32LtSImm
        case .i32LtU: .i32GeU
        case .i32GeU: .i32LtU
        case .i32LtUImm: .i32GeUImm
        case .i32GeUImm: .i32LtUImm
        case .i32GtS: .i32LeS
        case .i32LeS: .i32GtS
        case .i32GtSImm: .i32LeSImm
        case .i32LeSImm: .i32GtSImm
        case .i32GtU: .i32LeU
        case .i32LeU: .i32GtU
        case .i32GtUImm: .i32LeUImm
        case .i32LeUImm: .i32GtUImm
        case .i64Eq: .i64Ne
        case .i64Ne: .i64Eq
        case .i64EqImm: .i64NeImm
        case .i64NeImm: .i64EqImm
        case .i64LtS: .i64GeS
        case .i64GeS: .i64LtS
        case .i64LtSImm: .i64GeSImm
        case .i64GeSImm: .i64LtSImm
        case .i64LtU: .i64GeU
        case .i64GeU: .i64LtU
        case .i64LtUImm: .i64GeUImm
        case .i64GeUImm: .i64LtUImm
        case .i64GtS: .i64LeS
        case .i64LeS: .i64GtS
        case .i64GtSImm: .i64LeSImm
        case .i64LeSImm: .i64GtSImm
        case .i64GtU: .i64LeU
        case .i64LeU: .i64GtU
        case .i64GtUImm: .i64LeUImm
        case .i64LeUImm: .i64GtUImm
        default: nil
        }
    }

    /// Whether the op takes its right operand as an immediate word (`i32AddImm`, `brIfI32EqImm`, ...):
    /// from its row, an op of the immediate family or a compare-and-branch with a constant.
    var hasImmediateOperand: Bool {
        info.family == .immediate || info.family == .compareBranch && info.layout == .two(.offset, .constant)
    }

    /// Whether the op is a memory-0 load of a scalar (`i32Load`, `f64Load`, `i64Load8S`, ...).
    var isMemoryLoad: Bool { Op.loadWidths[Int(rawValue)] > 0 }

    /// For a memory-0 load of a scalar, the bytes it reads; else 0.
    var loadWidth: Int { Int(Op.loadWidths[Int(rawValue)]) }

    /// `loadWidth` for every op, from the opcode table: the scalar memory instructions with a result.
    private static let loadWidths: [UInt8] = {
        var widths = [UInt8](repeating: 0, count: Op.allCases.count)
        for opcode in Opcode.allCases where opcode.info.accessBytes > 0 && opcode.info.feature != .simd {
            guard case .fixed(let signature) = opcode.info.shape, signature.output != nil,
                let op = lowering(of: opcode)
            else { continue }
            widths[Int(op.rawValue)] = UInt8(opcode.info.accessBytes)
        }
        return widths
    }()

    /// For an i32 comparison of two slots: the one that gives the same answer with its operands
    /// swapped (`i32LtS` for `i32GtS`, `i32Ne` for itself, ...).
    var mirroredComparison: Op? {
        switch self {
        case .i32Eq, .i32Ne: self
        case .i32LtS: .i32GtS
        case .i32GtS: .i32LtS
        case .i32LtU: .i32GtU
        case .i32GtU: .i32LtU
        case .i32LeS: .i32GeS
        case .i32GeS: .i32LeS
        case .i32LeU: .i32GeU
        case .i32GeU: .i32LeU
        default: nil
        }
    }

    /// The load-and-branch op for a memory-0 load followed by a branch on the comparison `compare`
    /// of the loaded value with a slot (`Op.i32LoadThenBrIfLtS`, ...), if there is one.
    static func loadBranch(load: Op, compare: Op) -> Op? {
        switch (load, compare) {
        case (.i32Load, .i32LtS): .i32LoadThenBrIfLtS
        case (.i32Load, .i32GtS): .i32LoadThenBrIfGtS
        case (.i32Load, .i32Ne): .i32LoadThenBrIfNe
        case (.i32Load8U, .i32LtS): .i32Load8UThenBrIfLtS
        case (.i32Load8U, .i32GtS): .i32Load8UThenBrIfGtS
        case (.i32Load8U, .i32Ne): .i32Load8UThenBrIfNe
        default: nil
        }
    }

    /// The `move` op for `width` bytes (`Op.move8`, ...).
    static func move(width: Int) -> Op? {
        switch width {
        case 1: .move8
        case 2: .move16
        case 4: .move32
        case 8: .move64
        default: nil
        }
    }

    /// The `f64…Then…` or `i32…Then…` op running `first` and then `second` on its result (as
    /// `second`'s left operand if `resultIsLeft`, else its right), if there is one. Every second
    /// operation but `Sub` commutes, so its side does not matter; with the result on the right, a
    /// subtraction is `…SubFrom`. A memory-0 load as `first` gives a load-fused op (`f64LoadThenSub`).
    static func chain(first: Op, second: Op, resultIsLeft: Bool) -> Op? {
        switch (first, second) {
        case (.i32Add, .i32Add): .i32AddThenAdd
        case (.i32Add, .i32Xor): .i32AddThenXor
        case (.i32Add, .i32And): .i32AddThenAnd
        case (.i32Add, .i32Or): .i32AddThenOr
        case (.i32Sub, .i32Add): .i32SubThenAdd
        case (.i32Sub, .i32Xor): .i32SubThenXor
        case (.i32Sub, .i32And): .i32SubThenAnd
        case (.i32Sub, .i32Or): .i32SubThenOr
        case (.i32Mul, .i32Add): .i32MulThenAdd
        case (.i32Mul, .i32Xor): .i32MulThenXor
        case (.i32Mul, .i32And): .i32MulThenAnd
        case (.i32Mul, .i32Or): .i32MulThenOr
        case (.i32And, .i32Add): .i32AndThenAdd
        case (.i32And, .i32Xor): .i32AndThenXor
        case (.i32And, .i32And): .i32AndThenAnd
        case (.i32And, .i32Or): .i32AndThenOr
        case (.i32Or, .i32Add): .i32OrThenAdd
        case (.i32Or, .i32Xor): .i32OrThenXor
        case (.i32Or, .i32And): .i32OrThenAnd
        case (.i32Or, .i32Or): .i32OrThenOr
        case (.i32Xor, .i32Add): .i32XorThenAdd
        case (.i32Xor, .i32Xor): .i32XorThenXor
        case (.i32Xor, .i32And): .i32XorThenAnd
        case (.i32Xor, .i32Or): .i32XorThenOr
        case (.i32ShlImm, .i32Add): .i32ShlImmThenAdd
        case (.i32ShlImm, .i32Xor): .i32ShlImmThenXor
        case (.i32ShlImm, .i32And): .i32ShlImmThenAnd
        case (.i32ShlImm, .i32Or): .i32ShlImmThenOr
        case (.i32ShrUImm, .i32Add): .i32ShrUImmThenAdd
        case (.i32ShrUImm, .i32Xor): .i32ShrUImmThenXor
        case (.i32ShrUImm, .i32And): .i32ShrUImmThenAnd
        case (.i32ShrUImm, .i32Or): .i32ShrUImmThenOr
        case (.i32RotlImm, .i32Add): .i32RotlImmThenAdd
        case (.i32RotlImm, .i32Xor): .i32RotlImmThenXor
        case (.i32RotlImm, .i32And): .i32RotlImmThenAnd
        case (.i32RotlImm, .i32Or): .i32RotlImmThenOr
        case (.i32MulImm, .i32Add): .i32MulImmThenAdd
        case (.i32MulImm, .i32Xor): .i32MulImmThenXor
        case (.i32MulImm, .i32And): .i32MulImmThenAnd
        case (.i32MulImm, .i32Or): .i32MulImmThenOr
        case (.i32AndImm, .i32Add): .i32AndImmThenAdd
        case (.i32AndImm, .i32Xor): .i32AndImmThenXor
        case (.i32AndImm, .i32And): .i32AndImmThenAnd
        case (.i32AndImm, .i32Or): .i32AndImmThenOr
        case (.i32AddImm, .i32Add): .i32AddImmThenAdd
        case (.i32AddImm, .i32Xor): .i32AddImmThenXor
        case (.i32AddImm, .i32And): .i32AddImmThenAnd
        case (.i32AddImm, .i32Or): .i32AddImmThenOr
        case (.f64Add, .f64Add): .f64AddThenAdd
        case (.f64Add, .f64Mul): .f64AddThenMul
        case (.f64Add, .f64Sub): resultIsLeft ? .f64AddThenSub : .f64AddThenSubFrom
        case (.f64Sub, .f64Add): .f64SubThenAdd
        case (.f64Sub, .f64Mul): .f64SubThenMul
        case (.f64Sub, .f64Sub): resultIsLeft ? .f64SubThenSub : .f64SubThenSubFrom
        case (.f64Mul, .f64Add): .f64MulThenAdd
        case (.f64Mul, .f64Mul): .f64MulThenMul
        case (.f64Mul, .f64Sub): resultIsLeft ? .f64MulThenSub : .f64MulThenSubFrom
        case (.f64AddThenMul, .f64Add): .f64AddThenMulThenAdd
        case (.i32Load8U, .i32Add): .i32Load8UThenAdd
        case (.i32Load8U, .i32Xor): .i32Load8UThenXor
        case (.i32Load, .i32Add): .i32LoadThenAdd
        case (.i32Load, .i32Xor): .i32LoadThenXor
        case (.f64Load, .f64Add): .f64LoadThenAdd
        case (.f64Load, .f64Mul): .f64LoadThenMul
        case (.f64Load, .f64Sub): resultIsLeft ? .f64LoadThenSub : .f64LoadThenSubFrom
        default: nil
        }
    }

    /// Whether the op is itself a chain of two register operations (`f64AddThenMul`, ...).
    var isChain: Bool { info.family == .chain }

    /// Whether the op is f64 arithmetic on slots (`f64Add`, `f64Sqrt`, `f64MulThenSub`, ...): it
    /// cannot trap, touches no memory, and writes slot `a` only.
    var isFloatArithmetic: Bool {
        switch self {
        case .f64Add, .f64Sub, .f64Mul, .f64Div, .f64Min, .f64Max, .f64Sqrt, .f64Neg, .f64Abs, .f64Copysign,
            .f64Ceil, .f64Floor, .f64Trunc, .f64Nearest, .f64AddThenAdd, .f64AddThenMul, .f64AddThenSub,
            .f64AddThenSubFrom, .f64SubThenAdd, .f64SubThenMul, .f64SubThenSub, .f64SubThenSubFrom, .f64MulThenAdd,
            .f64MulThenMul, .f64MulThenSub, .f64MulThenSubFrom, .f64AddThenMulThenAdd:
            true
        default: false
        }
    }

    /// The float compare-and-branch op for the comparison `compare` (`f32Lt`/`f64Lt`, `Gt`, `Le` or
    /// `Ge`) that jumps when it holds (`whenHolds`) or when it does not, with the right operand
    /// in a slot or an immediate word; `nil` for other ops.
    static func floatBranch(for compare: Op, whenHolds: Bool, immediate: Bool) -> Op? {
        switch (compare, whenHolds, immediate) {
        case (.f64Lt, true, true): .brIfF64LtImm
        case (.f64Lt, true, false): .brIfF64Lt
        case (.f64Lt, false, true): .brIfNotF64LtImm
        case (.f64Lt, false, false): .brIfNotF64Lt
        case (.f64Gt, true, true): .brIfF64GtImm
        case (.f64Gt, true, false): .brIfF64Gt
        case (.f64Gt, false, true): .brIfNotF64GtImm
        case (.f64Gt, false, false): .brIfNotF64Gt
        case (.f64Le, true, true): .brIfF64LeImm
        case (.f64Le, true, false): .brIfF64Le
        case (.f64Le, false, true): .brIfNotF64LeImm
        case (.f64Le, false, false): .brIfNotF64Le
        case (.f64Ge, true, true): .brIfF64GeImm
        case (.f64Ge, true, false): .brIfF64Ge
        case (.f64Ge, false, true): .brIfNotF64GeImm
        case (.f64Ge, false, false): .brIfNotF64Ge
        case (.f32Lt, true, true): .brIfF32LtImm
        case (.f32Lt, true, false): .brIfF32Lt
        case (.f32Lt, false, true): .brIfNotF32LtImm
        case (.f32Lt, false, false): .brIfNotF32Lt
        case (.f32Gt, true, true): .brIfF32GtImm
        case (.f32Gt, true, false): .brIfF32Gt
        case (.f32Gt, false, true): .brIfNotF32GtImm
        case (.f32Gt, false, false): .brIfNotF32Gt
        case (.f32Le, true, true): .brIfF32LeImm
        case (.f32Le, true, false): .brIfF32Le
        case (.f32Le, false, true): .brIfNotF32LeImm
        case (.f32Le, false, false): .brIfNotF32Le
        case (.f32Ge, true, true): .brIfF32GeImm
        case (.f32Ge, true, false): .brIfF32Ge
        case (.f32Ge, false, true): .brIfNotF32GeImm
        case (.f32Ge, false, false): .brIfNotF32Ge
        default: nil
        }
    }

    /// The step-and-test op (`i32AddThenBrIfLtUImm`, ...) for a step `i32AddImm` or `i32Add` and
    /// the i32 compare-and-branch op `branch` on its sum, if there is one.
    static func stepBranch(step: Op, branch: Op) -> Op? {
        switch (step, branch) {
        case (.i32AddImm, .brIfI32NeImm): .i32AddImmThenBrIfNeImm
        case (.i32AddImm, .brIfI32LtUImm): .i32AddImmThenBrIfLtUImm
        case (.i32AddImm, .brIfI32Ne): .i32AddImmThenBrIfNe
        case (.i32AddImm, .brIfI32LtU): .i32AddImmThenBrIfLtU
        case (.i32AddImm, .brIfI32GeU): .i32AddImmThenBrIfGeU
        case (.i32AddImm, .brIfI32GtS): .i32AddImmThenBrIfGtS
        case (.i32Add, .brIfI32NeImm): .i32AddThenBrIfNeImm
        case (.i32Add, .brIfI32LtUImm): .i32AddThenBrIfLtUImm
        case (.i32Add, .brIfI32Ne): .i32AddThenBrIfNe
        case (.i32Add, .brIfI32LtU): .i32AddThenBrIfLtU
        case (.i32Add, .brIfI32GeU): .i32AddThenBrIfGeU
        case (.i32Add, .brIfI32GtS): .i32AddThenBrIfGtS
        default: nil
        }
    }

    /// For an f64 compare-and-branch op with a constant (`brIfF64GtImm`, `brIfNotF64LeImm`, ...),
    /// the op that tests the sum of two slots the same way (`brIfF64AddGtImm`, ...).
    var addedFloatBranch: Op? {
        switch self {
        case .brIfF64LtImm: .brIfF64AddLtImm
        case .brIfF64GtImm: .brIfF64AddGtImm
        case .brIfF64LeImm: .brIfF64AddLeImm
        case .brIfF64GeImm: .brIfF64AddGeImm
        case .brIfNotF64LtImm: .brIfNotF64AddLtImm
        case .brIfNotF64GtImm: .brIfNotF64AddGtImm
        case .brIfNotF64LeImm: .brIfNotF64AddLeImm
        case .brIfNotF64GeImm: .brIfNotF64AddGeImm
        default: nil
        }
    }

    /// The words an `Op.simd` instruction running `opcode` takes, head word included (see `Op.simd`).
    static func simdWordCount(of opcode: Opcode) -> Int {
        if opcode == .i8x16Shuffle { return 5 }
        return opcode.info.accessBytes > 0 ? 4 : 3
    }

}

/// A function lowered to internal code, shared by every instance of its module.
struct CompiledFunction: Sendable {
    /// The instruction words (see `Op` for the layout).
    let code: [UInt64]
    /// Slots taken by the parameters (frame slots 0...).
    let parameterSlots: Int
    /// Slots taken by parameters and declared locals; slots from `parameterSlots` up to here start at zero.
    let localSlots: Int
    /// All slots the frame uses: locals plus the highest operand stack.
    let frameSlots: Int
    /// Slots taken by the results (written to slots 0... before `return`).
    let resultSlots: Int
    /// Code position to module byte offset, as `CodeEmitter.sourceMap`.
    let sourceMap: [UInt64]
    /// The function's `try_table`s, in the order they were entered.
    let handlers: [ExceptionHandler]
}
