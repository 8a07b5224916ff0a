// Threaded handlers: control (see Dispatch.swift): counts, jumps and branches, and calls and
// returns within one instance (a call or return that leaves it exits to `execute`'s switch).

extension ThreadedHandlers {
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
}
