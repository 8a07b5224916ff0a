import Foundation
import Testing

@testable import ReproWasm

/// `docs/DETERMINISM.md`'s promise checked end to end: the same module and inputs, run twice in fresh
/// stores and once in a store where other code trapped first, give identical results (bits),
/// memories, globals and instruction counts. Also the state a trap leaves behind (out of fuel
/// half-way through a workload, a division by zero after writes) is the same on every run.
///
/// The workloads are `Benchmarks/Workloads/wasm` with the small inputs of `expected.tsv`, whose
/// results come from wasmtime: an independent check that the engine computes the right values.
@Suite struct ReproducibilityTests {
    // MARK: What a run leaves behind

    /// Everything observable after a call: its outcome, the count it added, and the instance's
    /// memories (FNV-1a 64 of each one's bytes, and its size) and globals (both words of each cell).
    struct Snapshot: Equatable, CustomStringConvertible {
        var results: [Value]?
        var trap: TrapCode?
        var count: UInt64
        var memories: [MemoryDigest]
        var globals: [UInt64]

        var description: String {
            let outcome = trap.map { "trap \($0)" } ?? "\(results ?? [])"
            return "\(outcome), count \(count), memories \(memories), globals \(globals)"
        }
    }

    struct MemoryDigest: Equatable, CustomStringConvertible {
        var byteCount: Int
        var fnv1a: UInt64
        var description: String { "\(byteCount) bytes fnv1a 0x\(String(fnv1a, radix: 16))" }
    }

    /// Calls `name` with `arguments` on `instance` and records what it left behind.
    static func snapshot(_ instance: Instance, _ name: String, _ arguments: [Value]) throws -> Snapshot {
        let store = instance.store
        let function = try instance.exportedFunction(name)
        let before = store.instructionCount
        var results: [Value]?
        var trap: TrapCode?
        do {
            results = try function.call(arguments)
        } catch let error as Trap {
            trap = error.code
        }
        let context = instance.record.context.pointee
        let module = instance.record.module
        let memories = (0..<module.memories.count).map { index in
            let memory = Memory(store: store, handle: context.memories[index])
            return MemoryDigest(byteCount: memory.byteCount, fnv1a: memory.digest)
        }
        let globals = (0..<module.globalTypes.count).flatMap { [context.globals[$0][0], context.globals[$0][1]] }
        return Snapshot(
            results: results, trap: trap, count: store.instructionCount &- before, memories: memories,
            globals: globals)
    }

    /// A module full of traps for the reused store to run first: `unreachable` three calls deep,
    /// unbounded recursion, and an out-of-bounds store after writing a byte.
    static let trapper: Module = {
        let module = WasmModule()
            .memory(min: 1)
            .function(.void, export: "deep", Asm.call(1))
            .function(.void, Asm.call(2))
            .function(.void, Asm.block(), Asm.unreachable, Asm.end)
            .function(.void, export: "recurse", Asm.call(3))
            .function(
                .void, export: "outOfBounds", Asm.i32Const(0), Asm.i32Const(1), Asm.memory("i32.store8"),
                Asm.i32Const(65_536), Asm.i32Const(1), Asm.memory("i32.store8"))
        return try! module.module()
    }()

    /// Runs every trap of `trapper` in `store`, expecting each to trap.
    static func trapFirst(in store: Store) throws {
        let instance = try store.instantiate(trapper)
        for name in ["deep", "recurse", "outOfBounds"] {
            #expect(throws: Trap.self, "\(name)") { try instance.call(name) }
        }
    }

    /// Runs `name(arguments)` on fresh instances of `module`: in two fresh stores, and in a store
    /// that first ran `trapper`'s traps and an out-of-fuel trap of `module` itself (fuel
    /// `interruptAfter`, on another instance). All three snapshots must be equal; returns it.
    static func expectReproducible(
        _ module: Module, _ name: String, _ arguments: [Value], interruptAfter fuel: UInt64?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Snapshot {
        let first = try snapshot(try Store().instantiate(module), name, arguments)
        let second = try snapshot(try Store().instantiate(module), name, arguments)

        let reused = Store()
        try trapFirst(in: reused)
        if let fuel {
            reused.fuel = fuel
            let trap = #expect(throws: Trap.self, sourceLocation: sourceLocation) {
                try reused.instantiate(module).exportedFunction(name).call(arguments)
            }
            #expect(trap?.code == .outOfFuel, sourceLocation: sourceLocation)
            reused.fuel = nil
        }
        let third = try snapshot(try reused.instantiate(module), name, arguments)

        #expect(first == second, sourceLocation: sourceLocation)
        #expect(first == third, sourceLocation: sourceLocation)
        return first
    }

    // MARK: Workloads

    /// One small case of `Benchmarks/Workloads/expected.tsv`.
    struct Workload: Sendable, CustomTestStringConvertible {
        let module: String
        let export: String
        let arguments: [UInt32]
        /// `TYPE:VALUE`, integers signed, floats as `0x` bit patterns.
        let expected: String
        var testDescription: String { "\(module).\(export)(\(arguments.map(String.init).joined(separator: ",")))" }
    }

