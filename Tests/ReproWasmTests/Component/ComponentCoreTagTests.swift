import Testing

@testable import ReproWasm

/// Core tags linked between the core instances of one component (`Fixtures/core-tags.wat`): a tag
/// reaches a thrower and a catcher through a whole-instance argument, an alias and a synthesized
/// instance that renames it, and a second instance of the tag's module has a tag of its own.
@Suite struct ComponentCoreTagTests {
    func instance() throws -> ComponentInstance {
        try Store().instantiate(try Component(bytes: try ComponentFixtures.bytes("core-tags")))
    }

    @Test func aTagLinkedThroughARenamingInstanceIsCaughtByName() throws {
        let mine = try #require(try instance().function(named: "mine"))
        #expect(try mine.call([.u32(42)]) == [.u32(42)])
        #expect(try mine.call([.u32(0)]) == [.u32(100)])
    }

    @Test func anotherInstancesTagIsADistinctTag() throws {
        let theirs = try #require(try instance().function(named: "theirs"))
        // Thrown with the other instance's tag: only `catch_all` takes it.
        #expect(try theirs.call([.u32(42)]) == [.u32(200)])
        #expect(try theirs.call([.u32(0)]) == [.u32(100)])
    }

    @Test func coreModuleTypesDeclareTags() throws {
        let component = try Component(bytes: try ComponentFixtures.bytes("core-tags"))
        // The tag module's type exports the tag with its payload.
        let tagModule = try #require(
            component.parsed.definitions.compactMap { definition -> Module? in
                if case .coreModule(let module) = definition.kind { module } else { nil }
            }.first)
        #expect(tagModule.exports.map(\.type) == [.tag(TagType(parameters: [.i32]))])
    }
}
