extension Op {
    /// Internal ops that share their wasm instruction's name, indexed by `Opcode.rawValue`.
    ///
    /// Numeric and memory ops are declared once in `Op` under the same name as their `Opcode`, so
    /// this table is derived rather than written a second time; a unit test checks that every
    /// fixed-shape scalar opcode finds its op.
    private static let byOpcode: [Op?] = Opcode.allCases.map { byName[String(describing: $0)] }

    /// Every op's name, by raw value: the tables below are derived from the names, and building a
    /// name by reflection is slow enough (about 2,000 instructions) to do once per op, not per table.
    private static let names: [String] = Op.allCases.map { String(describing: $0) }

    /// The op that runs `opcode` when lowering is a one-to-one mapping, else `nil`.
    static func lowering(of opcode: Opcode) -> Op? { byOpcode[Int(opcode.rawValue)] }

    private static let byName: [String: Op] = {
        var table: [String: Op] = [:]
        for op in Op.allCases { table[names[Int(op.rawValue)]] = op }
        return table
    }()

    /// The form of this binary op that takes its right operand as an immediate word, if there is one.
    var immediateForm: Op? { Op.superinstructions[Int(rawValue)].immediateForm }

    /// For an i32 comparison (register or immediate form): the compare-and-branch op that jumps
    /// when the comparison holds.
    var branchForm: Op? { Op.superinstructions[Int(rawValue)].branchForm }

    /// For an i32 comparison (register or immediate form): the comparison that holds exactly when
    /// this one does not.
    var negatedComparison: Op? { Op.superinstructions[Int(rawValue)].negatedComparison }

    /// Whether the op takes its right operand as an immediate word (`i32AddImm`, `brIfI32EqImm`, ...).
    var hasImmediateOperand: Bool { Op.superinstructions[Int(rawValue)].hasImmediateOperand }

