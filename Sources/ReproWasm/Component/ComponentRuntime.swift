// The run-time objects of instantiated components: the state of one component instance (its handle
// table and the may-leave flag of the canonical ABI), items in component index spaces, and component
// functions (lifted from core functions, or defined by the host).

/// One component instance's run-time state (the spec's `ComponentInstance`).
final class ComponentInstanceState {
    unowned let store: Store
    /// False while `realloc` or a post-return function runs: calling out of the instance then traps.
    var mayLeave = true
    /// The handle table: index 0 is never used; freed slots are reused last-freed first.
    var handles: [HandleEntry?] = [nil]
    var freeHandles: [UInt32] = []

    /// The component instance this one was created inside (nil for the outermost).
    let parent: ComponentInstanceState?
    /// False while a call is inside this instance: entering it again (but for a call from a component
    /// it contains) traps.
    var mayEnter = true

    init(store: Store, parent: ComponentInstanceState?) {
        self.store = store
        self.parent = parent
    }

    /// This instance and the ones it is nested in.
    var selfAndAncestors: [ComponentInstanceState] {
        var chain: [ComponentInstanceState] = []
        var instance: ComponentInstanceState? = self
        while let current = instance {
            chain.append(current)
            instance = current.parent
        }
        return chain
    }

    /// The instances a call from `caller` (nil for the host) enters: this one and its ancestors,
    /// minus those the caller is already inside (CanonicalABI.md, `entering_set`).
    func enteringSet(from caller: ComponentInstanceState?) -> [ComponentInstanceState] {
        let inside = caller?.selfAndAncestors ?? []
        return selfAndAncestors.filter { candidate in !inside.contains { $0 === candidate } }
    }

    struct HandleEntry {
        var resource: RuntimeResourceType
        var representation: UInt32
        var own: Bool
        var lends = 0
        /// For a borrowed handle: the call it was lent to, which must drop it before returning.
        var scope: CallScope?
    }

    func add(_ entry: HandleEntry) throws(ComponentTrap) -> UInt32 {
        if let index = freeHandles.popLast() {
            handles[Int(index)] = entry
            return index
        }
        guard handles.count < 1 << 28 else { throw .abi(.handleTableFull) }
        handles.append(entry)
        return UInt32(handles.count - 1)
    }

    func get(_ index: UInt32, _ resource: RuntimeResourceType?) throws(ComponentTrap) -> HandleEntry {
        guard Int(index) < handles.count, let entry = handles[Int(index)] else {
            throw .abi(.unknownHandle(index))
        }
        if let resource, entry.resource !== resource {
            throw .abi(.wrongHandleType(index))
        }
        return entry
    }

    func remove(_ index: UInt32, _ resource: RuntimeResourceType?) throws(ComponentTrap) -> HandleEntry {
        let entry = try get(index, resource)
        handles[Int(index)] = nil
        freeHandles.append(index)
        return entry
    }

    /// `lift_own`: takes the owned handle out of the table. A handle lifted for the host is tracked
    /// as the host's (`HostHandle`).
    func liftOwn(_ index: UInt32, _ resource: RuntimeResourceType, scope: CallScope?) throws(ComponentTrap)
        -> ResourceHandle
    {
        let entry = try get(index, resource)
        guard entry.lends == 0 else { throw .abi(.handleLent) }
        guard entry.own else { throw .abi(.notOwned(index)) }
        _ = try remove(index, resource)
        guard let scope, scope.peerIsHost else {
            return ResourceHandle(typeID: resource.id, representation: entry.representation)
        }
        return ResourceHandle(typeID: resource.id, representation: entry.representation, tracking: HostHandle(.owned))
    }

    /// `lift_borrow`: the representation behind a handle, which stays in the table, lent to the call
    /// until it returns. A borrow lifted for the host expires when the host function returns.
    func liftBorrow(_ index: UInt32, _ resource: RuntimeResourceType, lenders: CallScope?) throws(ComponentTrap)
        -> ResourceHandle
    {
        let entry = try get(index, resource)
        guard let lenders else { return ResourceHandle(typeID: resource.id, representation: entry.representation) }
        handles[Int(index)]!.lends += 1
        lenders.lenders.append((self, index))
        guard lenders.peerIsHost else {
            return ResourceHandle(typeID: resource.id, representation: entry.representation)
        }
        let tracking = HostHandle(.borrowed)
        lenders.hostBorrows.append(tracking)
        return ResourceHandle(typeID: resource.id, representation: entry.representation, tracking: tracking)
    }

