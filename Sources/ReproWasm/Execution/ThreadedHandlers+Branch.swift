// Threaded handlers: a comparison and the branch on it in one op (i32, i64, f32 and f64, register
// and immediate forms), and a loop's step and test in one op (see Dispatch.swift).

/// A scalar as its stack slot (or an immediate word) holds it: i32 and f32 in the low 32 bits.
protocol SlotScalar {
    init(slot: UInt64)
}

extension UInt32: SlotScalar {
    @inline(__always) init(slot: UInt64) { self.init(truncatingIfNeeded: slot) }
}

extension UInt64: SlotScalar {
    @inline(__always) init(slot: UInt64) { self = slot }
}

extension Float: SlotScalar {
    @inline(__always) init(slot: UInt64) { self.init(bitPattern: UInt32(truncatingIfNeeded: slot)) }
}

extension Double: SlotScalar {
    @inline(__always) init(slot: UInt64) { self.init(bitPattern: slot) }
}

/// A compare-and-branch op of any scalar type (`brIfI32LtS`, `brIfI64NeImm`, `brIfNotF32GeImm`,
/// ...): takes `c` from the fuel, then jumps by the next word when `compare`(slot `a`, slot `b` or
/// for `immediate` the word after the offset) gives `jumpWhen`. The comparison is the type's
/// operation from `Numerics+Scalar.swift`, which fixes `Value`; integer ops always jump when it
/// holds (Lowering negates the comparison instead), float ops may jump when it does not (with NaNs,
/// not `<` is not `>=`).
@inline(__always)
func branchOn<Value: SlotScalar>(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, immediate: Bool, jumpWhen: Bool = true,
    _ compare: (Value, Value) -> Bool
) -> UnsafePointer<UInt64> {
    var fuel = fuel
    guard take(UInt64(c(pc)), from: &fuel) else { return trapped(.outOfFuel, pc, fuel: 0, state) }
    let x = Value(slot: sp[a(pc)])
    let y = Value(slot: immediate ? pc[2] : sp[b(pc)])
    let target = compare(x, y) == jumpWhen ? pc + Int(Int64(bitPattern: pc[1])) : pc + (immediate ? 3 : 2)
    return next(target, sp, memoryBase, memorySize, fuel, state)
}

/// Runs an f64 compare-and-branch op on the sum of two slots (`brIfF64AddLtImm`, ...): jumps when
/// `compare` gives `jumpWhen`; the right operand is the word after the offset.
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

    static let handleBrIfI32Eq: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.eq)
    }

    static let handleBrIfI32EqImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.eq)
    }

    static let handleBrIfI32Ne: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.ne)
    }

    static let handleBrIfI32NeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.ne)
    }

    static let handleBrIfI32LtU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.ltU)
    }

    static let handleBrIfI32LtUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.ltU)
    }

    static let handleBrIfI32GtU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.gtU)
    }

    static let handleBrIfI32GtUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.gtU)
    }

    static let handleBrIfI32LeU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.leU)
    }

    static let handleBrIfI32LeUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.leU)
    }

    static let handleBrIfI32GeU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.geU)
    }

    static let handleBrIfI32GeUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.geU)
    }

    static let handleBrIfI32LtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.ltS)
    }

    static let handleBrIfI32LtSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.ltS)
    }

    static let handleBrIfI32GtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.gtS)
    }

    static let handleBrIfI32GtSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.gtS)
    }

    static let handleBrIfI32LeS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.leS)
    }

    static let handleBrIfI32LeSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.leS)
    }

    static let handleBrIfI32GeS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I32.geS)
    }

    static let handleBrIfI32GeSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I32.geS)
    }

    static let handleBrIfF64Lt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: true, F64.lt)
    }

    static let handleBrIfF64LtImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: true, F64.lt)
    }

    static let handleBrIfF64Gt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: true, F64.gt)
    }

    static let handleBrIfF64GtImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: true, F64.gt)
    }

    static let handleBrIfF64Le: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: true, F64.le)
    }

    static let handleBrIfF64LeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: true, F64.le)
    }

    static let handleBrIfF64Ge: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: true, F64.ge)
    }

    static let handleBrIfF64GeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: true, F64.ge)
    }

    static let handleBrIfNotF64Lt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: false, F64.lt)
    }

    static let handleBrIfNotF64LtImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: false, F64.lt)
    }

    static let handleBrIfNotF64Gt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: false, F64.gt)
    }

    static let handleBrIfNotF64GtImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: false, F64.gt)
    }

    static let handleBrIfNotF64Le: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: false, F64.le)
    }

    static let handleBrIfNotF64LeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
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
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: false, F64.ge)
    }

    static let handleBrIfNotF64GeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: false, F64.ge)
    }

    static let handleBrIfI64Eq: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I64.eq)
    }

    static let handleBrIfI64EqImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I64.eq)
    }

    static let handleBrIfI64Ne: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I64.ne)
    }

    static let handleBrIfI64NeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I64.ne)
    }

    static let handleBrIfI64LtU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I64.ltU)
    }

    static let handleBrIfI64LtUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I64.ltU)
    }

    static let handleBrIfI64GtU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I64.gtU)
    }

    static let handleBrIfI64GtUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I64.gtU)
    }

    static let handleBrIfI64LeU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I64.leU)
    }

    static let handleBrIfI64LeUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I64.leU)
    }

    static let handleBrIfI64GeU: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I64.geU)
    }

    static let handleBrIfI64GeUImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I64.geU)
    }

    static let handleBrIfI64LtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I64.ltS)
    }

    static let handleBrIfI64LtSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I64.ltS)
    }

    static let handleBrIfI64GtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I64.gtS)
    }

    static let handleBrIfI64GtSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I64.gtS)
    }

    static let handleBrIfI64LeS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I64.leS)
    }

    static let handleBrIfI64LeSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I64.leS)
    }

    static let handleBrIfI64GeS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: false, I64.geS)
    }

    static let handleBrIfI64GeSImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(pc, sp, memoryBase, memorySize, fuel, state, immediate: true, I64.geS)
    }

    static let handleBrIfF32Lt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: true, F32.lt)
    }

    static let handleBrIfF32LtImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: true, F32.lt)
    }

    static let handleBrIfF32Gt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: true, F32.gt)
    }

    static let handleBrIfF32GtImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: true, F32.gt)
    }

    static let handleBrIfF32Le: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: true, F32.le)
    }

    static let handleBrIfF32LeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: true, F32.le)
    }

    static let handleBrIfF32Ge: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: true, F32.ge)
    }

    static let handleBrIfF32GeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: true, F32.ge)
    }

    static let handleBrIfNotF32Lt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: false, F32.lt)
    }

    static let handleBrIfNotF32LtImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: false, F32.lt)
    }

    static let handleBrIfNotF32Gt: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: false, F32.gt)
    }

    static let handleBrIfNotF32GtImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: false, F32.gt)
    }

    static let handleBrIfNotF32Le: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: false, F32.le)
    }

    static let handleBrIfNotF32LeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: false, F32.le)
    }

    static let handleBrIfNotF32Ge: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: false, jumpWhen: false, F32.ge)
    }

    static let handleBrIfNotF32GeImm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        branchOn(
            pc, sp, memoryBase, memorySize, fuel, state, immediate: true, jumpWhen: false, F32.ge)
    }
}
