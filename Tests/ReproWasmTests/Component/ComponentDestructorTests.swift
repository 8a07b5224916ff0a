import Testing

@testable import ReproWasm

/// A destructor runs in the instance that defines its resource, and entering that instance follows the
/// rules of a call: while the instance is on the stack, dropping an owned handle whose destructor would
/// run there traps with "cannot enter component instance" (`Fixtures/dtor-reentrance.wat`).
@Suite struct ComponentDestructorTests {
    @Test func aDestructorCannotReenterAnInstanceOnTheStack() throws {
        var held: ResourceHandle?
        var api: ComponentInstance?
        var reasons: [String] = []
        var imports = ComponentImports()
        imports.defineFunction("cb") { _ in
            // Called from inside the instance: the drop must trap and change nothing.
            if let held, let api {
                do {
                    try api.dropResource(held)
                    reasons.append("dropped")
                } catch {
                    reasons.append((error as? ComponentTrap)?.message ?? "\(error)")
                }
            }
            return []
        }
        let instance = try Store().instantiate(
            try Component(bytes: try ComponentFixtures.bytes("dtor-reentrance")), imports: imports)
        let interface = try #require(instance.instance(named: "demo:dtor/api"))
        api = interface
        let make = try #require(interface.function(named: "[constructor]thing"))
        let run = try #require(interface.function(named: "run"))
        let lastDropped = try #require(interface.function(named: "last-dropped"))
        guard case .own(let handle)? = try make.call([.u32(9)]).first else {
            Issue.record("no handle")
            return
        }
        held = handle
        _ = try run.call([])
        #expect(reasons == ["cannot enter component instance"])
        #expect(try lastDropped.call([]) == [.s32(-1)])
        // Outside any call the instance may be entered: the destructor runs.
        held = nil
        try interface.dropResource(handle)
        #expect(try lastDropped.call([]) == [.s32(9)])
    }
}
