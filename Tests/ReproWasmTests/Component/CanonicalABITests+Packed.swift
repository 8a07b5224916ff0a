import Testing

@testable import ReproWasm

/// Lists of fixed-size numbers, lifted and lowered as one copy of their bytes (`PackedList`).
extension CanonicalABITests {
    /// f64 bit patterns a float operation would disturb: signalling and quiet NaNs with payloads, a
    /// negative NaN, -0, a subnormal, infinity.
    static let awkwardDoubles: [UInt64] = [
        0x7FF0_0000_0000_0001, 0x7FF8_DEAD_BEEF_0001, 0xFFF4_0000_0000_1234, 0x8000_0000_0000_0000,
        0x0000_0000_0000_0001, 0x7FF0_0000_0000_0000, 0x3FF8_0000_0000_0000,
    ]

    @Test func packedListsLowerLikeBoxedOnesAndLiftBitExact() throws {
        let doubles = Self.awkwardDoubles.map { Double(bitPattern: $0) }
        let floats: [UInt32] = [0x7F80_0001, 0xFFC0_1234, 0x8000_0000, 0x3F80_0000]
        let types: [CanonicalType] = [.list(.f64), .list(.f32), .list(.s16), .list(.u8)]
        let packed: [ComponentValue] = [
            .packedList(PackedList(doubles)), .packedList(PackedList(floats.map { Float(bitPattern: $0) })),
            .packedList(PackedList([-2, 300] as [Int16])), .packedList(PackedList(empty: .u8)),
        ]
        let boxed: [ComponentValue] = [
            .list(Self.awkwardDoubles.map { .f64Bits($0) }), .list(floats.map { .f32Bits($0) }),
            .list([.s16(-2), .s16(300)]), .list([]),
        ]
        #expect(packed == boxed)

        let packedAllocator = Allocator()
        let packedContext = try context(.utf8, packedAllocator)
        let packedFlat = try packedContext.lowerFlatValues(packed, types: types, maxFlat: maxFlatParameters)
        let boxedAllocator = Allocator()
        let boxedContext = try context(.utf8, boxedAllocator)
        let boxedFlat = try boxedContext.lowerFlatValues(boxed, types: types, maxFlat: maxFlatParameters)
        // The same realloc calls (alignment and byte size per list, the empty one included), the
        // same flat values and the same memory, whichever form the host passed.
        #expect(packedAllocator.calls == boxedAllocator.calls)
        #expect(packedAllocator.calls.map { Array($0[2...]) } == [[8, 56], [4, 16], [2, 4], [1, 0]])
        #expect(packedFlat == boxedFlat)
        #expect(try packedContext.mem.read(at: 0, count: 256) == boxedContext.mem.read(at: 0, count: 256))

        let lifted = try packedContext.liftFlatValues(packedFlat, types: types, maxFlat: maxFlatParameters)
        #expect(lifted == boxed)
        guard case .packedList(let list) = lifted[0], case .packedList(let singles) = lifted[1] else {
            Issue.record("lists of numbers lift packed, got \(lifted)")
            return
        }
        #expect(list.values(as: Double.self)?.map(\.bitPattern) == Self.awkwardDoubles)
        #expect(singles.values(as: Float.self)?.map(\.bitPattern) == floats)
        #expect(list.values(as: Float.self) == nil)
        // The memory holds the little-endian bit patterns themselves.
        let first = Int(packedFlat[0].bits)
        #expect(try packedContext.mem.load(UInt64.self, at: first + 8) == Self.awkwardDoubles[1])
    }

    @Test func packedAndBoxedFormsAreOneValue() {
        let packed = ComponentValue.packedList(PackedList([1, 255] as [UInt8]))
        let boxed = ComponentValue.list([.u8(1), .u8(255)])
        #expect(packed == boxed && boxed == packed)
        #expect(packed.hashValue == boxed.hashValue)
        #expect(Set([packed, boxed, .list([.u8(1), .u8(255)])]).count == 1)
        #expect(packed.description == boxed.description && packed.description == "[1, 255]")
        // Same bytes, another element type: another value.
        let signed = ComponentValue.packedList(PackedList([1, -1] as [Int8]))
        #expect(signed != packed)
        #expect(signed == .list([.s8(1), .s8(-1)]))
        #expect(signed.hashValue == ComponentValue.list([.s8(1), .s8(-1)]).hashValue)
        #expect(ComponentValue.packedList(PackedList([1, 2] as [UInt8])) != .list([.u8(1)]))
        #expect(ComponentValue.packedList(PackedList([1] as [UInt8])) != .list([.u16(1)]))
        // Empty lists have no elements to tell their types apart.
        #expect(ComponentValue.packedList(PackedList(empty: .f64)) == .packedList(PackedList(empty: .u8)))
        #expect(ComponentValue.packedList(PackedList(empty: .f64)) == .list([]))
        // Nested inside other values, and floats by bit pattern (NaN equals itself, -0 is not 0).
        let nan = ComponentValue.record([.init("x", .packedList(PackedList([.nan, -0.0] as [Double])))])
        #expect(nan == .record([.init("x", .list([.f64(.nan), .f64(-0.0)]))]))
        #expect(nan != .record([.init("x", .list([.f64(.nan), .f64(0.0)]))]))
        // Reading back either form.
        #expect(boxed.packed(as: .u8) == PackedList([1, 255] as [UInt8]))
        #expect(boxed.packed(as: .s8) == nil)
        #expect(packed.listElements == [.u8(1), .u8(255)])
        #expect(PackedList(.u16, littleEndianBytes: [1, 2, 3]) == nil)
        #expect(PackedList(.u16, littleEndianBytes: [1, 2, 3, 4])?.values(as: UInt16.self) == [0x0201, 0x0403])
    }

