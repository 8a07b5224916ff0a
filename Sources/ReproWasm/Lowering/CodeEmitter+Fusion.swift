// The peephole fuser: how the validator's instructions become fused ops (`Op`'s superinstructions).
// The validator calls only the entry points that are not private (`emitNumeric`, `fuseCopy`,
// `emitMemoryAccess`, `emitConditionalBranch`, `emitSelect`, `emitSIMD`), with the operands it popped
// (`StackEntry`: a value in its own stack slot, or a local not yet copied). A matcher looks at the
// instruction(s) just emitted (`lastOp`, `previous`) and, if they feed this one, removes or
// rewrites them into one op. Each fused op's row is in `Op+Info.swift`, its handler in
// Execution/ThreadedHandlers+*.swift. The one call into Execution is `handlerWord`: an `Op.simd`
// instruction carries its SIMD function's address.

extension CodeEmitter {
    /// Emits a numeric op with operands `lhs` and `rhs` (`rhs` unused for a unary op), fused with
    /// a constant just emitted (`…Imm`), a load just emitted (`…LoadThen…`) or the op that computed
    /// one operand (`…Then…`) when there is such an op.
    mutating func emitNumeric(_ op: Op, destination: Int, _ lhs: StackEntry, _ rhs: StackEntry) {
        if let immediateForm = op.immediateForm, let constant = takeConstant(rhs) {
            emitPure(immediateForm, destination: destination, lhs.location)
            emitImmediate(constant)
        } else if op.info.mayTrap {
            emitEffect(op, destination: destination, lhs.location, rhs.location)
        } else if fuseLoad(into: op, lhs, rhs, destination: destination)
            || sinkLoad(into: op, lhs, rhs)
                && fuseLoad(into: op, lhs, rhs, destination: destination)
        {
            // The load just emitted runs `op` too.
        } else if let (chain, b, c, word) = takeChain(into: op, lhs, rhs) {
            emitPure(chain, destination: destination, b, c)
            emitImmediate(word)
        } else {
            emitPure(op, destination: destination, lhs.location, rhs.location)
        }
    }

    /// Emits `select` (`select128` for a vector) of `first` and `second` by `condition` into
    /// `destination`, fused with the i32 or i64 comparison or `eqz` just emitted that computed the
    /// condition into a stack slot (`selectI32LtS`, `selectI64NeImm`, ...: `Op.selectForm`). The fused
    /// op names the comparison's left slot and its right slot (halves of one word) or its constant
    /// (the word after).
    mutating func emitSelect(
        isVector: Bool, destination: Int, _ first: StackEntry, _ second: StackEntry, condition: StackEntry
    ) {
        if !isVector, !isDead, condition.location == condition.slot, let compare = lastOp,
            a(lastHead) == condition.slot
        {
            let head = lastHead
            let isEqz = compare == .i32Eqz || compare == .i64Eqz
            let form = isEqz ? (compare == .i32Eqz ? Op.i32EqImm : Op.i64EqImm).selectForm : compare.selectForm
            if let fused = form {
                let constant: UInt64? = isEqz ? 0 : compare.hasImmediateOperand ? lastImmediate(1) : nil
                removeLast()
                emitPure(fused, destination: destination, first.location, second.location)
                if let constant {
                    emitImmediate(UInt64(b(head)))
                    emitImmediate(constant)
                } else {
                    emitImmediate(UInt64(b(head)) | UInt64(c(head)) << 32)
                }
                return
            }
        }
        emitPure(isVector ? .select128 : .select, destination: destination, first.location, second.location)
        emitImmediate(UInt64(condition.location))
    }

    /// Makes the `i32AddImm` just emitted, if it wrote `source`, also write `slot` (`i32.add` of a
    /// constant, `local.tee` to one local, `local.set` to another: one `i32AddImmAndCopy` writes
    /// both); returns whether it did.
    mutating func fuseCopy(from source: Int, to slot: Int) -> Bool {
        guard !isDead, lastOp == .i32AddImm, a(lastHead) == source else { return false }
        rewriteLast(.i32AddImmAndCopy, source, b(lastHead), slot)
        return true
    }

