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
        for name in ["Eq", "Ne", "LtS", "LtU", "GtS", "GtU", "LeS", "LeU", "GeS", "GeU"] {
            for suffix in ["", "Imm"] {
                let op = Op.allCases.first { String(describing: $0) == "i32" + name + suffix }
                #expect(op?.branchForm != nil, "i32\(name)\(suffix)")
                #expect(op?.negatedComparison?.negatedComparison == op, "i32\(name)\(suffix)")
                #expect(op?.hasImmediateOperand == (suffix == "Imm"))
            }
        }
        #expect(Op.i32Add.immediateForm == .i32AddImm)
        #expect(Op.i64ShrS.immediateForm == .i64ShrSImm)
        #expect(Op.i32Rotl.immediateForm == .i32RotlImm)
        #expect(Op.i64Rotr.immediateForm == .i64RotrImm)
        #expect(Op.i32DivS.immediateForm == nil)
        #expect(Op.i32Add.branchForm == nil)
    }
}
