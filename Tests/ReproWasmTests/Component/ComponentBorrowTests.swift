import Testing

@testable import ReproWasm

/// The canonical ABI's handle rules where the host is one side of the call (CanonicalABI.md,
/// `lift_own`, `lift_borrow`, `lower_own`, `lower_borrow`, `canon resource.drop`): a borrow the host
/// receives lasts until its host function returns, a handle the host lends is lent until the call
/// returns, and an owned handle the host gives up (passes as `own`, drops) is gone.
///
/// `Fixtures/resource-run.wat` defines the `counter` resource (its destructor records the
/// representation it dropped); `Fixtures/borrow-lend.wat`, a separate component in the same store,
/// holds counters and lends them to the host, and takes borrows from it.
@Suite struct ComponentBorrowTests {
    /// What the host functions saw.
    final class Log {
        var handles: [ResourceHandle] = []
        var outcomes: [String] = []
        var onCallback: () -> Void = {}

        func record(_ body: () throws -> Void) {
            do {
                try body()
                outcomes.append("ok")
            } catch {
                outcomes.append((error as? ComponentTrap)?.message ?? "\(error)")
            }
        }
    }

    /// Runs `body`, expecting the canonical ABI trap `reason`.
    func expectTrap(
        _ reason: CanonicalTrap, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
    ) {
        let error = #expect(throws: ComponentTrap.self, sourceLocation: sourceLocation) { try body() }
        #expect(error?.reason == reason, sourceLocation: sourceLocation)
        #expect(error?.message == reason.description, sourceLocation: sourceLocation)
    }

    struct Fixture {
        let api: ComponentInstance
        let user: ComponentInstance

