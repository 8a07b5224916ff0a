/// A value on the validator's operand stack, with where the lowered code keeps it.
struct StackEntry {
    /// `nil` for the unknown type of the polymorphic stack after `unreachable`, `br`, ...
    var type: ValueType?
    /// The frame slot this stack position owns (v128 owns two).
    var slot: Int
    /// Where the value is now: `slot`, or a local's slot while a `local.get` is not yet copied.
    var location: Int

    var slotCount: Int { type == .v128 ? 2 : 1 }
}

/// A block, loop, if/else or the function body, as the validator tracks it.
struct ControlFrame {
    enum Kind { case block, loop, `if`, `else`, tryTable, function }

    var kind: Kind
    var parameters: [ValueType]
    var results: [ValueType]
    /// Operand stack height below the frame's parameters.
    var height: Int
    /// The slot of the frame's first parameter and of its first result.
    var slotBase: Int
    var isUnreachable = false
    /// Whether the code before the frame could never run (then the frame's code cannot either).
    var startsDead = false
    /// Branches to this frame's end: (offset word, head word) to patch.
    var fixups: [(offsetWord: Int, headWord: Int)] = []
    /// A loop's first instruction (its branch target).
    var loopStart = 0
    /// An `if`'s conditional jump to its else-arm or end.
    var elseFixup: (offsetWord: Int, headWord: Int)?
    /// A `try_table`'s entry in the function's `handlers`, or -1 (none, or its code is dead).
    var handlerIndex = -1
    /// How many non-defaultable locals had been set when the frame began (`FunctionValidator.setLocals`).
    var setLocalsHeight = 0

    init(kind: Kind, parameters: [ValueType], results: [ValueType], height: Int, slotBase: Int, startsDead: Bool) {
        self.kind = kind
        self.parameters = parameters
        self.results = results
        self.height = height
        self.slotBase = slotBase
        self.startsDead = startsDead
    }

    /// The types a branch to this frame carries.
    var labelTypes: [ValueType] { kind == .loop ? parameters : results }
}

/// Validates one function body and lowers it to internal code in the same pass.
///
/// The typing follows the spec's validation algorithm (operand stack with a polymorphic bottom,
/// control frames); every instruction's operands are given frame slots as it is typed, so the
/// lowered code needs no stack pointer: slot = locals + operand height.
struct FunctionValidator {
    let module: ModuleContext
    private(set) var functionIndex: UInt32
    private(set) var type: FunctionType
    var body: BodyReader
    var emitter = CodeEmitter()

    var localTypes: [ValueType] = []
    var localSlots: [Int] = []
    /// Slots used by parameters and locals.
    var localSlotCount = 0
    var stack: [StackEntry] = []
    var frames: [ControlFrame] = []
    /// The highest slot used plus one.
    var maxSlot = 0
    /// How many stack entries currently live in a local's slot (`local.get` not yet copied).
    var deferredCount = 0
    /// Per local slot: the stack indices of the entries that still live in it, ascending. Kept so
    /// that `local.set` finds the reads it must copy without scanning the whole operand stack (a
    /// scan per instruction would make lowering quadratic in the stack height).
    var deferredReads: [[Int]] = []
    /// The function's `try_table`s whose code was emitted, in the order they were entered.
    var handlers: [ExceptionHandler] = []
    /// Per local: whether `local.get` may read it. Parameters and locals with a default value always
    /// may; a non-null reference local only once a `local.set` or `local.tee` earlier in an enclosing
    /// block has set it (the spec's initialisation rule, typed function references).
    var isLocalSet: [Bool] = []
    /// The non-defaultable locals set so far, in order; a frame's `end` (and `else`) forgets those set
    /// inside it. Empty unless the function has such locals.
    var setLocals: [Int] = []

    /// Whether the body is lowered as well as validated; without lowering the whole body is walked as
    /// code that can never run, which type-checks every instruction exactly as live code but emits nothing.
    let lowers: Bool

    init(
        module: ModuleContext, functionIndex: UInt32, type: FunctionType, body: FunctionBody, features: Features,
        lowers: Bool = true
    ) throws(ModuleError) {
        self.lowers = lowers
        self.module = module
        self.functionIndex = functionIndex
        self.type = type
        self.body = BodyReader(bytes: module.bytes, range: body.code, features: features)
        self.body.typeCount = module.types.count
        try declareLocals(of: body)
    }