    /// `lower_own`: a new owned handle in this instance's table. From the host, the host gives the
    /// handle up (it must hold it, own it and not have it lent).
    func lowerOwn(_ handle: ResourceHandle, _ resource: RuntimeResourceType, scope: CallScope?) throws(ComponentTrap)
        -> UInt32
    {
        guard handle.typeID == resource.id else {
            throw ComponentTrap(.typeMismatch, "handle of another resource type")
        }
        if let scope, scope.peerIsHost { try scope.takeOwn(handle, resource) }
        return try add(HandleEntry(resource: resource, representation: handle.rawRepresentation, own: true))
    }

    /// `lower_borrow`: the representation itself when this instance defined the resource, else a new
    /// borrowed handle. From the host, the host must hold the handle; an owned one is lent to the call.
    func lowerBorrow(_ handle: ResourceHandle, _ resource: RuntimeResourceType, scope: CallScope?) throws(ComponentTrap)
        -> UInt32
    {
        guard handle.typeID == resource.id else {
            throw ComponentTrap(.typeMismatch, "handle of another resource type")
        }
        if let scope, scope.peerIsHost { try scope.lendFromHost(handle, resource) }
        if resource.owner === self { return handle.rawRepresentation }
        scope?.borrows += 1
        return try add(
            HandleEntry(resource: resource, representation: handle.rawRepresentation, own: false, scope: scope))
    }

    /// `canon resource.drop`: removes the handle; dropping an owned one runs the destructor.
    func drop(_ index: UInt32, _ resource: RuntimeResourceType) throws(ComponentTrap) {
        guard mayLeave else { throw .abi(.cannotLeave) }
        let entry = try get(index, resource)
        // A drop that traps changes nothing: the lend check comes before the borrow count moves.
        if entry.lends != 0 { throw .abi(.handleLent) }
        if !entry.own { entry.scope?.borrows -= 1 }
        _ = try remove(index, resource)
        guard entry.own else { return }
        try resource.runDestructor(entry.representation, in: store, from: self)
    }
}

extension RuntimeResourceType {
    /// Runs the destructor of a handle of this type with representation `representation`, dropped by
    /// `caller` (nil for the host).
    ///
    /// A wasm destructor runs in the instance that defined the resource, and entering it follows the
    /// rules of a call (CanonicalABI.md, `canon resource.drop` of another instance's resource): while
    /// that instance (or one it is nested in, unless the caller is inside it too) is on the stack, the
    /// drop traps with "cannot enter component instance", and during the destructor no call may
    /// enter it. A drop by the defining instance itself calls the destructor directly.
    func runDestructor(_ representation: UInt32, in store: Store, from caller: ComponentInstanceState?)
        throws(ComponentTrap)
    {
        if let destructor {
            let entering = owner?.enteringSet(from: caller) ?? []
            guard entering.allSatisfy(\.mayEnter) else { throw .abi(.cannotEnter) }
            for instance in entering { instance.mayEnter = false }
            defer { for instance in entering { instance.mayEnter = true } }
            do { try Function(store: store, handle: destructor).call([.i32(representation)]) } catch {
                throw ComponentTrap.from(error)
            }
        } else if let hostDestructor {
            do { try hostDestructor(representation) } catch { throw ComponentTrap.from(error) }
        }
    }
}

