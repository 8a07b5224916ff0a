// Threaded handlers: loads and stores on memory 0 (see Dispatch.swift).

/// The address a memory-0 load or store reads or writes: `base` plus the constant of a folded
/// `i32.add` (low 32 bits of `immediate`, added with the i32 wrap-around), plus the memarg offset
/// (high 32 bits), computed in 64 bits so it cannot wrap past the bounds check.
@inline(__always)
func effectiveAddress(_ base: UInt64, _ immediate: UInt64) -> UInt64 {
    UInt64(UInt32(truncatingIfNeeded: base) &+ UInt32(truncatingIfNeeded: immediate)) &+ (immediate &>> 32)
}

/// The byte offset in memory 0 of a `size`-byte access at `base` and the address word `immediate`
/// (see `effectiveAddress`), or nil when any of its bytes is out of bounds.
@inline(__always)
func memoryOffset(_ base: UInt64, _ immediate: UInt64, size: Int, in memorySize: UInt64) -> Int? {
    let address = effectiveAddress(base, immediate)
    return address &+ UInt64(size) <= memorySize ? Int(truncatingIfNeeded: address) : nil
}

/// A memory-0 load of a `T` at the address in slot `b` (see `effectiveAddress`), widened into slot
/// `a` by `widen`; traps when any byte is out of bounds.
@inline(__always)
func load<T>(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, as type: T.Type,
    _ widen: (T) -> UInt64
) -> UnsafePointer<UInt64> {
    guard let offset = memoryOffset(sp[b(pc)], pc[1], size: MemoryLayout<T>.size, in: memorySize) else {
        return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state)
    }
    // SAFETY: `memoryOffset` checked the access against memorySize.
    sp[a(pc)] = widen(memoryBase.loadUnaligned(fromByteOffset: offset, as: T.self))
    return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
}

/// A memory-0 store of `narrow`(slot `b`) as a `T` at the address in slot `a`; traps when any
/// byte is out of bounds, before writing any.
@inline(__always)
func store<T>(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, as type: T.Type,
    _ narrow: (UInt64) -> T
) -> UnsafePointer<UInt64> {
    storeValue(pc, sp, memoryBase, memorySize, fuel, state, narrow(sp[b(pc)]))
}

/// A memory-0 store of `value` at the address in slot `a` (for `store` and the store-a-constant
/// ops, whose value is operand `b` itself); traps when any byte is out of bounds, before writing any.
@inline(__always)
func storeValue<T>(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, _ value: T
) -> UnsafePointer<UInt64> {
    guard let offset = memoryOffset(sp[a(pc)], pc[1], size: MemoryLayout<T>.size, in: memorySize) else {
        return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state)
    }
    // SAFETY: `memoryOffset` checked the access against memorySize.
    memoryBase.storeBytes(of: value, toByteOffset: offset, as: T.self)
    return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
}

/// A `…Load…Then…` op: a memory-0 load of a `T` as `load` makes it, then `combine`(the value, slot
/// `c`, slot `a`'s address) writes the result; traps when any byte is out of bounds.
@inline(__always)
func loadThen<T>(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, as type: T.Type,
    _ combine: (T, UInt64, UnsafeMutablePointer<UInt64>) -> Void
) -> UnsafePointer<UInt64> {
    guard let offset = memoryOffset(sp[b(pc)], pc[1], size: MemoryLayout<T>.size, in: memorySize) else {
        return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state)
    }
    // SAFETY: `memoryOffset` checked the access against memorySize.
    combine(memoryBase.loadUnaligned(fromByteOffset: offset, as: T.self), sp[c(pc)], sp + a(pc))
    return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
}

/// An i32 `…Load…Then…` op: the loaded `T` zero-extended to i32, then `operation` with slot `c`.
@inline(__always)
func i32LoadThen<T: FixedWidthInteger & UnsignedInteger>(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, as type: T.Type,
    _ operation: (UInt32, UInt32) -> UInt32
) -> UnsafePointer<UInt64> {
    loadThen(pc, sp, memoryBase, memorySize, fuel, state, as: T.self) { value, other, result in
        result.pointee = UInt64(operation(UInt32(value), UInt32(truncatingIfNeeded: other)))
    }
}

