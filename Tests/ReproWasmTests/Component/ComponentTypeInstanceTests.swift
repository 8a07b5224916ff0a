import Testing

@testable import ReproWasm

/// An instance import that exports only types (`numcodecs:abc/types@0.1.1` in onion and pressio):
/// the host has no function to give, and says it provides the instance with `defineTypeInstance`.
@Suite struct ComponentTypeInstanceTests {
    @Test func aTypesOnlyInstanceImportIsProvidedByName() throws {
        let component = try Component(bytes: try ComponentFixtures.bytes("types-import"))
        #expect(component.importNames == ["demo:shared/types"])
        #expect(throws: ComponentInstantiationError.self) { try Store().instantiate(component) }
        var imports = ComponentImports()
        imports.defineTypeInstance("demo:shared/types")
        let instance = try Store().instantiate(component, imports: imports)
        #expect(try instance.function(named: "answer")?.call([]) == [.u32(42)])
    }

    @Test func definingItKeepsFunctionsAlreadyGiven() throws {
        var imports = ComponentImports()
        imports.defineFunction(instance: "demo:shared/types", name: "unused") { _ in [] }
        imports.defineTypeInstance("demo:shared/types")
        guard case .members(let members)? = imports.entries["demo:shared/types"] else {
            Issue.record("the instance's members were replaced")
            return
        }
        #expect(members.keys.sorted() == ["unused"])
    }
}
