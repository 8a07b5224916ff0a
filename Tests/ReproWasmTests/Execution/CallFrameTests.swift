import Testing

@testable import ReproWasm

/// What a function sees of its frame: its locals start at zero whatever ran in the same slots
/// before (each function's first op zeroes them, `Op.zeroLocals`), its parameters are left alone,
/// and a trap after calls that returned names the function that was running.
@Suite struct CallFrameTests {
    /// `dirty(p)` sets all its `count` i64 locals to -1; `check(p)` returns `p` plus the OR of its
    /// locals as it found them. `run(p)` calls `dirty(p)` then `check(p)`: both frames start at the
    /// same slot, so `check`'s locals sit where `dirty` left -1. `tail(p)` does the same but reaches
    /// `check` by `return_call`, which reuses `tail`'s own frame after dirtying its locals too.
    static func module(localCount: Int, localType: ValueType = .i64) -> WasmModule {
        let locals = [ValueType](repeating: localType, count: localCount)
        let indices = (1...UInt32(localCount)).map { $0 }
        let minusOne: [UInt8] =
            switch localType {
            case .v128: [0xFD, 12] + [UInt8](repeating: 0xFF, count: 16)
            case .f64: Asm.f64Const(bits: ~0)
            default: Asm.i64Const(-1)
            }
        let dirtyBody = indices.flatMap { minusOne + Asm.localSet($0) }
        // Each local reduced to an i64 that is 0 only when all its bits are 0.
        let reduce: [UInt8] =
            switch localType {
            case .v128: [0xFD, 83] + Asm.op("i64.extend_i32_u")  // v128.any_true
            case .f64: Asm.op("i64.reinterpret_f64")
            default: []
            }
        let orLocals =
            Asm.i64Const(0) + indices.flatMap { Asm.localGet($0) + reduce + Asm.op("i64.or") }
        let checkBody =
            Asm.localGet(0) + Asm.op("i64.extend_i32_u") + orLocals + Asm.op("i64.add") + Asm.op("i32.wrap_i64")
        return WasmModule()
            .function(.i32ToI32, locals: locals, body: dirtyBody + Asm.localGet(0))
            .function(.i32ToI32, locals: locals, body: checkBody)
            .function(
                .i32ToI32, export: "run",
                body: Asm.localGet(0) + Asm.call(0) + Asm.drop + Asm.localGet(0) + Asm.call(1)
            )
            .function(
                .i32ToI32, locals: locals, export: "tail",
                body: dirtyBody + Asm.localGet(0) + Asm.call(0) + Asm.drop + Asm.localGet(0) + [0x12, 0x01])
    }

    @Test(arguments: [1, 2, 3, 4, 5, 7, 16])
    func localsStartAtZeroAfterACallDirtiedTheirSlots(localCount: Int) throws {
        let store = Store(engine: Engine(features: .full))
        let instance = try store.instantiate(try Self.module(localCount: localCount).module(features: .full))
        #expect(try instance.call("run", .i32(UInt32(1234))) == [.i32(UInt32(1234))])
        #expect(try instance.call("tail", .i32(UInt32(99))) == [.i32(UInt32(99))])
    }

    /// Locals of two slots (v128) and floats are zeroed too, whole.
    @Test(arguments: [(ValueType.v128, 1), (.v128, 3), (.f64, 3)])
    func wideAndFloatLocalsStartAtZero(type: ValueType, localCount: Int) throws {
        let store = Store(engine: Engine(features: .full))
        let module = try Self.module(localCount: localCount, localType: type).module(features: .full)
        let instance = try store.instantiate(module)
        #expect(try instance.call("run", .i32(UInt32(7))) == [.i32(UInt32(7))])
        #expect(try instance.call("tail", .i32(UInt32(8))) == [.i32(UInt32(8))])
    }

