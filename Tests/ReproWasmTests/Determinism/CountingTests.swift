import Testing

@testable import ReproWasm

/// `DETERMINISM.md` §3: the instruction counter counts executed control-flow instructions, +1 each.
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
                "env", "empty",
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