    /// Emits a scalar load (`isLoad`, into `destination`) or store of `value` at `address` for
    /// `opcode`, with the memarg `offset` on `memory`. On memory 0 an `i32.add` of a constant
    /// just before becomes part of the address (see `effectiveAddress`: the immediate word is the
    /// constant, then the offset), and a stored constant or a value loaded just before may fuse.
    mutating func emitMemoryAccess(
        _ opcode: Opcode, isLoad: Bool, destination: Int, address addressEntry: StackEntry, value: StackEntry,
        memory: UInt32,
        offset memoryOffset: UInt64
    ) {
        let accessBytes = opcode.info.accessBytes
        if memory == 0, let op = Op.lowering(of: opcode) {
            // An `i32.add` of a constant just before becomes part of the address (see
            // `effectiveAddress`): the immediate word is the constant, then the offset.
            // A stored constant is taken first: it was pushed after the address.
            if op == .f64Store, fuseUpdateInMemory(value: value, address: addressEntry, offset: memoryOffset) {
                return
            }
            // A value loaded just before with the same width is moved in one op, the store's own
            // address addition folded too.
            if !isLoad, let move = Op.move(width: Int(accessBytes)),
                let loaded = takeLoadToMove(value, accessBytes: Int(accessBytes))
            {
                var address = addressEntry.location
                var constant: UInt32 = 0
                if let folded = takeAddressAddition(addressEntry) {
                    (address, constant) = folded
                }
                emitMove(
                    move, store: address, load: loaded.slot, loadWord: loaded.word,
                    storeWord: UInt64(constant) | memoryOffset << 32, loadSource: loaded.source)
                return
            }
            let storedConstant =
                isLoad ? nil : takeSmallStoredConstant(value, accessBytes: Int(accessBytes))
            var address = addressEntry.location
            var constant: UInt32 = 0
            if let folded = takeAddressAddition(addressEntry) {
                (address, constant) = folded
            }
            if isLoad {
                emitEffect(op, destination: destination, address)
            } else if let (storeImmediate, value) = storedConstant {
                emitEffect(storeImmediate, address, value)
            } else {
                emitEffect(op, address, value.location)
            }
            emitImmediate(UInt64(constant) | memoryOffset << 32)
        } else {
            let a = isLoad ? destination : addressEntry.location
            let b = isLoad ? addressEntry.location : value.location
            emitEffect(.memoryAccess, a, b, Int(opcode.rawValue))
            emitImmediate(memoryOffset | UInt64(memory) << 32)
        }
    }

    /// If `entry` was produced by the instruction just emitted and that was a constant, removes it
    /// and returns the constant (so the consumer can take it as an immediate).
    private mutating func takeConstant(_ entry: StackEntry) -> UInt64? {
        guard entry.location == entry.slot, let op = lastOp, a(lastHead) == entry.slot else {
            return nil
        }
        let value: UInt64
        switch op {
        case .const32: value = lastHead >> 32
        case .const64: value = lastImmediate(1)
        default: return nil
        }
        removeLast()
        return value
    }

    /// If `condition` was produced by the instruction just emitted and that was an f32 or f64 `lt`,
    /// `gt`, `le` or `ge`, removes it and returns the compare-and-branch op that jumps when the comparison
    /// gives `jumpWhenHolds`, with its operands. If the comparison's right operand was a constant
    /// emitted just before it into a stack slot (dead once compared), that goes too and becomes
    /// the immediate.
    private mutating func takeFloatComparison(_ condition: StackEntry, jumpWhenHolds: Bool, localSlotCount: Int) -> (
        Op, Int, Int, UInt64?
    )? {
        guard condition.location == condition.slot, let compare = lastOp,
            a(lastHead) == condition.slot,
            Op.floatBranch(for: compare, whenHolds: jumpWhenHolds, immediate: false) != nil
        else { return nil }
        let head = lastHead
        removeLast()
        // An f32 constant is a `const32` (its bits in the head word's high half), an f64 one a `const64`.
        let isF32: Bool
        switch compare {
        case .f32Lt, .f32Gt, .f32Le, .f32Ge: isF32 = true
        default: isF32 = false
        }
        var immediate: UInt64?
        if c(head) >= localSlotCount, lastOp == (isF32 ? Op.const32 : Op.const64), a(lastHead) == c(head) {
            immediate = isF32 ? lastHead >> 32 : lastImmediate(1)
            removeLast()
        }
        let op = Op.floatBranch(for: compare, whenHolds: jumpWhenHolds, immediate: immediate != nil)!
        return (op, b(head), c(head), immediate)
    }

