// Threaded handlers: data movement (copies, constants, `select`, scalar globals) and wide
// arithmetic (see Dispatch.swift).

/// A compare-and-select op (`selectI32LtS`, `selectI64NeImm`, ...): slot `a` = slot `b` if
/// `compare`(x, y) holds, else slot `c`, x being the slot in the low half of the next word and y the
/// slot in its high half or, for `immediate`, the word after. Both operands are loaded first, so
/// the pick is a conditional move. The comparison is the type's operation from
/// `Numerics+Scalar.swift`, which fixes `Value`.
@inline(__always)
func selectOn<Value: SlotScalar>(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, immediate: Bool,
    _ compare: (Value, Value) -> Bool
) -> UnsafePointer<UInt64> {
    let operands = pc[1]
    let x = Value(slot: sp[Int(truncatingIfNeeded: operands & 0xFFFF_FFFF)])
    let y = Value(slot: immediate ? pc[2] : sp[Int(truncatingIfNeeded: operands &>> 32)])
    let first = sp[b(pc)]
    let second = sp[c(pc)]
    sp[a(pc)] = compare(x, y) ? first : second
    return next(pc + (immediate ? 3 : 2), sp, memoryBase, memorySize, fuel, state)
}

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

extension ThreadedHandlers {
    static let handleSelectI32Eq: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.eq)
    }

    static let handleSelectI32EqImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.eq)
    }

    static let handleSelectI32Ne: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.ne)
    }

    static let handleSelectI32NeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.ne)
    }

    static let handleSelectI32LtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.ltS)
    }

    static let handleSelectI32LtSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.ltS)
    }

    static let handleSelectI32LtU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.ltU)
    }

    static let handleSelectI32LtUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.ltU)
    }

    static let handleSelectI32GtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.gtS)
    }

    static let handleSelectI32GtSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.gtS)
    }

    static let handleSelectI32GtU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.gtU)
    }

    static let handleSelectI32GtUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.gtU)
    }

    static let handleSelectI32LeS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.leS)
    }

    static let handleSelectI32LeSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.leS)
    }

    static let handleSelectI32LeU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.leU)
    }

    static let handleSelectI32LeUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.leU)
    }

    static let handleSelectI32GeS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.geS)
    }

    static let handleSelectI32GeSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.geS)
    }

    static let handleSelectI32GeU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.geU)
    }

    static let handleSelectI32GeUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.geU)
    }

    static let handleSelectI64Eq: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I64.eq)
    }

    static let handleSelectI64EqImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I64.eq)
    }

    static let handleSelectI64Ne: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I64.ne)
    }

    static let handleSelectI64NeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I64.ne)
    }

    static let handleSelectI64LtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I64.ltS)
    }

    static let handleSelectI64LtSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I64.ltS)
    }

    static let handleSelectI64LtU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I64.ltU)
    }

    static let handleSelectI64LtUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I64.ltU)
    }

    static let handleSelectI64GtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I64.gtS)
    }

    static let handleSelectI64GtSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I64.gtS)
    }

    static let handleSelectI64GtU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I64.gtU)
    }

    static let handleSelectI64GtUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I64.gtU)
    }

    static let handleSelectI64LeS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I64.leS)
    }

    static let handleSelectI64LeSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I64.leS)
    }

    static let handleSelectI64LeU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I64.leU)
    }

    static let handleSelectI64LeUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I64.leU)
    }

    static let handleSelectI64GeS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I64.geS)
    }

    static let handleSelectI64GeSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I64.geS)
    }

    static let handleSelectI64GeU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I64.geU)
    }

    static let handleSelectI64GeUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        selectOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I64.geU)
    }
}
