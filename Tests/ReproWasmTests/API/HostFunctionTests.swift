import Testing

@testable import ReproWasm

/// Host functions: the caller's context, errors becoming traps, counting, and calls back into wasm.
@Suite struct HostFunctionTests {
    /// `run(x) = host(x) + 1` with `host` defined by `body`.
    private func callsHost(
        store: Store = Store(), _ body: @escaping (Caller, [Value]) throws -> [Value]
    ) throws -> Instance {
        var imports = Imports()
        imports.defineFunction(module: "env", name: "host", type: .i32ToI32, body)
        return try APIFixtures.callsHost.instantiate(in: store, imports: imports)
    }

    @Test func aHostFunctionGetsItsArgumentsAndReturnsResults() throws {
        let instance = try callsHost { _, args in [.i32(args[0].i32! &* 2)] }
        #expect(try instance.call("run", .i32(Int32(20))) == [.i32(Int32(41))])
    }

    /// `run` counts 1 (its `end`); the host function adds nothing, whatever it does.
    @Test func hostCallsCountNothing() throws {
        let store = Store()
        let instance = try callsHost(store: store) { _, args in
            var sum: Int32 = 0
            for value in 0..<1_000 { sum &+= Int32(value) }
            return [.i32(args[0].i32! &+ sum &- sum)]
        }
        try instance.call("run", .i32(Int32(1)))
        #expect(store.instructionCount == 1)
    }

    @Test func aHostErrorBecomesATrapThatSaysSo() throws {
        let store = Store()
        let instance = try callsHost(store: store) { _, _ in throw HostFailure(reason: "disk full") }
        let trap = #expect(throws: Trap.self) { try instance.call("run", .i32(Int32(1))) }
        #expect(trap?.code == .hostError)
        #expect(trap?.hostError as? HostFailure == HostFailure(reason: "disk full"))
        #expect(trap?.functionIndex == 1)
        #expect(trap?.functionName == "run")
        let description = try #require(trap?.description)
        #expect(description.hasPrefix("host error: host failed: disk full in function 1 \"run\""))
        #expect(!description.contains("\n"))
        // The store stays usable.
        #expect(throws: Trap.self) { try instance.call("run", .i32(Int32(1))) }
    }

    @Test func resultsOfTheWrongTypesTrap() throws {
        let wrongType = try callsHost { _, _ in [.i64(Int64(1))] }
        let trap = #expect(throws: Trap.self) { try wrongType.call("run", .i32(Int32(1))) }
        #expect(trap?.code == .hostError)
        #expect(trap?.hostError as? AccessError == .typeMismatch(expected: [.i32], actual: [.i64]))

        let tooMany = try callsHost { _, _ in [.i32(Int32(1)), .i32(Int32(2))] }
        let second = #expect(throws: Trap.self) { try tooMany.call("run", .i32(Int32(1))) }
        #expect(second?.hostError as? AccessError == .typeMismatch(expected: [.i32], actual: [.i32, .i32]))
    }

    @Test func theCallerGivesTheCallingInstancesMemory() throws {
        let instance = try callsHost { caller, args in
            let memory = try #require(caller.memory)
            #expect(caller.memory(named: "memory")?.byteCount == memory.byteCount)
            #expect(caller.memory(named: "missing") == nil)
            let address = Int(args[0].i32!)
            try memory.store(UInt32(0xCAFE_F00D), at: address)
            try memory.write(Array("hi".utf8), at: address + 4)
            return [.i32(Int32(try memory.load(UInt16.self, at: address)))]
        }
        #expect(try instance.call("run", .i32(Int32(8))) == [.i32(Int32(0xF00D + 1))])
        let memory = try #require(instance.memory(named: "memory"))
        #expect(try memory.load(UInt32.self, at: 8) == 0xCAFE_F00D)
        #expect(try memory.string(at: 12, count: 2) == "hi")
    }

    @Test func aMemoryAccessOutOfBoundsFromAHostFunctionIsAnError() throws {
        let instance = try callsHost { caller, args in
            [.i32(try caller.memory!.load(Int32.self, at: Int(args[0].i32!)))]
        }
        let trap = #expect(throws: Trap.self) { try instance.call("run", .i32(Int32(65_534))) }
        #expect(trap?.code == .hostError)
        #expect(trap?.hostError as? AccessError == .memoryOutOfBounds(offset: 65_534, count: 4, byteCount: 65_536))
    }

