import Testing

@testable import ReproWasm

/// `docs/DETERMINISM.md` §4: fuel is a budget on the instruction counter. An increment that would take the
/// count past the budget traps with "out of fuel" instead, so the count after the trap is the budget.
@Suite struct FuelTests {
    /// The countdown with n = 100 counts 2·100 + 3 = 203 in the loop and 1 for the function's `end`.
    static let n: UInt32 = 100
    static let total: UInt64 = 204

    /// `countdown(n)`, whose iterations each add 1 to the exported global `iterations`, so a test can see
    /// how far the run got before fuel ran out.
    private func countdownWithProgress(store: Store) throws -> Instance {
        let iteration = Asm.globalGet(0) + Asm.i32Const(1) + Asm.op("i32.add") + Asm.globalSet(0)
        return try WasmModule()
            .global(.i32, mutable: true, initial: Asm.i32Const(0), export: "iterations")
            .function(.i32ToVoid, export: "countdown", body: Fixtures.countdown(iteration: iteration))
            .instantiate(in: store)
    }

    private func iterations(_ instance: Instance) -> Value? { instance.global(named: "iterations")?.value }

    /// Fuel F < 204 from a count of 0: the trap leaves the count at exactly F and no fuel.
    ///
    /// Iteration i (from 1) adds to the global after its `br_if`, the (2i + 1)-th increment, so the
    /// global ends at the number of i with 2i + 1 ≤ F: (F - 1) / 2 for F ≥ 1, and 0 for F = 0.
    /// F = 2 is used up by `block` and `loop`.
    @Test(arguments: [(UInt64(0), Int32(0)), (1, 0), (2, 0), (5, 2), (100, 49)])
    func runOutOfFuelAtExactlyTheBudget(fuel: UInt64, completedIterations: Int32) throws {
        let store = Store()
        let instance = try countdownWithProgress(store: store)
        store.fuel = fuel
        let trap = #expect(throws: Trap.self) { try instance.call("countdown", .i32(Self.n)) }
        #expect(trap?.code == .outOfFuel)
        #expect(trap?.functionIndex == 0)
        #expect(store.instructionCount == fuel)
        #expect(store.fuel == 0)
        #expect(iterations(instance) == .i32(completedIterations))
    }

    /// After running out, more fuel lets a new call run to the end, counting from where the trap left off.
    @Test(arguments: [UInt64(0), 1, 2, 5, 100])
    func refillingFuelLetsANewCallRun(fuel: UInt64) throws {
        let store = Store()
        let instance = try countdownWithProgress(store: store)
        store.fuel = fuel
        #expect(throws: Trap.self) { try instance.call("countdown", .i32(Self.n)) }
        let before = iterations(instance)?.i32 ?? -1
        store.fuel = Self.total
        try instance.call("countdown", .i32(Self.n))
        #expect(store.instructionCount == fuel + Self.total)
        #expect(store.fuel == 0)
        #expect(iterations(instance) == .i32(before + Int32(Self.n)))
    }

    /// Fuel equal to the count needed is enough; one less runs every iteration and then traps at the
    /// function's final `end`, the 204th increment.
    @Test func fuelExactlyEqualToTheCountSucceeds() throws {
        let store = Store()
        let instance = try countdownWithProgress(store: store)
        store.fuel = Self.total
        try instance.call("countdown", .i32(Self.n))
        #expect(store.instructionCount == Self.total)
        #expect(store.fuel == 0)

        let short = Store()
        let shortInstance = try countdownWithProgress(store: short)
        short.fuel = Self.total - 1
        let trap = #expect(throws: Trap.self) { try shortInstance.call("countdown", .i32(Self.n)) }
        #expect(trap?.code == .outOfFuel)
        #expect(short.instructionCount == Self.total - 1)
        #expect(iterations(shortInstance) == .i32(Int32(Self.n)))
    }

