// Threaded handlers: ops with an immediate operand and fused compare-and-branch ops that Lowering
// emits for common sequences (see Interpreter+Threaded.swift).

/// Runs an `f64…Then…` op: `first` on slots `b` and `c`, then `second` on that and the slot named by
/// the next word, canonicalising only the final result.
@inline(__always)
func chainF64(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer,
    _ first: (Double, Double) -> Double, _ second: (Double, Double) -> Double
) -> UnsafePointer<UInt64> {
    let t = first(Double(bitPattern: sp[b(pc)]), Double(bitPattern: sp[c(pc)]))
    let z = Double(bitPattern: sp[Int(truncatingIfNeeded: pc[1])])
    storeCanonical(second(t, z), to: sp + a(pc))
    return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
}

/// Runs an f64 compare-and-branch op (`brIfF64Lt`, `brIfNotF64GeImm`, ...): jumps when `compare`
/// gives `jumpWhen`; the right operand is slot `b`, or for `immediate` the word after the offset.
@inline(__always)
func branchF64(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, immediate: Bool, jumpWhen: Bool,
    addsSlots: Bool = false, _ compare: (Double, Double) -> Bool
) -> UnsafePointer<UInt64> {
    var fuel = fuel
    guard take(UInt64(c(pc)), from: &fuel) else { return trapped(.outOfFuel, pc, fuel: 0, state) }
    // For `addsSlots` (`brIfF64AddGtImm`, ...), the left operand is the sum of slots `a` and `b`.
    let x =
        addsSlots
        ? Double(bitPattern: sp[a(pc)]) + Double(bitPattern: sp[b(pc)]) : Double(bitPattern: sp[a(pc)])
    let y = Double(bitPattern: immediate ? pc[2] : sp[b(pc)])
    let target = compare(x, y) == jumpWhen ? pc + Int(Int64(bitPattern: pc[1])) : pc + (immediate ? 3 : 2)
    return next(target, sp, memoryBase, memorySize, fuel, state)
}

/// Runs an `i32…Then…` op: `first` on slot `b` and slot `c` (or, for `immediate`, the next word),
/// then `second` on that and the other slot (the next word's, or for `immediate` slot `c`).
@inline(__always)
func chainI32(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, immediate: Bool,
    _ first: (UInt32, UInt32) -> UInt32, _ second: (UInt32, UInt32) -> UInt32
) -> UnsafePointer<UInt64> {
    let x = UInt32(truncatingIfNeeded: sp[b(pc)])
    let y = UInt32(truncatingIfNeeded: immediate ? pc[1] : sp[c(pc)])
    let z = UInt32(truncatingIfNeeded: sp[immediate ? c(pc) : Int(truncatingIfNeeded: pc[1])])
    sp[a(pc)] = UInt64(second(first(x, y), z))
    return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
}

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

/// An i32 compare-and-branch op (`brIfI32LtS`, `brIfI32NeImm`, ...): takes `c` from the fuel, then
/// jumps by the next word if `holds`(slot `a`, slot `b` or for `immediate` the word after the offset).
@inline(__always)
func branchI32(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, immediate: Bool,
    _ holds: (UInt32, UInt32) -> Bool
) -> UnsafePointer<UInt64> {
    var fuel = fuel
    guard take(UInt64(c(pc)), from: &fuel) else { return trapped(.outOfFuel, pc, fuel: 0, state) }
    let x = UInt32(truncatingIfNeeded: sp[a(pc)])
    let y = UInt32(truncatingIfNeeded: immediate ? pc[2] : sp[b(pc)])
    let target = holds(x, y) ? pc + Int(Int64(bitPattern: pc[1])) : pc + (immediate ? 3 : 2)
    return next(target, sp, memoryBase, memorySize, fuel, state)
}