    /// A lifted list prints as WAVE text that reads back as an equal value.
    @Test func packedListsPrintAndReadBackAsWAVE() throws {
        for (type, value) in [
            (CanonicalType.list(.f64), ComponentValue.packedList(PackedList([1.5, -0.25, 1e300] as [Double]))),
            (.list(.s16), .packedList(PackedList([-32768, 0, 7] as [Int16]))),
            (.list(.u8), .packedList(PackedList(empty: .u8))),
        ] {
            var reader = WAVEReader(value.description)
            let read = try reader.value(type)
            #expect(reader.atEnd)
            #expect(read == value)
            let context = try context(.utf8, Allocator())
            let flat = try context.lowerFlatValues([read], types: [type], maxFlat: 16)
            #expect(try context.liftFlatValues(flat, types: [type], maxFlat: 16) == [value])
        }
    }

    @Test func packedListsTrapOnBadRanges() throws {
        var context = try context(.utf8, Allocator())
        // Past the end of the 64 KiB memory, unaligned, or over the spec's maximum list byte length.
        #expect(liftTrap(context, [.i32(65536 - 8), .i32(2)], [.list(.f64)]) == .listOutOfBounds)
        #expect(liftTrap(context, [.i32(0xFFFF_FFF8), .i32(1)], [.list(.f64)]) == .listOutOfBounds)
        #expect(liftTrap(context, [.i32(65536 - 8), .i32(1)], [.list(.f64)]) == nil)
        #expect(liftTrap(context, [.i32(4), .i32(1)], [.list(.f64)]) == .unalignedPointer)
        #expect(liftTrap(context, [.i32(0), .i32(1 << 25)], [.list(.f64)]) == .listOutOfBounds)
        // A list pointer stored in memory (list<list<u8>>) that points out of bounds.
        try context.mem.write([0xF0, 0xFF, 0, 0, 32, 0, 0, 0], at: 128)
        #expect(liftTrap(context, [.i32(128), .i32(1)], [.list(.list(.u8))]) == .listOutOfBounds)
        // A realloc that returns a range beyond the memory.
        let store = Store()
        let memory = try #require(Memory(store: store, type: MemoryType(limits: Limits(min: 1))))
        context.memory = memory
        context.realloc = Function(
            store: store, type: FunctionType(parameters: [.i32, .i32, .i32, .i32], results: [.i32])
        ) { _, _ in [.i32(65536 - 8)] }
        let value = ComponentValue.packedList(PackedList([1, 2] as [Double]))
        do {
            _ = try context.lowerFlatValues([value], types: [.list(.f64)], maxFlat: 16)
            Issue.record("a list lowered past the end of the memory")
        } catch {
            #expect(error.reason == .reallocOutOfBounds)
        }
        // The wrong element type is a type mismatch, found before anything runs.
        for wrong in [ComponentValue.packedList(PackedList([1] as [Float])), .list([.f64(1), .u8(2)])] {
            do {
                _ = try context.lowerFlatValues([wrong], types: [.list(.f64)], maxFlat: 16)
                Issue.record("\(wrong) lowered as list<f64>")
            } catch {
                #expect(error.kind == .typeMismatch)
            }
        }
    }

    @Test func packedBytesAreBoundedByTheMemoryNotTheListCap() throws {
        var context = try context(.utf8, Allocator())
        context.liftLimits = LiftLimits(listUnits: 64, stringBytes: 64)
        // Lists of numbers do not count list units: a whole 64 KiB memory lifts as bytes or f64s.
        #expect(liftTrap(context, [.i32(0), .i32(65536)], [.list(.u8)]) == nil)
        #expect(liftTrap(context, [.i32(0), .i32(8192)], [.list(.f64)]) == nil)
        // Lists of bool and char stay boxed and do.
        #expect(liftTrap(context, [.i32(0), .i32(65)], [.list(.bool)]) == .liftedValueTooLarge)
        // Aliased packed lists may copy at most the memory's size in one lift: 2 × 32 KiB fits, a
        // third copy of the same 32 KiB does not.
        for index in 0..<3 { try context.mem.write([0, 0, 0, 0, 0, 0x80, 0, 0], at: 256 + 8 * index) }
        #expect(liftTrap(context, [.i32(256), .i32(2)], [.list(.list(.u8))]) == nil)
        #expect(liftTrap(context, [.i32(256), .i32(3)], [.list(.list(.u8))]) == .liftedValueTooLarge)
    }
}
