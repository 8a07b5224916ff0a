import Testing

@testable import ReproWasm

/// `docs/DETERMINISM.md` §4: `StoreLimits.maxCallDepth` is the maximum number of nested wasm frames, the
/// entry frame included. `f(k)` (`Fixtures.recursiveCount`) needs k + 1 frames, so under a limit of L
/// frames `f(L - 1)` is the deepest call that succeeds and `f(L)` traps with "call stack exhausted".
///
/// Counts (see `Fixtures.recursiveCount`): `f(k)` counts 3(k + 1); `f(L)` under limit L traps when
/// its L-th frame (`f(1)`) calls `f(0)`, after each of the L frames counted its `if`: L.
@Suite struct CallDepthTests {
    /// `f` is function 0; `spin` (function 1) calls itself forever after a `block end` (2 per frame).
    private func instantiate(limits: StoreLimits = StoreLimits()) throws -> (Store, Instance) {
        let store = Store(engine: Engine(limits: limits))
        let instance = try WasmModule()
            .function(.i32ToI32, export: "f", name: "f", body: Fixtures.recursiveCount(index: 0))
            .function(.void, export: "spin", name: "spin", Asm.block(), Asm.end, Asm.call(1))
            .instantiate(in: store)
        return (store, instance)
    }

    @Test(arguments: [1, 2, 100, 1_000])
    func deepestCallUsesExactlyTheLimit(limit: Int) throws {
        let (store, instance) = try instantiate(limits: StoreLimits(maxCallDepth: limit))
        let f = try instance.exportedFunction("f")

        #expect(try f.call([.i32(UInt32(limit - 1))]) == [.i32(Int32(limit - 1))])
        #expect(store.instructionCount == 3 * UInt64(limit))

        store.instructionCount = 0
        let trap = #expect(throws: Trap.self) { try f.call([.i32(UInt32(limit))]) }
        #expect(trap?.code == .callStackExhausted)
        #expect(store.instructionCount == UInt64(limit))
    }

    /// The boundary is a property of the limit only: it holds on every call, after traps, in any store.
    @Test func boundaryIsTheSameOnEveryRun() throws {
        for _ in 0..<2 {
            let (_, instance) = try instantiate(limits: StoreLimits(maxCallDepth: 100))
            let f = try instance.exportedFunction("f")
            for _ in 0..<3 {
                #expect(try f.call([.i32(UInt32(99))]) == [.i32(Int32(99))])
                let trap = #expect(throws: Trap.self) { try f.call([.i32(UInt32(100))]) }
                #expect(trap?.code == .callStackExhausted)
            }
        }
    }

    /// The default limit is 10,000 frames: f(9,999) succeeds and f(10,000) traps.
    @Test func defaultLimitIsTenThousandFrames() throws {
        let (store, instance) = try instantiate()
        #expect(store.engine.limits.maxCallDepth == 10_000)
        #expect(try instance.call("f", .i32(UInt32(9_999))) == [.i32(Int32(9_999))])
        let trap = #expect(throws: Trap.self) { try instance.call("f", .i32(UInt32(10_000))) }
        #expect(trap?.code == .callStackExhausted)
    }

    /// Unbounded recursion traps (it does not crash the host) once 10,000 frames have each counted their
    /// `block` and `end`: 20,000. The store is usable afterwards: f(10) returns 10 and counts 33.
    @Test func unboundedRecursionTrapsAndTheStoreStaysUsable() throws {
        let (store, instance) = try instantiate()
        let trap = #expect(throws: Trap.self) { try instance.call("spin") }
        #expect(trap?.code == .callStackExhausted)
        #expect(trap?.functionName == "spin")
        #expect(store.instructionCount == 20_000)

        store.instructionCount = 0
        #expect(try instance.call("f", .i32(UInt32(10))) == [.i32(Int32(10))])
        #expect(store.instructionCount == 33)
    }

    /// A zero limit allows no wasm frame at all: even the entry call traps, before counting anything.
    @Test func zeroLimitRejectsTheEntryFrame() throws {
        let (store, instance) = try instantiate(limits: StoreLimits(maxCallDepth: 0))
        let trap = #expect(throws: Trap.self) { try instance.call("f", .i32(UInt32(0))) }
        #expect(trap?.code == .callStackExhausted)
        #expect(store.instructionCount == 0)
    }

    /// A host function is not a wasm frame: with a zero limit the embedder can still call one directly,
    /// and it can still run; only a call into wasm from it is refused.
    @Test func zeroLimitStillRunsAHostFunctionCalledDirectly() throws {
        let store = Store(engine: Engine(limits: StoreLimits(maxCallDepth: 0)))
        let double = Function(store: store, type: FunctionType(parameters: [.i32], results: [.i32])) { _, args in
            [.i32(args[0].i32! &* 2)]
        }
        #expect(try double.call([.i32(UInt32(21))]) == [.i32(UInt32(42))])
    }

