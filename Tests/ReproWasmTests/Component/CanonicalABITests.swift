import Testing

@testable import ReproWasm

/// Lifting and lowering against a memory and a host `realloc` (a bump allocator that records its
/// calls), without a component around them.
@Suite struct CanonicalABITests {
    final class Allocator {
        var next = 64
        var calls: [[UInt32]] = []
    }

    func context(_ encoding: StringEncoding, _ allocator: Allocator) throws -> CanonicalContext {
        let store = Store()
        let memory = try #require(Memory(store: store, type: MemoryType(limits: Limits(min: 1))))
        let realloc = Function(store: store, type: FunctionType(parameters: [.i32, .i32, .i32, .i32], results: [.i32]))
        {
            [allocator] _, arguments in
            let values = arguments.map { UInt32(truncatingIfNeeded: $0.bits) }
            allocator.calls.append(values)
            let at = (allocator.next + Int(values[2]) - 1) / Int(values[2]) * Int(values[2])
            allocator.next = at + Int(values[3])
            // Moves the old contents, as a realloc must (the transcoding algorithms rely on it).
            let moved = try memory.read(at: Int(values[0]), count: Int(min(values[1], values[3])))
            try memory.write(moved, at: at)
            return [.i32(UInt32(at))]
        }
        return CanonicalContext(
            memory: memory, realloc: realloc, encoding: encoding,
            instance: ComponentInstanceState(store: store, parent: nil))
    }

    @Test func valuesRoundTripThroughMemory() throws {
        let allocator = Allocator()
        let context = try context(.utf8, allocator)
        let types: [CanonicalType] = [
            .list(.u8), .list(.s8), .list(.tuple([.u16, .f64])), .string, .option(.char),
            .flags(["a", "b", "c"]), .result(ok: .list(.string), error: nil),
        ]
        let values: [ComponentValue] = [
            .list([.u8(0), .u8(255)]), .list([.s8(-128)]), .list([.tuple([.u16(7), .f64Bits(0x7FF8_0000_0000_0001)])]),
            .string("ok"), .option(.char("é")), .flags(["a", "c"]), .ok(.list([.string(""), .string("x")])),
        ]
        let flat = try context.lowerFlatValues(values, types: types, maxFlat: maxFlatParameters)
        #expect(try context.liftFlatValues(flat, types: types, maxFlat: maxFlatParameters) == values)
        // One realloc per list and string, in order, the empty string included: list<u8>, list<s8>,
        // list<tuple>, "ok", list<string>, "", "x".
        #expect(allocator.calls.map { $0[3] } == [2, 1, 16, 2, 16, 0, 1])
        #expect(allocator.calls.map { $0[2] } == [1, 1, 8, 1, 4, 1, 1])
    }

    @Test func seventeenFlatValuesSpillToMemory() throws {
        let allocator = Allocator()
        let context = try context(.utf8, allocator)
        let types = Array(repeating: CanonicalType.u32, count: 17)
        let values = (0..<17).map { ComponentValue.u32(UInt32($0)) }
        let flat = try context.lowerFlatValues(values, types: types, maxFlat: maxFlatParameters)
        #expect(flat.count == 1)
        #expect(allocator.calls == [[0, 0, 4, 68]])
        #expect(try context.liftFlatValues(flat, types: types, maxFlat: maxFlatParameters) == values)
    }

    @Test func hostStringsAreTranscodedWithTheSpecsAllocations() throws {
        let allocator = Allocator()
        // UTF-8 source "aé" (3 bytes) into latin1+utf16: 3 bytes, then shrink to the 2 Latin-1 bytes.
        let latin1 = try context(.latin1UTF16, allocator)
        var flat = try latin1.lowerFlatValues([.string("aé")], types: [.string], maxFlat: 16)
        #expect(allocator.calls.map { Array($0[1...]) } == [[0, 2, 3], [3, 2, 2]])
        #expect(flat.last == .i32(2))
        #expect(try latin1.liftFlatValues(flat, types: [.string], maxFlat: 16) == [.string("aé")])
        // "a€" needs UTF-16: 4 bytes, grow to 8, shrink to 4; the length is tagged.
        allocator.calls = []
        flat = try latin1.lowerFlatValues([.string("a€")], types: [.string], maxFlat: 16)
        #expect(allocator.calls.map { Array($0[1...]) } == [[0, 2, 4], [4, 2, 8], [8, 2, 4]])
        #expect(flat.last == .i32(2 | 1 << 31))
        #expect(try latin1.liftFlatValues(flat, types: [.string], maxFlat: 16) == [.string("a€")])
    }

