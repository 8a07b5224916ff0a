import Testing

@testable import ReproWasm

/// `docs/DETERMINISM.md` §3, "How a module sees it": the store's counter imported as
/// `numcodecs:wasm/perf@0.1.0` `instruction-counter` `(global (mut i64))`, read and written live.
///
/// `global.get`, `global.set` and `local.*` add 0, so every value below is the count of the control
/// instructions executed before the read (the function's own `end` comes after it).
@Suite struct CounterGlobalTests {
    /// Global 0 is the counter, re-exported as "counter".
    static let module = WasmModule()
        .importCounter()
        .export("counter", .global, 0)
        // read() -> i64: the count at entry.
        .function(.voidToI64, export: "read", Asm.globalGet(0))
        // blockThenRead() -> i64: block 1, end 1, then read: 2.
        .function(.voidToI64, export: "blockThenRead", Asm.block(), Asm.end, Asm.globalGet(0))
        // countThenRead(n) -> i64: the countdown's 2n + 3, then read.
        .function(.i32ToI64, export: "countThenRead", body: Fixtures.countdown() + Asm.globalGet(0))
        // readInsideLoop(n) -> i64: each iteration keeps the count in local 1. Iteration i reads after its
        // br_if, the (2i + 1)-th increment (block, loop, then br_if/br pairs), so the last read is 2n + 1.
        .function(
            .i32ToI64, locals: [.i64], export: "readInsideLoop",
            body: Fixtures.countdown(iteration: Asm.globalGet(0) + Asm.localSet(1)) + Asm.localGet(1)
        )
        // write(x): the count becomes x, then the function's end adds 1.
        .function(FunctionType([.i64], []), export: "write", Asm.localGet(0), Asm.globalSet(0))
        // writeThenCount(x, n): x, then the countdown over local 1 (2n + 3), then the end: x + 2n + 4.
        .function(
            FunctionType([.i64, .i32], []), export: "writeThenCount",
            body: Asm.localGet(0) + Asm.globalSet(0) + Fixtures.countdown(counter: 1))

    private func instantiate(in store: Store = Store()) throws -> Instance {
        try Self.module.instantiate(in: store)
    }

    @Test func globalGetReadsTheLiveCount() throws {
        let store = Store()
        let instance = try instantiate(in: store)
        #expect(try instance.call("read") == [.i64(UInt64(0))])
        #expect(store.instructionCount == 1)
        #expect(try instance.call("read") == [.i64(UInt64(1))])
        #expect(try instance.call("blockThenRead") == [.i64(UInt64(2 + 2))])
        #expect(store.instructionCount == 5)
    }

    @Test(arguments: [UInt64(0), 1, 7, 1_000])
    func readAfterTheLoopSeesItsCount(n: UInt64) throws {
        let store = Store()
        let instance = try instantiate(in: store)
        #expect(try instance.call("countThenRead", .i32(UInt32(n))) == [.i64(2 * n + 3)])
        #expect(store.instructionCount == 2 * n + 4)
    }

    @Test(arguments: [UInt64(1), 7, 1_000])
    func readInsideTheLoopSeesTheRunningCount(n: UInt64) throws {
        let store = Store()
        let instance = try instantiate(in: store)
        #expect(try instance.call("readInsideLoop", .i32(UInt32(n))) == [.i64(2 * n + 1)])
        #expect(store.instructionCount == 2 * n + 4)
    }

    /// `global.set` replaces the store's counter; later increments add to the written value (and wrap:
    /// writing -1 then the function's `end` gives 0).
    @Test(arguments: [UInt64(0), 1_000, 0x7FFF_FFFF_FFFF_FFFF, .max])
    func globalSetWritesTheStoreCounter(value: UInt64) throws {
        let store = Store()
        let instance = try instantiate(in: store)
        store.instructionCount = 77
        try instance.call("write", .i64(value))
        #expect(store.instructionCount == value &+ 1)
    }

    @Test func incrementsContinueFromTheWrittenValue() throws {
        let store = Store()
        let instance = try instantiate(in: store)
        try instance.call("writeThenCount", .i64(UInt64(500)), .i32(UInt32(7)))
        #expect(store.instructionCount == 500 + 2 * 7 + 4)
    }

    @Test func settingTheCounterFromSwiftIsSeenByWasm() throws {
        let store = Store()
        let instance = try instantiate(in: store)
        store.instructionCount = 12_345
        #expect(try instance.call("read") == [.i64(UInt64(12_345))])
        #expect(store.instructionCount == 12_346)
    }

