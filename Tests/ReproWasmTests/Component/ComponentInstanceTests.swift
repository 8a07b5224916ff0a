import Testing

@testable import ReproWasm

/// Runs `Fixtures/canonical-abi.wat`: a nested component instantiated with a host function, whose
/// exports take and return strings, lists, records, variants and results. The instruction counts
/// are derived by hand from the counting rule (docs in the fixture): every core function counts 1 for
/// its final `end`, `classify` adds its `if`s, and lifting and lowering count nothing.
@Suite struct ComponentInstanceTests {
    /// An instance of the fixture whose host `shout` upper-cases its argument and adds "!",
    /// recording what it received.
    final class Host {
        var received: [[ComponentValue]] = []
    }

    func instantiate(_ host: Host, store: Store = Store()) throws -> ComponentInstance {
        let component = try Component(bytes: try ComponentFixtures.bytes("canonical-abi"))
        var imports = ComponentImports()
        imports.defineFunction(instance: "host:demo/log", name: "shout") { [host] arguments in
            host.received.append(arguments)
            guard case .string(let text) = arguments.first else { return [] }
            return [.string(text.uppercased() + "!")]
        }
        return try store.instantiate(component, imports: imports)
    }

    func point(_ x: Int32, _ y: Int32) -> ComponentValue { .record([.init("x", .s32(x)), .init("y", .s32(y))]) }

    @Test func stringsCrossBothWaysThroughTheHost() throws {
        let host = Host()
        let instance = try instantiate(host)
        let api = try #require(instance.instance(named: "demo:lib/api"))
        let greet = try #require(api.function(named: "greet"))
        #expect(instance.exportNames == ["demo:lib/api"])
        #expect(greet.parameterNames == ["name"])
        // realloc for "world" 1, greet's end 1, realloc for the host's "WORLD!" 1, post-return 1.
        #expect(try greet.call([.string("world")]) == [.string("WORLD!")])
        #expect(host.received == [[.string("world")]])
        #expect(instance.store.instructionCount == 4)
        // Non-ASCII text keeps its bytes; an empty string still calls realloc (twice: in and out).
        #expect(try greet.call([.string("grüße")]) == [.string("GRÜSSE!")])
        #expect(try greet.call([.string("")]) == [.string("!")])
        #expect(instance.store.instructionCount == 12)
    }

