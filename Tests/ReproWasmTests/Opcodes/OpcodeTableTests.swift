import Testing

@testable import ReproWasm

/// Checks the opcode table against the spec and the determinism contract.
@Suite struct OpcodeTableTests {
    /// `docs/DETERMINISM.md` §2: the 48 operators whose NaN results are canonicalised.
    static let canonicalizing: Set<String> = {
        var names: Set<String> = [
            "f32.demote_f64", "f64.promote_f32", "f32x4.demote_f64x2_zero", "f64x2.promote_low_f32x4",
        ]
        for type in ["f32", "f64", "f32x4", "f64x2"] {
            for op in ["add", "sub", "mul", "div", "min", "max", "sqrt", "ceil", "floor", "trunc", "nearest"] {
                names.insert("\(type).\(op)")
            }
        }
        return names
    }()

    /// `docs/DETERMINISM.md` §3: the instructions that add to the counter.
    static let counted: Set<String> = [
        "block", "loop", "if", "else", "end", "br", "br_if", "br_table", "return", "return_call",
        "return_call_indirect", "try_table", "throw", "throw_ref", "return_call_ref", "br_on_null", "br_on_non_null",
    ]

    /// Encodings sort single bytes first, then by prefix and sub-opcode.
    static func sortKey(_ encoding: Encoding) -> UInt64 {
        switch encoding {
        case .byte(let byte): UInt64(byte)
        case .prefixed(let prefix, let sub): UInt64(prefix) << 32 | UInt64(sub)
        }
    }

    static func mnemonic(_ opcode: Opcode) -> String { "\(opcode.info.mnemonic)" }

    @Test func rowsAreIndexedByRawValue() {
        #expect(OpcodeTable.rows.count == Opcode.allCases.count)
        for (index, opcode) in Opcode.allCases.enumerated() {
            #expect(Int(opcode.rawValue) == index)
        }
    }

    @Test func casesAreInEncodingOrder() {
        let keys = Opcode.allCases.map { Self.sortKey($0.info.encoding) }
        #expect(keys == keys.sorted())
    }

    @Test func encodingsAreUnique() {
        #expect(Set(Opcode.allCases.map(\.info.encoding)).count == Opcode.allCases.count)
    }

    @Test func everyEncodingLooksUpToItsCase() {
        for opcode in Opcode.allCases {
            switch opcode.info.encoding {
            case .byte(let byte):
                #expect(OpcodeLookup.opcode(forByte: byte) == opcode)
                #expect(!OpcodeLookup.isPrefix(byte))
                #expect(OpcodeLookup.unsupportedFeature(forByte: byte) == nil)
            case .prefixed(let prefix, let sub):
                #expect(OpcodeLookup.opcode(prefix: prefix, subOpcode: sub) == opcode)
                #expect(OpcodeLookup.isPrefix(prefix))
                #expect(OpcodeLookup.opcode(forByte: prefix) == nil)
                #expect(OpcodeLookup.unsupportedFeature(prefix: prefix, subOpcode: sub) == nil)
            }
        }
    }

    @Test func lookupsRejectUnassignedEncodings() {
        #expect(OpcodeLookup.prefixes == [0xFC, 0xFD])
        #expect(OpcodeLookup.opcode(forByte: 0x27) == nil)
        #expect(OpcodeLookup.opcode(forByte: 0xFF) == nil)
        #expect(OpcodeLookup.opcode(prefix: 0xFC, subOpcode: 18) == nil)
        #expect(OpcodeLookup.opcode(prefix: 0xFC, subOpcode: 23) == nil)
        #expect(OpcodeLookup.opcode(prefix: 0xFC, subOpcode: .max) == nil)
        #expect(OpcodeLookup.opcode(prefix: 0xFD, subOpcode: 0x9A) == nil)
        #expect(OpcodeLookup.opcode(prefix: 0xFD, subOpcode: 0x100) == nil)
        #expect(OpcodeLookup.opcode(prefix: 0xFE, subOpcode: 0) == nil)
        #expect(OpcodeLookup.opcode(prefix: 0x6A, subOpcode: 0) == nil)
    }

    @Test(arguments: [
        (0x06 as UInt8, Feature.legacyExceptions), (0x07, .legacyExceptions), (0x09, .legacyExceptions),
        (0x18, .legacyExceptions), (0x19, .legacyExceptions), (0xD3, .gc),
        (0xE0, .stackSwitching), (0xE6, .stackSwitching), (0xFB, .gc), (0xFE, .threads),
    ])
    func recognisesUnsupportedBytes(byte: UInt8, feature: Feature) {
        #expect(OpcodeLookup.opcode(forByte: byte) == nil)
        #expect(OpcodeLookup.unsupportedFeature(forByte: byte) == feature)
        #expect(!feature.isImplemented)
    }

