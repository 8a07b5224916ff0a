import Testing

@testable import ReproWasm

/// `docs/DETERMINISM.md` §3: the instruction counter counts executed control-flow instructions, +1 each.
///
/// Every expectation is derived by hand from the contract's table; the comment beside each case shows
/// the sum. "fn end" is the function body's own `end`, counted when execution falls onto it.
@Suite struct CountingTests {
    /// A single function `run` and what calling it must count.
    struct StaticCase: Sendable, CustomTestStringConvertible {
        let name: String
        var type: FunctionType = .void
        let body: [UInt8]
        var arguments: [Value] = []
        var results: [Value] = []
        let count: UInt64
        var testDescription: String { name }
    }

    static let staticCases: [StaticCase] = [
        // fn end 1.
        StaticCase(name: "empty function", body: [], count: 1),
        // nop 0 ×3, fn end 1.
        StaticCase(name: "nops add nothing", body: Asm.nop + Asm.nop + Asm.nop, count: 1),
        // Constants, numeric operators and drop add 0; fn end 1.
        StaticCase(
            name: "numeric operators add nothing",
            body: Asm.i32Const(1) + Asm.i32Const(2) + Asm.op("i32.add") + Asm.drop, count: 1),
        // block 1, end 1 (falls through), fn end 1.
        StaticCase(name: "block end", body: Asm.block() + Asm.end, count: 3),
        // loop 1, end 1 (falls through), fn end 1.
        StaticCase(name: "loop end", body: Asm.loop() + Asm.end, count: 3),
        // block 1, block 1, end 1, end 1, fn end 1.
        StaticCase(name: "block block end end", body: Asm.block() + Asm.block() + Asm.end + Asm.end, count: 5),
        // block 1, br 1; the block's end is reached by the branch (0); fn end 1.
        StaticCase(name: "block br 0 end", body: Asm.block() + Asm.br(0) + Asm.end, count: 3),
        // block 1, block 1, br 1; both ends are skipped by the branch; fn end 1.
        StaticCase(
            name: "br out of two blocks", body: Asm.block() + Asm.block() + Asm.br(1) + Asm.end + Asm.end, count: 4),
        // return 1; fn end not reached by fall-through.
        StaticCase(name: "return", body: Asm.return, count: 1),
        // block 1, return 1; neither end counts.
        StaticCase(name: "return inside a block", body: Asm.block() + Asm.return + Asm.end, count: 2),
        // if 1, then-arm falls onto else 1, the if's end is reached by the jump past the else-arm (0), fn end 1.
        StaticCase(
            name: "if/else, then-arm", type: .i32ToI32,
            body: Asm.localGet(0) + Asm.if(.value(.i32)) + Asm.i32Const(10) + Asm.else + Asm.i32Const(20) + Asm.end,
            arguments: [.i32(UInt32(1))], results: [.i32(UInt32(10))], count: 3),
        // if 1, the else-arm falls onto end 1, fn end 1.
        StaticCase(
            name: "if/else, else-arm", type: .i32ToI32,
            body: Asm.localGet(0) + Asm.if(.value(.i32)) + Asm.i32Const(10) + Asm.else + Asm.i32Const(20) + Asm.end,
            arguments: [.i32(UInt32(0))], results: [.i32(UInt32(20))], count: 3),
        // if 1; a false if without else jumps to its label, so its end does not count; fn end 1.
        StaticCase(
            name: "if without else, false", type: .i32ToVoid, body: Asm.localGet(0) + Asm.if() + Asm.nop + Asm.end,
            arguments: [.i32(UInt32(0))], count: 2),
        // if 1, end 1 (the then-arm falls onto it), fn end 1.
        StaticCase(
            name: "if without else, true", type: .i32ToVoid, body: Asm.localGet(0) + Asm.if() + Asm.nop + Asm.end,
            arguments: [.i32(UInt32(1))], count: 3),
        // br 1; the function's end is reached by the branch to the body's label, so it does not count.
        StaticCase(
            name: "br to the function's label", type: .voidToI32, body: Asm.i32Const(5) + Asm.br(0),
            results: [.i32(UInt32(5))], count: 1),
        // br_if 1, taken: the function's end is reached by the branch.
        StaticCase(
            name: "br_if to the function's label, taken", type: .i32ToI32,
            body: Asm.i32Const(5) + Asm.localGet(0) + Asm.brIf(0), arguments: [.i32(UInt32(1))],
            results: [.i32(UInt32(5))], count: 1),
        // br_if 1, not taken, then fn end 1.
        StaticCase(
            name: "br_if to the function's label, not taken", type: .i32ToI32,
            body: Asm.i32Const(5) + Asm.localGet(0) + Asm.brIf(0), arguments: [.i32(UInt32(0))],
            results: [.i32(UInt32(5))], count: 2),
        // br_table 1, to the function's label.
        StaticCase(
            name: "br_table to the function's label", type: .i32ToI32,
            body: Asm.i32Const(5) + Asm.localGet(0) + Asm.brTable([], default: 0), arguments: [.i32(UInt32(9))],
            results: [.i32(UInt32(5))], count: 1),
        // block 1, br_if 1 (not taken), end 1 (falls through), fn end 1.
        StaticCase(
            name: "br_if not taken inside a block", body: Asm.block() + Asm.i32Const(0) + Asm.brIf(0) + Asm.end,
            count: 4),
        // block 1, br_if 1 (taken: the block's end is skipped), fn end 1.
        StaticCase(
            name: "br_if taken inside a block", body: Asm.block() + Asm.i32Const(1) + Asm.brIf(0) + Asm.end, count: 3),
        // block 1, end 1, fn end 1: a result type changes nothing.
        StaticCase(
            name: "block with a result",
            body: Asm.block(.value(.i32)) + Asm.i32Const(1) + Asm.end + Asm.drop, count: 3),
        // loop 1, br_if 1 (not taken), end 1, fn end 1.
        StaticCase(
            name: "loop with an untaken back edge", body: Asm.loop() + Asm.i32Const(0) + Asm.brIf(0) + Asm.end,
            count: 4),
        // loop 1, return 1.
        StaticCase(name: "return inside a loop", body: Asm.loop() + Asm.return + Asm.end, count: 2),
        // block 1, br 1, fn end 1; the block after the br never runs.
        StaticCase(
            name: "dead code after br", body: Asm.block() + Asm.br(0) + Asm.block() + Asm.end + Asm.end, count: 3),
        // if 1, br 1 out of the then-arm (neither else nor end counts), fn end 1.
        StaticCase(
            name: "then-arm branches out", type: .i32ToVoid,
            body: Asm.localGet(0) + Asm.if() + Asm.br(0) + Asm.else + Asm.nop + Asm.end,
            arguments: [.i32(UInt32(1))], count: 3),
        // if 1, inner if 1 (false, no else: its end skipped), outer end 1 (else-arm falls through), fn end 1.
        StaticCase(
            name: "false if inside an else-arm", type: .i32ToVoid,
            body: Asm.localGet(0) + Asm.if() + Asm.else + Asm.localGet(0) + Asm.if() + Asm.end + Asm.end,
            arguments: [.i32(UInt32(0))], count: 4),
        // loop 1, then br_table 1 per pass: with 3, indices 2 and 1 go back to the loop (default), index 0
        // leaves through the function's label (its end not counted): 1 + 3.
        StaticCase(
            name: "br_table as a loop's back edge", type: .i32ToVoid,
            body: Asm.loop() + Asm.localGet(0) + Asm.i32Const(1) + Asm.op("i32.sub") + Asm.localTee(0)
                + Asm.brTable([1], default: 0) + Asm.end,
            arguments: [.i32(UInt32(3))], count: 4),
    ]

