import Testing

@testable import ReproWasm

@Suite struct NumericLiteralTests {
    // MARK: Integers

    @Test(arguments: [
        ("0", 32, UInt64(0)), ("-0", 32, 0), ("+0", 32, 0), ("4294967295", 32, 0xFFFF_FFFF),
        ("-2147483648", 32, 0x8000_0000), ("+2147483647", 32, 0x7FFF_FFFF), ("0xffff_ffff", 32, 0xFFFF_FFFF),
        ("-0x8000_0000", 32, 0x8000_0000), ("1_000_000", 32, 1_000_000),
        ("-9223372036854775808", 64, 0x8000_0000_0000_0000), ("-0x8000000000000000", 64, 0x8000_0000_0000_0000),
        ("18446744073709551615", 64, .max), ("0xFFFFFFFFFFFFFFFF", 64, .max), ("-1", 64, .max), ("-1", 8, 0xFF),
        ("255", 8, 0xFF), ("-128", 8, 0x80),
    ])
    func readsIntegers(text: String, bits: Int, expected: UInt64) throws {
        #expect(try NumericLiteral.integer(text, bits: bits) == expected)
    }

    @Test(arguments: [
        ("4294967296", 32), ("-2147483649", 32), ("+2147483648", 32), ("0x1_0000_0000", 32),
        ("-9223372036854775809", 64), ("18446744073709551616", 64), ("0x1_0000_0000_0000_0000", 64),
        ("99999999999999999999999", 64), ("256", 8), ("-129", 8),
    ])
    func rejectsIntegersOutOfRange(text: String, bits: Int) {
        #expect(throws: NumericLiteral.Failure.outOfRange) { try NumericLiteral.integer(text, bits: bits) }
    }

    @Test(arguments: ["", "-", "_1", "1_", "1__0", "0x", "0x_1", "1a", "0x1g", "--1", "+-1", "1.0", "nan", "0X10"])
    func rejectsMalformedIntegers(text: String) {
        #expect(throws: NumericLiteral.Failure.malformed) { try NumericLiteral.integer(text, bits: 32) }
    }

    @Test func indicesTakeNoSign() {
        #expect(throws: NumericLiteral.Failure.malformed) { try NumericLiteral.unsigned("+1", bits: 32) }
        #expect(throws: NumericLiteral.Failure.outOfRange) { try NumericLiteral.unsigned("4294967296", bits: 32) }
        #expect((try? NumericLiteral.unsigned("0x10", bits: 32)) == 16)
    }

    // MARK: Floats

    @Test(arguments: [
        // exact values, signed zeros, infinities
        ("0", UInt32(0)), ("-0", 0x8000_0000), ("-0.0", 0x8000_0000), ("+0x0p0", 0), ("1", 0x3F80_0000),
        ("0x1.8p1", 0x4040_0000), ("-0x1p-1", 0xBF00_0000), ("inf", 0x7F80_0000), ("-inf", 0xFF80_0000),
        ("1_000.5e0_0", 0x447A_2000),
        // NaNs: canonical, payloads, signs
        ("nan", 0x7FC0_0000), ("-nan", 0xFFC0_0000), ("nan:0x1", 0x7F80_0001), ("-nan:0x1", 0xFF80_0001),
        ("nan:0x7f_ffff", 0x7FFF_FFFF), ("nan:0x200000", 0x7FA0_0000),
        // hex rounding, round to nearest even
        ("0x1.000001p0", 0x3F80_0000),  // exactly halfway between 1 and its successor: even (down)
        ("0x1.000003p0", 0x3F80_0002),  // halfway, odd below: up
        ("0x1.0000011p0", 0x3F80_0001),  // above halfway
        ("0x1.00000100000000000000000001p0", 0x3F80_0001),  // a far digit decides (sticky bit)
        ("0x1.fffffep127", 0x7F7F_FFFF),  // largest finite
        ("0x1.fffffefffffffffffp127", 0x7F7F_FFFF),  // just below halfway to 2^128: still finite
        ("0x1p-126", 0x0080_0000),  // smallest normal
        ("0x1p-149", 0x0000_0001),  // smallest subnormal
        ("0x1p-150", 0x0000_0000),  // halfway to the smallest subnormal: even (zero)
        ("0x1.8p-150", 0x0000_0001),  // above halfway
        ("0x1.fffffcp-127", 0x007F_FFFF),  // largest subnormal
        ("0x1.fffffep-127", 0x0080_0000),  // halfway above it: rounds up into the normals
        ("0x0.00000000000000000000001p-100", 0),  // 2^-192: far below everything
        ("0x0.00000000000000000000001p-50", 0x80),  // 2^-142: a subnormal
        // decimal: correctly rounded directly to f32, not through f64
        ("1.000000059604644775390625", 0x3F80_0000),  // 1 + 2^-24 exactly: ties to even
        ("1.00000005960464477539062500001", 0x3F80_0001),  // via f64 this would be a tie and round down
        ("3.4028234663852886e38", 0x7F7F_FFFF), ("1.401298464324817e-45", 0x0000_0001), ("7e-46", 0x0000_0000),
    ])
    func readsF32(text: String, bits: UInt32) throws {
        #expect(try NumericLiteral.float32(text) == bits)
    }

