import Testing

@testable import ReproWasm

/// Typed function references (opt-in, `Features.full`): `call_ref`, `return_call_ref`,
/// `ref.as_non_null`, `br_on_null`, `br_on_non_null`, non-null locals and tables, with the counting
/// rule of `docs/DETERMINISM.md` §3 (`call_ref` 0, `return_call_ref` like `return`, the two branches
/// +1 taken or not, `ref.as_non_null` 0) and the null traps.
///
/// Every count is summed by hand in the comment above its expectation; "fn end" is a function body's
/// own `end`, counted when execution falls onto it.
@Suite struct FunctionReferenceTests {
    static let wat = """
        (module
          (type $i2i (func (param i32) (result i32)))
          (func $inc (type $i2i) (i32.add (local.get 0) (i32.const 1)))
          (elem declare func $inc $countdown)
          (table $t 3 (ref $i2i) (ref.func $inc))
          ;; a nullable reference: $inc when the argument is non-zero, else null
          (func $pick (param i32) (result (ref null $i2i))
            (select (result (ref null $i2i)) (ref.func $inc) (ref.null $i2i) (local.get 0)))
          (func (export "callRef") (param i32) (result i32)
            (call_ref $i2i (local.get 0) (ref.func $inc)))
          (func (export "callNull") (result i32)
            (call_ref $i2i (i32.const 1) (ref.null $i2i)))
          (func (export "brOnNull") (param i32) (result i32)
            (local $r (ref null $i2i))
            (local.set $r (call $pick (local.get 0)))
            (block $isNull
              (return (call_ref $i2i (i32.const 10) (br_on_null $isNull (local.get $r)))))
            (i32.const -1))
          (func (export "brOnNonNull") (param i32) (result i32)
            (local $r (ref null $i2i))
            (local $f (ref null $i2i))
            (local.set $r (call $pick (local.get 0)))
            (block $nonNull (result (ref $i2i))
              (br_on_non_null $nonNull (local.get $r))
              (return (i32.const -1)))
            (local.set $f)
            (call_ref $i2i (i32.const 20) (local.get $f)))
          (func (export "asNonNull") (param i32) (result i32)
            (local $r (ref null $i2i))
            (local.set $r (call $pick (local.get 0)))
            (call_ref $i2i (i32.const 7) (ref.as_non_null (local.get $r))))
          (func $countdown (export "countdown") (type $i2i)
            (if (result i32) (i32.eqz (local.get 0))
              (then (i32.const 42))
              (else (return_call_ref $i2i (i32.sub (local.get 0) (i32.const 1)) (ref.func $countdown)))))
          (func (export "nonNullLocal") (result i32)
            (local $f (ref $i2i))
            (local.set $f (ref.func $inc))
            (call_ref $i2i (i32.const 1) (local.get $f)))
          (func (export "fromTable") (param i32) (result i32)
            (i32.add
              (call_ref $i2i (local.get 0) (table.get $t (local.get 0)))
              (call_indirect $t (type $i2i) (i32.const 100) (local.get 0))))
        )
        """

    static func instantiate(limits: StoreLimits = StoreLimits()) throws -> (Store, Instance) {
        let store = Store(engine: Engine(features: .full, limits: limits))
        let instance = try store.instantiate(Module(wat: wat, features: .full))
        return (store, instance)
    }

    @Test func callRefCountsNothingItself() throws {
        let (store, instance) = try Self.instantiate()
        #expect(try instance.call("callRef", .i32(Int32(4))) == [.i32(Int32(5))])
        // call_ref 0; $inc's end 1; fn end 1.
        #expect(store.instructionCount == 2)
    }

    @Test func callRefOfNullTraps() throws {
        let (store, instance) = try Self.instantiate()
        let trap = #expect(throws: Trap.self) { try instance.call("callNull") }
        #expect(trap?.code == .nullFunctionReference)
        #expect(trap?.code.description == "null function reference")
        #expect(store.instructionCount == 0)
    }

    @Test func brOnNullCountsOneTakenOrNot() throws {
        let (store, instance) = try Self.instantiate()
        #expect(try instance.call("brOnNull", .i32(Int32(1))) == [.i32(Int32(11))])
        // $pick's end 1; block 1, br_on_null 1 (not taken), call_ref 0, $inc's end 1, return 1.
        #expect(store.instructionCount == 5)
        store.instructionCount = 0
        #expect(try instance.call("brOnNull", .i32(Int32(0))) == [.i32(Int32(-1))])
        // $pick's end 1; block 1, br_on_null 1 (taken: the block's end is skipped); fn end 1.
        #expect(store.instructionCount == 4)
    }

    @Test func brOnNonNullCountsOneTakenOrNot() throws {
        let (store, instance) = try Self.instantiate()
        #expect(try instance.call("brOnNonNull", .i32(Int32(1))) == [.i32(Int32(21))])
        // $pick's end 1; block 1, br_on_non_null 1 (taken: the block's end is skipped), call_ref 0,
        // $inc's end 1; fn end 1.
        #expect(store.instructionCount == 5)
        store.instructionCount = 0
        #expect(try instance.call("brOnNonNull", .i32(Int32(0))) == [.i32(Int32(-1))])
        // $pick's end 1; block 1, br_on_non_null 1 (not taken), return 1.
        #expect(store.instructionCount == 4)
    }