/// One call across a component boundary: the owned handles its caller lent as borrows (released when
/// it returns), and how many borrowed handles the callee still holds (none may remain at its end).
/// When the host is the other side, also the host's handles the call involves.
final class CallScope {
    var lenders: [(ComponentInstanceState, UInt32)] = []
    var borrows = 0
    /// Whether the values this scope lifts go to the host, and the values it lowers come from it.
    var peerIsHost = false
    /// Borrows lifted for a host function: they expire when it returns.
    var hostBorrows: [HostHandle] = []
    /// The host's owned handles lent to the call as borrows: the host's again when it returns.
    var hostLenders: [HostHandle] = []
    /// The host's owned handles this call's lowering took, until the lowering succeeds.
    var hostMoves: [HostHandle] = []
    /// How the strings lifted in this call were encoded, in the order they were lifted.
    var liftedOrigins: [StringOrigin] = []
    /// How the strings this call lowers were encoded where they came from, in the order they are
    /// lowered (the order they were lifted in); none for values from the host.
    var originsToLower: [StringOrigin] = []
    var nextOriginIndex = 0

    init(originsToLower: [StringOrigin] = [], peerIsHost: Bool = false) {
        self.originsToLower = originsToLower
        self.peerIsHost = peerIsHost
    }

    func nextOrigin() -> StringOrigin? {
        guard nextOriginIndex < originsToLower.count else { return nil }
        defer { nextOriginIndex += 1 }
        return originsToLower[nextOriginIndex]
    }

    /// The host passes `handle` as `own`: `lift_own` on the host's side. A handle the host made is
    /// accepted only for a resource type the host defines.
    func takeOwn(_ handle: ResourceHandle, _ resource: RuntimeResourceType) throws(ComponentTrap) {
        guard let tracking = handle.tracking else {
            guard !resource.isDefinedByComponent else { throw .abi(.hostHandleNotIssued) }
            return
        }
        try tracking.release(as: .moved)
        hostMoves.append(tracking)
    }

    /// The host passes `handle` as `borrow`: `lift_borrow` on the host's side, which lends an owned
    /// handle until the call returns.
    func lendFromHost(_ handle: ResourceHandle, _ resource: RuntimeResourceType) throws(ComponentTrap) {
        guard let tracking = handle.tracking else {
            guard !resource.isDefinedByComponent else { throw .abi(.hostHandleNotIssued) }
            return
        }
        try tracking.checkHeld()
        guard tracking.state == .owned else { return }
        tracking.lends += 1
        hostLenders.append(tracking)
    }

    /// Gives the host back the owned handles a lowering took before it failed.
    func undoHostMoves() {
        for tracking in hostMoves where tracking.state == .moved { tracking.state = .owned }
        hostMoves = []
    }

    /// Ends the lends of the caller's owned handles (the host's too) and expires the borrows lent to
    /// a host function.
    func release() {
        for (instance, index) in lenders where Int(index) < instance.handles.count {
            instance.handles[Int(index)]?.lends -= 1
        }
        lenders = []
        for tracking in hostLenders { tracking.lends -= 1 }
        hostLenders = []
        for tracking in hostBorrows { tracking.state = .expired }
        hostBorrows = []
    }
}

/// The encoding and (tagged) code units a string was lifted with: what the spec's transcoding into
/// another component starts from.
struct StringOrigin {
    var encoding: StringEncoding
    var taggedCodeUnits: UInt32
}

/// A type in a component's type index space, at run time.
indirect enum RuntimeType {
    case value(CanonicalType)
    case function(CanonicalFunctionType)
    case resource(RuntimeResourceType)
    /// An instance type: the types of its exports.
    case instance([String: RuntimeType])
    /// A component or core type: nothing the canonical ABI needs.
    case other
}

/// An item of a component index space.
enum RuntimeItem {
    case function(ComponentFunction)
    case instance(RuntimeInstance)
    case component(ComponentClosure)
    case module(Module)
    case type(RuntimeType)
}

/// A component instance's exports, in order.
final class RuntimeInstance {
    var names: [String] = []
    var items: [String: RuntimeItem] = [:]

    func add(_ name: String, _ item: RuntimeItem) {
        if items.updateValue(item, forKey: name) == nil { names.append(name) }
    }
}

/// A component definition with the scope it was defined in (for its outer aliases).
struct ComponentClosure {
    var parsed: ParsedComponent
    var scope: RuntimeScope?
}

