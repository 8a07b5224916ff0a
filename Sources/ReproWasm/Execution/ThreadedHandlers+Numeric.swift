// Threaded handlers: numeric instructions (see Dispatch.swift). Float results go
// through `storeCanonical` (docs/DETERMINISM.md §2).

// The handlers share the shape of their op: `binary` and `unary` read slots `b` (and `c`) and write
// slot `a`; the typed forms convert the slots first, the float forms canonicalise a NaN result, and
// the compare forms write 1 or 0. All are inlined into each handler.

/// slot `a` = `operation`(slot `b`, slot `c`).
@inline(__always)
func binary(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer,
    _ operation: (UInt64, UInt64) -> UInt64
) -> UnsafePointer<UInt64> {
    sp[a(pc)] = operation(sp[b(pc)], sp[c(pc)])
    return next(pc + 1, sp, memoryBase, memorySize, fuel, state)
}

/// slot `a` = `operation`(slot `b`).
@inline(__always)
func unary(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, _ operation: (UInt64) -> UInt64
) -> UnsafePointer<UInt64> {
    sp[a(pc)] = operation(sp[b(pc)])
    return next(pc + 1, sp, memoryBase, memorySize, fuel, state)
}

/// An i32 binary op: the slots as `UInt32`, the result zero-extended.
@inline(__always)
func i32Binary(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer,
    _ operation: (UInt32, UInt32) -> UInt32
) -> UnsafePointer<UInt64> {
    binary(pc, sp, memoryBase, memorySize, fuel, state) {
        UInt64(operation(UInt32(truncatingIfNeeded: $0), UInt32(truncatingIfNeeded: $1)))
    }
}

/// An i32 unary op: the slot as `UInt32`, the result zero-extended.
@inline(__always)
func i32Unary(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, _ operation: (UInt32) -> UInt32
) -> UnsafePointer<UInt64> {
    unary(pc, sp, memoryBase, memorySize, fuel, state) { UInt64(operation(UInt32(truncatingIfNeeded: $0))) }
}

/// An i64 binary op.
@inline(__always)
func i64Binary(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer,
    _ operation: (UInt64, UInt64) -> UInt64
) -> UnsafePointer<UInt64> {
    binary(pc, sp, memoryBase, memorySize, fuel, state, operation)
}

/// An i64 unary op.
@inline(__always)
func i64Unary(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, _ operation: (UInt64) -> UInt64
) -> UnsafePointer<UInt64> {
    unary(pc, sp, memoryBase, memorySize, fuel, state, operation)
}

/// An i32 comparison: slot `a` = 1 if it holds, else 0.
@inline(__always)
func i32Compare(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, _ holds: (UInt32, UInt32) -> Bool
) -> UnsafePointer<UInt64> {
    binary(pc, sp, memoryBase, memorySize, fuel, state) {
        holds(UInt32(truncatingIfNeeded: $0), UInt32(truncatingIfNeeded: $1)) ? 1 : 0
    }
}

/// An i64 comparison: slot `a` = 1 if it holds, else 0.
@inline(__always)
func i64Compare(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, _ holds: (UInt64, UInt64) -> Bool
) -> UnsafePointer<UInt64> {
    binary(pc, sp, memoryBase, memorySize, fuel, state) { holds($0, $1) ? 1 : 0 }
}

/// An f32 comparison: slot `a` = 1 if it holds, else 0.
@inline(__always)
func f32Compare(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, _ holds: (Float, Float) -> Bool
) -> UnsafePointer<UInt64> {
    binary(pc, sp, memoryBase, memorySize, fuel, state) {
        holds(
            Float(bitPattern: UInt32(truncatingIfNeeded: $0)), Float(bitPattern: UInt32(truncatingIfNeeded: $1)))
            ? 1 : 0
    }
}

/// An f64 comparison: slot `a` = 1 if it holds, else 0.
@inline(__always)
func f64Compare(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, _ holds: (Double, Double) -> Bool
) -> UnsafePointer<UInt64> {
    binary(pc, sp, memoryBase, memorySize, fuel, state) {
        holds(Double(bitPattern: $0), Double(bitPattern: $1)) ? 1 : 0
    }
}