    @Test(arguments: staticCases)
    func staticBodyCountsAsTheContractSays(_ testCase: StaticCase) throws {
        let store = Store()
        let instance = try WasmModule().function(testCase.type, export: "run", body: testCase.body).instantiate(
            in: store)
        let results = try instance.exportedFunction("run").call(testCase.arguments)
        #expect(results == testCase.results)
        #expect(store.instructionCount == testCase.count)
    }

    /// The two-target `br_table` below counts once whichever target it takes:
    ///
    ///     block                           ;; +1
    ///       block                         ;; +1
    ///         (br_table 0 1 (local.get 0)) ;; +1
    ///       end                           ;; reached by the branch: 0
    ///       (return (i32.const 10))       ;; +1; fn end not reached
    ///     end                             ;; reached by the branch: 0
    ///     (i32.const 20)                  ;; fn end +1
    ///
    /// So 4 on both paths: 2 blocks + br_table + (return or fn end).
    @Test(arguments: [(UInt32(0), Int32(10)), (1, 20), (2, 20), (0xFFFF_FFFF, 20)])
    func brTableCountsOnce(index: UInt32, result: Int32) throws {
        let store = Store()
        let body =
            Asm.block() + Asm.block() + Asm.localGet(0) + Asm.brTable([0], default: 1) + Asm.end
            + Asm.i32Const(10) + Asm.return + Asm.end + Asm.i32Const(20)
        let instance = try WasmModule().function(.i32ToI32, export: "run", body: body).instantiate(in: store)
        #expect(try instance.call("run", .i32(index)) == [.i32(result)])
        #expect(store.instructionCount == 4)
    }

