// Threaded handlers: data movement (copies, constants, `select`, scalar globals) and wide
// arithmetic (see Dispatch.swift).

extension ThreadedHandlers {
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

    /// Loads both operands before looking at the condition, so the pick is a conditional move of
    /// values rather than a load from a slot chosen by the condition (which waits on it).
    static let handleSelect: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let first = sp[b(pc)]
        let second = sp[c(pc)]
        let condition = UInt32(truncatingIfNeeded: sp[Int(truncatingIfNeeded: pc[1])])
        sp[a(pc)] = condition != 0 ? first : second
        return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
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
}
