/// Typed function references: `call_ref`, `return_call_ref`, `ref.as_non_null`, `br_on_null`,
/// `br_on_non_null` (`Features.full`).
///
/// None of them needs an op of its own on the hot path: `call_ref` and `return_call_ref` are the
/// indirect call ops with `Op.callRefMarker` instead of a type index (the reference is the callee, the
/// type was checked here), and the two branches are an `i64.eqz` of the reference and a `br_if`, which
/// counts 1 taken or not, as the contract says for both (`docs/DETERMINISM.md` §3).
extension FunctionValidator {
    /// Reads the type index of `call_ref`/`return_call_ref` and pops the `(ref null $t)` callee.
    private mutating func popCallee(at offset: Int) throws(ModuleError) -> (reference: StackEntry, type: FunctionType) {
        let typeIndex = try body.u32()
        guard typeIndex < module.types.count else { throw fail(.unknownType(typeIndex), at: offset) }
        let reference = try pop(.ref(.concrete(typeIndex), nullable: true), at: offset)
        return (reference, module.types[Int(typeIndex)])
    }

    /// `call_ref $t`: counts 0 like `call`; a null reference traps with "null function reference".
    mutating func visitCallRef(at offset: Int) throws(ModuleError) {
        let (reference, callee) = try popCallee(at: offset)
        materializeAll()
        let base = nextSlotAfterPopping(callee.parameters)
        try popAll(callee.parameters, at: offset)
        // The reference is read before the callee's frame (which starts at `base`) is written.
        emitter.emitEffect(.callIndirect, base, reference.location, 0)
        emitter.emitImmediate(Op.callRefMarker)
        for result in callee.results { push(result) }
    }

    /// `return_call_ref $t`: counts 1 like `return`.
    mutating func visitReturnCallRef(at offset: Int) throws(ModuleError) {
        let (reference, callee) = try popCallee(at: offset)
        guard module.relations.isSubtype(callee.results, of: type.results) else {
            throw fail(.typeMismatch("tail call result types"), at: offset)
        }
        materializeAll()
        let base = nextSlotAfterPopping(callee.parameters)
        try popAll(callee.parameters, at: offset)
        if !emitter.isDead {
            emitter.emitPure(.returnCallIndirect, base, reference.location, 0)
            emitter.emitImmediate(Op.callRefMarker)
            emitter.emitImmediate(UInt64(emitter.takeCount(plus: 1)))
        }
        markUnreachable()
    }

    /// Pops a reference of any type (`nil` in unreachable code).
    private mutating func popReference(at offset: Int) throws(ModuleError) -> StackEntry {
        let value = try popAny(at: offset)
        if let type = value.type, !type.isReference { throw fail(.typeMismatch("expected a reference"), at: offset) }
        return value
    }

    /// Pushes `value` back as its non-null type, in the slot (or the local) it was in.
    private mutating func pushNonNull(_ value: StackEntry) {
        let type = value.type?.nonNullable
        if value.location != value.slot, let type {
            pushDeferred(type, location: value.location)
        } else {
            push(type)
        }
    }

    /// `ref.as_non_null`: counts 0; a null reference traps with "null reference".
    mutating func visitRefAsNonNull(at offset: Int) throws(ModuleError) {
        let value = try popReference(at: offset)
        emitter.emitEffect(.refAsNonNull, value.location)
        pushNonNull(value)
    }

    /// Emits `scratch = (reference == null)` and returns it as a condition for `emitConditionalBranch`.
    private mutating func nullTest(of reference: StackEntry) -> StackEntry {
        let scratch = max(nextSlot, reference.slot + 1)
        if scratch + 1 > maxSlot { maxSlot = scratch + 1 }
        emitter.emitPure(.i64Eqz, destination: scratch, reference.location)
        return StackEntry(type: .i32, slot: scratch, location: scratch)
    }

    /// `br_on_null l`: branches with the label's values when the reference is null (dropping it), else
    /// leaves it as non-null. Counts 1 whether taken or not.
    mutating func visitBrOnNull(at offset: Int) throws(ModuleError) {
        let target = try label(try body.u32(), at: offset)
        let reference = try popReference(at: offset)
        materializeAll()
        let types = frames[target].labelTypes
        try popAll(types, at: offset)
        for type in types { push(type) }
        if !emitter.isDead {
            // The reference's slot is the next one; the test goes above it.
            let condition = nullTest(of: StackEntry(type: reference.type, slot: nextSlot, location: reference.location))
            emitCountedBranch(to: target, on: condition, whenZero: false)
        }
        pushNonNull(reference)
    }

    /// `br_on_non_null l`: branches with the label's values, the non-null reference last, when it is not
    /// null; else drops it. Counts 1 whether taken or not.
    mutating func visitBrOnNonNull(at offset: Int) throws(ModuleError) {
        let target = try label(try body.u32(), at: offset)
        let reference = try popReference(at: offset)
        var types = frames[target].labelTypes
        guard let last = types.popLast(), last.isReference else {
            throw fail(.typeMismatch("br_on_non_null needs a label that takes a reference"), at: offset)
        }
        if let type = reference.type?.nonNullable, !module.relations.isSubtype(type, of: last) {
            throw fail(.typeMismatch("expected \(last), found \(type)"), at: offset)
        }
        materializeAll()
        try popAll(types, at: offset)
        for type in types { push(type) }
        // The reference is the last value the branch carries.
        pushNonNull(reference)
        if !emitter.isDead {
            let condition = nullTest(of: stack[stack.count - 1])
            emitCountedBranch(to: target, on: condition, whenZero: true)
        }
        _ = try popAny(at: offset)
    }
}
