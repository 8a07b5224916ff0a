// Threaded dispatch for the simple ops: each runs in its own handler, which ends by calling the
// next op's handler from the table. In release builds that call is a tail call (a `jmp`), so every
// handler has its own indirect jump, which the branch predictor learns separately; the one shared
// jump of a `switch` was where most of the loop's time went. Ops that need the instance or the host
// (calls into other instances or the host, returns that leave `execute`, v128 globals, bulk memory,
// SIMD) are not threaded: their handler is `exit`, which returns to the switch in `execute`.
//
// Swift does not promise tail calls: unoptimised builds, and sanitiser builds, make real calls,
// and a chain of them would grow the native stack with every op. So the table `next` calls is
// separate from the table of what each op runs. When calls are not tail calls (decided once per
// process by `ThreadedState.makesTailCalls`, which runs a short chain and measures the stack), the
// first table holds `exit` for every op: a handler runs its op, calls `exit`, and both return to
// `runThreaded`, which loops. `scripts/check-tail-calls.sh` checks a release binary's handlers.

/// Runs the op at `pc` and continues with the next one: `pc`, `sp`, memory 0's base and byte count,
/// the fuel left and the threaded state. Returns the `pc` of the first op that is not threaded, or
/// of the op that trapped (the state then holds the trap).
typealias Handler =
    @convention(thin) (
        UnsafePointer<UInt64>, UnsafeMutablePointer<UInt64>, UnsafeMutableRawPointer, UInt64, UInt64,
        UnsafeMutableRawPointer
    ) -> UnsafePointer<UInt64>

/// What the handlers and `execute` share beyond the handler arguments, kept after the handler
/// table: the frame stack, the running function and the fuel, trap and `sp` a handler leaves when
/// it returns.
struct ThreadedRegisters {
    /// The fuel left when a handler returned.
    var fuel: UInt64 = 0
    /// The trap a handler returned with (raw value + 1), 0 for none.
    var trap: UInt64 = 0
    /// `sp` when a handler returned (a threaded `call` or `return` changes it).
    var sp: UnsafeMutablePointer<UInt64>?
    /// The instance and its function index space; a threaded call or return stays within it.
    var context: UnsafeMutablePointer<InstanceContext>?
    var functions: UnsafeMutablePointer<UnsafeMutablePointer<FunctionInstance>>?
    /// The frame stack as pointers into the store's `frames`: the next free frame, the first a call
    /// may not use (the call depth limit), and the top when `runThreaded` started. Frames from
    /// there up were pushed by threaded calls, so they belong to the running instance, and a
    /// threaded `return` pops them without checking; a return below that leaves for the switch,
    /// which handles returns out of `execute` and into other instances.
    var frameTop: UnsafeMutablePointer<CallFrame>?
    var frameLimit: UnsafeMutablePointer<CallFrame>?
    var threadedBase: UnsafeMutablePointer<CallFrame>?
    var stackEnd: UnsafeMutablePointer<UInt64>?
    /// Whether `next` returns after every op (`ThreadedState.makesTailCalls` is false).
    var isStepping = false
    /// An address on the native stack, taken by `trapped` (for `ThreadedState.makesTailCalls`).
    var trapStackAddress: UInt = 0
    /// Always 0. `handleZeroLocals` zeroes a function's locals with this value rather than a literal 0,
    /// which the compiler turns into a call to `memset`: for the few slots of a typical function
    /// that call, and the registers saved around it, cost more than the stores.
    var zero: UInt64 = 0
}

/// The layout of a store's threaded state: the handlers `next` calls, indexed by `Op` raw value,
/// then the handlers the ops have (the same table unless stepping), then the `ThreadedRegisters`.
enum ThreadedState {
    /// Bytes in one table.
    static let tableByteCount = Op.allCases.count * MemoryLayout<Handler>.stride
    /// Byte offset of the table of the ops' own handlers.
    static let opTableOffset = tableByteCount
    /// Byte offset of the registers.
    static let registersOffset = 2 * tableByteCount
    /// Bytes in all.
    static let byteCount = registersOffset + MemoryLayout<ThreadedRegisters>.stride

    /// The handlers of all ops, in raw-value order.
    static let handlers: [Handler] = Op.allCases.map(ThreadedHandlers.handler(for:))

    /// Whether a handler's call to the next one is a tail call in this build: false in unoptimised
    /// builds; otherwise measured once by running 256 `count` ops in a chain and comparing the
    /// native stack where it ran out of fuel with the stack where it started. A chain of real calls
    /// is at least 4 KiB deeper; anything but a clearly flat stack counts as real calls.
    static let makesTailCalls: Bool = {
        if isUnoptimised { return false }
        let state = allocate(stepping: false)
        defer { state.deallocate() }
        let chainLength = 256
        let code = [UInt64](repeating: UInt64(Op.count.rawValue) | 1 << 16, count: chainLength + 2)
        var slots = [UInt64](repeating: 0, count: 4)
        let start = nativeStackAddress()
        code.withUnsafeBufferPointer { code in
            slots.withUnsafeMutableBufferPointer { slots in
                let run = state.load(fromByteOffset: opTableOffset + Int(Op.count.rawValue) * 8, as: Handler.self)
                _ = run(
                    code.baseAddress!, slots.baseAddress!, UnsafeMutableRawPointer(slots.baseAddress!), 0,
                    UInt64(chainLength), state)
            }
        }
        let end = registers(state).pointee.trapStackAddress
        return end <= start && start - end < 2048
    }()

