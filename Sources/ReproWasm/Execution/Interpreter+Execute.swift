// The interpreter's entry and its switch for the ops that are not threaded (calls into other
// instances and the host, returns that leave `execute`, v128 globals, bulk memory, tables, SIMD,
// trapping conversions). Every other op runs in the threaded handlers (Dispatch.swift), which
// the switch's `default` enters and which return here at the next op they do not run. Rare work
// goes to `@inline(never)` helpers in Interpreter+SlowPath.swift.

#if _endian(big)
    #error("ReproWasm's interpreter assumes a little-endian host, as WebAssembly memory is little-endian")
#endif

/// Operand `a` (bits 16-31) of a head word.
@inline(__always) func a(_ word: UInt64) -> Int { Int(truncatingIfNeeded: word &>> 16) & 0xFFFF }
/// Operand `b` (bits 32-47) of a head word.
@inline(__always) func b(_ word: UInt64) -> Int { Int(truncatingIfNeeded: word &>> 32) & 0xFFFF }
/// Operand `c` (bits 48-63) of a head word.
@inline(__always) func c(_ word: UInt64) -> Int { Int(truncatingIfNeeded: word &>> 48) }
/// Counts `increment` instructions by taking them from the fuel left, or traps with "out of fuel"
/// after taking exactly what is left (so a folded increment traps with the count that counting one
/// by one would leave).
///
/// The loop keeps only `fuel` in a register: the counter is `countBase &- fuel` (wrapping), so one
/// compare and one subtraction count an instruction and check the budget. Without a budget, fuel
/// starts at `UInt64.max`, which 2^64 increments would be needed to use up.
@inline(__always)
func charge(_ increment: UInt64, fuel: inout UInt64) throws(TrapCode) {
    if increment > fuel {
        fuel = 0
        throw .outOfFuel
    }
    fuel &-= increment
}

/// Operands `b` and `c` together (bits 32-63): a 32-bit index or constant.
@inline(__always) func bc(_ word: UInt64) -> Int { Int(truncatingIfNeeded: word &>> 32) }

// The same fields read from the instruction at `pc` one by one: each is a single 16- or 32-bit load
// (the host is little-endian, so bits 16-31 are bytes 2-3), where loading the word and shifting it
// costs two or three instructions per field. The threaded handlers use these.

/// Operand `a` of the instruction at `pc`.
@inline(__always) func a(_ pc: UnsafePointer<UInt64>) -> Int { field(pc, 2) }
/// Operand `b` of the instruction at `pc`.
@inline(__always) func b(_ pc: UnsafePointer<UInt64>) -> Int { field(pc, 4) }
/// Operand `c` of the instruction at `pc`.
@inline(__always) func c(_ pc: UnsafePointer<UInt64>) -> Int { field(pc, 6) }
/// The op of the instruction at `pc`, as an `Op` raw value.
@inline(__always) func op(_ pc: UnsafePointer<UInt64>) -> Int { field(pc, 0) }
/// Operands `b` and `c` of the instruction at `pc` together.
@inline(__always) func bc(_ pc: UnsafePointer<UInt64>) -> Int {
    Int(UnsafeRawPointer(pc).load(fromByteOffset: 4, as: UInt32.self))
}

/// The 16-bit field at `byteOffset` of the instruction at `pc`.
@inline(__always) func field(_ pc: UnsafePointer<UInt64>, _ byteOffset: Int) -> Int {
    Int(UnsafeRawPointer(pc).load(fromByteOffset: byteOffset, as: UInt16.self))
}

/// Continues at an exception's landing pad: takes its pc, sp, frame depth and function, and reloads
/// the instance state the loop caches (context, memory 0's base and size, globals) from that
/// function's instance. Reloaded unconditionally: the pad may be in another instance, and a host
/// function that threw may have grown the memory. Only unwinding runs it.
@inline(__always)
func adopt(
    _ landing: Landing, pc: inout UnsafePointer<UInt64>, sp: inout UnsafeMutablePointer<UInt64>, depth: inout Int,
    function: inout UnsafeMutablePointer<FunctionInstance>, context: inout UnsafeMutablePointer<InstanceContext>,
    memoryBase: inout UnsafeMutableRawPointer, memorySize: inout UInt64,
    globals: inout UnsafeMutablePointer<UnsafeMutablePointer<UInt64>>
) {
    (pc, sp, depth, function) = (landing.pc, landing.sp, landing.depth, landing.function)
    // SAFETY of the unwrap: a landing pad is in a wasm function, which always has an instance.
    context = function.pointee.instance!
    memoryBase = context.pointee.memory0.pointee.base
    memorySize = UInt64(context.pointee.memory0.pointee.byteCount)
    globals = context.pointee.globals
}

