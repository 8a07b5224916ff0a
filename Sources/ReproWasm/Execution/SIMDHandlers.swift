// The fixed-width SIMD instructions. Each SIMD opcode has its own small function, a `SIMDHandler`;
// Lowering stores the handler's address in word 1 of the instruction (layout: `Op.simd`), and the
// threaded handler of `Op.simd` calls it. The handlers are in SIMDHandlers+*.swift, the lane
// arithmetic they use in Numerics+SIMD.swift.
//
// Lanes are Swift SIMD vectors loaded from the two slots of a v128 (low 64 bits first, so lane 0 is
// the lowest byte of the first slot, as in wasm memory), so whole-vector operators compile to SSE
// instructions. Every handler reads all of its inputs before it writes its result: the destination
// may be the slot of an input.
//
// Why a function per opcode instead of one `switch`: one big function needed a large prologue
// (callee-saved registers, a stack frame sized for its worst case) and a second indirect jump for
// every SIMD instruction; a handler for `i32x4.add` is a dozen instructions with no frame. The
// indirect call through word 1 replaces the second jump. Helpers are `@inline(__always)` and the
// bodies are closures passed to `lanes`/`memoryAccess`, which inline completely in release builds
// (check with `objdump -d`: a handler should call nothing but libm for per-lane rounding).

typealias U8x16 = SIMD16<UInt8>
typealias I8x16 = SIMD16<Int8>
typealias U16x8 = SIMD8<UInt16>
typealias I16x8 = SIMD8<Int16>
typealias U32x4 = SIMD4<UInt32>
typealias I32x4 = SIMD4<Int32>
typealias U64x2 = SIMD2<UInt64>
typealias I64x2 = SIMD2<Int64>
typealias F32x4 = SIMD4<Float>
typealias F64x2 = SIMD2<Double>

/// Runs one `Op.simd` instruction: `pc` points at its head word, `sp` at the frame; memory 0 is
/// `memoryBase`/`memorySize` (the loop's cached view), other memories are found through `context`
/// (an `InstanceContext`). Returns the instruction's word count (`Op.simdWordCount(of:)`), or 0
/// after an out-of-bounds memory access, which `ThreadedHandlers.handleSIMD` turns into the trap.
typealias SIMDHandler =
    @convention(c) (
        _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
        _ memorySize: UInt64, _ context: UnsafeMutableRawPointer
    ) -> Int

extension StoreRuntime {
    /// The handler Lowering stores in word 1 of an `Op.simd` instruction for `opcode` (a SIMD
    /// opcode other than `v128.const`, which is lowered to `const128`).
    static func simdHandler(for opcode: Opcode) -> SIMDHandler {
        if let handler = simdMoveHandler(for: opcode) ?? simdIntegerHandler(for: opcode)
            ?? simdFloatHandler(for: opcode)
        {
            return handler
        }
        preconditionFailure("no SIMD handler for \(opcode.info.mnemonic)")
    }

    /// The base and byte count of memory `index` of `context` (not memory 0: the loop caches that).
    @inline(never)
    static func otherMemory(_ context: UnsafeMutablePointer<InstanceContext>, index: Int)
        -> (UnsafeMutableRawPointer, UInt64)
    {
        let memory = context.pointee.memories[index]
        return (memory.pointee.base, UInt64(memory.pointee.byteCount))
    }
}

/// Runs a non-memory SIMD instruction of `words` words: `body` gets the operands.
@inline(__always) func lanes(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, words: Int = 3, _ body: (V128Operands) -> Void
) -> Int {
    body(V128Operands(pc: pc, sp: sp))
    return words
}

/// Runs a SIMD memory instruction touching `size` bytes: `body` gets the operands and the host
/// address, or nothing happens and the result is 0 (out of bounds).
@inline(__always) func memoryAccess(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ context: UnsafeMutableRawPointer, size: UInt64,
    _ body: (V128Operands, UnsafeMutableRawPointer) -> Void
) -> Int {
    let v = V128Operands(pc: pc, sp: sp)
    var base = memoryBase
    var bound = memorySize
    let memoryWord = pc[3]
    let memoryIndex = Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: memoryWord))
    if memoryIndex != 0 {
        (base, bound) = StoreRuntime.otherMemory(
            context.assumingMemoryBound(to: InstanceContext.self), index: memoryIndex)
    }
    // The folded `i32.add` constant wraps like the add it replaces; the memarg offset does not.
    let operand = UInt32(truncatingIfNeeded: sp[v.firstSlot] &+ (memoryWord &>> 32))
    let address = UInt64(operand) &+ (pc[2] &>> 32)
    guard address &+ size <= bound else { return 0 }
    // SAFETY: address + size <= the memory's byte count, checked above.
    body(v, base + Int(address))
    return 4
}

