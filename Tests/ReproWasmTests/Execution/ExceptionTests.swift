import Testing

@testable import ReproWasm

/// Exception handling (exnref form): unwinding on the engine's own frame stack, the counting rule of
/// `docs/DETERMINISM.md` §3 (`try_table` +1 on entry, `throw`/`throw_ref` +1 before throwing, a catch is a
/// branch so no `end` on the way counts), and exceptions crossing the host boundary both ways.
///
/// Every count is summed by hand in the comment above its expectation; "fn end" is a function body's
/// own `end`, counted when execution falls onto it.
@Suite struct ExceptionTests {
    static let wat = """
        (module
          (import "env" "host" (func $host (param i32)))
          (tag $e (export "e") (param i32))
          (tag $other (param i64))
          (func $inner (param i32) (throw $e (local.get 0)))
          (func $middle (param i32) (call $inner (local.get 0)))
          ;; throw two frames down, caught here
          (func (export "twoFramesUp") (param i32) (result i32)
            (block $h (result i32)
              (try_table (catch $e $h) (call $middle (local.get 0)))
              (i32.const -1)))
          ;; the catch skips the ends of the try_table and of two blocks
          (func (export "skipsEnds") (result i32)
            (block $outer (result i32)
              (block $inner
                (try_table (catch $e $outer)
                  (throw $e (i32.const 5))))
              (i32.const 9)))
          ;; the same blocks when nothing throws, for comparison
          (func (export "noThrow") (result i32)
            (block $outer (result i32)
              (block $inner
                (try_table (catch $e $outer) (nop)))
              (i32.const 9)))
          ;; catch_ref, then throw_ref of the caught exnref, caught again outside
          (func (export "rethrow") (result i32)
            (block $h2 (result i32)
              (try_table (catch $e $h2)
                (block $h1 (result i32 exnref)
                  (try_table (catch_ref $e $h1) (throw $e (i32.const 3)))
                  (unreachable))
                (throw_ref))
              (i32.const -1)))
          ;; a clause for another tag does not catch; catch_all does
          (func (export "catchAll") (result i32)
            (block $all
              (block $wrong (result i64)
                (try_table (catch $other $wrong) (catch_all $all) (throw $e (i32.const 1)))
                (return (i32.const -1)))
              (return (i32.const -2)))
            (i32.const 42))
          (tag $wide (param v128 f64 i64))
          ;; the catch's label is the function body: the payload becomes the results
          (func (export "payloadToResults") (result v128 f64 i64)
            (try_table (catch $wide 0)
              (throw $wide (v128.const i64x2 1 2) (f64.const 2.5) (i64.const -3)))
            (unreachable))
          ;; catch_all back to a loop's label: a retry loop
          (func (export "retry") (result i32)
            (local $n i32)
            (loop $again
              (try_table (catch_all $again)
                (local.set $n (i32.add (local.get $n) (i32.const 1)))
                (if (i32.lt_u (local.get $n) (i32.const 3)) (then (throw $e (local.get $n))))))
            (local.get $n))
          (func (export "uncaught") (param i32) (call $inner (local.get 0)))
          (func (export "throwNull") (throw_ref (ref.null exn)))
          (func (export "throwArgument") (param exnref) (throw_ref (local.get 0)))
          (func (export "callsHost") (param i32) (result i32)
            (block $h (result i32)
              (try_table (catch $e $h) (call $host (local.get 0)))
              (i32.const -1)))
          (func (export "loop") (param i32) (result i32)
            (local $sum i32)
            (loop $again
              (block $h (result i32)
                (try_table (catch $e $h) (throw $e (local.get 0)))
                (i32.const 0))
              (local.set $sum (i32.add (local.get $sum)))
              (br_if $again (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
            (local.get $sum))
        )
        """

    /// An instance of `wat` whose host function is `host`, and its store.
    static func instantiate(
        host: @escaping (Caller, [Value]) throws -> [Value] = { _, _ in [] }
    ) throws -> (Store, Instance) {
        let store = Store()
        var imports = Imports()
        imports.defineFunction(module: "env", name: "host", type: FunctionType(parameters: [.i32]), host)
        let instance = try store.instantiate(Module(wat: wat), imports: imports)
        return (store, instance)
    }

    @Test func aThrowIsCaughtTwoFramesUp() throws {
        let (store, instance) = try Self.instantiate()
        #expect(try instance.call("twoFramesUp", .i32(Int32(17))) == [.i32(Int32(17))])
        // block 1, try_table 1, throw 1; $middle's and $inner's ends, the try_table's and the
        // block's are all skipped (the catch branches to $h's label); fn end 1.
        #expect(store.instructionCount == 4)
        // The frames of $middle and $inner are gone: the next call starts from an empty frame stack.
        #expect(store.runtime.frameTop == 0)
    }

