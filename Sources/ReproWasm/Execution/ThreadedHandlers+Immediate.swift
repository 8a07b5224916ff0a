// Threaded handlers: numeric ops with their right operand in an immediate word (made from
// `const; op` by Lowering), and the in-place steps `i32AddImmPair`, `i32AddImmAndCopy` (see Dispatch.swift).

/// An i32 op with its right operand in the next word: slot `a` = `operation`(slot `b`, immediate).
@inline(__always)
func i32BinaryImmediate(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer,
    _ operation: (UInt32, UInt32) -> UInt32
) -> UnsafePointer<UInt64> {
    sp[a(pc)] = UInt64(operation(UInt32(truncatingIfNeeded: sp[b(pc)]), UInt32(truncatingIfNeeded: pc[1])))
    return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
}

/// An i64 op with its right operand in the next word.
@inline(__always)
func i64BinaryImmediate(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer,
    _ operation: (UInt64, UInt64) -> UInt64
) -> UnsafePointer<UInt64> {
    sp[a(pc)] = operation(sp[b(pc)], pc[1])
    return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
}

/// A float op with its right operand in the next word (an f32's bits in its low half), the result
/// canonicalised: slot `a` = `operation`(slot `b`, immediate). The operation fixes the type.
@inline(__always)
func floatBinaryImmediate<F: SlotFloat>(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, _ operation: (F, F) -> F
) -> UnsafePointer<UInt64> {
    F.store(canonical: operation(F(slot: sp[b(pc)]), F(slot: pc[1])), in: sp + a(pc))
    return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
}

/// An i32 comparison with the next word: slot `a` = 1 if it holds, else 0.
@inline(__always)
func i32CompareImmediate(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, _ holds: (UInt32, UInt32) -> Bool
) -> UnsafePointer<UInt64> {
    i32BinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state) { holds($0, $1) ? 1 : 0 }
}

/// An i64 comparison with the next word: slot `a` = 1 if it holds, else 0.
@inline(__always)
func i64CompareImmediate(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, _ holds: (UInt64, UInt64) -> Bool
) -> UnsafePointer<UInt64> {
    i64BinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state) { holds($0, $1) ? 1 : 0 }
}