    @Test func theCallerSeesTheStoreAndItsData() throws {
        let store = Store()
        store.userData = Recorder()
        store.fuel = 100
        var seen: [(UInt64, UInt64?)] = []
        let instance = try callsHost(store: store) { caller, args in
            #expect(caller.store === store)
            #expect(caller.instance?.exportNames == ["memory", "run"])
            seen.append((caller.store.instructionCount, caller.store.fuel))
            caller.store.userData(as: Recorder.self)?.calls.append(args[0].i32!)
            return args
        }
        try instance.call("run", .i32(Int32(5)))
        try instance.call("run", .i32(Int32(6)))
        #expect(store.userData(as: Recorder.self)?.calls == [5, 6])
        // Each `run` counts its `end` after the host call returns.
        #expect(seen.map(\.0) == [0, 1])
        #expect(seen.map(\.1) == [100, 99])
    }

    @Test func theCallerFindsTheCallingInstancesExports() throws {
        var imports = Imports()
        imports.defineFunction(module: "env", name: "host", type: .i32ToI32) { caller, args in
            let limit = try #require(caller.global(named: "limit"))
            let table = try #require(caller.table(named: "table"))
            #expect(caller.global(named: "table") == nil)  // another kind
            try limit.set(args[0])
            return [.i32(Int32(table.count))]
        }
        let instance = try WasmModule()
            .importFunction("env", "host", .i32ToI32)
            .global(.i32, mutable: true, initial: Asm.i32Const(0), export: "limit")
            .table(min: 3).export("table", .table, 0)
            .function(.i32ToI32, export: "run", Asm.localGet(0), Asm.call(0))
            .instantiate(imports: imports)
        #expect(try instance.call("run", .i32(9)) == [.i32(3)])
        #expect(instance.global(named: "limit")?.value == .i32(9))
    }

    @Test func aHostFunctionCalledDirectlyHasNoCallingInstance() throws {
        let store = Store()
        let function = Function(store: store, type: .i32ToI32) { caller, args in
            #expect(caller.instance == nil)
            #expect(caller.memory == nil)
            #expect(caller.function(named: "run") == nil)
            return args
        }
        #expect(try function.call([.i32(Int32(3))]) == [.i32(Int32(3))])
    }

    /// The host function calls the module's exported `double` through the caller; its instructions
    /// count (1 for its `end`) and `run` counts 1.
    @Test func aHostFunctionCanCallBackIntoTheModule() throws {
        let store = Store()
        var imports = Imports()
        imports.defineFunction(module: "env", name: "host", type: .i32ToI32) { caller, args in
            let double = try #require(caller.function(named: "double"))
            return try double.call(args)
        }
        let instance = try WasmModule()
            .importFunction("env", "host", .i32ToI32)
            .function(.i32ToI32, export: "run", Asm.localGet(0), Asm.call(0))
            .function(.i32ToI32, export: "double", Asm.localGet(0), Asm.localGet(0), Asm.op("i32.add"))
            .instantiate(in: store, imports: imports)
        #expect(try instance.call("run", .i32(Int32(21))) == [.i32(Int32(42))])
        #expect(store.instructionCount == 2)
    }

    /// A host function that calls back into wasm and then fails keeps the callback's count and the
    /// fuel it burnt: `double` counts 1, `run` traps at the call before its own `end`
    /// (`docs/DETERMINISM.md` §3: a trap keeps every increment made before it).
    @Test func aFailingHostFunctionKeepsTheCountOfItsCallbacks() throws {
        struct Failure: Error {}
        let store = Store()
        store.fuel = 100
        var imports = Imports()
        imports.defineFunction(module: "env", name: "host", type: .i32ToI32) { caller, args in
            _ = try caller.function(named: "double")!.call(args)
            throw Failure()
        }
        let instance = try WasmModule()
            .importFunction("env", "host", .i32ToI32)
            .function(.i32ToI32, export: "run", Asm.localGet(0), Asm.call(0))
            .function(.i32ToI32, export: "double", Asm.localGet(0), Asm.localGet(0), Asm.op("i32.add"))
            .instantiate(in: store, imports: imports)
        #expect(throws: Trap.self) { try instance.call("run", .i32(Int32(21))) }
        #expect(store.instructionCount == 1)
        #expect(store.fuel == 99)
    }

