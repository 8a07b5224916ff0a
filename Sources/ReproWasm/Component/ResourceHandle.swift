// Resource handles as the host holds them, and the host's side of the canonical ABI's handle rules
// (CanonicalABI.md, `ResourceHandle`, `lift_own`, `lift_borrow`, `lower_own`, `lower_borrow`,
// `canon resource.drop`): a handle a component gives the host carries a `HostHandle` that records
// whether the host still holds it, so a moved, dropped or expired handle fails when used again
// instead of naming a representation that may be gone or reused.

/// A resource handle as the host sees it: the resource's type identity and its `i32` representation.
///
/// A handle a component gives the host is tracked, as the canonical ABI tracks handles in a
/// component's table:
/// - an `own` handle (a result of an export, or an argument of a host function) is the host's until
///   the host passes it to a component as `.own` or drops it (`ComponentInstance.dropResource`);
///   while the host lends it to a call as `.borrow`, neither is allowed;
/// - a `borrow` handle a host function receives is valid until that host function returns.
///
/// Using a handle after that (reading `representation`, passing it to a component, dropping it)
/// throws a `ComponentTrap` that says why. Handles the host makes itself (`HostResource.handle(_:)`,
/// `init(typeID:representation:)`) are not tracked; a component accepts them only for resource types
/// the host defines. Two handles are equal when they name the same type and representation.
///
///     guard case .own(let counter) = try make.call([.u32(7)]).first else { return }
///     _ = try get.call([.borrow(counter)])  // lent for the call, the host's again after it
///     _ = try consume.call([.own(counter)])  // moved: `counter` can no longer be used
public struct ResourceHandle: Hashable, Sendable {
    /// Identifies the resource type (unique among the resource types alive in the process).
    public let typeID: Int
    /// The representation, whether or not the handle is still usable.
    let rawRepresentation: UInt32
    /// The host's record of a handle a component gave it; nil for a handle the host made.
    let tracking: HostHandle?

    /// A handle of resource type `typeID` with representation `representation`.
    public init(typeID: Int, representation: UInt32) {
        self.typeID = typeID
        self.rawRepresentation = representation
        self.tracking = nil
    }

    init(typeID: Int, representation: UInt32, tracking: HostHandle) {
        self.typeID = typeID
        self.rawRepresentation = representation
        self.tracking = tracking
    }

    /// The representation the defining component gave it (`resource.new`'s argument).
    ///
    /// - Throws: `ComponentTrap` of kind `.canonicalABI` when the host no longer holds the handle: a
    ///   borrow after the call that lent it returned, an owned handle after it was passed on as `own`
    ///   or dropped.
    public var representation: UInt32 {
        get throws(ComponentTrap) {
            try tracking?.checkHeld()
            return rawRepresentation
        }
    }

    /// Whether the host still holds the handle (always true for a handle the host made).
    public var isHeld: Bool { tracking?.state.isHeld ?? true }

    /// Equal when both name the same resource type and representation.
    public static func == (lhs: ResourceHandle, rhs: ResourceHandle) -> Bool {
        lhs.typeID == rhs.typeID && lhs.rawRepresentation == rhs.rawRepresentation
    }

    /// Hashes the type and representation.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(typeID)
        hasher.combine(rawRepresentation)
    }
}

/// The host's entry for one handle a component gave it (the host's row of a handle table).
///
/// `@unchecked Sendable`: the state changes only inside calls into the store that issued the handle,
/// and a `Store` is used from one thread at a time; a `ResourceHandle` read on another thread while
/// that store runs a call races with the call, as any use of the store's objects would.
final class HostHandle: @unchecked Sendable {
    enum State {
        /// An owned handle the host holds.
        case owned
        /// A borrow lent to a running host function.
        case borrowed
        /// An owned handle passed to a component as `own`.
        case moved
        /// An owned handle the host dropped.
        case dropped
        /// A borrow whose host function returned.
        case expired

        var isHeld: Bool { self == .owned || self == .borrowed }
    }

    var state: State
    /// How many calls the host lent this (owned) handle to as a `borrow` that have not returned.
    var lends = 0

    init(_ state: State) { self.state = state }

    /// Throws unless the host still holds the handle.
    func checkHeld() throws(ComponentTrap) {
        switch state {
        case .owned, .borrowed: return
        case .moved: throw .abi(.hostHandleMoved)
        case .dropped: throw .abi(.hostHandleDropped)
        case .expired: throw .abi(.hostBorrowExpired)
        }
    }

    /// Gives up an owned handle (passing it as `own`, or dropping it): `lift_own`'s checks on the
    /// host's side. Changes nothing when it throws.
    func release(as end: State) throws(ComponentTrap) {
        try checkHeld()
        guard state == .owned else { throw .abi(.hostBorrowNotOwned) }
        guard lends == 0 else { throw .abi(.handleLent) }
        state = end
    }
}