    /// If one operand of `second` was computed by the instruction just emitted and the two have a
    /// chained op (`Op.chain`), removes the first and returns the chained op with its operands `b`
    /// and `c` and its immediate word (the other operand's slot, or the first one's constant).
    private mutating func takeChain(into second: Op, _ lhs: StackEntry, _ rhs: StackEntry) -> (Op, Int, Int, UInt64)? {
        guard let first = lastOp, !first.isMemoryLoad else { return nil }
        let head = lastHead
        for (fed, other, isLeft) in [(lhs, rhs, true), (rhs, lhs, false)] {
            guard fed.location == fed.slot, a(head) == fed.slot,
                let chain = Op.chain(first: first, second: second, resultIsLeft: isLeft)
            else { continue }
            if first.hasImmediateOperand {
                // `…ImmThen…`: the other slot goes in `c`, the first operation's constant after.
                let constant = lastImmediate(1)
                removeLast()
                return (chain, b(head), other.location, constant)
            }
            if first.isChain {
                // A chain of three: the second operation's slot stays in the low half, the third's
                // goes in the high half.
                let word = lastImmediate(1)
                removeLast()
                return (chain, b(head), c(head), word | UInt64(other.location) << 32)
            }
            removeLast()
            return (chain, b(head), c(head), UInt64(other.location))
        }
        return nil
    }

    /// If one operand of `second` was loaded from memory 0 into a stack slot by the instruction just
    /// emitted (dead once consumed) and the two have a chained op (`f64LoadThenAdd`, ...), makes the
    /// load that op, writing to `destination`, and returns true. The load keeps its address word and
    /// its source offset, so a trap is reported at the load.
    private mutating func fuseLoad(into second: Op, _ lhs: StackEntry, _ rhs: StackEntry, destination: Int) -> Bool {
        guard !isDead, let first = lastOp, first.isMemoryLoad else { return false }
        let head = lastHead
        for (fed, other, isLeft) in [(lhs, rhs, true), (rhs, lhs, false)] {
            guard fed.location == fed.slot, a(head) == fed.slot,
                let chain = Op.chain(first: first, second: second, resultIsLeft: isLeft)
            else { continue }
            rewriteLast(chain, destination: destination, b(head), other.location)
            return true
        }
        return false
    }

    /// `x += y` or `x -= y` on an f64 in memory: if `value` is the result of the `f64LoadThenAdd`
    /// or `f64LoadThenSub` just emitted, which loaded from the same address slot, with no folded
    /// constant and the same `offset` as an `f64.store` of `value` at `address`, makes that op store
    /// its own result (`f64AddToMemory`, `f64SubFromMemory`) and returns true.
    private mutating func fuseUpdateInMemory(value: StackEntry, address: StackEntry, offset: UInt64) -> Bool {
        guard !isDead, value.location == value.slot, let last = lastOp,
            a(lastHead) == value.slot, b(lastHead) == address.location,
            lastImmediate(1) == offset << 32
        else { return false }
        let update: Op
        switch last {
        case .f64LoadThenAdd: update = .f64AddToMemory
        case .f64LoadThenSub: update = .f64SubFromMemory
        default: return false
        }
        let head = lastHead
        rewriteLast(update, a(head), b(head), c(head))
        return true
    }

