/// Builds one function's internal code while the validator walks its body.
///
/// It owns the rules that turn structured control flow into jumps with resolved offsets, and the
/// contract's counting rule (`docs/DETERMINISM.md` §3) into count operands: static increments are kept
/// pending and folded into the next counted branch, or flushed as one `count` op before anything
/// that could trap, call, have an effect visible after a trap, or be a branch target. Folding never
/// moves an increment across such an instruction, so traps, fuel exhaustion and the final count are
/// exactly what counting one by one would give.
struct CodeEmitter {
    private(set) var words: [UInt64] = []
    /// Set while the validator walks code that can never run (after `br`, `unreachable`, ...):
    /// nothing is emitted then.
    var isDead = false
    /// Increments owed by the instructions passed since the last flush.
    private(set) var pendingCount: UInt64 = 0
    /// Index of the head word of the last instruction emitted, or -1 after a barrier (a label, a
    /// flushed count): peephole rewrites only ever touch this instruction.
    private(set) var lastStart: Int = -1
    /// The starts of the three instructions before the last one, nearest first, or -1 where a
    /// barrier came between: after `removeLast`, the one before becomes the last again, so up to
    /// four instructions in a row can fuse into one op (`f64.const; f64.gt; i32.eqz; br_if`).
    private var earlierStarts: (Int, Int, Int) = (-1, -1, -1)
    /// The slot the last instruction writes its only result to, or -1: for retargeting
    /// `x; local.set` into `x` writing the local directly.
    private var lastDestination: Int = -1
    /// Kept in sync with `lastStart` by the emit functions.
    private var lastDestinationWord: Int {
        get { lastDestination >= 0 ? lastStart : -1 }
        set {
            if newValue < 0 {
                lastDestination = -1
                lastStart = -1
                earlierStarts = (-1, -1, -1)
            }
        }
    }

    /// The byte offset, in the module's bytes, of the wasm instruction being lowered (set by the
    /// validator before each instruction).
    var sourceOffset = 0
    /// For each instruction that can trap (or run out of fuel): `code position << 32 | byte offset`
    /// of the wasm instruction it came from, in code order, so a trap's position in the code maps
    /// back to the module. Pure instructions are left out: they never trap, and a full map would
    /// add 8 bytes per instruction to every loaded module.
    private(set) var sourceMap: [UInt64] = []
    /// Records that the word about to be appended belongs to the instruction at `offset` (by default
    /// `sourceOffset`, the one being lowered).
    @inline(__always)
    private mutating func mapSource(_ offset: Int? = nil) {
        sourceMap.append(UInt64(words.count) << 32 | UInt64(UInt32(truncatingIfNeeded: offset ?? sourceOffset)))
    }

    /// The op of the last instruction, if no barrier came after it.
    var lastOp: Op? { lastStart >= 0 ? Op(rawValue: UInt16(truncatingIfNeeded: words[lastStart])) : nil }

    /// The head word of the last instruction (valid when `lastOp` is not nil).
    var lastHead: UInt64 { words[lastStart] }

    /// The word `index` after the last instruction's head (its immediates).
    func lastImmediate(_ index: Int) -> UInt64 { words[lastStart + index] }

    /// The op and head word of the instruction before the last one, if no barrier came between.
    var previous: (op: Op, head: UInt64)? {
        guard lastStart >= 0, earlierStarts.0 >= 0,
            let op = Op(rawValue: UInt16(truncatingIfNeeded: words[earlierStarts.0]))
        else { return nil }
        return (op, words[earlierStarts.0])
    }

    /// The word `index` after the head of the instruction before the last one (see `previous`).
    func previousImmediate(_ index: Int) -> UInt64 { words[earlierStarts.0 + index] }

    /// Replaces the word `index` after the last instruction's head (an immediate).
    mutating func rewriteLastImmediate(_ index: Int, _ word: UInt64) {
        precondition(lastStart >= 0 && !isDead && lastStart + index < words.count)
        words[lastStart + index] = word
    }

    /// Swaps the last two instructions (no barrier between them), with their source-map entries:
    /// for moving a load down past a pure instruction that neither reads nor writes its slots, so
    /// it ends next to the operation that consumes it.
    mutating func swapLastTwo() {
        let first = earlierStarts.0
        precondition(lastStart >= 0 && first >= 0 && !isDead)
        let firstCount = lastStart - first
        let secondCount = words.count - lastStart
        let moved = Array(words[lastStart...]) + words[first..<lastStart]
        words.replaceSubrange(first..., with: moved)
        var entries: [UInt64] = []
        while let last = sourceMap.last, Int(last >> 32) >= first { entries.append(sourceMap.removeLast()) }
        let shifted = entries.map { entry -> UInt64 in
            let position = Int(entry >> 32)
            let newPosition = position < first + firstCount ? position + secondCount : position - firstCount
            return UInt64(newPosition) << 32 | entry & 0xFFFF_FFFF
        }
        sourceMap.append(contentsOf: shifted.sorted())
        lastStart = first + secondCount
        lastDestination = -1
    }

