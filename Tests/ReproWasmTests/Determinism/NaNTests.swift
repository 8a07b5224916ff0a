import Testing

@testable import ReproWasm

/// `docs/DETERMINISM.md` §2: NaN results of the canonicalised scalar operators become the positive canonical
/// quiet NaN; every other operator, and the host boundary, passes NaN bits through exactly.
@Suite struct NaNTests {
    static let canonical32: UInt32 = 0x7FC0_0000
    static let canonical64: UInt64 = 0x7FF8_0000_0000_0000

    /// A float operand as its bits, printed in hex so a failing case names its input.
    struct Bits: Sendable, CustomTestStringConvertible {
        let type: ValueType
        let bits: UInt64
        let label: String

        static func f32(_ bits: UInt32, _ label: String) -> Bits { Bits(type: .f32, bits: UInt64(bits), label: label) }
        static func f64(_ bits: UInt64, _ label: String) -> Bits { Bits(type: .f64, bits: bits, label: label) }

        var value: Value { type == .f32 ? .f32Bits(UInt32(bits)) : .f64Bits(bits) }
        var testDescription: String { "\(type) 0x\(String(bits, radix: 16, uppercase: true)) (\(label))" }
    }

    static let f32NaNs: [Bits] = [
        .f32(0x7FC0_0001, "quiet, payload 1"), .f32(0x7FA0_0000, "signalling"), .f32(0xFFC0_0000, "negative"),
    ]
    static let f64NaNs: [Bits] = [
        .f64(0x7FF8_0000_0000_0001, "quiet, payload 1"), .f64(0x7FF4_0000_0000_0000, "signalling"),
        .f64(0xFFF8_0000_0000_0000, "negative"),
    ]

    static let unaryCanonicalised = ["ceil", "floor", "trunc", "nearest", "sqrt"]
    static let binaryCanonicalised = ["add", "sub", "mul", "div", "min", "max"]

    private func canonical(_ type: ValueType) -> Value {
        type == .f32 ? .f32Bits(Self.canonical32) : .f64Bits(Self.canonical64)
    }

    // MARK: Canonicalised operators

    @Test(arguments: unaryCanonicalised, f32NaNs + f64NaNs)
    func unaryOperatorCanonicalisesANaNOperand(op: String, nan: Bits) throws {
        let results = try Fixtures.apply("\(nan.type).\(op)", FunctionType([nan.type], [nan.type]), [nan.value])
        #expect(results == [canonical(nan.type)])
    }

    /// The NaN as the left operand, as the right one, and as both; the other operand is 1.0.
    @Test(arguments: binaryCanonicalised, f32NaNs + f64NaNs)
    func binaryOperatorCanonicalisesANaNOperand(op: String, nan: Bits) throws {
        let one: Value = nan.type == .f32 ? .f32(1.0) : .f64(1.0)
        let type = FunctionType([nan.type, nan.type], [nan.type])
        for operands in [[nan.value, one], [one, nan.value], [nan.value, nan.value]] {
            #expect(try Fixtures.apply("\(nan.type).\(op)", type, operands) == [canonical(nan.type)])
        }
    }

