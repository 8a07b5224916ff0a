// Threaded handlers: numeric instructions (see Interpreter+Threaded.swift). Float results go
// through `storeCanonical` (DETERMINISM.md §2).

extension ThreadedHandlers {
    static let handleI32Add: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = UInt64(x &+ y)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Sub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = UInt64(x &- y)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Mul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = UInt64(x &* y)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32And: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = UInt64(x & y)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Or: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = UInt64(x | y)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Xor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = UInt64(x ^ y)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Shl: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = UInt64(x &<< y)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32ShrU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = UInt64(x &>> y)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32ShrS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = UInt64(UInt32(bitPattern: Int32(bitPattern: x) &>> Int32(bitPattern: y)))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Rotl: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = UInt64(x.rotatedLeft(by: y))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Rotr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = UInt64(x.rotatedRight(by: y))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Eq: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = (x == y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Ne: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = (x != y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32LtU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = (x < y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32LtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = (Int32(bitPattern: x) < Int32(bitPattern: y)) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32GtU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = (x > y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32GtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = (Int32(bitPattern: x) > Int32(bitPattern: y)) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32LeU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = (x <= y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32LeS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = (Int32(bitPattern: x) <= Int32(bitPattern: y)) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32GeU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = (x >= y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32GeS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        sp[a(word)] = (Int32(bitPattern: x) >= Int32(bitPattern: y)) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Eqz: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        sp[a(word)] = (x == 0) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Clz: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        sp[a(word)] = UInt64(UInt32(x.leadingZeroBitCount))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Ctz: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        sp[a(word)] = UInt64(UInt32(x.trailingZeroBitCount))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Popcnt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        sp[a(word)] = UInt64(UInt32(x.nonzeroBitCount))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32DivU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        guard y != 0 else { return trapped(.integerDivideByZero, pc, fuel: fuel, state) }
        sp[a(word)] = UInt64(x / y)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32RemU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let x = UInt32(truncatingIfNeeded: sp[b(word)])
        let y = UInt32(truncatingIfNeeded: sp[c(word)])
        guard y != 0 else { return trapped(.integerDivideByZero, pc, fuel: fuel, state) }
        sp[a(word)] = UInt64(x % y)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32DivS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let x = Int32(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
        let y = Int32(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
        guard y != 0 else { return trapped(.integerDivideByZero, pc, fuel: fuel, state) }
        guard x != Int32.min || y != -1 else { return trapped(.integerOverflow, pc, fuel: fuel, state) }
        sp[a(word)] = UInt64(UInt32(bitPattern: x / y))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32RemS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let x = Int32(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
        let y = Int32(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
        guard y != 0 else { return trapped(.integerDivideByZero, pc, fuel: fuel, state) }
        sp[a(word)] = y == -1 ? 0 : UInt64(UInt32(bitPattern: x % y))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Add: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = x &+ y
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Sub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = x &- y
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Mul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = x &* y
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64And: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = x & y
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Or: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = x | y
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Xor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = x ^ y
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Shl: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = x &<< y
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64ShrU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = x &>> y
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64ShrS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = UInt64(bitPattern: Int64(bitPattern: x) &>> Int64(bitPattern: y))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Rotl: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = x.rotatedLeft(by: y)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Rotr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = x.rotatedRight(by: y)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Eq: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = (x == y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Ne: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = (x != y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64LtU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = (x < y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64LtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = (Int64(bitPattern: x) < Int64(bitPattern: y)) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64GtU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = (x > y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64GtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = (Int64(bitPattern: x) > Int64(bitPattern: y)) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64LeU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = (x <= y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64LeS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = (Int64(bitPattern: x) <= Int64(bitPattern: y)) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64GeU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = (x >= y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64GeS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        sp[a(word)] = (Int64(bitPattern: x) >= Int64(bitPattern: y)) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Eqz: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        sp[a(word)] = (x == 0) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Clz: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        sp[a(word)] = UInt64(x.leadingZeroBitCount)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Ctz: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        sp[a(word)] = UInt64(x.trailingZeroBitCount)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Popcnt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = sp[b(word)]
        sp[a(word)] = UInt64(x.nonzeroBitCount)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64DivU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        guard y != 0 else { return trapped(.integerDivideByZero, pc, fuel: fuel, state) }
        sp[a(word)] = x / y
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64RemU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let x = sp[b(word)]
        let y = sp[c(word)]
        guard y != 0 else { return trapped(.integerDivideByZero, pc, fuel: fuel, state) }
        sp[a(word)] = x % y
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64DivS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let x = Int64(bitPattern: sp[b(word)])
        let y = Int64(bitPattern: sp[c(word)])
        guard y != 0 else { return trapped(.integerDivideByZero, pc, fuel: fuel, state) }
        guard x != Int64.min || y != -1 else { return trapped(.integerOverflow, pc, fuel: fuel, state) }
        sp[a(word)] = UInt64(bitPattern: x / y)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64RemS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let word = pc.pointee
        let x = Int64(bitPattern: sp[b(word)])
        let y = Int64(bitPattern: sp[c(word)])
        guard y != 0 else { return trapped(.integerDivideByZero, pc, fuel: fuel, state) }
        sp[a(word)] = y == -1 ? 0 : UInt64(bitPattern: x % y)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Add: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
        let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
        storeCanonical(x + y, to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Sub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
        let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
        storeCanonical(x - y, to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Mul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
        let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
        storeCanonical(x * y, to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Div: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
        let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
        storeCanonical(x / y, to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Min: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
        let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
        storeCanonical(wasmMin(x, y), to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Max: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
        let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
        storeCanonical(wasmMax(x, y), to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Sqrt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
        storeCanonical(x.squareRoot(), to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Ceil: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
        storeCanonical(x.rounded(.up), to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Floor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
        storeCanonical(x.rounded(.down), to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Trunc: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
        storeCanonical(x.rounded(.towardZero), to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Nearest: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
        storeCanonical(x.rounded(.toNearestOrEven), to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Eq: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
        let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
        sp[a(word)] = (x == y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Ne: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
        let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
        sp[a(word)] = (x != y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Lt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
        let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
        sp[a(word)] = (x < y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Gt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
        let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
        sp[a(word)] = (x > y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Le: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
        let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
        sp[a(word)] = (x <= y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Ge: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))
        let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(word)]))
        sp[a(word)] = (x >= y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Abs: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = UInt64(UInt32(truncatingIfNeeded: sp[b(word)]) & ~0x8000_0000)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Neg: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = UInt64(UInt32(truncatingIfNeeded: sp[b(word)]) ^ 0x8000_0000)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Copysign: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let magnitude = UInt32(truncatingIfNeeded: sp[b(word)]) & ~0x8000_0000
        let sign = UInt32(truncatingIfNeeded: sp[c(word)]) & 0x8000_0000
        sp[a(word)] = UInt64(magnitude | sign)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Add: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Double(bitPattern: sp[b(word)])
        let y = Double(bitPattern: sp[c(word)])
        storeCanonical(x + y, to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Sub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Double(bitPattern: sp[b(word)])
        let y = Double(bitPattern: sp[c(word)])
        storeCanonical(x - y, to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Mul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Double(bitPattern: sp[b(word)])
        let y = Double(bitPattern: sp[c(word)])
        storeCanonical(x * y, to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Div: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Double(bitPattern: sp[b(word)])
        let y = Double(bitPattern: sp[c(word)])
        storeCanonical(x / y, to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Min: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Double(bitPattern: sp[b(word)])
        let y = Double(bitPattern: sp[c(word)])
        storeCanonical(wasmMin(x, y), to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Max: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Double(bitPattern: sp[b(word)])
        let y = Double(bitPattern: sp[c(word)])
        storeCanonical(wasmMax(x, y), to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Sqrt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Double(bitPattern: sp[b(word)])
        storeCanonical(x.squareRoot(), to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Ceil: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Double(bitPattern: sp[b(word)])
        storeCanonical(x.rounded(.up), to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Floor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Double(bitPattern: sp[b(word)])
        storeCanonical(x.rounded(.down), to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Trunc: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Double(bitPattern: sp[b(word)])
        storeCanonical(x.rounded(.towardZero), to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Nearest: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Double(bitPattern: sp[b(word)])
        storeCanonical(x.rounded(.toNearestOrEven), to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Eq: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Double(bitPattern: sp[b(word)])
        let y = Double(bitPattern: sp[c(word)])
        sp[a(word)] = (x == y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Ne: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Double(bitPattern: sp[b(word)])
        let y = Double(bitPattern: sp[c(word)])
        sp[a(word)] = (x != y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Lt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Double(bitPattern: sp[b(word)])
        let y = Double(bitPattern: sp[c(word)])
        sp[a(word)] = (x < y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Gt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Double(bitPattern: sp[b(word)])
        let y = Double(bitPattern: sp[c(word)])
        sp[a(word)] = (x > y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Le: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Double(bitPattern: sp[b(word)])
        let y = Double(bitPattern: sp[c(word)])
        sp[a(word)] = (x <= y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Ge: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let x = Double(bitPattern: sp[b(word)])
        let y = Double(bitPattern: sp[c(word)])
        sp[a(word)] = (x >= y) ? 1 : 0
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Abs: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = sp[b(word)] & ~0x8000_0000_0000_0000
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Neg: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = sp[b(word)] ^ 0x8000_0000_0000_0000
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64Copysign: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        let magnitude = sp[b(word)] & ~0x8000_0000_0000_0000
        let sign = sp[c(word)] & 0x8000_0000_0000_0000
        sp[a(word)] = magnitude | sign
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32WrapI64: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = UInt64(UInt32(truncatingIfNeeded: sp[b(word)]))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64ExtendI32S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = UInt64(bitPattern: Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64ExtendI32U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = UInt64(UInt32(truncatingIfNeeded: sp[b(word)]))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Extend8S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = UInt64(UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: sp[b(word)]))))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32Extend16S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = UInt64(UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: sp[b(word)]))))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Extend8S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: sp[b(word)])))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Extend16S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: sp[b(word)])))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Extend32S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: sp[b(word)])))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32ConvertI32S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = UInt64(Float(Int32(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))).bitPattern)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32ConvertI32U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = UInt64(Float(UInt32(truncatingIfNeeded: sp[b(word)])).bitPattern)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32ConvertI64S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = UInt64(Float(Int64(bitPattern: sp[b(word)])).bitPattern)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32ConvertI64U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = UInt64(Float(sp[b(word)]).bitPattern)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64ConvertI32S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = Double(Int32(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))).bitPattern
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64ConvertI32U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = Double(UInt32(truncatingIfNeeded: sp[b(word)])).bitPattern
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64ConvertI64S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = Double(Int64(bitPattern: sp[b(word)])).bitPattern
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64ConvertI64U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = Double(sp[b(word)]).bitPattern
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32DemoteF64: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        storeCanonical(Float(Double(bitPattern: sp[b(word)])), to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64PromoteF32: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        storeCanonical(Double(Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)]))), to: sp + a(word))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32ReinterpretF32: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = sp[b(word)] & 0xFFFF_FFFF
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32ReinterpretI32: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = sp[b(word)] & 0xFFFF_FFFF
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64ReinterpretF64: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = sp[b(word)]
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64ReinterpretI64: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = sp[b(word)]
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32TruncSatF32S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = truncSatToI32S(Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)])))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32TruncSatF64S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = truncSatToI32S(Double(bitPattern: sp[b(word)]))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32TruncSatF32U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = truncSatToI32U(Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)])))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32TruncSatF64U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = truncSatToI32U(Double(bitPattern: sp[b(word)]))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64TruncSatF32S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = truncSatToI64S(Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)])))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64TruncSatF64S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = truncSatToI64S(Double(bitPattern: sp[b(word)]))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64TruncSatF32U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = truncSatToI64U(Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(word)])))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64TruncSatF64U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        let word = pc.pointee
        sp[a(word)] = truncSatToI64U(Double(bitPattern: sp[b(word)]))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }
}
