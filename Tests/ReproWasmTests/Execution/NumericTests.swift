import Testing

@testable import ReproWasm

private func i32(_ value: Int32) -> Value { .i32(value) }
private func u32(_ value: UInt32) -> Value { .i32(value) }
private func i64(_ value: Int64) -> Value { .i64(value) }
private func u64(_ value: UInt64) -> Value { .i64(value) }
private func f32(_ value: Float) -> Value { .f32(value) }
private func f64(_ value: Double) -> Value { .f64(value) }

/// One operator applied to operands, and the exact results (all results: wide arithmetic returns two).
struct NumericCase: Sendable, CustomTestStringConvertible {
    let op: String
    let operands: [Value]
    let results: [Value]

    init(_ op: String, _ operands: [Value], _ results: [Value]) {
        self.op = op
        self.operands = operands
        self.results = results
    }

    var testDescription: String { "\(op)(\(operands.map(\.description).joined(separator: ", "))) = \(results)" }

    func run() throws -> [Value] {
        try Fixtures.apply(op, FunctionType(operands.map(\.type), results.map(\.type)), operands)
    }

    /// `run` with the last operand as a constant in the code (the immediate forms' path).
    func runWithConstantLast() throws -> [Value]? {
        try Fixtures.applyWithConstantLast(op, FunctionType(operands.map(\.type), results.map(\.type)), operands)
    }
}