/// A float `…Load…Then…` op (`f64LoadThenAdd`, ...): `operation` on the loaded float and slot `c`,
/// canonicalised; the operation fixes the type.
@inline(__always)
func floatLoadThen<F: SlotFloat>(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, _ operation: (F, F) -> F
) -> UnsafePointer<UInt64> {
    loadThen(pc, sp, memoryBase, memorySize, fuel, state, as: F.self) { value, other, result in
        F.store(canonical: operation(value, F(slot: other)), in: result)
    }
}

/// A `move` op: a memory-0 load of a `T`, stored at once; traps before writing anything when either
/// access is out of bounds, at `pc` for the load and one word in for the store (see `Op.move8`).
@inline(__always)
func move<T>(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, as type: T.Type
) -> UnsafePointer<UInt64> {
    guard let source = memoryOffset(sp[b(pc)], pc[1], size: MemoryLayout<T>.size, in: memorySize) else {
        return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state)
    }
    guard let destination = memoryOffset(sp[a(pc)], pc[2], size: MemoryLayout<T>.size, in: memorySize) else {
        return trapped(.outOfBoundsMemoryAccess, pc + 1, fuel: fuel, state)
    }
    // SAFETY: `memoryOffset` checked both accesses against memorySize.
    let value = memoryBase.loadUnaligned(fromByteOffset: source, as: T.self)
    memoryBase.storeBytes(of: value, toByteOffset: destination, as: T.self)
    return next(pc + 3, sp, memoryBase, memorySize, fuel, state)
}

/// A load-and-branch op (`Op.i32LoadThenBrIfLtS`, ...): loads a `T` as `load` does (address word 2),
/// writes it zero-extended to slot `a`, takes `c` from the fuel, then jumps by word 1 if
/// `holds`(the value, the slot named by word 3).
@inline(__always)
func loadThenBranch<T: FixedWidthInteger & UnsignedInteger>(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, as type: T.Type,
    _ holds: (UInt32, UInt32) -> Bool
) -> UnsafePointer<UInt64> {
    guard let offset = memoryOffset(sp[b(pc)], pc[2], size: MemoryLayout<T>.size, in: memorySize) else {
        return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state)
    }
    // SAFETY: `memoryOffset` checked the access against memorySize.
    let value = UInt32(memoryBase.loadUnaligned(fromByteOffset: offset, as: T.self))
    sp[a(pc)] = UInt64(value)
    var fuel = fuel
    guard take(UInt64(c(pc)), from: &fuel) else { return trapped(.outOfFuel, pc + 1, fuel: 0, state) }
    let other = UInt32(truncatingIfNeeded: sp[Int(truncatingIfNeeded: pc[3])])
    let target = holds(value, other) ? pc + Int(Int64(bitPattern: pc[1])) : pc + 4
    return next(target, sp, memoryBase, memorySize, fuel, state)
}

/// `f64AddToMemory` or `f64SubFromMemory`: slot `a` = `operation`(the f64 at the address in slot `b`
/// and word 1, slot `c`), canonicalised, and stored back at that address.
@inline(__always)
func updateF64InMemory(
    _ pc: UnsafePointer<UInt64>, _ sp: UnsafeMutablePointer<UInt64>, _ memoryBase: UnsafeMutableRawPointer,
    _ memorySize: UInt64, _ fuel: UInt64, _ state: UnsafeMutableRawPointer, _ operation: (Double, Double) -> Double
) -> UnsafePointer<UInt64> {
    guard let offset = memoryOffset(sp[b(pc)], pc[1], size: 8, in: memorySize) else {
        return trapped(.outOfBoundsMemoryAccess, pc, fuel: fuel, state)
    }
    // SAFETY: `memoryOffset` checked the access against memorySize.
    let loaded = Double(bitPattern: memoryBase.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    let result = sp + a(pc)
    storeCanonical(operation(loaded, Double(bitPattern: sp[c(pc)])), to: result)
    memoryBase.storeBytes(of: result.pointee, toByteOffset: offset, as: UInt64.self)
    return next(pc + 2, sp, memoryBase, memorySize, fuel, state)
}

extension ThreadedHandlers {
    static let handleI32LoadThenBrIfLtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        loadThenBranch(pc, sp, memoryBase, memorySize, fuel, state, as: UInt32.self, I32.ltS)
    }

    static let handleI32LoadThenBrIfGtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        loadThenBranch(pc, sp, memoryBase, memorySize, fuel, state, as: UInt32.self, I32.gtS)
    }

    static let handleI32LoadThenBrIfNe: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        loadThenBranch(pc, sp, memoryBase, memorySize, fuel, state, as: UInt32.self, I32.ne)
    }

    static let handleI32Load8UThenBrIfLtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        loadThenBranch(pc, sp, memoryBase, memorySize, fuel, state, as: UInt8.self, I32.ltS)
    }

    static let handleI32Load8UThenBrIfGtS: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        loadThenBranch(pc, sp, memoryBase, memorySize, fuel, state, as: UInt8.self, I32.gtS)
    }

    static let handleI32Load8UThenBrIfNe: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        loadThenBranch(pc, sp, memoryBase, memorySize, fuel, state, as: UInt8.self, I32.ne)
    }
}

