// The relations Lowering's matchers use between ops (`immediateForm`, `branchForm`, `chain`, ...),
// derived once from the ops' names, so that an op named after the scheme takes part in them with
// no line here: `i32LtS` -> `i32LtSImm` (immediate form), `brIfI32LtS` (branch form), `i32GeS`
// (negation); `f64Lt` -> `brIfF64Lt`, `brIfNotF64LtImm`; `brIfF64LtImm` -> `brIfF64AddLtImm`;
// `i32LtS` -> `selectI32LtS`; `X` then `t.Y` -> `XThenY` (`XThenSubFrom` with X's result on the right of a subtraction);
// a step or load `X` then `brIfT.Z` -> `XThenBrIfZ`.

extension Op {
    /// Internal ops that share their wasm instruction's name, indexed by `Opcode.rawValue`.
    ///
    /// Numeric and memory ops are declared once in `Op` under the same name as their `Opcode`, so
    /// this table is derived rather than written a second time; a unit test checks that every
    /// fixed-shape scalar opcode finds its op.
    private static let byOpcode: [Op?] = Opcode.allCases.map { byName[String(describing: $0)] }

    /// The op that runs `opcode` when lowering is a one-to-one mapping, else `nil`.
    static func lowering(of opcode: Opcode) -> Op? { byOpcode[Int(opcode.rawValue)] }

    /// Every op by its name.
    private static let byName: [String: Op] = Dictionary(
        uniqueKeysWithValues: Op.allCases.map { (String(describing: $0), $0) })

    /// The form of this binary op that takes its right operand as an immediate word, if there is
    /// one: a wasm numeric op's name and `Imm` (`i32AddImm`, `i64ShrSImm`).
    var immediateForm: Op? { Op.relations.immediateForm[Int(rawValue)] }

    /// For an i32 or i64 comparison (register or immediate form): the compare-and-branch op that
    /// jumps when the comparison holds (`brIfI32LtS`, `brIfI64NeImm`).
    var branchForm: Op? { Op.relations.branchForm[Int(rawValue)] }

    /// For an i32 or i64 comparison (register or immediate form): the compare-and-select op that
    /// picks by it (`selectI32LtS`, `selectI64NeImm`).
    var selectForm: Op? { Op.relations.selectForm[Int(rawValue)] }

    /// For an i32 or i64 comparison (register or immediate form): the comparison that holds exactly
    /// when this one does not (`Eq`/`Ne`, `LtS`/`GeS`, `GtU`/`LeU`, ...).
    var negatedComparison: Op? { Op.relations.negated[Int(rawValue)] }

    /// For a float compare-and-branch op with a constant (`brIfF64GtImm`, `brIfNotF32LeImm`, ...),
    /// the op that tests the sum of two slots the same way (`brIfF64AddGtImm`, ...).
    var addedFloatBranch: Op? { Op.relations.addedFloatBranch[Int(rawValue)] }

    /// Whether the op is float arithmetic on slots (`f64Add`, `f32Sqrt`, `f64MulThenSub`, ...): it
    /// cannot trap, touches no memory, and writes slot `a` only.
    var isFloatArithmetic: Bool { Op.relations.isFloatArithmetic[Int(rawValue)] }

    /// The float compare-and-branch op for the comparison `compare` (`f32Lt`/`f64Lt`, `Gt`, `Le` or
    /// `Ge`) that jumps when it holds (`whenHolds`, `brIf…`) or when it does not (`brIfNot…`), with
    /// the right operand in a slot or an immediate word (`…Imm`); `nil` for other ops.
    static func floatBranch(for compare: Op, whenHolds: Bool, immediate: Bool) -> Op? {
        relations.floatBranch[Int(compare.rawValue) &* 4 &+ (whenHolds ? 2 : 0) &+ (immediate ? 1 : 0)]
    }

    /// The op running `first` and then `second` on its result (as `second`'s left operand if
    /// `resultIsLeft`, else its right), if there is one: `firstThenSecond`, with `…SubFrom` for the
    /// result on the right of a subtraction (every other second operation named in
    /// `Op.commutingOperations` takes the result on either side). A memory-0 load as `first` gives
    /// a load-fused op (`f64LoadThenSub`); a chain as `first`, a chain of three.
    static func chain(first: Op, second: Op, resultIsLeft: Bool) -> Op? {
        relations.chain[pairKey(first, second, resultIsLeft ? 1 : 0)]
    }

    /// The step-and-test op (`i32AddThenBrIfLtUImm`, ...) for a step (`i32AddImm`, `i32Add`) and
    /// the i32 compare-and-branch op `branch` on its sum, if there is one.
    static func stepBranch(step: Op, branch: Op) -> Op? {
        step.isMemoryLoad ? nil : relations.thenBranch[pairKey(step, branch, 0)]
    }