    @Test func badMemoryContentsTrap() throws {
        var context = try context(.utf8, Allocator())
        let memory = try context.mem
        try memory.write([0xC3, 0x28, 0xFF], at: 100)
        func trap(_ flat: [Value], _ type: CanonicalType) -> CanonicalTrap? {
            do {
                _ = try context.liftFlatValues(flat, types: [type], maxFlat: 16)
                return nil
            } catch {
                return error.reason
            }
        }
        #expect(trap([.i32(100), .i32(2)], .string) == .invalidUTF8)
        // Lifted for the host, a string out of bounds and one cut short are worded as the tests' host.
        #expect(trap([.i32(65535), .i32(2)], .string) == .stringPointerOutOfBounds)
        #expect(trap([.i32(100), .i32(1)], .string) == .incompleteUTF8)
        context.peerIsHost = false
        #expect(trap([.i32(65535), .i32(2)], .string) == .stringOutOfBounds)
        #expect(trap([.i32(100), .i32(1)], .string) == .invalidUTF8)
        context.peerIsHost = true
        #expect(trap([.i32(0xD800)], .char) == .invalidChar)
        #expect(trap([.i32(2), .i32(0)], .option(.u8)) == .invalidDiscriminant)
        #expect(trap([.i32(101), .i32(1)], .list(.u32)) == .unalignedPointer)
        #expect(trap([.i32(3)], .enum(["a", "b", "c"])) == .invalidDiscriminant)
    }

    /// The trap reason of lifting `flat` as `types` in `context`, or nil when it lifts.
    func liftTrap(_ context: CanonicalContext, _ flat: [Value], _ types: [CanonicalType]) -> CanonicalTrap? {
        do {
            _ = try context.liftFlatValues(flat, types: types, maxFlat: 16)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func aliasedListsCountAgainstTheLiftCap() throws {
        var context = try context(.utf8, Allocator())
        context.liftLimits = LiftLimits(listUnits: 64, stringBytes: 64)
        let memory = try context.mem
        // 8 inner lists (8 units for the outer list's 8-byte elements each), all aliasing the same
        // 7 bytes at 200: 64 + 56 = 120 units, over the cap although guest memory holds 64 + 7 bytes.
        var outer: [UInt8] = []
        for _ in 0..<8 { outer += [200, 0, 0, 0, 7, 0, 0, 0] }
        try memory.write(outer, at: 128)
        // (Inner lists of `bool`: lists of numbers lift packed, outside this cap.)
        let nested = CanonicalType.list(.list(.bool))
        #expect(liftTrap(context, [.i32(128), .i32(8)], [nested]) == .liftedValueTooLarge)
        // One inner list of 7 bytes: 8 + 7 = 15 units, and the budget starts afresh on every lift.
        #expect(liftTrap(context, [.i32(128), .i32(1)], [nested]) == nil)
        #expect(liftTrap(context, [.i32(128), .i32(1)], [nested]) == nil)
        // A flat list<bool> of exactly the cap lifts; one element more traps.
        #expect(liftTrap(context, [.i32(0), .i32(64)], [.list(.bool)]) == nil)
        #expect(liftTrap(context, [.i32(0), .i32(65)], [.list(.bool)]) == .liftedValueTooLarge)
        // Zero-sized elements still count one each, so list<tuple<>> cannot lift 2^32 boxes.
        #expect(liftTrap(context, [.i32(0), .i32(65)], [.list(.tuple([]))]) == .liftedValueTooLarge)
        // Out-of-bounds lists keep their own trap reason.
        #expect(liftTrap(context, [.i32(65535), .i32(2)], [.list(.u8)]) == .listOutOfBounds)
    }

    @Test func stringsCountAgainstTheLiftCap() throws {
        var context = try context(.utf8, Allocator())
        context.liftLimits = LiftLimits(listUnits: 64, stringBytes: 10)
        try context.mem.write(Array("hello".utf8), at: 100)
        // Two strings aliasing the same 5 bytes fill the 10-byte cap exactly; a third one traps.
        let twice = [Value.i32(100), .i32(5), .i32(100), .i32(5)]
        #expect(liftTrap(context, twice, [.string, .string]) == nil)
        #expect(liftTrap(context, twice + [.i32(100), .i32(1)], [.string, .string, .string]) == .liftedValueTooLarge)
    }

    @Test func standardCapTrapsOnAHugeBoolList() throws {
        let context = try context(.utf8, Allocator())
        let memory = try context.mem
        // 2^24 + 1 bytes need 257 pages of 64 KiB; grow to that, then lift one byte more than the cap.
        #expect(try memory.grow(by: 256) == 1)
        #expect(liftTrap(context, [.i32(0), .i32((1 << 24) + 1)], [.list(.bool)]) == .liftedValueTooLarge)
        // Bytes lift packed, bounded by the memory rather than by the cap.
        #expect(liftTrap(context, [.i32(0), .i32((1 << 24) + 1)], [.list(.u8)]) == nil)
    }
}
