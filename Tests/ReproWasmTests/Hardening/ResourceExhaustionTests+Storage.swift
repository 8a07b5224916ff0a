import Testing

@testable import ReproWasm

/// Memories and tables at the store's limits (`docs/DETERMINISM.md` §4): `memory.grow` and `table.grow`
/// return -1 exactly at the limit, never because of the machine; a module whose memory or table
/// starts above the limit fails to link, naming it, with nothing allocated; accesses at the last
/// byte work and one byte further trap.
extension ResourceExhaustionTests {
    // MARK: Memory

    /// `growAll()` grows memory 0 one page at a time until `memory.grow` returns -1 and returns how
    /// many pages it added:
    ///
    ///     block
    ///       loop
    ///         (br_if 1 (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
    ///         (local.set 0 (i32.add (local.get 0) (i32.const 1)))
    ///         br 0
    ///       end
    ///     end
    ///     local.get 0
    ///
    /// Count for k pages added: `block`, `loop`, a `br_if` and a `br` per page, the final taken
    /// `br_if`, and the body's `end` (the block's `end` is reached by the branch): 2k + 4.
    ///
    /// Also exported: `size()` = `memory.size`, `grow(n)` = `memory.grow n`, `store(a, v)` =
    /// `i32.store` at a, `load8(a)` = `i32.load8_u` at a, `fill(d, v, n)` = `memory.fill`, `copy(d,
    /// s, n)` = `memory.copy`, each counting 1 (its `end`).
    private static func growingModule(min: UInt64, max: UInt64? = nil) -> WasmModule {
        let growAll =
            Asm.block() + Asm.loop()
            + Asm.i32Const(1) + Asm.memoryGrow + Asm.i32Const(-1) + Asm.op("i32.eq") + Asm.brIf(1)
            + Asm.localGet(0) + Asm.i32Const(1) + Asm.op("i32.add") + Asm.localSet(0)
            + Asm.br(0) + Asm.end + Asm.end + Asm.localGet(0)
        let three = FunctionType([.i32, .i32, .i32], [])
        return WasmModule()
            .memory(min: min, max: max, export: "memory")
            .function(.voidToI32, locals: [.i32], export: "growAll", body: growAll)
            .function(.voidToI32, export: "size", Asm.memorySize)
            .function(.i32ToI32, export: "grow", Asm.localGet(0), Asm.memoryGrow)
            .function(
                FunctionType([.i32, .i32], []), export: "store", Asm.localGet(0), Asm.localGet(1),
                Asm.memory("i32.store", align: 2)
            )
            .function(.i32ToI32, export: "load8", Asm.localGet(0), Asm.memory("i32.load8_u"))
            .function(three, export: "fill", Asm.localGet(0), Asm.localGet(1), Asm.localGet(2), Asm.memoryFill)
            .function(three, export: "copy", Asm.localGet(0), Asm.localGet(1), Asm.localGet(2), Asm.memoryCopy)
    }

    /// Under a store limit of 8 pages, growing from `min` stops at exactly 8 pages (or the module's
    /// own smaller maximum), with the count 2k + 4; the same in two fresh stores.
    @Test(arguments: [(UInt64(1), UInt64?.none, 7), (0, nil, 8), (1, 4, 3), (8, nil, 0)])
    func memoryGrowsToTheLimitThenRefuses(min: UInt64, max: UInt64?, added: Int) throws {
        let module = try Self.growingModule(min: min, max: max).module()
        let limit = UInt64(max ?? 8)
        for _ in 0..<2 {
            let store = Store(engine: Engine(limits: StoreLimits(maxMemoryPages: 8)))
            let instance = try store.instantiate(module)
            #expect(try instance.call("growAll") == [.i32(Int32(added))])
            #expect(store.instructionCount == 2 * UInt64(added) + 4)
            #expect(try instance.call("size") == [.i32(UInt32(limit))])
            #expect(instance.memory(named: "memory")?.pageCount == Int(limit))
            #expect(store.memoryPageCount == Int(limit))
            // At the limit: growing by 0 reports the size; by anything more, -1, however large.
            #expect(try instance.call("grow", .i32(0)) == [.i32(UInt32(limit))])
            for delta: UInt32 in [1, 0x1_0000, 0xFFFF_FFFF] {
                #expect(try instance.call("grow", .i32(delta)) == [.i32(-1)])
            }
            #expect(try instance.call("size") == [.i32(UInt32(limit))])
        }
    }