    /// The value-stack limit traps the same way. A frame of 1,000 `i64` locals needs at least 1,000 slots,
    /// so 10,000 slots hold at most 10 such frames (each counting `block`, `end`: at most 20). The exact
    /// point depends on the frame layout, but it is the same in every store.
    @Test func valueStackLimitTrapsDeterministically() throws {
        var counts: [UInt64] = []
        for _ in 0..<2 {
            let store = Store(engine: Engine(limits: StoreLimits(maxCallDepth: 10_000, maxStackSlots: 10_000)))
            let instance = try WasmModule()
                .function(
                    .void, locals: Array(repeating: .i64, count: 1_000), export: "deep",
                    Asm.block(), Asm.end, Asm.call(0)
                )
                .function(.voidToI32, export: "one", Asm.i32Const(1))
                .instantiate(in: store)
            let trap = #expect(throws: Trap.self) { try instance.call("deep") }
            #expect(trap?.code == .callStackExhausted)
            #expect(try instance.call("one") == [.i32(Int32(1))])
            counts.append(store.instructionCount - 1)
        }
        #expect(counts[0] == counts[1])
        #expect(counts[0] > 0 && counts[0] <= 20 && counts[0] % 2 == 0)
    }

    /// Wasm frames on both sides of a host function count towards one limit: `outer` (1 frame) calls a
    /// host function that calls `f(k)` (k + 1 frames), k + 2 nested wasm frames in all. Under a limit of
    /// 10, f(8) fits and f(9) must trap.
    @Test func framesAcrossAHostCallShareTheLimit() throws {
        let store = Store(engine: Engine(limits: StoreLimits(maxCallDepth: 10)))
        let reentry = ReentryTarget()
        let instance = try WasmModule()
            .importFunction("env", "callF", .i32ToI32)
            .function(.i32ToI32, export: "f", body: Fixtures.recursiveCount(index: 1))
            .function(.i32ToI32, export: "outer", Asm.localGet(0), Asm.call(0))
            .instantiate(in: store, imports: reentry.imports(store: store, name: "callF"))
        reentry.function = try instance.exportedFunction("f")

        #expect(try instance.call("outer", .i32(UInt32(8))) == [.i32(Int32(8))])
        let trap = #expect(throws: Trap.self) { try instance.call("outer", .i32(UInt32(9))) }
        // The inner call's trap reaches the outer caller through the host function unchanged.
        #expect(trap?.code == .callStackExhausted)
    }

    /// Recursion that passes through a host function at every level is still bounded by the limit:
    /// `g(n) = n == 0 ? 0 : h(n - 1) + 1` where the host function `h` calls `g`. Each level adds one
    /// wasm frame, so under a limit of 10, g(9) (10 frames) fits and g(10) (11 frames) must trap. Without
    /// that bound such recursion only stops when the native stack overflows (a crash of the host).
    @Test func recursionThroughAHostFunctionIsBounded() throws {
        let store = Store(engine: Engine(limits: StoreLimits(maxCallDepth: 10)))
        let reentry = ReentryTarget()
        let instance = try WasmModule()
            .importFunction("env", "h", .i32ToI32)
            .function(.i32ToI32, export: "g", body: Fixtures.recursiveCount(index: 0))
            .instantiate(in: store, imports: reentry.imports(store: store, name: "h"))
        reentry.function = try instance.exportedFunction("g")

        #expect(try instance.call("g", .i32(UInt32(9))) == [.i32(Int32(9))])
        let trap = #expect(throws: Trap.self) { try instance.call("g", .i32(UInt32(10))) }
        #expect(trap?.code == .callStackExhausted)
    }

    /// Recursion through a host function deeper than the re-entrancy limit traps instead of
    /// overflowing the native stack, even when the frame limit would allow it.
    @Test func deepRecursionThroughAHostFunctionTrapsWithoutCrashing() throws {
        let store = Store(engine: Engine(limits: StoreLimits(maxCallDepth: 100_000, maxHostCallDepth: 50)))
        let reentry = ReentryTarget()
        let instance = try WasmModule()
            .importFunction("env", "h", .i32ToI32)
            .function(.i32ToI32, export: "g", body: Fixtures.recursiveCount(index: 0))
            .instantiate(in: store, imports: reentry.imports(store: store, name: "h"))
        reentry.function = try instance.exportedFunction("g")

        // g(n) enters wasm n + 1 times: the embedder's call and n re-entries from the host function.
        #expect(try instance.call("g", .i32(UInt32(50))) == [.i32(Int32(50))])
        let trap = #expect(throws: Trap.self) { try instance.call("g", .i32(UInt32(51))) }
        #expect(trap?.code == .callStackExhausted)
        let deep = #expect(throws: Trap.self) { try instance.call("g", .i32(UInt32(5_000))) }
        #expect(deep?.code == .callStackExhausted)
        #expect(try instance.call("g", .i32(UInt32(3))) == [.i32(Int32(3))])
    }
}

/// The wasm function a host function calls back into (set after instantiation).
final class ReentryTarget: @unchecked Sendable {
    var function: Function?

    /// Imports with `env.<name>`, an `(i32) -> i32` host function that calls `function`.
    func imports(store: Store, name: String) -> Imports {
        var imports = Imports()
        imports.define(
            module: "env", name: name,
            .function(Function(store: store, type: .i32ToI32) { _, arguments in try self.function!.call(arguments) }))
        return imports
    }
}
