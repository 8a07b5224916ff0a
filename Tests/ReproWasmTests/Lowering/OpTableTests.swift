import Testing

@testable import ReproWasm

/// The internal op set is derived from the opcode table by name; these tests fail when a row has no
/// op to run it, or when the superinstruction relations are inconsistent.
@Suite struct OpTableTests {
    /// Every fixed-shape scalar instruction lowers one-to-one (SIMD goes through `Op.simd`).
    @Test func everyFixedScalarOpcodeHasAnOp() {
        let missing = Opcode.allCases.filter { opcode in
            guard case .fixed = opcode.info.shape, opcode.info.feature != .simd else { return false }
            if [
                .i32Const, .i64Const, .f32Const, .f64Const, .memorySize, .memoryGrow, .memoryFill, .memoryCopy,
                .memoryInit, .dataDrop, .tableInit, .tableCopy, .elemDrop, .nop,
            ].contains(opcode) {
                return false  // lowered by hand in the validator
            }
            return Op.lowering(of: opcode) == nil
        }
        #expect(missing.isEmpty, "no op for \(missing.map { "\($0.info.mnemonic)" })")
    }

    @Test func comparisonsHaveBranchFormsAndNegations() {
        for type in ["i32", "i64"] {
            for name in ["Eq", "Ne", "LtS", "LtU", "GtS", "GtU", "LeS", "LeU", "GeS", "GeU"] {
                for suffix in ["", "Imm"] {
                    let op = Op.allCases.first { String(describing: $0) == type + name + suffix }
                    #expect(op?.branchForm != nil, "\(type)\(name)\(suffix)")
                    #expect(op?.negatedComparison?.negatedComparison == op, "\(type)\(name)\(suffix)")
                    #expect(op?.hasImmediateOperand == (suffix == "Imm"))
                }
            }
        }
        #expect(Op.i32Add.immediateForm == .i32AddImm)
        #expect(Op.i64ShrS.immediateForm == .i64ShrSImm)
        #expect(Op.i32Rotl.immediateForm == .i32RotlImm)
        #expect(Op.i64Rotr.immediateForm == .i64RotrImm)
        #expect(Op.i32DivS.immediateForm == nil)
        #expect(Op.i32Add.branchForm == nil)
        #expect(Op.chain(first: .f64Mul, second: .f64Sub, resultIsLeft: false) == .f64MulThenSubFrom)
        #expect(Op.chain(first: .f64AddThenMul, second: .f64Add, resultIsLeft: true) == .f64AddThenMulThenAdd)
        #expect(Op.chain(first: .i32Sub, second: .i32Sub, resultIsLeft: true) == nil)
        #expect(Op.stepBranch(step: .i32AddImm, branch: .brIfI32LtUImm) == .i32AddImmThenBrIfLtUImm)
        #expect(Op.stepBranch(step: .i32Load, branch: .brIfI32LtS) == nil)
        #expect(Op.loadBranch(load: .i32Load8U, compare: .i32Ne) == .i32Load8UThenBrIfNe)
        #expect(Op.loadBranch(load: .i32Load, compare: .i32LtU) == nil)
        #expect(Op.brIfNotF64GeImm.addedFloatBranch == .brIfNotF64AddGeImm)
    }

    /// Every op has a handler, it is `exit` exactly for the ops the table puts on the slow path,
    /// no two threaded ops share one, and the handler table is the rows' handlers.
    @Test func everyOpHasAHandlerMatchingItsDispatch() {
        let exit = unsafeBitCast(ThreadedHandlers.exit, to: UInt.self)
        var owners: [UInt: Op] = [:]
        for op in Op.allCases {
            let handler = unsafeBitCast(op.info.handler, to: UInt.self)
            #expect((handler == exit) == (op.info.dispatch == .slowPath), "\(op)")
            #expect(unsafeBitCast(ThreadedState.handlers[Int(op.rawValue)], to: UInt.self) == handler, "\(op)")
            if handler != exit, let other = owners.updateValue(op, forKey: handler) {
                Issue.record("\(op) and \(other) share a handler")
            }
        }
        #expect(Op.i32Add.info.dispatch == .threaded)
        #expect(Op.memoryGrow.info.dispatch == .slowPath)
    }