    @Test(arguments: f64NaNs)
    func demoteCanonicalisesANaN(nan: Bits) throws {
        #expect(
            try Fixtures.apply("f32.demote_f64", FunctionType([.f64], [.f32]), [nan.value]) == [.f32Bits(0x7FC0_0000)])
    }

    @Test(arguments: f32NaNs)
    func promoteCanonicalisesANaN(nan: Bits) throws {
        #expect(
            try Fixtures.apply("f64.promote_f32", FunctionType([.f32], [.f64]), [nan.value])
                == [.f64Bits(0x7FF8_0000_0000_0000)])
    }

    /// Operations that create a NaN from ordinary operands (x86 hardware gives the *negative* default
    /// NaN for these) must still give the positive canonical pattern.
    @Test(arguments: [
        ("f32.div", [Bits.f32(0, "+0"), .f32(0, "+0")]),
        ("f32.div", [.f32(0x8000_0000, "-0"), .f32(0, "+0")]),
        ("f32.sub", [.f32(0x7F80_0000, "+inf"), .f32(0x7F80_0000, "+inf")]),
        ("f32.add", [.f32(0x7F80_0000, "+inf"), .f32(0xFF80_0000, "-inf")]),
        ("f32.mul", [.f32(0, "+0"), .f32(0x7F80_0000, "+inf")]),
        ("f32.div", [.f32(0x7F80_0000, "+inf"), .f32(0xFF80_0000, "-inf")]),
        ("f32.sqrt", [.f32(0xBF80_0000, "-1")]),
        ("f64.div", [.f64(0, "+0"), .f64(0, "+0")]),
        ("f64.div", [.f64(0x8000_0000_0000_0000, "-0"), .f64(0, "+0")]),
        ("f64.sub", [.f64(0x7FF0_0000_0000_0000, "+inf"), .f64(0x7FF0_0000_0000_0000, "+inf")]),
        ("f64.add", [.f64(0xFFF0_0000_0000_0000, "-inf"), .f64(0x7FF0_0000_0000_0000, "+inf")]),
        ("f64.mul", [.f64(0xFFF0_0000_0000_0000, "-inf"), .f64(0, "+0")]),
        ("f64.div", [.f64(0xFFF0_0000_0000_0000, "-inf"), .f64(0x7FF0_0000_0000_0000, "+inf")]),
        ("f64.sqrt", [.f64(0xBFF0_0000_0000_0000, "-1")]),
    ])
    func invalidOperationGivesThePositiveCanonicalNaN(op: String, operands: [Bits]) throws {
        let type = operands[0].type
        let results = try Fixtures.apply(
            op, FunctionType(operands.map(\.type), [type]), operands.map(\.value))
        #expect(results == [canonical(type)])
    }

    // MARK: Non-NaN results are IEEE 754, bit for bit

    @Test(arguments: [
        ("f32.add", [Bits.f32(0x3FC0_0000, "1.5"), .f32(0x4010_0000, "2.25")], Bits.f32(0x4070_0000, "3.75")),
        ("f32.div", [.f32(0x3F80_0000, "1"), .f32(0x4040_0000, "3")], .f32(0x3EAA_AAAB, "1/3 rounded")),
        ("f32.sub", [.f32(0x8000_0000, "-0"), .f32(0, "+0")], .f32(0x8000_0000, "-0")),
        ("f32.sub", [.f32(0x3F80_0000, "1"), .f32(0x3F80_0000, "1")], .f32(0, "+0")),
        ("f32.mul", [.f32(1, "min subnormal"), .f32(0x3F00_0000, "0.5")], .f32(0, "+0, tie to even")),
        ("f32.mul", [.f32(3, "3 ulp"), .f32(0x3F00_0000, "0.5")], .f32(2, "2 ulp, tie to even")),
        ("f32.min", [.f32(0x8000_0000, "-0"), .f32(0, "+0")], .f32(0x8000_0000, "-0")),
        ("f32.min", [.f32(0, "+0"), .f32(0x8000_0000, "-0")], .f32(0x8000_0000, "-0")),
        ("f32.max", [.f32(0x8000_0000, "-0"), .f32(0, "+0")], .f32(0, "+0")),
        ("f32.max", [.f32(0, "+0"), .f32(0x8000_0000, "-0")], .f32(0, "+0")),
        ("f32.nearest", [.f32(0x4020_0000, "2.5")], .f32(0x4000_0000, "2")),
        ("f32.nearest", [.f32(0x4060_0000, "3.5")], .f32(0x4080_0000, "4")),
        ("f32.nearest", [.f32(0xBF00_0000, "-0.5")], .f32(0x8000_0000, "-0")),
        ("f32.ceil", [.f32(0xBF00_0000, "-0.5")], .f32(0x8000_0000, "-0")),
        ("f32.floor", [.f32(0xBF00_0000, "-0.5")], .f32(0xBF80_0000, "-1")),
        ("f32.floor", [.f32(0x8000_0000, "-0")], .f32(0x8000_0000, "-0")),
        ("f32.trunc", [.f32(0xBF33_3333, "-0.7")], .f32(0x8000_0000, "-0")),
        ("f32.sqrt", [.f32(0x4080_0000, "4")], .f32(0x4000_0000, "2")),
        ("f32.sqrt", [.f32(0x8000_0000, "-0")], .f32(0x8000_0000, "-0")),
        (
            "f64.add", [.f64(0x3FF8_0000_0000_0000, "1.5"), .f64(0x4002_0000_0000_0000, "2.25")],
            .f64(0x400E_0000_0000_0000, "3.75")
        ),
        (
            "f64.add", [.f64(0x3FB9_9999_9999_999A, "0.1"), .f64(0x3FC9_9999_9999_999A, "0.2")],
            .f64(0x3FD3_3333_3333_3334, "0.30000000000000004")
        ),
        (
            "f64.div", [.f64(0x3FF0_0000_0000_0000, "1"), .f64(0x4008_0000_0000_0000, "3")],
            .f64(0x3FD5_5555_5555_5555, "1/3 rounded")
        ),
        ("f64.min", [.f64(0x8000_0000_0000_0000, "-0"), .f64(0, "+0")], .f64(0x8000_0000_0000_0000, "-0")),
        ("f64.min", [.f64(0, "+0"), .f64(0x8000_0000_0000_0000, "-0")], .f64(0x8000_0000_0000_0000, "-0")),
        ("f64.max", [.f64(0x8000_0000_0000_0000, "-0"), .f64(0, "+0")], .f64(0, "+0")),
        ("f64.nearest", [.f64(0x4004_0000_0000_0000, "2.5")], .f64(0x4000_0000_0000_0000, "2")),
        ("f64.nearest", [.f64(0xBFE0_0000_0000_0000, "-0.5")], .f64(0x8000_0000_0000_0000, "-0")),
        ("f64.ceil", [.f64(0xBFE0_0000_0000_0000, "-0.5")], .f64(0x8000_0000_0000_0000, "-0")),
        ("f64.sqrt", [.f64(0x8000_0000_0000_0000, "-0")], .f64(0x8000_0000_0000_0000, "-0")),
        ("f32.demote_f64", [.f64(0x3FF1_9999_9999_999A, "1.1")], .f32(0x3F8C_CCCD, "1.1 rounded")),
        ("f32.demote_f64", [.f64(0x7FEF_FFFF_FFFF_FFFF, "DBL_MAX")], .f32(0x7F80_0000, "+inf")),
        ("f32.demote_f64", [.f64(0x8000_0000_0000_0000, "-0")], .f32(0x8000_0000, "-0")),
        ("f64.promote_f32", [.f32(0x3FC0_0000, "1.5")], .f64(0x3FF8_0000_0000_0000, "1.5")),
        ("f64.promote_f32", [.f32(1, "2^-149")], .f64(0x36A0_0000_0000_0000, "2^-149")),
        ("f64.promote_f32", [.f32(0xFF80_0000, "-inf")], .f64(0xFFF0_0000_0000_0000, "-inf")),
    ])
    func nonNaNResultIsBitIdenticalToIEEE(op: String, operands: [Bits], expected: Bits) throws {
        let results = try Fixtures.apply(op, FunctionType(operands.map(\.type), [expected.type]), operands.map(\.value))
        #expect(results == [expected.value])
    }

    // MARK: Operators that pass NaN bits through

    @Test(arguments: [
        ("f32.abs", [Bits.f32(0xFFC0_0001, "-quiet, payload 1")], Bits.f32(0x7FC0_0001, "quiet, payload 1")),
        ("f32.abs", [.f32(0xFFA0_0000, "-signalling")], .f32(0x7FA0_0000, "signalling")),
        ("f32.neg", [.f32(0x7FA0_0000, "signalling")], .f32(0xFFA0_0000, "-signalling")),
        ("f32.neg", [.f32(0x7FC0_0001, "quiet, payload 1")], .f32(0xFFC0_0001, "-quiet, payload 1")),
        ("f32.copysign", [.f32(0x7FA0_0000, "signalling"), .f32(0xBF80_0000, "-1")], .f32(0xFFA0_0000, "-signalling")),
        ("f32.copysign", [.f32(0xFFC0_0001, "-quiet"), .f32(0x3F80_0000, "1")], .f32(0x7FC0_0001, "quiet")),
        ("f32.copysign", [.f32(0x3F80_0000, "1"), .f32(0xFFC0_0000, "-NaN")], .f32(0xBF80_0000, "-1")),
        ("f64.abs", [.f64(0xFFF4_0000_0000_0000, "-signalling")], .f64(0x7FF4_0000_0000_0000, "signalling")),
        ("f64.neg", [.f64(0x7FF4_0000_0000_0000, "signalling")], .f64(0xFFF4_0000_0000_0000, "-signalling")),
        ("f64.neg", [.f64(0xFFF8_0000_0000_0001, "-quiet")], .f64(0x7FF8_0000_0000_0001, "quiet")),
        (
            "f64.copysign", [.f64(0x7FF4_0000_0000_0000, "signalling"), .f64(0xBFF0_0000_0000_0000, "-1")],
            .f64(0xFFF4_0000_0000_0000, "-signalling")
        ),
        ("f64.copysign", [.f64(0xFFF8_0000_0000_0001, "-quiet"), .f64(0, "+0")], .f64(0x7FF8_0000_0000_0001, "quiet")),
    ])
    func signOperatorPassesNaNBitsThrough(op: String, operands: [Bits], expected: Bits) throws {
        let results = try Fixtures.apply(op, FunctionType(operands.map(\.type), [expected.type]), operands.map(\.value))
        #expect(results == [expected.value])
    }

    @Test(arguments: [0x7FA0_0001 as UInt32, 0xFFC0_0001, 0x7FC0_0000])
    func reinterpretPassesF32NaNBitsThrough(bits: UInt32) throws {
        #expect(
            try Fixtures.apply("f32.reinterpret_i32", FunctionType([.i32], [.f32]), [.i32(bits)]) == [.f32Bits(bits)])
        #expect(
            try Fixtures.apply("i32.reinterpret_f32", FunctionType([.f32], [.i32]), [.f32Bits(bits)]) == [.i32(bits)])
    }

    @Test(arguments: [0x7FF4_0000_0000_0001 as UInt64, 0xFFF8_0000_0000_0001, 0x7FF8_0000_0000_0000])
    func reinterpretPassesF64NaNBitsThrough(bits: UInt64) throws {
        #expect(
            try Fixtures.apply("f64.reinterpret_i64", FunctionType([.i64], [.f64]), [.i64(bits)]) == [.f64Bits(bits)])
        #expect(
            try Fixtures.apply("i64.reinterpret_f64", FunctionType([.f64], [.i64]), [.f64Bits(bits)]) == [.i64(bits)])
    }

    /// Ways a value travels without an arithmetic operator; each must keep a NaN's exact bits.
    enum Carrier: String, CaseIterable, Sendable {
        /// `local.get 0`: the host boundary in and out.
        case parameter
        /// Through a declared local with `local.set`/`local.get` (and `local.tee`).
        case local
        /// `select` of the NaN against 0.
        case select
        /// `store` then `load` at address 8, and the memory's bytes are the little-endian bits.
        case memory
        /// `global.set` then `global.get` of a mutable global, also read from the host.
        case global
        /// `fN.const` with the NaN's bits.
        case constant
    }

    @Test(
        arguments: Carrier.allCases,
        f32NaNs + f64NaNs + [
            .f32(0x7FA0_0001, "signalling, payload"), .f64(0xFFF0_0000_0000_0001, "-signalling, payload 1"),
        ])
    func nanBitsPassThrough(carrier: Carrier, nan: Bits) throws {
        let type = nan.type
        let width = type == .f32 ? "f32" : "f64"
        var module = WasmModule()
        var parameters = [type]
        let body: [UInt8]
        switch carrier {
        case .parameter:
            body = Asm.localGet(0)
        case .local:
            body = Asm.localGet(0) + Asm.localSet(1) + Asm.localGet(1) + Asm.localTee(2) + Asm.drop + Asm.localGet(2)
        case .select:
            parameters = [type, .i32]
            let zero = type == .f32 ? Asm.f32Const(bits: 0) : Asm.f64Const(bits: 0)
            body = Asm.localGet(0) + zero + Asm.localGet(1) + Asm.select
        case .memory:
            module = module.memory(min: 1, export: "memory")
            body =
                Asm.i32Const(8) + Asm.localGet(0) + Asm.memory("\(width).store")
                + Asm.i32Const(8) + Asm.memory("\(width).load")
        case .global:
            let zero = type == .f32 ? Asm.f32Const(bits: 0) : Asm.f64Const(bits: 0)
            module = module.global(type, mutable: true, initial: zero, export: "global")
            body = Asm.localGet(0) + Asm.globalSet(0) + Asm.globalGet(0)
        case .constant:
            parameters = []
            body = type == .f32 ? Asm.f32Const(bits: UInt32(nan.bits)) : Asm.f64Const(bits: nan.bits)
        }
        let instance = try module.function(
            FunctionType(parameters, [type]), locals: [type, type], export: "run", body: body
        ).instantiate()
        var arguments: [Value] = parameters.isEmpty ? [] : [nan.value]
        if carrier == .select { arguments.append(.i32(UInt32(1))) }
        #expect(try instance.exportedFunction("run").call(arguments) == [nan.value])

        switch carrier {
        case .memory:
            let byteCount = type == .f32 ? 4 : 8
            let littleEndian = (0..<byteCount).map { UInt8(truncatingIfNeeded: nan.bits >> (8 * UInt64($0))) }
            #expect(try instance.memory(named: "memory")?.read(at: 8, count: byteCount) == littleEndian)
        case .global:
            #expect(instance.global(named: "global")?.value == nan.value)
        default:
            break
        }
    }

    // MARK: The contract's worked examples

    /// `f64.div(0, 0)` gives `0x7FF8000000000000` inside wasm, and `f64.neg` of that flips only the sign:
    /// the canonicalisation happens in the operator, not at the boundary.
    @Test func divisionOfZerosThenNegation() throws {
        let instance = try WasmModule()
            .function(
                .voidToI64, export: "div",
                Asm.f64Const(bits: 0), Asm.f64Const(bits: 0), Asm.op("f64.div"), Asm.op("i64.reinterpret_f64")
            )
            .function(
                FunctionType([], [.f64]), export: "negDiv",
                Asm.f64Const(bits: 0), Asm.f64Const(bits: 0), Asm.op("f64.div"), Asm.op("f64.neg")
            )
            .function(
                .voidToI32, export: "div32",
                Asm.f32Const(bits: 0), Asm.f32Const(bits: 0), Asm.op("f32.div"), Asm.op("i32.reinterpret_f32")
            )
            .instantiate()
        #expect(try instance.call("div") == [.i64(0x7FF8_0000_0000_0000 as UInt64)])
        #expect(try instance.call("negDiv") == [.f64Bits(0xFFF8_0000_0000_0000)])
        #expect(try instance.call("div32") == [.i32(0x7FC0_0000 as UInt32)])
    }

    /// `f64.add(x, 1)` with the signalling `x = 0x7FF4000000000000` gives `0x7FF8000000000000`.
    @Test func addingToASignallingNaN() throws {
        let results = try Fixtures.apply(
            "f64.add", FunctionType([.f64, .f64], [.f64]), [.f64Bits(0x7FF4_0000_0000_0000), .f64(1)])
        #expect(results == [.f64Bits(0x7FF8_0000_0000_0000)])
    }

    // MARK: Fused pairs

    /// Lowering runs two f64 operations in a row as one op (`f64MulThenAdd`, ...), without writing
    /// or canonicalising the intermediate result. Every pair, with the intermediate as the second
    /// operation's left and right operand, must give the bits the two operations give one by one:
    /// NaN operands and NaN intermediates (inf - inf, 0 * inf) included.
    @Test(arguments: ["add", "sub", "mul"], ["add", "sub", "mul"])
    func fusedF64PairsMatchTheOperationsOneByOne(first: String, second: String) throws {
        let module = try Module(
            wat: """
                (module
                  (func (export "left") (param f64 f64 f64) (result f64)
                    local.get 0 local.get 1 f64.\(first) local.get 2 f64.\(second))
                  (func (export "right") (param f64 f64 f64) (result f64)
                    local.get 2 local.get 0 local.get 1 f64.\(first) f64.\(second)))
                """)
        #expect(module.codeListing.contains("Then"))
        let instance = try Store().instantiate(module)
        let operations: [String: (Double, Double) -> Double] = ["add": (+), "sub": (-), "mul": (*)]
        let firstOperation = try #require(operations[first])
        let secondOperation = try #require(operations[second])
        let values: [UInt64] =
            [
                0, 0x8000_0000_0000_0000, 0x3FF0_0000_0000_0000, 0x7FEF_FFFF_FFFF_FFFF, 0x7FF0_0000_0000_0000,
                0xFFF0_0000_0000_0000, 0x0000_0000_0000_0001,
            ] + Self.f64NaNs.map(\.bits)
        for x in values {
            for y in values {
                for z in values.prefix(9) {
                    let t = firstOperation(Double(bitPattern: x), Double(bitPattern: y))
                    for (name, result) in [
                        ("left", secondOperation(t, Double(bitPattern: z))),
                        ("right", secondOperation(Double(bitPattern: z), t)),
                    ] {
                        let expected = result.isNaN ? Self.canonical64 : result.bitPattern
                        let got = try instance.call(name, .f64Bits(x), .f64Bits(y), .f64Bits(z))
                        #expect(got == [.f64Bits(expected)], "\(name) x=\(x) y=\(y) z=\(z)")
                    }
                }
            }
        }
    }

    /// `(x + y) * z + w` runs as one op (`f64AddThenMulThenAdd`) with only the final result
    /// canonicalised; with the product on either side of the last addition it must give the bits
    /// of the three operations one by one.
    @Test func fusedF64AddMulAddMatchesTheOperationsOneByOne() throws {
        let module = try Module(
            wat: """
                (module
                  (func (export "left") (param f64 f64 f64 f64) (result f64)
                    local.get 0 local.get 1 f64.add local.get 2 f64.mul local.get 3 f64.add)
                  (func (export "right") (param f64 f64 f64 f64) (result f64)
                    local.get 3 local.get 2 local.get 0 local.get 1 f64.add f64.mul f64.add))
                """)
        #expect(module.codeListing.contains("f64AddThenMulThenAdd"))
        let instance = try Store().instantiate(module)
        let values: [UInt64] =
            [
                0, 0x8000_0000_0000_0000, 0x3FF0_0000_0000_0000, 0x7FEF_FFFF_FFFF_FFFF, 0x7FF0_0000_0000_0000,
                0xFFF0_0000_0000_0000, 0xC000_0000_0000_0001,
            ] + Self.f64NaNs.prefix(2).map(\.bits)
        for x in values {
            for y in values.prefix(6) {
                for z in values.prefix(7) {
                    for w in values {
                        let product = (Double(bitPattern: x) + Double(bitPattern: y)) * Double(bitPattern: z)
                        let result = product + Double(bitPattern: w)
                        let expected = result.isNaN ? Self.canonical64 : result.bitPattern
                        for name in ["left", "right"] {
                            let got = try instance.call(name, .f64Bits(x), .f64Bits(y), .f64Bits(z), .f64Bits(w))
                            #expect(got == [.f64Bits(expected)], "\(name) x=\(x) y=\(y) z=\(z) w=\(w)")
                        }
                    }
                }
            }
        }
    }

    /// Lowering fuses an f64 comparison with the `br_if` or `if` that uses it (through `i32.eqz`
    /// too, and with a constant right operand). With NaNs "not <" is not ">=", so each form must
    /// branch exactly when the comparison, computed on its own, says so.
    @Test(arguments: ["lt", "gt", "le", "ge"])
    func fusedF64CompareAndBranchFollowsTheComparison(compare: String) throws {
        let constant = "f64.const 1.5"
        let module = try Module(
            wat: """
                (module
                  (func (export "brif") (param f64 f64) (result i32)
                    (block (br_if 0 (f64.\(compare) (local.get 0) (local.get 1))) (return (i32.const 0)))
                    (i32.const 1))
                  (func (export "brifnot") (param f64 f64) (result i32)
                    (block (br_if 0 (i32.eqz (f64.\(compare) (local.get 0) (local.get 1)))) (return (i32.const 1)))
                    (i32.const 0))
                  (func (export "ifimm") (param f64) (result i32)
                    (if (f64.\(compare) (local.get 0) (\(constant))) (then (return (i32.const 1))))
                    (i32.const 0))
                  (func (export "eqzimm") (param f64) (result i32)
                    (if (i32.eqz (f64.\(compare) (local.get 0) (\(constant)))) (then (return (i32.const 0))))
                    (i32.const 1)))
                """)
        #expect(module.codeListing.contains("brIfF64"))
        #expect(module.codeListing.contains("brIfNotF64"))
        #expect(module.codeListing.contains("Imm"))
        let instance = try Store().instantiate(module)
        let comparisons: [String: (Double, Double) -> Bool] = [
            "lt": { $0 < $1 }, "gt": { $0 > $1 }, "le": { $0 <= $1 }, "ge": { $0 >= $1 },
        ]
        let holds = try #require(comparisons[compare])
        let values: [UInt64] =
            [0, 0x8000_0000_0000_0000, 0x3FF8_0000_0000_0000, 0x3FF0_0000_0000_0000, 0x7FF0_0000_0000_0000]
            + Self.f64NaNs.map(\.bits)
        for x in values {
            for y in values {
                let expected: Value = .i32(holds(Double(bitPattern: x), Double(bitPattern: y)) ? 1 : 0)
                #expect(try instance.call("brif", .f64Bits(x), .f64Bits(y)) == [expected], "x=\(x) y=\(y)")
                #expect(try instance.call("brifnot", .f64Bits(x), .f64Bits(y)) == [expected], "x=\(x) y=\(y)")
            }
            let expected: Value = .i32(holds(Double(bitPattern: x), 1.5) ? 1 : 0)
            #expect(try instance.call("ifimm", .f64Bits(x)) == [expected], "x=\(x)")
            #expect(try instance.call("eqzimm", .f64Bits(x)) == [expected], "x=\(x)")
        }
    }
}
