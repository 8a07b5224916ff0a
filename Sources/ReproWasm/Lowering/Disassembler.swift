/// Renders internal code as text, one instruction per line: for `repro-wasm inspect --code` and for
/// looking at what lowering produced when tuning it.
enum Disassembler {
    /// The immediate words of the instruction at `code` (whose op is `op`) as text, and how many
    /// words the instruction takes, head included. Decoded by the op's `OperandLayout`, so an op
    /// without a layout cannot be listed, and `OpTableTests` checks the count against `wordCount`.
    static func operands(of op: Op, at code: UnsafePointer<UInt64>) -> (text: [String], wordCount: Int) {
        func number(_ index: Int) -> String {
            let value = code[index]
            return Int64(bitPattern: value) < 0 ? "\(Int64(bitPattern: value))" : "\(value)"
        }
        switch op.info.layout {
        case .head:
            return ([], 1)
        case .one:
            return ([number(1)], 2)
        case .two:
            return ([number(1), number(2)], 3)
        case .three:
            return ([number(1), number(2), number(3)], 4)
        case .branchTable:
            // Word 1 is the number of targets; the default follows them.
            let targets = Int(truncatingIfNeeded: code[1])
            return ((1...targets + 2).map(number), targets + 3)
        case .simd:
            // Word 1, the handler's address, is left out; word 2 names the opcode.
            guard let opcode = Opcode(rawValue: UInt16(truncatingIfNeeded: code[2])) else {
                return ([number(1), number(2)], 3)
            }
            let count = Op.simdWordCount(of: opcode)
            return ((2..<count).map(number), count)
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
            let (immediates, wordCount) = operands(of: op, at: code + position)
            var name = "\(op)"
            // An `Op.simd` is shown by its opcode's name.
            if op.info.layout == .simd, let opcode = Opcode(rawValue: UInt16(truncatingIfNeeded: code[position + 2])) {
                name += " \(opcode.info.mnemonic)"
            }
            var text = "\(position): \(name) a=\(a(word)) b=\(b(word)) c=\(c(word))"
            if !immediates.isEmpty { text += " [\(immediates.joined(separator: ", "))]" }
            lines.append(text)
            position += wordCount
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