    @Test(arguments: [
        "0x1.ffffffp127",  // halfway to 2^128: rounds to even, which is infinity
        "0x1p128", "3.5e38", "1e39", "0x1p+1000000000000", "nan:0x0", "nan:0x80_0000",
    ])
    func rejectsF32OutOfRange(text: String) {
        #expect(throws: NumericLiteral.Failure.outOfRange) { try NumericLiteral.float32(text) }
    }

    @Test(arguments: [
        "", ".5", "1.e", "1e", "0x.8p1", "0x1p", "1.5x", "infinity", "nan:1", "nan:0x", "0x1.8q3", "1__0.0",
    ])
    func rejectsMalformedFloats(text: String) {
        #expect(throws: NumericLiteral.Failure.malformed) { try NumericLiteral.float32(text) }
    }

    @Test(arguments: [
        ("-0", UInt64(0x8000_0000_0000_0000)), ("0x1p-1074", 1), ("0x1p-1075", 0), ("0x1.8p-1075", 1),
        ("0x1.fffffffffffffp1023", 0x7FEF_FFFF_FFFF_FFFF), ("nan:0x1", 0x7FF0_0000_0000_0001),
        ("nan:0xf_ffff_ffff_ffff", 0x7FFF_FFFF_FFFF_FFFF), ("0x1.00000000000008p0", 0x3FF0_0000_0000_0000),
        ("0x1.00000000000018p0", 0x3FF0_0000_0000_0002), ("0x1.000000000000080000001p0", 0x3FF0_0000_0000_0001),
        ("2.2250738585072014e-308", 0x0010_0000_0000_0000), ("1.7976931348623157e308", 0x7FEF_FFFF_FFFF_FFFF),
    ])
    func readsF64(text: String, bits: UInt64) throws {
        #expect(try NumericLiteral.float64(text) == bits)
    }

    @Test func rejectsF64OutOfRange() {
        #expect(throws: NumericLiteral.Failure.outOfRange) { try NumericLiteral.float64("0x1.fffffffffffff8p1023") }
        #expect(throws: NumericLiteral.Failure.outOfRange) { try NumericLiteral.float64("1.8e308") }
        #expect(throws: NumericLiteral.Failure.outOfRange) { try NumericLiteral.float64("nan:0x10_0000_0000_0000") }
    }

    /// Hex floats against the standard library's own (correctly rounded) hex conversion, over a
    /// deterministic sample that crosses every region: normals, subnormals, the rounding boundary to
    /// zero, and overflow.
    @Test func hexFloatsAgreeWithTheStandardLibrary() throws {
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<20_000 {
            let digits = (0..<Int(generator.next() % 20 + 1)).map { _ in
                String(generator.next() % 16, radix: 16)
            }.joined()
            let split = Int(generator.next() % UInt64(digits.count + 1))
            let integer = split == 0 ? "0" : String(digits.prefix(split))
            let fraction = String(digits.dropFirst(split))
            let exponent = Int(generator.next() % 2400) - 1200
            let text = "0x\(integer).\(fraction)p\(exponent)"
            let expected32 = Float(text)!
            if expected32.isInfinite {
                #expect(throws: NumericLiteral.Failure.outOfRange, "\(text)") { try NumericLiteral.float32(text) }
            } else {
                #expect(try NumericLiteral.float32(text) == expected32.bitPattern, "\(text)")
            }
            let expected64 = Double(text)!
            if expected64.isInfinite {
                #expect(throws: NumericLiteral.Failure.outOfRange, "\(text)") { try NumericLiteral.float64(text) }
            } else {
                #expect(try NumericLiteral.float64(text) == expected64.bitPattern, "\(text)")
            }
        }
    }
}

/// A small deterministic generator (SplitMix64), so the sample is the same on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