/// Spot checks of integer and float semantics where a Swift or C shortcut would differ from wasm.
@Suite struct NumericTests {
    @Test(arguments: [
        // Shift counts are taken modulo the width.
        NumericCase("i32.shl", [u32(1), u32(31)], [u32(0x8000_0000)]),
        NumericCase("i32.shl", [u32(1), u32(32)], [u32(1)]),
        NumericCase("i32.shl", [u32(1), u32(33)], [u32(2)]),
        NumericCase("i32.shl", [u32(1), i32(-1)], [u32(0x8000_0000)]),
        NumericCase("i32.shr_s", [i32(-8), u32(33)], [i32(-4)]),
        NumericCase("i32.shr_s", [u32(0x8000_0000), u32(31)], [i32(-1)]),
        NumericCase("i32.shr_u", [u32(0x8000_0000), u32(31)], [u32(1)]),
        NumericCase("i32.shr_u", [u32(0x8000_0000), u32(63)], [u32(1)]),
        NumericCase("i32.shr_u", [i32(-1), u32(32)], [i32(-1)]),
        NumericCase("i64.shl", [u64(1), u64(64)], [u64(1)]),
        NumericCase("i64.shl", [u64(1), u64(65)], [u64(2)]),
        NumericCase("i64.shr_s", [i64(.min), u64(63)], [i64(-1)]),
        NumericCase("i64.shr_s", [i64(-8), u64(129)], [i64(-4)]),
        NumericCase("i64.shr_u", [i64(.min), u64(127)], [u64(1)]),
        NumericCase("i64.shr_u", [i64(-1), u64(64)], [i64(-1)]),
        // Rotates, also modulo the width.
        NumericCase("i32.rotl", [u32(0x8000_0001), u32(1)], [u32(3)]),
        NumericCase("i32.rotr", [u32(1), u32(1)], [u32(0x8000_0000)]),
        NumericCase("i32.rotl", [u32(0x1234_5678), u32(36)], [u32(0x2345_6781)]),
        NumericCase("i32.rotr", [u32(0x1234_5678), i32(-4)], [u32(0x2345_6781)]),
        NumericCase("i32.rotl", [u32(0x1234_5678), u32(0)], [u32(0x1234_5678)]),
        NumericCase("i64.rotl", [u64(0x8000_0000_0000_0001), u64(1)], [u64(3)]),
        NumericCase("i64.rotr", [u64(1), u64(65)], [u64(0x8000_0000_0000_0000)]),
        NumericCase("i64.rotl", [u64(0x0123_4567_89AB_CDEF), u64(68)], [u64(0x1234_5678_9ABC_DEF0)]),
    ])
    func shiftsAndRotates(_ testCase: NumericCase) throws {
        #expect(try testCase.run() == testCase.results)
        if let folded = try testCase.runWithConstantLast() { #expect(folded == testCase.results) }
    }

    @Test(arguments: [
        NumericCase("i32.clz", [u32(0)], [u32(32)]),
        NumericCase("i32.ctz", [u32(0)], [u32(32)]),
        NumericCase("i32.popcnt", [u32(0)], [u32(0)]),
        NumericCase("i32.clz", [u32(1)], [u32(31)]),
        NumericCase("i32.clz", [u32(0x8000_0000)], [u32(0)]),
        NumericCase("i32.ctz", [u32(0x8000_0000)], [u32(31)]),
        NumericCase("i32.popcnt", [i32(-1)], [u32(32)]),
        NumericCase("i64.clz", [u64(0)], [u64(64)]),
        NumericCase("i64.ctz", [u64(0)], [u64(64)]),
        NumericCase("i64.popcnt", [u64(0)], [u64(0)]),
        NumericCase("i64.clz", [u64(1)], [u64(63)]),
        NumericCase("i64.ctz", [u64(0x8000_0000_0000_0000)], [u64(63)]),
        NumericCase("i64.popcnt", [i64(-1)], [u64(64)]),
    ])
    func bitCounts(_ testCase: NumericCase) throws {
        #expect(try testCase.run() == testCase.results)
        if let folded = try testCase.runWithConstantLast() { #expect(folded == testCase.results) }
    }

    /// Signed division truncates towards zero; the remainder takes the dividend's sign.
    @Test(arguments: [
        NumericCase("i32.div_s", [i32(-7), i32(2)], [i32(-3)]),
        NumericCase("i32.div_s", [i32(7), i32(-2)], [i32(-3)]),
        NumericCase("i32.div_s", [i32(-7), i32(-2)], [i32(3)]),
        NumericCase("i32.rem_s", [i32(-7), i32(2)], [i32(-1)]),
        NumericCase("i32.rem_s", [i32(7), i32(-2)], [i32(1)]),
        NumericCase("i32.rem_s", [i32(-7), i32(-2)], [i32(-1)]),
        NumericCase("i32.div_u", [i32(-7), u32(2)], [u32(0x7FFF_FFFC)]),
        NumericCase("i32.rem_u", [i32(-7), u32(2)], [u32(1)]),
        NumericCase("i32.div_s", [i32(.min), i32(1)], [i32(.min)]),
        NumericCase("i32.div_s", [i32(.min), i32(2)], [i32(-(1 << 30))]),
        NumericCase("i32.rem_s", [i32(.min), i32(-1)], [i32(0)]),
        NumericCase("i32.rem_s", [i32(.min), i32(1)], [i32(0)]),
        NumericCase("i64.div_s", [i64(-7), i64(2)], [i64(-3)]),
        NumericCase("i64.rem_s", [i64(-7), i64(2)], [i64(-1)]),
        NumericCase("i64.rem_s", [i64(.min), i64(-1)], [i64(0)]),
        NumericCase("i64.div_u", [i64(-1), u64(2)], [u64(0x7FFF_FFFF_FFFF_FFFF)]),
        NumericCase("i64.rem_u", [i64(-1), u64(10)], [u64(5)]),
    ])
    func divisionAndRemainderSigns(_ testCase: NumericCase) throws {
        #expect(try testCase.run() == testCase.results)
        if let folded = try testCase.runWithConstantLast() { #expect(folded == testCase.results) }
    }

    /// Trapping conversions truncate towards zero; -2^31 is the lowest f32 that fits in i32, 2^31 traps.
    @Test(arguments: [
        ("i32.trunc_f32_s", f32(-2_147_483_648), Outcome.value(i32(.min))),
        ("i32.trunc_f32_s", f32(2_147_483_648), .trap(.integerOverflow)),
        ("i32.trunc_f32_s", f32(2_147_483_520), .value(i32(2_147_483_520))),  // the largest f32 below 2^31
        ("i32.trunc_f32_s", f32(-1.9), .value(i32(-1))),
        ("i32.trunc_f64_u", f64(3.99), .value(u32(3))),
        ("i32.trunc_f64_u", f64(-0.99), .value(u32(0))),
        ("i64.trunc_f64_s", f64(-0.5), .value(i64(0))),
        ("i64.trunc_f64_u", f64(9_223_372_036_854_775_808), .value(u64(0x8000_0000_0000_0000))),
    ])
    func truncationBoundaries(op: String, operand: Value, outcome: Outcome) throws {
        let result: ValueType = op.hasPrefix("i32") ? .i32 : .i64
        outcome.check { try Fixtures.apply(op, FunctionType([operand.type], [result]), [operand]) }
    }

    /// Saturating conversions never trap: NaN gives 0, out-of-range values clamp.
    @Test(arguments: [
        NumericCase("i32.trunc_sat_f32_s", [.f32Bits(0x7FC0_0000)], [i32(0)]),
        NumericCase("i32.trunc_sat_f32_s", [.f32Bits(0xFFA0_0000)], [i32(0)]),
        NumericCase("i32.trunc_sat_f32_s", [f32(.infinity)], [i32(.max)]),
        NumericCase("i32.trunc_sat_f32_s", [f32(-.infinity)], [i32(.min)]),
        NumericCase("i32.trunc_sat_f32_s", [f32(2_147_483_648)], [i32(.max)]),
        NumericCase("i32.trunc_sat_f32_s", [f32(-2_147_483_904)], [i32(.min)]),
        NumericCase("i32.trunc_sat_f32_s", [f32(-1.5)], [i32(-1)]),
        NumericCase("i32.trunc_sat_f32_u", [.f32Bits(0x7FC0_0000)], [u32(0)]),
        NumericCase("i32.trunc_sat_f32_u", [f32(-.infinity)], [u32(0)]),
        NumericCase("i32.trunc_sat_f32_u", [f32(.infinity)], [u32(.max)]),
        NumericCase("i32.trunc_sat_f32_u", [f32(-1)], [u32(0)]),
        NumericCase("i32.trunc_sat_f32_u", [f32(4_294_967_296)], [u32(.max)]),
        NumericCase("i32.trunc_sat_f64_s", [.f64Bits(0x7FF8_0000_0000_0000)], [i32(0)]),
        NumericCase("i32.trunc_sat_f64_s", [f64(1e10)], [i32(.max)]),
        NumericCase("i32.trunc_sat_f64_s", [f64(-2_147_483_648.9)], [i32(.min)]),
        NumericCase("i32.trunc_sat_f64_u", [.f64Bits(0xFFF8_0000_0000_0000)], [u32(0)]),
        NumericCase("i32.trunc_sat_f64_u", [f64(4_294_967_296)], [u32(.max)]),
        NumericCase("i32.trunc_sat_f64_u", [f64(4_294_967_295.9)], [u32(.max)]),
        NumericCase("i64.trunc_sat_f32_s", [.f32Bits(0x7FC0_0000)], [i64(0)]),
        NumericCase("i64.trunc_sat_f32_s", [f32(.infinity)], [i64(.max)]),
        NumericCase("i64.trunc_sat_f32_s", [f32(-.infinity)], [i64(.min)]),
        NumericCase("i64.trunc_sat_f32_u", [f32(.infinity)], [u64(.max)]),
        NumericCase("i64.trunc_sat_f32_u", [f32(-.infinity)], [u64(0)]),
        NumericCase("i64.trunc_sat_f64_s", [.f64Bits(0x7FF4_0000_0000_0000)], [i64(0)]),
        NumericCase("i64.trunc_sat_f64_s", [f64(9_223_372_036_854_775_808)], [i64(.max)]),
        NumericCase("i64.trunc_sat_f64_s", [f64(-9_223_372_036_854_775_808)], [i64(.min)]),
        NumericCase("i64.trunc_sat_f64_s", [f64(.infinity)], [i64(.max)]),
        NumericCase("i64.trunc_sat_f64_u", [.f64Bits(0x7FF8_0000_0000_0000)], [u64(0)]),
        NumericCase("i64.trunc_sat_f64_u", [f64(18_446_744_073_709_551_616)], [u64(.max)]),
        NumericCase("i64.trunc_sat_f64_u", [f64(9_223_372_036_854_775_808)], [u64(0x8000_0000_0000_0000)]),
        NumericCase("i64.trunc_sat_f64_u", [f64(-1)], [u64(0)]),
    ])
    func saturatingConversions(_ testCase: NumericCase) throws {
        #expect(try testCase.run() == testCase.results)
        if let folded = try testCase.runWithConstantLast() { #expect(folded == testCase.results) }
    }

    /// Wide arithmetic (0xFC 19-22): 128-bit values as (low, high) pairs of i64.
    @Test(arguments: [
        NumericCase("i64.mul_wide_u", [u64(.max), u64(.max)], [u64(1), u64(0xFFFF_FFFF_FFFF_FFFE)]),
        NumericCase("i64.mul_wide_u", [u64(1 << 32), u64(1 << 32)], [u64(0), u64(1)]),
        NumericCase("i64.mul_wide_u", [u64(1 << 63), u64(2)], [u64(0), u64(1)]),
        NumericCase("i64.mul_wide_s", [i64(-1), i64(-1)], [u64(1), u64(0)]),
        NumericCase("i64.mul_wide_s", [i64(-1), i64(1)], [u64(.max), u64(.max)]),
        NumericCase("i64.mul_wide_s", [i64(.min), i64(.min)], [u64(0), u64(0x4000_0000_0000_0000)]),
        NumericCase("i64.mul_wide_s", [i64(.min), i64(-1)], [u64(0x8000_0000_0000_0000), u64(0)]),
        NumericCase("i64.mul_wide_s", [i64(.max), i64(2)], [u64(0xFFFF_FFFF_FFFF_FFFE), u64(0)]),
        NumericCase("i64.add128", [u64(.max), u64(0), u64(1), u64(0)], [u64(0), u64(1)]),
        NumericCase("i64.add128", [u64(.max), u64(.max), u64(1), u64(0)], [u64(0), u64(0)]),
        NumericCase("i64.add128", [u64(1), u64(2), u64(3), u64(4)], [u64(4), u64(6)]),
        NumericCase(
            "i64.add128", [u64(1 << 63), u64(0x7FFF_FFFF_FFFF_FFFF), u64(1 << 63), u64(0)],
            [u64(0), u64(0x8000_0000_0000_0000)]),
        NumericCase("i64.sub128", [u64(0), u64(0), u64(1), u64(0)], [u64(.max), u64(.max)]),
        NumericCase("i64.sub128", [u64(0), u64(1), u64(1), u64(0)], [u64(.max), u64(0)]),
        NumericCase("i64.sub128", [u64(5), u64(7), u64(3), u64(2)], [u64(2), u64(5)]),
        NumericCase("i64.sub128", [u64(0), u64(1 << 63), u64(0), u64(1)], [u64(0), u64(0x7FFF_FFFF_FFFF_FFFF)]),
    ])
    func wideArithmetic(_ testCase: NumericCase) throws {
        #expect(try testCase.run() == testCase.results)
        if let folded = try testCase.runWithConstantLast() { #expect(folded == testCase.results) }
    }

    /// `nearest` rounds half-way cases to even, keeps the sign of zero, and does not use floor(x + 0.5).
    @Test(arguments: [
        NumericCase("f32.nearest", [f32(0.5)], [.f32Bits(0x0000_0000)]),
        NumericCase("f32.nearest", [f32(1.5)], [f32(2)]),
        NumericCase("f32.nearest", [f32(2.5)], [f32(2)]),
        NumericCase("f32.nearest", [f32(3.5)], [f32(4)]),
        NumericCase("f32.nearest", [f32(-0.5)], [.f32Bits(0x8000_0000)]),
        NumericCase("f32.nearest", [f32(-1.5)], [f32(-2)]),
        NumericCase("f32.nearest", [f32(-2.5)], [f32(-2)]),
        NumericCase("f32.nearest", [.f32Bits(0x3EFF_FFFF)], [.f32Bits(0)]),  // 0.49999997: floor(x + 0.5) gives 1
        NumericCase("f32.nearest", [.f32Bits(0x4A80_0001)], [.f32Bits(0x4A80_0000)]),  // 4194304.5 -> 4194304
        NumericCase("f32.nearest", [.f32Bits(0x4A80_0003)], [.f32Bits(0x4A80_0004)]),  // 4194305.5 -> 4194306
        NumericCase("f32.nearest", [.f32Bits(0x4B00_0001)], [.f32Bits(0x4B00_0001)]),  // 8388609: already integral
        NumericCase("f64.nearest", [f64(2.5)], [f64(2)]),
        NumericCase("f64.nearest", [f64(-3.5)], [f64(-4)]),
        NumericCase("f64.nearest", [.f64Bits(0x3FDF_FFFF_FFFF_FFFF)], [.f64Bits(0)]),  // 0.49999999999999994
        NumericCase("f64.nearest", [.f64Bits(0x4330_0000_0000_0001)], [.f64Bits(0x4330_0000_0000_0001)]),  // 2^52 + 1
    ])
    func nearestTiesToEven(_ testCase: NumericCase) throws {
        #expect(try testCase.run() == testCase.results)
        if let folded = try testCase.runWithConstantLast() { #expect(folded == testCase.results) }
    }

    /// wasm's min and max order -0 below +0, unlike a comparison-based `Swift.min`.
    @Test(arguments: [
        NumericCase("f32.min", [.f32Bits(0), .f32Bits(0x8000_0000)], [.f32Bits(0x8000_0000)]),
        NumericCase("f32.min", [.f32Bits(0x8000_0000), .f32Bits(0)], [.f32Bits(0x8000_0000)]),
        NumericCase("f32.max", [.f32Bits(0), .f32Bits(0x8000_0000)], [.f32Bits(0)]),
        NumericCase("f32.max", [.f32Bits(0x8000_0000), .f32Bits(0)], [.f32Bits(0)]),
        NumericCase("f32.min", [.f32Bits(0x8000_0000), .f32Bits(0x8000_0000)], [.f32Bits(0x8000_0000)]),
        NumericCase("f32.max", [f32(-.infinity), f32(-1)], [f32(-1)]),
        NumericCase("f64.min", [.f64Bits(0), .f64Bits(0x8000_0000_0000_0000)], [.f64Bits(0x8000_0000_0000_0000)]),
        NumericCase("f64.min", [.f64Bits(0x8000_0000_0000_0000), .f64Bits(0)], [.f64Bits(0x8000_0000_0000_0000)]),
        NumericCase("f64.max", [.f64Bits(0), .f64Bits(0x8000_0000_0000_0000)], [.f64Bits(0)]),
        NumericCase("f64.max", [.f64Bits(0x8000_0000_0000_0000), .f64Bits(0)], [.f64Bits(0)]),
    ])
    func minMaxWithSignedZeros(_ testCase: NumericCase) throws {
        #expect(try testCase.run() == testCase.results)
        if let folded = try testCase.runWithConstantLast() { #expect(folded == testCase.results) }
    }

    /// Sign extension and width changes.
    @Test(arguments: [
        NumericCase("i32.extend8_s", [u32(0x80)], [i32(-128)]),
        NumericCase("i32.extend8_s", [u32(0x1_7F)], [i32(127)]),
        NumericCase("i32.extend16_s", [u32(0x8000)], [u32(0xFFFF_8000)]),
        NumericCase("i64.extend8_s", [u64(0x1FF)], [i64(-1)]),
        NumericCase("i64.extend32_s", [u64(0x8000_0000)], [u64(0xFFFF_FFFF_8000_0000)]),
        NumericCase("i32.wrap_i64", [u64(0x1_0000_0005)], [u32(5)]),
        NumericCase("i64.extend_i32_s", [i32(-1)], [i64(-1)]),
        NumericCase("i64.extend_i32_u", [i32(-1)], [u64(0xFFFF_FFFF)]),
    ])
    func extensionsAndWrapping(_ testCase: NumericCase) throws {
        #expect(try testCase.run() == testCase.results)
        if let folded = try testCase.runWithConstantLast() { #expect(folded == testCase.results) }
    }

    /// Lowering runs two i32 operations in a row as one op (`i32XorThenAdd`, `i32ShlImmThenXor`,
    /// ...). Every pair, with the first result as either operand of the second and the first
    /// operation's right operand as a parameter or a constant, must equal the two one by one.
    @Test(arguments: ["add", "sub", "mul", "and", "or", "xor", "shl", "shr_u", "rotl"])
    func fusedI32PairsMatchTheOperationsOneByOne(first: String) throws {
        let operations: [String: (UInt32, UInt32) -> UInt32] = [
            "add": { $0 &+ $1 }, "sub": { $0 &- $1 }, "mul": { $0 &* $1 }, "and": { $0 & $1 },
            "or": { $0 | $1 }, "xor": { $0 ^ $1 }, "shl": { $0 &<< $1 }, "shr_u": { $0 &>> $1 },
            "rotl": { ($0 &<< ($1 & 31)) | ($0 &>> ((32 &- ($1 & 31)) & 31)) },
        ]
        let firstOperation = try #require(operations[first])
        let values: [UInt32] = [0, 1, 7, 31, 33, 0x8000_0001, 0xFFFF_FFFF, 0x1234_5678]
        for second in ["add", "xor", "and", "or"] {
            let secondOperation = try #require(operations[second])
            for constant in [UInt32(3), 0x8765_4321] {
                let k = Int32(bitPattern: constant)
                let module = try Module(
                    wat: """
                        (module
                          (func (export "left") (param i32 i32 i32) (result i32)
                            local.get 0 local.get 1 i32.\(first) local.get 2 i32.\(second))
                          (func (export "right") (param i32 i32 i32) (result i32)
                            local.get 2 local.get 0 local.get 1 i32.\(first) i32.\(second))
                          (func (export "imm") (param i32 i32) (result i32)
                            local.get 1 local.get 0 i32.const \(k) i32.\(first) i32.\(second)))
                        """)
                #expect(module.codeListing.contains("Then"))
                let instance = try Store().instantiate(module)
                for x in values {
                    for y in values {
                        for z in values.prefix(4) {
                            let expected: [Value] = [.i32(secondOperation(firstOperation(x, y), z))]
                            #expect(try instance.call("left", .i32(x), .i32(y), .i32(z)) == expected)
                            #expect(try instance.call("right", .i32(x), .i32(y), .i32(z)) == expected)
                        }
                        let expected: [Value] = [.i32(secondOperation(firstOperation(x, constant), y))]
                        #expect(try instance.call("imm", .i32(x), .i32(y)) == expected, "\(first) \(second) k=\(k)")
                    }
                }
            }
        }
    }

    /// Lowering runs a memory-0 load into a stack slot and the operation that consumes it as one op
    /// (`i32Load8UThenAdd`, `f64LoadThenSub`, ...). With the loaded value as either operand, each
    /// must equal the two one by one, canonicalise a NaN result, and trap as the load.
    @Test(arguments: [
        ("i32.load8_u", "i32.add"), ("i32.load8_u", "i32.xor"), ("i32.load", "i32.add"), ("i32.load", "i32.xor"),
        ("f64.load", "f64.add"), ("f64.load", "f64.sub"), ("f64.load", "f64.mul"),
    ])
    func fusedLoadsMatchTheOperationsOneByOne(load: String, operation: String) throws {
        let type = String(operation.prefix(3))
        let module = try Module(
            wat: """
                (module
                  (memory 1)
                  (func (export "store") (param i32 i64) local.get 0 local.get 1 i64.store)
                  (func (export "left") (param i32 \(type)) (result \(type))
                    local.get 0 \(load) offset=2 local.get 1 \(operation))
                  (func (export "right") (param i32 \(type)) (result \(type))
                    local.get 1 local.get 0 i32.const 1 i32.add \(load) offset=1 \(operation)))
                """)
        #expect(module.codeListing.contains("LoadThen") || module.codeListing.contains("Load8UThen"))
        let instance = try Store().instantiate(module)
        let operations: [String: (UInt64, UInt64) -> UInt64] = [
            "i32.add": { UInt64(UInt32(truncatingIfNeeded: $0) &+ UInt32(truncatingIfNeeded: $1)) },
            "i32.xor": { UInt64(UInt32(truncatingIfNeeded: $0) ^ UInt32(truncatingIfNeeded: $1)) },
            "f64.add": { (Double(bitPattern: $0) + Double(bitPattern: $1)).bitPattern },
            "f64.sub": { (Double(bitPattern: $0) - Double(bitPattern: $1)).bitPattern },
            "f64.mul": { (Double(bitPattern: $0) * Double(bitPattern: $1)).bitPattern },
        ]
        let compute = try #require(operations[operation])
        let width: UInt64 = load == "i32.load8_u" ? 0xFF : load == "i32.load" ? 0xFFFF_FFFF : UInt64.max
        let patterns: [UInt64] = [
            0, 1, 0x8000_0000_0000_0001, 0x3FF0_0000_0000_0000, 0x7FF0_0000_0000_0000, 0xFFF8_0000_0000_0000,
            0x7FF4_0000_0000_0001, 0xC008_0000_0000_0000, 0x1234_5678_9ABC_DEF0,
        ]
        func value(_ bits: UInt64) -> Value { type == "i32" ? .i32(UInt32(truncatingIfNeeded: bits)) : .f64Bits(bits) }
        for stored in patterns {
            _ = try instance.call("store", .i32(100), .i64(Int64(bitPattern: stored)))
            let loaded = stored & width
            for other in patterns {
                for (export, x, y) in [("left", loaded, other), ("right", other, loaded)] {
                    var expected = compute(x, y)
                    if type == "f64", Double(bitPattern: expected).isNaN { expected = 0x7FF8_0000_0000_0000 }
                    let result = try instance.call(export, .i32(98), value(other))
                    #expect(result == [value(expected)], "\(export) \(load) \(operation) \(stored) \(other)")
                }
            }
        }
        for export in ["left", "right"] {
            let error = #expect(throws: Trap.self) { _ = try instance.call(export, .i32(65_535), value(0)) }
            #expect(error?.code == .outOfBoundsMemoryAccess)
        }
    }

    /// `i32.add` of a constant, `local.tee` to one local, then `local.set` to another run as one op
    /// (`i32AddImmAndCopy`): both locals must hold the sum, also when the second local is the
    /// addition's own operand.
    @Test func additionTeedIntoTwoLocalsWritesBoth() throws {
        let module = try Module(
            wat: """
                (module
                  (func (export "own") (param i32) (result i32 i32) (local i32)
                    local.get 0 i32.const -2 i32.add local.tee 1 local.set 0 local.get 0 local.get 1)
                  (func (export "other") (param i32 i32) (result i32 i32 i32) (local i32)
                    local.get 0 i32.const 7 i32.add local.tee 2 local.set 1 local.get 0 local.get 1 local.get 2))
                """)
        #expect(module.codeListing.contains("i32AddImmAndCopy"))
        let instance = try Store().instantiate(module)
        #expect(try instance.call("own", .i32(5)) == [.i32(3), .i32(3)])
        #expect(try instance.call("own", .i32(1)) == [.i32(-1), .i32(-1)])
        #expect(try instance.call("other", .i32(10), .i32(99)) == [.i32(10), .i32(17), .i32(17)])
        #expect(try instance.call("other", .i32(-1), .i32(0)) == [.i32(-1), .i32(6), .i32(6)])
    }

    /// Two copies in a row run as one op (`copy2`), in order: the second sees what the first wrote.
    @Test func twoCopiesInARowRunInOrder() throws {
        let module = try Module(
            wat: """
                (module
                  (func (export "chain") (param i32 i32 i32) (result i32 i32 i32)
                    local.get 0 local.set 1 local.get 1 local.set 2 local.get 0 local.get 1 local.get 2)
                  (func (export "rotate") (param i32 i32 i32) (result i32 i32 i32) (local i32)
                    local.get 0 local.set 3 local.get 1 local.set 0 local.get 2 local.set 1 local.get 3 local.set 2
                    local.get 0 local.get 1 local.get 2))
                """)
        #expect(module.codeListing.contains("copy2"))
        let instance = try Store().instantiate(module)
        #expect(try instance.call("chain", .i32(7), .i32(8), .i32(9)) == [.i32(7), .i32(7), .i32(7)])
        #expect(try instance.call("rotate", .i32(7), .i32(8), .i32(9)) == [.i32(8), .i32(9), .i32(7)])
    }

    /// `x += y` on an f64 in memory runs as one op (`f64AddToMemory`): the stored sum must be the
    /// addition's, a NaN stored as the canonical NaN, and an address out of bounds traps.
    /// `v -= a * b` on an f64 in memory, the load written before `a * b` is computed: Lowering moves
    /// the load down past the multiplication and fuses the rest (`f64SubFromMemory`). The result
    /// must be the instructions' (canonical NaN included), and an access out of bounds must trap
    /// at the load's byte offset, as before the move.
    @Test func f64SubtractionFromMemoryAfterAProductStoresTheDifference() throws {
        let wat = """
            (module
              (memory (export "memory") 1)
              (func (export "subFrom") (param i32 f64 f64)
                local.get 0 local.get 0 f64.load offset=8 local.get 1 local.get 2 f64.mul f64.sub
                f64.store offset=8)
              (func (export "at") (param i32) (result f64) local.get 0 f64.load offset=8))
            """
        let module = try Module(wat: wat)
        #expect(module.codeListing.contains("f64SubFromMemory"))
        let instance = try Store().instantiate(module)
        let values: [UInt64] = [
            0, 0x3FF0_0000_0000_0000, 0x7FF0_0000_0000_0000, 0xFFF0_0000_0000_0000, 0x7FF4_0000_0000_0001,
            0xC00C_0000_0000_0000,
        ]
        let memory = try #require(instance.memory(named: "memory"))
        for x in values {
            for y in values {
                for z in values.prefix(3) {
                    try memory.write((0..<8).map { UInt8(truncatingIfNeeded: x >> (8 * $0)) }, at: 24)
                    _ = try instance.call("subFrom", .i32(16), .f64Bits(y), .f64Bits(z))
                    let product = Double(bitPattern: y) * Double(bitPattern: z)
                    var expected = (Double(bitPattern: x) - product).bitPattern
                    if Double(bitPattern: expected).isNaN { expected = 0x7FF8_0000_0000_0000 }
                    #expect(try instance.call("at", .i32(16)) == [.f64Bits(expected)])
                }
            }
        }
        let trap = try #require(
            #expect(throws: Trap.self) { _ = try instance.call("subFrom", .i32(65_530), .f64(1), .f64(2)) })
        #expect(trap.code == .outOfBoundsMemoryAccess)
        // The byte offset of the `f64.load` in the module: its opcode 0x2B followed by align 3, offset 8.
        let bytes = try wat2wasm(wat)
        let loadOffset = try #require(
            bytes.indices.first { bytes[$0] == 0x2B && bytes[$0 + 1] == 0x03 && bytes[$0 + 2] == 0x08 })
        #expect(trap.byteOffset == loadOffset)
    }

    @Test func f64AdditionToMemoryStoresTheSum() throws {
        let module = try Module(
            wat: """
                (module
                  (memory (export "memory") 1)
                  (func (export "addTo") (param i32 f64)
                    local.get 0 local.get 0 f64.load offset=8 local.get 1 f64.add f64.store offset=8)
                  (func (export "at") (param i32) (result f64) local.get 0 f64.load offset=8))
                """)
        #expect(module.codeListing.contains("f64AddToMemory"))
        let instance = try Store().instantiate(module)
        let values: [UInt64] = [
            0, 0x3FF0_0000_0000_0000, 0x7FF0_0000_0000_0000, 0xFFF0_0000_0000_0000, 0x7FF4_0000_0000_0001,
        ]
        for x in values {
            for y in values {
                let memory = try #require(instance.memory(named: "memory"))
                try memory.write((0..<8).map { UInt8(truncatingIfNeeded: x >> (8 * $0)) }, at: 24)
                _ = try instance.call("addTo", .i32(16), .f64Bits(y))
                var expected = (Double(bitPattern: x) + Double(bitPattern: y)).bitPattern
                if Double(bitPattern: expected).isNaN { expected = 0x7FF8_0000_0000_0000 }
                #expect(try instance.call("at", .i32(16)) == [.f64Bits(expected)])
            }
        }
        let error = #expect(throws: Trap.self) { _ = try instance.call("addTo", .i32(65_530), .f64(1)) }
        #expect(error?.code == .outOfBoundsMemoryAccess)
    }

    /// A load and a compare-and-branch on its value run as one op (`i32LoadThenBrIfLtS`, ...), with
    /// the loaded value on either side of the comparison; each must branch as the instructions one
    /// by one do, and leave the loaded value in the local it was teed to.
    @Test(arguments: ["i32.load", "i32.load8_u"])
    func fusedLoadAndBranchMatchesTheInstructions(load: String) throws {
        let compares: [(String, (Int32, Int32) -> Bool)] = [
            ("i32.lt_s", { $0 < $1 }), ("i32.gt_s", { $0 > $1 }), ("i32.ne", { $0 != $1 }),
        ]
        let loaded = "(local.tee 2 (\(load) offset=4 (local.get 0)))"
        var functions = ""
        for (name, _) in compares {
            for (side, operands) in [("left", "\(loaded) (local.get 1)"), ("right", "(local.get 1) \(loaded)")] {
                functions += """
                    (func (export "\(name)-\(side)") (param i32 i32) (result i32) (local i32)
                      (block $b (br_if $b (\(name) \(operands))) (return (i32.sub (i32.const 0) (local.get 2))))
                      (local.get 2))

                    """
            }
        }
        let module = try Module(wat: "(module (memory (export \"memory\") 1) \(functions))")
        #expect(module.codeListing.contains("i32LoadThenBrIf") || module.codeListing.contains("i32Load8UThenBrIf"))
        let instance = try Store().instantiate(module)
        let memory = try #require(instance.memory(named: "memory"))
        let values: [UInt32] = [0, 1, 0x7F, 0x80, 0xFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF]
        for stored in values {
            try memory.write((0..<4).map { UInt8(truncatingIfNeeded: stored >> (8 * $0)) }, at: 104)
            let value = Int32(bitPattern: load == "i32.load" ? stored : stored & 0xFF)
            for other in values.map({ Int32(bitPattern: $0) }) {
                for (name, holds) in compares {
                    for (side, taken) in [("left", holds(value, other)), ("right", holds(other, value))] {
                        let expected: Int32 = taken ? value : 0 &- value
                        let result = try instance.call("\(name)-\(side)", .i32(100), .i32(other))
                        #expect(result == [.i32(expected)], "\(load) \(name) \(side) \(stored) \(other)")
                    }
                }
            }
        }
        let error = #expect(throws: Trap.self) { _ = try instance.call("i32.ne-left", .i32(65_533), .i32(0)) }
        #expect(error?.code == .outOfBoundsMemoryAccess)
    }

    /// Lowering runs a loop step (`i32.add` of a constant or of a slot, written to a local) and the
    /// compare-and-branch on the sum right after it as one op (`i32AddThenBrIfLtUImm`, ...). With the
    /// test against a constant or a slot, each must write the sum and branch as the two would.
    @Test(arguments: [("ne", "Ne"), ("lt_u", "LtU"), ("ge_u", "GeU"), ("gt_s", "GtS")])
    func fusedStepAndTestMatchTheInstructionsOneByOne(compare: String, opName: String) throws {
        let values: [UInt32] = [0, 1, 5, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1234_5678]
        let holds: [String: (UInt32, UInt32) -> Bool] = [
            "ne": { $0 != $1 }, "lt_u": { $0 < $1 }, "ge_u": { $0 >= $1 },
            "gt_s": { Int32(bitPattern: $0) > Int32(bitPattern: $1) },
        ]
        let test = try #require(holds[compare])
        for k in [UInt32(1), 0xFFFF_FFFC] {
            for n in [UInt32(6), 0x8000_0001] {
                let step = ["local.get 1", "i32.const \(Int32(bitPattern: k))"]
                let limit = ["local.get 2", "i32.const \(Int32(bitPattern: n))"]
                var functions = ""
                for (s, stepCode) in step.enumerated() {
                    for (t, limitCode) in limit.enumerated() {
                        functions += """
                            (func (export "f\(s)\(t)") (param i32 i32 i32) (result i32)
                              (block $taken
                                local.get 0 \(stepCode) i32.add local.tee 0 \(limitCode) i32.\(compare) br_if $taken
                                local.get 0 i64.extend_i32_u i64.const 0x100000000 i64.or i32.wrap_i64
                                i32.const 0x55 i32.xor return)
                              local.get 0)

                            """
                    }
                }
                let module = try Module(wat: "(module \(functions))")
                #expect(module.codeListing.contains("i32AddThenBrIf\(opName)"))
                #expect(module.codeListing.contains("i32AddImmThenBrIf\(opName)"))
                let instance = try Store().instantiate(module)
                for x in values {
                    let sum = x &+ k
                    let expected: [Value] = [.i32(test(sum, n) ? sum : sum ^ 0x55)]
                    for s in 0..<2 {
                        for t in 0..<2 {
                            let result = try instance.call("f\(s)\(t)", .i32(x), .i32(k), .i32(n))
                            #expect(result == expected, "f\(s)\(t) x=\(x) k=\(k) n=\(n)")
                        }
                    }
                }
            }
        }
    }

    /// Lowering tests an f64 sum against a constant without storing it (`brIfF64AddGtImm`, ...)
    /// when the comparison consumed the sum. Both branch senses (`br_if` on the comparison and on
    /// its `i32.eqz`), NaNs, infinities and signed zeros included, must branch as the instructions do.
    @Test(arguments: [("lt", "Lt"), ("gt", "Gt"), ("le", "Le"), ("ge", "Ge")])
    func f64SumTestedAgainstAConstantBranchesAsTheInstructions(compare: String, opName: String) throws {
        let holds: [String: (Double, Double) -> Bool] = [
            "lt": { $0 < $1 }, "gt": { $0 > $1 }, "le": { $0 <= $1 }, "ge": { $0 >= $1 },
        ]
        let test = try #require(holds[compare])
        let module = try Module(
            wat: """
                (module
                  (func (export "holds") (param f64 f64) (result i32)
                    (block $taken
                      local.get 0 local.get 1 f64.add f64.const 4 f64.\(compare) br_if $taken
                      i32.const 0 return)
                    i32.const 1)
                  (func (export "fails") (param f64 f64) (result i32)
                    (block $taken
                      local.get 0 local.get 1 f64.add f64.const 4 f64.\(compare) i32.eqz br_if $taken
                      i32.const 1 return)
                    i32.const 0))
                """)
        #expect(module.codeListing.contains("brIfF64Add\(opName)Imm"))
        #expect(module.codeListing.contains("brIfNotF64Add\(opName)Imm"))
        let instance = try Store().instantiate(module)
        let values: [Double] = [0, -0.0, 2, 2.000_000_000_000_001, 4, -4, 1e308, .infinity, -.infinity, .nan, 3.5]
        for x in values {
            for y in values {
                let expected: [Value] = [.i32(UInt32(test(x + y, 4) ? 1 : 0))]
                #expect(try instance.call("holds", .f64(x), .f64(y)) == expected, "\(x) + \(y)")
                #expect(try instance.call("fails", .f64(x), .f64(y)) == expected, "\(x) + \(y)")
            }
        }
    }

    /// A load, then a step of its own pointer (`p -= 4`, kept in two locals), then a test of the
    /// loaded value: Lowering moves the load below the step, taking the step back out of its
    /// address, and fuses it with the branch. And two in-place steps before a load-and-branch
    /// (`while (a[++i] < pivot)`) become one `i32AddImmPair`. Both scans must stop where the
    /// instructions one by one stop, and trap where they trap (the pointer wrapping below 0 too).
    @Test func scansWithMovedLoadsAndPairedStepsMatchTheInstructions() throws {
        let module = try Module(
            wat: """
                (module
                  (memory (export "memory") 1)
                  (func (export "scanDown") (param $p i32) (param $pivot i32) (result i32) (local $x i32) (local $q i32)
                    (loop $l
                      local.get $p i32.load local.set $x
                      local.get $p i32.const -4 i32.add local.tee $p local.set $q
                      local.get $x local.get $pivot i32.gt_s br_if $l)
                    local.get $q)
                  (func (export "scanUp") (param $i i32) (param $p i32) (param $pivot i32) (result i32)
                    (loop $l
                      local.get $i i32.const 1 i32.add local.set $i
                      local.get $p i32.const 4 i32.add local.set $p
                      local.get $p i32.load offset=8 local.get $pivot i32.lt_s br_if $l)
                    local.get $i i32.const 20 i32.shl local.get $p i32.xor))
                """)
        #expect(module.codeListing.contains("i32AddImmAndCopy"))
        #expect(module.codeListing.contains("i32LoadThenBrIfGtS"))
        #expect(module.codeListing.contains("i32AddImmPair"))
        #expect(module.codeListing.contains("i32LoadThenBrIfLtS"))
        let instance = try Store().instantiate(module)
        let memory = try #require(instance.memory(named: "memory"))
        // Little-endian i32s: the value at byte address a is (a / 4) % 7 at every 4-aligned a.
        var bytes = [UInt8](repeating: 0, count: 65_536)
        for address in stride(from: 0, to: 65_536, by: 4) { bytes[address] = UInt8((address / 4) % 7) }
        try memory.write(bytes, at: 0)
        func word(at address: UInt32) -> Int32? {
            guard UInt64(address) + 4 <= 65_536 else { return nil }
            let a = Int(address)
            return Int32(
                bitPattern: UInt32(bytes[a]) | UInt32(bytes[a + 1]) << 8 | UInt32(bytes[a + 2]) << 16
                    | UInt32(bytes[a + 3]) << 24)
        }
        for start in [UInt32(0), 2, 4, 40, 41, 400, 65_532, 65_533, 70_000] {
            for pivot in [Int32(-1), 0, 3, 5, 7] {
                var p = start
                var outcome: Outcome
                while true {
                    guard let x = word(at: p) else {
                        outcome = .trap(.outOfBoundsMemoryAccess)
                        break
                    }
                    p = p &- 4
                    if !(x > pivot) {
                        outcome = .value(.i32(p))
                        break
                    }
                }
                outcome.check { try instance.call("scanDown", .i32(start), .i32(pivot)) }
                var i: UInt32 = 7
                p = start
                while true {
                    i = i &+ 1
                    p = p &+ 4
                    guard let x = UInt64(p) + 8 <= UInt64(UInt32.max) ? word(at: p + 8) : nil else {
                        outcome = .trap(.outOfBoundsMemoryAccess)
                        break
                    }
                    if !(x < pivot) {
                        outcome = .value(.i32(i << 20 ^ p))
                        break
                    }
                }
                outcome.check { try instance.call("scanUp", .i32(7), .i32(start), .i32(pivot)) }
            }
        }
    }
}