    @Test func recognisesUnsupportedPrefixedOpcodes() {
        #expect(OpcodeLookup.unsupportedFeature(prefix: 0xFE, subOpcode: 0x10) == .threads)
        #expect(OpcodeLookup.unsupportedFeature(prefix: 0xFB, subOpcode: 0) == .gc)
        #expect(OpcodeLookup.unsupportedFeature(prefix: 0xFD, subOpcode: 0x100) == .relaxedSimd)
        #expect(OpcodeLookup.unsupportedFeature(prefix: 0xFD, subOpcode: 0x113) == .relaxedSimd)
        #expect(OpcodeLookup.unsupportedFeature(prefix: 0xFD, subOpcode: 0x114) == nil)
        #expect(OpcodeLookup.unsupportedFeature(prefix: 0xFD, subOpcode: 0x9A) == nil)
        #expect(OpcodeLookup.unsupportedFeature(prefix: 0xFC, subOpcode: 18) == nil)
        #expect(OpcodeLookup.unsupportedFeature(forByte: 0x27) == nil)
    }

    @Test func mnemonicsAreUnique() {
        // Typed `select` (0x1C) is written `select (result t)`: the one shared mnemonic.
        let mnemonics = Opcode.allCases.filter { $0 != .selectTyped }.map(Self.mnemonic)
        #expect(Set(mnemonics).count == mnemonics.count)
        #expect(Self.mnemonic(.selectTyped) == "select")
    }

    @Test func caseNamesFollowTheMnemonics() {
        for opcode in Opcode.allCases where opcode != .selectTyped {
            let parts = Self.mnemonic(opcode).split(whereSeparator: { $0 == "." || $0 == "_" })
            let expected = parts[0] + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            #expect("\(opcode)" == expected, "\(opcode.encodingDescription)")
        }
    }

    @Test func canonicalisingSetMatchesTheContract() {
        let names = Set(Opcode.allCases.filter(\.info.canonicalizesNaN).map(Self.mnemonic))
        #expect(Self.canonicalizing.count == 48)
        #expect(names == Self.canonicalizing)
    }

    @Test func countedSetMatchesTheContract() {
        let names = Set(Opcode.allCases.filter(\.info.isCounted).map(Self.mnemonic))
        #expect(Self.counted.count == 17)
        #expect(names == Self.counted)
    }

    @Test func memoryInstructionsHaveAccessSizes() {
        for opcode in Opcode.allCases {
            let info = opcode.info
            switch info.immediates {
            case .memarg, .memargLane:
                #expect([1, 2, 4, 8, 16].contains(info.accessBytes), "\(opcode)")
                guard case .fixed(let signature) = info.shape else {
                    Issue.record("\(opcode) has no fixed signature")
                    continue
                }
                #expect(signature.inputCount >= 1 && signature.input(0) == .i32, "\(opcode): address first")
            default:
                #expect(info.accessBytes == 0, "\(opcode)")
            }
        }
    }

    @Test func laneInstructionsHaveLaneCounts() {
        for opcode in Opcode.allCases {
            let info = opcode.info
            switch info.immediates {
            case .laneIndex, .memargLane: #expect([2, 4, 8, 16].contains(info.laneCount), "\(opcode)")
            default: #expect(info.laneCount == 0, "\(opcode)")
            }
        }
        #expect(Opcode.i8x16ExtractLaneU.info.laneCount == 16)
        #expect(Opcode.i16x8ReplaceLane.info.laneCount == 8)
        #expect(Opcode.f32x4ExtractLane.info.laneCount == 4)
        #expect(Opcode.f64x2ReplaceLane.info.laneCount == 2)
        #expect(Opcode.v128Load8Lane.info.laneCount == 16)
        #expect(Opcode.v128Store64Lane.info.laneCount == 2)
    }

    @Test func accessSizeSpotChecks() {
        #expect(Opcode.i32Load8S.info.accessBytes == 1)
        #expect(Opcode.i64Load32U.info.accessBytes == 4)
        #expect(Opcode.f64Load.info.accessBytes == 8)
        #expect(Opcode.v128Load.info.accessBytes == 16)
        #expect(Opcode.v128Load8x8S.info.accessBytes == 8)
        #expect(Opcode.v128Load16Splat.info.accessBytes == 2)
        #expect(Opcode.v128Load32Zero.info.accessBytes == 4)
        #expect(Opcode.v128Load64Lane.info.accessBytes == 8)
        #expect(Opcode.i64Store16.info.accessBytes == 2)
    }

    @Test func opcodeCountsPerFeature() {
        var counts: [Feature: Int] = [:]
        for opcode in Opcode.allCases { counts[opcode.info.feature, default: 0] += 1 }
        #expect(counts[.simd] == 236)  // 0xFD 0...255 minus 20 unassigned sub-opcodes
        #expect(counts[.mvp] == 172)
        #expect(counts[.signExtension] == 5)
        #expect(counts[.nonTrappingFloatToInt] == 8)
        #expect(counts[.bulkMemory] == 7)
        #expect(counts[.referenceTypes] == 9)
        #expect(counts[.tailCalls] == 2)
        #expect(counts[.wideArithmetic] == 4)
        #expect(counts[.exceptions] == 3)  // try_table, throw, throw_ref
        // call_ref, return_call_ref, ref.as_non_null, br_on_null, br_on_non_null
        #expect(counts[.functionReferences] == 5)
        #expect(counts.keys.allSatisfy { $0.isImplemented })
        #expect(Opcode.allCases.count == 451)
    }