    /// If one operand of `second` (an f64 operation) was loaded from memory 0 into a stack slot two
    /// instructions back, and the instruction in between is pure f64 arithmetic that computed the
    /// other operand, moves the load down past it, so that `fuseLoad` can fuse it with `second`
    /// (`v -= a * b` where `v` is in memory, loaded before `a * b` is computed). The arithmetic
    /// neither reads the loaded value (which only `second` consumes) nor writes the load's address
    /// slot, and cannot trap, so the load traps as before and nothing else sees the move.
    private mutating func sinkLoad(into second: Op, _ lhs: StackEntry, _ rhs: StackEntry) -> Bool {
        guard !isDead, second.isFloatArithmetic, let middle = lastOp, middle.isFloatArithmetic,
            let (load, loadHead) = previous, load.isMemoryLoad
        else { return false }
        let middleHead = lastHead
        for (fed, other) in [(lhs, rhs), (rhs, lhs)] {
            guard fed.location == fed.slot, other.location == other.slot, a(loadHead) == fed.slot,
                a(middleHead) == other.slot, a(middleHead) != b(loadHead),
                Op.chain(first: load, second: second, resultIsLeft: fed.slot == lhs.slot) != nil
            else { continue }
            swapLastTwo()
            return true
        }
        return false
    }

    /// If `value` was loaded from memory 0 into a stack slot by the instruction just emitted, reading
    /// as many bytes as a store of `accessBytes` writes (so storing it writes the bytes loaded, with
    /// any sign or zero extension cut off again), removes the load and returns its address slot,
    /// address word and source offset.
    private mutating func takeLoadToMove(_ value: StackEntry, accessBytes: Int) -> (
        slot: Int, word: UInt64, source: Int
    )? {
        guard !isDead, value.location == value.slot, let op = lastOp, op.loadWidth == accessBytes,
            a(lastHead) == value.slot, let source = lastSourceOffset
        else { return nil }
        let result = (slot: b(lastHead), word: lastImmediate(1), source: source)
        removeLast()
        return result
    }

    /// If `value` is a constant just emitted whose stored bits (the low `accessBytes` bytes) fit in
    /// 16 bits, removes it and returns the store-constant op for that width and the bits.
    private mutating func takeSmallStoredConstant(_ value: StackEntry, accessBytes: Int) -> (Op, Int)? {
        guard value.location == value.slot, let op = lastOp, a(lastHead) == value.slot,
            op == .const32 || op == .const64
        else { return nil }
        let bits = op == .const32 ? lastHead >> 32 : lastImmediate(1)
        let stored = accessBytes >= 8 ? bits : bits & ((1 << (UInt64(accessBytes) * 8)) - 1)
        guard stored <= 0xFFFF else { return nil }
        let storeOp: Op
        switch accessBytes {
        case 1: storeOp = .store8Imm
        case 2: storeOp = .store16Imm
        case 4: storeOp = .store32Imm
        default: storeOp = .store64Imm
        }
        removeLast()
        return (storeOp, Int(stored))
    }

    /// If `address` was computed by the instruction just emitted and that was an `i32.add` of a
    /// constant (`i32AddImm`), removes it and returns its input slot and constant, for a memory
    /// instruction that adds the constant itself (with the same i32 wrap-around).
    private mutating func takeAddressAddition(_ address: StackEntry) -> (slot: Int, constant: UInt32)? {
        guard address.location == address.slot, lastOp == .i32AddImm, a(lastHead) == address.slot
        else { return nil }
        let result = (slot: b(lastHead), constant: UInt32(truncatingIfNeeded: lastImmediate(1)))
        removeLast()
        return result
    }

    /// If `condition` was produced by the instruction just emitted and that was an i32 or i64
    /// comparison or `eqz`, removes it and returns how to branch on it directly.
    private mutating func takeComparison(_ condition: StackEntry) -> (op: Op, lhs: Int, rhs: Int, immediate: UInt64?)? {
        guard condition.location == condition.slot, let op = lastOp, a(lastHead) == condition.slot
        else { return nil }
        let head = lastHead
        if op == .i32Eqz || op == .i64Eqz {
            removeLast()
            return (op, b(head), 0, nil)
        }
        guard op.branchForm != nil else { return nil }
        let immediate = op.hasImmediateOperand ? lastImmediate(1) : nil
        removeLast()
        return (op, b(head), c(head), immediate)
    }

