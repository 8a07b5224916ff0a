// The interpreter loop. One function owns it so `pc`, `sp`, the counter and the memory-0 view stay
// in registers; rare work goes to `@inline(never)` helpers in Interpreter+Slow.swift. The numeric
// and memory cases follow one pattern each and make this file longer than the usual ~800 lines:
// splitting the one switch would cost the loop its registers.

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

extension StoreRuntime {
    /// Runs `entry` (a wasm function) whose frame starts at `entrySP`, arguments in place and locals
    /// zeroed, until it returns. Results are left in its frame's first slots.
    ///
    /// Wasm-to-wasm calls push a `CallFrame` on the store's frame stack and continue in this loop;
    /// the native stack never grows with wasm recursion. On a trap, `trapFunction` and `trapPC` say where.
    @inline(never)
    func execute(_ entry: UnsafeMutablePointer<FunctionInstance>, sp entrySP: UnsafeMutablePointer<UInt64>)
        throws(TrapCode)
    {
        // SAFETY: `entry` is a wasm function; its code ends in `return` and every branch target was
        // resolved by Lowering, so `pc` never leaves the code buffer.
        var pc = entry.pointee.code!
        var sp = entrySP
        var function = entry
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
                case .count:
                    try charge(UInt64(a(word)), fuel: &fuel)
                    pc += 1
                case .jump:
                    pc += Int(Int64(bitPattern: pc[1]))
                case .br:
                    try charge(UInt64(a(word)), fuel: &fuel)
                    pc += Int(Int64(bitPattern: pc[1]))
                case .brIf:
                    try charge(UInt64(b(word)), fuel: &fuel)
                    if UInt32(truncatingIfNeeded: sp[a(word)]) != 0 {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 2
                    }
                case .brIfNot:
                    try charge(UInt64(b(word)), fuel: &fuel)
                    if UInt32(truncatingIfNeeded: sp[a(word)]) == 0 {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 2
                    }
                case .brTable:
                    try charge(UInt64(b(word)), fuel: &fuel)
                    let targets = pc[1]
                    let index = min(UInt64(UInt32(truncatingIfNeeded: sp[a(word)])), targets)
                    pc += Int(Int64(bitPattern: pc[2 + Int(index)]))
                case .return:
                    try charge(UInt64(a(word)), fuel: &fuel)
                    if depth == baseDepth { return }
                    depth -= 1
                    let frame = frames[depth]
                    pc = frame.returnPC
                    sp = frame.sp
                    function = frame.function
                    // Memory 0's view is shared by all frames of one instance (memory.grow refreshes it),
                    // so only a return into another instance reloads it.
                    if function.pointee.instance != context {
                        context = function.pointee.instance!
                        memoryBase = context.pointee.memory0.pointee.base
                        memorySize = UInt64(context.pointee.memory0.pointee.byteCount)
                        globals = context.pointee.globals
                    }
                case .call, .callIndirect:
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
                        try callHost(callee, sp: calleeSP, caller: context)
                        fuel = self.fuel
                        countBase = counter &+ fuel
                        memoryBase = context.pointee.memory0.pointee.base
                        memorySize = UInt64(context.pointee.memory0.pointee.byteCount)
                        pc = returnPC
                        continue
                    }
                    guard depth < maxDepth, calleeSP + callee.pointee.frameSlots <= stackEnd else {
                        throw .callStackExhausted
                    }
                    frames[depth] = CallFrame(returnPC: returnPC, sp: sp, function: function)
                    depth += 1
                    var local = callee.pointee.parameterSlots
                    let localSlots = callee.pointee.localSlots
                    while local < localSlots {
                        calleeSP[local] = 0
                        local &+= 1
                    }
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
                        try callHost(callee, sp: sp, caller: context)
                        fuel = self.fuel
                        countBase = counter &+ fuel
                        // Return to the caller as `return` would (the host's results are in slots 0...).
                        if depth == baseDepth { return }
                        depth -= 1
                        let frame = frames[depth]
                        pc = frame.returnPC
                        sp = frame.sp
                        function = frame.function
                        context = function.pointee.instance!
                        memoryBase = context.pointee.memory0.pointee.base
                        memorySize = UInt64(context.pointee.memory0.pointee.byteCount)
                        globals = context.pointee.globals
                        continue
                    }
                    guard sp + callee.pointee.frameSlots <= stackEnd else { throw .callStackExhausted }
                    let localSlots = callee.pointee.localSlots
                    if localSlots > argumentSlots {
                        (sp + argumentSlots).update(repeating: 0, count: localSlots - argumentSlots)
                    }
                    pc = code
                    function = callee
                    if callee.pointee.instance != context {
                        context = callee.pointee.instance!
                        memoryBase = context.pointee.memory0.pointee.base
                        memorySize = UInt64(context.pointee.memory0.pointee.byteCount)
                        globals = context.pointee.globals
                    }

                // MARK: Data movement
                case .copy:
                    sp[a(word)] = sp[b(word)]
                    pc += 1
                case .copy128:
                    let source = b(word)
                    let destination = a(word)
                    let low = sp[source]
                    let high = sp[source + 1]
                    sp[destination] = low
                    sp[destination + 1] = high
                    pc += 1
                case .copySpan:
                    // SAFETY: both ranges are inside the frame (Lowering checked the frame's slots);
                    // copyMemory is a memmove, so overlapping ranges are fine.
                    UnsafeMutableRawPointer(sp + a(word)).copyMemory(
                        from: sp + b(word), byteCount: c(word) &* MemoryLayout<UInt64>.stride)
                    pc += 1
                case .const32:
                    sp[a(word)] = word &>> 32
                    pc += 1
                case .const64:
                    sp[a(word)] = pc[1]
                    pc += 2
                case .const128:
                    sp[a(word)] = pc[1]
                    sp[a(word) + 1] = pc[2]
                    pc += 3
                case .select:
                    let condition = UInt32(truncatingIfNeeded: sp[Int(pc[1])])
                    sp[a(word)] = condition != 0 ? sp[b(word)] : sp[c(word)]
                    pc += 2
                case .select128:
                    let condition = UInt32(truncatingIfNeeded: sp[Int(pc[1])])
                    let source = condition != 0 ? b(word) : c(word)
                    let low = sp[source]
                    let high = sp[source + 1]
                    sp[a(word)] = low
                    sp[a(word) + 1] = high
                    pc += 2
                case .globalGet:
                    sp[a(word)] = globals[bc(word)].pointee
                    pc += 1
                case .globalSet:
                    globals[bc(word)].pointee = sp[a(word)]
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

                // MARK: Wide arithmetic
                case .i64Add128:
                    let base = a(word)
                    let (low, carry) = sp[base].addingReportingOverflow(sp[base + 2])
                    sp[base + 1] = sp[base + 1] &+ sp[base + 3] &+ (carry ? 1 : 0)
                    sp[base] = low
                    pc += 1
                case .i64Sub128:
                    let base = a(word)
                    let (low, borrow) = sp[base].subtractingReportingOverflow(sp[base + 2])
                    sp[base + 1] = sp[base + 1] &- sp[base + 3] &- (borrow ? 1 : 0)
                    sp[base] = low
                    pc += 1
                case .i64MulWideS:
                    let base = a(word)
                    let product = Int64(bitPattern: sp[base]).multipliedFullWidth(by: Int64(bitPattern: sp[base + 1]))
                    sp[base] = product.low
                    sp[base + 1] = UInt64(bitPattern: product.high)
                    pc += 1
                case .i64MulWideU:
                    let base = a(word)
                    let product = sp[base].multipliedFullWidth(by: sp[base + 1])
                    sp[base] = product.low
                    sp[base + 1] = product.high
                    pc += 1

                // MARK: SIMD (one out-of-line switch over the opcode; see Interpreter+SIMD.swift)
                case .simd:
                    // SAFETY: word 1 of an `Op.simd` instruction is the address of the `SIMDHandler`
                    // Lowering chose for its opcode (`StoreRuntime.simdHandler(for:)`).
                    let handler = unsafeBitCast(UInt(truncatingIfNeeded: pc[1]), to: SIMDHandler.self)
                    let words = handler(pc, sp, memoryBase, memorySize, UnsafeMutableRawPointer(context))
                    guard words != 0 else { throw .outOfBoundsMemoryAccess }
                    pc += words

                // MARK: Memory 0 loads and stores
                case .i32Load:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[b(word)])) &+ pc[1]
                    guard address &+ 4 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 4 <= memorySize, checked above.
                    sp[a(word)] = UInt64(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: UInt32.self))
                    pc += 2
                case .i64Load:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[b(word)])) &+ pc[1]
                    guard address &+ 8 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 8 <= memorySize, checked above.
                    sp[a(word)] = memoryBase.loadUnaligned(fromByteOffset: Int(address), as: UInt64.self)
                    pc += 2
                case .f32Load:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[b(word)])) &+ pc[1]
                    guard address &+ 4 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 4 <= memorySize, checked above.
                    sp[a(word)] = UInt64(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: UInt32.self))
                    pc += 2
                case .f64Load:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[b(word)])) &+ pc[1]
                    guard address &+ 8 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 8 <= memorySize, checked above.
                    sp[a(word)] = memoryBase.loadUnaligned(fromByteOffset: Int(address), as: UInt64.self)
                    pc += 2
                case .i32Load8S:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[b(word)])) &+ pc[1]
                    guard address &+ 1 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 1 <= memorySize, checked above.
                    sp[a(word)] = UInt64(
                        UInt32(bitPattern: Int32(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: Int8.self)))
                    )
                    pc += 2
                case .i32Load8U:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[b(word)])) &+ pc[1]
                    guard address &+ 1 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 1 <= memorySize, checked above.
                    sp[a(word)] = UInt64(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: UInt8.self))
                    pc += 2
                case .i32Load16S:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[b(word)])) &+ pc[1]
                    guard address &+ 2 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 2 <= memorySize, checked above.
                    sp[a(word)] = UInt64(
                        UInt32(
                            bitPattern: Int32(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: Int16.self))))
                    pc += 2
                case .i32Load16U:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[b(word)])) &+ pc[1]
                    guard address &+ 2 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 2 <= memorySize, checked above.
                    sp[a(word)] = UInt64(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: UInt16.self))
                    pc += 2
                case .i64Load8S:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[b(word)])) &+ pc[1]
                    guard address &+ 1 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 1 <= memorySize, checked above.
                    sp[a(word)] = UInt64(
                        bitPattern: Int64(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: Int8.self)))
                    pc += 2
                case .i64Load8U:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[b(word)])) &+ pc[1]
                    guard address &+ 1 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 1 <= memorySize, checked above.
                    sp[a(word)] = UInt64(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: UInt8.self))
                    pc += 2
                case .i64Load16S:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[b(word)])) &+ pc[1]
                    guard address &+ 2 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 2 <= memorySize, checked above.
                    sp[a(word)] = UInt64(
                        bitPattern: Int64(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: Int16.self)))
                    pc += 2
                case .i64Load16U:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[b(word)])) &+ pc[1]
                    guard address &+ 2 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 2 <= memorySize, checked above.
                    sp[a(word)] = UInt64(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: UInt16.self))
                    pc += 2
                case .i64Load32S:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[b(word)])) &+ pc[1]
                    guard address &+ 4 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 4 <= memorySize, checked above.
                    sp[a(word)] = UInt64(
                        bitPattern: Int64(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: Int32.self)))
                    pc += 2
                case .i64Load32U:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[b(word)])) &+ pc[1]
                    guard address &+ 4 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 4 <= memorySize, checked above.
                    sp[a(word)] = UInt64(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: UInt32.self))
                    pc += 2
                case .i32Store:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[a(word)])) &+ pc[1]
                    guard address &+ 4 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 4 <= memorySize, checked above.
                    memoryBase.storeBytes(
                        of: UInt32(truncatingIfNeeded: sp[b(word)]), toByteOffset: Int(address), as: UInt32.self)
                    pc += 2
                case .i64Store:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[a(word)])) &+ pc[1]
                    guard address &+ 8 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 8 <= memorySize, checked above.
                    memoryBase.storeBytes(
                        of: UInt64(truncatingIfNeeded: sp[b(word)]), toByteOffset: Int(address), as: UInt64.self)
                    pc += 2
                case .f32Store:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[a(word)])) &+ pc[1]
                    guard address &+ 4 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 4 <= memorySize, checked above.
                    memoryBase.storeBytes(
                        of: UInt32(truncatingIfNeeded: sp[b(word)]), toByteOffset: Int(address), as: UInt32.self)
                    pc += 2
                case .f64Store:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[a(word)])) &+ pc[1]
                    guard address &+ 8 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 8 <= memorySize, checked above.
                    memoryBase.storeBytes(
                        of: UInt64(truncatingIfNeeded: sp[b(word)]), toByteOffset: Int(address), as: UInt64.self)
                    pc += 2
                case .i32Store8:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[a(word)])) &+ pc[1]
                    guard address &+ 1 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 1 <= memorySize, checked above.
                    memoryBase.storeBytes(
                        of: UInt8(truncatingIfNeeded: sp[b(word)]), toByteOffset: Int(address), as: UInt8.self)
                    pc += 2
                case .i32Store16:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[a(word)])) &+ pc[1]
                    guard address &+ 2 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 2 <= memorySize, checked above.
                    memoryBase.storeBytes(
                        of: UInt16(truncatingIfNeeded: sp[b(word)]), toByteOffset: Int(address), as: UInt16.self)
                    pc += 2
                case .i64Store8:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[a(word)])) &+ pc[1]
                    guard address &+ 1 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 1 <= memorySize, checked above.
                    memoryBase.storeBytes(
                        of: UInt8(truncatingIfNeeded: sp[b(word)]), toByteOffset: Int(address), as: UInt8.self)
                    pc += 2
                case .i64Store16:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[a(word)])) &+ pc[1]
                    guard address &+ 2 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 2 <= memorySize, checked above.
                    memoryBase.storeBytes(
                        of: UInt16(truncatingIfNeeded: sp[b(word)]), toByteOffset: Int(address), as: UInt16.self)
                    pc += 2
                case .i64Store32:
                    let address = UInt64(UInt32(truncatingIfNeeded: sp[a(word)])) &+ pc[1]
                    guard address &+ 4 <= memorySize else { throw .outOfBoundsMemoryAccess }
                    // SAFETY: address + 4 <= memorySize, checked above.
                    memoryBase.storeBytes(
                        of: UInt32(truncatingIfNeeded: sp[b(word)]), toByteOffset: Int(address), as: UInt32.self)
                    pc += 2
                // MARK: Numeric
                case .i32Add:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = UInt64(x &+ y)
                    pc += 1
                case .i32Sub:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = UInt64(x &- y)
                    pc += 1
                case .i32Mul:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = UInt64(x &* y)
                    pc += 1
                case .i32And:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = UInt64(x & y)
                    pc += 1
                case .i32Or:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = UInt64(x | y)
                    pc += 1
                case .i32Xor:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = UInt64(x ^ y)
                    pc += 1
                case .i32Shl:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = UInt64(x &<< y)
                    pc += 1
                case .i32ShrU:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = UInt64(x &>> y)
                    pc += 1
                case .i32ShrS:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = UInt64(UInt32(bitPattern: Int32(bitPattern: x) &>> Int32(bitPattern: y)))
                    pc += 1
                case .i32Rotl:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = UInt64(x.rotatedLeft(by: y))
                    pc += 1
                case .i32Rotr:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = UInt64(x.rotatedRight(by: y))
                    pc += 1
                case .i32Eq:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = (x == y) ? 1 : 0
                    pc += 1
                case .i32Ne:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = (x != y) ? 1 : 0
                    pc += 1
                case .i32LtU:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = (x < y) ? 1 : 0
                    pc += 1
                case .i32LtS:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = (Int32(bitPattern: x) < Int32(bitPattern: y)) ? 1 : 0
                    pc += 1
                case .i32GtU:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = (x > y) ? 1 : 0
                    pc += 1
                case .i32GtS:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = (Int32(bitPattern: x) > Int32(bitPattern: y)) ? 1 : 0
                    pc += 1
                case .i32LeU:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = (x <= y) ? 1 : 0
                    pc += 1
                case .i32LeS:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = (Int32(bitPattern: x) <= Int32(bitPattern: y)) ? 1 : 0
                    pc += 1
                case .i32GeU:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = (x >= y) ? 1 : 0
                    pc += 1
                case .i32GeS:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    sp[a(word)] = (Int32(bitPattern: x) >= Int32(bitPattern: y)) ? 1 : 0
                    pc += 1
                case .i32Eqz:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    sp[a(word)] = (x == 0) ? 1 : 0
                    pc += 1
                case .i32Clz:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    sp[a(word)] = UInt64(UInt32(x.leadingZeroBitCount))
                    pc += 1
                case .i32Ctz:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    sp[a(word)] = UInt64(UInt32(x.trailingZeroBitCount))
                    pc += 1
                case .i32Popcnt:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    sp[a(word)] = UInt64(UInt32(x.nonzeroBitCount))
                    pc += 1
                case .i32DivU:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    guard y != 0 else { throw .integerDivideByZero }
                    sp[a(word)] = UInt64(x / y)
                    pc += 1
                case .i32RemU:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: sp[c(word)])
                    guard y != 0 else { throw .integerDivideByZero }
                    sp[a(word)] = UInt64(x % y)
                    pc += 1
                case .i32DivS:
                    let x = Int32(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
                    let y = Int32(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
                    guard y != 0 else { throw .integerDivideByZero }
                    guard x != Int32.min || y != -1 else { throw .integerOverflow }
                    sp[a(word)] = UInt64(UInt32(bitPattern: x / y))
                    pc += 1
                case .i32RemS:
                    let x = Int32(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
                    let y = Int32(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
                    guard y != 0 else { throw .integerDivideByZero }
                    sp[a(word)] = y == -1 ? 0 : UInt64(UInt32(bitPattern: x % y))
                    pc += 1
                case .i64Add:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = x &+ y
                    pc += 1
                case .i64Sub:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = x &- y
                    pc += 1
                case .i64Mul:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = x &* y
                    pc += 1
                case .i64And:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = x & y
                    pc += 1
                case .i64Or:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = x | y
                    pc += 1
                case .i64Xor:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = x ^ y
                    pc += 1
                case .i64Shl:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = x &<< y
                    pc += 1
                case .i64ShrU:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = x &>> y
                    pc += 1
                case .i64ShrS:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = UInt64(bitPattern: Int64(bitPattern: x) &>> Int64(bitPattern: y))
                    pc += 1
                case .i64Rotl:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = x.rotatedLeft(by: y)
                    pc += 1
                case .i64Rotr:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = x.rotatedRight(by: y)
                    pc += 1
                case .i64Eq:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = (x == y) ? 1 : 0
                    pc += 1
                case .i64Ne:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = (x != y) ? 1 : 0
                    pc += 1
                case .i64LtU:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = (x < y) ? 1 : 0
                    pc += 1
                case .i64LtS:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = (Int64(bitPattern: x) < Int64(bitPattern: y)) ? 1 : 0
                    pc += 1
                case .i64GtU:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = (x > y) ? 1 : 0
                    pc += 1
                case .i64GtS:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = (Int64(bitPattern: x) > Int64(bitPattern: y)) ? 1 : 0
                    pc += 1
                case .i64LeU:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = (x <= y) ? 1 : 0
                    pc += 1
                case .i64LeS:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = (Int64(bitPattern: x) <= Int64(bitPattern: y)) ? 1 : 0
                    pc += 1
                case .i64GeU:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = (x >= y) ? 1 : 0
                    pc += 1
                case .i64GeS:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    sp[a(word)] = (Int64(bitPattern: x) >= Int64(bitPattern: y)) ? 1 : 0
                    pc += 1
                case .i64Eqz:
                    let x = sp[b(word)]
                    sp[a(word)] = (x == 0) ? 1 : 0
                    pc += 1
                case .i64Clz:
                    let x = sp[b(word)]
                    sp[a(word)] = UInt64(x.leadingZeroBitCount)
                    pc += 1
                case .i64Ctz:
                    let x = sp[b(word)]
                    sp[a(word)] = UInt64(x.trailingZeroBitCount)
                    pc += 1
                case .i64Popcnt:
                    let x = sp[b(word)]
                    sp[a(word)] = UInt64(x.nonzeroBitCount)
                    pc += 1
                case .i64DivU:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    guard y != 0 else { throw .integerDivideByZero }
                    sp[a(word)] = x / y
                    pc += 1
                case .i64RemU:
                    let x = sp[b(word)]
                    let y = sp[c(word)]
                    guard y != 0 else { throw .integerDivideByZero }
                    sp[a(word)] = x % y
                    pc += 1
                case .i64DivS:
                    let x = Int64(bitPattern: sp[b(word)])
                    let y = Int64(bitPattern: sp[c(word)])
                    guard y != 0 else { throw .integerDivideByZero }
                    guard x != Int64.min || y != -1 else { throw .integerOverflow }
                    sp[a(word)] = UInt64(bitPattern: x / y)
                    pc += 1
                case .i64RemS:
                    let x = Int64(bitPattern: sp[b(word)])
                    let y = Int64(bitPattern: sp[c(word)])
                    guard y != 0 else { throw .integerDivideByZero }
                    sp[a(word)] = y == -1 ? 0 : UInt64(bitPattern: x % y)
                    pc += 1
                case .f32Add:
                    let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
                    let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
                    storeCanonical(x + y, to: sp + a(word))
                    pc += 1
                case .f32Sub:
                    let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
                    let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
                    storeCanonical(x - y, to: sp + a(word))
                    pc += 1
                case .f32Mul:
                    let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
                    let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
                    storeCanonical(x * y, to: sp + a(word))
                    pc += 1
                case .f32Div:
                    let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
                    let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
                    storeCanonical(x / y, to: sp + a(word))
                    pc += 1
                case .f32Min:
                    let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
                    let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
                    storeCanonical(wasmMin(x, y), to: sp + a(word))
                    pc += 1
                case .f32Max:
                    let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
                    let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
                    storeCanonical(wasmMax(x, y), to: sp + a(word))
                    pc += 1
                case .f32Sqrt:
                    let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
                    storeCanonical(x.squareRoot(), to: sp + a(word))
                    pc += 1
                case .f32Ceil:
                    let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
                    storeCanonical(x.rounded(.up), to: sp + a(word))
                    pc += 1
                case .f32Floor:
                    let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
                    storeCanonical(x.rounded(.down), to: sp + a(word))
                    pc += 1
                case .f32Trunc:
                    let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
                    storeCanonical(x.rounded(.towardZero), to: sp + a(word))
                    pc += 1
                case .f32Nearest:
                    let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
                    storeCanonical(x.rounded(.toNearestOrEven), to: sp + a(word))
                    pc += 1
                case .f32Eq:
                    let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
                    let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
                    sp[a(word)] = (x == y) ? 1 : 0
                    pc += 1
                case .f32Ne:
                    let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
                    let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
                    sp[a(word)] = (x != y) ? 1 : 0
                    pc += 1
                case .f32Lt:
                    let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
                    let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
                    sp[a(word)] = (x < y) ? 1 : 0
                    pc += 1
                case .f32Gt:
                    let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
                    let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
                    sp[a(word)] = (x > y) ? 1 : 0
                    pc += 1
                case .f32Le:
                    let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
                    let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
                    sp[a(word)] = (x <= y) ? 1 : 0
                    pc += 1
                case .f32Ge:
                    let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
                    let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
                    sp[a(word)] = (x >= y) ? 1 : 0
                    pc += 1
                case .f32Abs:
                    sp[a(word)] = UInt64(UInt32(truncatingIfNeeded: sp[b(word)]) & ~0x8000_0000)
                    pc += 1
                case .f32Neg:
                    sp[a(word)] = UInt64(UInt32(truncatingIfNeeded: sp[b(word)]) ^ 0x8000_0000)
                    pc += 1
                case .f32Copysign:
                    let magnitude = UInt32(truncatingIfNeeded: sp[b(word)]) & ~0x8000_0000
                    let sign = UInt32(truncatingIfNeeded: sp[c(word)]) & 0x8000_0000
                    sp[a(word)] = UInt64(magnitude | sign)
                    pc += 1
                case .f64Add:
                    let x = Double(bitPattern: sp[b(word)])
                    let y = Double(bitPattern: sp[c(word)])
                    storeCanonical(x + y, to: sp + a(word))
                    pc += 1
                case .f64Sub:
                    let x = Double(bitPattern: sp[b(word)])
                    let y = Double(bitPattern: sp[c(word)])
                    storeCanonical(x - y, to: sp + a(word))
                    pc += 1
                case .f64Mul:
                    let x = Double(bitPattern: sp[b(word)])
                    let y = Double(bitPattern: sp[c(word)])
                    storeCanonical(x * y, to: sp + a(word))
                    pc += 1
                case .f64Div:
                    let x = Double(bitPattern: sp[b(word)])
                    let y = Double(bitPattern: sp[c(word)])
                    storeCanonical(x / y, to: sp + a(word))
                    pc += 1
                case .f64Min:
                    let x = Double(bitPattern: sp[b(word)])
                    let y = Double(bitPattern: sp[c(word)])
                    storeCanonical(wasmMin(x, y), to: sp + a(word))
                    pc += 1
                case .f64Max:
                    let x = Double(bitPattern: sp[b(word)])
                    let y = Double(bitPattern: sp[c(word)])
                    storeCanonical(wasmMax(x, y), to: sp + a(word))
                    pc += 1
                case .f64Sqrt:
                    let x = Double(bitPattern: sp[b(word)])
                    storeCanonical(x.squareRoot(), to: sp + a(word))
                    pc += 1
                case .f64Ceil:
                    let x = Double(bitPattern: sp[b(word)])
                    storeCanonical(x.rounded(.up), to: sp + a(word))
                    pc += 1
                case .f64Floor:
                    let x = Double(bitPattern: sp[b(word)])
                    storeCanonical(x.rounded(.down), to: sp + a(word))
                    pc += 1
                case .f64Trunc:
                    let x = Double(bitPattern: sp[b(word)])
                    storeCanonical(x.rounded(.towardZero), to: sp + a(word))
                    pc += 1
                case .f64Nearest:
                    let x = Double(bitPattern: sp[b(word)])
                    storeCanonical(x.rounded(.toNearestOrEven), to: sp + a(word))
                    pc += 1
                case .f64Eq:
                    let x = Double(bitPattern: sp[b(word)])
                    let y = Double(bitPattern: sp[c(word)])
                    sp[a(word)] = (x == y) ? 1 : 0
                    pc += 1
                case .f64Ne:
                    let x = Double(bitPattern: sp[b(word)])
                    let y = Double(bitPattern: sp[c(word)])
                    sp[a(word)] = (x != y) ? 1 : 0
                    pc += 1
                case .f64Lt:
                    let x = Double(bitPattern: sp[b(word)])
                    let y = Double(bitPattern: sp[c(word)])
                    sp[a(word)] = (x < y) ? 1 : 0
                    pc += 1
                case .f64Gt:
                    let x = Double(bitPattern: sp[b(word)])
                    let y = Double(bitPattern: sp[c(word)])
                    sp[a(word)] = (x > y) ? 1 : 0
                    pc += 1
                case .f64Le:
                    let x = Double(bitPattern: sp[b(word)])
                    let y = Double(bitPattern: sp[c(word)])
                    sp[a(word)] = (x <= y) ? 1 : 0
                    pc += 1
                case .f64Ge:
                    let x = Double(bitPattern: sp[b(word)])
                    let y = Double(bitPattern: sp[c(word)])
                    sp[a(word)] = (x >= y) ? 1 : 0
                    pc += 1
                case .f64Abs:
                    sp[a(word)] = sp[b(word)] & ~0x8000_0000_0000_0000
                    pc += 1
                case .f64Neg:
                    sp[a(word)] = sp[b(word)] ^ 0x8000_0000_0000_0000
                    pc += 1
                case .f64Copysign:
                    let magnitude = sp[b(word)] & ~0x8000_0000_0000_0000
                    let sign = sp[c(word)] & 0x8000_0000_0000_0000
                    sp[a(word)] = magnitude | sign
                    pc += 1
                case .i32WrapI64:
                    sp[a(word)] = UInt64(UInt32(truncatingIfNeeded: sp[b(word)]))
                    pc += 1
                case .i64ExtendI32S:
                    sp[a(word)] = UInt64(bitPattern: Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))))
                    pc += 1
                case .i64ExtendI32U:
                    sp[a(word)] = UInt64(UInt32(truncatingIfNeeded: sp[b(word)]))
                    pc += 1
                case .i32Extend8S:
                    sp[a(word)] = UInt64(UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: sp[b(word)]))))
                    pc += 1
                case .i32Extend16S:
                    sp[a(word)] = UInt64(UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: sp[b(word)]))))
                    pc += 1
                case .i64Extend8S:
                    sp[a(word)] = UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: sp[b(word)])))
                    pc += 1
                case .i64Extend16S:
                    sp[a(word)] = UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: sp[b(word)])))
                    pc += 1
                case .i64Extend32S:
                    sp[a(word)] = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: sp[b(word)])))
                    pc += 1
                case .f32ConvertI32S:
                    sp[a(word)] = UInt64(Float(Int32(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))).bitPattern)
                    pc += 1
                case .f32ConvertI32U:
                    sp[a(word)] = UInt64(Float(UInt32(truncatingIfNeeded: sp[b(word)])).bitPattern)
                    pc += 1
                case .f32ConvertI64S:
                    sp[a(word)] = UInt64(Float(Int64(bitPattern: sp[b(word)])).bitPattern)
                    pc += 1
                case .f32ConvertI64U:
                    sp[a(word)] = UInt64(Float(sp[b(word)]).bitPattern)
                    pc += 1
                case .f64ConvertI32S:
                    sp[a(word)] = Double(Int32(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))).bitPattern
                    pc += 1
                case .f64ConvertI32U:
                    sp[a(word)] = Double(UInt32(truncatingIfNeeded: sp[b(word)])).bitPattern
                    pc += 1
                case .f64ConvertI64S:
                    sp[a(word)] = Double(Int64(bitPattern: sp[b(word)])).bitPattern
                    pc += 1
                case .f64ConvertI64U:
                    sp[a(word)] = Double(sp[b(word)]).bitPattern
                    pc += 1
                case .f32DemoteF64:
                    storeCanonical(Float(Double(bitPattern: sp[b(word)])), to: sp + a(word))
                    pc += 1
                case .f64PromoteF32:
                    storeCanonical(Double(Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))), to: sp + a(word))
                    pc += 1
                case .i32ReinterpretF32:
                    sp[a(word)] = sp[b(word)] & 0xFFFF_FFFF
                    pc += 1
                case .f32ReinterpretI32:
                    sp[a(word)] = sp[b(word)] & 0xFFFF_FFFF
                    pc += 1
                case .i64ReinterpretF64:
                    sp[a(word)] = sp[b(word)]
                    pc += 1
                case .f64ReinterpretI64:
                    sp[a(word)] = sp[b(word)]
                    pc += 1
                case .i32TruncF32S:
                    sp[a(word)] = try truncToI32S(Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)])))
                    pc += 1
                case .i32TruncSatF32S:
                    sp[a(word)] = truncSatToI32S(Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)])))
                    pc += 1
                case .i32TruncF64S:
                    sp[a(word)] = try truncToI32S(Double(bitPattern: sp[b(word)]))
                    pc += 1
                case .i32TruncSatF64S:
                    sp[a(word)] = truncSatToI32S(Double(bitPattern: sp[b(word)]))
                    pc += 1
                case .i32TruncF32U:
                    sp[a(word)] = try truncToI32U(Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)])))
                    pc += 1
                case .i32TruncSatF32U:
                    sp[a(word)] = truncSatToI32U(Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)])))
                    pc += 1
                case .i32TruncF64U:
                    sp[a(word)] = try truncToI32U(Double(bitPattern: sp[b(word)]))
                    pc += 1
                case .i32TruncSatF64U:
                    sp[a(word)] = truncSatToI32U(Double(bitPattern: sp[b(word)]))
                    pc += 1
                case .i64TruncF32S:
                    sp[a(word)] = try truncToI64S(Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)])))
                    pc += 1
                case .i64TruncSatF32S:
                    sp[a(word)] = truncSatToI64S(Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)])))
                    pc += 1
                case .i64TruncF64S:
                    sp[a(word)] = try truncToI64S(Double(bitPattern: sp[b(word)]))
                    pc += 1
                case .i64TruncSatF64S:
                    sp[a(word)] = truncSatToI64S(Double(bitPattern: sp[b(word)]))
                    pc += 1
                case .i64TruncF32U:
                    sp[a(word)] = try truncToI64U(Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)])))
                    pc += 1
                case .i64TruncSatF32U:
                    sp[a(word)] = truncSatToI64U(Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)])))
                    pc += 1
                case .i64TruncF64U:
                    sp[a(word)] = try truncToI64U(Double(bitPattern: sp[b(word)]))
                    pc += 1
                case .i64TruncSatF64U:
                    sp[a(word)] = truncSatToI64U(Double(bitPattern: sp[b(word)]))
                    pc += 1
                // MARK: Superinstructions
                case .i32AddImm:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: pc[1])
                    sp[a(word)] = UInt64(x &+ y)
                    pc += 2
                case .i32SubImm:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: pc[1])
                    sp[a(word)] = UInt64(x &- y)
                    pc += 2
                case .i32MulImm:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: pc[1])
                    sp[a(word)] = UInt64(x &* y)
                    pc += 2
                case .i32AndImm:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: pc[1])
                    sp[a(word)] = UInt64(x & y)
                    pc += 2
                case .i32OrImm:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: pc[1])
                    sp[a(word)] = UInt64(x | y)
                    pc += 2
                case .i32XorImm:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: pc[1])
                    sp[a(word)] = UInt64(x ^ y)
                    pc += 2
                case .i32ShlImm:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: pc[1])
                    sp[a(word)] = UInt64(x &<< y)
                    pc += 2
                case .i32ShrUImm:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: pc[1])
                    sp[a(word)] = UInt64(x &>> y)
                    pc += 2
                case .i32ShrSImm:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: pc[1])
                    sp[a(word)] = UInt64(UInt32(bitPattern: Int32(bitPattern: x) &>> Int32(bitPattern: y)))
                    pc += 2
                case .i32EqImm:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: pc[1])
                    sp[a(word)] = (x == y) ? 1 : 0
                    pc += 2
                case .i32NeImm:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: pc[1])
                    sp[a(word)] = (x != y) ? 1 : 0
                    pc += 2
                case .i32LtUImm:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: pc[1])
                    sp[a(word)] = (x < y) ? 1 : 0
                    pc += 2
                case .i32GtUImm:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: pc[1])
                    sp[a(word)] = (x > y) ? 1 : 0
                    pc += 2
                case .i32LeUImm:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: pc[1])
                    sp[a(word)] = (x <= y) ? 1 : 0
                    pc += 2
                case .i32GeUImm:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: pc[1])
                    sp[a(word)] = (x >= y) ? 1 : 0
                    pc += 2
                case .i32LtSImm:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: pc[1])
                    sp[a(word)] = (Int32(bitPattern: x) < Int32(bitPattern: y)) ? 1 : 0
                    pc += 2
                case .i32GtSImm:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: pc[1])
                    sp[a(word)] = (Int32(bitPattern: x) > Int32(bitPattern: y)) ? 1 : 0
                    pc += 2
                case .i32LeSImm:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: pc[1])
                    sp[a(word)] = (Int32(bitPattern: x) <= Int32(bitPattern: y)) ? 1 : 0
                    pc += 2
                case .i32GeSImm:
                    let x = UInt32(truncatingIfNeeded: sp[b(word)])
                    let y = UInt32(truncatingIfNeeded: pc[1])
                    sp[a(word)] = (Int32(bitPattern: x) >= Int32(bitPattern: y)) ? 1 : 0
                    pc += 2
                case .i64AddImm:
                    let x = sp[b(word)]
                    let y = pc[1]
                    sp[a(word)] = x &+ y
                    pc += 2
                case .i64SubImm:
                    let x = sp[b(word)]
                    let y = pc[1]
                    sp[a(word)] = x &- y
                    pc += 2
                case .i64MulImm:
                    let x = sp[b(word)]
                    let y = pc[1]
                    sp[a(word)] = x &* y
                    pc += 2
                case .i64AndImm:
                    let x = sp[b(word)]
                    let y = pc[1]
                    sp[a(word)] = x & y
                    pc += 2
                case .i64OrImm:
                    let x = sp[b(word)]
                    let y = pc[1]
                    sp[a(word)] = x | y
                    pc += 2
                case .i64XorImm:
                    let x = sp[b(word)]
                    let y = pc[1]
                    sp[a(word)] = x ^ y
                    pc += 2
                case .i64ShlImm:
                    let x = sp[b(word)]
                    let y = pc[1]
                    sp[a(word)] = x &<< y
                    pc += 2
                case .i64ShrUImm:
                    let x = sp[b(word)]
                    let y = pc[1]
                    sp[a(word)] = x &>> y
                    pc += 2
                case .i64ShrSImm:
                    let x = sp[b(word)]
                    let y = pc[1]
                    sp[a(word)] = UInt64(bitPattern: Int64(bitPattern: x) &>> Int64(bitPattern: y))
                    pc += 2
                case .i64EqImm:
                    let x = sp[b(word)]
                    let y = pc[1]
                    sp[a(word)] = (x == y) ? 1 : 0
                    pc += 2
                case .i64NeImm:
                    let x = sp[b(word)]
                    let y = pc[1]
                    sp[a(word)] = (x != y) ? 1 : 0
                    pc += 2
                case .i64LtUImm:
                    let x = sp[b(word)]
                    let y = pc[1]
                    sp[a(word)] = (x < y) ? 1 : 0
                    pc += 2
                case .i64GtUImm:
                    let x = sp[b(word)]
                    let y = pc[1]
                    sp[a(word)] = (x > y) ? 1 : 0
                    pc += 2
                case .i64LeUImm:
                    let x = sp[b(word)]
                    let y = pc[1]
                    sp[a(word)] = (x <= y) ? 1 : 0
                    pc += 2
                case .i64GeUImm:
                    let x = sp[b(word)]
                    let y = pc[1]
                    sp[a(word)] = (x >= y) ? 1 : 0
                    pc += 2
                case .i64LtSImm:
                    let x = sp[b(word)]
                    let y = pc[1]
                    sp[a(word)] = (Int64(bitPattern: x) < Int64(bitPattern: y)) ? 1 : 0
                    pc += 2
                case .i64GtSImm:
                    let x = sp[b(word)]
                    let y = pc[1]
                    sp[a(word)] = (Int64(bitPattern: x) > Int64(bitPattern: y)) ? 1 : 0
                    pc += 2
                case .i64LeSImm:
                    let x = sp[b(word)]
                    let y = pc[1]
                    sp[a(word)] = (Int64(bitPattern: x) <= Int64(bitPattern: y)) ? 1 : 0
                    pc += 2
                case .i64GeSImm:
                    let x = sp[b(word)]
                    let y = pc[1]
                    sp[a(word)] = (Int64(bitPattern: x) >= Int64(bitPattern: y)) ? 1 : 0
                    pc += 2
                case .brIfI32Eq:
                    try charge(UInt64(c(word)), fuel: &fuel)
                    let x = UInt32(truncatingIfNeeded: sp[a(word)])
                    let y = UInt32(truncatingIfNeeded: sp[b(word)])
                    if x == y {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 2
                    }
                case .brIfI32EqImm:
                    try charge(UInt64(c(word)), fuel: &fuel)
                    let x = UInt32(truncatingIfNeeded: sp[a(word)])
                    let y = UInt32(truncatingIfNeeded: pc[2])
                    if x == y {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 3
                    }
                case .brIfI32Ne:
                    try charge(UInt64(c(word)), fuel: &fuel)
                    let x = UInt32(truncatingIfNeeded: sp[a(word)])
                    let y = UInt32(truncatingIfNeeded: sp[b(word)])
                    if x != y {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 2
                    }
                case .brIfI32NeImm:
                    try charge(UInt64(c(word)), fuel: &fuel)
                    let x = UInt32(truncatingIfNeeded: sp[a(word)])
                    let y = UInt32(truncatingIfNeeded: pc[2])
                    if x != y {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 3
                    }
                case .brIfI32LtU:
                    try charge(UInt64(c(word)), fuel: &fuel)
                    let x = UInt32(truncatingIfNeeded: sp[a(word)])
                    let y = UInt32(truncatingIfNeeded: sp[b(word)])
                    if x < y {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 2
                    }
                case .brIfI32LtUImm:
                    try charge(UInt64(c(word)), fuel: &fuel)
                    let x = UInt32(truncatingIfNeeded: sp[a(word)])
                    let y = UInt32(truncatingIfNeeded: pc[2])
                    if x < y {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 3
                    }
                case .brIfI32GtU:
                    try charge(UInt64(c(word)), fuel: &fuel)
                    let x = UInt32(truncatingIfNeeded: sp[a(word)])
                    let y = UInt32(truncatingIfNeeded: sp[b(word)])
                    if x > y {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 2
                    }
                case .brIfI32GtUImm:
                    try charge(UInt64(c(word)), fuel: &fuel)
                    let x = UInt32(truncatingIfNeeded: sp[a(word)])
                    let y = UInt32(truncatingIfNeeded: pc[2])
                    if x > y {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 3
                    }
                case .brIfI32LeU:
                    try charge(UInt64(c(word)), fuel: &fuel)
                    let x = UInt32(truncatingIfNeeded: sp[a(word)])
                    let y = UInt32(truncatingIfNeeded: sp[b(word)])
                    if x <= y {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 2
                    }
                case .brIfI32LeUImm:
                    try charge(UInt64(c(word)), fuel: &fuel)
                    let x = UInt32(truncatingIfNeeded: sp[a(word)])
                    let y = UInt32(truncatingIfNeeded: pc[2])
                    if x <= y {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 3
                    }
                case .brIfI32GeU:
                    try charge(UInt64(c(word)), fuel: &fuel)
                    let x = UInt32(truncatingIfNeeded: sp[a(word)])
                    let y = UInt32(truncatingIfNeeded: sp[b(word)])
                    if x >= y {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 2
                    }
                case .brIfI32GeUImm:
                    try charge(UInt64(c(word)), fuel: &fuel)
                    let x = UInt32(truncatingIfNeeded: sp[a(word)])
                    let y = UInt32(truncatingIfNeeded: pc[2])
                    if x >= y {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 3
                    }
                case .brIfI32LtS:
                    try charge(UInt64(c(word)), fuel: &fuel)
                    let x = UInt32(truncatingIfNeeded: sp[a(word)])
                    let y = UInt32(truncatingIfNeeded: sp[b(word)])
                    if Int32(bitPattern: x) < Int32(bitPattern: y) {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 2
                    }
                case .brIfI32LtSImm:
                    try charge(UInt64(c(word)), fuel: &fuel)
                    let x = UInt32(truncatingIfNeeded: sp[a(word)])
                    let y = UInt32(truncatingIfNeeded: pc[2])
                    if Int32(bitPattern: x) < Int32(bitPattern: y) {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 3
                    }
                case .brIfI32GtS:
                    try charge(UInt64(c(word)), fuel: &fuel)
                    let x = UInt32(truncatingIfNeeded: sp[a(word)])
                    let y = UInt32(truncatingIfNeeded: sp[b(word)])
                    if Int32(bitPattern: x) > Int32(bitPattern: y) {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 2
                    }
                case .brIfI32GtSImm:
                    try charge(UInt64(c(word)), fuel: &fuel)
                    let x = UInt32(truncatingIfNeeded: sp[a(word)])
                    let y = UInt32(truncatingIfNeeded: pc[2])
                    if Int32(bitPattern: x) > Int32(bitPattern: y) {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 3
                    }
                case .brIfI32LeS:
                    try charge(UInt64(c(word)), fuel: &fuel)
                    let x = UInt32(truncatingIfNeeded: sp[a(word)])
                    let y = UInt32(truncatingIfNeeded: sp[b(word)])
                    if Int32(bitPattern: x) <= Int32(bitPattern: y) {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 2
                    }
                case .brIfI32LeSImm:
                    try charge(UInt64(c(word)), fuel: &fuel)
                    let x = UInt32(truncatingIfNeeded: sp[a(word)])
                    let y = UInt32(truncatingIfNeeded: pc[2])
                    if Int32(bitPattern: x) <= Int32(bitPattern: y) {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 3
                    }
                case .brIfI32GeS:
                    try charge(UInt64(c(word)), fuel: &fuel)
                    let x = UInt32(truncatingIfNeeded: sp[a(word)])
                    let y = UInt32(truncatingIfNeeded: sp[b(word)])
                    if Int32(bitPattern: x) >= Int32(bitPattern: y) {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 2
                    }
                case .brIfI32GeSImm:
                    try charge(UInt64(c(word)), fuel: &fuel)
                    let x = UInt32(truncatingIfNeeded: sp[a(word)])
                    let y = UInt32(truncatingIfNeeded: pc[2])
                    if Int32(bitPattern: x) >= Int32(bitPattern: y) {
                        pc += Int(Int64(bitPattern: pc[1]))
                    } else {
                        pc += 3
                    }
                }
            }
        } catch {
            trapPC = pc
            trapFunction = function
            throw error
        }
    }
}
