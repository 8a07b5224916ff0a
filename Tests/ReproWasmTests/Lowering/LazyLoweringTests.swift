import Testing

@testable import ReproWasm

/// `LoweringMode.lazy` (the core modules of components): bodies are validated when the module loads
/// and lowered per instance on their first call. Everything observable must be what eager lowering
/// gives: results, instruction counts, traps with their positions, exceptions caught across functions,
/// the call-depth limit; and every validation error is still reported when the module loads.
@Suite struct LazyLoweringTests {
    static let text = """
        (module
          (tag $boom (param i32))
          (func $fib (export "fib") (param i32) (result i32)
            (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
              (then (local.get 0))
              (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                             (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
          (func $throws (param i32) (throw $boom (local.get 0)))
          (func (export "catch") (param i32) (result i32)
            (block $caught (result i32)
              (try_table (catch $boom $caught) (call $throws (local.get 0)))
              (i32.const -1)))
          (func (export "divide") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
          (func $deep (export "deep") (param i32) (result i32)
            (if (result i32) (local.get 0)
              (then (call $deep (i32.sub (local.get 0) (i32.const 1))))
              (else (i32.const 7)))))
        """

    func module(_ lowering: LoweringMode) throws -> Module {
        try Module(bytes: try wat2wasm(Self.text), features: .deterministic, lowering: lowering)
    }

    @Test func aLazyModuleHoldsNoCodeUntilItsFunctionsRun() throws {
        let lazy = try module(.lazy)
        #expect(lazy.validated.code.count == 0)
        #expect(lazy.validated.lazyContext != nil)
        #expect(try module(.eager).validated.code.count > 0)
        // Validation found the same frame layouts lowering does.
        #expect(
            lazy.validated.functions.map(\.frameSlots) == (try module(.eager)).validated.functions.map(\.frameSlots))
    }

    /// Runs `body` against an instance of each mode and checks it saw the same values and counts.
    func compare(limits: StoreLimits = StoreLimits(), _ body: (Instance) throws -> [String]) throws {
        var outcomes: [[String]] = []
        for lowering in [LoweringMode.eager, .lazy] {
            let store = Store(engine: Engine(limits: limits))
            let instance = try store.instantiate(try module(lowering))
            var seen = try body(instance)
            seen.append("count \(store.instructionCount)")
            outcomes.append(seen)
        }
        #expect(outcomes[0] == outcomes[1])
        #expect(outcomes[1].count > 1)
    }

    @Test func resultsAndCountsAreTheEagerOnes() throws {
        try compare { instance in
            let fib = try instance.exportedFunction("fib")
            return [try fib.call([.i32(20)]).description, try fib.call([.i32(21)]).description]
        }
    }

    @Test func trapsReportTheSamePlace() throws {
        try compare { instance in
            let divide = try instance.exportedFunction("divide")
            let trap = #expect(throws: Trap.self) { try divide.call([.i32(1), .i32(0)]) }
            #expect(trap?.byteOffset != nil)
            return [
                "\(trap?.code as Any) \(trap?.functionIndex as Any) \(trap?.byteOffset as Any) \(trap?.codeOffset as Any)",
                try divide.call([.i32(9), .i32(2)]).description,
            ]
        }
    }

    @Test func exceptionsAreCaughtAcrossLazilyLoweredFunctions() throws {
        try compare { instance in
            let caught = try instance.exportedFunction("catch").call([.i32(5)])
            #expect(caught == [.i32(5)])
            return [caught.description]
        }
    }

    @Test func theCallDepthLimitIsTheSame() throws {
        try compare(limits: StoreLimits(maxCallDepth: 50)) { instance in
            let deep = try instance.exportedFunction("deep")
            let fits = try deep.call([.i32(49)])
            let trap = #expect(throws: Trap.self) { try deep.call([.i32(50)]) }
            return [fits.description, "\(trap?.code as Any)"]
        }
    }

    @Test func eachInstanceLowersItsOwnCode() throws {
        let module = try module(.lazy)
        let store = Store()
        let first = try store.instantiate(module)
        let second = try store.instantiate(module)
        #expect(try first.exportedFunction("fib").call([.i32(10)]) == [.i32(55)])
        #expect(store.runtime.instances.map { $0.lowered.count } == [1, 0])
        #expect(try second.exportedFunction("fib").call([.i32(10)]) == [.i32(55)])
        #expect(store.runtime.instances.map { $0.lowered.count } == [1, 1])
    }

    @Test func invalidBodiesAreReportedWhenTheModuleLoads() throws {
        let bytes = try wat2wasm("(module (func (result i32) (i64.const 1)))")
        var errors: [String] = []
        for lowering in [LoweringMode.eager, .lazy] {
            do {
                _ = try Module(bytes: bytes, features: .deterministic, lowering: lowering)
                Issue.record("an invalid body loaded")
            } catch {
                errors.append(error.description)
            }
        }
        #expect(errors.count == 2 && errors[0] == errors[1])
    }
}

