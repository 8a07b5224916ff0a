import Testing

@testable import ReproWasm

/// `docs/DETERMINISM.md` §4: "If the host cannot allocate memory below the configured limit, the engine
/// reports a host resource error to the embedder rather than a wasm-visible -1."
///
/// The host's allocator failing is simulated with the store's `hostAllocationLimit` (the largest
/// single allocation it asks for); the Linux-only tests in `ResourceExhaustionTests+Process` make
/// the real allocator fail under an address-space limit. The store's own limits stay generous here,
/// so -1 would be wrong in every case below.
@Suite struct AllocationFailureTests {
    private static let page = 65_536

    /// A store whose host allocations fail above `pages` pages (or `bytes` bytes).
    private func store(failingAbove bytes: Int, features: Features = .deterministic) -> Store {
        let store = Store(engine: Engine(features: features))
        store.runtime.hostAllocationLimit = bytes
        return store
    }

    /// A module's memory the host cannot allocate fails instantiation with a link error naming the
    /// memory and the bytes, not a trap; the table allocated before it is freed again, so the store
    /// is as it was, and a module that fits instantiates afterwards.
    @Test func memoryTheHostCannotAllocateFailsInstantiation() throws {
        let store = store(failingAbove: 3 * Self.page)
        let failure = #expect(throws: InstantiationError.self) {
            try WasmModule().table(min: 1).memory(min: 4).instantiate(in: store)
        }
        guard case .link(let error)? = failure else {
            Issue.record("expected a link error, got \(String(describing: failure))")
            return
        }
        #expect(error.reason == .hostResourceExhausted(byteCount: 4 * Self.page))
        #expect(error.expected == .memory(MemoryType(limits: Limits(min: 4))))
        #expect(error.description == "memory 4: the host could not allocate 262144 bytes")
        #expect(store.runtime.memoryCount == 0)
        #expect(store.runtime.tableCount == 0)
        #expect(store.memoryPageCount == 0)
        #expect(Memory(store: store, type: MemoryType(limits: Limits(min: 4))) == nil)

        #expect(try WasmModule().memory(min: 3).instantiate(in: store).store.memoryPageCount == 3)
    }

    /// The same for a table: 100 elements are 800 bytes.
    @Test func tableTheHostCannotAllocateFailsInstantiation() throws {
        let store = store(failingAbove: 799)
        let failure = #expect(throws: InstantiationError.self) {
            try WasmModule().table(min: 100).instantiate(in: store)
        }
        guard case .link(let error)? = failure else {
            Issue.record("expected a link error, got \(String(describing: failure))")
            return
        }
        #expect(error.reason == .hostResourceExhausted(byteCount: 800))
        #expect(store.runtime.tableCount == 0)
        #expect(Table(store: store, type: TableType(elementType: .funcRef, limits: Limits(min: 100))) == nil)
    }

    /// `memory.grow` that the limits allow but the host cannot satisfy traps with "host resource
    /// exhausted" in the growing function, instead of returning -1. The memory keeps its size and
    /// bytes, and once the host can allocate again the same call succeeds.
    ///
    /// `grow(n)` is `block end (memory.grow (local.get 0))`: `block` and `end` count 2 before the
    /// grow, the body's `end` 1 after it; a trap at the grow leaves 2.
    @Test func memoryGrowTheHostCannotSatisfyTraps() throws {
        let store = store(failingAbove: 2 * Self.page)
        let instance = try WasmModule()
            .memory(min: 1, export: "memory")
            .function(.i32ToI32, export: "grow", name: "grow", Asm.block(), Asm.end, Asm.localGet(0), Asm.memoryGrow)
            .instantiate(in: store)
        let memory = try #require(instance.memory(named: "memory"))
        try memory.write([1, 2, 3], at: Self.page - 3)

        #expect(try instance.call("grow", .i32(1)) == [.i32(1)])  // 2 pages: allowed
        #expect(store.instructionCount == 3)
        store.instructionCount = 0
        let trap = #expect(throws: Trap.self) { try instance.call("grow", .i32(1)) }
        #expect(trap?.code == .hostResourceExhausted)
        #expect(trap?.functionIndex == 0)
        #expect(trap?.functionName == "grow")
        #expect(trap?.description.hasPrefix("host resource exhausted in function 0 \"grow\"") == true)
        #expect(store.instructionCount == 2)
        #expect(memory.pageCount == 2)
        #expect(try memory.read(at: Self.page - 3, count: 3) == [1, 2, 3])

        store.runtime.hostAllocationLimit = .max
        #expect(try instance.call("grow", .i32(1)) == [.i32(2)])
        #expect(try memory.read(at: Self.page - 3, count: 3) == [1, 2, 3])
        #expect(try memory.read(at: 2 * Self.page, count: Self.page).allSatisfy { $0 == 0 })
    }

    /// The host's own `Memory.grow` throws `AccessError.hostResourceExhausted` naming the bytes, and
    /// changes nothing; over the maximum it still returns `nil`.
    @Test func hostMemoryGrowReportsTheFailure() throws {
        let store = store(failingAbove: 2 * Self.page)
        let memory = try #require(Memory(store: store, type: MemoryType(limits: Limits(min: 1, max: 4))))
        #expect(throws: AccessError.hostResourceExhausted(byteCount: 3 * Self.page)) { try memory.grow(by: 2) }
        #expect(memory.pageCount == 1)
        #expect(try memory.grow(by: 4) == nil)  // over the declared maximum: refused, not an error
        #expect(try memory.grow(by: 1) == 1)
    }

    /// `table.grow` (reference types) and the host's `Table.grow` report the failure the same way;
    /// the table keeps its elements.
    @Test func tableGrowTheHostCannotSatisfyTraps() throws {
        let store = store(failingAbove: 10 * 8, features: .full)
        let module = try WasmModule()
            .table(min: 10)
            .export("table", .table, 0)
            .function(.i32ToI32, export: "grow", Asm.refNullFunc, Asm.localGet(0), Asm.tableGrow())
            .module(features: .full)
        let instance = try store.instantiate(module)
        let trap = #expect(throws: Trap.self) { try instance.call("grow", .i32(1)) }
        #expect(trap?.code == .hostResourceExhausted)
        let table = try #require(instance.table(named: "table"))
        #expect(throws: AccessError.hostResourceExhausted(byteCount: 11 * 8)) { try table.grow(by: 1) }
        #expect(table.count == 10)

        store.runtime.hostAllocationLimit = .max
        #expect(try instance.call("grow", .i32(5)) == [.i32(10)])
        #expect(try table.element(at: 14) == .funcRef(nil))
    }

    /// Growing an empty table or memory starts from storage of its own (one element, one byte) and
    /// zero-fills everything new: a null reference and zero bytes, not leftovers of the allocator.
    @Test func growingFromEmptyZeroFills() throws {
        let store = Store(engine: Engine(features: .full))
        let table = try #require(Table(store: store, type: TableType(elementType: .funcRef, limits: Limits(min: 0))))
        #expect(try table.grow(by: 3) == 0)
        for index in 0..<3 { #expect(try table.element(at: index) == .funcRef(nil)) }
        let memory = try #require(Memory(store: store, type: MemoryType(limits: Limits(min: 0))))
        #expect(try memory.grow(by: 1) == 0)
        #expect(try memory.read(at: 0, count: Self.page).allSatisfy { $0 == 0 })
    }
}