extension ThreadedHandlers {
    static let handleMove8: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        move(pc, sp, memoryBase, memorySize, fuel, state, as: UInt8.self)
    }

    static let handleMove16: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        move(pc, sp, memoryBase, memorySize, fuel, state, as: UInt16.self)
    }

    static let handleMove32: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        move(pc, sp, memoryBase, memorySize, fuel, state, as: UInt32.self)
    }

    static let handleMove64: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        move(pc, sp, memoryBase, memorySize, fuel, state, as: UInt64.self)
    }
}

extension ThreadedHandlers {
    static let handleI32Load8UThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32LoadThen(pc, sp, memoryBase, memorySize, fuel, state, as: UInt8.self, I32.add)
    }

    static let handleI32Load8UThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32LoadThen(pc, sp, memoryBase, memorySize, fuel, state, as: UInt8.self, I32.xor)
    }

    static let handleI32LoadThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32LoadThen(pc, sp, memoryBase, memorySize, fuel, state, as: UInt32.self, I32.add)
    }

    static let handleI32LoadThenXor: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        i32LoadThen(pc, sp, memoryBase, memorySize, fuel, state, as: UInt32.self, I32.xor)
    }

    static let handleF64LoadThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        floatLoadThen(pc, sp, memoryBase, memorySize, fuel, state, F64.add)
    }

    static let handleF64LoadThenSub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        floatLoadThen(pc, sp, memoryBase, memorySize, fuel, state, F64.sub)
    }

    static let handleF64LoadThenSubFrom: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        floatLoadThen(pc, sp, memoryBase, memorySize, fuel, state, F64.subFrom)
    }

    static let handleF64AddToMemory: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        updateF64InMemory(pc, sp, memoryBase, memorySize, fuel, state, F64.add)
    }

    static let handleF64SubFromMemory: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        updateF64InMemory(pc, sp, memoryBase, memorySize, fuel, state, F64.sub)
    }

    static let handleF64LoadThenMul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        floatLoadThen(pc, sp, memoryBase, memorySize, fuel, state, F64.mul)
    }
}