    /// Emits a conditional jump taken when `condition` is non-zero (or zero, if `whenZero`), fused
    /// with the comparison that produced it when possible; returns the offset word to patch.
    mutating func emitConditionalBranch(
        on condition: StackEntry, whenZero: Bool, count: Int, localSlotCount: Int
    ) -> Int {
        guard !isDead else { return -1 }
        if let (op, lhs, rhs, immediate) = takeFloatComparison(
            condition, jumpWhenHolds: !whenZero, localSlotCount: localSlotCount)
        {
            if let immediate {
                // A sum the comparison consumed (a stack slot, dead after it) is tested unstored.
                if lhs >= localSlotCount, lastOp == .f64Add, a(lastHead) == lhs,
                    let fused = op.addedFloatBranch
                {
                    let sum = lastHead
                    removeLast()
                    return emitBranch(fused, b(sum), c(sum), count, immediate: immediate)
                }
                return emitBranch(op, lhs, 0, count, immediate: immediate)
            }
            return emitBranch(op, lhs, rhs, count)
        }
        if let comparison = takeComparison(condition) {
            if comparison.op == .i64Eqz {
                // `i64.eqz x` is `x == 0`: the compare-and-branch with the constant 0 (`x != 0` for `if`).
                return emitBranch(whenZero ? .brIfI64NeImm : .brIfI64EqImm, comparison.lhs, 0, count, immediate: 0)
            }
            if comparison.op == .i32Eqz {
                // Branching on `eqz x` is branching on `x` the other way round. If `x` is in a stack
                // slot (so computed just before, and dead after), it may fuse with its own producer.
                if comparison.lhs >= localSlotCount {
                    let operand = StackEntry(type: .i32, slot: comparison.lhs, location: comparison.lhs)
                    return emitConditionalBranch(
                        on: operand, whenZero: !whenZero, count: count, localSlotCount: localSlotCount)
                }
                return emitBranch(whenZero ? .brIf : .brIfNot, comparison.lhs, count)
            }
            let compare = whenZero ? comparison.op.negatedComparison! : comparison.op
            if let branch = compare.branchForm, let fused = takeStep(of: comparison.lhs, into: branch) {
                let tested = comparison.immediate ?? UInt64(comparison.rhs)
                return emitBranch(
                    fused.op, comparison.lhs, fused.source, count, immediate: fused.operand | tested << 32)
            }
            if let immediate = comparison.immediate {
                return emitBranch(compare.branchForm!, comparison.lhs, 0, count, immediate: immediate)
            }
            if let offsetWord = fuseLoadIntoBranch(compare, comparison.lhs, comparison.rhs, count: count) {
                return offsetWord
            }
            if sinkLoad(past: comparison.lhs, comparison.rhs),
                let offsetWord = fuseLoadIntoBranch(compare, comparison.lhs, comparison.rhs, count: count)
            {
                return offsetWord
            }
            return emitBranch(compare.branchForm!, comparison.lhs, comparison.rhs, count)
        }
        if !whenZero, let step = takeStep(of: condition.location, into: .brIf) {
            return emitBranch(step.op, condition.location, step.source, count, immediate: step.operand)
        }
        return emitBranch(whenZero ? .brIfNot : .brIf, condition.location, count)
    }

    /// If one operand of the i32 comparison `compare` (of slots `lhs` and `rhs`) was loaded from memory
    /// 0 by the instruction just emitted, and there is a load-and-branch op for the load and the
    /// comparison (`i32LoadThenBrIfLtS`, ...; with the loaded value on the right, the mirrored
    /// comparison), replaces the load with that op and returns its offset word. The loaded value is
    /// still written to its slot, which may be a local. Two in-place steps left just before it (an
    /// index and a pointer) become one op too (`mergeInPlaceSteps`).
    private mutating func fuseLoadIntoBranch(_ compare: Op, _ lhs: Int, _ rhs: Int, count: Int) -> Int? {
        guard !isDead, let load = lastOp, load.isMemoryLoad, let source = lastSourceOffset
        else { return nil }
        let head = lastHead
        let loaded = a(head)
        guard loaded != (loaded == lhs ? rhs : lhs) else { return nil }
        let fused: Op?
        let other: Int
        if loaded == lhs {
            fused = Op.loadBranch(load: load, compare: compare)
            other = rhs
        } else if loaded == rhs, let mirrored = compare.mirroredComparison {
            fused = Op.loadBranch(load: load, compare: mirrored)
            other = lhs
        } else {
            return nil
        }
        guard let fused else { return nil }
        let word = lastImmediate(1)
        removeLast()
        mergeInPlaceSteps()
        return emitLoadBranch(
            fused, destination: loaded, address: b(head), count: count, loadWord: word, other: other,
            loadSource: source)
    }