    /// Starts on another body of the same module, keeping the buffers (operand stack, frames, locals)
    /// of the one before: validating many bodies in a row, as `BodyValidation` does, then allocates
    /// once per thread rather than once per body, and copies the module context (a dozen arrays to
    /// retain and release) only once. The validator is as `init` would make it for that body.
    mutating func reset(functionIndex: UInt32, type: FunctionType, body: FunctionBody) throws(ModuleError) {
        self.functionIndex = functionIndex
        self.type = type
        let features = self.body.features
        self.body = BodyReader(bytes: module.bytes, range: body.code, features: features)
        self.body.typeCount = module.types.count
        emitter = CodeEmitter()
        localTypes.removeAll(keepingCapacity: true)
        localSlots.removeAll(keepingCapacity: true)
        localSlotCount = 0
        stack.removeAll(keepingCapacity: true)
        frames.removeAll(keepingCapacity: true)
        maxSlot = 0
        deferredCount = 0
        deferredReads.removeAll(keepingCapacity: true)
        handlers.removeAll(keepingCapacity: true)
        isLocalSet.removeAll(keepingCapacity: true)
        setLocals.removeAll(keepingCapacity: true)
        try declareLocals(of: body)
    }

    /// Declares the parameters and `body`'s locals and gives them slots.
    private mutating func declareLocals(of body: FunctionBody) throws(ModuleError) {
        let features = self.body.features
        localTypes.reserveCapacity(type.parameters.count + Int(body.localCount))
        localTypes.append(contentsOf: type.parameters)
        var allDefaultable = true
        for run in body.locals {
            try BodyReader.checkValueType(
                run.type, at: body.code.lowerBound, features: features, typeCount: module.types.count)
            localTypes.append(contentsOf: repeatElement(run.type, count: Int(run.count)))
            if !run.type.isDefaultable { allDefaultable = false }
        }
        if !allDefaultable {
            isLocalSet = localTypes.indices.map { $0 < type.parameters.count || localTypes[$0].isDefaultable }
        }
        localSlots.reserveCapacity(localTypes.count)
        for type in localTypes {
            localSlots.append(localSlotCount)
            localSlotCount += type.slotCount
        }
        maxSlot = localSlotCount
        // Only lowering defers `local.get`s; validating alone pushes every value in its own slot.
        if lowers { deferredReads = Array(repeating: [], count: localSlotCount) }
    }

    var parameterSlotCount: Int { type.parameters.reduce(0) { $0 + $1.slotCount } }

    // MARK: Errors

    func fail(_ reason: ValidationError.Reason, at offset: Int) -> ModuleError {
        .invalid(ValidationError(reason, at: offset, function: functionIndex))
    }

    // MARK: Operand stack

    var nextSlot: Int { stack.last.map { $0.slot + $0.slotCount } ?? localSlotCount }

    var isUnreachable: Bool { frames[frames.count - 1].isUnreachable }

    @discardableResult
    mutating func push(_ type: ValueType?) -> Int {
        let slot = nextSlot
        stack.append(StackEntry(type: type, slot: slot, location: slot))
        let top = slot + (type == .v128 ? 2 : 1)
        if top > maxSlot { maxSlot = top }
        return slot
    }

    /// Pushes a value that currently lives in `location` (a local's slot), without emitting code.
    mutating func pushDeferred(_ type: ValueType, location: Int) {
        push(type)
        guard lowers else { return }  // no code to defer: the value is taken as in its own slot
        stack[stack.count - 1].location = location
        deferredCount += 1
        deferredReads[location].append(stack.count - 1)
    }

    mutating func popAny(at offset: Int) throws(ModuleError) -> StackEntry {
        // The frame's fields are read in place: a copy of the frame retains and releases its arrays
        // on every pop.
        let top = frames.count - 1
        if stack.count == frames[top].height {
            if frames[top].isUnreachable { return StackEntry(type: nil, slot: nextSlot, location: nextSlot) }
            throw fail(.typeMismatch("expected a value, found none"), at: offset)
        }
        let entry = stack.removeLast()
        if entry.location != entry.slot {
            // The top entry has the highest index of all, so it is the last of its local's reads.
            deferredCount -= 1
            deferredReads[entry.location].removeLast()
        }
        return entry
    }

    @discardableResult
    mutating func pop(_ expected: ValueType, at offset: Int) throws(ModuleError) -> StackEntry {
        let entry = try popAny(at: offset)
        if let actual = entry.type, !module.relations.isSubtype(actual, of: expected) {
            throw fail(.typeMismatch("expected \(expected), found \(actual)"), at: offset)
        }
        return entry
    }

    /// Pops `types` (given bottom to top) and returns the entries bottom to top.
    mutating func pop(_ types: [ValueType], at offset: Int) throws(ModuleError) -> [StackEntry] {
        var entries = [StackEntry](repeating: StackEntry(type: nil, slot: 0, location: 0), count: types.count)
        for index in types.indices.reversed() { entries[index] = try pop(types[index], at: offset) }
        return entries
    }

    /// Pops `types` (given bottom to top) as `pop(types)` does, without collecting the entries: most
    /// callers drop them, and the array was an allocation per block, call and branch.
    mutating func popAll(_ types: [ValueType], at offset: Int) throws(ModuleError) {
        for index in types.indices.reversed() { try pop(types[index], at: offset) }
    }

