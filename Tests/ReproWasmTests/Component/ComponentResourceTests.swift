import Testing

@testable import ReproWasm

/// Runs `Fixtures/resource-run.wat`: a component that defines the `counter` resource (its
/// representation is its start value, its destructor records what it dropped) and passes its handles
/// to the host as `own` and `borrow` values. Every core function it runs counts 1 (its `end`).
@Suite struct ComponentResourceTests {
    func api() throws -> ComponentInstance {
        let component = try Component(bytes: try ComponentFixtures.bytes("resource-run"))
        return try #require(try Store().instantiate(component).instance(named: "demo:counter/api"))
    }

    func function(_ api: ComponentInstance, _ name: String) throws -> ComponentFunction {
        try #require(api.function(named: name))
    }

    @Test func ownAndBorrowHandlesCrossToTheHostAndBack() throws {
        let api = try api()
        let store = api.store
        let made = try function(api, "[constructor]counter").call([.u32(7)])
        guard case .own(let handle)? = made.first else {
            Issue.record("the constructor returned \(made)")
            return
        }
        #expect(try handle.representation == 7)
        #expect(store.instructionCount == 1)
        // A borrow of the component's own resource arrives as its representation.
        #expect(try function(api, "[method]counter.get").call([.borrow(handle)]) == [.u32(7)])
        #expect(store.instructionCount == 2)
        // consume: resource.rep, then resource.drop runs the destructor (1), then its own end (1).
        #expect(try function(api, "consume").call([.own(handle)]) == [.u32(7)])
        #expect(store.instructionCount == 4)
        #expect(try function(api, "last-dropped").call([]) == [.s32(7)])
        #expect(store.instructionCount == 5)
    }

    @Test func theHostDropsAHandleItOwns() throws {
        let api = try api()
        guard case .own(let handle)? = try function(api, "[constructor]counter").call([.u32(5)]).first else {
            Issue.record("no handle")
            return
        }
        try api.dropResource(handle)
        // The constructor's end 1, the destructor 1, last-dropped 1.
        #expect(try function(api, "last-dropped").call([]) == [.s32(5)])
        #expect(api.store.instructionCount == 3)
        let foreign = ResourceHandle(typeID: handle.typeID &+ 8, representation: 5)
        #expect(throws: ComponentTrap.self) { try api.dropResource(foreign) }
    }

    @Test func droppingAHandleTwiceTraps() throws {
        let api = try api()
        guard case .own(let handle)? = try function(api, "[constructor]counter").call([.u32(9)]).first else {
            Issue.record("no handle")
            return
        }
        let dropTwice = try function(api, "drop-twice")
        do {
            _ = try dropTwice.call([.own(handle)])
            Issue.record("dropped twice")
        } catch {
            #expect(error.kind == .canonicalABI)
            #expect(error.reason == .unknownHandle(1))
            #expect(error.message == "unknown handle index 1")
        }
        // The first drop ran the destructor before the trap.
        #expect(try function(api, "last-dropped").call([]) == [.s32(9)])
        #expect(api.store.instructionCount == 1 + 1 + 1)
    }

    @Test func aHandleOfAnotherResourceTypeIsRefused() throws {
        let api = try api()
        guard case .own(let handle)? = try function(api, "[constructor]counter").call([.u32(1)]).first else {
            Issue.record("no handle")
            return
        }
        let foreign = ResourceHandle(typeID: handle.typeID + 1_000, representation: 1)
        let consume = try function(api, "consume")
        do {
            _ = try consume.call([.own(foreign)])
            Issue.record("accepted a foreign handle")
        } catch {
            #expect(error.kind == .typeMismatch)
        }
        #expect(api.store.instructionCount == 1)
    }
}

/// Runs `Fixtures/host-resource.wat`, a component that uses the `blob` resource the host implements:
/// a blob's representation is its size plus 100; the host's destructor records what was dropped.
@Suite struct HostResourceTests {
    final class Blobs {
        var dropped: [UInt32] = []
    }

    func instantiate(_ blobs: Blobs) throws -> (ComponentInstance, HostResource) {
        var imports = ComponentImports()
        let blob = imports.defineResource(instance: "host:demo/blobs", name: "blob") { [blobs] representation in
            blobs.dropped.append(representation)
        }
        imports.defineFunction(instance: "host:demo/blobs", name: "[constructor]blob") { arguments in
            guard case .u32(let size) = arguments.first else { return [] }
            return [.own(blob.handle(size + 100))]
        }
        imports.defineFunction(instance: "host:demo/blobs", name: "[method]blob.size") { arguments in
            guard case .borrow(let handle) = arguments.first, handle.typeID == blob.typeID else { return [] }
            return [.u32(try handle.representation - 100)]
        }
        let component = try Component(bytes: try ComponentFixtures.bytes("host-resource"))
        return (try Store().instantiate(component, imports: imports), blob)
    }

    @Test func aComponentConstructsBorrowsAndDropsAHostResource() throws {
        let blobs = Blobs()
        let (instance, _) = try instantiate(blobs)
        let measure = try #require(instance.function(named: "measure"))
        #expect(try measure.call([.u32(7)]) == [.u32(7)])
        #expect(blobs.dropped == [107])
        // measure's own `end`; the host's constructor, method and destructor count nothing.
        #expect(instance.store.instructionCount == 1)
    }

    @Test func theHostHandsOverAnOwnedHandle() throws {
        let blobs = Blobs()
        let (instance, blob) = try instantiate(blobs)
        let adopt = try #require(instance.function(named: "adopt"))
        #expect(try adopt.call([.own(blob.handle(300))]) == [.u32(200)])
        #expect(blobs.dropped == [300])
        let foreign = ResourceHandle(typeID: blob.typeID &+ 8, representation: 300)
        #expect(throws: ComponentTrap.self) { try adopt.call([.own(foreign)]) }
        #expect(instance.store.instructionCount == 1)
    }
}