    /// A new state: both tables hold the ops' handlers, or when stepping the first holds `exit`.
    static func allocate(stepping: Bool = !makesTailCalls) -> UnsafeMutableRawPointer {
        let state = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 16)
        handlers.withUnsafeBytes { table in
            state.copyMemory(from: table.baseAddress!, byteCount: table.count)
            (state + opTableOffset).copyMemory(from: table.baseAddress!, byteCount: table.count)
        }
        if stepping {
            let exits = [Handler](repeating: ThreadedHandlers.exit, count: Op.allCases.count)
            exits.withUnsafeBytes { state.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        }
        var registers = ThreadedRegisters()
        registers.isStepping = stepping
        (state + registersOffset).initializeMemory(as: ThreadedRegisters.self, to: registers)
        return state
    }

    /// The registers of `state`.
    @inline(__always)
    static func registers(_ state: UnsafeMutableRawPointer) -> UnsafeMutablePointer<ThreadedRegisters> {
        (state + registersOffset).assumingMemoryBound(to: ThreadedRegisters.self)
    }
}

/// Whether this is an unoptimised build (a wrapper, so the compiler does not warn that code after
/// a check of it is never executed).
@inline(__always)
var isUnoptimised: Bool { _isDebugAssertConfiguration() }

/// An address in the caller's native stack frame region (for `ThreadedState.makesTailCalls`).
@inline(never)
func nativeStackAddress() -> UInt {
    var marker: UInt8 = 0
    return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
}

/// Ends a handler: goes on with the op at `pc` (a tail call in release builds; when stepping, the
/// table holds `exit`, which returns; see the file's header).
@inline(__always)
func next(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer
) -> UnsafePointer<UInt64> {
    let handler = state.load(fromByteOffset: op(pc) &* MemoryLayout<Handler>.stride, as: Handler.self)
    return handler(pc, sp, memoryBase, memorySize, fuel, state)
}

/// Returns to `runThreaded` with the op at `pc` still to run.
@inline(__always)
func leave(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ fuel: UInt64, _ state: UnsafeMutableRawPointer
) -> UnsafePointer<UInt64> {
    let registers = ThreadedState.registers(state)
    registers.pointee.fuel = fuel
    registers.pointee.sp = sp
    return pc
}

/// Takes `increment` from the fuel left, as `charge(_:fuel:)` does; false (fuel left at 0) when
/// there is not enough, and the handler then traps with "out of fuel".
@inline(__always)
func take(_ increment: UInt64, from fuel: inout UInt64) -> Bool {
    if _slowPath(increment > fuel) { return false }
    fuel &-= increment
    return true
}

/// Ends a handler with a trap at `pc`.
@inline(never)
func trapped(
    _ code: TrapCode, _ pc: UnsafePointer<UInt64>, fuel: UInt64, _ state: UnsafeMutableRawPointer
) -> UnsafePointer<UInt64> {
    let registers = ThreadedState.registers(state)
    registers.pointee.fuel = fuel
    registers.pointee.trap = UInt64(code.rawValue) &+ 1
    registers.pointee.trapStackAddress = nativeStackAddress()
    return pc
}

extension StoreRuntime {
    /// Runs threaded ops from `pc` until one that is not threaded and leaves `pc` on it; throws the
    /// trap of an op that trapped, with `pc` left on that op. Threaded calls and returns change `sp`,
    /// `function` and `depth` (within `context`'s instance).
    @inline(__always)
    func runThreaded(
        _ pc: inout UnsafePointer<UInt64>, sp: inout UnsafeMutablePointer<UInt64>,
        function: inout UnsafeMutablePointer<FunctionInstance>, depth: inout Int,
        context: UnsafeMutablePointer<InstanceContext>, maxDepth: Int,
        memoryBase: UnsafeMutableRawPointer, memorySize: UInt64, fuel: inout UInt64
    ) throws(TrapCode) {
        let state = threadedState
        let registers = ThreadedState.registers(state)
        let threadedBase = frames + depth
        // All of them, every time: a host function may have run another `execute` in between.
        registers.pointee.context = context
        registers.pointee.functions = context.pointee.functions
        registers.pointee.frameTop = threadedBase
        registers.pointee.threadedBase = threadedBase
        registers.pointee.frameLimit = frames + maxDepth
        registers.pointee.stackEnd = stackEnd
        defer {
            fuel = registers.pointee.fuel
            sp = registers.pointee.sp.unsafelyUnwrapped
            let top = registers.pointee.frameTop.unsafelyUnwrapped
            depth = top - frames
            // The running function is the top frame's callee, unless no threaded call is left.
            if top > threadedBase { function = top[-1].callee }
        }
        let table = state + ThreadedState.opTableOffset
        if registers.pointee.isStepping {
            // One op per call (see the file's header), until an op that is not threaded.
            registers.pointee.fuel = fuel
            registers.pointee.sp = sp
            repeat {
                let op = Int(truncatingIfNeeded: pc.pointee) & 0xFFFF
                let handler = table.load(fromByteOffset: op &* MemoryLayout<Handler>.stride, as: Handler.self)
                if unsafeBitCast(handler, to: UInt.self) == unsafeBitCast(ThreadedHandlers.exit, to: UInt.self) {
                    return
                }
                let before = pc
                pc = handler(
                    pc, registers.pointee.sp.unsafelyUnwrapped, memoryBase, memorySize, registers.pointee.fuel, state)
                try checkThreadedTrap(registers)
                // A threaded `call` or `return` that leaves for the switch returns its own `pc`.
                if pc == before { return }
            } while true
        }
        let op = Int(truncatingIfNeeded: pc.pointee) & 0xFFFF
        let handler = table.load(fromByteOffset: op &* MemoryLayout<Handler>.stride, as: Handler.self)
        registers.pointee.sp = sp
        pc = handler(pc, sp, memoryBase, memorySize, fuel, state)
        try checkThreadedTrap(registers)
    }