/// The slots of one `Op.simd` instruction, with typed views of its v128 operands.
struct V128Operands {
    let pc: UnsafePointer<UInt64>
    let sp: UnsafeMutablePointer<UInt64>
    let word: UInt64

    @inline(__always) init(pc: UnsafePointer<UInt64>, sp: UnsafeMutablePointer<UInt64>) {
        self.pc = pc
        self.sp = sp
        self.word = pc[0]
    }

    /// Bits 16-31 of word 2: the lane index, `v128.bitselect`'s mask slot, or a folded shift count.
    @inline(__always) var extra: Int { Int(truncatingIfNeeded: pc[2] &>> 16) & 0xFFFF }

    /// The destination slot.
    @inline(__always) var destination: Int { a(word) }
    /// The first input's slot (bottom of the stack; a memory instruction's address).
    @inline(__always) var firstSlot: Int { b(word) }
    /// The second input's slot.
    @inline(__always) var secondSlot: Int { c(word) }

    /// The v128 in `slot` and `slot + 1`, viewed as `V`.
    @inline(__always) func load<V: SIMD>(_ slot: Int, as _: V.Type) -> V {
        // SAFETY: a v128 operand owns two consecutive frame slots (Lowering); the frame is in bounds.
        // One unaligned 16-byte load (slots are only 8-byte aligned): building the vector from two
        // `UInt64` reads made LLVM assemble integer lanes one by one through general registers,
        // which doubled the cost of `i32x4.add`.
        unsafeBitCast(loadUnaligned128(UnsafeMutableRawPointer(sp + slot)), to: V.self)
    }

    @inline(__always) func first<V: SIMD>(_ type: V.Type) -> V { load(firstSlot, as: type) }
    @inline(__always) func second<V: SIMD>(_ type: V.Type) -> V { load(secondSlot, as: type) }

    /// The two 64-bit words of the v128 in `slot`, low first.
    @inline(__always) func words(_ slot: Int) -> (low: UInt64, high: UInt64) { (sp[slot], sp[slot + 1]) }

    /// Writes a v128 result (any lane view) to the destination's two slots.
    @inline(__always) func result<V: SIMD>(_ value: V) {
        // SAFETY: the destination of a v128 result owns two consecutive frame slots (Lowering).
        storeUnaligned128(unsafeBitCast(value, to: U64x2.self), to: UnsafeMutableRawPointer(sp + destination))
    }

    /// Writes a scalar result (i32 zero-extended, i64, or float bits).
    @inline(__always) func scalarResult(_ value: UInt64) { sp[destination] = value }

    /// The shift count of a shift instruction (the i32 in the second input's slot, or the constant
    /// folded into `extra`) modulo the lane width of `V`, in every lane.
    @inline(__always) func shiftCount<V: SIMD>(_: V.Type, extra: Int) -> V where V.Scalar: FixedWidthInteger {
        // A constant count was folded into `extra` as `0x8000 | count` (`Op.simd`).
        let count = extra & 0x8000 != 0 ? UInt64(extra & 0x7F) : sp[secondSlot]
        return V(repeating: V.Scalar(truncatingIfNeeded: count) & V.Scalar(V.Scalar.bitWidth - 1))
    }

    /// Lane `lane`, `size` bytes wide, of the v128 in `slot`, zero-extended (from the slot words:
    /// no memory access of lane width).
    @inline(__always) func lane(_ slot: Int, _ lane: Int, size: Int) -> UInt64 {
        // SAFETY: lane < 16 / size, checked by the validator, so the lane lies in the two slots.
        let offset = lane &* size
        let bits = sp[slot &+ offset &>> 3] &>> UInt64((offset & 7) &<< 3)
        return size == 8 ? bits : bits & ((1 &<< UInt64(size &<< 3)) &- 1)
    }

    /// destination = the v128 in `slot` with lane `lane` (`size` bytes wide) replaced by the low
    /// bits of `value`. Reads the vector before writing, so `slot` may be the destination.
    @inline(__always) func replaceLane(of slot: Int, lane: Int, size: Int, with value: UInt64) {
        let offset = lane &* size
        let shift = UInt64((offset & 7) &<< 3)
        let mask = (size == 8 ? UInt64.max : (1 &<< UInt64(size &<< 3)) &- 1) &<< shift
        var low = sp[slot]
        var high = sp[slot &+ 1]
        let bits = (value &<< shift) & mask
        if offset < 8 { low = (low & ~mask) | bits } else { high = (high & ~mask) | bits }
        sp[destination] = low
        sp[destination &+ 1] = high
    }
}