    /// A recursive function sees fresh locals at every depth: `f(n)` reads its local (0), stores
    /// `n` in it, recurses, and returns the sum of what it read plus its local after the call, which
    /// the callee must not have touched: f(n) = n + f(n - 1).
    @Test func recursionKeepsEachFramesLocals() throws {
        let body =
            Asm.localGet(1) + Asm.localGet(0) + Asm.localSet(1)
            + Asm.localGet(0) + Asm.op("i32.eqz") + Asm.if(.value(.i32)) + Asm.i32Const(0) + Asm.else
            + Asm.localGet(0) + Asm.i32Const(1) + Asm.op("i32.sub") + Asm.call(0) + Asm.end
            + Asm.op("i32.add") + Asm.localGet(1) + Asm.op("i32.add")
        let instance = try WasmModule().function(.i32ToI32, locals: [.i32], export: "f", body: body).instantiate()
        #expect(try instance.call("f", .i32(UInt32(100))) == [.i32(UInt32(5050))])
    }

    // MARK: Which function a trap names

    /// After a callee returned, the caller is the running function again.
    @Test func trapAfterAReturnNamesTheCaller() throws {
        let instance = try WasmModule()
            .function(.void, name: "leaf", Asm.nop)
            .function(.void, name: "middle", Asm.call(0), Asm.call(0), Asm.unreachable)
            .function(.void, export: "run", name: "run", Asm.call(1))
            .function(.void, export: "runThenTrap", name: "outer", Asm.call(0), Asm.unreachable)
            .instantiate()
        let trap = try #require(#expect(throws: Trap.self) { try instance.call("run") })
        #expect(trap.functionName == "middle")
        let outer = try #require(#expect(throws: Trap.self) { try instance.call("runThenTrap") })
        #expect(outer.functionName == "outer")
    }

    /// A function reached by `return_call` replaces its caller: a trap after its own call returned
    /// names it, whether the tail call happened at the depth the host called or deeper.
    @Test(arguments: ["top", "nested"])
    func trapAfterATailCallNamesTheTailCallee(export: String) throws {
        let store = Store(engine: Engine(features: .full))
        let module = try WasmModule()
            .function(.void, name: "leaf", Asm.nop)
            .function(.void, name: "tailCallee", Asm.call(0), Asm.unreachable)
            .function(.void, export: "top", name: "top", [0x12, 0x01])
            .function(.void, export: "nested", name: "nested", Asm.call(2))
            .module(features: .full)
        let instance = try store.instantiate(module)
        let trap = try #require(#expect(throws: Trap.self) { try instance.call(export) })
        #expect(trap.code == .unreachable)
        #expect(trap.functionName == "tailCallee")
    }

    /// Calls into another instance and back: each return lands in the right instance and function.
    @Test func callsAcrossInstancesReturnToTheirCaller() throws {
        let store = Store()
        let library = try store.instantiate(
            try WasmModule()
                .function(
                    .i32ToI32, locals: [.i32], export: "double", name: "double",
                    Asm.localGet(0), Asm.localGet(0), Asm.op("i32.add"), Asm.localTee(1), Asm.localGet(1),
                    Asm.op("i32.sub"),
                    Asm.localGet(1), Asm.op("i32.add")
                )
                .module())
        var imports = Imports()
        imports.define(module: "lib", name: "double", .function(try #require(library.function(named: "double"))))
        let instance = try WasmModule()
            .importFunction("lib", "double", .i32ToI32)
            .function(.i32ToI32, locals: [.i32], name: "twice", Asm.localGet(0), Asm.call(0), Asm.call(0))
            .function(
                .i32ToI32, export: "run", name: "run",
                Asm.localGet(0), Asm.call(1), Asm.localGet(0), Asm.call(0), Asm.op("i32.add"), Asm.i32Const(0),
                Asm.op("i32.div_u")
            )
            .instantiate(in: store, imports: imports)
        let trap = try #require(#expect(throws: Trap.self) { try instance.call("run", .i32(UInt32(3))) })
        #expect(trap.code == .integerDivideByZero)
        #expect(trap.functionName == "run")
    }
}