    /// Out of fuel stops at the instruction whose increment did not fit, after every effect before it:
    ///
    ///     block               ;; 1st increment
    ///       (global.set 1)
    ///       block             ;; 2nd
    ///         (global.set 2)
    ///       end               ;; 3rd
    ///       (global.set 3)
    ///     end                 ;; 4th
    ///     (global.set 4)
    ///                         ;; fn end: 5th
    ///
    /// With fuel F < 5 the trap is at the (F + 1)-th increment, so the global holds F.
    @Test(arguments: [UInt64(0), 1, 2, 3, 4, 5])
    func effectsStopAtTheInstructionThatRanOutOfFuel(fuel: UInt64) throws {
        let store = Store()
        let set: (Int32) -> [UInt8] = { Asm.i32Const($0) + Asm.globalSet(0) }
        let body =
            Asm.block() + set(1) + Asm.block() + set(2) + Asm.end + set(3) + Asm.end + set(4)
        let instance = try WasmModule()
            .global(.i32, mutable: true, initial: Asm.i32Const(0), export: "progress")
            .function(.void, export: "run", body: body)
            .instantiate(in: store)
        store.fuel = fuel
        if fuel < 5 {
            let trap = #expect(throws: Trap.self) { try instance.call("run") }
            #expect(trap?.code == .outOfFuel)
        } else {
            try instance.call("run")
        }
        #expect(instance.global(named: "progress")?.value == .i32(Int32(min(fuel, 4))))
        #expect(store.instructionCount == fuel)
    }

    /// Fuel is spent across calls: 10 fuel pays for ten empty functions (1 each); the eleventh traps.
    @Test func fuelIsSharedByConsecutiveCalls() throws {
        let store = Store()
        let instance = try WasmModule().function(.void, export: "empty", body: []).instantiate(in: store)
        store.fuel = 10
        for _ in 0..<10 { try instance.call("empty") }
        #expect(store.fuel == 0)
        let trap = #expect(throws: Trap.self) { try instance.call("empty") }
        #expect(trap?.code == .outOfFuel)
        #expect(store.instructionCount == 10)
    }

    /// `loop br 0 end` never ends on its own; 1,000 fuel stops it at count 1,000 (loop 1, then br 999 times).
    @Test func fuelStopsAnInfiniteLoop() throws {
        let store = Store()
        let instance = try WasmModule().function(.void, export: "spin", Asm.loop(), Asm.br(0), Asm.end)
            .instantiate(in: store)
        store.fuel = 1_000
        let trap = #expect(throws: Trap.self) { try instance.call("spin") }
        #expect(trap?.code == .outOfFuel)
        #expect(store.instructionCount == 1_000)
    }

    /// An engine's default fuel is given to every new store; `nil` means unlimited.
    @Test func engineDefaultFuelAppliesToEachStore() throws {
        let module = try WasmModule().function(.i32ToVoid, export: "countdown", body: Fixtures.countdown()).module()
        let engine = Engine(defaultFuel: 10)
        for _ in 0..<2 {
            let store = Store(engine: engine)
            #expect(store.fuel == 10)
            let trap = #expect(throws: Trap.self) { try store.instantiate(module).call("countdown", .i32(Self.n)) }
            #expect(trap?.code == .outOfFuel)
            #expect(store.instructionCount == 10)
        }
        let unlimited = Store()
        #expect(unlimited.fuel == nil)
        try unlimited.instantiate(module).call("countdown", .i32(Self.n))
        #expect(unlimited.instructionCount == Self.total)
    }

    /// Setting the counter (checkpointing) keeps the fuel that was left: 50 fuel at count 1,000 traps at 1,050.
    @Test func settingTheCounterKeepsTheRemainingFuel() throws {
        let store = Store()
        let instance = try WasmModule().function(.i32ToVoid, export: "countdown", body: Fixtures.countdown())
            .instantiate(in: store)
        store.fuel = 50
        store.instructionCount = 1_000
        #expect(store.fuel == 50)
        let trap = #expect(throws: Trap.self) { try instance.call("countdown", .i32(Self.n)) }
        #expect(trap?.code == .outOfFuel)
        #expect(store.instructionCount == 1_050)
    }

    // MARK: Fuel changed by a host function during a call

