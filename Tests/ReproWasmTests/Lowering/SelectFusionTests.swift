import Testing

@testable import ReproWasm

/// An i32 or i64 comparison whose result only `select` consumes runs as one compare-and-select op
/// (`selectI32LtS`, `selectI64GeUImm`, ...), which must pick what the two instructions pick.
@Suite struct SelectFusionTests {
    static let comparisons = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"]

    /// What `type.comparison` gives for `x` and `y` (the i32 ones on the low 32 bits).
    static func holds(_ comparison: String, _ type: String, _ x: UInt64, _ y: UInt64) -> Bool {
        let (ux, uy) = type == "i32" ? (x & 0xFFFF_FFFF, y & 0xFFFF_FFFF) : (x, y)
        let (sx, sy) =
            type == "i32"
            ? (Int64(Int32(truncatingIfNeeded: x)), Int64(Int32(truncatingIfNeeded: y)))
            : (Int64(bitPattern: x), Int64(bitPattern: y))
        switch comparison {
        case "eq": return ux == uy
        case "ne": return ux != uy
        case "lt_s": return sx < sy
        case "lt_u": return ux < uy
        case "gt_s": return sx > sy
        case "gt_u": return ux > uy
        case "le_s": return sx <= sy
        case "le_u": return ux <= uy
        case "ge_s": return sx >= sy
        default: return ux >= uy
        }
    }

    @Test(arguments: ["i32", "i64"], comparisons)
    func compareAndSelectPicksAsTheInstructions(type: String, comparison: String) throws {
        let module = try Module(
            wat: """
                (module
                  (func (export "slots") (param \(type) \(type) i64 i64) (result i64)
                    (select (local.get 2) (local.get 3) (\(type).\(comparison) (local.get 0) (local.get 1))))
                  (func (export "constant") (param \(type) i64 i64) (result i64)
                    (select (local.get 1) (local.get 2) (\(type).\(comparison) (local.get 0) (\(type).const -2))))
                  (func (export "eqz") (param \(type) i64 i64) (result i64)
                    (select (local.get 1) (local.get 2) (\(type).eqz (local.get 0)))))
                """)
        let name = comparison.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        let fused = "select" + type.uppercased() + name
        let listing = module.codeListing
        #expect(listing.contains(fused + " "), "\(listing)")
        #expect(listing.contains(fused + "Imm"), "\(listing)")
        #expect(listing.contains("select" + type.uppercased() + "EqImm"), "\(listing)")
        let instance = try Store().instantiate(module)
        let values: [UInt64] = [0, 1, 2, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFE, 0xFFFF_FFFF_FFFF_FFFE, 1 << 63]
        func argument(_ bits: UInt64) -> Value {
            type == "i32" ? .i32(UInt32(truncatingIfNeeded: bits)) : .i64(bits)
        }
        for x in values {
            let constantExpected: UInt64 = Self.holds(comparison, type, x, 0xFFFF_FFFF_FFFF_FFFE) ? 11 : 22
            #expect(try instance.call("constant", argument(x), .i64(11), .i64(22)) == [.i64(constantExpected)])
            let zeroExpected: UInt64 = Self.holds("eq", type, x, 0) ? 11 : 22
            #expect(try instance.call("eqz", argument(x), .i64(11), .i64(22)) == [.i64(zeroExpected)])
            for y in values {
                let expected: UInt64 = Self.holds(comparison, type, x, y) ? 11 : 22
                let got = try instance.call("slots", argument(x), argument(y), .i64(11), .i64(22))
                #expect(got == [.i64(expected)], "\(type).\(comparison) \(x) \(y)")
            }
        }
    }

    /// A comparison whose result is also kept (teed into a local) is not fused into the `select`.
    @Test func aComparisonKeptElsewhereStaysApart() throws {
        let module = try Module(
            wat: """
                (module
                  (func (export "f") (param i32 i32) (result i32) (local i32)
                    (select (local.get 0) (local.get 1) (local.tee 2 (i32.lt_s (local.get 0) (local.get 1))))
                    (local.get 2) i32.add))
                """)
        #expect(!module.codeListing.contains("selectI32"))
        let instance = try Store().instantiate(module)
        #expect(try instance.call("f", .i32(3), .i32(5)) == [.i32(4)])
        #expect(try instance.call("f", .i32(5), .i32(3)) == [.i32(3)])
    }
}