    /// Superinstruction relations, derived once from the ops' names (lowering looks them up per
    /// instruction, so they are table reads, not string work).
    private static let superinstructions:
        [(immediateForm: Op?, branchForm: Op?, negatedComparison: Op?, hasImmediateOperand: Bool)] =
            Op.allCases.map { op in
                let name = names[Int(op.rawValue)]
                let isImmediate = name.hasSuffix("Imm")
                var branchForm: Op?
                var negated: Op?
                if name.hasPrefix("i32") {
                    branchForm = byName["brIfI32" + name.dropFirst(3)]
                    let pairs = [("Eq", "Ne"), ("LtS", "GeS"), ("LtU", "GeU"), ("GtS", "LeS"), ("GtU", "LeU")]
                    let core = String(name.dropFirst(3).dropLast(isImmediate ? 3 : 0))
                    for (first, second) in pairs {
                        if let other = core == first ? second : core == second ? first : nil {
                            negated = byName["i32" + other + (isImmediate ? "Imm" : "")]
                        }
                    }
                }
                return (byName[name + "Imm"], branchForm, negated, isImmediate)
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
    /// `second`'s left operand if `resultIsLeft`, else its right), if there is one.
    static func chain(first: Op, second: Op, resultIsLeft: Bool) -> Op? {
        guard startsAChain[Int(first.rawValue)] else { return nil }
        return chains[chainKey(first, second, resultIsLeft)]
    }

    /// Whether the op is itself a chain of two (`f64AddThenMul`, ...), whose last word names a slot.
    var isChain: Bool { Op.chainOps.contains(self) }

    private static let chainOps = Set(chains.values)

    /// Whether an op is the first half of some chained op (a quick test before the table).
    private static let startsAChain: [Bool] = {
        var starts = [Bool](repeating: false, count: Op.allCases.count)
        for key in chains.keys { starts[Int(key >> 17)] = true }
        return starts
    }()

    private static func chainKey(_ first: Op, _ second: Op, _ resultIsLeft: Bool) -> UInt32 {
        UInt32(first.rawValue) << 17 | UInt32(second.rawValue) << 1 | (resultIsLeft ? 1 : 0)
    }

    /// Every chained op by (first, second, whether the first result is the left operand), read off
    /// the chained ops' names once (`f64SubThenSubFrom` is f64Sub then f64Sub, result on the right;
    /// the other seconds take the result on either side; `f64AddThenMulThenAdd` is `f64AddThenMul`
    /// then f64Add). Lowering looks chains up per binary instruction, so this is a table read, not
    /// string work.
    private static let chains: [UInt32: Op] = {
        var table: [UInt32: Op] = [:]
        for op in Op.allCases {
            let name = names[Int(op.rawValue)]
            guard let then = name.ranges(of: "Then").last else { continue }
            let type = String(name.prefix(3))
            let firstName = String(name[name.index(name.startIndex, offsetBy: 3)..<then.lowerBound])
            let secondName = String(name[then.upperBound...])
            guard let first = byName[type + firstName] else { continue }
            if secondName == "SubFrom" {
                if let second = byName[type + "Sub"] { table[chainKey(first, second, false)] = op }
            } else if let second = byName[type + secondName] {
                table[chainKey(first, second, true)] = op
                if secondName != "Sub" { table[chainKey(first, second, false)] = op }
            }
        }
        return table
    }()

    /// The f64 compare-and-branch op for the comparison `compare` (`f64Lt`, `f64Gt`, `f64Le` or
    /// `f64Ge`) that jumps when it holds (`whenHolds`) or when it does not, with the right operand
    /// in a slot or an immediate word; `nil` for other ops.
    static func floatBranch(for compare: Op, whenHolds: Bool, immediate: Bool) -> Op? {
        floatBranches[UInt32(compare.rawValue) << 2 | (whenHolds ? 2 : 0) | (immediate ? 1 : 0)]
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
    var addedFloatBranch: Op? { Op.addedFloatBranches[Int(rawValue)] }

    /// `addedFloatBranch` for every op, built once from the ops' names.
    private static let addedFloatBranches: [Op?] = Op.allCases.map { op in
        let name = names[Int(op.rawValue)]
        guard name.hasPrefix("brIf"), name.hasSuffix("Imm"), let range = name.firstRange(of: "F64") else { return nil }
        return byName[name[..<range.lowerBound] + "F64Add" + name[range.upperBound...]]
    }

    /// `floatBranch`'s answers, built once from the ops' names.
    private static let floatBranches: [UInt32: Op] = {
        var table: [UInt32: Op] = [:]
        for (compare, name) in [(Op.f64Lt, "Lt"), (.f64Gt, "Gt"), (.f64Le, "Le"), (.f64Ge, "Ge")] {
            for whenHolds in [true, false] {
                for immediate in [true, false] {
                    let branch = byName[(whenHolds ? "brIf" : "brIfNot") + "F64" + name + (immediate ? "Imm" : "")]
                    table[UInt32(compare.rawValue) << 2 | (whenHolds ? 2 : 0) | (immediate ? 1 : 0)] = branch
                }
            }
        }
        return table
    }()

    /// The words an `Op.simd` instruction running `opcode` takes, head word included (see `Op.simd`).
    static func simdWordCount(of opcode: Opcode) -> Int {
        if opcode == .i8x16Shuffle { return 5 }
        return opcode.info.accessBytes > 0 ? 4 : 3
    }

    /// Whether the op is f64 arithmetic on slots (`f64Add`, `f64Sqrt`, `f64MulThenSub`, ...): it
    /// cannot trap, touches no memory, and writes slot `a` only.
    var isFloatArithmetic: Bool { Op.floatArithmetic[Int(rawValue)] }

    /// `isFloatArithmetic` for every op, from the ops' names: `f64` and one or more of these
    /// operations joined by `Then`.
    private static let floatArithmetic: [Bool] = {
        let operations: Set<Substring> = [
            "Add", "Sub", "SubFrom", "Mul", "Div", "Min", "Max", "Sqrt", "Neg", "Abs", "Copysign", "Ceil", "Floor",
            "Trunc", "Nearest",
        ]
        return names.map { name in
            name.hasPrefix("f64") && name.dropFirst(3).split(separator: "Then").allSatisfy { operations.contains($0) }
        }
    }()
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
