/// Renders internal code as text, one instruction per line: for `repro-wasm inspect --code` and for
/// looking at what lowering produced when tuning it.
enum Disassembler {
    /// How many immediate words follow the head word of `op` (`brTable`: plus its targets).
    static func immediateCount(_ op: Op, code: UnsafePointer<UInt64>) -> Int {
        switch op {
        case .jump, .br, .brIf, .brIfNot, .callIndirect, .returnCall, .const64, .select, .select128, .memoryAccess,
            .i32AddImmAndCopy, .i32AddImmPair, .copy2, .f64AddToMemory, .f64SubFromMemory:
            1
        case .returnCallIndirect, .const128, .move8, .move16, .move32, .move64, .i32AddImmThenBrIf:
            2
        case _ where op.isStepBranch: 2
        case .brTable: 1 + Int(code[1]) + 1
        case .i32LoadThenBrIfLtS, .i32LoadThenBrIfGtS, .i32LoadThenBrIfNe, .i32Load8UThenBrIfLtS,
            .i32Load8UThenBrIfGtS, .i32Load8UThenBrIfNe:
            3
        case _
        where String(describing: op).hasPrefix("brIfI32")
            || String(describing: op).contains("F64")
                && String(describing: op).hasPrefix("brIf"):
            op.hasImmediateOperand ? 2 : 1
        case _ where op.hasImmediateOperand: 1
        case _ where String(describing: op).contains("Then"): 1
        case _ where op.isSIMD:
            Opcode(rawValue: UInt16(truncatingIfNeeded: code[2])).map { Op.simdWordCount(of: $0) - 1 } ?? 2
        case .i32Load, .i64Load, .f32Load, .f64Load, .i32Load8S, .i32Load8U, .i32Load16S, .i32Load16U, .i64Load8S,
            .i64Load8U, .i64Load16S, .i64Load16U, .i64Load32S, .i64Load32U, .i32Store, .i64Store, .f32Store, .f64Store,
            .i32Store8, .i32Store16, .i64Store8, .i64Store16, .i64Store32, .store8Imm, .store16Imm, .store32Imm,
            .store64Imm:
            1
        default: 0
        }
    }

    static func listing(_ code: UnsafePointer<UInt64>, count: Int) -> [String] {
        var lines: [String] = []
        var position = 0
        while position < count {
            let word = code[position]
            guard let op = Op(rawValue: UInt16(truncatingIfNeeded: word)) else {
                lines.append("\(position): <bad word 0x\(String(word, radix: 16))>")
                position += 1
                continue
            }
            let extra = immediateCount(op, code: code + position)
            var name = "\(op)"
            // An `Op.simd` is shown by its opcode's name; word 1, the handler's address, is left out.
            var firstImmediate = 1
            if op.isSIMD, extra > 1, let opcode = Opcode(rawValue: UInt16(truncatingIfNeeded: code[position + 2])) {
                name += " \(opcode.info.mnemonic)"
                firstImmediate = 2
            }
            var text = "\(position): \(name) a=\(a(word)) b=\(b(word)) c=\(c(word))"
            if extra > 0 {
                let immediates = (firstImmediate...extra).map { index -> String in
                    let value = code[position + index]
                    return Int64(bitPattern: value) < 0 ? "\(Int64(bitPattern: value))" : "\(value)"
                }
                text += " [\(immediates.joined(separator: ", "))]"
            }
            lines.append(text)
            position += 1 + extra
        }
        return lines
    }
}

extension Module {
    /// The internal code of each defined function, for `repro-wasm inspect --code`.
    public var codeListing: String {
        let validated = self.validated
        var text: [String] = []
        let imported = validated.functionTypeIndices.count - validated.functions.count
        for (position, info) in validated.functions.enumerated() {
            if validated.lazyContext != nil {
                // Not lowered when it loaded: lowered here, as its first call would.
                let lowered = LoweredFunction(lowering: position, of: validated)
                text.append(
                    "function \(imported + position): params \(lowered.info.parameterSlots) locals \(lowered.info.localSlots) frame \(lowered.info.frameSlots) slots"
                )
                text += Disassembler.listing(UnsafePointer(lowered.code), count: lowered.wordCount).map { "  " + $0 }
                continue
            }
            let end =
                position + 1 < validated.functions.count
                ? validated.functions[position + 1].codeOffset : validated.code.count
            let index = UInt32(imported + position)
            let name = validated.parsed.names?.functionNames[index].map { " \"\($0)\"" } ?? ""
            text.append(
                "function \(index)\(name): params \(info.parameterSlots) locals \(info.localSlots) frame \(info.frameSlots) slots"
            )
            text += Disassembler.listing(
                UnsafePointer(validated.code.base + info.codeOffset), count: end - info.codeOffset
            )
            .map { "  " + $0 }
        }
        return text.joined(separator: "\n")
    }
}
