// Threaded dispatch for the simple ops: each runs in its own handler, which ends by calling the
// next op's handler from the table. In release builds that call is a tail call (a `jmp`), so every
// handler has its own indirect jump, which the branch predictor learns separately; the one shared
// jump of a `switch` was where most of the loop's time went. Ops that need the instance or the host
// (calls into other instances or the host, returns that leave `execute`, v128 globals, bulk memory,
// tables) are not threaded: their handler is `exit`, which returns to the switch in `execute`
// (Interpreter+Execute.swift). Which ops those are is their row in Lowering/Op+Info.swift
// (`OpDispatch`); the handlers are in ThreadedHandlers+*.swift by family (Control, Data, Numeric,
// Immediate, Branch, Chain, Memory, SIMD), each named by its op's row.
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
    static let handlers: [Handler] = Op.allCases.map(\.info.handler)

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
                // Unoptimised builds step, so the tests and the spec suite check every handler's
                // `next(pc + n)` against its op's length in the op table.
                assert(
                    pc == before + UnsafeRawPointer(before).load(as: Op.self).wordCount(at: before)
                        || UnsafeRawPointer(before).load(as: Op.self).mayJump,
                    "a handler went on by a length its op's row (Lowering/Op+Info.swift) does not give")
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

/// The handlers of the threaded ops (see the file's header).
enum ThreadedHandlers {
    /// The handler of every op that is not threaded: returns to the switch in `execute`.
    static let exit: Handler = { pc, sp, _, _, fuel, state in leave(pc, sp, fuel, state) }
}
