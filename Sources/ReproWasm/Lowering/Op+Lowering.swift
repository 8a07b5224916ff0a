extension Op {
    /// Internal ops that share their wasm instruction's name, indexed by `Opcode.rawValue`.
    ///
    /// Numeric and memory ops are declared once in `Op` under the same name as their `Opcode`, so
    /// this table is derived rather than written a second time; a unit test checks that every
    /// fixed-shape scalar opcode finds its op.
    private static let byOpcode: [Op?] = {
        var byName: [String: Op] = [:]
        for op in Op.allCases { byName[String(describing: op)] = op }
        return Opcode.allCases.map { byName[String(describing: $0)] }
    }()

    /// The op that runs `opcode` when lowering is a one-to-one mapping, else `nil`.
    static func lowering(of opcode: Opcode) -> Op? { byOpcode[Int(opcode.rawValue)] }

    /// The words an `Op.simd` instruction running `opcode` takes, head word included (see `Op.simd`).
    static func simdWordCount(of opcode: Opcode) -> Int {
        if opcode == .i8x16Shuffle { return 4 }
        return opcode.info.accessBytes > 0 ? 3 : 2
    }

    /// Whether the op may trap (it then ends pending count folding; see `CodeEmitter`).
    var canTrap: Bool {
        switch self {
        case .i32DivS, .i32DivU, .i32RemS, .i32RemU, .i64DivS, .i64DivU, .i64RemS, .i64RemU,
            .i32TruncF32S, .i32TruncF32U, .i32TruncF64S, .i32TruncF64U,
            .i64TruncF32S, .i64TruncF32U, .i64TruncF64S, .i64TruncF64U:
            true
        default:
            false
        }
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
}