    @Test(arguments: [
        (Opcode.unreachable, Encoding.byte(0x00)), (.end, .byte(0x0B)), (.brTable, .byte(0x0E)),
        (.returnCallIndirect, .byte(0x13)), (.selectTyped, .byte(0x1C)), (.tableSet, .byte(0x26)),
        (.i64Load32U, .byte(0x35)), (.i64Store32, .byte(0x3E)), (.memoryGrow, .byte(0x40)),
        (.i32Add, .byte(0x6A)), (.f64Div, .byte(0xA3)), (.f64PromoteF32, .byte(0xBB)),
        (.i64ExtendI32S, .byte(0xAC)), (.f64ReinterpretI64, .byte(0xBF)), (.i64Extend32S, .byte(0xC4)),
        (.refFunc, .byte(0xD2)), (.i64TruncSatF64U, .prefixed(0xFC, 7)), (.memoryFill, .prefixed(0xFC, 11)),
        (.tableFill, .prefixed(0xFC, 17)), (.i64Add128, .prefixed(0xFC, 19)), (.i64MulWideU, .prefixed(0xFC, 22)),
        (.v128Store, .prefixed(0xFD, 11)), (.v128Load8Lane, .prefixed(0xFD, 0x54)),
        (.v128Load64Zero, .prefixed(0xFD, 0x5D)), (.f32x4DemoteF64x2Zero, .prefixed(0xFD, 0x5E)),
        (.f64x2PromoteLowF32x4, .prefixed(0xFD, 95)), (.f32x4Ceil, .prefixed(0xFD, 0x67)),
        (.f64x2Ceil, .prefixed(0xFD, 0x74)), (.i16x8ExtaddPairwiseI8x16S, .prefixed(0xFD, 0x7C)),
        (.i16x8Q15mulrSatS, .prefixed(0xFD, 0x82)), (.v128AnyTrue, .prefixed(0xFD, 83)),
        (.i32x4DotI16x8S, .prefixed(0xFD, 186)), (.i64x2AllTrue, .prefixed(0xFD, 195)),
        (.i64x2Eq, .prefixed(0xFD, 0xD6)), (.i64x2GeS, .prefixed(0xFD, 0xDB)),
        (.i32x4TruncSatF32x4S, .prefixed(0xFD, 0xF8)), (.f64x2ConvertLowI32x4U, .prefixed(0xFD, 0xFF)),
    ])
    func encodingSpotChecks(opcode: Opcode, encoding: Encoding) {
        #expect(opcode.info.encoding == encoding)
    }

    @Test func signatureSpotChecks() {
        func signature(_ opcode: Opcode) -> ([ValueType], ValueType?)? {
            guard case .fixed(let s) = opcode.info.shape else { return nil }
            return ((0..<Int(s.inputCount)).map(s.input), s.output)
        }
        #expect(signature(.i32Add)! == ([.i32, .i32], .i32))
        #expect(signature(.i64Eq)! == ([.i64, .i64], .i32))
        #expect(signature(.i64Eqz)! == ([.i64], .i32))
        #expect(signature(.f32Store)! == ([.i32, .f32], nil))
        #expect(signature(.memorySize)! == ([], .i32))
        #expect(signature(.memoryCopy)! == ([.i32, .i32, .i32], nil))
        #expect(signature(.v128Load16Lane)! == ([.i32, .v128], .v128))
        #expect(signature(.v128Store32Lane)! == ([.i32, .v128], nil))
        #expect(signature(.i16x8ExtractLaneS)! == ([.v128], .i32))
        #expect(signature(.f64x2ReplaceLane)! == ([.v128, .f64], .v128))
        #expect(signature(.i64x2ShrU)! == ([.v128, .i32], .v128))
        #expect(signature(.v128Bitselect)! == ([.v128, .v128, .v128], .v128))
        #expect(signature(.i8x16Bitmask)! == ([.v128], .i32))
        #expect(signature(.i64x2Splat)! == ([.i64], .v128))
        #expect(signature(.nop)! == ([], nil))
        for opcode: Opcode in [
            .unreachable, .block, .brTable, .select, .selectTyped, .localTee, .tableGrow, .refNull,
            .i64MulWideS, .returnCall,
        ] {
            #expect(signature(opcode) == nil, "\(opcode) is typed by hand")
        }
    }

    @Test func descriptions() {
        #expect(Opcode.i32Add.encodingDescription == "0x6a")
        #expect(Opcode.unreachable.encodingDescription == "0x00")
        #expect(Opcode.memoryInit.encodingDescription == "0xfc 8")
        #expect(Opcode.i32x4DotI16x8S.encodingDescription == "0xfd 186")
        #expect(Self.mnemonic(.i32TruncSatF64S) == "i32.trunc_sat_f64_s")
    }
}