    /// `countdown(100)` calling the host function `env.hook` on every iteration (host calls add 0), which
    /// runs `action` on its first call. The run needs 204 increments.
    private func countdownWithHook(store: Store, _ action: @escaping () -> Void) throws -> Instance {
        let calls = HostCallCounter()
        var imports = Imports()
        imports.define(
            module: "env", name: "hook",
            .function(
                Function(store: store, type: .void) { _, _ in
                    calls.count += 1
                    if calls.count == 1 { action() }
                    return []
                }))
        return try WasmModule()
            .importFunction("env", "hook", .void)
            .function(.i32ToVoid, export: "countdown", body: Fixtures.countdown(iteration: Asm.call(0)))
            .instantiate(in: store, imports: imports)
    }

    /// A host function that refuels lets the running call continue: 10 fuel at the start, 1,000 set at
    /// the first hook (count 3: block, loop, br_if), so the run's 204 increments all fit.
    @Test func refuellingFromAHostFunctionTakesEffectAtOnce() throws {
        let store = Store()
        let instance = try countdownWithHook(store: store) { [unowned store] in store.fuel = 1_000 }
        store.fuel = 10
        try instance.call("countdown", .i32(Self.n))
        #expect(store.instructionCount == Self.total)
        #expect(store.fuel == 1_000 + 3 - Self.total)
    }

    /// A host function that takes the fuel away stops the running call at the next increment: fuel 0
    /// set at the first hook (count 3) traps on the iteration's `br` with the count still 3.
    @Test func removingFuelFromAHostFunctionTakesEffectAtOnce() throws {
        let store = Store()
        let instance = try countdownWithHook(store: store) { [unowned store] in store.fuel = 0 }
        store.fuel = 1_000
        let trap = #expect(throws: Trap.self) { try instance.call("countdown", .i32(Self.n)) }
        #expect(trap?.code == .outOfFuel)
        #expect(store.instructionCount == 3)
    }

    /// A host function that sets the counter mid-call (checkpoint/restore) keeps the fuel that was left,
    /// as `Store.instructionCount`'s setter promises: 1,000 fuel, the count moved to 5,000 at count 3,
    /// then the remaining 201 increments: 5,201, with 1,000 - 204 fuel left.
    @Test func settingTheCounterFromAHostFunctionKeepsTheFuel() throws {
        let store = Store()
        let instance = try countdownWithHook(store: store) { [unowned store] in store.instructionCount = 5_000 }
        store.fuel = 1_000
        try instance.call("countdown", .i32(Self.n))
        #expect(store.instructionCount == 5_000 + Self.total - 3)
        #expect(store.fuel == 1_000 - Self.total)
    }

    // MARK: Fuel and writes to the counter

    /// `Store.fuel` is "how many more instructions may be counted"; writing the counter through its
    /// exported global must leave that amount alone, as setting `store.instructionCount` does.
    @Test func writingTheCounterGlobalKeepsTheRemainingFuel() throws {
        let store = Store()
        let instance = try WasmModule().importCounter().export("counter", .global, 0)
            .function(.void, export: "empty", body: [])
            .instantiate(in: store)
        let counter = try #require(instance.global(named: "counter"))
        store.fuel = 50
        try counter.set(.i64(UInt64(1_000)))
        #expect(store.instructionCount == 1_000)
        #expect(store.fuel == 50)
        try instance.call("empty")
        #expect(store.instructionCount == 1_001)
        #expect(store.fuel == 49)
    }

    /// A module that writes 0 to the counter on every iteration must not run past its fuel: fuel makes
    /// every run terminate (§4). countdown(1,000) needs 2,004 increments; 100 fuel cannot pay for them.
    @Test func resettingTheCounterFromWasmDoesNotEscapeFuel() throws {
        let store = Store()
        let reset = Asm.i64Const(0) + Asm.globalSet(0)
        let instance = try WasmModule().importCounter()
            .function(.i32ToVoid, export: "countdown", body: Fixtures.countdown(iteration: reset))
            .instantiate(in: store)
        store.fuel = 100
        let trap = #expect(throws: Trap.self) { try instance.call("countdown", .i32(UInt32(1_000))) }
        #expect(trap?.code == .outOfFuel)
    }

