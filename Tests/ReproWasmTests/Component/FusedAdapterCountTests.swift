import Testing

@testable import ReproWasm

/// The model of wasmtime's fused adapters (`Store.countsFusedAdapters`), on the signatures whose
/// counts were measured against numcodecs-wasm 0.2.5 with scripts/codec-boundary-probe/probe.py.
struct FusedAdapterCountTests {
    static func function(_ parameters: [CanonicalType], _ result: CanonicalType?) -> CanonicalFunctionType {
        CanonicalFunctionType(parameters: parameters.map { (label: "p", type: $0) }, result: result)
    }

    static func total(_ type: CanonicalFunctionType, _ arguments: [ComponentValue], _ results: [ComponentValue])
        -> UInt64?
    {
        guard let before = FusedAdapterCount.beforeCall(type, arguments: arguments),
            let after = FusedAdapterCount.afterCall(type, results: results)
        else { return nil }
        return before + after
    }

    /// `get-random-u64`: the two flag checks and the body's `end` (reference: +3).
    @Test func aScalarCallCountsThree() {
        let type = Self.function([], .u64)
        #expect(FusedAdapterCount.isModelled(type))
        #expect(Self.total(type, [], [.u64(7)]) == 3)
    }

    /// `get-random-bytes(n)`: a `list<u8>` result through memory (reference: 13, then 16 + n).
    @Test(arguments: [0, 1, 8, 16, 1000]) func aByteListResultCountsPerByte(count: Int) {
        let type = Self.function([.u64], .list(.u8))
        let bytes = ComponentValue.list(Array(repeating: .u8(0), count: count))
        #expect(Self.total(type, [.u64(UInt64(count))], [bytes]) == (count == 0 ? 13 : 16 + UInt64(count)))
        // Lifted from the provider, the bytes are a packed list: the count is the same.
        let packed = ComponentValue.packedList(PackedList([UInt8](repeating: 0, count: count)))
        #expect(Self.total(type, [.u64(UInt64(count))], [packed]) == (count == 0 ? 13 : 16 + UInt64(count)))
    }

    /// A variant costs its case count plus 4 wherever the case is, plus its payload's translation.
    @Test func variantsCountTheirCasesAndPayload() {
        let type = CanonicalType.variant([("a", nil), ("b", .u32), ("c", .list(.u8))])
        #expect(FusedAdapterCount.translation(type, .variant(case: "a", payload: nil)) == 7)
        #expect(FusedAdapterCount.translation(type, .variant(case: "b", payload: .u32(1))) == 7)
        #expect(FusedAdapterCount.translation(type, .variant(case: "c", payload: .list([.u8(1)]))) == 7 + 12)
        #expect(FusedAdapterCount.translation(.enum(["x", "y"]), .enum("y")) == 1)
    }

    /// Wider list elements add the alignment and byte-length checks.
    @Test func widerElementsAddChecks() {
        #expect(FusedAdapterCount.translation(.list(.u32), .list([])) == 8 + 2 + 3)
        #expect(FusedAdapterCount.translation(.list(.u32), .list([.u32(1), .u32(2)])) == 13 + 3 + 2)
        #expect(FusedAdapterCount.translation(.list(.u32), .packedList(PackedList(empty: .u32))) == 8 + 2 + 3)
        #expect(FusedAdapterCount.translation(.list(.f64), .packedList(PackedList([1, 2] as [Double]))) == 13 + 3 + 2)
    }

    /// Strings are not modelled where they are translated, and are where they are not.
    @Test func stringsAreNotModelledWhenTranslated() {
        #expect(FusedAdapterCount.translation(.string, .string("")) == nil)
        #expect(FusedAdapterCount.translation(.list(.string), .list([.string("a")])) == nil)
        #expect(FusedAdapterCount.translation(.list(.string), .list([])) == 8 + 2 + 3)
        #expect(FusedAdapterCount.translation(.option(.string), .option(nil)) == 6)
    }

    /// The store counts adapters only when asked.
    @Test func offByDefault() {
        #expect(Store().countsFusedAdapters == false)
    }
}
