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
        #expect(handle.representation == 7)
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
