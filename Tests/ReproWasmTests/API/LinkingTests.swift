import Testing

@testable import ReproWasm

/// Resolving imports: what links, and link errors that name the import and both types.
@Suite struct LinkingTests {
    private func linkError(_ body: () throws -> Void) -> LinkError? {
        do {
            try body()
        } catch let failure as InstantiationError {
            if case .link(let error) = failure { return error }
            Issue.record("expected a link error, got \(failure)")
        } catch {
            Issue.record("expected a link error, got \(error)")
        }
        return nil
    }

    @Test func aMissingImportNamesItAndItsType() throws {
        let error = linkError { _ = try APIFixtures.callsHost.instantiate() }
        #expect(error?.reason == .unknownImport)
        #expect(error?.module == "env")
        #expect(error?.name == "host")
        #expect(error?.expected == .function(.i32ToI32))
        #expect(error?.description == "unknown import \"env\" \"host\": expected func (i32) -> (i32)")
    }

    @Test func aFunctionOfAnotherTypeNamesBothTypes() throws {
        var imports = Imports()
        imports.defineFunction(module: "env", name: "host", type: .i32ToI64) { _, _ in [.i64(Int64(0))] }
        let error = linkError { _ = try APIFixtures.callsHost.instantiate(imports: imports) }
        #expect(error?.reason == .incompatibleImportType(actual: .function(.i32ToI64)))
        #expect(
            error?.description
                == "incompatible import type for \"env\" \"host\": expected func (i32) -> (i32), got func (i32) -> (i64)"
        )
    }

    @Test func anEntityOfAnotherKindNamesBothKinds() throws {
        let store = Store()
        var imports = Imports()
        imports.define(
            module: "env", name: "host",
            .global(Global(store: store, type: GlobalType(valueType: .i32, isMutable: false), value: .i32(Int32(1)))))
        let error = linkError { _ = try APIFixtures.callsHost.instantiate(in: store, imports: imports) }
        #expect(
            error?.description
                == "incompatible import type for \"env\" \"host\": expected func (i32) -> (i32), got global i32")
    }

    @Test func globalMutabilityIsPartOfTheType() throws {
        let store = Store()
        let module = WasmModule().importGlobal("env", "g", .i32, mutable: true)
        var imports = Imports()
        imports.define(
            module: "env", name: "g",
            .global(Global(store: store, type: GlobalType(valueType: .i32, isMutable: false), value: .i32(Int32(1)))))
        let error = linkError { _ = try module.instantiate(in: store, imports: imports) }
        #expect(
            error?.description
                == "incompatible import type for \"env\" \"g\": expected global (mut i32), got global i32")
    }

    @Test func aTooSmallMemoryNamesBothLimits() throws {
        let store = Store()
        let bytes = ModuleBuilder().imports([("env", "memory", APIFixtures.memoryImport(2))]).bytes
        var imports = Imports()
        imports.define(
            module: "env", name: "memory",
            .memory(try #require(Memory(store: store, type: MemoryType(limits: Limits(min: 1, max: 4))))))
        let error = linkError { _ = try store.instantiate(try Module(bytes: bytes), imports: imports) }
        #expect(
            error?.description == "incompatible import type for \"env\" \"memory\": expected memory 2, got memory 1 4")
    }

    @Test func anEntityOfAnotherStoreIsRefused() throws {
        let other = Store()
        var imports = Imports()
        imports.define(
            module: "env", name: "host", .function(Function(store: other, type: .i32ToI32) { _, args in args }))
        let error = linkError { _ = try APIFixtures.callsHost.instantiate(in: Store(), imports: imports) }
        #expect(error?.reason == .foreignStore)
        #expect(error?.description == "import \"env\" \"host\" belongs to another store (expected func (i32) -> (i32))")
    }

    @Test func aLinkErrorLeavesTheStoreUsable() throws {
        let store = Store()
        _ = linkError { _ = try APIFixtures.callsHost.instantiate(in: store) }
        var imports = Imports()
        imports.defineFunction(module: "env", name: "host", type: .i32ToI32) { _, args in args }
        let instance = try APIFixtures.callsHost.instantiate(in: store, imports: imports)
        #expect(try instance.call("run", .i32(Int32(41))) == [.i32(Int32(42))])
    }

    @Test func everyExportOfAnInstanceCanBeImported() throws {
        let store = Store()
        let library = try APIFixtures.adder.instantiate(in: store)
        let user = WasmModule()
            .importFunction("lib", "add", APIFixtures.add)
            .function(.i32ToI32, export: "twice", Asm.localGet(0), Asm.localGet(0), Asm.call(0))
        var imports = Imports()
        imports.define(module: "lib", instance: library)
        let instance = try user.instantiate(in: store, imports: imports)
        #expect(try instance.call("twice", .i32(Int32(21))) == [.i32(Int32(42))])
    }

    @Test func aNamedDefinitionTakesPrecedenceOverAnInstance() throws {
        let store = Store()
        let library = try APIFixtures.adder.instantiate(in: store)
        let user = WasmModule()
            .importFunction("lib", "add", APIFixtures.add)
            .function(.i32ToI32, export: "twice", Asm.localGet(0), Asm.localGet(0), Asm.call(0))
        var imports = Imports()
        imports.define(module: "lib", instance: library)
        imports.defineFunction(module: "lib", name: "add", type: APIFixtures.add) { _, args in
            [.i32(args[0].i32! &* args[1].i32!)]
        }
        let instance = try user.instantiate(in: store, imports: imports)
        #expect(try instance.call("twice", .i32(Int32(5))) == [.i32(Int32(25))])
    }

    /// One definition makes one function per store: two instances importing it see equal references.
    @Test func aDefinedHostFunctionIsCreatedOncePerStore() throws {
        let module = try WasmModule().importFunction("env", "f", .void).export("f", .function, 0).module()
        var imports = Imports()
        imports.defineFunction(module: "env", name: "f", type: .void) { _, _ in [] }
        let store = Store()
        let first = try store.instantiate(module, imports: imports).exportedFunction("f")
        let second = try store.instantiate(module, imports: imports).exportedFunction("f")
        #expect(first.reference == second.reference)
        let elsewhere = try Store().instantiate(module, imports: imports).exportedFunction("f")
        #expect(elsewhere.store !== store)
        #expect(try elsewhere.call() == [])
    }

    @Test func theInstructionCounterIsSuppliedByTheStore() throws {
        let store = Store()
        let module = try WasmModule().importCounter()
            .function(.voidToI64, export: "read", Asm.globalGet(0))
            .module()
        #expect(module.imports.first?.type == .global(GlobalType(valueType: .i64, isMutable: true)))
        let instance = try store.instantiate(module)
        store.instructionCount = 41
        #expect(try instance.call("read") == [.i64(Int64(41))])  // read before its own `end` counts
        #expect(store.instructionCount == 42)
    }

    @Test func theInstructionCounterImportMustHaveItsType() throws {
        let module = WasmModule().importGlobal(WasmModule.counterModule, WasmModule.counterName, .i32, mutable: true)
        let error = linkError { _ = try module.instantiate() }
        #expect(
            error?.description
                == "import \"numcodecs:wasm/perf@0.1.0\" \"instruction-counter\" is the store's instruction counter: declare it as global (mut i64), not global (mut i32)"
        )
    }
}