/// An f32 binary op with a canonicalised result (docs/DETERMINISM.md §2).
@inline(__always)
func f32Binary(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, _ operation: (Float, Float) -> Float
) -> UnsafePointer<UInt64> {
    let x = Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(pc)]))
    let y = Float(bitPattern: UInt32(truncatingIfNeeded: sp[c(pc)]))
    storeCanonical(operation(x, y), to: sp + a(pc))
    return next(pc + 1, sp, memoryBase, memorySize, fuel, state)
}

/// An f32 unary op with a canonicalised result.
@inline(__always)
func f32Unary(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, _ operation: (Float) -> Float
) -> UnsafePointer<UInt64> {
    storeCanonical(operation(Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(pc)]))), to: sp + a(pc))
    return next(pc + 1, sp, memoryBase, memorySize, fuel, state)
}

/// An f64 binary op with a canonicalised result.
@inline(__always)
func f64Binary(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, _ operation: (Double, Double) -> Double
) -> UnsafePointer<UInt64> {
    storeCanonical(operation(Double(bitPattern: sp[b(pc)]), Double(bitPattern: sp[c(pc)])), to: sp + a(pc))
    return next(pc + 1, sp, memoryBase, memorySize, fuel, state)
}

/// An f64 unary op with a canonicalised result.
@inline(__always)
func f64Unary(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, _ operation: (Double) -> Double
) -> UnsafePointer<UInt64> {
    storeCanonical(operation(Double(bitPattern: sp[b(pc)])), to: sp + a(pc))
    return next(pc + 1, sp, memoryBase, memorySize, fuel, state)
}