    /// Removes the last instruction (for fusing it into the next one).
    mutating func removeLast() {
        precondition(lastStart >= 0)
        words.removeSubrange(lastStart...)
        while let last = sourceMap.last, Int(last >> 32) >= lastStart { sourceMap.removeLast() }
        lastStart = earlierStarts.0
        earlierStarts = (earlierStarts.1, earlierStarts.2, -1)
        // Conservative: the restored instruction's result is not retargeted by a later `local.set`.
        lastDestination = -1
    }

    /// Makes the last instruction run `op` with operands `destination`, `b` and `c` instead, keeping
    /// its immediates and its place in the source map (for fusing it with the next instruction
    /// into an op of the same length that traps where it did).
    mutating func rewriteLast(_ op: Op, destination: Int, _ b: Int, _ c: Int) {
        precondition(lastStart >= 0 && !isDead)
        words[lastStart] = Self.head(op, destination, b, c)
        lastDestination = destination
    }

    /// Emits a copy of a value of `type` (`nil`: of an unreachable stack's unknown type, which no
    /// code is emitted for) from slot `source` to slot `destination`; a scalar copy right after
    /// another becomes one `copy2` with it.
    mutating func emitCopy(of type: ValueType?, to destination: Int, from source: Int) {
        guard type != .v128 else {
            emitPure(.copy128, destination, source)
            return
        }
        if !isDead, lastOp == .copy {
            let first = words[lastStart]
            words[lastStart] = Self.head(.copy2, a(first), b(first), destination)
            words.append(UInt64(source))
            return
        }
        emitPure(.copy, destination, source)
    }

    /// The source offset the last instruction is mapped to, if it can trap.
    var lastSourceOffset: Int? {
        guard lastStart >= 0, let last = sourceMap.last, Int(last >> 32) == lastStart else { return nil }
        return Int(last & 0xFFFF_FFFF)
    }

    /// Emits a load-and-branch op (`Op.i32LoadThenBrIfLtS`): its head word maps to `loadSource`, the
    /// offset word to the branch being lowered; returns the offset word's index.
    mutating func emitLoadBranch(
        _ op: Op, destination: Int, address: Int, count: Int, loadWord: UInt64, other: Int, loadSource: Int
    ) -> Int {
        guard !isDead else { return -1 }
        flushCount()
        mapSource(loadSource)
        words.append(Self.head(op, destination, address, count))
        mapSource()
        words.append(0)
        words.append(loadWord)
        words.append(UInt64(other))
        lastDestinationWord = -1
        return words.count - 3
    }

    /// Emits a `move` op (`Op.move8`): its head word maps to `loadSource`, the word after it to the
    /// store being lowered, so each half's trap is reported at its own instruction.
    mutating func emitMove(_ op: Op, store: Int, load: Int, loadWord: UInt64, storeWord: UInt64, loadSource: Int) {
        guard !isDead else { return }
        flushCount()
        earlierStarts = (lastStart, earlierStarts.0, earlierStarts.1)
        lastStart = words.count
        lastDestination = -1
        mapSource(loadSource)
        words.append(Self.head(op, store, load))
        mapSource()
        words.append(loadWord)
        words.append(storeWord)
    }

    /// Makes the last instruction `op` with operands `a`, `b` and `c`, keeping its immediates and
    /// source map entry; its result is not retargeted afterwards.
    mutating func rewriteLast(_ op: Op, _ a: Int, _ b: Int, _ c: Int) {
        rewriteLast(op, destination: a, b, c)
        lastDestination = -1
    }

    var position: Int { words.count }

    @inline(__always)
    static func head(_ op: Op, _ a: Int = 0, _ b: Int = 0, _ c: Int = 0) -> UInt64 {
        UInt64(op.rawValue) | UInt64(UInt16(truncatingIfNeeded: a)) << 16
            | UInt64(UInt16(truncatingIfNeeded: b)) << 32 | UInt64(UInt16(truncatingIfNeeded: c)) << 48
    }

    /// Emits an instruction that neither traps nor has effects outside the frame: pending counts stay pending.
    mutating func emitPure(_ op: Op, _ a: Int = 0, _ b: Int = 0, _ c: Int = 0) {
        guard !isDead else { return }
        earlierStarts = (lastStart, earlierStarts.0, earlierStarts.1)
        lastStart = words.count
        lastDestination = -1
        // Pure but counted (`return`, `brTable`, tail calls): it can run out of fuel, so it is mapped.
        if op.info.mayTrap { mapSource() }
        words.append(Self.head(op, a, b, c))
    }

    /// Emits a pure instruction whose result goes to slot `destination`, remembering it for retargeting.
    mutating func emitPure(_ op: Op, destination: Int, _ b: Int = 0, _ c: Int = 0) {
        guard !isDead else { return }
        earlierStarts = (lastStart, earlierStarts.0, earlierStarts.1)
        lastStart = words.count
        lastDestination = destination
        words.append(Self.head(op, destination, b, c))
    }

