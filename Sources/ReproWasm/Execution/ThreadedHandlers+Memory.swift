// Threaded handlers: loads and stores on memory 0 (see Interpreter+Threaded.swift).

/// The address a memory-0 load or store reads or writes: `base` plus the constant of a folded
/// `i32.add` (low 32 bits of `immediate`, added with the i32 wrap-around), plus the memarg offset
/// (high 32 bits), computed in 64 bits so it cannot wrap past the bounds check.
@inline(__always)
func effectiveAddress(_ base: UInt64, _ immediate: UInt64) -> UInt64 {
    UInt64(UInt32(truncatingIfNeeded: base) &+ UInt32(truncatingIfNeeded: immediate)) &+ (immediate &>> 32)
}

extension ThreadedHandlers {
    static let handleI32Load: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[b(word)], pc[1])
        guard address &+ 4 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 4 <= memorySize, checked above.
        sp[a(word)] = UInt64(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: UInt32.self))
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Load: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[b(word)], pc[1])
        guard address &+ 8 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 8 <= memorySize, checked above.
        sp[a(word)] = memoryBase.loadUnaligned(fromByteOffset: Int(address), as: UInt64.self)
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Load: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[b(word)], pc[1])
        guard address &+ 4 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 4 <= memorySize, checked above.
        sp[a(word)] = UInt64(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: UInt32.self))
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Load: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[b(word)], pc[1])
        guard address &+ 8 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 8 <= memorySize, checked above.
        sp[a(word)] = memoryBase.loadUnaligned(fromByteOffset: Int(address), as: UInt64.self)
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Load8S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[b(word)], pc[1])
        guard address &+ 1 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 1 <= memorySize, checked above.
        sp[a(word)] = UInt64(
            UInt32(bitPattern: Int32(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: Int8.self)))
        )
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Load8U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[b(word)], pc[1])
        guard address &+ 1 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 1 <= memorySize, checked above.
        sp[a(word)] = UInt64(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: UInt8.self))
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Load16S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[b(word)], pc[1])
        guard address &+ 2 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 2 <= memorySize, checked above.
        sp[a(word)] = UInt64(
            UInt32(
                bitPattern: Int32(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: Int16.self))))
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Load16U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[b(word)], pc[1])
        guard address &+ 2 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 2 <= memorySize, checked above.
        sp[a(word)] = UInt64(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: UInt16.self))
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Load8S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[b(word)], pc[1])
        guard address &+ 1 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 1 <= memorySize, checked above.
        sp[a(word)] = UInt64(
            bitPattern: Int64(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: Int8.self)))
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Load8U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[b(word)], pc[1])
        guard address &+ 1 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 1 <= memorySize, checked above.
        sp[a(word)] = UInt64(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: UInt8.self))
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Load16S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[b(word)], pc[1])
        guard address &+ 2 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 2 <= memorySize, checked above.
        sp[a(word)] = UInt64(
            bitPattern: Int64(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: Int16.self)))
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Load16U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[b(word)], pc[1])
        guard address &+ 2 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 2 <= memorySize, checked above.
        sp[a(word)] = UInt64(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: UInt16.self))
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Load32S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[b(word)], pc[1])
        guard address &+ 4 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 4 <= memorySize, checked above.
        sp[a(word)] = UInt64(
            bitPattern: Int64(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: Int32.self)))
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Load32U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[b(word)], pc[1])
        guard address &+ 4 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 4 <= memorySize, checked above.
        sp[a(word)] = UInt64(memoryBase.loadUnaligned(fromByteOffset: Int(address), as: UInt32.self))
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Store: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[a(word)], pc[1])
        guard address &+ 4 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 4 <= memorySize, checked above.
        memoryBase.storeBytes(
            of: UInt32(truncatingIfNeeded: sp[b(word)]), toByteOffset: Int(address), as: UInt32.self)
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Store: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[a(word)], pc[1])
        guard address &+ 8 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 8 <= memorySize, checked above.
        memoryBase.storeBytes(
            of: UInt64(truncatingIfNeeded: sp[b(word)]), toByteOffset: Int(address), as: UInt64.self)
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Store: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[a(word)], pc[1])
        guard address &+ 4 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 4 <= memorySize, checked above.
        memoryBase.storeBytes(
            of: UInt32(truncatingIfNeeded: sp[b(word)]), toByteOffset: Int(address), as: UInt32.self)
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Store: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[a(word)], pc[1])
        guard address &+ 8 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 8 <= memorySize, checked above.
        memoryBase.storeBytes(
            of: UInt64(truncatingIfNeeded: sp[b(word)]), toByteOffset: Int(address), as: UInt64.self)
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Store8: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[a(word)], pc[1])
        guard address &+ 1 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 1 <= memorySize, checked above.
        memoryBase.storeBytes(
            of: UInt8(truncatingIfNeeded: sp[b(word)]), toByteOffset: Int(address), as: UInt8.self)
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Store16: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[a(word)], pc[1])
        guard address &+ 2 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 2 <= memorySize, checked above.
        memoryBase.storeBytes(
            of: UInt16(truncatingIfNeeded: sp[b(word)]), toByteOffset: Int(address), as: UInt16.self)
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Store8: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[a(word)], pc[1])
        guard address &+ 1 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 1 <= memorySize, checked above.
        memoryBase.storeBytes(
            of: UInt8(truncatingIfNeeded: sp[b(word)]), toByteOffset: Int(address), as: UInt8.self)
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Store16: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[a(word)], pc[1])
        guard address &+ 2 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 2 <= memorySize, checked above.
        memoryBase.storeBytes(
            of: UInt16(truncatingIfNeeded: sp[b(word)]), toByteOffset: Int(address), as: UInt16.self)
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Store32: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let address = effectiveAddress(sp[a(word)], pc[1])
        guard address &+ 4 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 4 <= memorySize, checked above.
        memoryBase.storeBytes(
            of: UInt32(truncatingIfNeeded: sp[b(word)]), toByteOffset: Int(address), as: UInt32.self)
        pc += 2
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleStore8Imm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let word = pc.pointee
        let address = effectiveAddress(sp[a(word)], pc[1])
        guard address &+ 1 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 1 <= memorySize, checked above.
        memoryBase.storeBytes(of: UInt8(b(word)), toByteOffset: Int(address), as: UInt8.self)
        return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleStore16Imm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let word = pc.pointee
        let address = effectiveAddress(sp[a(word)], pc[1])
        guard address &+ 2 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 2 <= memorySize, checked above.
        memoryBase.storeBytes(of: UInt16(b(word)), toByteOffset: Int(address), as: UInt16.self)
        return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleStore32Imm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let word = pc.pointee
        let address = effectiveAddress(sp[a(word)], pc[1])
        guard address &+ 4 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 4 <= memorySize, checked above.
        memoryBase.storeBytes(of: UInt32(b(word)), toByteOffset: Int(address), as: UInt32.self)
        return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleStore64Imm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let word = pc.pointee
        let address = effectiveAddress(sp[a(word)], pc[1])
        guard address &+ 8 <= memorySize else { return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state) }
        // SAFETY: address + 8 <= memorySize, checked above.
        memoryBase.storeBytes(of: UInt64(b(word)), toByteOffset: Int(address), as: UInt64.self)
        return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
    }
}