extension ThreadedHandlers {
    static let handleI32Add: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Binary(pc, sp, memoryBase, memorySize, fuel, state, I32.add)
    }

    static let handleI32Sub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Binary(pc, sp, memoryBase, memorySize, fuel, state, I32.sub)
    }

    static let handleI32Mul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Binary(pc, sp, memoryBase, memorySize, fuel, state, I32.mul)
    }

    static let handleI32And: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Binary(pc, sp, memoryBase, memorySize, fuel, state, I32.and)
    }

    static let handleI32Or: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Binary(pc, sp, memoryBase, memorySize, fuel, state, I32.or)
    }

    static let handleI32Xor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Binary(pc, sp, memoryBase, memorySize, fuel, state, I32.xor)
    }

    static let handleI32Shl: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Binary(pc, sp, memoryBase, memorySize, fuel, state, I32.shl)
    }

    static let handleI32ShrU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Binary(pc, sp, memoryBase, memorySize, fuel, state, I32.shrU)
    }

    static let handleI32ShrS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Binary(pc, sp, memoryBase, memorySize, fuel, state, I32.shrS)
    }

    static let handleI32Rotl: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Binary(pc, sp, memoryBase, memorySize, fuel, state, I32.rotl)
    }

    static let handleI32Rotr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Binary(pc, sp, memoryBase, memorySize, fuel, state, I32.rotr)
    }

    static let handleI32Eq: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Compare(pc, sp, memoryBase, memorySize, fuel, state, I32.eq)
    }

    static let handleI32Ne: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Compare(pc, sp, memoryBase, memorySize, fuel, state, I32.ne)
    }

    static let handleI32LtU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Compare(pc, sp, memoryBase, memorySize, fuel, state, I32.ltU)
    }

    static let handleI32LtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Compare(pc, sp, memoryBase, memorySize, fuel, state, I32.ltS)
    }

    static let handleI32GtU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Compare(pc, sp, memoryBase, memorySize, fuel, state, I32.gtU)
    }

    static let handleI32GtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Compare(pc, sp, memoryBase, memorySize, fuel, state, I32.gtS)
    }

    static let handleI32LeU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Compare(pc, sp, memoryBase, memorySize, fuel, state, I32.leU)
    }

    static let handleI32LeS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Compare(pc, sp, memoryBase, memorySize, fuel, state, I32.leS)
    }

    static let handleI32GeU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Compare(pc, sp, memoryBase, memorySize, fuel, state, I32.geU)
    }

    static let handleI32GeS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Compare(pc, sp, memoryBase, memorySize, fuel, state, I32.geS)
    }

    static let handleI32Eqz: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in
            let x = UInt32(truncatingIfNeeded: lhs)
            return (x == 0) ? 1 : 0
        }
    }

    static let handleI32Clz: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Unary(pc, sp, memoryBase, memorySize, fuel, state) { x in UInt32(x.leadingZeroBitCount) }
    }

    static let handleI32Ctz: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Unary(pc, sp, memoryBase, memorySize, fuel, state) { x in UInt32(x.trailingZeroBitCount) }
    }

    static let handleI32Popcnt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32Unary(pc, sp, memoryBase, memorySize, fuel, state) { x in UInt32(x.nonzeroBitCount) }
    }

    static let handleI32DivU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let x = UInt32(truncatingIfNeeded: sp[b(pc)])
        let y = UInt32(truncatingIfNeeded: sp[c(pc)])
        guard y != 0 else { return trapped(.integerDivideByZero, pc, fuel: fuel, state) }
        sp[a(pc)] = UInt64(x / y)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32RemU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let x = UInt32(truncatingIfNeeded: sp[b(pc)])
        let y = UInt32(truncatingIfNeeded: sp[c(pc)])
        guard y != 0 else { return trapped(.integerDivideByZero, pc, fuel: fuel, state) }
        sp[a(pc)] = UInt64(x % y)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32DivS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let x = Int32(bitPattern: UInt32(truncatingIfNeeded: sp[b(pc)]))
        let y = Int32(bitPattern: UInt32(truncatingIfNeeded: sp[c(pc)]))
        guard y != 0 else { return trapped(.integerDivideByZero, pc, fuel: fuel, state) }
        guard x != Int32.min || y != -1 else { return trapped(.integerOverflow, pc, fuel: fuel, state) }
        sp[a(pc)] = UInt64(UInt32(bitPattern: x / y))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32RemS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let x = Int32(bitPattern: UInt32(truncatingIfNeeded: sp[b(pc)]))
        let y = Int32(bitPattern: UInt32(truncatingIfNeeded: sp[c(pc)]))
        guard y != 0 else { return trapped(.integerDivideByZero, pc, fuel: fuel, state) }
        sp[a(pc)] = y == -1 ? 0 : UInt64(UInt32(bitPattern: x % y))
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64Add: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Binary(pc, sp, memoryBase, memorySize, fuel, state, I64.add)
    }

    static let handleI64Sub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Binary(pc, sp, memoryBase, memorySize, fuel, state, I64.sub)
    }

    static let handleI64Mul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Binary(pc, sp, memoryBase, memorySize, fuel, state, I64.mul)
    }

    static let handleI64And: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Binary(pc, sp, memoryBase, memorySize, fuel, state, I64.and)
    }

    static let handleI64Or: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Binary(pc, sp, memoryBase, memorySize, fuel, state, I64.or)
    }

    static let handleI64Xor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Binary(pc, sp, memoryBase, memorySize, fuel, state, I64.xor)
    }

    static let handleI64Shl: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Binary(pc, sp, memoryBase, memorySize, fuel, state, I64.shl)
    }

    static let handleI64ShrU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Binary(pc, sp, memoryBase, memorySize, fuel, state, I64.shrU)
    }

    static let handleI64ShrS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Binary(pc, sp, memoryBase, memorySize, fuel, state, I64.shrS)
    }

    static let handleI64Rotl: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Binary(pc, sp, memoryBase, memorySize, fuel, state, I64.rotl)
    }

    static let handleI64Rotr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Binary(pc, sp, memoryBase, memorySize, fuel, state, I64.rotr)
    }

    static let handleI64Eq: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Compare(pc, sp, memoryBase, memorySize, fuel, state, I64.eq)
    }

    static let handleI64Ne: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Compare(pc, sp, memoryBase, memorySize, fuel, state, I64.ne)
    }

    static let handleI64LtU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Compare(pc, sp, memoryBase, memorySize, fuel, state, I64.ltU)
    }

    static let handleI64LtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Compare(pc, sp, memoryBase, memorySize, fuel, state, I64.ltS)
    }

    static let handleI64GtU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Compare(pc, sp, memoryBase, memorySize, fuel, state, I64.gtU)
    }

    static let handleI64GtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Compare(pc, sp, memoryBase, memorySize, fuel, state, I64.gtS)
    }

    static let handleI64LeU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Compare(pc, sp, memoryBase, memorySize, fuel, state, I64.leU)
    }

    static let handleI64LeS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Compare(pc, sp, memoryBase, memorySize, fuel, state, I64.leS)
    }

    static let handleI64GeU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Compare(pc, sp, memoryBase, memorySize, fuel, state, I64.geU)
    }

    static let handleI64GeS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Compare(pc, sp, memoryBase, memorySize, fuel, state, I64.geS)
    }

    static let handleI64Eqz: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Unary(pc, sp, memoryBase, memorySize, fuel, state) { x in (x == 0) ? 1 : 0 }
    }

    static let handleI64Clz: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Unary(pc, sp, memoryBase, memorySize, fuel, state) { x in UInt64(x.leadingZeroBitCount) }
    }

    static let handleI64Ctz: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Unary(pc, sp, memoryBase, memorySize, fuel, state) { x in UInt64(x.trailingZeroBitCount) }
    }

    static let handleI64Popcnt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i64Unary(pc, sp, memoryBase, memorySize, fuel, state) { x in UInt64(x.nonzeroBitCount) }
    }

    static let handleI64DivU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let x = sp[b(pc)]
        let y = sp[c(pc)]
        guard y != 0 else { return trapped(.integerDivideByZero, pc, fuel: fuel, state) }
        sp[a(pc)] = x / y
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64RemU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let x = sp[b(pc)]
        let y = sp[c(pc)]
        guard y != 0 else { return trapped(.integerDivideByZero, pc, fuel: fuel, state) }
        sp[a(pc)] = x % y
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64DivS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let x = Int64(bitPattern: sp[b(pc)])
        let y = Int64(bitPattern: sp[c(pc)])
        guard y != 0 else { return trapped(.integerDivideByZero, pc, fuel: fuel, state) }
        guard x != Int64.min || y != -1 else { return trapped(.integerOverflow, pc, fuel: fuel, state) }
        sp[a(pc)] = UInt64(bitPattern: x / y)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI64RemS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        var pc = pc
        var fuel = fuel
        let x = Int64(bitPattern: sp[b(pc)])
        let y = Int64(bitPattern: sp[c(pc)])
        guard y != 0 else { return trapped(.integerDivideByZero, pc, fuel: fuel, state) }
        sp[a(pc)] = y == -1 ? 0 : UInt64(bitPattern: x % y)
        pc += 1
        return next(pc, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF32Add: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f32Binary(pc, sp, memoryBase, memorySize, fuel, state, F32.add)
    }

    static let handleF32Sub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f32Binary(pc, sp, memoryBase, memorySize, fuel, state, F32.sub)
    }

    static let handleF32Mul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f32Binary(pc, sp, memoryBase, memorySize, fuel, state, F32.mul)
    }

    static let handleF32Div: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f32Binary(pc, sp, memoryBase, memorySize, fuel, state, F32.div)
    }

    static let handleF32Min: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f32Binary(pc, sp, memoryBase, memorySize, fuel, state, F32.min)
    }

    static let handleF32Max: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f32Binary(pc, sp, memoryBase, memorySize, fuel, state, F32.max)
    }

    static let handleF32Sqrt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f32Unary(pc, sp, memoryBase, memorySize, fuel, state) { x in x.squareRoot() }
    }

    static let handleF32Ceil: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f32Unary(pc, sp, memoryBase, memorySize, fuel, state) { x in x.rounded(.up) }
    }

    static let handleF32Floor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f32Unary(pc, sp, memoryBase, memorySize, fuel, state) { x in x.rounded(.down) }
    }

    static let handleF32Trunc: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f32Unary(pc, sp, memoryBase, memorySize, fuel, state) { x in x.rounded(.towardZero) }
    }

    static let handleF32Nearest: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f32Unary(pc, sp, memoryBase, memorySize, fuel, state) { x in x.rounded(.toNearestOrEven) }
    }

    static let handleF32Eq: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f32Compare(pc, sp, memoryBase, memorySize, fuel, state, F32.eq)
    }

    static let handleF32Ne: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f32Compare(pc, sp, memoryBase, memorySize, fuel, state, F32.ne)
    }

    static let handleF32Lt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f32Compare(pc, sp, memoryBase, memorySize, fuel, state, F32.lt)
    }

    static let handleF32Gt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f32Compare(pc, sp, memoryBase, memorySize, fuel, state, F32.gt)
    }

    static let handleF32Le: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f32Compare(pc, sp, memoryBase, memorySize, fuel, state, F32.le)
    }

    static let handleF32Ge: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f32Compare(pc, sp, memoryBase, memorySize, fuel, state, F32.ge)
    }

    static let handleF32Abs: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in
            UInt64(UInt32(truncatingIfNeeded: lhs) & ~0x8000_0000)
        }
    }

    static let handleF32Neg: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in
            UInt64(UInt32(truncatingIfNeeded: lhs) ^ 0x8000_0000)
        }
    }

    static let handleF32Copysign: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        binary(pc, sp, memoryBase, memorySize, fuel, state) { lhs, rhs in
            let magnitude = UInt32(truncatingIfNeeded: lhs) & ~0x8000_0000
            let sign = UInt32(truncatingIfNeeded: rhs) & 0x8000_0000
            return UInt64(magnitude | sign)
        }
    }

    static let handleF64Add: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f64Binary(pc, sp, memoryBase, memorySize, fuel, state, F64.add)
    }

    static let handleF64Sub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f64Binary(pc, sp, memoryBase, memorySize, fuel, state, F64.sub)
    }

    static let handleF64Mul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f64Binary(pc, sp, memoryBase, memorySize, fuel, state, F64.mul)
    }

    static let handleF64Div: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f64Binary(pc, sp, memoryBase, memorySize, fuel, state, F64.div)
    }

    static let handleF64Min: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f64Binary(pc, sp, memoryBase, memorySize, fuel, state, F64.min)
    }

    static let handleF64Max: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f64Binary(pc, sp, memoryBase, memorySize, fuel, state, F64.max)
    }

    static let handleF64Sqrt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f64Unary(pc, sp, memoryBase, memorySize, fuel, state) { x in x.squareRoot() }
    }

    static let handleF64Ceil: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f64Unary(pc, sp, memoryBase, memorySize, fuel, state) { x in x.rounded(.up) }
    }

    static let handleF64Floor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f64Unary(pc, sp, memoryBase, memorySize, fuel, state) { x in x.rounded(.down) }
    }

    static let handleF64Trunc: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f64Unary(pc, sp, memoryBase, memorySize, fuel, state) { x in x.rounded(.towardZero) }
    }

    static let handleF64Nearest: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f64Unary(pc, sp, memoryBase, memorySize, fuel, state) { x in x.rounded(.toNearestOrEven) }
    }

    static let handleF64Eq: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f64Compare(pc, sp, memoryBase, memorySize, fuel, state, F64.eq)
    }

    static let handleF64Ne: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f64Compare(pc, sp, memoryBase, memorySize, fuel, state, F64.ne)
    }

    static let handleF64Lt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f64Compare(pc, sp, memoryBase, memorySize, fuel, state, F64.lt)
    }

    static let handleF64Gt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f64Compare(pc, sp, memoryBase, memorySize, fuel, state, F64.gt)
    }

    static let handleF64Le: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f64Compare(pc, sp, memoryBase, memorySize, fuel, state, F64.le)
    }

    static let handleF64Ge: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        f64Compare(pc, sp, memoryBase, memorySize, fuel, state, F64.ge)
    }

    static let handleF64Abs: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in lhs & ~0x8000_0000_0000_0000 }
    }

    static let handleF64Neg: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in lhs ^ 0x8000_0000_0000_0000 }
    }

    static let handleF64Copysign: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        binary(pc, sp, memoryBase, memorySize, fuel, state) { lhs, rhs in
            let magnitude = lhs & ~0x8000_0000_0000_0000
            let sign = rhs & 0x8000_0000_0000_0000
            return magnitude | sign
        }
    }

    static let handleI32WrapI64: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in UInt64(UInt32(truncatingIfNeeded: lhs)) }
    }

    static let handleI64ExtendI32S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in
            UInt64(bitPattern: Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: lhs))))
        }
    }

    static let handleI64ExtendI32U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in UInt64(UInt32(truncatingIfNeeded: lhs)) }
    }

    static let handleI32Extend8S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in
            UInt64(UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: lhs))))
        }
    }

    static let handleI32Extend16S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in
            UInt64(UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: lhs))))
        }
    }

    static let handleI64Extend8S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in
            UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: lhs)))
        }
    }

    static let handleI64Extend16S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in
            UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: lhs)))
        }
    }

    static let handleI64Extend32S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in
            UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: lhs)))
        }
    }

    static let handleF32ConvertI32S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in
            UInt64(Float(Int32(bitPattern: UInt32(truncatingIfNeeded: lhs))).bitPattern)
        }
    }

    static let handleF32ConvertI32U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in
            UInt64(Float(UInt32(truncatingIfNeeded: lhs)).bitPattern)
        }
    }

    static let handleF32ConvertI64S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in UInt64(Float(Int64(bitPattern: lhs)).bitPattern) }
    }

    static let handleF32ConvertI64U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in UInt64(Float(lhs).bitPattern) }
    }

    static let handleF64ConvertI32S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in
            Double(Int32(bitPattern: UInt32(truncatingIfNeeded: lhs))).bitPattern
        }
    }

    static let handleF64ConvertI32U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in Double(UInt32(truncatingIfNeeded: lhs)).bitPattern }
    }

    static let handleF64ConvertI64S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in Double(Int64(bitPattern: lhs)).bitPattern }
    }

    static let handleF64ConvertI64U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in Double(lhs).bitPattern }
    }

    static let handleF32DemoteF64: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        storeCanonical(Float(Double(bitPattern: sp[b(pc)])), to: sp + a(pc))
        return next(pc + 1, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64PromoteF32: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        storeCanonical(Double(Float(bitPattern: UInt32(truncatingIfNeeded: sp[b(pc)]))), to: sp + a(pc))
        return next(pc + 1, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleI32ReinterpretF32: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in lhs & 0xFFFF_FFFF }
    }

    static let handleF32ReinterpretI32: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in lhs & 0xFFFF_FFFF }
    }

    static let handleI64ReinterpretF64: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in lhs }
    }

    static let handleF64ReinterpretI64: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in lhs }
    }

    static let handleI32TruncSatF32S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in
            truncSatToI32S(Float(bitPattern: UInt32(truncatingIfNeeded: lhs)))
        }
    }

    static let handleI32TruncSatF64S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in truncSatToI32S(Double(bitPattern: lhs)) }
    }

    static let handleI32TruncSatF32U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in
            truncSatToI32U(Float(bitPattern: UInt32(truncatingIfNeeded: lhs)))
        }
    }

    static let handleI32TruncSatF64U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in truncSatToI32U(Double(bitPattern: lhs)) }
    }

    static let handleI64TruncSatF32S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in
            truncSatToI64S(Float(bitPattern: UInt32(truncatingIfNeeded: lhs)))
        }
    }

    static let handleI64TruncSatF64S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in truncSatToI64S(Double(bitPattern: lhs)) }
    }

    static let handleI64TruncSatF32U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in
            truncSatToI64U(Float(bitPattern: UInt32(truncatingIfNeeded: lhs)))
        }
    }

    static let handleI64TruncSatF64U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        unary(pc, sp, memoryBase, memorySize, fuel, state) { lhs in truncSatToI64U(Double(bitPattern: lhs)) }
    }
}