    @Test func aCatchIntoAnOuterBlockSkipsEveryEndOnTheWay() throws {
        let (store, instance) = try Self.instantiate()
        #expect(try instance.call("skipsEnds") == [.i32(Int32(5))])
        // block 1, block 1, try_table 1, throw 1; no end counts (try_table, $inner, $outer); fn end 1.
        #expect(store.instructionCount == 5)
        store.instructionCount = 0
        #expect(try instance.call("noThrow") == [.i32(Int32(9))])
        // block 1, block 1, try_table 1, then the three ends fall through: 3; fn end 1.
        #expect(store.instructionCount == 7)
    }

    @Test func throwRefRethrowsTheCaughtException() throws {
        let (store, instance) = try Self.instantiate()
        #expect(try instance.call("rethrow") == [.i32(Int32(3))])
        // block 1, try_table 1, block 1, try_table 1, throw 1, throw_ref 1; fn end 1.
        #expect(store.instructionCount == 7)
    }

    @Test func clausesMatchTheirTagOrAnything() throws {
        let (store, instance) = try Self.instantiate()
        #expect(try instance.call("catchAll") == [.i32(Int32(42))])
        // block 1, block 1, try_table 1, throw 1 (caught by catch_all into $all); fn end 1.
        #expect(store.instructionCount == 5)
    }

    @Test func aCatchToTheFunctionsLabelReturnsThePayload() throws {
        let (store, instance) = try Self.instantiate()
        #expect(try instance.call("payloadToResults") == [.v128(low: 1, high: 2), .f64(2.5), .i64(Int64(-3))])
        // try_table 1, throw 1; the catch returns, so no end counts (nor the function's).
        #expect(store.instructionCount == 2)
    }

    @Test func aCatchToALoopRunsItAgain() throws {
        let (store, instance) = try Self.instantiate()
        #expect(try instance.call("retry") == [.i32(Int32(3))])
        // loop 1 (a branch back to it does not count it again); twice: try_table 1, if 1, throw 1;
        // the third time: try_table 1, a false if 1, the try_table's end 1, the loop's end 1; fn end 1.
        #expect(store.instructionCount == 1 + 2 * 3 + 4 + 1)
    }

    @Test func anUncaughtExceptionReachesSwiftAndTheStoreStaysUsable() throws {
        let (store, instance) = try Self.instantiate()
        let trap = #expect(throws: Trap.self) { try instance.call("uncaught", .i32(Int32(99))) }
        #expect(trap?.code == .uncaughtException)
        let exception = try #require(trap?.exception)
        #expect(exception.tag == instance.tag(named: "e"))
        #expect(exception.tag.type == TagType(parameters: [.i32]))
        #expect(exception.payload == [.i32(Int32(99))])
        // throw 1; nothing else runs to completion.
        #expect(store.instructionCount == 1)
        #expect(store.runtime.frameTop == 0)
        // The store goes on: the same instance runs and counts as before.
        #expect(try instance.call("twoFramesUp", .i32(Int32(2))) == [.i32(Int32(2))])
        #expect(store.instructionCount == 1 + 4)
    }

    @Test func throwRefOfNullTraps() throws {
        let (store, instance) = try Self.instantiate()
        let trap = #expect(throws: Trap.self) { try instance.call("throwNull") }
        #expect(trap?.code == .nullExceptionReference)
        #expect(trap?.exception == nil)
        // throw_ref counts before it traps.
        #expect(store.instructionCount == 1)
    }