    /// How the countdown function ends after its loop.
    enum Ending: String, CaseIterable, Sendable {
        /// Falls onto the function's `end`: 2n+3 + 1.
        case fallsOffEnd
        /// An explicit `return` (+1) before the function's `end` (not reached): 2n+3 + 1.
        case explicitReturn
        /// `unreachable` (0): the trap keeps the loop's 2n+3 and no `end` counts.
        case trap

        var instructions: [UInt8] {
            switch self {
            case .fallsOffEnd: []
            case .explicitReturn: Asm.return
            case .trap: Asm.unreachable
            }
        }

        func expectedCount(_ n: UInt64) -> UInt64 { self == .trap ? 2 * n + 3 : 2 * n + 4 }
    }

    @Test(arguments: Ending.allCases, [UInt64(0), 1, 7, 1_000])
    func countdownLoopCounts2nPlus3ThenItsEnding(ending: Ending, n: UInt64) throws {
        let store = Store()
        let instance = try WasmModule()
            .function(.i32ToVoid, export: "countdown", body: Fixtures.countdown() + ending.instructions)
            .instantiate(in: store)
        let countdown = try instance.exportedFunction("countdown")
        if ending == .trap {
            let trap = #expect(throws: Trap.self) { try countdown.call([.i32(UInt32(n))]) }
            #expect(trap?.code == .unreachable)
        } else {
            #expect(try countdown.call([.i32(UInt32(n))]) == [])
        }
        #expect(store.instructionCount == ending.expectedCount(n))
    }

    /// How the loop below reaches its empty callee.
    enum Callee: String, CaseIterable, Sendable {
        case direct, indirect, host
        /// What one call adds: the wasm callee's `end` (the call itself adds 0); a host function adds 0.
        var countPerCall: UInt64 { self == .host ? 0 : 1 }
    }

    /// A countdown whose every iteration calls an empty function: 2n+3 for the loop, fn end 1, plus
    /// n × (the callee's `end`) for a wasm callee; `call`, `call_indirect` and host functions add 0.
    @Test(arguments: Callee.allCases, [UInt64(0), 1, 7, 1_000])
    func callsInALoopAddTheCalleesEnd(callee: Callee, n: UInt64) throws {
        let store = Store()
        let hostCalls = HostCallCounter()
        var imports = Imports()
        var module = WasmModule().types(.void)
        let calleeIndex: UInt32
        if callee == .host {
            module = module.importFunction("env", "empty", .void)
            imports.define(
                module: "env", name: "empty",
                .function(
                    Function(store: store, type: .void) { _, _ in
                        hostCalls.count += 1
                        return []
                    }))
            calleeIndex = 0
        } else {
            calleeIndex = module.nextFunctionIndex
            module = module.function(.void, body: []).table(min: 1).elements(at: 0, [calleeIndex])
        }
        let call = callee == .indirect ? Asm.i32Const(0) + Asm.callIndirect(type: 0) : Asm.call(calleeIndex)
        let instance = try module.function(.i32ToVoid, export: "loop", body: Fixtures.countdown(iteration: call))
            .instantiate(in: store, imports: imports)
        try instance.call("loop", .i32(UInt32(n)))
        #expect(store.instructionCount == 2 * n + 4 + n * callee.countPerCall)
        #expect(hostCalls.count == (callee == .host ? Int(n) : 0))
    }

    /// A trap in a callee after its loop: the caller's `block` 1, the callee's loop 2n+3, and then no
    /// `end` at all (neither the callee's body, nor the caller's block, nor the caller's body).
    @Test(arguments: [UInt64(0), 1, 7, 1_000])
    func trapInCalleeCountsNoEnds(n: UInt64) throws {
        let store = Store()
        let instance = try WasmModule()
            .function(.i32ToVoid, name: "callee", body: Fixtures.countdown() + Asm.unreachable)
            .function(.i32ToVoid, export: "caller", Asm.block(), Asm.localGet(0), Asm.call(0), Asm.end)
            .instantiate(in: store)
        let trap = #expect(throws: Trap.self) { try instance.call("caller", .i32(UInt32(n))) }
        #expect(trap?.code == .unreachable)
        #expect(trap?.functionIndex == 0)
        #expect(store.instructionCount == 1 + (2 * n + 3))
    }