    /// The last bytes of a memory grown to the limit (8 pages, 524,288 bytes) are usable; one byte
    /// further traps, and a `memory.fill` or `memory.copy` that would cross the end traps without
    /// writing anything (bulk memory checks the whole range first).
    @Test func accessesAtTheLimitsLastByte() throws {
        let store = Store(engine: Engine(limits: StoreLimits(maxMemoryPages: 8)))
        let instance = try store.instantiate(try Self.growingModule(min: 1).module())
        try instance.call("growAll")
        let end: UInt32 = 8 * 65_536

        try instance.call("store", .i32(end - 4), .i32(0x0403_0201))
        #expect(try instance.call("load8", .i32(end - 1)) == [.i32(4)])
        for (name, arguments) in [
            ("store", [Value.i32(end - 3), .i32(0)]), ("load8", [.i32(end)]), ("load8", [.i32(UInt32.max)]),
        ] {
            let trap = #expect(throws: Trap.self, "\(name)\(arguments)") {
                try instance.exportedFunction(name).call(arguments)
            }
            #expect(trap?.code == .outOfBoundsMemoryAccess)
        }

        try instance.call("fill", .i32(end - 10), .i32(0xAB), .i32(6))  // up to end - 4: leaves the word
        #expect(try instance.call("load8", .i32(end - 5)) == [.i32(0xAB)])
        #expect(try instance.call("load8", .i32(end - 4)) == [.i32(1)])
        try instance.call("fill", .i32(end), .i32(0xFF), .i32(0))  // empty, at the end: allowed
        for arguments in [[Value.i32(end - 10), .i32(0xFF), .i32(11)], [.i32(end + 1), .i32(0xFF), .i32(0)]] {
            let trap = #expect(throws: Trap.self) { try instance.exportedFunction("fill").call(arguments) }
            #expect(trap?.code == .outOfBoundsMemoryAccess)
        }
        let copyTrap = #expect(throws: Trap.self) { try instance.call("copy", .i32(end - 2), .i32(0), .i32(3)) }
        #expect(copyTrap?.code == .outOfBoundsMemoryAccess)
        // Nothing was written by the trapping fill and copy.
        #expect(try instance.call("load8", .i32(end - 10)) == [.i32(0xAB)])
        #expect(try instance.call("load8", .i32(end - 1)) == [.i32(4)])
        #expect(try instance.call("load8", .i32(end - 2)) == [.i32(3)])
        // The copy that fits moves the last word to the front.
        try instance.call("copy", .i32(0), .i32(end - 4), .i32(4))
        #expect(try instance.call("load8", .i32(3)) == [.i32(4)])
    }

    /// Active data segments that end exactly at the end of memory are applied; one byte more traps
    /// at instantiation with "out of bounds memory access".
    @Test func dataSegmentsAtTheEndOfMemory() throws {
        let bytes: [UInt8] = [1, 2, 3, 4]
        let fits = try WasmModule().memory(min: 1, export: "memory").data(at: 65_536 - 4, bytes).instantiate()
        #expect(try fits.memory(named: "memory")?.read(at: 65_532, count: 4) == bytes)

        let store = Store()
        let failure = #expect(throws: InstantiationError.self) {
            try WasmModule().memory(min: 1).data(at: 65_536 - 3, bytes).instantiate(in: store)
        }
        guard case .trap(let trap)? = failure else {
            Issue.record("expected a trap, got \(String(describing: failure))")
            return
        }
        #expect(trap.code == .outOfBoundsMemoryAccess)
    }

    /// A memory whose minimum is over the store's limit fails to link with the limit named, before
    /// anything is allocated: 9 pages under a limit of 8, and the spec's largest memory (65,536
    /// pages, 4 GiB) under a limit of 8. The host cannot create such a memory either.
    @Test(arguments: [UInt64(9), 65_536])
    func memoryOverTheLimitFailsToLink(pages: UInt64) throws {
        let store = Store(engine: Engine(limits: StoreLimits(maxMemoryPages: 8)))
        let failure = #expect(throws: InstantiationError.self) {
            try WasmModule().memory(min: pages).instantiate(in: store)
        }
        guard case .link(let error)? = failure else {
            Issue.record("expected a link error, got \(String(describing: failure))")
            return
        }
        #expect(error.reason == .resourceLimit(limit: 8))
        #expect(error.expected == .memory(MemoryType(limits: Limits(min: pages))))
        #expect(error.description == "memory \(pages) exceeds the store's limit of 8 pages")
        #expect(store.memoryPageCount == 0)
        #expect(store.runtime.memoryCount == 0)
        #expect(Memory(store: store, type: MemoryType(limits: Limits(min: pages))) == nil)
        // The store is unchanged and usable.
        #expect(try WasmModule().memory(min: 8).instantiate(in: store).store.memoryPageCount == 8)
    }

    // MARK: Tables

    /// A table whose minimum is over the store's limit fails to link naming the limit, with nothing
    /// allocated: 2^32 - 1 elements (32 GiB of references) under the default limit of 10,000,000,
    /// and 101 under a limit of 100. The host cannot create such a table either.
    @Test(arguments: [(UInt64(UInt32.max), 10_000_000), (101, 100)])
    func tableOverTheLimitFailsToLink(elements: UInt64, limit: Int) throws {
        let store = Store(engine: Engine(limits: StoreLimits(maxTableElements: limit)))
        let failure = #expect(throws: InstantiationError.self) {
            try WasmModule().table(min: elements).instantiate(in: store)
        }
        guard case .link(let error)? = failure else {
            Issue.record("expected a link error, got \(String(describing: failure))")
            return
        }
        #expect(error.reason == .resourceLimit(limit: limit))
        #expect(error.description.hasSuffix("exceeds the store's limit of \(limit) elements"))
        #expect(store.runtime.tableCount == 0)
        #expect(Table(store: store, type: TableType(elementType: .funcRef, limits: Limits(min: elements))) == nil)
    }

    /// `table.grow` (reference types) stops at the store's limit of 100: from 10 elements, growing
    /// by 90 returns 10, then every further growth (by 1, or by 2^32 - 1, which must not be
    /// attempted) returns -1 and the size stays 100. The host's `Table.grow` agrees.
    ///
    /// `grow(n)` = `table.grow (ref.null func) n`, `size()` = `table.size`: 1 each (their `end`).
    @Test func tableGrowsToTheLimitThenRefuses() throws {
        let store = Store(engine: Engine(features: .full, limits: StoreLimits(maxTableElements: 100)))
        let module = try WasmModule()
            .table(min: 10)
            .export("table", .table, 0)
            .function(.i32ToI32, export: "grow", Asm.refNullFunc, Asm.localGet(0), Asm.tableGrow())
            .function(.voidToI32, export: "size", Asm.tableSize())
            .module(features: .full)
        let instance = try store.instantiate(module)
        #expect(try instance.call("grow", .i32(90)) == [.i32(10)])
        for delta: UInt32 in [1, 0xFFFF_FFFF, 0] {
            let expected: Int32 = delta == 0 ? 100 : -1
            #expect(try instance.call("grow", .i32(delta)) == [.i32(expected)])
        }
        #expect(try instance.call("size") == [.i32(100)])
        #expect(store.instructionCount == 5)
        let table = try #require(instance.table(named: "table"))
        #expect(try table.grow(by: 1) == nil)
        #expect(table.count == 100)
        #expect(table.type.limits == Limits(min: 100, max: 100))
    }
}