    @Test func refAsNonNullCountsNothingAndTrapsOnNull() throws {
        let (store, instance) = try Self.instantiate()
        #expect(try instance.call("asNonNull", .i32(Int32(1))) == [.i32(Int32(8))])
        // $pick's end 1; ref.as_non_null 0, call_ref 0, $inc's end 1; fn end 1.
        #expect(store.instructionCount == 3)
        store.instructionCount = 0
        let trap = #expect(throws: Trap.self) { try instance.call("asNonNull", .i32(Int32(0))) }
        #expect(trap?.code == .nullReference)
        #expect(trap?.code.description == "null reference")
        // $pick's end 1, then the trap.
        #expect(store.instructionCount == 1)
    }

    @Test(arguments: [0, 1, 5, 1_000])
    func returnCallRefCountsLikeReturn(n: Int) throws {
        let (store, instance) = try Self.instantiate()
        #expect(try instance.call("countdown", .i32(Int32(n))) == [.i32(Int32(42))])
        // Per level above 0: if 1, return_call_ref 1. At 0: if 1, else 1 (the then-arm falls onto
        // it; the if's end is reached by the jump), fn end 1.
        #expect(store.instructionCount == UInt64(2 * n + 3))
    }

    @Test func returnCallRefRunsInConstantDepth() throws {
        let (store, instance) = try Self.instantiate(limits: StoreLimits(maxCallDepth: 10, maxStackSlots: 64))
        let n = 100_000
        #expect(try instance.call("countdown", .i32(Int32(n))) == [.i32(Int32(42))])
        #expect(store.instructionCount == UInt64(2 * n + 3))
    }

    @Test func nonNullLocalsAndTablesWork() throws {
        let (store, instance) = try Self.instantiate()
        #expect(try instance.call("nonNullLocal") == [.i32(Int32(2))])
        // $inc's end 1; fn end 1.
        #expect(store.instructionCount == 2)
        store.instructionCount = 0
        // Every element of the table starts as its initialiser, ref.func $inc: (2 + 1) + (100 + 1).
        #expect(try instance.call("fromTable", .i32(Int32(2))) == [.i32(Int32(104))])
        // call_ref 0, call_indirect 0; two $inc ends 2; fn end 1.
        #expect(store.instructionCount == 3)
    }

    @Test func hostFunctionReferencesAreCheckedAgainstTheirConcreteType() throws {
        let module = try Module(
            wat: """
                (module
                  (type $v (func))
                  (type $i2i (func (param i32) (result i32)))
                  (func $nop (export "nop") (type $v))
                  (func (export "apply") (param (ref $i2i)) (result i32) (call_ref $i2i (i32.const 1) (local.get 0)))
                  (func $inc (export "inc") (type $i2i) (i32.add (local.get 0) (i32.const 1))))
                """, features: .full)
        let store = Store(engine: Engine(features: .full))
        let instance = try store.instantiate(module)
        let apply = try #require(instance.function(named: "apply"))
        let inc = try #require(instance.function(named: "inc"))
        let nop = try #require(instance.function(named: "nop"))
        #expect(try apply.call([.funcRef(inc.reference)]) == [.i32(Int32(2))])
        // A function of another type, and null, are refused before anything runs.
        #expect(throws: AccessError.self) { try apply.call([.funcRef(nop.reference)]) }
        #expect(throws: AccessError.self) { try apply.call([.funcRef(nil)]) }
        // A reference of another store is refused without being followed.
        let other = Store(engine: Engine(features: .full))
        let foreign = try #require(try other.instantiate(module).function(named: "inc"))
        #expect(throws: AccessError.self) { try apply.call([.funcRef(foreign.reference)]) }
        #expect(store.instructionCount == 2)
    }

    @Test func hostValuesAreCheckedAgainstTypedReferences() throws {
        let module = try Module(
            wat: """
                (module (func (export "id") (param (ref extern)) (result (ref extern)) (local.get 0)))
                """, features: .full)
        let store = Store(engine: Engine(features: .full))
        let id = try #require(try store.instantiate(module).function(named: "id"))
        let reference = Value.externRef(ExternalReference(id: 7))
        #expect(try id.call([reference]) == [reference])
        // Null is not a (ref extern).
        #expect(throws: AccessError.self) { try id.call([.externRef(nil)]) }
        #expect(Value.externRef(nil).matches(.externRef))
        #expect(!Value.externRef(nil).matches(.ref(.extern)))
        #expect(!Value.funcRef(nil).matches(.ref(.extern, nullable: true)))
    }
}

