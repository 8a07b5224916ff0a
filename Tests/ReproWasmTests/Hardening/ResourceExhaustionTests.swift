import Testing

@testable import ReproWasm

/// `docs/DETERMINISM.md` §4 and §6 under pressure: modules that recurse without bound, grow memories and
/// tables to the store's limits, or declare sizes far beyond them. Each ends in a clear error or a
/// trap of the documented kind (never a crash), traps at the same instruction count on every run,
/// and leaves the store usable.
///
/// Expected counts are derived by hand from the contract's counting rule (§3) and, for the
/// value-stack limit, from the frame layout `StoreLimits.maxStackSlots` documents.
@Suite struct ResourceExhaustionTests {
    // MARK: Unbounded recursion

    /// What a trapping call left behind: the trap's code and function, and the count.
    struct Outcome: Equatable {
        var code: TrapCode?
        var functionIndex: UInt32?
        var count: UInt64
    }

    /// Instantiates `module` in a fresh store with `limits`, calls `name`, and expects a trap.
    private func trappingRun(_ module: Module, _ name: String, limits: StoreLimits) throws -> (Outcome, Store, Instance)
    {
        let store = Store(engine: Engine(limits: limits))
        let instance = try store.instantiate(module)
        let trap = #expect(throws: Trap.self) { try instance.call(name) }
        let outcome = Outcome(code: trap?.code, functionIndex: trap?.functionIndex, count: store.instructionCount)
        return (outcome, store, instance)
    }

    /// Runs `name` in two fresh stores and once more in the first store after its trap; all three
    /// must trap with `expected`. Then `check`, a function exported by the module, must still run
    /// in the first store: `check()` returns 42 and counts 1 (its `end`).
    private func expectSameTrapEveryRun(
        _ module: Module, _ name: String, limits: StoreLimits, expected: Outcome,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let (first, store, instance) = try trappingRun(module, name, limits: limits)
        let (second, _, _) = try trappingRun(module, name, limits: limits)
        store.instructionCount = 0
        let third = #expect(throws: Trap.self, sourceLocation: sourceLocation) { try instance.call(name) }
        let again = Outcome(code: third?.code, functionIndex: third?.functionIndex, count: store.instructionCount)
        #expect(first == expected, sourceLocation: sourceLocation)
        #expect(second == expected, sourceLocation: sourceLocation)
        #expect(again == expected, sourceLocation: sourceLocation)

        store.instructionCount = 0
        #expect(try instance.call("check") == [.i32(42)], sourceLocation: sourceLocation)
        #expect(store.instructionCount == 1, sourceLocation: sourceLocation)
    }

    /// `check() = 42`, the function every recursion module exports to show the store still works.
    private static func withCheck(_ module: WasmModule) -> WasmModule {
        module.function(.voidToI32, export: "check", Asm.i32Const(42))
    }

    /// Direct recursion, `f() { block end; f() }`: each frame counts its `block` and `end` (2)
    /// before calling. Under a limit of L frames the L-th frame's call traps: 2L.
    @Test(arguments: [1, 100, 10_000])
    func directRecursion(limit: Int) throws {
        let module = try Self.withCheck(
            WasmModule().function(.void, export: "f", Asm.block(), Asm.end, Asm.call(0))
        ).module()
        try expectSameTrapEveryRun(
            module, "f", limits: StoreLimits(maxCallDepth: limit),
            expected: Outcome(code: .callStackExhausted, functionIndex: 0, count: 2 * UInt64(limit)))
    }

    /// The frame stack is the interpreter's own, not the native one: a million nested frames trap at
    /// the limit like ten do (2,000,000 counted), with no host stack overflow.
    @Test func aMillionFramesDoNotTouchTheNativeStack() throws {
        let module = try Self.withCheck(
            WasmModule().function(.void, export: "f", Asm.block(), Asm.end, Asm.call(0))
        ).module()
        let limits = StoreLimits(maxCallDepth: 1_000_000, maxStackSlots: 1 << 21)
        let (outcome, _, _) = try trappingRun(module, "f", limits: limits)
        #expect(outcome == Outcome(code: .callStackExhausted, functionIndex: 0, count: 2_000_000))
    }

    /// Mutual recursion: `f() { block end; g() }` (2 per frame), `g() { block end block end; f() }` (4
    /// per frame). Frames alternate f, g, f, …; under a limit of L = 100 there are 50 of each, and
    /// the 100th frame, a `g`, traps at its call: 50 · 2 + 50 · 4 = 300, in function 1.
    @Test func mutualRecursion() throws {
        let module = try Self.withCheck(
            WasmModule()
                .function(.void, export: "f", Asm.block(), Asm.end, Asm.call(1))
                .function(.void, Asm.block(), Asm.end, Asm.block(), Asm.end, Asm.call(0))
        ).module()
        try expectSameTrapEveryRun(
            module, "f", limits: StoreLimits(maxCallDepth: 100),
            expected: Outcome(code: .callStackExhausted, functionIndex: 1, count: 300))
    }

    /// Recursion through `call_indirect` on table slot 0, which holds `f` itself: 2 per frame, 2L.
    @Test func recursionThroughCallIndirect() throws {
        let module = try Self.withCheck(
            WasmModule()
                .table(min: 1, max: 1)
                .function(
                    .void, export: "f", Asm.block(), Asm.end, Asm.i32Const(0), Asm.callIndirect(type: 0)
                )
                .elements(at: 0, [0])
        ).module()
        try expectSameTrapEveryRun(
            module, "f", limits: StoreLimits(maxCallDepth: 100),
            expected: Outcome(code: .callStackExhausted, functionIndex: 0, count: 200))
    }

    /// With 1,000 `i64` locals a frame of `f() { block end; f() }` takes 1,000 value-stack slots (its
    /// locals; it pushes nothing), and a callee's frame starts where the caller's arguments would be,
    /// right after them. Frame k (from 0) so ends at slot 1,000 · (k + 1), and under 10,500 slots
    /// frames 0 … 9 fit: the slot limit, not the frame limit of 10,000, stops the 10th frame's call
    /// after 10 · 2 = 20 counted.
    @Test func recursionWithLargeFramesHitsTheSlotLimit() throws {
        let module = try Self.withCheck(
            WasmModule().function(
                .void, locals: Array(repeating: .i64, count: 1_000), export: "f", Asm.block(), Asm.end, Asm.call(0))
        ).module()
        #expect(module.validated.functions[0].frameSlots == 1_000)
        try expectSameTrapEveryRun(
            module, "f", limits: StoreLimits(maxCallDepth: 10_000, maxStackSlots: 10_500),
            expected: Outcome(code: .callStackExhausted, functionIndex: 0, count: 20))
    }
}

/// Runs `body` and returns its result and how long it took.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Duration) {
    let start = ContinuousClock.now
    let result = try body()
    return (result, ContinuousClock.now - start)
}