/// `BodyValidation`: a lazy module's bodies validated on two threads give what one thread gives.
@Suite struct BodyValidationTests {
    /// 40 functions; function `invalid` (when given) returns an i64 where an i32 is declared.
    func parsed(invalid: [Int] = []) throws -> ParsedModule {
        var text = "(module"
        for index in 0..<40 {
            let result = invalid.contains(index) ? "(i64.const \(index))" : "(i32.const \(index))"
            // The same body at every index but the invalid ones: its error names its function.
            text += " (func (param i32) (result i32) (local i64) (block (br_if 0 (local.get 0))) \(result))"
        }
        return try decodeModule(try wat2wasm(text + ")"), features: .deterministic)
    }

    func validate(_ parsed: ParsedModule, splitThreshold: Int) throws(ModuleError) -> [CompiledFunctionInfo] {
        let validated = try validateModule(parsed, features: .deterministic, lowering: .lazy)
        return try BodyValidation.validateWithoutLowering(
            parsed, context: validated.lazyContext!, features: .deterministic, splitThreshold: splitThreshold)
    }

    @Test func twoThreadsGiveTheLayoutsOfOne() throws {
        let parsed = try parsed()
        let one = try validate(parsed, splitThreshold: .max)
        let two = try validate(parsed, splitThreshold: 0)
        #expect(one.count == 40)
        #expect(one.map(\.frameSlots) == two.map(\.frameSlots))
        #expect(one.map(\.localSlots) == two.map(\.localSlots))
        #expect(one.map(\.typeIndex) == two.map(\.typeIndex))
    }

    /// One validator validates a thread's bodies in a row (`FunctionValidator.reset`): each body must
    /// get what a validator of its own gives, whatever the body before it left behind.
    @Test func aReusedValidatorForgetsTheBodyBefore() throws {
        let text = """
            (module
              (func (param i32 i64) (result i64) (local f64 f64 i32) (block (result i64) (local.get 1)))
              (func (result i32) (i32.const 1) (unreachable))
              (func (param f64) (local i64) (local i32 i32 i32 i32) (block (block (br_table 0 1 (i32.const 0)))))
              (func (param i32) (result i32) (if (result i32) (local.get 0) (then (i32.const 2)) (else (i32.const 3))))
              (func))
            """
        let bytes = try wat2wasm(text)
        let reused = try validate(try decodeModule(bytes, features: .deterministic), splitThreshold: .max)
        let eager = try Module(bytes: bytes, features: .deterministic, lowering: .eager).validated.functions
        #expect(reused.count == 5)
        #expect(reused.map(\.localSlots) == [5, 0, 6, 1, 0])
        #expect(reused.map(\.localSlots) == eager.map(\.localSlots))
        #expect(reused.map(\.frameSlots) == eager.map(\.frameSlots))
    }

    @Test(arguments: [[3], [35], [3, 35], [20, 39]])
    func theFirstInvalidBodyIsReported(invalid: [Int]) throws {
        let parsed = try parsed(invalid: invalid)
        var errors: [String] = []
        for threshold in [Int.max, 0] {
            do {
                // The valid module's context, over the invalid module's bytes (the two differ only in bodies).
                let valid = try validateModule(try self.parsed(), features: .deterministic, lowering: .lazy)
                    .lazyContext!
                let context = ModuleContext(
                    bytes: parsed.bytes, features: valid.features, types: valid.types,
                    functionTypeIndices: valid.functionTypeIndices, importedFunctionCount: valid.importedFunctionCount,
                    tables: valid.tables, memories: valid.memories, globals: valid.globals, tags: valid.tags,
                    elementTypes: valid.elementTypes, dataCount: valid.dataCount,
                    declaredFunctions: valid.declaredFunctions, counterGlobal: valid.counterGlobal,
                    relations: valid.relations)
                _ = try BodyValidation.validateWithoutLowering(
                    parsed, context: context, features: .deterministic, splitThreshold: threshold)
                Issue.record("invalid bodies validated")
            } catch {
                errors.append("\(error)")
            }
        }
        #expect(errors.count == 2 && errors[0] == errors[1])
        #expect(errors.first?.contains("in function \(invalid[0]))") == true, "\(errors)")
    }
}