    static let workloadDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Benchmarks/Workloads")

    /// The `small` rows of `expected.tsv` (an empty list if the file cannot be read: the count test
    /// below fails then).
    static let workloads: [Workload] = {
        let path = workloadDirectory.appendingPathComponent("expected.tsv").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 5, !fields[0].hasPrefix("#"), fields[3] == "small" else { return nil }
            let arguments = fields[2] == "-" ? [] : fields[2].split(separator: ",").compactMap { UInt32($0) }
            return Workload(module: fields[0], export: fields[1], arguments: arguments, expected: fields[4])
        }
    }()

    /// Modules are loaded once and shared (a `Module` is immutable); `large` takes a while in a debug build.
    static let modules = ModuleCache()

    /// `expected.tsv`'s `TYPE:VALUE` as a value.
    static func value(_ text: String) -> Value? {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        switch parts[0] {
        case "i32": return Int32(parts[1]).map { .i32(UInt32(bitPattern: $0)) }
        case "i64": return Int64(parts[1]).map { .i64(UInt64(bitPattern: $0)) }
        case "f32": return UInt32(parts[1].dropFirst(2), radix: 16).map { .f32Bits($0) }
        case "f64": return UInt64(parts[1].dropFirst(2), radix: 16).map { .f64Bits($0) }
        default: return nil
        }
    }

    @Test func everyWorkloadHasASmallCase() {
        let names = Set(Self.workloads.map(\.module))
        #expect(Self.workloads.count >= 13, "read \(Self.workloads.count) cases from \(Self.workloadDirectory.path)")
        for file in ["fib", "loops", "sort", "sieve", "memcpy", "bulk", "nbody", "mandelbrot", "sha256", "lz"]
            + ["dot_scalar", "dot_simd", "large"]
            + ["stencil_f32", "stencil_f64", "primes64", "list", "tree", "vm", "vm_O0", "strings", "matmul"]
            + ["matmul_O3", "hash", "hash_Os", "dp"]
        {
            #expect(names.contains(file), "no small case for \(file)")
        }
    }

    /// Each workload: the result wasmtime computed, and the same results, memory, globals and count
    /// in two fresh stores and in a reused store after traps (with an out-of-fuel trap of the workload
    /// itself half-way through its count).
    @Test(arguments: workloads)
    func workloadRunsAreIdentical(_ workload: Workload) throws {
        let module = try Self.modules.module(workload.module)
        let arguments = workload.arguments.map { Value.i32($0) }
        let fresh = try Self.snapshot(try Store().instantiate(module), workload.export, arguments)
        #expect(fresh.results == Self.value(workload.expected).map { [$0] }, "expected \(workload.expected)")
        #expect(fresh.count > 0)
        let reproduced = try Self.expectReproducible(
            module, workload.export, arguments, interruptAfter: fresh.count / 2)
        #expect(reproduced == fresh)
    }

    /// Out of fuel half-way: the trap leaves the count at exactly the fuel given, and the same
    /// memory and globals in two fresh stores.
    @Test(arguments: workloads)
    func workloadTrapStateIsIdentical(_ workload: Workload) throws {
        let module = try Self.modules.module(workload.module)
        let arguments = workload.arguments.map { Value.i32($0) }
        let total = try Self.snapshot(try Store().instantiate(module), workload.export, arguments).count
        guard total >= 2 else { return }
        let fuel = total / 2
        var states: [Snapshot] = []
        for _ in 0..<2 {
            let store = Store()
            let instance = try store.instantiate(module)
            store.fuel = fuel
            states.append(try Self.snapshot(instance, workload.export, arguments))
        }
        #expect(states[0].trap == .outOfFuel)
        #expect(states[0].count == fuel)
        #expect(states[0] == states[1])
    }

    // MARK: Hand-built modules

    /// NaN-producing operators and bit-exact ones, each result stored to memory (8 bytes apart from
    /// address 0) and the last one also to a global and returned. Expected bits from the contract
    /// (`docs/DETERMINISM.md` §2): canonicalising operators give the positive canonical NaN whatever the
    /// hardware produced (x86 gives a negative one for 0/0); `neg`, `abs`, `copysign`, `reinterpret`
    /// pass bits through, signalling NaNs included.
    @Test func nanResultsAreTheSameBitsOnEveryRun() throws {
        let zero64 = Asm.f64Const(bits: 0)
        let signalling64: UInt64 = 0x7FF4_0000_0000_0001
        let cases: [(code: [UInt8], isF64: Bool, bits: UInt64)] = [
            (zero64 + zero64 + Asm.op("f64.div"), true, 0x7FF8_0000_0000_0000),
            (zero64 + zero64 + Asm.op("f64.div") + Asm.op("f64.neg"), true, 0xFFF8_0000_0000_0000),
            (
                Asm.f64Const(bits: signalling64) + Asm.f64Const(bits: 0x3FF0_0000_0000_0000) + Asm.op("f64.add"), true,
                0x7FF8_0000_0000_0000
            ),
            (Asm.f64Const(bits: signalling64) + Asm.op("f64.neg"), true, 0xFFF4_0000_0000_0001),
            (Asm.f64Const(bits: 0xFFF4_0000_0000_0001) + Asm.op("f64.abs"), true, signalling64),
            (Asm.f32Const(bits: 0xBF80_0000) + Asm.op("f32.sqrt"), false, 0x7FC0_0000),
            (Asm.f32Const(bits: 0xFFA0_0001) + Asm.f32Const(bits: 0x3F80_0000) + Asm.op("f32.min"), false, 0x7FC0_0000),
            (Asm.f64Const(bits: 0xFFF0_0000_0000_0001) + Asm.op("f32.demote_f64"), false, 0x7FC0_0000),
            (Asm.f32Const(bits: 0xFFA0_0001) + Asm.op("f64.promote_f32"), true, 0x7FF8_0000_0000_0000),
            (
                Asm.f32Const(bits: 0x7FA0_0001) + Asm.f32Const(bits: 0xBF80_0000) + Asm.op("f32.copysign"), false,
                0xFFA0_0001
            ),
        ]
        var body: [UInt8] = []
        for (index, item) in cases.enumerated() {
            body += Asm.i32Const(Int32(8 * index)) + item.code
            body += Asm.memory(item.isF64 ? "f64.store" : "f32.store")
        }
        let last = cases[cases.count - 1]
        body += last.code + Asm.globalSet(0) + Asm.globalGet(0)
        let module = try WasmModule()
            .memory(min: 1, export: "memory")
            .global(.f32, mutable: true, initial: Asm.f32Const(bits: 0), export: "last")
            .function(FunctionType([], [.f32]), export: "run", body: body)
            .module()

        let snapshot = try Self.expectReproducible(module, "run", [], interruptAfter: nil)
        #expect(snapshot.results == [.f32Bits(UInt32(last.bits))])
        #expect(snapshot.count == 1)  // straight-line code: only the body's `end`
        #expect(snapshot.globals == [last.bits, 0])
        let instance = try Store().instantiate(module)
        try instance.call("run")
        let memory = try #require(instance.memory(named: "memory"))
        for (index, item) in cases.enumerated() {
            let bits =
                item.isF64
                ? try memory.load(UInt64.self, at: 8 * index) : UInt64(try memory.load(UInt32.self, at: 8 * index))
            #expect(bits == item.bits, "case \(index): 0x\(String(bits, radix: 16))")
        }
    }

    /// `run(n)` counts down from n, storing n at address 4n and adding n to a global each step, then
    /// divides the global by the exhausted counter: "integer divide by zero" after all the writes.
    ///
    /// Count: the countdown loop counts 2n + 3 (`Fixtures.countdown`) and the trap stops the body
    /// before its `end`. The global holds n(n + 1)/2; memory holds k at 4k for k = 1 … n.
    @Test func trapAfterWritesLeavesTheSameState() throws {
        let iteration =
            Asm.localGet(0) + Asm.i32Const(2) + Asm.op("i32.shl") + Asm.localGet(0) + Asm.memory("i32.store", align: 2)
            + Asm.globalGet(0) + Asm.localGet(0) + Asm.op("i32.add") + Asm.globalSet(0)
        let body =
            Fixtures.countdown(counter: 0, iteration: iteration) + Asm.globalGet(0) + Asm.localGet(0)
            + Asm.op("i32.div_s")
        let module = try WasmModule()
            .memory(min: 1, export: "memory")
            .global(.i32, mutable: true, initial: Asm.i32Const(0), export: "sum")
            .function(.i32ToI32, export: "run", body: body)
            .module()
        let n: UInt32 = 100
        let snapshot = try Self.expectReproducible(module, "run", [.i32(n)], interruptAfter: 101)
        #expect(snapshot.trap == .integerDivideByZero)
        #expect(snapshot.count == 2 * UInt64(n) + 3)
        #expect(snapshot.globals == [UInt64(n * (n + 1) / 2), 0])

        let instance = try Store().instantiate(module)
        #expect(throws: Trap.self) { try instance.call("run", .i32(n)) }
        let memory = try #require(instance.memory(named: "memory"))
        for k in 1...Int(n) { #expect(try memory.load(UInt32.self, at: 4 * k) == UInt32(k)) }
        #expect(try memory.load(UInt32.self, at: 4 * Int(n) + 4) == 0)
    }
}

/// Workload modules by name, each decoded and validated once.
final class ModuleCache: @unchecked Sendable {
    // SAFETY (Sendable): every access holds `lock`.
    private let lock = NSLock()
    private var modules: [String: Module] = [:]

    func module(_ name: String) throws -> Module {
        lock.lock()
        defer { lock.unlock() }
        if let module = modules[name] { return module }
        let path = ReproducibilityTests.workloadDirectory.appendingPathComponent("wasm/\(name).wasm").path
        let module = try Module(contentsOf: path)
        modules[name] = module
        return module
    }
}
