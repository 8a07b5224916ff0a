import Testing

@testable import ReproWasm

/// Function bodies at the edges of what the engine accepts: huge local counts, deep nesting, very
/// long bodies, huge `br_table`s and branches that carry many values. Each either validates, lowers
/// and runs with the count the contract's rule gives, or is rejected with a typed error at its
/// offset; none may crash, recurse on the native stack, or cost time or memory out of proportion to
/// its size.
extension ResourceExhaustionTests {
    // MARK: Locals

    /// A module with one `() -> ()` function whose body declares `groups` and ends at once, and the
    /// offset of the body's local declarations (after the body's size).
    private static func moduleDeclaringLocals(_ groups: [(UInt32, ValueType)]) -> (bytes: [UInt8], localsOffset: Int) {
        let body = WasmBytes.body(locals: groups, Asm.end)
        let bytes = ModuleBuilder().types([.void]).functions([0]).code([body]).bytes
        // The body is the last thing in the module; its size LEB comes first.
        let sizeBytes = WasmBytes.u32(body.count - WasmBytes.u32(body.count).count).count
        return (bytes, bytes.count - body.count + sizeBytes)
    }

    /// More locals than the engine's limit (50,000) are "too many locals" at the local declarations,
    /// whether one group claims 2^32 - 1 of them or several groups add up past 2^32 (their sum must
    /// not wrap around to something small). The decoder stops at the group that crosses the limit
    /// and allocates nothing for the claimed locals.
    @Test(arguments: [
        [(UInt32.max, ValueType.i32)],
        [(0x8000_0000, .i32), (0x8000_0000, .i64)],
        [(0xFFFF_FFFF, .i32), (0xFFFF_FFFF, .i32), (2, .f64)],
        [(50_000, .i32), (1, .i32)],
    ])
    func hugeLocalCountsAreTooManyLocals(groups: [(UInt32, ValueType)]) {
        let (bytes, localsOffset) = Self.moduleDeclaringLocals(groups)
        #expect(throws: ModuleError.malformed(DecodeError(.tooManyLocals, at: localsOffset))) {
            try Module(bytes: bytes)
        }
    }

    /// Exactly 50,000 locals are accepted, start at zero and can be read and written at the far end.
    @Test func fiftyThousandLocalsRun() throws {
        let body =
            Asm.localGet(49_999) + Asm.i32Const(7) + Asm.op("i32.add") + Asm.localSet(49_999) + Asm.localGet(49_999)
        let store = Store()
        let instance = try WasmModule()
            .function(.voidToI32, locals: Array(repeating: .i32, count: 50_000), export: "f", body: body)
            .instantiate(in: store)
        #expect(try instance.call("f") == [.i32(7)])
        #expect(try instance.call("f") == [.i32(7)])  // locals start at zero on every call
        #expect(store.instructionCount == 2)  // the body's `end`, twice
    }

    /// 50,000 `v128` locals are within the count but need 100,000 frame slots, more than the
    /// engine's 16-bit slot operands address (65,535): a validation error, not a wrong program.
    @Test func localsOverTheFrameLayoutAreRejected() throws {
        let (bytes, _) = Self.moduleDeclaringLocals([(50_000, .v128)])
        let error = #expect(throws: ModuleError.self) { try Module(bytes: bytes) }
        guard case .invalid(let validation)? = error else {
            Issue.record("expected a validation error, got \(String(describing: error))")
            return
        }
        #expect(validation.reason == .functionTooLarge)
        #expect(validation.functionIndex == 0)
        #expect(validation.offset == bytes.count)  // where the body ended: the frame's size is known there
    }

    /// An operand stack deeper than the slot operands address is rejected the same way: 40,000
    /// `i64` locals and 30,000 values pushed need 70,000 slots.
    @Test func operandStackOverTheFrameLayoutIsRejected() {
        var body: [UInt8] = []
        for _ in 0..<30_000 { body += Asm.i32Const(0) }
        for _ in 0..<30_000 { body += Asm.drop }
        let module = WasmModule().function(.void, locals: Array(repeating: .i64, count: 40_000), body: body)
        let error = #expect(throws: ModuleError.self) { try module.module() }
        guard case .invalid(let validation)? = error else {
            Issue.record("expected a validation error, got \(String(describing: error))")
            return
        }
        #expect(validation.reason == .functionTooLarge)
    }

    // MARK: Nesting

    enum Nesting: String, CaseIterable, Sendable {
        case block, loop, ifThen, ifElse
    }

    /// `depth` nested constructs of one kind around nothing, each opened by the condition `1` where
    /// it is an `if`.
    ///
    /// Counting (`docs/DETERMINISM.md` §3): every `block`, `loop` and `if` adds 1 on entry, and every
    /// `end` adds 1 because execution falls through onto it. With an `else` arm the then-arm falls
    /// through onto `else` (+1) and jumps past the `else` arm to `end`, which is not counted. So
    /// each level adds 2 whatever its kind, and the body's own `end` 1: 2 · depth + 1.
    private static func nestedBody(_ kind: Nesting, depth: Int) -> [UInt8] {
        let open: [UInt8]
        let close: [UInt8]
        switch kind {
        case .block: (open, close) = (Asm.block(), Asm.end)
        case .loop: (open, close) = (Asm.loop(), Asm.end)
        case .ifThen: (open, close) = (Asm.i32Const(1) + Asm.if(), Asm.end)
        case .ifElse: (open, close) = (Asm.i32Const(1) + Asm.if(), Asm.else + Asm.end)
        }
        var body: [UInt8] = []
        body.reserveCapacity(depth * (open.count + close.count))
        for _ in 0..<depth { body += open }
        for _ in 0..<depth { body += close }
        return body
    }

    /// 100,000 nested levels of each kind validate (the validator keeps its control frames in an
    /// array rather than recursing on the native stack) and run with 2 · depth + 1, on every run.
    @Test(arguments: Nesting.allCases)
    func deepNestingRunsWithTheRightCount(kind: Nesting) throws {
        let depth = 100_000
        let module = try WasmModule().function(.void, export: "f", body: Self.nestedBody(kind, depth: depth)).module()
        for _ in 0..<2 {
            let store = Store()
            try store.instantiate(module).call("f")
            #expect(store.instructionCount == 2 * UInt64(depth) + 1)
        }
    }

    /// With the outermost `if`'s condition false, nothing inside runs: `if` +1, its empty else-arm's
    /// `end` falls through +1 (or, without an else-arm, the `end` is reached by the jump: +0), and the
    /// body's `end` +1.
    @Test func deepNestingBehindAFalseConditionSkipsItAll() throws {
        let depth = 100_000
        for (kind, expected) in [(Nesting.ifElse, UInt64(3)), (.ifThen, 2)] {
            var body = Self.nestedBody(kind, depth: depth)
            body[1] = 0  // the outermost condition: `i32.const 0`
            let store = Store()
            try WasmModule().function(.void, export: "f", body: body).instantiate(in: store).call("f")
            #expect(store.instructionCount == expected, "\(kind)")
        }
    }

    /// A million nested blocks (a 3 MB body): still validated without recursion, counted exactly.
    @Test func aMillionNestedBlocks() throws {
        let depth = 1_000_000
        let store = Store()
        let instance = try WasmModule().function(.void, export: "f", body: Self.nestedBody(.block, depth: depth))
            .instantiate(in: store)
        try instance.call("f")
        #expect(store.instructionCount == 2 * UInt64(depth) + 1)
    }

    // MARK: Long bodies

    /// A 3 MB straight-line body of 1.8 million instructions: 300,000 times
    /// `block (local.set 0 (i32.add (local.get 0) (i32.const 1))) end`.
    ///
    /// Result 300,000; count 2 per `block … end` plus the body's `end`: 600,001. Validation and
    /// lowering are linear, so this takes seconds at most even in a debug build.
    @Test func longStraightLineBody() throws {
        let repetitions = 300_000
        let step = Asm.block() + Asm.localGet(0) + Asm.i32Const(1) + Asm.op("i32.add") + Asm.localSet(0) + Asm.end
        var body: [UInt8] = []
        body.reserveCapacity(repetitions * step.count + 2)
        for _ in 0..<repetitions { body += step }
        body += Asm.localGet(0)
        #expect(body.count > 3_000_000)
        let (module, loadTime) = try timed {
            try WasmModule().function(.voidToI32, locals: [.i32], export: "f", body: body).module()
        }
        #expect(loadTime < .seconds(60), "validating and lowering took \(loadTime)")
        for _ in 0..<2 {
            let store = Store()
            #expect(try store.instantiate(module).call("f") == [.i32(Int32(repetitions))])
            #expect(store.instructionCount == 2 * UInt64(repetitions) + 1)
        }
    }

    /// `block block block (br_table t_0 … t_{n-1} default=2 (local.get 0)) end (return (i32.const 0))
    /// end (return (i32.const 1)) end (i32.const 2)` with t_i = i mod 3 and n = 1,000,000.
    ///
    /// f(i) = i mod 3 for i < n and 2 beyond. Count for every i: three `block`s, `br_table`, then
    /// `return` (label depths 0 and 1) or the body's `end` falling through (depth 2): 5. The
    /// landing `end`s are reached by the branch and do not count.
    @Test func brTableWithAMillionTargets() throws {
        let targets = 1_000_000
        var body = Asm.block() + Asm.block() + Asm.block() + Asm.localGet(0)
        body += Asm.brTable((0..<targets).map { UInt32($0 % 3) }, default: 2)
        body += Asm.end + Asm.i32Const(0) + Asm.return + Asm.end + Asm.i32Const(1) + Asm.return + Asm.end
        body += Asm.i32Const(2)
        let (module, loadTime) = try timed {
            try WasmModule().function(.i32ToI32, export: "f", body: body).module()
        }
        // Was quadratic in the targets of one label (every entry copied the label's earlier fixups):
        // 177 s for this table in a debug build, now about 1 s.
        #expect(loadTime < .seconds(60), "validating and lowering took \(loadTime)")
        // One word per entry plus the head, the target count and a handful of others.
        #expect(module.validated.code.count < targets + 64)
        let store = Store()
        let f = try store.instantiate(module).exportedFunction("f")
        for (argument, result) in [(0, 0), (1, 1), (2, 2), (targets - 2, (targets - 2) % 3), (targets - 1, 0)]
            + [(targets, 2), (Int(UInt32.max), 2)]
        {
            store.instructionCount = 0
            #expect(try f.call([.i32(UInt32(argument))]) == [.i32(Int32(result))], "f(\(argument))")
            #expect(store.instructionCount == 5, "f(\(argument))")
        }
    }

    // MARK: Branches that carry many values

    /// The type `[] -> [i32 × arity]`.
    private static func manyResults(_ arity: Int) -> FunctionType {
        FunctionType([], Array(repeating: .i32, count: arity))
    }

    /// `branches` `br_if`s to a block of `arity` results, with one extra value under the branch
    /// values, so every branch must move all of them down one slot:
    ///
    ///     block (result i32 × arity)
    ///       i32.const 7                            ;; the extra value
    ///       i32.const 1 … i32.const arity
    ///       (br_if 0 (local.get 0)) × branches     ;; the first one taken if the argument is non-zero
    ///       drop × (arity + 1), i32.const 0 × arity
    ///     end
    ///     the function returns the block's values
    ///
    /// Moving value by value made the code arity × branches words (10 MB of code for 43 KB of
    /// body with 1,000 values and 10,000 branches); a branch now moves them as one span.
    private static func branchesCarrying(arity: Int, branches: Int) -> WasmModule {
        var body = Asm.block(.type(0)) + Asm.i32Const(7)
        for value in 1...arity { body += Asm.i32Const(Int32(value)) }
        for _ in 0..<branches { body += Asm.localGet(0) + Asm.brIf(0) }
        for _ in 0...arity { body += Asm.drop }
        for _ in 0..<arity { body += Asm.i32Const(0) }
        body += Asm.end
        let results = manyResults(arity)
        return WasmModule().types(results).function(FunctionType([.i32], results.results), export: "f", body: body)
    }

    /// Taken (argument 1): the values 1 … arity arrive in order; count `block`, `br_if`, the
    /// body's `end`: 3. Not taken (argument 0): zeros; count `block`, every `br_if`, the block's
    /// `end` and the body's `end`: branches + 3.
    @Test(arguments: [(2, 3), (3, 1), (5, 4), (1_000, 2)])
    func branchValuesArriveInOrder(arity: Int, branches: Int) throws {
        let store = Store()
        let f = try Self.branchesCarrying(arity: arity, branches: branches).instantiate(in: store).exportedFunction("f")
        #expect(try f.call([.i32(1)]) == (1...arity).map { .i32(Int32($0)) })
        #expect(store.instructionCount == 3)
        store.instructionCount = 0
        #expect(try f.call([.i32(0)]) == Array(repeating: .i32(0), count: arity))
        #expect(store.instructionCount == UInt64(branches) + 3)
    }

    /// Code size stays proportional to the body: 1,000 branches carrying 500 values each lower to
    /// a few words per branch, not 500.
    @Test func branchesCarryingManyValuesCostAFewWordsEach() throws {
        let (arity, branches) = (500, 1_000)
        let module = try Self.branchesCarrying(arity: arity, branches: branches).module()
        // Per branch: `local.get` needs nothing, `br_if` at most a skip, a span move and a jump (6
        // words); plus the constants, drops and return around them.
        #expect(module.validated.code.count <= 6 * branches + 4 * arity + 64)
        #expect(try Store().instantiate(module).call("f", .i32(1)).count == arity)
    }

    /// The same move through a `br_table` to the block and to the function (which returns), and
    /// through `return`: the five values shift down one slot (overlapping ranges) and arrive in order.
    ///
    ///     block (result i32 × 5)
    ///       i32.const 7, i32.const 1 … 5
    ///       (br_table 0 1 (local.get 0))  ;; 0: to the block; otherwise: to the function
    ///     end
    ///     (i32.const 100; i32.const 11 … 15; return) after the block: the values shift again
    ///
    /// Counts: argument 0: `block`, `br_table`, `return`: 3. Argument 1: `block`, `br_table`
    /// (which returns): 2.
    @Test func brTableAndReturnMoveValuesInOrder() throws {
        let results = Self.manyResults(5)
        var body = Asm.block(.type(0)) + Asm.i32Const(7)
        for value in 1...5 { body += Asm.i32Const(Int32(value)) }
        body += Asm.localGet(0) + Asm.brTable([0], default: 1) + Asm.end
        body += Asm.i32Const(100)
        for value in 11...15 { body += Asm.i32Const(Int32(value)) }
        body += Asm.return
        let store = Store()
        let f = try WasmModule().types(results).function(FunctionType([.i32], results.results), export: "f", body: body)
            .instantiate(in: store).exportedFunction("f")
        #expect(try f.call([.i32(0)]) == (11...15).map { .i32(Int32($0)) })
        #expect(store.instructionCount == 3)
        store.instructionCount = 0
        #expect(try f.call([.i32(1)]) == (1...5).map { .i32(Int32($0)) })
        #expect(store.instructionCount == 2)
    }

    // MARK: Deep operand stacks

    /// `local.get 0` (left deferred at the bottom), 60,000 zeros above it, then 60,000 times
    /// `(local.set 1 (i32.const 1))`, the zeros dropped, and `(i32.add <the deferred read> (local.get 1))`.
    ///
    /// Every `local.set` used to scan the whole operand stack for reads of the local it overwrites
    /// (3.6 billion entries here; 20,000 of each took 10 s in a debug build); it now looks only at
    /// that local's reads. f(x) = x + 1; the count is the body's `end`: 1.
    @Test func localSetsOverADeepStackStayFast() throws {
        let depth = 60_000
        var body = Asm.localGet(0)
        for _ in 0..<depth { body += Asm.i32Const(0) }
        for _ in 0..<depth { body += Asm.i32Const(1) + Asm.localSet(1) }
        for _ in 0..<depth { body += Asm.drop }
        body += Asm.localGet(1) + Asm.op("i32.add")
        let (module, loadTime) = try timed {
            try WasmModule().function(.i32ToI32, locals: [.i32], export: "f", body: body).module()
        }
        #expect(loadTime < .seconds(30), "validating and lowering took \(loadTime)")
        let store = Store()
        #expect(try store.instantiate(module).call("f", .i32(41)) == [.i32(42)])
        #expect(store.instructionCount == 1)
    }

    /// 60,000 zeros, then 60,000 times `(br_if 0 (local.get 0) (i32.const 0)) drop` inside a block:
    /// each `br_if` must first copy the read of local 0 under it out of the local, and used to scan
    /// the whole stack to find it (quadratic like the case above). Count: `block`, 60,000 `br_if`s,
    /// the block's `end`, the body's `end`: 60,003; the result is the argument, read after the block.
    @Test func branchesOverADeepStackStayFast() throws {
        let depth = 60_000
        var body = Asm.block()
        for _ in 0..<depth { body += Asm.i32Const(0) }
        for _ in 0..<depth { body += Asm.localGet(0) + Asm.i32Const(0) + Asm.brIf(0) + Asm.drop }
        for _ in 0..<depth { body += Asm.drop }
        body += Asm.end + Asm.localGet(0)
        let (module, loadTime) = try timed {
            try WasmModule().function(.i32ToI32, export: "f", body: body).module()
        }
        #expect(loadTime < .seconds(30), "validating and lowering took \(loadTime)")
        let store = Store()
        #expect(try store.instantiate(module).call("f", .i32(9)) == [.i32(9)])
        #expect(store.instructionCount == UInt64(depth) + 3)
    }

    // MARK: Declared counts

    /// A section count far beyond the bytes that follow is "length out of bounds" at the count,
    /// before anything is allocated for the claimed entries: a type section claiming 2^32 - 1
    /// types in 5 bytes, a function section claiming 10 million functions in 10 bytes.
    @Test func countsBeyondTheBytesAreLengthOutOfBounds() {
        let types = WasmBytes.header + [0x01, 0x05] + WasmBytes.u32(UInt32.max)
        #expect(throws: ModuleError.malformed(DecodeError(.lengthOutOfBounds, at: 10))) { try Module(bytes: types) }

        let typeSection = WasmBytes.section(1, WasmBytes.vector([WasmBytes.functionType(.void)]))
        let count = WasmBytes.u32(10_000_000)
        let functions =
            WasmBytes.header + typeSection + [0x03, UInt8(10)] + count + Array(repeating: 0, count: 10 - count.count)
        let countOffset = WasmBytes.header.count + typeSection.count + 2
        #expect(throws: ModuleError.malformed(DecodeError(.lengthOutOfBounds, at: countOffset))) {
            try Module(bytes: functions)
        }
    }
}
