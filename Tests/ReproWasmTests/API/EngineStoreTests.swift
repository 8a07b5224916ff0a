import Testing

@testable import ReproWasm

/// Engine configuration and what a store owns: the counter, fuel, limits and the embedder's data.
@Suite struct EngineStoreTests {
    private func requireSendable<T: Sendable>(_: T.Type) {}

    @Test func engineAndModuleAreSendableValues() throws {
        requireSendable(Engine.self)
        requireSendable(Module.self)
        requireSendable(StoreLimits.self)
        requireSendable(ImportType.self)
        let engine = Engine(features: .full, limits: StoreLimits(maxCallDepth: 7), defaultFuel: 99)
        #expect(engine.features == .full)
        #expect(engine.limits.maxCallDepth == 7)
        #expect(engine.defaultFuel == 99)
        #expect(Engine().defaultFuel == nil)
        #expect(Engine().features == .deterministic)
    }

    @Test func aStoreStartsWithTheEnginesDefaultFuel() {
        #expect(Store(engine: Engine(defaultFuel: 500)).fuel == 500)
        #expect(Store().fuel == nil)
    }

    /// An empty function counts 1 (its `end`); `add` counts 1 too.
    @Test func twoInstancesOfOneModuleShareTheStoresCounter() throws {
        let store = Store()
        let module = try APIFixtures.adder.module()
        let first = try store.instantiate(module)
        let second = try store.instantiate(module)
        try first.exportedFunction("add").call([.i32(Int32(1)), .i32(Int32(2))])
        #expect(store.instructionCount == 1)
        try second.exportedFunction("add").call([.i32(Int32(1)), .i32(Int32(2))])
        #expect(store.instructionCount == 2)
    }

    @Test func twoStoresCountSeparately() throws {
        let module = try APIFixtures.adder.module()
        let (one, two) = (Store(), Store())
        let a = try one.instantiate(module).exportedFunction("add")
        let b = try two.instantiate(module).exportedFunction("add")
        for _ in 0..<3 { try a.call([.i32(Int32(1)), .i32(Int32(2))]) }
        try b.call([.i32(Int32(1)), .i32(Int32(2))])
        #expect(one.instructionCount == 3)
        #expect(two.instructionCount == 1)
    }

    /// countdown(n) counts 2n + 4 (`docs/DETERMINISM.md` §3).
    @Test func fuelRefilledAfterExhaustionLetsANewCallRun() throws {
        let store = Store()
        let instance = try WasmModule().function(.i32ToVoid, export: "countdown", body: Fixtures.countdown())
            .instantiate(in: store)
        let countdown = try instance.exportedFunction("countdown")
        store.fuel = 10
        let trap = #expect(throws: Trap.self) { try countdown(.i32(UInt32(100))) }
        #expect(trap?.code == .outOfFuel)
        #expect(store.fuel == 0)
        #expect(store.instructionCount == 10)

        store.fuel = 1_000
        try countdown(.i32(UInt32(100)))
        #expect(store.instructionCount == 10 + 204)
        #expect(store.fuel == 1_000 - 204)

        store.fuel = nil
        try countdown(.i32(UInt32(100)))
        #expect(store.fuel == nil)
        #expect(store.instructionCount == 10 + 2 * 204)
    }

    @Test func settingTheCounterKeepsTheFuelLeft() throws {
        let store = Store()
        store.fuel = 50
        store.instructionCount = 1_000_000
        #expect(store.instructionCount == 1_000_000)
        #expect(store.fuel == 50)
    }

    @Test func userDataIsTheEmbeddersObject() throws {
        let store = Store()
        #expect(store.userData == nil)
        #expect(store.userData(as: Recorder.self) == nil)
        let recorder = Recorder()
        store.userData = recorder
        #expect(store.userData(as: Recorder.self) === recorder)
        #expect(store.userData(as: HostDefinition.self) == nil)  // another class: nil, no crash
    }

    @Test func callDepthLimitTraps() throws {
        let store = Store(engine: Engine(limits: StoreLimits(maxCallDepth: 5)))
        let instance = try WasmModule().function(.i32ToI32, export: "f", body: Fixtures.recursiveCount(index: 0))
            .instantiate(in: store)
        #expect(try instance.call("f", .i32(UInt32(4))) == [.i32(UInt32(4))])
        let trap = #expect(throws: Trap.self) { try instance.call("f", .i32(UInt32(5))) }
        #expect(trap?.code == .callStackExhausted)
        #expect(try instance.call("f", .i32(UInt32(4))) == [.i32(UInt32(4))])  // still usable
    }

    @Test func memoryPageLimitCapsGrowthAndLinking() throws {
        let store = Store(engine: Engine(limits: StoreLimits(maxMemoryPages: 3)))
        let instance = try WasmModule().memory(min: 1, export: "memory").instantiate(in: store)
        let memory = try #require(instance.memory(named: "memory"))
        #expect(memory.type.limits == Limits(min: 1, max: 3))
        #expect(try memory.grow(by: 2) == 1)
        #expect(try memory.grow(by: 1) == nil)
        #expect(memory.pageCount == 3)
        #expect(store.memoryPageCount == 3)

        let failure = #expect(throws: InstantiationError.self) {
            try WasmModule().memory(min: 4).instantiate(in: store)
        }
        guard case .link(let error)? = failure else {
            Issue.record("expected a link error")
            return
        }
        #expect(error.reason == .resourceLimit(limit: 3))
        #expect(error.description == "memory 4 exceeds the store's limit of 3 pages")
        #expect(Memory(store: store, type: MemoryType(limits: Limits(min: 4))) == nil)
    }

    @Test func tableElementLimitCapsLinking() throws {
        let store = Store(engine: Engine(limits: StoreLimits(maxTableElements: 10)))
        let failure = #expect(throws: InstantiationError.self) {
            try WasmModule().table(min: 11).instantiate(in: store)
        }
        #expect(failure?.description == "table 11 funcref exceeds the store's limit of 10 elements")
        #expect(Table(store: store, type: TableType(elementType: .funcRef, limits: Limits(min: 11))) == nil)
    }
}
