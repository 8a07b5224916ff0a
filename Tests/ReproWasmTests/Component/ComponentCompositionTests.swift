import Testing

@testable import ReproWasm

/// Links two components in one store: `echo-consumer` (UTF-16 strings) imports the interface that
/// `echo-provider` (UTF-8) exports. Every core function of both counts 1 per call; the rest of each
/// count is `realloc` calls, whose number follows from the canonical ABI's transcoding algorithms.
@Suite struct ComponentCompositionTests {
    func run() throws -> ComponentFunction {
        let store = Store()
        let provider = try store.instantiate(try Component(bytes: try ComponentFixtures.bytes("echo-provider")))
        var imports = ComponentImports()
        imports.define("demo:text/echo", instance: try #require(provider.instance(named: "demo:text/echo")))
        let consumer = try store.instantiate(
            try Component(bytes: try ComponentFixtures.bytes("echo-consumer")), imports: imports)
        return try #require(consumer.function(named: "run"))
    }

    @Test func asciiNeedsOneAllocationPerCrossing() throws {
        let run = try run()
        // Host → consumer (UTF-8 → UTF-16, exact worst case): 1; consumer → provider (UTF-16 → UTF-8, all
        // ASCII): 1; echo 1; provider → consumer (UTF-8 → UTF-16): 1; run 1.
        #expect(try run.call([.string("hello")]) == [.string("hello")])
        #expect(run.counter == 5)
    }

    @Test func nonASCIIIsTranscodedWithTheSpecsReallocations() throws {
        let run = try run()
        // Host → consumer: worst case 12 bytes, then shrink to 10: 2. Consumer → provider: 5 bytes, grow
        // to the worst case 15 at "é", shrink to 6: 3. echo 1. Provider → consumer: 2. run 1.
        #expect(try run.call([.string("héllo")]) == [.string("héllo")])
        #expect(run.counter == 9)
        // A code point outside the BMP: 2 UTF-16 units, 4 UTF-8 bytes.
        #expect(try run.call([.string("a😀")]) == [.string("a😀")])
        // Host → consumer: 10 bytes worst case (5 UTF-8 bytes), shrink to 6: 2. Consumer → provider: 3
        // bytes, grow to 9, shrink to 5: 3. echo 1. Provider → consumer: 2. run 1.
        #expect(run.counter == 9 + 9)
    }

    @Test func theProviderMustBeInTheSameStore() throws {
        let provider = try Store().instantiate(try Component(bytes: try ComponentFixtures.bytes("echo-provider")))
        var imports = ComponentImports()
        imports.define("demo:text/echo", instance: try #require(provider.instance(named: "demo:text/echo")))
        let consumer = try Component(bytes: try ComponentFixtures.bytes("echo-consumer"))
        #expect(throws: ComponentInstantiationError.self) { try Store().instantiate(consumer, imports: imports) }
    }
}

extension ComponentFunction {
    /// The instruction count of the store the function's core function lives in.
    fileprivate var counter: UInt64 {
        (retainedStore ?? weakStore)?.instructionCount ?? 0
    }
}

@Suite struct ComponentLifetimeTests {
    /// Functions the store keeps (lowered imports, resource built-ins) must not keep the store alive.
    @Test func aStoreWithComponentsIsFreed() throws {
        weak var freed: Store?
        do {
            let store = Store()
            freed = store
            let provider = try store.instantiate(try Component(bytes: try ComponentFixtures.bytes("echo-provider")))
            var imports = ComponentImports()
            imports.define("demo:text/echo", instance: try #require(provider.instance(named: "demo:text/echo")))
            let consumer = try store.instantiate(
                try Component(bytes: try ComponentFixtures.bytes("echo-consumer")), imports: imports)
            #expect(try consumer.function(named: "run")?.call([.string("x")]) == [.string("x")])
            _ = try store.instantiate(try Component(bytes: try ComponentFixtures.bytes("resource-run")))
        }
        #expect(freed == nil)
    }

    /// A function handed to the embedder keeps its store alive on its own.
    @Test func aFunctionKeepsItsStore() throws {
        let echo = try Store().instantiate(try Component(bytes: try ComponentFixtures.bytes("echo-provider")))
            .instance(named: "demo:text/echo")?.function(named: "echo")
        #expect(try echo?.call([.string("still here")]) == [.string("still here")])
    }
}