    /// Throws the trap a handler left, if any, and clears it.
    @inline(__always)
    func checkThreadedTrap(_ registers: UnsafeMutablePointer<ThreadedRegisters>) throws(TrapCode) {
        let trap = registers.pointee.trap
        if _slowPath(trap != 0) {
            registers.pointee.trap = 0
            // SAFETY of the unwrap: handlers store a `TrapCode`'s raw value plus one, nothing else.
            throw TrapCode(rawValue: UInt8(truncatingIfNeeded: trap &- 1))!
        }
    }
}

/// The address of a memory-0 SIMD access in the `Op.simd` layout: slot `b` plus the folded constant
/// (high half of word 3) with i32 wrap-around, plus the memarg offset (high half of word 2).
@inline(__always)
func simdAddress(_ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>) -> UInt64 {
    UInt64(UInt32(truncatingIfNeeded: sp[b(pc)] &+ (pc[3] &>> 32))) &+ (pc[2] &>> 32)
}

/// A non-memory SIMD instruction of 3 words with a threaded op of its own: `body` (from `SIMDLanes`)
/// on its operands, then the next op.
@inline(__always)
func simdLanes(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, _ body: (V128Operands) -> Void
) -> UnsafePointer<UInt64> {
    body(V128Operands(pc: pc, sp: sp))
    return next(pc + 3, sp, memoryBase, memorySize, fuel, state)
}

/// The handlers of the threaded ops (see the file's header).
enum ThreadedHandlers {
    /// The handler of every op that is not threaded: returns to the switch in `execute`.
    static let exit: Handler = { pc, sp, _, _, fuel, state in leave(pc, sp, fuel, state) }