    /// Every op has a length, and the disassembler's decoding of its operands consumes exactly that.
    @Test(arguments: [Opcode.i32x4Add, .v128Load, .i8x16Shuffle])
    func disassemblerConsumesEachOpsLength(simdOpcode: Opcode) {
        for op in Op.allCases {
            // Word 1: two targets for `brTable`; word 2: the opcode of an `Op.simd` layout.
            let code: [UInt64] = [UInt64(op.rawValue), 2, UInt64(simdOpcode.rawValue), 0, 0, 0]
            code.withUnsafeBufferPointer { code in
                let length = op.wordCount(at: code.baseAddress!)
                let decoded = Disassembler.operands(of: op, at: code.baseAddress!)
                #expect(decoded.wordCount == length, "\(op)")
                if let fixed = op.info.fixedWordCount { #expect(fixed == length, "\(op)") }
            }
        }
    }

    /// The variable lengths: `brTable` by its target count, `Op.simd` by its opcode.
    @Test func variableLengths() {
        let table: [UInt64] = [UInt64(Op.brTable.rawValue), 3, 0, 0, 0, 0]
        table.withUnsafeBufferPointer { #expect(Op.brTable.wordCount(at: $0.baseAddress!) == 6) }
        for (opcode, words) in [(Opcode.i32x4Add, 3), (.v128Load, 4), (.i8x16Shuffle, 5)] {
            let code: [UInt64] = [UInt64(Op.simd.rawValue), 0, UInt64(opcode.rawValue)]
            code.withUnsafeBufferPointer { #expect(Op.simd.wordCount(at: $0.baseAddress!) == words) }
        }
        #expect(Op.i32LoadThenBrIfNe.info.fixedWordCount == 4)
        #expect(Op.move64.info.fixedWordCount == 3)
        #expect(Op.i32Add.info.fixedWordCount == 1)
    }

    /// Which ops may go on elsewhere than the next instruction (the rest are checked against their
    /// length whenever an unoptimised build runs them).
    @Test func jumpingOps() {
        let jumping = Op.allCases.filter(\.mayJump)
        for op in [Op.jump, .br, .brIf, .brTable, .brIfI32LtSImm, .i32AddThenBrIfNe, .i32LoadThenBrIfNe, .callLocal] {
            #expect(jumping.contains(op), "\(op)")
        }
        for op in [Op.i32Add, .count, .zeroLocals, .const128, .move64, .simd, .i32AddImmPair] {
            #expect(!jumping.contains(op), "\(op)")
        }
    }

    /// The emitter's layout check accepts whole instructions with trapping ops mapped, and refuses
    /// a stray word or an unmapped op that may trap.
    @Test func emitterLayoutCheck() {
        var emitter = CodeEmitter()
        emitter.emitPure(.const64, destination: 2)
        emitter.emitImmediate(7)
        emitter.emitEffect(.i32DivS, destination: 3, 2, 2)
        emitter.emitPure(.return, 0)
        #expect(emitter.layoutIsConsistent())
        emitter.emitImmediate(0)  // a word no instruction owns
        #expect(!emitter.layoutIsConsistent())

        var unmapped = CodeEmitter()
        unmapped.emitPure(.i32DivS, destination: 3, 2, 2)  // may trap, but no source-map entry
        #expect(!unmapped.layoutIsConsistent())
    }

    /// Lowered code of a module with fused ops walks exactly by the table's lengths.
    @Test func loweredCodeFollowsTheTable() throws {
        let module = try Module(
            wat: """
                (module (memory 1)
                  (func (export "f") (param i32 i32) (result i32) (local i32)
                    (loop
                      (local.set 2 (i32.add (local.get 2) (i32.load8_u (local.get 0))))
                      (local.set 0 (i32.add (local.get 0) (i32.const 1)))
                      (br_if 0 (i32.lt_u (local.get 0) (local.get 1))))
                    (block (br_table 0 0 0 (local.get 1)))
                    (local.get 2)))
                """)
        let listing = module.codeListing.split(separator: "\n").dropFirst()
        #expect(listing.contains { $0.contains("brTable") })
        #expect(!listing.contains { $0.contains("bad word") })
    }

    /// The superinstruction relations are derived from the names in `Op+Lowering.swift`; they must
    /// agree with the naming scheme the ops follow (`i32LtS` -> `i32LtSImm`, `brIfI32LtS`, `i32GeS`;
    /// `brIfF64LtImm` -> `brIfF64AddLtImm`), which this test applies to every op by name.
    @Test func relationsFollowTheNamingScheme() {
        let byName = Dictionary(uniqueKeysWithValues: Op.allCases.map { (String(describing: $0), $0) })
        let pairs = [("Eq", "Ne"), ("LtS", "GeS"), ("LtU", "GeU"), ("GtS", "LeS"), ("GtU", "LeU")]
        for op in Op.allCases {
            let name = String(describing: op)
            // Only wasm numeric ops are asked for an immediate form (by `emitNumeric`).
            let immediateForm = op.info.family == .numeric ? byName[name + "Imm"] : nil
            #expect(op.immediateForm == immediateForm, "\(op)")
            let isImmediate = name.hasSuffix("Imm")
            var branchForm: Op?
            var negated: Op?
            if name.hasPrefix("i32") || name.hasPrefix("i64") {
                let type = String(name.prefix(3))
                branchForm = byName["brIfI" + name.dropFirst()]
                let core = String(name.dropFirst(3).dropLast(isImmediate ? 3 : 0))
                for (first, second) in pairs {
                    if let other = core == first ? second : core == second ? first : nil {
                        negated = byName[type + other + (isImmediate ? "Imm" : "")]
                    }
                }
            }
            #expect(op.branchForm == branchForm, "\(op)")
            #expect(op.negatedComparison == negated, "\(op)")
            if branchForm != nil { #expect(op.hasImmediateOperand == isImmediate, "\(op)") }
            var added: Op?
            if name.hasPrefix("brIf"), name.hasSuffix("Imm"), let range = name.firstRange(of: "F64") {
                added = byName[name[..<range.lowerBound] + "F64Add" + name[range.upperBound...]]
            }
            #expect(op.addedFloatBranch == added, "\(op)")
        }
        for (compare, suffix) in [
            (Op.f64Lt, "F64Lt"), (.f64Gt, "F64Gt"), (.f64Le, "F64Le"), (.f64Ge, "F64Ge"),
            (.f32Lt, "F32Lt"), (.f32Gt, "F32Gt"), (.f32Le, "F32Le"), (.f32Ge, "F32Ge"),
        ] {
            for whenHolds in [true, false] {
                for immediate in [true, false] {
                    let name = (whenHolds ? "brIf" : "brIfNot") + suffix + (immediate ? "Imm" : "")
                    #expect(Op.floatBranch(for: compare, whenHolds: whenHolds, immediate: immediate) == byName[name])
                }
            }
        }
        #expect(Op.floatBranch(for: .f64Eq, whenHolds: true, immediate: false) == nil)
    }

    /// `Op.chain` and `isFloatArithmetic` are derived from the names; they must agree with the names of the
    /// chained ops (`f64SubThenSubFrom` is f64Sub then f64Sub with the result on the right, every
    /// other second operation takes the result on either side; `f64AddThenMulThenAdd` is
    /// `f64AddThenMul` then f64Add), which this test reads for every pair of ops.
    @Test func chainsFollowTheNamingScheme() {
        let byName = Dictionary(uniqueKeysWithValues: Op.allCases.map { (String(describing: $0), $0) })
        var expected: [String: Op] = [:]
        func key(_ first: Op, _ second: Op, _ left: Bool) -> String { "\(first) \(second) \(left)" }
        for op in Op.allCases {
            let name = String(describing: op)
            guard let then = name.ranges(of: "Then").last else { continue }
            let type = String(name.prefix(3))
            let firstName = String(name[name.index(name.startIndex, offsetBy: 3)..<then.lowerBound])
            let secondName = String(name[then.upperBound...])
            guard let first = byName[type + firstName] else { continue }
            if secondName == "SubFrom" {
                if let second = byName[type + "Sub"] { expected[key(first, second, false)] = op }
            } else if let second = byName[type + secondName] {
                expected[key(first, second, true)] = op
                if secondName != "Sub" { expected[key(first, second, false)] = op }
            }
        }
        var mismatches: [String] = []
        for first in Op.allCases {
            for second in Op.allCases {
                for left in [true, false]
                where Op.chain(first: first, second: second, resultIsLeft: left)
                    != expected[key(first, second, left)]
                {
                    mismatches.append(key(first, second, left))
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(expected.count > 100)

        let operations: Set<Substring> = [
            "Add", "Sub", "SubFrom", "Mul", "Div", "Min", "Max", "Sqrt", "Neg", "Abs", "Copysign", "Ceil", "Floor",
            "Trunc", "Nearest", "AddImm", "SubImm", "MulImm", "DivImm",
        ]
        for op in Op.allCases {
            let name = String(describing: op)
            let isFloatArithmetic =
                (name.hasPrefix("f64") || name.hasPrefix("f32"))
                && name.dropFirst(3).split(separator: "Then").allSatisfy { operations.contains($0) }
            #expect(op.isFloatArithmetic == isFloatArithmetic, "\(op)")
        }
    }
}