    /// A trap in wasm that a host function called reaches the outer caller unchanged (kind and place).
    @Test func aTrapInsideACallbackIsCarriedOut() throws {
        var imports = Imports()
        imports.defineFunction(module: "env", name: "host", type: .i32ToI32) { caller, args in
            try caller.function(named: "boom")!.call([])
        }
        let instance = try WasmModule()
            .importFunction("env", "host", .i32ToI32)
            .function(.i32ToI32, export: "run", Asm.localGet(0), Asm.call(0))
            .function(.voidToI32, export: "boom", Asm.unreachable)
            .instantiate(imports: imports)
        let trap = #expect(throws: Trap.self) { try instance.call("run", .i32(Int32(1))) }
        #expect(trap?.code == .unreachable)
        #expect(trap?.description.hasPrefix("unreachable in function 2") == true)
    }

    /// Fuel given by a host function applies at once: 10 fuel would stop countdown(100); the host
    /// function, called at count 3, gives 1,000 more.
    @Test func fuelGivenByAHostFunctionAppliesAtOnce() throws {
        let store = Store()
        var imports = Imports()
        var refilled = false
        imports.defineFunction(module: "env", name: "hook", type: .void) { caller, _ in
            if !refilled {
                caller.store.fuel = 1_000
                refilled = true
            }
            return []
        }
        let instance = try WasmModule()
            .importFunction("env", "hook", .void)
            .function(.i32ToVoid, export: "countdown", body: Fixtures.countdown(iteration: Asm.call(0)))
            .instantiate(in: store, imports: imports)
        store.fuel = 10
        try instance.call("countdown", .i32(UInt32(100)))
        #expect(store.instructionCount == 204)
        #expect(store.fuel == 1_000 - 201)
    }

    @Test func aHostFunctionCanBeExportedAgainAndCalled() throws {
        let store = Store()
        let host = Function(store: store, type: .i32ToI32) { _, args in [.i32(args[0].i32! &+ 100)] }
        var imports = Imports()
        imports.define(module: "env", name: "host", .function(host))
        let instance = try APIFixtures.callsHost.instantiate(in: store, imports: imports)
        #expect(try instance.call("run", .i32(Int32(1))) == [.i32(Int32(102))])
        let typed = try host.typed(Int32.self, returning: Int32.self)
        let result = try typed(1)
        #expect(result == 101)
    }

    /// `g(n) = n == 0 ? 0 : h(n - 1) + 1` where the host function `h` calls `g`: every level nests
    /// a host function on the native stack. The store's host-call depth bounds it by a count, so deep
    /// recursion traps "call stack exhausted" instead of overflowing the thread's stack.
    @Test(arguments: [(3, 3, true), (3, 4, false), (100, 10_000, false)])
    func recursionThroughHostFunctionsIsBoundedByACount(limit: Int, depth: UInt32, fits: Bool) throws {
        let store = Store(engine: Engine(limits: StoreLimits(maxHostCallDepth: limit)))
        var imports = Imports()
        imports.defineFunction(module: "env", name: "h", type: .i32ToI32) { caller, args in
            try caller.function(named: "g")!.call(args)
        }
        let instance = try WasmModule()
            .importFunction("env", "h", .i32ToI32)
            .function(.i32ToI32, export: "g", body: Fixtures.recursiveCount(index: 0))
            .instantiate(in: store, imports: imports)
        if fits {
            #expect(try instance.call("g", .i32(depth)) == [.i32(depth)])
            return
        }
        let trap = #expect(throws: Trap.self) { try instance.call("g", .i32(depth)) }
        #expect(trap?.code == .callStackExhausted)
        #expect(try instance.call("g", .i32(UInt32(2))) == [.i32(UInt32(2))])  // usable afterwards
    }
}