    @Test func recordsListsVariantsAndResults() throws {
        let instance = try instantiate(Host())
        let classify = try #require(instance.instance(named: "demo:lib/api")?.function(named: "classify"))
        let store = instance.store
        // Reallocs: the list 1, "a" 1, "bc" 1; classify: if, if, else, end, end = 5; post-return 1.
        #expect(
            try classify.call([point(3, -4), .list([.string("a"), .string("bc")])])
                == [.ok(.variant(case: "plane", payload: .tuple([.s32(3), .s32(-4)])))])
        #expect(store.instructionCount == 9)
        // Reallocs 2; classify: if, if, then the inner else-arm's end, the outer end, the body's end = 5;
        // post-return 1.
        #expect(
            try classify.call([point(0, 0), .list([.string("a")])]) == [.ok(.variant(case: "origin", payload: nil))])
        #expect(store.instructionCount == 9 + 8)
        // The empty list still calls realloc 1; classify: if, else, end = 3; post-return 1.
        #expect(try classify.call([point(1, 1), .list([])]) == [.err(.string("no tags"))])
        #expect(store.instructionCount == 9 + 8 + 5)
    }

    @Test func badArgumentsAreRefusedBeforeAnythingRuns() throws {
        let instance = try instantiate(Host())
        let api = try #require(instance.instance(named: "demo:lib/api"))
        let classify = try #require(api.function(named: "classify"))
        for arguments: [ComponentValue] in [
            [.u32(1), .list([])], [point(1, 2)], [.record([.init("y", .s32(1)), .init("x", .s32(2))]), .list([])],
        ] {
            #expect(throws: ComponentTrap.self) { try classify.call(arguments) }
            do {
                _ = try classify.call(arguments)
            } catch {
                #expect(error.kind == .typeMismatch)
            }
        }
        #expect(instance.store.instructionCount == 0)
    }

    @Test func aFailingHostFunctionTrapsTheCaller() throws {
        struct Refused: Error {}
        let component = try Component(bytes: try ComponentFixtures.bytes("canonical-abi"))
        var imports = ComponentImports()
        imports.defineFunction(instance: "host:demo/log", name: "shout") { _ in throw Refused() }
        let instance = try Store().instantiate(component, imports: imports)
        let greet = try #require(instance.instance(named: "demo:lib/api")?.function(named: "greet"))
        do {
            _ = try greet.call([.string("x")])
            Issue.record("greet returned")
        } catch {
            #expect(error.kind == .host)
        }
        // Only the argument's realloc ran before the trap (greet's `end` was never reached).
        #expect(instance.store.instructionCount == 1)
    }

    @Test func missingImportsAreLinkErrors() throws {
        let component = try Component(bytes: try ComponentFixtures.bytes("canonical-abi"))
        do {
            _ = try Store().instantiate(component)
            Issue.record("instantiated without its import")
        } catch {
            #expect(error.isLinkError)
            #expect(error.message.contains("host:demo/log"))
        }
    }

    @Test func canonicalSizesAlignmentsAndFlattening() {
        let shape = CanonicalType.variant([("origin", nil), ("plane", .tuple([.s32, .s32]))])
        let result = CanonicalType.result(ok: shape, error: .string)
        #expect((shape.size, shape.alignment, shape.flat) == (12, 4, [.i32, .i32, .i32]))
        #expect((result.size, result.alignment, result.flat) == (16, 4, [.i32, .i32, .i32, .i32]))
        // Joining: f32 with i32 is i32; f64 with i32 is i64; u64 payloads widen the slot to i64.
        let mixed = CanonicalType.variant([("a", .f32), ("b", .u32), ("c", .f64)])
        #expect(mixed.flat == [.i32, .i64])
        #expect((mixed.size, mixed.alignment) == (16, 8))
        #expect(CanonicalType.flags(Array(repeating: "f", count: 9)).size == 2)
        #expect(CanonicalType.enum(Array(repeating: "e", count: 257)).size == 2)
        #expect(CanonicalType.record([("a", .u8), ("b", .u64), ("c", .u16)]).size == 24)
    }
}

@Suite struct ComponentWAVETests {
    func classify() throws -> ComponentFunction {
        let component = try Component(bytes: try ComponentFixtures.bytes("canonical-abi"))
        var imports = ComponentImports()
        imports.defineFunction(instance: "host:demo/log", name: "shout") { $0 }
        let instance = try Store().instantiate(component, imports: imports)
        return try #require(instance.instance(named: "demo:lib/api")?.function(named: "classify"))
    }

    @Test func argumentsAreReadByTheirParameterTypes() throws {
        let classify = try classify()
        let arguments = try classify.arguments(fromWAVE: ["{y: -4, x: 3}", #"["a", "b\u{63}\n", ]"#])
        #expect(
            arguments == [
                .record([.init("x", .s32(3)), .init("y", .s32(-4))]), .list([.string("a"), .string("bc\n")]),
            ])
        let results = try classify.call(arguments)
        #expect(results.map(\.description) == ["ok(plane((3, -4)))"])
    }

    @Test(arguments: [
        (["{x: 1}", "[]"], "missing field `y`"),
        (["{x: 1, y: 2}", "[1]"], "expected `\"`"),
        (["{x: 1, y: 99999999999}", "[]"], "is not a Int32 value"),
        (["{x: 1, y: 2}"], "expected 2 arguments"),
        (["{x: 1, y: 2, z: 3}", "[]"], "no field `z`"),
        (["{x: 1, y: 2}", "[] x"], "unexpected text after the value"),
    ])
    func malformedArgumentsSayWhy(texts: [String], message: String) throws {
        let classify = try classify()
        do {
            _ = try classify.arguments(fromWAVE: texts)
            Issue.record("read \(texts)")
        } catch {
            #expect(error.description.contains(message))
        }
    }
}
