/// A `try_table` of a lowered function: the code its body covers and where each catch clause lands.
///
/// The interpreter reads these only while an exception unwinds (`StoreRuntime.unwind`), so code that
/// does not throw pays nothing for them: entering a `try_table` is one counted jump over its landing
/// pads, and leaving it is ordinary control flow.
struct ExceptionHandler: Sendable {
    /// What a catch clause catches and whether it also passes the exception on as an `exnref`.
    enum Kind: UInt8, Sendable {
        case `catch` = 0
        case catchRef = 1
        case catchAll = 2
        case catchAllRef = 3

        /// Whether the clause matches any tag.
        var catchesAll: Bool { self == .catchAll || self == .catchAllRef }
        /// Whether the clause passes the exception itself after the payload.
        var passesReference: Bool { self == .catchRef || self == .catchAllRef }
    }

    /// One catch clause, lowered.
    struct Clause: Sendable {
        let kind: Kind
        /// The tag index in the module (unused for `catch_all` and `catch_all_ref`).
        let tag: UInt32
        /// The code position of the landing pad: the moves and the uncounted jump of a branch to the
        /// clause's label, reading the payload from `payloadSlot`.
        let landingPad: Int
    }

    /// The code positions of the try body, `start ..< end` (words, relative to the function's code).
    let start: Int
    var end: Int
    /// The frame slot where the unwinder writes the payload values (then the `exnref`, if passed).
    let payloadSlot: Int
    let clauses: [Clause]

    /// Whether an instruction at code position `position` is inside the try body.
    func covers(_ position: Int) -> Bool { position >= start && position < end }
}

extension FunctionValidator {
    /// `try_table bt catch* instr* end` (docs/DETERMINISM.md §3: +1 on entry).
    ///
    /// Lowered as a counted jump over one landing pad per clause, then the body. A pad is a branch to
    /// the clause's label with count 0 (a catch is a branch, so no `end` on the way counts), whose
    /// values the unwinder has written to the slots where the try_table's own operands began.
    mutating func visitTryTable(at offset: Int) throws(ModuleError) {
        let blockType = try readBlockType(at: offset)
        let count = try body.u32()
        guard count <= body.reader.remaining else {
            throw .malformed(DecodeError(.unexpectedEndOfSectionOrFunction, at: offset))
        }
        var clauses: [(kind: ExceptionHandler.Kind, tag: UInt32, target: Int, types: [ValueType])] = []
        for _ in 0..<count {
            let kindOffset = body.offset
            let rawKind = try body.byte()
            guard let kind = ExceptionHandler.Kind(rawValue: rawKind) else {
                throw .malformed(DecodeError(.malformedCatchClause(rawKind), at: kindOffset))
            }
            var tag: UInt32 = 0
            var types: [ValueType] = []
            if !kind.catchesAll {
                tag = try body.u32()
                guard tag < module.tags.count else { throw fail(.unknownTag(tag), at: offset) }
                types = module.tagParameters(tag)
            }
            // The caught exception is never null: `(ref exn)`, a subtype of `exnref`.
            if kind.passesReference { types.append(.ref(.exception)) }
            // Catch labels are resolved outside the try_table: depth 0 is the enclosing block.
            let target = try label(try body.u32(), at: offset)
            let labelTypes = frames[target].labelTypes
            guard module.relations.isSubtype(types, of: labelTypes) else {
                throw fail(
                    .typeMismatch("catch carries [\(list(types))], label expects [\(list(labelTypes))]"), at: offset)
            }
            clauses.append((kind, tag, target, types))
        }

        materializeAll()
        try popAll(blockType.parameters, at: offset)
        let height = stack.count
        let slotBase = nextSlot
        var handlerIndex = -1
        if !emitter.isDead {
            let entry = emitter.emitBranch(.br, emitter.takeCount(plus: 1))
            var lowered: [ExceptionHandler.Clause] = []
            for clause in clauses {
                let pad = emitter.label()
                // The payload sits where the try_table's operands began (dead once it unwinds).
                for type in clause.types { push(type) }
                emitBranch(to: clause.target, countIncrement: 0)
                stack.removeLast(clause.types.count)
                lowered.append(ExceptionHandler.Clause(kind: clause.kind, tag: clause.tag, landingPad: pad))
            }
            let bodyStart = emitter.label()
            emitter.patch(offsetWord: entry, headWord: entry - 1, to: bodyStart)
            handlerIndex = handlers.count
            handlers.append(ExceptionHandler(start: bodyStart, end: bodyStart, payloadSlot: slotBase, clauses: lowered))
        }
        var frame = ControlFrame(
            kind: .tryTable, parameters: blockType.parameters, results: blockType.results, height: height,
            slotBase: slotBase, startsDead: emitter.isDead)
        frame.setLocalsHeight = setLocals.count
        frame.handlerIndex = handlerIndex
        frames.append(frame)
        for parameter in blockType.parameters { push(parameter) }
    }

    /// `throw x` (docs/DETERMINISM.md §3: +1 before the exception is thrown).
    mutating func visitThrow(at offset: Int) throws(ModuleError) {
        let tag = try body.u32()
        guard tag < module.tags.count else { throw fail(.unknownTag(tag), at: offset) }
        materializeAll()
        let payload = try pop(module.tagParameters(tag), at: offset)
        let first = payload.first?.slot ?? nextSlot
        emitter.addCount(1)
        emitter.emitEffect(.throw, first, Int(tag & 0xFFFF), Int(tag >> 16))
        markUnreachable()
    }

    /// `throw_ref` (docs/DETERMINISM.md §3: +1 before the exception is thrown; a null reference traps).
    mutating func visitThrowRef(at offset: Int) throws(ModuleError) {
        let reference = try pop(.exnRef, at: offset)
        emitter.addCount(1)
        emitter.emitEffect(.throwRef, reference.location)
        markUnreachable()
    }

    private func list(_ types: [ValueType]) -> String { types.map(\.description).joined(separator: " ") }
}