    /// The exported counter global is the same counter, seen and set from the host.
    @Test func exportedCounterGlobalIsTheStoreCounter() throws {
        let store = Store()
        let instance = try instantiate(in: store)
        let counter = try #require(instance.global(named: "counter"))
        #expect(counter.type == GlobalType(valueType: .i64, isMutable: true))
        try instance.call("countThenRead", .i32(UInt32(7)))
        #expect(counter.value == .i64(UInt64(18)))
        try counter.set(.i64(UInt64(50)))
        #expect(store.instructionCount == 50)
        #expect(try instance.call("read") == [.i64(UInt64(50))])
    }

    /// Instances in one store share one counter, whichever instance counts or writes.
    @Test func instancesInOneStoreShareTheCounter() throws {
        let store = Store()
        let first = try instantiate(in: store)
        let second = try instantiate(in: store)
        #expect(try first.call("countThenRead", .i32(UInt32(7))) == [.i64(UInt64(17))])  // 2·7 + 3
        #expect(try second.call("read") == [.i64(UInt64(18))])  // + first's end
        try second.call("write", .i64(UInt64(100)))
        #expect(try first.call("read") == [.i64(UInt64(101))])  // + write's end
        #expect(store.instructionCount == 102)
    }

    /// Stores count separately: running in one leaves the other's counter alone.
    @Test func storesCountSeparately() throws {
        let busy = Store()
        let idle = Store()
        let busyInstance = try instantiate(in: busy)
        let idleInstance = try instantiate(in: idle)
        try busyInstance.call("countThenRead", .i32(UInt32(7)))
        #expect(busy.instructionCount == 18)
        #expect(try idleInstance.call("read") == [.i64(UInt64(0))])
        #expect(idle.instructionCount == 1)
        #expect(busy.instructionCount == 18)
        try idleInstance.call("write", .i64(UInt64(1_000)))
        #expect(busy.instructionCount == 18)
    }

    /// Code sees the live count only through the canonical import, so the counter re-exported by one
    /// module and imported by another under any other name is a link error, not a stale value.
    @Test func importingTheCounterUnderAnotherNameFailsToLink() throws {
        let store = Store()
        let exporter = try instantiate(in: store)
        let importer = try WasmModule()
            .importGlobal("exporter", "counter", .i64, mutable: true)
            .function(.voidToI64, export: "read", Asm.globalGet(0))
            .module()
        var imports = Imports()
        imports.define(module: "exporter", instance: exporter)
        let failure = #expect(throws: InstantiationError.self) { try store.instantiate(importer, imports: imports) }
        guard case .link(let error) = failure else {
            Issue.record("expected a link error, got \(String(describing: failure))")
            return
        }
        #expect(error.reason == .instructionCounterUnderAnotherName)
        #expect(error.description.contains("\"exporter\" \"counter\" is the instruction counter"))
        // An ordinary mutable i64 global under the same name links.
        let other = try WasmModule()
            .global(.i64, mutable: true, initial: Asm.i64Const(5), export: "counter")
            .module()
        var otherImports = Imports()
        otherImports.define(module: "exporter", instance: try store.instantiate(other))
        let linked = try store.instantiate(importer, imports: otherImports)
        #expect(try linked.function(named: "read")!.call([]) == [.i64(UInt64(5))])
    }

    /// The counter is `(mut i64)`; importing it as an immutable global is a link error, as any import
    /// whose global type does not match.
    @Test func importingTheCounterAsImmutableFailsToLink() throws {
        let module = try WasmModule()
            .importGlobal(WasmModule.counterModule, WasmModule.counterName, .i64, mutable: false)
            .module()
        let store = Store()
        let failure = #expect(throws: InstantiationError.self) { try store.instantiate(module) }
        guard case .link(let error) = failure else {
            Issue.record("expected a link error, got \(String(describing: failure))")
            return
        }
        #expect(error.reason == .instructionCounterMisdeclared)
        // The message says what to declare, then what the module declared.
        #expect(error.description.hasSuffix("declare it as global (mut i64), not global i64"), "\(error)")
    }

    /// Importing the counter as a function is the same mistake, and says so (not "unknown import").
    @Test func importingTheCounterAsAFunctionSaysToDeclareAGlobal() throws {
        let module = try WasmModule()
            .importFunction(WasmModule.counterModule, WasmModule.counterName, FunctionType(results: [.i64]))
            .module()
        let failure = #expect(throws: InstantiationError.self) { try Store().instantiate(module) }
        guard case .link(let error) = failure else {
            Issue.record("expected a link error, got \(String(describing: failure))")
            return
        }
        #expect(error.reason == .instructionCounterMisdeclared)
        #expect(error.description.hasSuffix("declare it as global (mut i64), not func () -> (i64)"), "\(error)")
    }
}