    /// `callLocal`: a call of a function defined in the running instance, within the limits (a call
    /// that would exceed them leaves for the switch, which traps). The callee has code and shares
    /// the caller's instance: Lowering only emits `callLocal` for functions the module defines.
    static let handleCallLocal: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let registers = ThreadedState.registers(state)
        let callee = registers.pointee.functions.unsafelyUnwrapped[bc(pc)]
        let calleeSP = sp + a(pc)
        let top = registers.pointee.frameTop.unsafelyUnwrapped
        guard top < registers.pointee.frameLimit.unsafelyUnwrapped,
            calleeSP + callee.pointee.frameSlots <= registers.pointee.stackEnd.unsafelyUnwrapped
        else { return leave(pc, sp, fuel, state) }
        top.initialize(to: CallFrame(returnPC: pc + 1, sp: sp, callee: callee))
        registers.pointee.frameTop = top + 1
        return next(callee.pointee.code.unsafelyUnwrapped, calleeSP, memoryBase, memorySize, fuel, state)
    }

    /// An `Op.simd` instruction: calls the `SIMDHandler` in word 1, which returns the words the
    /// instruction takes (0 for an access out of bounds), then goes on to the next op.
    ///
    /// The SIMD functions return rather than go on to the next op themselves: the compiler merges
    /// the many near-identical ones into shared bodies that take the difference as an extra argument,
    /// and with that argument on the stack their call to the next op would no longer be a tail call.
    static let handleSIMD: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        // SAFETY: word 1 of an `Op.simd` instruction is the address of the `SIMDHandler` Lowering
        // chose for its opcode (`StoreRuntime.simdHandler(for:)`).
        let handler = unsafeBitCast(UInt(truncatingIfNeeded: pc[1]), to: SIMDHandler.self)
        let context = ThreadedState.registers(state).pointee.context.unsafelyUnwrapped
        let words = handler(pc, sp, memoryBase, memorySize, UnsafeMutableRawPointer(context))
        guard words != 0 else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        return next(pc + words, sp, memoryBase, memorySize, fuel, state)
    }

    /// `v128.load` on memory 0 (`Op.simdLoad`; the address as `memoryAccess` computes it).
    static let handleSIMDLoad: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let address = simdAddress(pc, sp)
        guard address &+ 16 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 16 <= memorySize, checked above.
        V128Operands(pc: pc, sp: sp).result(loadUnaligned128(memoryBase + Int(address)))
        return next(pc + 4, sp, memoryBase, memorySize, fuel, state)
    }

    /// `v128.store` on memory 0 (`Op.simdStore`).
    static let handleSIMDStore: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let address = simdAddress(pc, sp)
        guard address &+ 16 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 16 <= memorySize, checked above.
        storeUnaligned128(V128Operands(pc: pc, sp: sp).second(U64x2.self), to: memoryBase + Int(address))
        return next(pc + 4, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleSIMDI32x4Add: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.i32x4Add)
    }

    static let handleSIMDI32x4Mul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.i32x4Mul)
    }

    static let handleSIMDI16x8Add: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.i16x8Add)
    }

    static let handleSIMDI16x8Shl: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.i16x8Shl)
    }

    static let handleSIMDI16x8ShrU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.i16x8ShrU)
    }

    static let handleSIMDI16x8ExtendLowI8x16U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.i16x8ExtendLowI8x16U)
    }

    static let handleSIMDI16x8ExtendHighI8x16U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.i16x8ExtendHighI8x16U)
    }

    static let handleSIMDI32x4ExtendLowI16x8U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.i32x4ExtendLowI16x8U)
    }

    static let handleSIMDI8x16NarrowI16x8U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.i8x16NarrowI16x8U)
    }

    static let handleSIMDV128Xor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.v128Xor)
    }

    static let handleSIMDV128And: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        simdLanes(pc, sp, memoryBase, memorySize, fuel, state, SIMDLanes.v128And)
    }

    /// slot `a` = global `b | c << 16` of the running instance.
    static let handleGlobalGet: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let globals = ThreadedState.registers(state).pointee.context.unsafelyUnwrapped.pointee.globals
        sp[a(pc)] = globals[bc(pc)].pointee
        return next(pc + 1, sp, memoryBase, memorySize, fuel, state)
    }

    /// global `b | c << 16` of the running instance = slot `a`.
    static let handleGlobalSet: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let globals = ThreadedState.registers(state).pointee.context.unsafelyUnwrapped.pointee.globals
        globals[bc(pc)].pointee = sp[a(pc)]
        return next(pc + 1, sp, memoryBase, memorySize, fuel, state)
    }

    /// `return` to a caller that a threaded call left (see `ThreadedRegisters.threadedBase`);
    /// any other return leaves for the switch.
    static let handleReturn: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let registers = ThreadedState.registers(state)
        let top = registers.pointee.frameTop.unsafelyUnwrapped
        guard top > registers.pointee.threadedBase.unsafelyUnwrapped else { return leave(pc, sp, fuel, state) }
        var fuel = fuel
        guard take(UInt64(a(pc)), from: &fuel) else { return trapped(.outOfFuel, pc, fuel: 0, state) }
        let frame = top - 1
        registers.pointee.frameTop = frame
        return next(frame.pointee.returnPC, frame.pointee.sp, memoryBase, memorySize, fuel, state)
    }

    /// `zeroLocals`: the function's entry, zeroing its locals after the parameters. It is the callee's
    /// op rather than part of `call`, so that `callLocal` needs few registers (no saves to the
    /// native stack) and a function without locals pays nothing.
    static let handleZeroLocals: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let first = UnsafeMutableRawPointer(sp + a(pc))
        let count = b(pc)
        // `zero` rather than a literal 0, which the compiler turns into a call to `memset`. Two
        // slots per store, the last pair overlapping the one before when `count` is odd: a plain
        // loop is vectorised with a prologue that saves registers to the native stack.
        let zero = SIMD2(repeating: ThreadedState.registers(state).pointee.zero)
        if count == 1 {
            first.storeBytes(of: zero[0], as: UInt64.self)
        } else {
            var byteOffset = 0
            let lastPair = (count &- 2) &* 8
            while byteOffset < lastPair {
                first.storeBytes(of: zero, toByteOffset: byteOffset, as: SIMD2<UInt64>.self)
                byteOffset &+= 16
            }
            first.storeBytes(of: zero, toByteOffset: lastPair, as: SIMD2<UInt64>.self)
        }
        return next(pc + 1, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleCount: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        guard take(UInt64(a(pc)), from: &fuel) else { return trapped(.outOfFuel, pc, fuel: 0, state) }
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleJump: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        pc += Int(Int64(bitPattern: pc[1]))
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleBr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        guard take(UInt64(a(pc)), from: &fuel) else { return trapped(.outOfFuel, pc, fuel: 0, state) }
        pc += Int(Int64(bitPattern: pc[1]))
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleBrIf: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        guard take(UInt64(b(pc)), from: &fuel) else { return trapped(.outOfFuel, pc, fuel: 0, state) }
        if UInt32(truncatingIfNeeded: sp[a(pc)]) != 0 {
            pc += Int(Int64(bitPattern: pc[1]))
        } else {
            pc += 2
        }
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleBrIfNot: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        guard take(UInt64(b(pc)), from: &fuel) else { return trapped(.outOfFuel, pc, fuel: 0, state) }
        if UInt32(truncatingIfNeeded: sp[a(pc)]) == 0 {
            pc += Int(Int64(bitPattern: pc[1]))
        } else {
            pc += 2
        }
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleBrTable: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        guard take(UInt64(b(pc)), from: &fuel) else { return trapped(.outOfFuel, pc, fuel: 0, state) }
        let targets = pc[1]
        let index = min(UInt64(UInt32(truncatingIfNeeded: sp[a(pc)])), targets)
        pc += Int(Int64(bitPattern: pc[2 + Int(index)]))
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    // MARK: Data movement
    static let handleCopy: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        sp[a(pc)] = sp[b(pc)]
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleCopy2: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        sp[a(pc)] = sp[b(pc)]
        sp[c(pc)] = sp[Int(truncatingIfNeeded: pc[1])]
        return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleCopy128: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let source = b(pc)
        let destination = a(pc)
        let low = sp[source]
        let high = sp[source + 1]
        sp[destination] = low
        sp[destination + 1] = high
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleCopySpan: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        // SAFETY: both ranges are inside the frame (Lowering checked the frame's slots);
        // copyMemory is a memmove, so overlapping ranges are fine.
        UnsafeMutableRawPointer(sp + a(pc)).copyMemory(
            from: sp + b(pc), byteCount: c(pc) &* MemoryLayout<UInt64>.stride)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleConst32: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        sp[a(pc)] = UInt64(bc(pc))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleConst64: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        sp[a(pc)] = pc[1]
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleConst128: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        sp[a(pc)] = pc[1]
        sp[a(pc) + 1] = pc[2]
        pc += 3
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleSelect: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let condition = UInt32(truncatingIfNeeded: sp[Int(pc[1])])
        sp[a(pc)] = condition != 0 ? sp[b(pc)] : sp[c(pc)]
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleSelect128: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let condition = UInt32(truncatingIfNeeded: sp[Int(pc[1])])
        let source = condition != 0 ? b(pc) : c(pc)
        let low = sp[source]
        let high = sp[source + 1]
        sp[a(pc)] = low
        sp[a(pc) + 1] = high
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    // MARK: Wide arithmetic
    static let handleI64Add128: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let base = a(pc)
        let (low, carry) = sp[base].addingReportingOverflow(sp[base + 2])
        sp[base + 1] = sp[base + 1] &+ sp[base + 3] &+ (carry ? 1 : 0)
        sp[base] = low
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Sub128: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let base = a(pc)
        let (low, borrow) = sp[base].subtractingReportingOverflow(sp[base + 2])
        sp[base + 1] = sp[base + 1] &- sp[base + 3] &- (borrow ? 1 : 0)
        sp[base] = low
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64MulWideS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let base = a(pc)
        let product = Int64(bitPattern: sp[base]).multipliedFullWidth(by: Int64(bitPattern: sp[base + 1]))
        sp[base] = product.low
        sp[base + 1] = UInt64(bitPattern: product.high)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64MulWideU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let base = a(pc)
        let product = sp[base].multipliedFullWidth(by: sp[base + 1])
        sp[base] = product.low
        sp[base + 1] = product.high
        pc += 1

        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    /// The handler of every op: threaded ops run here, the slow-path ops (`OpDispatch.slowPath`)
    /// exit to the switch in `execute`. Exhaustive: a new op does not compile until it is here.
    static func handler(for op: Op) -> Handler {
        switch op {
        case .unreachable, .call, .callIndirect, .returnCall, .returnCallIndirect, .throw, .throwRef, .globalGet128,
            .globalSet128, .counterGet, .counterSet, .refFunc, .memoryAccess, .memorySize, .memoryGrow, .memoryFill,
            .memoryCopy, .memoryInit, .dataDrop, .tableGet, .tableSet, .tableSize, .tableGrow, .tableFill, .tableInit,
            .tableCopy, .elemDrop, .i32TruncF32S, .i32TruncF32U, .i32TruncF64S, .i32TruncF64U, .i64TruncF32S,
            .i64TruncF32U, .i64TruncF64S, .i64TruncF64U:
            exit
        case .callLocal: handleCallLocal
        case .zeroLocals: handleZeroLocals
        case .globalGet: handleGlobalGet
        case .simd: handleSIMD
        case .simdLoad: handleSIMDLoad
        case .simdStore: handleSIMDStore
        case .simdI32x4Add: handleSIMDI32x4Add
        case .simdI32x4Mul: handleSIMDI32x4Mul
        case .simdI16x8Add: handleSIMDI16x8Add
        case .simdI16x8Shl: handleSIMDI16x8Shl
        case .simdI16x8ShrU: handleSIMDI16x8ShrU
        case .simdI16x8ExtendLowI8x16U: handleSIMDI16x8ExtendLowI8x16U
        case .simdI16x8ExtendHighI8x16U: handleSIMDI16x8ExtendHighI8x16U
        case .simdI32x4ExtendLowI16x8U: handleSIMDI32x4ExtendLowI16x8U
        case .simdI8x16NarrowI16x8U: handleSIMDI8x16NarrowI16x8U
        case .simdV128Xor: handleSIMDV128Xor
        case .simdV128And: handleSIMDV128And
        case .globalSet: handleGlobalSet
        case .return: handleReturn
        case .count: handleCount
        case .jump: handleJump
        case .br: handleBr
        case .brIf: handleBrIf
        case .brIfNot: handleBrIfNot
        case .brTable: handleBrTable
        case .copy: handleCopy
        case .copy2: handleCopy2
        case .copy128: handleCopy128
        case .copySpan: handleCopySpan
        case .const32: handleConst32
        case .const64: handleConst64
        case .const128: handleConst128
        case .select: handleSelect
        case .select128: handleSelect128
        case .i64Add128: handleI64Add128
        case .i64Sub128: handleI64Sub128
        case .i64MulWideS: handleI64MulWideS
        case .i64MulWideU: handleI64MulWideU
        case .i32Load: handleI32Load
        case .i64Load: handleI64Load
        case .f32Load: handleF32Load
        case .f64Load: handleF64Load
        case .i32Load8S: handleI32Load8S
        case .i32Load8U: handleI32Load8U
        case .i32Load16S: handleI32Load16S
        case .i32Load16U: handleI32Load16U
        case .i64Load8S: handleI64Load8S
        case .i64Load8U: handleI64Load8U
        case .i64Load16S: handleI64Load16S
        case .i64Load16U: handleI64Load16U
        case .i64Load32S: handleI64Load32S
        case .i64Load32U: handleI64Load32U
        case .i32Store: handleI32Store
        case .i64Store: handleI64Store
        case .f32Store: handleF32Store
        case .f64Store: handleF64Store
        case .i32Store8: handleI32Store8
        case .i32Store16: handleI32Store16
        case .i64Store8: handleI64Store8
        case .i64Store16: handleI64Store16
        case .i64Store32: handleI64Store32
        case .store8Imm: handleStore8Imm
        case .store16Imm: handleStore16Imm
        case .store32Imm: handleStore32Imm
        case .store64Imm: handleStore64Imm
        case .i32Add: handleI32Add
        case .i32Sub: handleI32Sub
        case .i32Mul: handleI32Mul
        case .i32And: handleI32And
        case .i32Or: handleI32Or
        case .i32Xor: handleI32Xor
        case .i32Shl: handleI32Shl
        case .i32ShrU: handleI32ShrU
        case .i32ShrS: handleI32ShrS
        case .i32Rotl: handleI32Rotl
        case .i32Rotr: handleI32Rotr
        case .i32Eq: handleI32Eq
        case .i32Ne: handleI32Ne
        case .i32LtU: handleI32LtU
        case .i32LtS: handleI32LtS
        case .i32GtU: handleI32GtU
        case .i32GtS: handleI32GtS
        case .i32LeU: handleI32LeU
        case .i32LeS: handleI32LeS
        case .i32GeU: handleI32GeU
        case .i32GeS: handleI32GeS
        case .i32Eqz: handleI32Eqz
        case .i32Clz: handleI32Clz
        case .i32Ctz: handleI32Ctz
        case .i32Popcnt: handleI32Popcnt
        case .i32DivU: handleI32DivU
        case .i32RemU: handleI32RemU
        case .i32DivS: handleI32DivS
        case .i32RemS: handleI32RemS
        case .i64Add: handleI64Add
        case .i64Sub: handleI64Sub
        case .i64Mul: handleI64Mul
        case .i64And: handleI64And
        case .i64Or: handleI64Or
        case .i64Xor: handleI64Xor
        case .i64Shl: handleI64Shl
        case .i64ShrU: handleI64ShrU
        case .i64ShrS: handleI64ShrS
        case .i64Rotl: handleI64Rotl
        case .i64Rotr: handleI64Rotr
        case .i64Eq: handleI64Eq
        case .i64Ne: handleI64Ne
        case .i64LtU: handleI64LtU
        case .i64LtS: handleI64LtS
        case .i64GtU: handleI64GtU
        case .i64GtS: handleI64GtS
        case .i64LeU: handleI64LeU
        case .i64LeS: handleI64LeS
        case .i64GeU: handleI64GeU
        case .i64GeS: handleI64GeS
        case .i64Eqz: handleI64Eqz
        case .i64Clz: handleI64Clz
        case .i64Ctz: handleI64Ctz
        case .i64Popcnt: handleI64Popcnt
        case .i64DivU: handleI64DivU
        case .i64RemU: handleI64RemU
        case .i64DivS: handleI64DivS
        case .i64RemS: handleI64RemS
        case .f32Add: handleF32Add
        case .f32Sub: handleF32Sub
        case .f32Mul: handleF32Mul
        case .f32Div: handleF32Div
        case .f32Min: handleF32Min
        case .f32Max: handleF32Max
        case .f32Sqrt: handleF32Sqrt
        case .f32Ceil: handleF32Ceil
        case .f32Floor: handleF32Floor
        case .f32Trunc: handleF32Trunc
        case .f32Nearest: handleF32Nearest
        case .f32Eq: handleF32Eq
        case .f32Ne: handleF32Ne
        case .f32Lt: handleF32Lt
        case .f32Gt: handleF32Gt
        case .f32Le: handleF32Le
        case .f32Ge: handleF32Ge
        case .f32Abs: handleF32Abs
        case .f32Neg: handleF32Neg
        case .f32Copysign: handleF32Copysign
        case .f64Add: handleF64Add
        case .f64Sub: handleF64Sub
        case .f64Mul: handleF64Mul
        case .f64Div: handleF64Div
        case .f64Min: handleF64Min
        case .f64Max: handleF64Max
        case .f64Sqrt: handleF64Sqrt
        case .f64Ceil: handleF64Ceil
        case .f64Floor: handleF64Floor
        case .f64Trunc: handleF64Trunc
        case .f64Nearest: handleF64Nearest
        case .f64Eq: handleF64Eq
        case .f64Ne: handleF64Ne
        case .f64Lt: handleF64Lt
        case .f64Gt: handleF64Gt
        case .f64Le: handleF64Le
        case .f64Ge: handleF64Ge
        case .f64Abs: handleF64Abs
        case .f64Neg: handleF64Neg
        case .f64Copysign: handleF64Copysign
        case .i32WrapI64: handleI32WrapI64
        case .i64ExtendI32S: handleI64ExtendI32S
        case .i64ExtendI32U: handleI64ExtendI32U
        case .i32Extend8S: handleI32Extend8S
        case .i32Extend16S: handleI32Extend16S
        case .i64Extend8S: handleI64Extend8S
        case .i64Extend16S: handleI64Extend16S
        case .i64Extend32S: handleI64Extend32S
        case .f32ConvertI32S: handleF32ConvertI32S
        case .f32ConvertI32U: handleF32ConvertI32U
        case .f32ConvertI64S: handleF32ConvertI64S
        case .f32ConvertI64U: handleF32ConvertI64U
        case .f64ConvertI32S: handleF64ConvertI32S
        case .f64ConvertI32U: handleF64ConvertI32U
        case .f64ConvertI64S: handleF64ConvertI64S
        case .f64ConvertI64U: handleF64ConvertI64U
        case .f32DemoteF64: handleF32DemoteF64
        case .f64PromoteF32: handleF64PromoteF32
        case .i32ReinterpretF32: handleI32ReinterpretF32
        case .f32ReinterpretI32: handleF32ReinterpretI32
        case .i64ReinterpretF64: handleI64ReinterpretF64
        case .f64ReinterpretI64: handleF64ReinterpretI64
        case .i32TruncSatF32S: handleI32TruncSatF32S
        case .i32TruncSatF64S: handleI32TruncSatF64S
        case .i32TruncSatF32U: handleI32TruncSatF32U
        case .i32TruncSatF64U: handleI32TruncSatF64U
        case .i64TruncSatF32S: handleI64TruncSatF32S
        case .i64TruncSatF64S: handleI64TruncSatF64S
        case .i64TruncSatF32U: handleI64TruncSatF32U
        case .i64TruncSatF64U: handleI64TruncSatF64U
        case .i32AddImm: handleI32AddImm
        case .i32SubImm: handleI32SubImm
        case .i32MulImm: handleI32MulImm
        case .i32AndImm: handleI32AndImm
        case .i32OrImm: handleI32OrImm
        case .i32XorImm: handleI32XorImm
        case .i32ShlImm: handleI32ShlImm
        case .i32ShrUImm: handleI32ShrUImm
        case .i32ShrSImm: handleI32ShrSImm
        case .i32RotlImm: handleI32RotlImm
        case .i32RotrImm: handleI32RotrImm
        case .i32EqImm: handleI32EqImm
        case .i32NeImm: handleI32NeImm
        case .i32LtUImm: handleI32LtUImm
        case .i32GtUImm: handleI32GtUImm
        case .i32LeUImm: handleI32LeUImm
        case .i32GeUImm: handleI32GeUImm
        case .i32LtSImm: handleI32LtSImm
        case .i32GtSImm: handleI32GtSImm
        case .i32LeSImm: handleI32LeSImm
        case .i32GeSImm: handleI32GeSImm
        case .i64AddImm: handleI64AddImm
        case .i64SubImm: handleI64SubImm
        case .i64MulImm: handleI64MulImm
        case .i64AndImm: handleI64AndImm
        case .i64OrImm: handleI64OrImm
        case .i64XorImm: handleI64XorImm
        case .i64ShlImm: handleI64ShlImm
        case .i64ShrUImm: handleI64ShrUImm
        case .i64ShrSImm: handleI64ShrSImm
        case .i64RotlImm: handleI64RotlImm
        case .i64RotrImm: handleI64RotrImm
        case .i64EqImm: handleI64EqImm
        case .i64NeImm: handleI64NeImm
        case .i64LtUImm: handleI64LtUImm
        case .i64GtUImm: handleI64GtUImm
        case .i64LeUImm: handleI64LeUImm
        case .i64GeUImm: handleI64GeUImm
        case .i64LtSImm: handleI64LtSImm
        case .i64GtSImm: handleI64GtSImm
        case .i64LeSImm: handleI64LeSImm
        case .i64GeSImm: handleI64GeSImm
        case .brIfI32Eq: handleBrIfI32Eq
        case .brIfI32EqImm: handleBrIfI32EqImm
        case .brIfI32Ne: handleBrIfI32Ne
        case .brIfI32NeImm: handleBrIfI32NeImm
        case .brIfI32LtU: handleBrIfI32LtU
        case .brIfI32LtUImm: handleBrIfI32LtUImm
        case .brIfI32GtU: handleBrIfI32GtU
        case .brIfI32GtUImm: handleBrIfI32GtUImm
        case .brIfI32LeU: handleBrIfI32LeU
        case .brIfI32LeUImm: handleBrIfI32LeUImm
        case .brIfI32GeU: handleBrIfI32GeU
        case .brIfI32GeUImm: handleBrIfI32GeUImm
        case .brIfI32LtS: handleBrIfI32LtS
        case .brIfI32LtSImm: handleBrIfI32LtSImm
        case .brIfI32GtS: handleBrIfI32GtS
        case .brIfI32GtSImm: handleBrIfI32GtSImm
        case .brIfI32LeS: handleBrIfI32LeS
        case .brIfI32LeSImm: handleBrIfI32LeSImm
        case .brIfI32GeS: handleBrIfI32GeS
        case .brIfI32GeSImm: handleBrIfI32GeSImm
        case .i32AddThenAdd: handleI32AddThenAdd
        case .i32AddThenXor: handleI32AddThenXor
        case .i32AddThenAnd: handleI32AddThenAnd
        case .i32AddThenOr: handleI32AddThenOr
        case .i32SubThenAdd: handleI32SubThenAdd
        case .i32SubThenXor: handleI32SubThenXor
        case .i32SubThenAnd: handleI32SubThenAnd
        case .i32SubThenOr: handleI32SubThenOr
        case .i32MulThenAdd: handleI32MulThenAdd
        case .i32MulThenXor: handleI32MulThenXor
        case .i32MulThenAnd: handleI32MulThenAnd
        case .i32MulThenOr: handleI32MulThenOr
        case .i32AndThenAdd: handleI32AndThenAdd
        case .i32AndThenXor: handleI32AndThenXor
        case .i32AndThenAnd: handleI32AndThenAnd
        case .i32AndThenOr: handleI32AndThenOr
        case .i32OrThenAdd: handleI32OrThenAdd
        case .i32OrThenXor: handleI32OrThenXor
        case .i32OrThenAnd: handleI32OrThenAnd
        case .i32OrThenOr: handleI32OrThenOr
        case .i32XorThenAdd: handleI32XorThenAdd
        case .i32XorThenXor: handleI32XorThenXor
        case .i32XorThenAnd: handleI32XorThenAnd
        case .i32XorThenOr: handleI32XorThenOr
        case .i32ShlImmThenAdd: handleI32ShlImmThenAdd
        case .i32ShlImmThenXor: handleI32ShlImmThenXor
        case .i32ShlImmThenAnd: handleI32ShlImmThenAnd
        case .i32ShlImmThenOr: handleI32ShlImmThenOr
        case .i32ShrUImmThenAdd: handleI32ShrUImmThenAdd
        case .i32ShrUImmThenXor: handleI32ShrUImmThenXor
        case .i32ShrUImmThenAnd: handleI32ShrUImmThenAnd
        case .i32ShrUImmThenOr: handleI32ShrUImmThenOr
        case .i32RotlImmThenAdd: handleI32RotlImmThenAdd
        case .i32RotlImmThenXor: handleI32RotlImmThenXor
        case .i32RotlImmThenAnd: handleI32RotlImmThenAnd
        case .i32RotlImmThenOr: handleI32RotlImmThenOr
        case .i32MulImmThenAdd: handleI32MulImmThenAdd
        case .i32MulImmThenXor: handleI32MulImmThenXor
        case .i32MulImmThenAnd: handleI32MulImmThenAnd
        case .i32MulImmThenOr: handleI32MulImmThenOr
        case .i32AndImmThenAdd: handleI32AndImmThenAdd
        case .i32AndImmThenXor: handleI32AndImmThenXor
        case .i32AndImmThenAnd: handleI32AndImmThenAnd
        case .i32AndImmThenOr: handleI32AndImmThenOr
        case .i32AddImmThenAdd: handleI32AddImmThenAdd
        case .i32AddImmThenXor: handleI32AddImmThenXor
        case .i32AddImmThenAnd: handleI32AddImmThenAnd
        case .i32AddImmThenOr: handleI32AddImmThenOr
        case .brIfF64Lt: handleBrIfF64Lt
        case .brIfF64LtImm: handleBrIfF64LtImm
        case .brIfF64Gt: handleBrIfF64Gt
        case .brIfF64GtImm: handleBrIfF64GtImm
        case .brIfF64Le: handleBrIfF64Le
        case .brIfF64LeImm: handleBrIfF64LeImm
        case .brIfF64Ge: handleBrIfF64Ge
        case .brIfF64GeImm: handleBrIfF64GeImm
        case .brIfNotF64Lt: handleBrIfNotF64Lt
        case .brIfNotF64LtImm: handleBrIfNotF64LtImm
        case .brIfNotF64Gt: handleBrIfNotF64Gt
        case .brIfNotF64GtImm: handleBrIfNotF64GtImm
        case .brIfNotF64Le: handleBrIfNotF64Le
        case .brIfNotF64LeImm: handleBrIfNotF64LeImm
        case .brIfNotF64Ge: handleBrIfNotF64Ge
        case .brIfNotF64GeImm: handleBrIfNotF64GeImm
        case .f64AddThenAdd: handleF64AddThenAdd
        case .f64AddThenMul: handleF64AddThenMul
        case .f64AddThenMulThenAdd: handleF64AddThenMulThenAdd
        case .f64AddThenSub: handleF64AddThenSub
        case .f64AddThenSubFrom: handleF64AddThenSubFrom
        case .f64SubThenAdd: handleF64SubThenAdd
        case .f64SubThenMul: handleF64SubThenMul
        case .f64SubThenSub: handleF64SubThenSub
        case .f64SubThenSubFrom: handleF64SubThenSubFrom
        case .f64MulThenAdd: handleF64MulThenAdd
        case .f64MulThenMul: handleF64MulThenMul
        case .f64MulThenSub: handleF64MulThenSub
        case .f64MulThenSubFrom: handleF64MulThenSubFrom
        case .i32Load8UThenAdd: handleI32Load8UThenAdd
        case .i32Load8UThenXor: handleI32Load8UThenXor
        case .i32LoadThenAdd: handleI32LoadThenAdd
        case .i32LoadThenXor: handleI32LoadThenXor
        case .f64LoadThenAdd: handleF64LoadThenAdd
        case .f64LoadThenSub: handleF64LoadThenSub
        case .f64LoadThenSubFrom: handleF64LoadThenSubFrom
        case .f64LoadThenMul: handleF64LoadThenMul
        case .f64AddToMemory: handleF64AddToMemory
        case .f64SubFromMemory: handleF64SubFromMemory
        case .i32AddImmAndCopy: handleI32AddImmAndCopy
        case .i32AddImmPair: handleI32AddImmPair
        case .move8: handleMove8
        case .move16: handleMove16
        case .move32: handleMove32
        case .move64: handleMove64
        case .i32AddImmThenBrIf: handleI32AddImmThenBrIf
        case .i32AddImmThenBrIfNeImm: handleI32AddImmThenBrIfNeImm
        case .i32AddImmThenBrIfLtUImm: handleI32AddImmThenBrIfLtUImm
        case .i32AddImmThenBrIfNe: handleI32AddImmThenBrIfNe
        case .i32AddImmThenBrIfLtU: handleI32AddImmThenBrIfLtU
        case .i32AddImmThenBrIfGeU: handleI32AddImmThenBrIfGeU
        case .i32AddImmThenBrIfGtS: handleI32AddImmThenBrIfGtS
        case .i32AddThenBrIfNeImm: handleI32AddThenBrIfNeImm
        case .i32AddThenBrIfLtUImm: handleI32AddThenBrIfLtUImm
        case .i32AddThenBrIfNe: handleI32AddThenBrIfNe
        case .i32AddThenBrIfLtU: handleI32AddThenBrIfLtU
        case .i32AddThenBrIfGeU: handleI32AddThenBrIfGeU
        case .i32AddThenBrIfGtS: handleI32AddThenBrIfGtS
        case .brIfF64AddLtImm: handleBrIfF64AddLtImm
        case .brIfNotF64AddLtImm: handleBrIfNotF64AddLtImm
        case .brIfF64AddGtImm: handleBrIfF64AddGtImm
        case .brIfNotF64AddGtImm: handleBrIfNotF64AddGtImm
        case .brIfF64AddLeImm: handleBrIfF64AddLeImm
        case .brIfNotF64AddLeImm: handleBrIfNotF64AddLeImm
        case .brIfF64AddGeImm: handleBrIfF64AddGeImm
        case .brIfNotF64AddGeImm: handleBrIfNotF64AddGeImm
        case .i32LoadThenBrIfLtS: handleI32LoadThenBrIfLtS
        case .i32LoadThenBrIfGtS: handleI32LoadThenBrIfGtS
        case .i32LoadThenBrIfNe: handleI32LoadThenBrIfNe
        case .i32Load8UThenBrIfLtS: handleI32Load8UThenBrIfLtS
        case .i32Load8UThenBrIfGtS: handleI32Load8UThenBrIfGtS
        case .i32Load8UThenBrIfNe: handleI32Load8UThenBrIfNe
        }
    }
}