/// Validation of typed references: the initialisation rule for non-null locals, subtyping, and the
/// feature gate.
@Suite struct FunctionReferenceValidationTests {
    /// The reason `wat` is invalid under `Features.full`, or `nil` if it validates.
    static func reason(_ wat: String) throws -> ValidationError.Reason? {
        do {
            _ = try Module(wat: wat, features: .full)
            return nil
        } catch {
            guard case .invalid(let error) = error else { throw error }
            return error.reason
        }
    }

    static func isTypeMismatch(_ reason: ValidationError.Reason?) -> Bool {
        if case .typeMismatch? = reason { true } else { false }
    }

    @Test(arguments: [
        // read before any set
        "(module (func (local $x (ref extern)) (drop (local.get $x))))",
        // set inside a block: forgotten at its end
        """
        (module (func (param $p (ref extern)) (local $x (ref extern))
          (block (local.set $x (local.get $p))) (drop (local.get $x))))
        """,
        // set in the then-arm: not set in the else-arm
        """
        (module (func (param $p (ref extern)) (local $x (ref extern))
          (if (i32.const 0) (then (local.set $x (local.get $p))) (else (drop (local.get $x))))))
        """,
    ])
    func nonNullLocalsMustBeSetBeforeUse(wat: String) throws {
        #expect(try Self.reason(wat) == .uninitializedLocal)
    }

    @Test func aSetLocalStaysSetInNestedBlocks() throws {
        let wat = """
            (module (func (param $p (ref extern)) (result (ref extern)) (local $x (ref extern))
              (local.set $x (local.get $p)) (block (result (ref extern)) (local.get $x))))
            """
        #expect(try Self.reason(wat) == nil)
    }

    @Test(arguments: [
        // a nullable reference where a non-null one is expected
        "(module (type $t (func)) (func (param (ref null $t)) (result (ref $t)) (local.get 0)))",
        // funcref is not a concrete function type
        "(module (type $t (func)) (func (param funcref) (call_ref $t (local.get 0))))",
        // the extern hierarchy is not the func hierarchy
        "(module (func (param (ref extern)) (result funcref) (local.get 0)))",
        // different function types
        "(module (type $a (func)) (type $b (func (param i32))) (func (param (ref $a)) (result (ref $b)) (local.get 0)))",
        // br_on_non_null needs a label that takes a reference
        "(module (func (param funcref) (block (br_on_non_null 0 (local.get 0)))))",
        // a table of non-null references needs an initialiser
        "(module (type $t (func)) (table 1 (ref $t)))",
    ])
    func subtypingErrorsAreTypeMismatches(wat: String) throws {
        let reason = try Self.reason(wat)
        #expect(Self.isTypeMismatch(reason), "\(String(describing: reason))")
    }

    @Test(arguments: [
        // a concrete function type is a func
        "(module (func $f) (elem declare func $f) (func (result funcref) (ref.func $f)))",
        // the bottom type is below every function type, nullable
        "(module (type $t (func)) (func (result (ref null $t)) (ref.null nofunc)))",
        // non-null is below nullable
        "(module (type $t (func)) (func (param (ref $t)) (result (ref null $t)) (local.get 0)))",
        // structurally equal types are the same type
        "(module (type $a (func (param i32))) (type $b (func (param i32))) (func (param (ref $a)) (result (ref $b)) (local.get 0)))",
        // noextern is an extern
        "(module (func (result externref) (ref.null noextern)))",
    ])
    func subtypesAreAccepted(wat: String) throws {
        #expect(try Self.reason(wat) == nil)
    }

    @Test func theDeterministicProfileRejectsTypedReferences() {
        let wat = "(module (type $t (func)) (func (param (ref $t))))"
        let error = #expect(throws: ModuleError.self) { try Module(wat: wat) }
        guard case .invalid(let validation)? = error else {
            Issue.record("not invalid: \(String(describing: error))")
            return
        }
        #expect(validation.reason == .featureNotEnabled(.functionReferences))
    }

    @Test func importsMatchEquivalentTypesAcrossModules() throws {
        let store = Store(engine: Engine(features: .full))
        // The exporter's type is index 1, the importer's index 0; both are (func (param (ref $s))) with
        // $s = (func), so they are the same type.
        let exporter = try store.instantiate(
            Module(
                wat: """
                    (module (type $s (func)) (type $t (func (param (ref $s))))
                      (func (export "f") (type $t)))
                    """, features: .full))
        var imports = Imports()
        imports.define(module: "m", name: "f", .function(try #require(exporter.function(named: "f"))))
        let matching = try Module(
            wat: """
                (module (type $u (func)) (type $t (func (param (ref $u))))
                  (import "m" "f" (func (type $t))))
                """, features: .full)
        _ = try store.instantiate(matching, imports: imports)
        let mismatched = try Module(
            wat: """
                (module (type $u (func (param i32))) (type $t (func (param (ref $u))))
                  (import "m" "f" (func (type $t))))
                """, features: .full)
        #expect(throws: InstantiationError.self) { try store.instantiate(mismatched, imports: imports) }
    }
}