    /// If an operand (`lhs` or `rhs`) of an i32 comparison was loaded two instructions back, and the
    /// instruction in between is an `i32.add` of a constant (`i32AddImm`, `i32AddImmAndCopy`) that
    /// neither reads nor writes the loaded slot, moves the load down past it, so that
    /// `fuseLoadIntoBranch` can fuse it with the branch. When the addition steps the load's own
    /// address slot in place (`p -= 4` between `x = *p` and the test of `x`), the load's folded
    /// constant takes the step back, so it reads the same address. The addition cannot trap, so a
    /// trap of the load is the same trap; only dead slots could tell the order.
    private mutating func sinkLoad(past lhs: Int, _ rhs: Int) -> Bool {
        guard !isDead, let middle = lastOp, middle == .i32AddImm || middle == .i32AddImmAndCopy,
            let (load, loadHead) = previous, load.isMemoryLoad
        else { return false }
        let loaded = a(loadHead)
        let address = b(loadHead)
        let step = lastHead
        let written = middle == .i32AddImmAndCopy ? [a(step), c(step)] : [a(step)]
        guard loaded == lhs || loaded == rhs, b(step) != loaded, !written.contains(loaded) else { return false }
        var loadWord = previousImmediate(1)
        if written.contains(address) {
            guard b(step) == address else { return false }
            let fold = UInt32(truncatingIfNeeded: loadWord) &- UInt32(truncatingIfNeeded: lastImmediate(1))
            loadWord = loadWord & 0xFFFF_FFFF_0000_0000 | UInt64(fold)
        }
        swapLastTwo()
        rewriteLastImmediate(1, loadWord)
        return true
    }

    /// Two `i32AddImm`s in a row, each adding to its own slot in place (an index and a pointer
    /// stepped together), become one `i32AddImmPair`.
    private mutating func mergeInPlaceSteps() {
        guard !isDead, lastOp == .i32AddImm, let (first, firstHead) = previous,
            first == .i32AddImm
        else { return }
        let secondHead = lastHead
        guard a(firstHead) == b(firstHead), a(secondHead) == b(secondHead) else { return }
        let steps = previousImmediate(1) & 0xFFFF_FFFF | lastImmediate(1) << 32
        removeLast()
        rewriteLast(.i32AddImmPair, destination: a(firstHead), a(secondHead), 0)
        rewriteLastImmediate(1, steps)
    }

    /// If the instruction just emitted was an `i32AddImm` or `i32Add` writing `slot` (a loop's
    /// step), and there is a step-and-test op for it and `branch` (the test of the sum right after
    /// it; `.brIf` for a test of the sum itself), removes it and returns that op, the step's input
    /// slot and its constant or other slot (the low half of the op's last word).
    private mutating func takeStep(of slot: Int, into branch: Op) -> (op: Op, source: Int, operand: UInt64)? {
        guard !isDead, let step = lastOp, a(lastHead) == slot else { return nil }
        let fused: Op
        if branch == .brIf {
            guard step == .i32AddImm else { return nil }
            fused = .i32AddImmThenBrIf
        } else {
            guard let op = Op.stepBranch(step: step, branch: branch) else { return nil }
            fused = op
        }
        let head = lastHead
        let operand =
            step == .i32AddImm ? UInt64(UInt32(truncatingIfNeeded: lastImmediate(1))) : UInt64(c(head))
        removeLast()
        return (fused, b(head), operand)
    }