    /// Fuel is an amount, so it does not shrink when the counter is about to wrap (the counter wraps by
    /// contract): from count `max - 1`, 10 fuel pays for countdown(1)'s 6 increments, ending at count 4.
    @Test func fuelIsAnAmountEvenWhenTheCounterWraps() throws {
        let store = Store()
        let instance = try WasmModule().function(.i32ToVoid, export: "countdown", body: Fixtures.countdown())
            .instantiate(in: store)
        store.instructionCount = .max - 1
        store.fuel = 10
        #expect(store.fuel == 10)
        try instance.call("countdown", .i32(UInt32(1)))
        #expect(store.instructionCount == 4)
        #expect(store.fuel == 4)
    }

    /// With no fuel left, the next increment traps even when it would wrap the counter: from count
    /// `max - 1` with 0 fuel, countdown(1) traps at once and the count stays `max - 1`.
    @Test func noFuelTrapsEvenWhenTheIncrementWraps() throws {
        let store = Store()
        let instance = try WasmModule().function(.i32ToVoid, export: "countdown", body: Fixtures.countdown())
            .instantiate(in: store)
        store.instructionCount = .max - 1
        store.fuel = 0
        #expect(store.fuel == 0)
        let trap = #expect(throws: Trap.self) { try instance.call("countdown", .i32(UInt32(1))) }
        #expect(trap?.code == .outOfFuel)
        #expect(store.instructionCount == UInt64.max - 1)
    }

    /// A loop whose step is an `i32.add` of a constant and whose test is `br_if` on the sum (or on
    /// `i32.ne` with a constant) runs as one op (`i32AddImmThenBrIf`, `i32AddImmThenBrIfNeImm`).
    /// It must count each `br_if` and run out of fuel exactly where the instructions one by one do.
    @Test func fusedLoopStepCountsAndRunsOutOfFuelLikeTheInstructions() throws {
        let module = try Module(
            wat: """
                (module
                  (func (export "up") (param i32) (result i32) (local i32)
                    i32.const 0 local.get 0 i32.sub local.set 1
                    (loop $l local.get 1 i32.const 1 i32.add local.tee 1 br_if $l)
                    local.get 1)
                  (func (export "byThree") (result i32) (local i32)
                    (loop $l local.get 0 i32.const 3 i32.add local.tee 0 i32.const 30 i32.ne br_if $l)
                    local.get 0)
                  (func (export "bySlot") (param i32 i32) (result i32) (local i32)
                    (loop $l local.get 2 local.get 0 i32.add local.tee 2 local.get 1 i32.lt_u br_if $l)
                    local.get 2))
                """)
        #expect(module.codeListing.contains("i32AddImmThenBrIf "))
        #expect(module.codeListing.contains("i32AddImmThenBrIfNeImm"))
        #expect(module.codeListing.contains("i32AddThenBrIfLtU "))
        let store = Store()
        let instance = try store.instantiate(module)
        // `loop` 1, one `br_if` per iteration, the loop's `end` and the function's `end`: n + 3.
        for n in [Int32(1), 2, 1000] {
            let before = store.instructionCount
            #expect(try instance.call("up", .i32(n)) == [.i32(0)])
            #expect(store.instructionCount - before == UInt64(n) + 3)
        }
        let before = store.instructionCount
        #expect(try instance.call("byThree") == [.i32(30)])
        #expect(store.instructionCount - before == 13)
        // Fuel 6: `loop`, then five `br_if`s; the sixth traps, having added nothing.
        let countBefore = store.instructionCount
        store.fuel = 6
        let trap = #expect(throws: Trap.self) { try instance.call("byThree") }
        #expect(trap?.code == .outOfFuel)
        #expect(store.fuel == 0)
        #expect(store.instructionCount - countBefore == 6)
        // The same with the step and the limit in slots (`i32AddThenBrIfLtU`).
        let slotBefore = store.instructionCount
        store.fuel = nil
        #expect(try instance.call("bySlot", .i32(3), .i32(30)) == [.i32(30)])
        #expect(store.instructionCount - slotBefore == 13)
        let slotCountBefore = store.instructionCount
        store.fuel = 6
        let slotTrap = #expect(throws: Trap.self) { try instance.call("bySlot", .i32(3), .i32(30)) }
        #expect(slotTrap?.code == .outOfFuel)
        #expect(store.instructionCount - slotCountBefore == 6)
    }
}