extension ThreadedHandlers {
    static let handleI32AddImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32BinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, I32.add)
    }

    static let handleI32SubImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32BinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, I32.sub)
    }

    static let handleI32MulImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32BinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, I32.mul)
    }

    static let handleI32AndImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32BinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, I32.and)
    }

    static let handleI32OrImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32BinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, I32.or)
    }

    static let handleI32XorImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32BinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, I32.xor)
    }

    static let handleI32ShlImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32BinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, I32.shl)
    }

    static let handleI32ShrUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32BinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, I32.shrU)
    }

    static let handleI32ShrSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32BinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, I32.shrS)
    }

    static let handleI32RotlImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let x = UInt32(truncatingIfNeeded: sp[b(pc)])
        let y = UInt32(truncatingIfNeeded: pc[1])
        sp[a(pc)] = UInt64(x.rotatedLeft(by: y))
        return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32RotrImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let x = UInt32(truncatingIfNeeded: sp[b(pc)])
        let y = UInt32(truncatingIfNeeded: pc[1])
        sp[a(pc)] = UInt64(x.rotatedRight(by: y))
        return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32EqImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32CompareImmediate(pc, sp, memoryBase, memorySize, fuel, state, I32.eq)
    }

    static let handleI32NeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32CompareImmediate(pc, sp, memoryBase, memorySize, fuel, state, I32.ne)
    }

    static let handleI32LtUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32CompareImmediate(pc, sp, memoryBase, memorySize, fuel, state, I32.ltU)
    }

    static let handleI32GtUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32CompareImmediate(pc, sp, memoryBase, memorySize, fuel, state, I32.gtU)
    }

    static let handleI32LeUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32CompareImmediate(pc, sp, memoryBase, memorySize, fuel, state, I32.leU)
    }

    static let handleI32GeUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32CompareImmediate(pc, sp, memoryBase, memorySize, fuel, state, I32.geU)
    }

    static let handleI32LtSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32CompareImmediate(pc, sp, memoryBase, memorySize, fuel, state, I32.ltS)
    }

    static let handleI32GtSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32CompareImmediate(pc, sp, memoryBase, memorySize, fuel, state, I32.gtS)
    }

    static let handleI32LeSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32CompareImmediate(pc, sp, memoryBase, memorySize, fuel, state, I32.leS)
    }

    static let handleI32GeSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32CompareImmediate(pc, sp, memoryBase, memorySize, fuel, state, I32.geS)
    }

    static let handleI64AddImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64BinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, I64.add)
    }

    static let handleI64SubImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64BinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, I64.sub)
    }

    static let handleI64MulImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64BinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, I64.mul)
    }

    static let handleI64AndImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64BinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, I64.and)
    }

    static let handleI64OrImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64BinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, I64.or)
    }

    static let handleI64XorImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64BinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, I64.xor)
    }

    static let handleI64ShlImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64BinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, I64.shl)
    }

    static let handleI64ShrUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64BinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, I64.shrU)
    }

    static let handleI64ShrSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64BinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, I64.shrS)
    }

    static let handleI64RotlImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let x = sp[b(pc)]
        let y = pc[1]
        sp[a(pc)] = x.rotatedLeft(by: y)
        return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64RotrImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let x = sp[b(pc)]
        let y = pc[1]
        sp[a(pc)] = x.rotatedRight(by: y)
        return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64EqImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64CompareImmediate(pc, sp, memoryBase, memorySize, fuel, state, I64.eq)
    }

    static let handleI64NeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64CompareImmediate(pc, sp, memoryBase, memorySize, fuel, state, I64.ne)
    }

    static let handleI64LtUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64CompareImmediate(pc, sp, memoryBase, memorySize, fuel, state, I64.ltU)
    }

    static let handleI64GtUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64CompareImmediate(pc, sp, memoryBase, memorySize, fuel, state, I64.gtU)
    }

    static let handleI64LeUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64CompareImmediate(pc, sp, memoryBase, memorySize, fuel, state, I64.leU)
    }

    static let handleI64GeUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64CompareImmediate(pc, sp, memoryBase, memorySize, fuel, state, I64.geU)
    }

    static let handleI64LtSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64CompareImmediate(pc, sp, memoryBase, memorySize, fuel, state, I64.ltS)
    }

    static let handleI64GtSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64CompareImmediate(pc, sp, memoryBase, memorySize, fuel, state, I64.gtS)
    }

    static let handleI64LeSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64CompareImmediate(pc, sp, memoryBase, memorySize, fuel, state, I64.leS)
    }

    static let handleI64GeSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64CompareImmediate(pc, sp, memoryBase, memorySize, fuel, state, I64.geS)
    }

    static let handleI32AddImmPair: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let steps = pc[1]
        let first = sp + a(pc)
        first.pointee = UInt64(UInt32(truncatingIfNeeded: first.pointee) &+ UInt32(truncatingIfNeeded: steps))
        let second = sp + b(pc)
        second.pointee = UInt64(UInt32(truncatingIfNeeded: second.pointee) &+ UInt32(truncatingIfNeeded: steps &>> 32))
        return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32AddImmAndCopy: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let sum = UInt64(UInt32(truncatingIfNeeded: sp[b(pc)]) &+ UInt32(truncatingIfNeeded: pc[1]))
        sp[a(pc)] = sum
        sp[c(pc)] = sum
        return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
    }
}

extension ThreadedHandlers {
    static let handleF32AddImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        floatBinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, F32.add)
    }

    static let handleF32SubImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        floatBinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, F32.sub)
    }

    static let handleF32MulImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        floatBinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, F32.mul)
    }

    static let handleF32DivImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        floatBinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, F32.div)
    }

    static let handleF64AddImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        floatBinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, F64.add)
    }

    static let handleF64SubImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        floatBinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, F64.sub)
    }

    static let handleF64MulImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        floatBinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, F64.mul)
    }

    static let handleF64DivImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        floatBinaryImmediate(pc, sp, memoryBase, memorySize, fuel, state, F64.div)
    }
}