extension ThreadedHandlers {
    static let handleI32Load: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        load(pc, sp, memoryBase, memorySize, fuel, state, as: UInt32.self) { UInt64($0) }
    }

    static let handleI64Load: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        load(pc, sp, memoryBase, memorySize, fuel, state, as: UInt64.self) { $0 }
    }

    static let handleF32Load: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        load(pc, sp, memoryBase, memorySize, fuel, state, as: UInt32.self) { UInt64($0) }
    }

    static let handleF64Load: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        load(pc, sp, memoryBase, memorySize, fuel, state, as: UInt64.self) { $0 }
    }

    static let handleI32Load8S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        load(pc, sp, memoryBase, memorySize, fuel, state, as: Int8.self) { UInt64(UInt32(bitPattern: Int32($0))) }
    }

    static let handleI32Load8U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        load(pc, sp, memoryBase, memorySize, fuel, state, as: UInt8.self) { UInt64($0) }
    }

    static let handleI32Load16S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        load(pc, sp, memoryBase, memorySize, fuel, state, as: Int16.self) { UInt64(UInt32(bitPattern: Int32($0))) }
    }

    static let handleI32Load16U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        load(pc, sp, memoryBase, memorySize, fuel, state, as: UInt16.self) { UInt64($0) }
    }

    static let handleI64Load8S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        load(pc, sp, memoryBase, memorySize, fuel, state, as: Int8.self) { UInt64(bitPattern: Int64($0)) }
    }

    static let handleI64Load8U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        load(pc, sp, memoryBase, memorySize, fuel, state, as: UInt8.self) { UInt64($0) }
    }

    static let handleI64Load16S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        load(pc, sp, memoryBase, memorySize, fuel, state, as: Int16.self) { UInt64(bitPattern: Int64($0)) }
    }

    static let handleI64Load16U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        load(pc, sp, memoryBase, memorySize, fuel, state, as: UInt16.self) { UInt64($0) }
    }

    static let handleI64Load32S: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        load(pc, sp, memoryBase, memorySize, fuel, state, as: Int32.self) { UInt64(bitPattern: Int64($0)) }
    }

    static let handleI64Load32U: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        load(pc, sp, memoryBase, memorySize, fuel, state, as: UInt32.self) { UInt64($0) }
    }

    static let handleI32Store: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        store(pc, sp, memoryBase, memorySize, fuel, state, as: UInt32.self) { UInt32(truncatingIfNeeded: $0) }
    }

    static let handleI64Store: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        store(pc, sp, memoryBase, memorySize, fuel, state, as: UInt64.self) { UInt64(truncatingIfNeeded: $0) }
    }

    static let handleF32Store: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        store(pc, sp, memoryBase, memorySize, fuel, state, as: UInt32.self) { UInt32(truncatingIfNeeded: $0) }
    }

    static let handleF64Store: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        store(pc, sp, memoryBase, memorySize, fuel, state, as: UInt64.self) { UInt64(truncatingIfNeeded: $0) }
    }

    static let handleI32Store8: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        store(pc, sp, memoryBase, memorySize, fuel, state, as: UInt8.self) { UInt8(truncatingIfNeeded: $0) }
    }

    static let handleI32Store16: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        store(pc, sp, memoryBase, memorySize, fuel, state, as: UInt16.self) { UInt16(truncatingIfNeeded: $0) }
    }

    static let handleI64Store8: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        store(pc, sp, memoryBase, memorySize, fuel, state, as: UInt8.self) { UInt8(truncatingIfNeeded: $0) }
    }

    static let handleI64Store16: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        store(pc, sp, memoryBase, memorySize, fuel, state, as: UInt16.self) { UInt16(truncatingIfNeeded: $0) }
    }

    static let handleI64Store32: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        store(pc, sp, memoryBase, memorySize, fuel, state, as: UInt32.self) { UInt32(truncatingIfNeeded: $0) }
    }

    static let handleStore8Imm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        storeValue(pc, sp, memoryBase, memorySize, fuel, state, UInt8(b(pc)))
    }

    static let handleStore16Imm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        storeValue(pc, sp, memoryBase, memorySize, fuel, state, UInt16(b(pc)))
    }

    static let handleStore32Imm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        storeValue(pc, sp, memoryBase, memorySize, fuel, state, UInt32(b(pc)))
    }

    static let handleStore64Imm: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        storeValue(pc, sp, memoryBase, memorySize, fuel, state, UInt64(b(pc)))
    }
}

extension ThreadedHandlers {
    static let handleF32LoadThenAdd: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        floatLoadThen(pc, sp, memoryBase, memorySize, fuel, state, F32.add)
    }

    static let handleF32LoadThenSub: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        floatLoadThen(pc, sp, memoryBase, memorySize, fuel, state, F32.sub)
    }

    static let handleF32LoadThenSubFrom: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        floatLoadThen(pc, sp, memoryBase, memorySize, fuel, state, F32.subFrom)
    }

    static let handleF32LoadThenMul: Handler = { pc, sp, memoryBase, memorySize, fuel, state in
        floatLoadThen(pc, sp, memoryBase, memorySize, fuel, state, F32.mul)
    }
}