    /// Checks that the top of the stack matches `types` without popping (for `br`, `br_table`,
    /// `return`), with the errors `pop(types)` would throw.
    ///
    /// It reads the stack in place: copying it to pop and restore would cost the whole stack's
    /// height for every `br_table` target. It is `mutating` though it changes nothing: called as a
    /// non-mutating method from the visitors (with an argument read from `self`), it was given a copy
    /// of the whole validator each time (copying and destroying validators was about 3% of the
    /// samples validating a codec, with the other places that still do it).
    mutating func checkTop(_ types: [ValueType], at offset: Int) throws(ModuleError) {
        let frame = frames.count - 1
        var position = stack.count
        for expected in types.reversed() {
            if position == frames[frame].height {
                // The rest comes from the polymorphic bottom of unreachable code, or is missing.
                if frames[frame].isUnreachable { return }
                throw fail(.typeMismatch("expected a value, found none"), at: offset)
            }
            position -= 1
            if let actual = stack[position].type, !module.relations.isSubtype(actual, of: expected) {
                throw fail(.typeMismatch("expected \(expected), found \(actual)"), at: offset)
            }
        }
    }

    mutating func markUnreachable() {
        let height = frames[frames.count - 1].height
        // From the top down, so each entry removed is the last of its local's reads.
        for index in stride(from: stack.count - 1, through: height, by: -1)
        where stack[index].location != stack[index].slot {
            deferredCount -= 1
            deferredReads[stack[index].location].removeLast()
        }
        stack.removeSubrange(height...)
        frames[frames.count - 1].isUnreachable = true
        emitter.discardCount()
        emitter.isDead = true
    }

    // MARK: Lowering helpers

    /// Copies every deferred `local.get` into its own slot (before control flow and before a local
    /// they read from is overwritten).
    ///
    /// The scan runs down from the top and stops at the last deferred entry. Every entry above that
    /// one was pushed after it, and so after the previous call, which left nothing deferred: the
    /// scans cost no more than the pushes, however high the stack is.
    mutating func materializeAll() {
        guard deferredCount > 0 else { return }
        var found: [Int] = []
        var index = stack.count - 1
        while found.count < deferredCount {
            if stack[index].location != stack[index].slot { found.append(index) }
            index -= 1
        }
        // In stack order, as the copies were always emitted.
        for index in found.reversed() {
            deferredReads[stack[index].location].removeAll(keepingCapacity: true)
            materialize(at: index)
        }
    }

    /// Copies deferred reads of local slot `localSlot` into their own slots.
    mutating func materializeReads(of localSlot: Int) {
        guard deferredCount > 0, !deferredReads[localSlot].isEmpty else { return }
        for index in deferredReads[localSlot] { materialize(at: index) }
        deferredReads[localSlot].removeAll(keepingCapacity: true)
    }

    /// Copies the entry at `index` out of the local it reads; the caller updates `deferredReads`.
    private mutating func materialize(at index: Int) {
        let entry = stack[index]
        if !isUnreachable {
            emitter.emitCopy(of: entry.type, to: entry.slot, from: entry.location)
        }
        stack[index].location = entry.slot
        deferredCount -= 1
    }

    /// Emits copies so that `entries` (bottom to top) end up in consecutive slots from `base`.
    mutating func emitMoves(_ entries: [StackEntry], to base: Int) {
        // A single value computed by the instruction just emitted is written to its target directly.
        // (Only the branch's path runs after this point, so the value's own slot is not needed.)
        if entries.count == 1, entries[0].location != base, entries[0].location == entries[0].slot,
            emitter.retargetLastDestination(from: entries[0].slot, to: base)
        {
            return
        }
        // Values in consecutive slots (a branch's values once materialised) move as one span, so a
        // branch costs a few words however many values it carries: copying value by value made
        // code size the product of the branch count and the arity (10 MB of code from 43 KB of
        // `br_if`s carrying 1,000 values each).
        if let source = entries.first?.location, source != base, entries.count > 2 {
            var slots = 0
            var isSpan = true
            for entry in entries {
                if entry.location != source + slots { isSpan = false }
                slots += entry.slotCount
            }
            if isSpan {
                emitter.emitPure(.copySpan, base, source, slots)
                return
            }
        }
        var target = base
        for entry in entries {
            if entry.location != target {
                emitter.emitCopy(of: entry.type, to: target, from: entry.location)
            }
            target += entry.slotCount
        }
    }

    /// Whether a branch carrying `entries` needs copies to move them into the label's slots at `base`.
    static func needsMoves(_ entries: ArraySlice<StackEntry>, to base: Int) -> Bool {
        var target = base
        for entry in entries {
            if entry.location != target { return true }
            target += entry.slotCount
        }
        return false
    }
}