        func apiFunction(_ name: String) throws -> ComponentFunction { try #require(api.function(named: name)) }
        func userFunction(_ name: String) throws -> ComponentFunction { try #require(user.function(named: name)) }

        func lastDropped() throws -> [ComponentValue] { try apiFunction("last-dropped").call([]) }

        func make(_ start: UInt32) throws -> ResourceHandle {
            guard case .own(let handle)? = try apiFunction("[constructor]counter").call([.u32(start)]).first else {
                throw ComponentTrap(.host, "the constructor returned no handle")
            }
            return handle
        }
    }

    func instantiate(_ log: Log, inspect: @escaping (ResourceHandle) -> Void = { _ in }) throws -> Fixture {
        let store = Store()
        let provider = try store.instantiate(try Component(bytes: try ComponentFixtures.bytes("resource-run")))
        let api = try #require(provider.instance(named: "demo:counter/api"))
        var imports = ComponentImports()
        imports.define("demo:counter/api", instance: api)
        imports.defineFunction("inspect") { [log] arguments in
            guard case .borrow(let handle)? = arguments.first else { return [] }
            log.handles.append(handle)
            inspect(handle)
            return [.u32(try handle.representation)]
        }
        imports.defineFunction("give") { _ in [] }
        imports.defineFunction("adopt") { [log] arguments in
            if case .own(let handle)? = arguments.first { log.handles.append(handle) }
            return []
        }
        imports.defineFunction("cb") { [log] _ in
            log.onCallback()
            return []
        }
        let user = try store.instantiate(
            try Component(bytes: try ComponentFixtures.bytes("borrow-lend")), imports: imports)
        return Fixture(api: api, user: user)
    }

    @Test func aBorrowLentToTheHostLastsUntilTheHostFunctionReturns() throws {
        let log = Log()
        var fixture: Fixture?
        fixture = try instantiate(log) { handle in
            guard let fixture else { return }
            // During the call the borrow is usable: its representation, and passing it on as a borrow.
            log.record {
                guard try fixture.apiFunction("[method]counter.get").call([.borrow(handle)]) == [.u32(4)] else {
                    throw ComponentTrap(.host, "wrong value")
                }
            }
            // It is not the host's to drop or to give away.
            log.record { try fixture.api.dropResource(handle) }
            log.record { _ = try fixture.apiFunction("consume").call([.own(handle)]) }
        }
        let it = try #require(fixture)
        #expect(try it.userFunction("lend").call([.u32(4)]) == [.u32(4)])
        let notOwned = CanonicalTrap.hostBorrowNotOwned.description
        #expect(log.outcomes == ["ok", notOwned, notOwned])
        // The component dropped its handle after the call: the destructor ran once.
        #expect(try it.lastDropped() == [.s32(4)])

        // After the host function returned, the borrow can no longer be used.
        let stale = try #require(log.handles.first)
        #expect(!stale.isHeld)
        expectTrap(.hostBorrowExpired) { _ = try stale.representation }
        expectTrap(.hostBorrowExpired) {
            _ = try it.apiFunction("[method]counter.get").call([.borrow(stale)])
        }
        expectTrap(.hostBorrowExpired) { try it.api.dropResource(stale) }
        #expect(try it.lastDropped() == [.s32(4)])
    }

    @Test func aHandleLentToTheHostCannotAlsoBeGivenAsOwn() throws {
        let it = try instantiate(Log())
        expectTrap(.handleLent) { _ = try it.userFunction("lend-and-give").call([.u32(3)]) }
        #expect(try it.lastDropped() == [.s32(-1)])
    }

    @Test func anOwnedHandleGivenToTheHostIsTheHostsUntilItPassesItOn() throws {
        let log = Log()
        let it = try instantiate(log)
        _ = try it.userFunction("hand-over").call([.u32(8)])
        let handle = try #require(log.handles.first)
        // Still the host's after its host function returned.
        #expect(handle.isHeld)
        #expect(try handle.representation == 8)
        #expect(try it.apiFunction("consume").call([.own(handle)]) == [.u32(8)])
        #expect(try it.lastDropped() == [.s32(8)])
        expectTrap(.hostHandleMoved) { _ = try handle.representation }
    }

    @Test func theCalleeMustDropABorrowTheHostLent() throws {
        let it = try instantiate(Log())
        let handle = try it.make(5)
        expectTrap(.borrowsRemain) { _ = try it.userFunction("keep").call([.borrow(handle)]) }
        // The call ended (by a trap): the handle is no longer lent.
        try it.api.dropResource(handle)
        #expect(try it.lastDropped() == [.s32(5)])
    }

    @Test func theHostCannotDropOrMoveAHandleWhileItIsLent() throws {
        let log = Log()
        let it = try instantiate(log)
        let handle = try it.make(6)
        log.onCallback = {
            log.record { try it.api.dropResource(handle) }
            log.record { _ = try it.apiFunction("consume").call([.own(handle)]) }
            log.record {
                guard try it.apiFunction("[method]counter.get").call([.borrow(handle)]) == [.u32(6)] else {
                    throw ComponentTrap(.host, "wrong value")
                }
            }
        }
        _ = try it.userFunction("visit").call([.borrow(handle)])
        let lent = CanonicalTrap.handleLent.description
        #expect(log.outcomes == [lent, lent, "ok"])
        #expect(try it.lastDropped() == [.s32(-1)])
        // The call returned: the host may give the handle up now.
        #expect(try it.apiFunction("consume").call([.own(handle)]) == [.u32(6)])
        #expect(try it.lastDropped() == [.s32(6)])
    }

    @Test func anOwnedHandleTheHostGaveUpCannotBeUsedAgain() throws {
        let it = try instantiate(Log())
        let consume = try it.apiFunction("consume")
        let moved = try it.make(7)
        #expect(try consume.call([.own(moved)]) == [.u32(7)])
        expectTrap(.hostHandleMoved) { _ = try consume.call([.own(moved)]) }
        expectTrap(.hostHandleMoved) { try it.api.dropResource(moved) }
        expectTrap(.hostHandleMoved) {
            _ = try it.apiFunction("[method]counter.get").call([.borrow(moved)])
        }
        #expect(try it.lastDropped() == [.s32(7)])

        let dropped = try it.make(9)
        try it.api.dropResource(dropped)
        #expect(try it.lastDropped() == [.s32(9)])
        expectTrap(.hostHandleDropped) { try it.api.dropResource(dropped) }
        expectTrap(.hostHandleDropped) { _ = try consume.call([.own(dropped)]) }
        #expect(try it.lastDropped() == [.s32(9)])
    }

    @Test func aHandleNoComponentGaveTheHostIsRefused() throws {
        let it = try instantiate(Log())
        let real = try it.make(2)
        let forged = ResourceHandle(typeID: real.typeID, representation: 2)
        #expect(forged == real)
        expectTrap(.hostHandleNotIssued) { _ = try it.apiFunction("consume").call([.own(forged)]) }
        expectTrap(.hostHandleNotIssued) {
            _ = try it.apiFunction("[method]counter.get").call([.borrow(forged)])
        }
        expectTrap(.hostHandleNotIssued) { try it.api.dropResource(forged) }
        #expect(try it.lastDropped() == [.s32(-1)])
    }

    @Test func aFailedLoweringGivesTheHostItsHandleBack() throws {
        let it = try instantiate(Log())
        let handle = try it.make(3)
        let discard = try it.userFunction("discard")
        // The handle is lowered first, then the second argument does not match: nothing ran.
        let error = #expect(throws: ComponentTrap.self) { try discard.call([.own(handle), .string("x")]) }
        #expect(error?.kind == .typeMismatch)
        #expect(handle.isHeld)
        _ = try discard.call([.own(handle), .u32(0)])
        #expect(try it.lastDropped() == [.s32(3)])
        #expect(!handle.isHeld)
    }
}
