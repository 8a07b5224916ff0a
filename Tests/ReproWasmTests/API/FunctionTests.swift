import Testing

@testable import ReproWasm

/// Calling functions: with values, typed, and with arguments that do not fit.
@Suite struct FunctionTests {
    @Test func callsWithValues() throws {
        let add = try APIFixtures.adder.instantiate().exportedFunction("add")
        #expect(add.type == APIFixtures.add)
        #expect(try add.call([.i32(Int32(2)), .i32(Int32(3))]) == [.i32(Int32(5))])
        #expect(try add(.i32(Int32(-2)), .i32(Int32(-3))) == [.i32(Int32(-5))])
    }

    @Test func typedCallWithOneResult() throws {
        let add = try APIFixtures.adder.instantiate().exportedFunction("add")
        let typed = try add.typed(Int32.self, Int32.self, returning: Int32.self)
        #expect(try typed(2, 3) == 5)
        #expect(try typed(.max, 1) == .min)  // wraps, as i32.add does
        let unsigned = try add.typed(UInt32.self, UInt32.self, returning: UInt32.self)
        #expect(try unsigned(.max, 2) == 1)
    }

    @Test func typedCallsOfEveryNumberType() throws {
        let instance = try WasmModule()
            .function(
                FunctionType([.i64, .f32, .f64], [.f64]), export: "mix",
                Asm.localGet(0), Asm.op("f64.convert_i64_s"), Asm.localGet(1), Asm.op("f64.promote_f32"),
                Asm.op("f64.add"),
                Asm.localGet(2), Asm.op("f64.add")
            )
            .function(
                FunctionType([.i64], [.i64, .i32]), export: "split",
                Asm.localGet(0), Asm.localGet(0), Asm.op("i32.wrap_i64")
            )
            .function(.i32ToVoid, export: "sink", body: [])
            .instantiate()
        let mix = try instance.exportedFunction("mix").typed(
            Int64.self, Float.self, Double.self, returning: Double.self)
        #expect(try mix(1, 0.5, 0.25) == 1.75)
        let split = try instance.exportedFunction("split").typed(UInt64.self, returning: UInt64.self, Int32.self)
        let (wide, narrow) = try split(0x1_0000_0005)
        #expect(wide == 0x1_0000_0005)
        #expect(narrow == 5)
        let sink = try instance.exportedFunction("sink").typed(Int32.self)
        try sink(7)
    }

    @Test func aTypedViewOfTheWrongSignatureIsRefused() throws {
        let add = try APIFixtures.adder.instantiate().exportedFunction("add")
        let error = #expect(throws: AccessError.self) { try add.typed(Int64.self, Int64.self, returning: Int64.self) }
        #expect(
            error
                == .signatureMismatch(
                    expected: APIFixtures.add, actual: FunctionType([.i64, .i64], [.i64])))
        #expect(
            error?.description == "signature mismatch: the function is (i32, i32) -> (i32), not (i64, i64) -> (i64)")
        #expect(throws: AccessError.self) { try add.typed(Int32.self, Int32.self) }
    }

    /// Wrong arguments are the embedder's mistake, not a trap of wasm code: an `AccessError`, and
    /// nothing runs.
    @Test func argumentsOfTheWrongTypesAreRefusedBeforeRunning() throws {
        let store = Store()
        let add = try APIFixtures.adder.instantiate(in: store).exportedFunction("add")
        for arguments: [Value] in [
            [], [.i32(Int32(1))], [.i32(Int32(1)), .i64(Int64(2))], [.i32(Int32(1)), .i32(Int32(2)), .i32(Int32(3))],
        ] {
            let error = #expect(throws: AccessError.self) { try add.call(arguments) }
            #expect(error == .typeMismatch(expected: [.i32, .i32], actual: arguments.map(\.type)))
        }
        #expect(store.instructionCount == 0)
    }

    @Test func argumentDescriptionNamesBothTypeLists() throws {
        let add = try APIFixtures.adder.instantiate().exportedFunction("add")
        let error = #expect(throws: AccessError.self) { try add.call([.f64(1)]) }
        #expect(error?.description == "type mismatch: expected (i32, i32), got (f64)")
    }

    @Test func aFunctionReferenceLeadsBackToItsFunction() throws {
        let store = Store()
        let add = try APIFixtures.adder.instantiate(in: store).exportedFunction("add")
        let again = try #require(Function(add.reference, in: store))
        #expect(try again.call([.i32(Int32(2)), .i32(Int32(2))]) == [.i32(Int32(4))])
        #expect(Function(add.reference, in: Store()) == nil)
    }

    @Test func aFunctionReferenceOfAnotherStoreIsNotAccepted() throws {
        let module = try WasmModule().function(FunctionType([.funcRef], []), export: "take", body: [])
            .module(features: .full)
        let store = Store(engine: Engine(features: .full))
        let take = try store.instantiate(module).exportedFunction("take")
        let foreign = try APIFixtures.adder.instantiate().exportedFunction("add")
        let error = #expect(throws: AccessError.self) { try take.call([.funcRef(foreign.reference)]) }
        #expect(error == .foreignStore)
        try take.call([.funcRef(take.reference)])
        try take.call([.funcRef(nil)])
    }
}