    /// Increments made before a trapping instruction are kept, whatever the instruction: each body
    /// below runs `block block <kind>`, so the count at the trap is exactly 2 (no `end` counts).
    @Test(arguments: [
        ("unreachable", Asm.unreachable, TrapCode.unreachable),
        ("i32.div_s", Asm.i32Const(1) + Asm.i32Const(0) + Asm.op("i32.div_s") + Asm.drop, .integerDivideByZero),
        ("i64.rem_u", Asm.i64Const(1) + Asm.i64Const(0) + Asm.op("i64.rem_u") + Asm.drop, .integerDivideByZero),
        (
            "i32.div_s overflow", Asm.i32Const(.min) + Asm.i32Const(-1) + Asm.op("i32.div_s") + Asm.drop,
            .integerOverflow
        ),
        (
            "i32.trunc_f64_u", Asm.f64Const(bits: 0x7FF8_0000_0000_0000) + Asm.op("i32.trunc_f64_u") + Asm.drop,
            .invalidConversionToInteger
        ),
        ("i64.trunc_f32_s", Asm.f32Const(bits: 0x7F80_0000) + Asm.op("i64.trunc_f32_s") + Asm.drop, .integerOverflow),
        ("i32.load", Asm.i32Const(65_536) + Asm.memory("i32.load") + Asm.drop, .outOfBoundsMemoryAccess),
        ("i64.store", Asm.i32Const(65_535) + Asm.i64Const(0) + Asm.memory("i64.store"), .outOfBoundsMemoryAccess),
        (
            "memory.fill", Asm.i32Const(65_536) + Asm.i32Const(0) + Asm.i32Const(1) + [0xFC, 11, 0],
            .outOfBoundsMemoryAccess
        ),
        ("call_indirect", Asm.i32Const(1) + Asm.callIndirect(type: 0), .undefinedElement),
        ("table.copy", Asm.i32Const(0) + Asm.i32Const(0) + Asm.i32Const(2) + Asm.tableCopy(), .outOfBoundsTableAccess),
        ("call of a trapping function", Asm.call(0), .unreachable),
    ])
    func incrementsBeforeATrapAreKept(kind: String, instructions: [UInt8], code: TrapCode) throws {
        let store = Store()
        let instance = try WasmModule()
            .types(.void)
            .memory(min: 1)
            .table(min: 1)
            .function(.void, Asm.unreachable)
            .function(
                .void, export: "run", body: Asm.block() + Asm.block() + instructions + Asm.end + Asm.end
            )
            .instantiate(in: store)
        let trap = #expect(throws: Trap.self) { try instance.call("run") }
        #expect(trap?.code == code)
        #expect(store.instructionCount == 2)
    }

    /// The count is a function of the module and the arguments only: two fresh stores agree, and a
    /// store reused after a trap adds exactly the same amount on top of the increments the trap kept.
    @Test func countIsIdenticalAcrossStoresAndAfterATrap() throws {
        let module = try WasmModule()
            .function(.i32ToVoid, export: "countdown", body: Fixtures.countdown())
            .function(.i32ToVoid, export: "trapsAfterLoop", body: Fixtures.countdown() + Asm.unreachable)
            .module()
        let n: UInt32 = 7
        var fresh: [UInt64] = []
        for _ in 0..<2 {
            let store = Store()
            try store.instantiate(module).call("countdown", .i32(n))
            fresh.append(store.instructionCount)
        }
        #expect(fresh == [18, 18])  // 2·7 + 4

        let store = Store()
        let instance = try store.instantiate(module)
        #expect(throws: Trap.self) { try instance.call("trapsAfterLoop", .i32(n)) }
        #expect(store.instructionCount == 17)  // 2·7 + 3, kept after the trap
        try instance.call("countdown", .i32(n))
        #expect(store.instructionCount == 17 + 18)
    }

    /// The counter is a `UInt64` that wraps: from `UInt64.max`, an empty function's `end` gives 0, and
    /// a countdown with n = 1 (6 increments) from `max - 1` ends at 4.
    @Test func counterWrapsOnOverflow() throws {
        let store = Store()
        let instance = try WasmModule()
            .function(.void, export: "empty", body: [])
            .function(.i32ToVoid, export: "countdown", body: Fixtures.countdown())
            .instantiate(in: store)
        store.instructionCount = .max
        try instance.call("empty")
        #expect(store.instructionCount == 0)
        store.instructionCount = .max - 1
        try instance.call("countdown", .i32(UInt32(1)))
        #expect(store.instructionCount == 4)
    }

    /// The counter is never reset by the engine: consecutive calls accumulate.
    @Test func countsAccumulateAcrossCalls() throws {
        let store = Store()
        let instance = try WasmModule().function(.i32ToVoid, export: "countdown", body: Fixtures.countdown())
            .instantiate(in: store)
        for n: UInt32 in [0, 1, 7] { try instance.call("countdown", .i32(n)) }
        #expect(store.instructionCount == 4 + 6 + 18)
    }
}

/// Counts host calls from inside a host closure (the store is single-threaded).
final class HostCallCounter: @unchecked Sendable {
    var count = 0
}