    /// Lowers a SIMD instruction (other than `v128.const`) to one `Op.simd` and its immediate words;
    /// the layout is documented at `Op.simd`.
    ///
    /// SIMD instructions count nothing (`docs/DETERMINISM.md` §3). Only the memory instructions can trap
    /// (loads) or have effects (stores), so only they flush pending counts (`emitEffect`); the
    /// others are pure and let counts keep folding.
    mutating func emitSIMD(
        _ opcode: Opcode, destination: Int?, operands: (StackEntry, StackEntry, StackEntry), lane: UInt8,
        memory: UInt32, memoryOffset: UInt64, shuffleLanes: (low: UInt64, high: UInt64)
    ) {
        let isMemoryAccess = opcode.info.accessBytes > 0
        var inputs = (operands.0.location, operands.1.location, operands.2.location)
        var third = opcode == .v128Bitselect ? inputs.2 : Int(lane)
        var addition: UInt32 = 0
        if isMemoryAccess, let folded = takeAddressAddition(operands.0) {
            // `local.get; i32.const; i32.add; v128.load` is how compilers address arrays with a
            // negative induction variable; one instruction instead of two.
            inputs.0 = folded.slot
            addition = folded.constant
        } else if !isMemoryAccess, CodeEmitter.simdShifts.contains(opcode), let count = takeConstant(operands.1) {
            third = 0x8000 | Int(count & 0x7F)
            inputs.1 = 0
        }
        let opcodeWord = UInt64(opcode.rawValue) | UInt64(UInt16(truncatingIfNeeded: third)) << 16 | memoryOffset << 32
        let op = CodeEmitter.threadedOp(for: opcode, memory: memory)
        if isMemoryAccess {
            if let destination {
                emitEffect(op, destination: destination, inputs.0, inputs.1)
            } else {
                emitEffect(op, 0, inputs.0, inputs.1)
            }
            emitImmediate(CodeEmitter.handlerWord(opcode))
            emitImmediate(opcodeWord)
            emitImmediate(UInt64(memory) | UInt64(addition) << 32)
            return
        }
        // Every non-memory SIMD instruction has a result.
        emitPure(op, destination: destination ?? 0, inputs.0, inputs.1)
        emitImmediate(CodeEmitter.handlerWord(opcode))
        emitImmediate(opcodeWord)
        if opcode == .i8x16Shuffle {
            emitImmediate(shuffleLanes.low)
            emitImmediate(shuffleLanes.high)
        }
    }

    /// The op that runs `opcode` on `memory`: one with a threaded handler of its own for the most
    /// frequent instructions (`Op.simdLoad`, ...), else `Op.simd`.
    private static func threadedOp(for opcode: Opcode, memory: UInt32) -> Op {
        switch opcode {
        case .v128Load where memory == 0: .simdLoad
        case .v128Store where memory == 0: .simdStore
        case .i32x4Add: .simdI32x4Add
        case .i32x4Mul: .simdI32x4Mul
        case .i16x8Add: .simdI16x8Add
        case .i16x8Shl: .simdI16x8Shl
        case .i16x8ShrU: .simdI16x8ShrU
        case .i16x8ExtendLowI8x16U: .simdI16x8ExtendLowI8x16U
        case .i16x8ExtendHighI8x16U: .simdI16x8ExtendHighI8x16U
        case .i32x4ExtendLowI16x8U: .simdI32x4ExtendLowI16x8U
        case .i8x16NarrowI16x8U: .simdI8x16NarrowI16x8U
        case .v128Xor: .simdV128Xor
        case .v128And: .simdV128And
        default: .simd
        }
    }

    /// Word 1 of an `Op.simd` instruction: the address of the opcode's handler.
    private static func handlerWord(_ opcode: Opcode) -> UInt64 {
        UInt64(UInt(bitPattern: unsafeBitCast(StoreRuntime.simdHandler(for: opcode), to: Int.self)))
    }

    /// The lane shifts, whose count operand may be folded into the instruction when it is a constant.
    private static let simdShifts: Set<Opcode> = [
        .i8x16Shl, .i8x16ShrS, .i8x16ShrU, .i16x8Shl, .i16x8ShrS, .i16x8ShrU,
        .i32x4Shl, .i32x4ShrS, .i32x4ShrU, .i64x2Shl, .i64x2ShrS, .i64x2ShrU,
    ]
}