/// A function of a component: lifted from a core function, or defined by the host.
///
/// Get one from `ComponentInstance.function(named:)` and call it with component values:
///
///     let add = instance.function(named: "add")!
///     let sum = try add.call([.u32(2), .u32(3)])   // [.u32(5)]
public final class ComponentFunction {
    enum Body {
        case lifted(
            core: UnsafeMutablePointer<FunctionInstance>, options: CanonicalOptionsTemplate,
            postReturn: UnsafeMutablePointer<FunctionInstance>?)
        case host(([ComponentValue]) throws -> [ComponentValue])
    }

    let type: CanonicalFunctionType
    let body: Body
    /// The store, for the copies handed to the embedder (the store's own functions refer to
    /// component functions, so those must not keep it alive).
    let retainedStore: Store?
    weak var weakStore: Store?

    init(type: CanonicalFunctionType, body: Body, store: Store, retaining: Bool = false) {
        self.type = type
        self.body = body
        retainedStore = retaining ? store : nil
        weakStore = store
    }

    /// A copy that keeps the store alive, for the embedder.
    func retained() -> ComponentFunction {
        guard let store = weakStore, retainedStore == nil else { return self }
        return ComponentFunction(type: type, body: body, store: store, retaining: true)
    }

    /// The parameter names, in order.
    public var parameterNames: [String] { type.parameters.map(\.label) }

    /// Calls the function with `arguments` (one per parameter) and returns its result (none or one).
    ///
    /// Lowering the arguments and lifting the result is host work and counts no instructions; the
    /// wasm it runs (the function itself, `realloc`, the post-return function) counts as usual.
    /// - Throws: `ComponentTrap`: `.typeMismatch` when an argument does not have its parameter's type,
    ///   `.wasm` when wasm code trapped, `.canonicalABI` when the canonical ABI traps (an invalid
    ///   string or discriminant, an out-of-bounds pointer, ...), `.host` when a host function failed.
    public func call(_ arguments: [ComponentValue]) throws(ComponentTrap) -> [ComponentValue] {
        guard let store = retainedStore ?? weakStore else { throw ComponentTrap(.host, "the store no longer exists") }
        return try call(arguments, in: store, from: nil)
    }

    /// Calls the function in `store` from component instance `caller` (nil for the host).
    func call(
        _ arguments: [ComponentValue], in store: Store, from caller: ComponentInstanceState?,
        origins: [StringOrigin] = [], resultOrigins: CallScope? = nil
    ) throws(ComponentTrap) -> [ComponentValue] {
        switch body {
        case .host(let function):
            do { return try function(arguments) } catch { throw ComponentTrap.from(error) }
        case .lifted(let coreHandle, let options, let postReturnHandle):
            let core = Function(store: store, handle: coreHandle)
            var context = options.context(in: store)
            let entering = context.instance.enteringSet(from: caller)
            guard entering.allSatisfy(\.mayEnter) else { throw .abi(.cannotEnter) }
            for instance in entering { instance.mayEnter = false }
            defer { for instance in entering { instance.mayEnter = true } }
            let scope = CallScope(originsToLower: origins, peerIsHost: caller == nil)
            context.scope = scope
            context.peerIsHost = caller == nil
            defer { scope.release() }
            let flat: [Value]
            do {
                flat = try context.lowerFlatValues(arguments, types: type.parameterTypes, maxFlat: maxFlatParameters)
            } catch {
                scope.undoHostMoves()
                throw error
            }
            scope.hostMoves = []
            let results: [Value]
            do { results = try core.call(flat) } catch { throw ComponentTrap.from(error) }
            guard scope.borrows == 0 else { throw .abi(.borrowsRemain) }
            let lifted = try context.liftFlatValues(results, types: type.resultTypes, maxFlat: maxFlatResults)
            resultOrigins?.originsToLower = scope.liftedOrigins
            if let postReturnHandle {
                context.instance.mayLeave = false
                defer { context.instance.mayLeave = true }
                do { try Function(store: store, handle: postReturnHandle).call(results) } catch {
                    throw ComponentTrap.from(error)
                }
            }
            return lifted
        }
    }
}