extension StoreRuntime {
    /// Runs `entry` (a wasm function) whose frame starts at `entrySP`, arguments in place, until it
    /// returns (a function's code zeroes its own locals: `Op.zeroLocals`). Results are left in its frame's first slots.
    ///
    /// Wasm-to-wasm calls push a `CallFrame` on the store's frame stack and continue with the
    /// callee's code (in the threaded handlers or here); the native stack never grows with wasm
    /// recursion. On a trap, `trapFunction` and `trapPC` say where.
    @inline(never)
    func execute(_ entry: UnsafeMutablePointer<FunctionInstance>, sp entrySP: UnsafeMutablePointer<UInt64>)
        throws(TrapCode)
    {
        // SAFETY: `entry` is a wasm function; its code ends in `return` and every branch target was
        // resolved by Lowering, so `pc` never leaves the code buffer.
        var pc = entry.pointee.code!
        var sp = entrySP
        // The running function: the callee of the top frame, or at `baseDepth` the base function
        // (`entry`, or what it tail-called).
        var function = entry
        var baseFunction = entry
        var context = entry.pointee.instance!
        var memoryBase = context.pointee.memory0.pointee.base
        var memorySize = UInt64(context.pointee.memory0.pointee.byteCount)
        var globals = context.pointee.globals
        // The counter is `countBase &- fuel` (see `charge`).
        var countBase = counter &+ self.fuel
        var fuel = self.fuel
        let baseDepth = frameTop
        var depth = frameTop
        let maxDepth = limits.maxCallDepth - 1
        let stackEnd = self.stackEnd
        let frames = self.frames
        defer {
            counter = countBase &- fuel
            self.fuel = fuel
            frameTop = baseDepth
        }
        do throws(TrapCode) {
            while true {
                let word = pc.pointee
                // SAFETY: Lowering writes a valid `Op` raw value into the low 16 bits of every head word.
                switch UnsafeRawPointer(pc).load(as: Op.self) {
                // MARK: Control
                case .unreachable:
                    throw .unreachable
                case .return:
                    try charge(UInt64(a(word)), fuel: &fuel)
                    if depth == baseDepth { return }
                    depth -= 1
                    let frame = frames[depth]
                    pc = frame.returnPC
                    sp = frame.sp
                    function = depth > baseDepth ? frames[depth - 1].callee : baseFunction
                    // Memory 0's view is shared by all frames of one instance (memory.grow refreshes it),
                    // so only a return into another instance reloads it.
                    if function.pointee.instance != context {
                        context = function.pointee.instance!
                        memoryBase = context.pointee.memory0.pointee.base
                        memorySize = UInt64(context.pointee.memory0.pointee.byteCount)
                        globals = context.pointee.globals
                    }
                case .call, .callLocal, .callIndirect:
                    let isIndirect = word & 0xFFFF == UInt64(Op.callIndirect.rawValue)
                    let callee: UnsafeMutablePointer<FunctionInstance>
                    let returnPC: UnsafePointer<UInt64>
                    if isIndirect {
                        callee = try resolveIndirect(context, table: c(word), index: sp[b(word)], typeIndex: Int(pc[1]))
                        returnPC = pc + 2
                    } else {
                        callee = context.pointee.functions[bc(word)]
                        returnPC = pc + 1
                    }
                    let calleeSP = sp + a(word)
                    guard let code = callee.pointee.code else {
                        // The calling frame counts towards the depth of wasm the host calls back into.
                        counter = countBase &- fuel
                        self.fuel = fuel
                        frameTop = depth + 1
                        do {
                            try callHost(callee, sp: calleeSP, caller: context)
                            pc = returnPC
                        } catch {
                            // What wasm the host called back into counted stays counted, whatever failed.
                            fuel = self.fuel
                            countBase = counter &+ fuel
                            // A wasm exception from the host is thrown at the call.
                            guard error == .uncaughtException, let exception = pendingException,
                                let landing = unwind(
                                    exception, pc: pc, sp: sp, function: function, depth: depth,
                                    baseDepth: baseDepth, baseFunction: baseFunction)
                            else { throw error }
                            pendingException = nil
                            adopt(
                                landing, pc: &pc, sp: &sp, depth: &depth, function: &function, context: &context,
                                memoryBase: &memoryBase, memorySize: &memorySize, globals: &globals)
                            continue
                        }
                        fuel = self.fuel
                        countBase = counter &+ fuel
                        memoryBase = context.pointee.memory0.pointee.base
                        memorySize = UInt64(context.pointee.memory0.pointee.byteCount)
                        continue
                    }
                    guard depth < maxDepth, calleeSP + callee.pointee.frameSlots <= stackEnd else {
                        throw .callStackExhausted
                    }
                    frames[depth] = CallFrame(returnPC: returnPC, sp: sp, callee: callee)
                    depth += 1
                    sp = calleeSP
                    pc = code
                    function = callee
                    if callee.pointee.instance != context {
                        context = callee.pointee.instance!
                        memoryBase = context.pointee.memory0.pointee.base
                        memorySize = UInt64(context.pointee.memory0.pointee.byteCount)
                        globals = context.pointee.globals
                    }
                case .returnCall, .returnCallIndirect:
                    let isIndirect = word & 0xFFFF == UInt64(Op.returnCallIndirect.rawValue)
                    let callee: UnsafeMutablePointer<FunctionInstance>
                    let increment: UInt64
                    if isIndirect {
                        callee = try resolveIndirect(context, table: c(word), index: sp[b(word)], typeIndex: Int(pc[1]))
                        increment = pc[2]
                    } else {
                        callee = context.pointee.functions[Int(pc[1])]
                        increment = UInt64(b(word))
                    }
                    try charge(increment, fuel: &fuel)
                    // The arguments move down to the frame's first slots; the frame is reused.
                    let argumentSlots = callee.pointee.parameterSlots
                    let source = sp + a(word)
                    if source != sp { sp.update(from: source, count: argumentSlots) }
                    guard let code = callee.pointee.code else {
                        // The frame being replaced still counts while the host runs (as for `call`).
                        counter = countBase &- fuel
                        self.fuel = fuel
                        frameTop = depth + 1
                        do {
                            try callHost(callee, sp: sp, caller: context)
                        } catch {
                            // What wasm the host called back into counted stays counted, whatever failed.
                            fuel = self.fuel
                            countBase = counter &+ fuel
                            // A wasm exception from the host unwinds from the caller: this frame is gone.
                            guard error == .uncaughtException, let exception = pendingException,
                                let landing = unwind(
                                    exception, pc: pc, sp: sp, function: function, depth: depth,
                                    baseDepth: baseDepth, baseFunction: baseFunction, skipsCurrentFrame: true)
                            else { throw error }
                            pendingException = nil
                            adopt(
                                landing, pc: &pc, sp: &sp, depth: &depth, function: &function, context: &context,
                                memoryBase: &memoryBase, memorySize: &memorySize, globals: &globals)
                            continue
                        }
                        fuel = self.fuel
                        countBase = counter &+ fuel
                        // Return to the caller as `return` would (the host's results are in slots 0...).
                        if depth == baseDepth { return }
                        depth -= 1
                        let frame = frames[depth]
                        pc = frame.returnPC
                        sp = frame.sp
                        function = depth > baseDepth ? frames[depth - 1].callee : baseFunction
                        context = function.pointee.instance!
                        memoryBase = context.pointee.memory0.pointee.base
                        memorySize = UInt64(context.pointee.memory0.pointee.byteCount)
                        globals = context.pointee.globals
                        continue
                    }
                    guard sp + callee.pointee.frameSlots <= stackEnd else { throw .callStackExhausted }
                    pc = code
                    function = callee
                    if depth > baseDepth { frames[depth - 1].callee = callee } else { baseFunction = callee }
                    if callee.pointee.instance != context {
                        context = callee.pointee.instance!
                        memoryBase = context.pointee.memory0.pointee.base
                        memorySize = UInt64(context.pointee.memory0.pointee.byteCount)
                        globals = context.pointee.globals
                    }

                // MARK: Exceptions (rare: out of line; the count was flushed just before)
                case .throw, .throwRef:
                    let exception: Int
                    if word & 0xFFFF == UInt64(Op.throw.rawValue) {
                        exception = makeException(context, tagIndex: bc(word), payload: sp + a(word))
                    } else {
                        let reference = sp[a(word)]
                        guard reference != 0 else { throw .nullExceptionReference }
                        // SAFETY of the index: exnref values come from this store's exceptions
                        // (`accepts` checks those from the host), and referenced ones are never freed.
                        exception = Int(reference &- 1)
                    }
                    guard
                        let landing = unwind(
                            exception, pc: pc, sp: sp, function: function, depth: depth, baseDepth: baseDepth,
                            baseFunction: baseFunction)
                    else {
                        pendingException = exception
                        throw .uncaughtException
                    }
                    adopt(
                        landing, pc: &pc, sp: &sp, depth: &depth, function: &function, context: &context,
                        memoryBase: &memoryBase, memorySize: &memorySize, globals: &globals)

                case .refAsNonNull:
                    guard sp[a(word)] != 0 else { throw .nullReference }
                    pc += 1

                case .globalGet128:
                    let cell = globals[bc(word)]
                    sp[a(word)] = cell[0]
                    sp[a(word) + 1] = cell[1]
                    pc += 1
                case .globalSet128:
                    let cell = globals[bc(word)]
                    cell[0] = sp[a(word)]
                    cell[1] = sp[a(word) + 1]
                    pc += 1
                case .counterGet:
                    sp[a(word)] = countBase &- fuel
                    pc += 1
                case .counterSet:
                    countBase = sp[a(word)] &+ fuel
                    pc += 1
                case .refFunc:
                    sp[a(word)] = UInt64(UInt(bitPattern: context.pointee.functions[bc(word)]))
                    pc += 1

                // MARK: Memory and tables (rare: out of line)
                case .memoryAccess:
                    try accessMemory(context, word: word, immediate: pc[1], sp: sp)
                    pc += 2
                case .memorySize:
                    sp[a(word)] = UInt64(context.pointee.memories[b(word)].pointee.pageCount)
                    pc += 1
                case .memoryGrow:
                    sp[a(word)] = UInt64(
                        UInt32(bitPattern: try growMemory(context.pointee.memories[b(word)], by: sp[a(word)])))
                    memoryBase = context.pointee.memory0.pointee.base
                    memorySize = UInt64(context.pointee.memory0.pointee.byteCount)
                    pc += 1
                case .memoryFill, .memoryCopy, .memoryInit, .dataDrop, .tableGet, .tableSet, .tableSize, .tableGrow,
                    .tableFill, .tableInit, .tableCopy, .elemDrop:
                    try runBulk(context, word: word, sp: sp)
                    pc += 1

                // MARK: Float-to-integer truncations (they trap on NaN and overflow, so they stay here)
                case .i32TruncF32S:
                    sp[a(word)] = try truncToI32S(Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)])))
                    pc += 1
                case .i32TruncF64S:
                    sp[a(word)] = try truncToI32S(Double(bitPattern: sp[b(word)]))
                    pc += 1
                case .i32TruncF32U:
                    sp[a(word)] = try truncToI32U(Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)])))
                    pc += 1
                case .i32TruncF64U:
                    sp[a(word)] = try truncToI32U(Double(bitPattern: sp[b(word)]))
                    pc += 1
                case .i64TruncF32S:
                    sp[a(word)] = try truncToI64S(Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)])))
                    pc += 1
                case .i64TruncF64S:
                    sp[a(word)] = try truncToI64S(Double(bitPattern: sp[b(word)]))
                    pc += 1
                case .i64TruncF32U:
                    sp[a(word)] = try truncToI64U(Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)])))
                    pc += 1
                case .i64TruncF64U:
                    sp[a(word)] = try truncToI64U(Double(bitPattern: sp[b(word)]))
                    pc += 1
                case .lowerOnEntry:
                    pc = try lowerOnEntry(function, sp: sp)
                default:
                    // Every other op is run by its threaded handler (`OpDispatch.threaded`).
                    let before = pc
                    try runThreaded(
                        &pc, sp: &sp, function: &function, depth: &depth, context: context,
                        maxDepth: maxDepth, memoryBase: memoryBase, memorySize: memorySize, fuel: &fuel)
                    // A threaded call or return that leaves comes back with its own `pc` (its case
                    // above runs it); a slow-path op without a case here would loop uncharged.
                    if _slowPath(pc == before) { checkHasCase(UnsafeRawPointer(pc).load(as: Op.self)) }
                }
            }
        } catch {
            trapPC = pc
            trapFunction = function
            throw error
        }
    }

    /// Stops the process when `op`, which the threaded handlers left to the switch, has no case in
    /// it: a slow-path op added to the table without its case in `execute`.
    @inline(never)
    func checkHasCase(_ op: Op) {
        precondition(op.info.dispatch == .threaded, "op \(op) is on the slow path but `execute` has no case for it")
    }
}
