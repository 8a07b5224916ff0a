import Testing

@testable import ReproWasm

/// Tail calls (opt-in, `Features.full`): `return_call` reuses the caller's frame, so unbounded tail
/// recursion runs in constant call depth and value-stack space, and counts 1 like `return`.
@Suite struct TailCallTests {
    typealias B = WasmBytes

    /// `countdown(n) = n == 0 ? 42 : countdown(n - 1)`, written with `return_call`, and `viaTable`,
    /// the same through `return_call_indirect` and a table holding `countdown`.
    static let module: [UInt8] = {
        let type = B.section(1, B.vector([B.functionType(FunctionType(parameters: [.i32], results: [.i32]))]))
        let functions = B.section(3, B.vector([[0x00], [0x00]]))
        let table = B.section(4, B.vector([[0x70, 0x00, 0x01]]))
        let exports = B.section(7, B.vector([B.name("countdown") + [0x00, 0x00], B.name("viaTable") + [0x00, 0x01]]))
        let elements = B.section(9, B.vector([[0x00, 0x41, 0x00, 0x0B, 0x01, 0x00]]))
        // local.get 0, i32.eqz, if (result i32) i32.const 42 else local.get 0, i32.const 1, i32.sub, <call> end
        func body(_ call: [UInt8]) -> [UInt8] {
            let code: [UInt8] =
                [0x00, 0x20, 0x00, 0x45, 0x04, 0x7F, 0x41, 0x2A, 0x05, 0x20, 0x00, 0x41, 0x01, 0x6B] + call + [
                    0x0B, 0x0B,
                ]
            return B.u32(code.count) + code
        }
        let direct = body([0x12, 0x00])
        // the argument, then the table index 0, return_call_indirect type 0 table 0
        let indirect = body([0x41, 0x00, 0x13, 0x00, 0x00])
        let code = B.section(10, B.vector([direct, indirect]))
        return B.header + type + functions + table + exports + elements + code
    }()

    @Test(arguments: ["countdown", "viaTable"])
    func aMillionTailCallsRunInConstantDepth(export: String) throws {
        let module = try Module(bytes: Self.module, features: .full)
        let store = Store(engine: Engine(features: .full, limits: StoreLimits(maxCallDepth: 1_000, maxStackSlots: 64)))
        let instance = try store.instantiate(module)
        let function = try #require(instance.function(named: export))
        let n: UInt64 = 1_000_000
        #expect(try function.call([.i32(UInt32(n))]) == [.i32(UInt32(42))])
        // Per tail call: `if` and `return_call` (2); at n = 0: `if`, the then-arm's fall onto `else`,
        // and the function body's `end` (3).
        #expect(store.instructionCount == 2 * n + 3)
    }

    @Test func tailCallsAreRejectedUnderTheDeterministicProfile() {
        let error = #expect(throws: ModuleError.self) { try Module(bytes: Self.module, features: .deterministic) }
        #expect(error?.description.contains("tail calls") == true)
    }

    @Test func fuelStopsAnEndlessTailLoopAtTheSameCount() throws {
        let module = try Module(bytes: Self.module, features: .full)
        var counts: [UInt64] = []
        for _ in 0..<2 {
            let store = Store(engine: Engine(features: .full))
            store.fuel = 1_001
            let instance = try store.instantiate(module)
            let trap = #expect(throws: Trap.self) {
                try instance.function(named: "countdown")!.call([.i32(UInt32.max)])
            }
            #expect(trap?.code == .outOfFuel)
            counts.append(store.instructionCount)
        }
        #expect(counts == [1_001, 1_001])
    }
}