    /// The load-and-branch op for a memory-0 load followed by a branch on the comparison `compare`
    /// of the loaded value with a slot (`Op.i32LoadThenBrIfLtS`, ...), if there is one.
    static func loadBranch(load: Op, compare: Op) -> Op? {
        guard load.isMemoryLoad, let branch = compare.branchForm else { return nil }
        return relations.thenBranch[pairKey(load, branch, 0)]
    }

    /// The second operations of a chain that take the first one's result on either side.
    static let commutingOperations: Set<String> = ["Add", "Mul", "And", "Or", "Xor", "Min", "Max"]

    /// A dictionary key for two ops and a flag.
    private static func pairKey(_ first: Op, _ second: Op, _ flag: UInt32) -> UInt32 {
        UInt32(first.rawValue) << 17 | UInt32(second.rawValue) << 1 | flag
    }

    /// The derived relations, built once from the names.
    private struct Relations {
        var immediateForm = [Op?](repeating: nil, count: Op.allCases.count)
        var branchForm = [Op?](repeating: nil, count: Op.allCases.count)
        var negated = [Op?](repeating: nil, count: Op.allCases.count)
        var selectForm = [Op?](repeating: nil, count: Op.allCases.count)
        var addedFloatBranch = [Op?](repeating: nil, count: Op.allCases.count)
        var isFloatArithmetic = [Bool](repeating: false, count: Op.allCases.count)
        var floatBranch = [Op?](repeating: nil, count: 4 * Op.allCases.count)
        var chain: [UInt32: Op] = [:]
        var thenBranch: [UInt32: Op] = [:]
    }

    /// The relations of every op, read from the names by the scheme in the file's header.
    private static let relations: Relations = {
        var relations = Relations()
        let negations = [("Eq", "Ne"), ("LtS", "GeS"), ("LtU", "GeU"), ("GtS", "LeS"), ("GtU", "LeU")]
        let floatOperations: Set<Substring> = [
            "Add", "Sub", "SubFrom", "Mul", "Div", "Min", "Max", "Sqrt", "Neg", "Abs", "Copysign", "Ceil", "Floor",
            "Trunc", "Nearest", "AddImm", "SubImm", "MulImm", "DivImm",
        ]
        for op in Op.allCases {
            let index = Int(op.rawValue)
            let name = String(describing: op)
            let type = String(name.prefix(3))
            let isInteger = type == "i32" || type == "i64"
            let isFloat = type == "f32" || type == "f64"
            let capitalisedName = name.prefix(1).uppercased() + name.dropFirst()
            if op.info.family == .numeric { relations.immediateForm[index] = byName[name + "Imm"] }
            if isInteger {
                relations.branchForm[index] = byName["brIf" + capitalisedName]
                relations.selectForm[index] = byName["select" + capitalisedName]
                let isImmediate = name.hasSuffix("Imm")
                let core = String(name.dropFirst(3).dropLast(isImmediate ? 3 : 0))
                for (first, second) in negations {
                    if let other = core == first ? second : core == second ? first : nil {
                        relations.negated[index] = byName[type + other + (isImmediate ? "Imm" : "")]
                    }
                }
            }
            if isFloat {
                relations.isFloatArithmetic[index] = name.dropFirst(3).split(separator: "Then").allSatisfy {
                    floatOperations.contains($0)
                }
                for (whenHolds, prefix) in [(false, "brIfNot"), (true, "brIf")] {
                    for (immediate, suffix) in [(false, ""), (true, "Imm")] {
                        relations.floatBranch[index * 4 + (whenHolds ? 2 : 0) + (immediate ? 1 : 0)] =
                            byName[prefix + capitalisedName + suffix]
                    }
                }
            }
            for prefix in ["brIfNotF", "brIfF"] where name.hasPrefix(prefix) && name.hasSuffix("Imm") {
                let typeEnd = name.index(name.startIndex, offsetBy: prefix.count + 2)
                relations.addedFloatBranch[index] = byName[name[..<typeEnd] + "Add" + name[typeEnd...]]
                break
            }
            // `XThenY`: the last `Then` splits the first op from the second operation.
            guard isInteger || isFloat, let then = name.ranges(of: "Then").last,
                let first = byName[String(name[..<then.lowerBound])]
            else { continue }
            let secondName = String(name[then.upperBound...])
            if secondName.hasPrefix("BrIf") {
                let typeName = type.prefix(1).uppercased() + type.dropFirst()
                if let branch = byName["brIf" + typeName + secondName.dropFirst(4)] {
                    relations.thenBranch[pairKey(first, branch, 0)] = op
                }
            } else if secondName.hasSuffix("From"), let second = byName[type + secondName.dropLast(4)] {
                relations.chain[pairKey(first, second, 0)] = op
            } else if let second = byName[type + secondName] {
                relations.chain[pairKey(first, second, 1)] = op
                if commutingOperations.contains(secondName) { relations.chain[pairKey(first, second, 0)] = op }
            }
        }
        return relations
    }()

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

    /// Whether the op is itself a chain of two register operations (`f64AddThenMul`, ...).
    var isChain: Bool { info.family == .chain }

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