    /// Emits an instruction that may trap or has visible effects: pending counts are flushed first.
    mutating func emitEffect(_ op: Op, _ a: Int = 0, _ b: Int = 0, _ c: Int = 0) {
        guard !isDead else { return }
        flushCount()
        earlierStarts = (lastStart, earlierStarts.0, earlierStarts.1)
        lastStart = words.count
        lastDestination = -1
        mapSource()
        words.append(Self.head(op, a, b, c))
    }

    /// Emits an effectful instruction whose only result goes to `destination` (e.g. a load).
    mutating func emitEffect(_ op: Op, destination: Int, _ b: Int = 0, _ c: Int = 0) {
        guard !isDead else { return }
        flushCount()
        earlierStarts = (lastStart, earlierStarts.0, earlierStarts.1)
        lastStart = words.count
        lastDestination = destination
        mapSource()
        words.append(Self.head(op, destination, b, c))
    }

    mutating func emitImmediate(_ word: UInt64) {
        guard !isDead else { return }
        words.append(word)
    }

    /// If the last instruction wrote its result to `slot` and nothing has been emitted since (its
    /// immediates aside), makes it write to `newSlot` instead and returns true.
    mutating func retargetLastDestination(from slot: Int, to newSlot: Int) -> Bool {
        guard lastStart >= 0, lastDestination >= 0, lastDestination == slot else { return false }
        let word = words[lastStart]
        words[lastStart] = (word & ~(0xFFFF << 16)) | UInt64(UInt16(truncatingIfNeeded: newSlot)) << 16
        lastDestination = newSlot
        return true
    }

    /// Forgets the last destination (a label or a branch came in between).
    mutating func barrier() { lastDestinationWord = -1 }

    mutating func addCount(_ n: UInt64) {
        guard !isDead else { return }
        pendingCount += n
    }

    /// Drops pending counts of code that can never run.
    mutating func discardCount() { pendingCount = 0 }

    /// Emits the pending increments as a `count` op.
    mutating func flushCount() {
        guard pendingCount > 0, !isDead else { return }
        var remaining = pendingCount
        pendingCount = 0
        while remaining > 0 {
            let chunk = min(remaining, 0xFFFF)
            mapSource()
            words.append(Self.head(.count, Int(chunk)))
            remaining -= chunk
        }
        lastDestinationWord = -1
    }

    /// Takes the pending increments plus `own` for a counted branch; flushes any excess over 16 bits.
    mutating func takeCount(plus own: UInt64) -> Int {
        if pendingCount + own > 0xFFFF { flushCount() }
        let total = pendingCount + own
        pendingCount = 0
        return Int(total)
    }

    /// Emits a jump-like instruction whose offset word is patched later; returns the offset word's index.
    mutating func emitBranch(_ op: Op, _ a: Int = 0, _ b: Int = 0, _ c: Int = 0) -> Int {
        guard !isDead else { return -1 }
        mapSource()
        words.append(Self.head(op, a, b, c))
        words.append(0)
        lastDestinationWord = -1
        return words.count - 1
    }

    /// Emits a branch with one extra immediate after its offset word; returns the offset word's index.
    mutating func emitBranch(_ op: Op, _ a: Int, _ b: Int, _ c: Int, immediate: UInt64) -> Int {
        let offsetWord = emitBranch(op, a, b, c)
        emitImmediate(immediate)
        return offsetWord
    }

    /// Points the branch whose offset word is `offsetWord` at `target` (offsets count from the head word).
    mutating func patch(offsetWord: Int, headWord: Int, to target: Int) {
        guard offsetWord >= 0 else { return }
        words[offsetWord] = UInt64(bitPattern: Int64(target - headWord))
    }

    /// Marks the current position as a branch target: pending counts must not leak across it.
    mutating func label() -> Int {
        flushCount()
        lastDestinationWord = -1
        return words.count
    }

    /// Whether the words emitted so far are whole instructions as the op table lays them out
    /// (`Op.wordCount(at:)`), and the source map has an entry at the head of every op that may
    /// trap (`OpInfo.mayTrap`) and nowhere but at heads and second words. Asserted for every
    /// function in debug builds, so the spec suite checks the table's lengths against the emitter.
    func layoutIsConsistent() -> Bool {
        var heads: Set<Int> = []
        var mustMap: [Int] = []
        let ended = words.withUnsafeBufferPointer { code -> Bool in
            var position = 0
            while position < code.count {
                guard let op = Op(rawValue: UInt16(truncatingIfNeeded: code[position])) else { return false }
                heads.insert(position)
                // `.simd` traps only for memory instructions, which are mapped by `emitEffect`.
                if op.info.mayTrap, op.info.family != .simd { mustMap.append(position) }
                position += op.wordCount(at: code.baseAddress! + position)
            }
            return position == code.count
        }
        let mapped = Set(sourceMap.map { Int($0 >> 32) })
        return ended && mustMap.allSatisfy(mapped.contains)
            && mapped.allSatisfy { heads.contains($0) || heads.contains($0 - 1) }
    }
}