    @Test func theHostRethrowsAnExceptionThroughItsReference() throws {
        let (store, instance) = try Self.instantiate()
        let first = #expect(throws: Trap.self) { try instance.call("uncaught", .i32(Int32(11))) }
        let exception = try #require(first?.exception)
        let again = #expect(throws: Trap.self) {
            try instance.call("throwArgument", .exnRef(exception.reference))
        }
        #expect(again?.code == .uncaughtException)
        #expect(again?.exception?.reference == exception.reference)
        #expect(again?.exception?.payload == [.i32(Int32(11))])
        // throw 1, then throw_ref 1.
        #expect(store.instructionCount == 2)
        // A reference to no exception of this store is refused before anything runs.
        let foreign = #expect(throws: AccessError.self) {
            try instance.call("throwArgument", .exnRef(ExceptionReference(raw: 1_000, store: store.runtime.identity)))
        }
        #expect(foreign == .foreignStore)
        #expect(store.instructionCount == 2)
    }

    @Test func anExceptionReferenceOfAnotherStoreIsRefused() throws {
        let (storeA, instanceA) = try Self.instantiate()
        let (storeB, instanceB) = try Self.instantiate()
        let tagA = try #require(instanceA.tag(named: "e"))
        let tagB = try #require(instanceB.tag(named: "e"))
        // A's second exception (index 1); B has three, so the same index names B's 1.
        _ = Exception(tag: tagA, payload: [.i32(Int32(1))])
        let fromA = Exception(tag: tagA, payload: [.i32(Int32(2))])
        for payload in [10, 20, 30] { _ = Exception(tag: tagB, payload: [.i32(payload)]) }
        #expect(storeB.runtime.exceptions.count >= Int(fromA.reference.raw))
        // Refused before anything runs, instead of rethrowing B's exception carrying 20.
        let refused = #expect(throws: AccessError.self) {
            try instanceB.call("throwArgument", .exnRef(fromA.reference))
        }
        #expect(refused == .foreignStore)
        #expect(storeB.instructionCount == 0)
        #expect(Exception(fromA.reference, in: storeB) == nil)
        // The reference still works in its own store.
        let rethrown = #expect(throws: Trap.self) {
            try instanceA.call("throwArgument", .exnRef(fromA.reference))
        }
        #expect(rethrown?.exception?.reference == fromA.reference)
        #expect(rethrown?.exception?.payload == [.i32(Int32(2))])
        #expect(Exception(fromA.reference, in: storeA)?.payload == [.i32(Int32(2))])
    }

    @Test func aHostFunctionThrowsIntoWasm() throws {
        let (store, instance) = try Self.instantiate { caller, arguments in
            let tag = try #require(caller.instance?.tag(named: "e"))
            throw Exception(tag: tag, payload: [.i32(arguments[0].i32! &* 2)])
        }
        #expect(try instance.call("callsHost", .i32(Int32(21))) == [.i32(Int32(42))])
        // block 1, try_table 1; the host adds 0 and the catch skips both ends; fn end 1.
        #expect(store.instructionCount == 3)
        // The host could still refer to the exception it made, so the store keeps it.
        #expect(store.runtime.exceptions.count == 1)
    }

    @Test func aWasmExceptionPassesThroughAHostFunction() throws {
        // The host calls back into wasm, which throws; the host lets the trap through and the
        // exception goes on unwinding in the wasm that called the host.
        let (store, instance) = try Self.instantiate { caller, arguments in
            try caller.instance!.function(named: "uncaught")!.call(arguments)
            return []
        }
        #expect(try instance.call("callsHost", .i32(Int32(8))) == [.i32(Int32(8))])
        // block 1, try_table 1, then in the callback: throw 1; fn end 1.
        #expect(store.instructionCount == 4)
    }

    @Test func aHostExceptionOfAnotherTagIsNotCaught() throws {
        let (_, instance) = try Self.instantiate { caller, _ in
            throw Exception(tag: Tag(store: caller.store, type: TagType(parameters: [])), payload: [])
        }
        let trap = #expect(throws: Trap.self) { try instance.call("callsHost", .i32(Int32(1))) }
        #expect(trap?.code == .uncaughtException)
        #expect(trap?.exception?.payload == [])
    }

    @Test func throwingInALoopDoesNotGrowTheStore() throws {
        let (store, instance) = try Self.instantiate()
        #expect(try instance.call("loop", .i32(Int32(100))) == [.i32(Int32(5050))])
        // Per iteration: block 1, try_table 1, throw 1, br_if 1; once: loop 1, the loop's end 1 (the
        // last br_if falls through onto it), fn end 1.
        #expect(store.instructionCount == 100 * 4 + 3)
        #expect(store.runtime.exceptions.isEmpty)
    }

    @Test func tagsAreImportedAndExported() throws {
        let store = Store()
        let exporter = try store.instantiate(
            Module(wat: #"(module (tag (export "t") (param f64)) (func (export "f") (throw 0 (f64.const 1.5))))"#))
        let tag = try #require(exporter.tag(named: "t"))
        var imports = Imports()
        imports.define(module: "m", name: "t", .tag(tag))
        let importer = try store.instantiate(
            Module(
                wat: """
                    (module
                      (import "m" "t" (tag $t (param f64)))
                      (import "m" "f" (func $f))
                      (func (export "run") (result f64)
                        (block $h (result f64) (try_table (catch $t $h) (call $f)) (f64.const 0))))
                    """),
            imports: {
                var all = imports
                all.define(module: "m", name: "f", .function(exporter.function(named: "f")!))
                return all
            }())
        #expect(try importer.call("run") == [.f64(1.5)])
        // A tag of another type does not link.
        var wrong = Imports()
        wrong.define(module: "m", name: "t", .tag(Tag(store: store, type: TagType(parameters: [.i32]))))
        #expect(throws: InstantiationError.self) {
            try store.instantiate(Module(wat: #"(module (import "m" "t" (tag (param f64))))"#), imports: wrong)
        }
    }

    @Test func legacyExceptionsAreRejectedByName() {
        // A function whose body is `try (empty) end end`.
        let bytes: [UInt8] =
            WasmBytes.header + WasmBytes.section(1, WasmBytes.vector([WasmBytes.functionType(FunctionType())]))
            + WasmBytes.section(3, WasmBytes.vector([[0x00]]))
            + WasmBytes.section(10, WasmBytes.vector([[0x05, 0x00, 0x06, 0x40, 0x0B, 0x0B]]))
        let error = #expect(throws: ModuleError.self) { try Module(bytes: bytes, features: .full) }
        #expect(error?.description.contains("legacy exceptions") == true)
    }
}
