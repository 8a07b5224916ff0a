import Testing

@testable import ReproWasm

/// Bad and hostile components: errors with offsets, never a crash, and bounded work.
@Suite struct ComponentHardeningTests {
    private static let preamble: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00]

    /// Unsigned LEB128.
    private static func leb(_ value: Int) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        repeat {
            let byte = UInt8(value & 0x7F)
            value >>= 7
            bytes.append(value == 0 ? byte : byte | 0x80)
        } while value != 0
        return bytes
    }

    /// Signed LEB128 of a non-negative value: how value types encode type indices (the negative range is
    /// the primitive types').
    private static func sleb(_ value: Int) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        while true {
            let byte = UInt8(value & 0x7F)
            value >>= 7
            if value == 0 && byte & 0x40 == 0 { return bytes + [byte] }
            bytes.append(byte | 0x80)
        }
    }

    private static func section(_ id: UInt8, _ contents: [UInt8]) -> [UInt8] { [id] + leb(contents.count) + contents }

    /// Every single-byte change of a valid component loads or fails with an error inside the bytes.
    @Test func everyByteChangeIsHandled() throws {
        let original = try ComponentFixtures.bytes("resources")
        var failures = 0
        for index in 8..<original.count {
            for value in [0x00, 0xFF, 0x80, original[index] ^ 0x01] as [UInt8] where value != original[index] {
                var bytes = original
                bytes[index] = value
                do {
                    _ = try Component(bytes: bytes)
                } catch {
                    failures += 1
                    #expect((error.offset ?? 0) <= bytes.count, "\(index): \(error)")
                }
            }
        }
        #expect(failures > original.count)
    }

    /// A type nested deeper than the limit is rejected when it is defined, so no walk over a type recurses
    /// deeper than that.
    @Test func deepTypeNestingIsRejected() {
        // Type 0 is `u32`; type i + 1 is `(list i)`.
        func component(depth: Int) -> [UInt8] {
            var types: [UInt8] = Self.leb(depth + 1) + [0x79]
            for index in 0..<depth { types += [0x70] + Self.sleb(index) }
            return Self.preamble + Self.section(0x07, types)
        }
        #expect(throws: Never.self) { try Component(bytes: component(depth: ComponentValidator.maxTypeDepth - 2)) }
        do {
            _ = try Component(bytes: component(depth: 5000))
            Issue.record("a 5000-deep type validated")
        } catch {
            #expect(error.kind == .invalid)
            #expect(error.message.contains("type nesting exceeds the limit"))
        }
    }

    /// Re-exporting a type over and over builds a long alias chain; walks along it do not recurse.
    @Test func longAliasChainsAreWalkedIteratively() throws {
        let count = 50_000
        var exports: [UInt8] = Self.leb(count)
        for index in 0..<count {
            let name = Array("t\(index)".utf8)
            // Export `t<index>` of type `index` (type 0 is `u32`; each export adds the next type index).
            exports += [0x00] + Self.leb(name.count) + name + [0x03] + Self.leb(index) + [0x00]
        }
        let bytes = Self.preamble + Self.section(0x07, [0x01, 0x79]) + Self.section(0x0B, exports)
        let component = try Component(bytes: bytes)
        #expect(component.exportNames.count == count)
        #expect(component.exportNames.last == "t\(count - 1)")
    }

    /// Types that share subterms can be exponentially large when expanded; their effective size is bounded.
    @Test func effectiveTypeSizeIsBounded() {
        // Type 0 is `u32`; type i + 1 is `(tuple i i i i)`: 4^i leaves, far past the limit at depth 20.
        var types: [UInt8] = Self.leb(21) + [0x79]
        for index in 0..<20 { types += [0x6F, 0x04] + Array(repeating: UInt8(index), count: 4) }
        do {
            _ = try Component(bytes: Self.preamble + Self.section(0x07, types))
            Issue.record("an exponentially large type validated")
        } catch {
            #expect(error.kind == .invalid)
            #expect(error.message.contains("effective type size exceeds the limit"))
        }
    }
}