/// A step-and-test op (`i32AddImmThenBrIfNeImm`, `i32AddThenBrIfLtU`, ...): slot `a` = slot `b` + k,
/// then takes `c` from the fuel and jumps by the next word if `holds`(the sum, n). The word after
/// the offset holds k in its low half (for `stepInSlot`, the slot holding k) and n in its high half
/// (for `testsSlot`, the slot holding n, read after the sum is written, as the two ops would).
@inline(__always)
func stepAndBranch(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, stepInSlot: Bool = false,
    testsSlot: Bool = false, _ holds: (UInt32, UInt32) -> Bool
) -> UnsafePointer<UInt64> {
    var fuel = fuel
    guard take(UInt64(c(pc)), from: &fuel) else { return trapped(.outOfFuel, pc, fuel: 0, state) }
    let operands = pc[2]
    let low = Int(truncatingIfNeeded: operands & 0xFFFF_FFFF)
    let high = Int(truncatingIfNeeded: operands &>> 32)
    let step = stepInSlot ? UInt32(truncatingIfNeeded: sp[low]) : UInt32(truncatingIfNeeded: low)
    let sum = UInt32(truncatingIfNeeded: sp[b(pc)]) &+ step
    sp[a(pc)] = UInt64(sum)
    let limit = testsSlot ? UInt32(truncatingIfNeeded: sp[high]) : UInt32(truncatingIfNeeded: high)
    let target = holds(sum, limit) ? pc + Int(Int64(bitPattern: pc[1])) : pc + 3
    return next(target, sp, memoryBase, memorySize, fuel, state)
}

extension ThreadedHandlers {
    static let handleI32AddImmThenBrIf: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        stepAndBranch(pc, sp, memoryBase, memorySize, fuel, state) { sum, _ in sum != 0 }
    }

    static let handleI32AddImmThenBrIfNeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        stepAndBranch(pc, sp, memoryBase, memorySize, fuel, state, I32.ne)
    }

    static let handleI32AddImmThenBrIfLtUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        stepAndBranch(pc, sp, memoryBase, memorySize, fuel, state, I32.ltU)
    }

    static let handleI32AddImmThenBrIfNe: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        stepAndBranch(pc, sp, memoryBase, memorySize, fuel, state, testsSlot: true, I32.ne)
    }

    static let handleI32AddImmThenBrIfLtU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        stepAndBranch(pc, sp, memoryBase, memorySize, fuel, state, testsSlot: true, I32.ltU)
    }

    static let handleI32AddImmThenBrIfGeU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        stepAndBranch(pc, sp, memoryBase, memorySize, fuel, state, testsSlot: true, I32.geU)
    }

    static let handleI32AddImmThenBrIfGtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        stepAndBranch(pc, sp, memoryBase, memorySize, fuel, state, testsSlot: true, I32.gtS)
    }

    static let handleI32AddThenBrIfNeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        stepAndBranch(pc, sp, memoryBase, memorySize, fuel, state, stepInSlot: true, I32.ne)
    }

    static let handleI32AddThenBrIfLtUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        stepAndBranch(pc, sp, memoryBase, memorySize, fuel, state, stepInSlot: true, I32.ltU)
    }

    static let handleI32AddThenBrIfNe: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        stepAndBranch(pc, sp, memoryBase, memorySize, fuel, state, stepInSlot: true, testsSlot: true, I32.ne)
    }

    static let handleI32AddThenBrIfLtU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        stepAndBranch(pc, sp, memoryBase, memorySize, fuel, state, stepInSlot: true, testsSlot: true, I32.ltU)
    }

    static let handleI32AddThenBrIfGeU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        stepAndBranch(pc, sp, memoryBase, memorySize, fuel, state, stepInSlot: true, testsSlot: true, I32.geU)
    }

    static let handleI32AddThenBrIfGtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        stepAndBranch(pc, sp, memoryBase, memorySize, fuel, state, stepInSlot: true, testsSlot: true, I32.gtS)
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

    static let handleBrIfI32Eq: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.eq)
    }

    static let handleBrIfI32EqImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.eq)
    }

    static let handleBrIfI32Ne: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.ne)
    }

    static let handleBrIfI32NeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.ne)
    }

    static let handleBrIfI32LtU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.ltU)
    }

    static let handleBrIfI32LtUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.ltU)
    }

    static let handleBrIfI32GtU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.gtU)
    }

    static let handleBrIfI32GtUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.gtU)
    }

    static let handleBrIfI32LeU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.leU)
    }

    static let handleBrIfI32LeUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.leU)
    }

    static let handleBrIfI32GeU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.geU)
    }

    static let handleBrIfI32GeUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.geU)
    }

    static let handleBrIfI32LtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.ltS)
    }

    static let handleBrIfI32LtSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.ltS)
    }

    static let handleBrIfI32GtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.gtS)
    }

    static let handleBrIfI32GtSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.gtS)
    }

    static let handleBrIfI32LeS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.leS)
    }

    static let handleBrIfI32LeSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.leS)
    }

    static let handleBrIfI32GeS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.geS)
    }

    static let handleBrIfI32GeSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.geS)
    }

    static let handleF64AddThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainF64(pc, sp, memoryBase, memorySize, fuel, state, F64.add, F64.add)
    }

    static let handleF64AddThenMul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainF64(pc, sp, memoryBase, memorySize, fuel, state, F64.add, F64.mul)
    }

    static let handleF64AddThenMulThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        let slots = pc[1]
        let product =
            (Double(bitPattern: sp[b(pc)]) + Double(bitPattern: sp[c(pc)]))
            * Double(bitPattern: sp[Int(truncatingIfNeeded: slots & 0xFFFF_FFFF)])
        storeCanonical(product + Double(bitPattern: sp[Int(truncatingIfNeeded: slots &>> 32)]), to: sp + a(pc))
        return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
    }

    static let handleF64AddThenSub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainF64(pc, sp, memoryBase, memorySize, fuel, state, F64.add, F64.sub)
    }

    static let handleF64AddThenSubFrom: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainF64(pc, sp, memoryBase, memorySize, fuel, state, F64.add, F64.subFrom)
    }

    static let handleF64SubThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainF64(pc, sp, memoryBase, memorySize, fuel, state, F64.sub, F64.add)
    }

    static let handleF64SubThenMul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainF64(pc, sp, memoryBase, memorySize, fuel, state, F64.sub, F64.mul)
    }

    static let handleF64SubThenSub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainF64(pc, sp, memoryBase, memorySize, fuel, state, F64.sub, F64.sub)
    }

    static let handleF64SubThenSubFrom: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainF64(pc, sp, memoryBase, memorySize, fuel, state, F64.sub, F64.subFrom)
    }

    static let handleF64MulThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainF64(pc, sp, memoryBase, memorySize, fuel, state, F64.mul, F64.add)
    }

    static let handleF64MulThenMul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainF64(pc, sp, memoryBase, memorySize, fuel, state, F64.mul, F64.mul)
    }

    static let handleF64MulThenSub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainF64(pc, sp, memoryBase, memorySize, fuel, state, F64.mul, F64.sub)
    }

    static let handleF64MulThenSubFrom: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainF64(pc, sp, memoryBase, memorySize, fuel, state, F64.mul, F64.subFrom)
    }

    static let handleBrIfF64Lt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: true, F64.lt)
    }

    static let handleBrIfF64LtImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: true, F64.lt)
    }

    static let handleBrIfF64Gt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: true, F64.gt)
    }

    static let handleBrIfF64GtImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: true, F64.gt)
    }

    static let handleBrIfF64Le: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: true, F64.le)
    }

    static let handleBrIfF64LeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: true, F64.le)
    }

    static let handleBrIfF64Ge: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: true, F64.ge)
    }

    static let handleBrIfF64GeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: true, F64.ge)
    }

    static let handleBrIfNotF64Lt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: false, F64.lt)
    }

    static let handleBrIfNotF64LtImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: false, F64.lt)
    }

    static let handleBrIfNotF64Gt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: false, F64.gt)
    }

    static let handleBrIfNotF64GtImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: false, F64.gt)
    }

    static let handleBrIfNotF64Le: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: false, F64.le)
    }

    static let handleBrIfNotF64LeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: false, F64.le)
    }

    static let handleBrIfF64AddLtImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: true, addsSlots: true,
            { $0 < $1 })
    }

    static let handleBrIfNotF64AddLtImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: false, addsSlots: true,
            { $0 < $1 })
    }

    static let handleBrIfF64AddGtImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: true, addsSlots: true,
            { $0 > $1 })
    }

    static let handleBrIfNotF64AddGtImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: false, addsSlots: true,
            { $0 > $1 })
    }

    static let handleBrIfF64AddLeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: true, addsSlots: true,
            { $0 <= $1 })
    }

    static let handleBrIfNotF64AddLeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: false, addsSlots: true,
            { $0 <= $1 })
    }

    static let handleBrIfF64AddGeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: true, addsSlots: true,
            { $0 >= $1 })
    }

    static let handleBrIfNotF64AddGeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: false, addsSlots: true,
            { $0 >= $1 })
    }

    static let handleBrIfNotF64Ge: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: false, F64.ge)
    }

    static let handleBrIfNotF64GeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchF64(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: false, F64.ge)
    }

    static let handleI32AddThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.add, I32.add)
    }

    static let handleI32AddThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.add, I32.xor)
    }

    static let handleI32AddThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.add, I32.and)
    }

    static let handleI32AddThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.add, I32.or)
    }

    static let handleI32SubThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.sub, I32.add)
    }

    static let handleI32SubThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.sub, I32.xor)
    }

    static let handleI32SubThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.sub, I32.and)
    }

    static let handleI32SubThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.sub, I32.or)
    }

    static let handleI32MulThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.mul, I32.add)
    }

    static let handleI32MulThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.mul, I32.xor)
    }

    static let handleI32MulThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.mul, I32.and)
    }

    static let handleI32MulThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.mul, I32.or)
    }

    static let handleI32AndThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.and, I32.add)
    }

    static let handleI32AndThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.and, I32.xor)
    }

    static let handleI32AndThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.and, I32.and)
    }

    static let handleI32AndThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.and, I32.or)
    }

    static let handleI32OrThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.or, I32.add)
    }

    static let handleI32OrThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.or, I32.xor)
    }

    static let handleI32OrThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.or, I32.and)
    }

    static let handleI32OrThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.or, I32.or)
    }

    static let handleI32XorThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.xor, I32.add)
    }

    static let handleI32XorThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.xor, I32.xor)
    }

    static let handleI32XorThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.xor, I32.and)
    }

    static let handleI32XorThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.xor, I32.or)
    }

    static let handleI32ShlImmThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.shl, I32.add)
    }

    static let handleI32ShlImmThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.shl, I32.xor)
    }

    static let handleI32ShlImmThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.shl, I32.and)
    }

    static let handleI32ShlImmThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.shl, I32.or)
    }

    static let handleI32ShrUImmThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.shrU, I32.add)
    }

    static let handleI32ShrUImmThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.shrU, I32.xor)
    }

    static let handleI32ShrUImmThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.shrU, I32.and)
    }

    static let handleI32ShrUImmThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.shrU, I32.or)
    }

    static let handleI32RotlImmThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.rotl, I32.add)
    }

    static let handleI32RotlImmThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.rotl, I32.xor)
    }

    static let handleI32RotlImmThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.rotl, I32.and)
    }

    static let handleI32RotlImmThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.rotl, I32.or)
    }

    static let handleI32MulImmThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.mul, I32.add)
    }

    static let handleI32MulImmThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.mul, I32.xor)
    }

    static let handleI32MulImmThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.mul, I32.and)
    }

    static let handleI32MulImmThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.mul, I32.or)
    }

    static let handleI32AndImmThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.and, I32.add)
    }

    static let handleI32AndImmThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.and, I32.xor)
    }

    static let handleI32AndImmThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.and, I32.and)
    }

    static let handleI32AndImmThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.and, I32.or)
    }

    static let handleI32AddImmThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.add, I32.add)
    }

    static let handleI32AddImmThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.add, I32.xor)
    }

    static let handleI32AddImmThenAnd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.add, I32.and)
    }

    static let handleI32AddImmThenOr: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        chainI32(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.add, I32.or)
    }
}
