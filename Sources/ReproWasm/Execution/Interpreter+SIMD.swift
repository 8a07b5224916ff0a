// The fixed-width SIMD instructions: one function, `executeSIMD`, that the loop's `case .simd:`
// calls, one `switch` over the `Opcode` that Lowering put in the instruction's second word (word
// layout: `Op.simd`). The lane arithmetic it uses is in Numerics+SIMD.swift.
//
// Lanes are Swift SIMD vectors built from the two slots of a v128 (low 64 bits first, so lane 0 is
// the lowest byte of the first slot, as in wasm memory), so whole-vector operators compile to SSE
// instructions. Every case reads all of its inputs before it writes its result: the destination may
// be the slot of an input.
//
// Why one big function, and why everything in it is written with plain operators or small concrete
// `@inline(__always)` helpers: the SIL inliner stops inlining ordinary calls into a caller of more
// than 400 blocks, which this switch is. With closures and generic library calls (`loadUnaligned`,
// `init(truncatingIfNeeded:)`, `pointwiseMin`) the cases became calls; splitting the switch into six
// smaller functions inlined everything but added a second indirect jump per instruction and was
// slower on dot_simd. Helpers marked `@inline(__always)` are always inlined when small, and a
// concrete one is optimised on its own first, so it arrives with its library calls already inlined.
// Check with `objdump -d` on the release binary: `executeSIMD` should call only libm (per-lane
// rounding), `otherMemory`, and the trap and precondition paths.

typealias U8x16 = SIMD16<UInt8>
typealias I8x16 = SIMD16<Int8>
typealias U16x8 = SIMD8<UInt16>
typealias I16x8 = SIMD8<Int16>
typealias U32x4 = SIMD4<UInt32>
typealias I32x4 = SIMD4<Int32>
typealias U64x2 = SIMD2<UInt64>
typealias I64x2 = SIMD2<Int64>
typealias F32x4 = SIMD4<Float>
typealias F64x2 = SIMD2<Double>

extension StoreRuntime {
    /// Runs the `Op.simd` instruction at `pc`; returns how many words it takes (2, 3 for memory
    /// instructions, 4 for `i8x16.shuffle`: `Op.simdWordCount(of:)`).
    ///
    /// Memory 0 is `memoryBase`/`memorySize` (the loop's cached view); other memories are looked up
    /// in `context`. Throws only `outOfBoundsMemoryAccess`, from loads and stores.
    ///
    /// `@inline(never)` by measurement: see docs/ARCHITECTURE.md, "SIMD".
    @inline(never)
    static func executeSIMD(
        _ pc: UnsafePointer<UInt64>, sp: UnsafeMutablePointer<UInt64>, memoryBase: UnsafeMutableRawPointer,
        memorySize: UInt64, context: UnsafeMutablePointer<InstanceContext>
    ) throws(TrapCode) -> Int {
        let v = V128Operands(sp: sp, word: pc[0])
        let immediate = pc[1]
        /// The lane index (lane instructions) or the third input slot (`v128.bitselect`).
        let extra = Int(truncatingIfNeeded: immediate &>> 16) & 0xFFFF

        /// The host address of a `size`-byte access at the memarg in words 1-2 and the address in slot `b`.
        @inline(__always) func access(_ size: UInt64) throws(TrapCode) -> UnsafeMutableRawPointer {
            var base = memoryBase
            var bound = memorySize
            if pc[2] != 0 { (base, bound) = otherMemory(context, index: Int(pc[2])) }
            let address = UInt64(UInt32(truncatingIfNeeded: sp[v.firstSlot])) &+ (immediate &>> 32)
            guard address &+ size <= bound else { throw .outOfBoundsMemoryAccess }
            // SAFETY: address + size <= the memory's byte count, checked above.
            return base + Int(address)
        }

        // SAFETY: Lowering writes the raw value of a SIMD `Opcode` into bits 0-15 of word 1; raw
        // values are the cases' declaration indices, which is also their in-memory representation.
        switch UnsafeRawPointer(pc + 1).load(as: Opcode.self) {
        // MARK: Memory
        case .v128Load:
            v.result(loadUnaligned128(try access(16)))
            return 3
        case .v128Load8x8S:
            v.result(widened(loadUnaligned64(try access(8)), bits: 8, signed: true))
            return 3
        case .v128Load8x8U:
            v.result(widened(loadUnaligned64(try access(8)), bits: 8, signed: false))
            return 3
        case .v128Load16x4S:
            v.result(widened(loadUnaligned64(try access(8)), bits: 16, signed: true))
            return 3
        case .v128Load16x4U:
            v.result(widened(loadUnaligned64(try access(8)), bits: 16, signed: false))
            return 3
        case .v128Load32x2S:
            v.result(widened(loadUnaligned64(try access(8)), bits: 32, signed: true))
            return 3
        case .v128Load32x2U:
            v.result(widened(loadUnaligned64(try access(8)), bits: 32, signed: false))
            return 3
        case .v128Load8Splat:
            v.result(U8x16(repeating: UInt8(truncatingIfNeeded: loadUnaligned64(try access(1), size: 1))))
            return 3
        case .v128Load16Splat:
            v.result(U16x8(repeating: UInt16(truncatingIfNeeded: loadUnaligned64(try access(2), size: 2))))
            return 3
        case .v128Load32Splat:
            v.result(U32x4(repeating: UInt32(truncatingIfNeeded: loadUnaligned64(try access(4), size: 4))))
            return 3
        case .v128Load64Splat:
            v.result(U64x2(repeating: loadUnaligned64(try access(8))))
            return 3
        case .v128Load32Zero:
            v.result(U64x2(loadUnaligned64(try access(4), size: 4), 0))
            return 3
        case .v128Load64Zero:
            v.result(U64x2(loadUnaligned64(try access(8)), 0))
            return 3
        case .v128Store:
            storeUnaligned128(v.second(U64x2.self), to: try access(16))
            return 3
        case .v128Load8Lane:
            v.replaceLane(of: v.secondSlot, lane: extra, size: 1, with: loadUnaligned64(try access(1), size: 1))
            return 3
        case .v128Load16Lane:
            v.replaceLane(of: v.secondSlot, lane: extra, size: 2, with: loadUnaligned64(try access(2), size: 2))
            return 3
        case .v128Load32Lane:
            v.replaceLane(of: v.secondSlot, lane: extra, size: 4, with: loadUnaligned64(try access(4), size: 4))
            return 3
        case .v128Load64Lane:
            v.replaceLane(of: v.secondSlot, lane: extra, size: 8, with: loadUnaligned64(try access(8)))
            return 3
        case .v128Store8Lane:
            storeUnaligned64(v.lane(v.secondSlot, extra, size: 1), to: try access(1), size: 1)
            return 3
        case .v128Store16Lane:
            storeUnaligned64(v.lane(v.secondSlot, extra, size: 2), to: try access(2), size: 2)
            return 3
        case .v128Store32Lane:
            storeUnaligned64(v.lane(v.secondSlot, extra, size: 4), to: try access(4), size: 4)
            return 3
        case .v128Store64Lane:
            storeUnaligned64(v.lane(v.secondSlot, extra, size: 8), to: try access(8))
            return 3
        // MARK: Lane moves (bits pass through, NaN payloads included)
        case .i8x16Shuffle:
            let (x0, x1) = v.words(v.firstSlot)
            let (y0, y1) = v.words(v.secondSlot)
            // SAFETY: words 2-3 hold the 16 lane indices, each < 32 (Lowering).
            v.result(lookUpBytes((x0, x1, y0, y1), indices: (pc[2], pc[3])))
            return 4
        case .i8x16Swizzle:
            // Indices past 15 select a zero byte (byte 16 of the table).
            let indices = v.second(U8x16.self)
            let clamped = unsafeBitCast(
                indices.replacing(with: 16, where: indices .> U8x16(repeating: 16)), to: U64x2.self)
            let (x0, x1) = v.words(v.firstSlot)
            v.result(lookUpBytes((x0, x1, 0, 0), indices: (clamped[0], clamped[1])))
        case .i8x16Splat: v.result(U8x16(repeating: UInt8(truncatingIfNeeded: sp[v.firstSlot])))
        case .i16x8Splat: v.result(U16x8(repeating: UInt16(truncatingIfNeeded: sp[v.firstSlot])))
        case .i32x4Splat, .f32x4Splat: v.result(U32x4(repeating: UInt32(truncatingIfNeeded: sp[v.firstSlot])))
        case .i64x2Splat, .f64x2Splat: v.result(U64x2(repeating: sp[v.firstSlot]))
        case .i8x16ExtractLaneS:
            v.scalarResult(
                UInt64(UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: v.lane(v.firstSlot, extra, size: 1))))))
        case .i8x16ExtractLaneU: v.scalarResult(v.lane(v.firstSlot, extra, size: 1))
        case .i16x8ExtractLaneS:
            v.scalarResult(
                UInt64(UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: v.lane(v.firstSlot, extra, size: 2))))))
        case .i16x8ExtractLaneU: v.scalarResult(v.lane(v.firstSlot, extra, size: 2))
        case .i32x4ExtractLane, .f32x4ExtractLane: v.scalarResult(v.lane(v.firstSlot, extra, size: 4))
        case .i64x2ExtractLane, .f64x2ExtractLane: v.scalarResult(v.lane(v.firstSlot, extra, size: 8))
        case .i8x16ReplaceLane: v.replaceLane(of: v.firstSlot, lane: extra, size: 1, with: sp[v.secondSlot])
        case .i16x8ReplaceLane: v.replaceLane(of: v.firstSlot, lane: extra, size: 2, with: sp[v.secondSlot])
        case .i32x4ReplaceLane, .f32x4ReplaceLane:
            v.replaceLane(of: v.firstSlot, lane: extra, size: 4, with: sp[v.secondSlot])
        case .i64x2ReplaceLane, .f64x2ReplaceLane:
            v.replaceLane(of: v.firstSlot, lane: extra, size: 8, with: sp[v.secondSlot])
        // MARK: Bitwise
        case .v128Not: v.result(~v.first(U64x2.self))
        case .v128And: v.result(v.first(U64x2.self) & v.second(U64x2.self))
        case .v128Andnot: v.result(v.first(U64x2.self) & ~v.second(U64x2.self))
        case .v128Or: v.result(v.first(U64x2.self) | v.second(U64x2.self))
        case .v128Xor: v.result(v.first(U64x2.self) ^ v.second(U64x2.self))
        case .v128Bitselect:
            let mask = v.load(extra, as: U64x2.self)
            v.result((v.first(U64x2.self) & mask) | (v.second(U64x2.self) & ~mask))
        case .v128AnyTrue:
            let value = v.first(U64x2.self)
            v.scalarResult((value[0] | value[1]) != 0 ? 1 : 0)
        case .i8x16AllTrue: v.scalarResult(allLanesNonZero(v.first(U8x16.self) .!= U8x16()))
        case .i16x8AllTrue: v.scalarResult(allLanesNonZero(v.first(U16x8.self) .!= U16x8()))
        case .i32x4AllTrue: v.scalarResult(allLanesNonZero(v.first(U32x4.self) .!= U32x4()))
        case .i64x2AllTrue: v.scalarResult(allLanesNonZero(v.first(U64x2.self) .!= U64x2()))
        case .i8x16Bitmask: v.scalarResult(signBits(v.first(I8x16.self)))
        case .i16x8Bitmask: v.scalarResult(signBits(v.first(I16x8.self)))
        case .i32x4Bitmask: v.scalarResult(signBits(v.first(I32x4.self)))
        case .i64x2Bitmask: v.scalarResult(signBits(v.first(I64x2.self)))
        // MARK: Comparisons (all-ones lanes where true)
        case .i8x16Eq: v.result(allOnes(v.first(U8x16.self) .== v.second(U8x16.self)))
        case .i8x16Ne: v.result(allOnes(v.first(U8x16.self) .!= v.second(U8x16.self)))
        case .i8x16LtS: v.result(allOnes(v.first(I8x16.self) .< v.second(I8x16.self)))
        case .i8x16LtU: v.result(allOnes(v.first(U8x16.self) .< v.second(U8x16.self)))
        case .i8x16GtS: v.result(allOnes(v.first(I8x16.self) .> v.second(I8x16.self)))
        case .i8x16GtU: v.result(allOnes(v.first(U8x16.self) .> v.second(U8x16.self)))
        case .i8x16LeS: v.result(allOnes(v.first(I8x16.self) .<= v.second(I8x16.self)))
        case .i8x16LeU: v.result(allOnes(v.first(U8x16.self) .<= v.second(U8x16.self)))
        case .i8x16GeS: v.result(allOnes(v.first(I8x16.self) .>= v.second(I8x16.self)))
        case .i8x16GeU: v.result(allOnes(v.first(U8x16.self) .>= v.second(U8x16.self)))
        case .i16x8Eq: v.result(allOnes(v.first(U16x8.self) .== v.second(U16x8.self)))
        case .i16x8Ne: v.result(allOnes(v.first(U16x8.self) .!= v.second(U16x8.self)))
        case .i16x8LtS: v.result(allOnes(v.first(I16x8.self) .< v.second(I16x8.self)))
        case .i16x8LtU: v.result(allOnes(v.first(U16x8.self) .< v.second(U16x8.self)))
        case .i16x8GtS: v.result(allOnes(v.first(I16x8.self) .> v.second(I16x8.self)))
        case .i16x8GtU: v.result(allOnes(v.first(U16x8.self) .> v.second(U16x8.self)))
        case .i16x8LeS: v.result(allOnes(v.first(I16x8.self) .<= v.second(I16x8.self)))
        case .i16x8LeU: v.result(allOnes(v.first(U16x8.self) .<= v.second(U16x8.self)))
        case .i16x8GeS: v.result(allOnes(v.first(I16x8.self) .>= v.second(I16x8.self)))
        case .i16x8GeU: v.result(allOnes(v.first(U16x8.self) .>= v.second(U16x8.self)))
        case .i32x4Eq: v.result(allOnes(v.first(U32x4.self) .== v.second(U32x4.self)))
        case .i32x4Ne: v.result(allOnes(v.first(U32x4.self) .!= v.second(U32x4.self)))
        case .i32x4LtS: v.result(allOnes(v.first(I32x4.self) .< v.second(I32x4.self)))
        case .i32x4LtU: v.result(allOnes(v.first(U32x4.self) .< v.second(U32x4.self)))
        case .i32x4GtS: v.result(allOnes(v.first(I32x4.self) .> v.second(I32x4.self)))
        case .i32x4GtU: v.result(allOnes(v.first(U32x4.self) .> v.second(U32x4.self)))
        case .i32x4LeS: v.result(allOnes(v.first(I32x4.self) .<= v.second(I32x4.self)))
        case .i32x4LeU: v.result(allOnes(v.first(U32x4.self) .<= v.second(U32x4.self)))
        case .i32x4GeS: v.result(allOnes(v.first(I32x4.self) .>= v.second(I32x4.self)))
        case .i32x4GeU: v.result(allOnes(v.first(U32x4.self) .>= v.second(U32x4.self)))
        case .i64x2Eq: v.result(allOnes(v.first(I64x2.self) .== v.second(I64x2.self)))
        case .i64x2Ne: v.result(allOnes(v.first(I64x2.self) .!= v.second(I64x2.self)))
        case .i64x2LtS: v.result(allOnes(v.first(I64x2.self) .< v.second(I64x2.self)))
        case .i64x2GtS: v.result(allOnes(v.first(I64x2.self) .> v.second(I64x2.self)))
        case .i64x2LeS: v.result(allOnes(v.first(I64x2.self) .<= v.second(I64x2.self)))
        case .i64x2GeS: v.result(allOnes(v.first(I64x2.self) .>= v.second(I64x2.self)))
        // IEEE comparisons: `ne` is true and the others false when a lane is NaN.
        case .f32x4Eq: v.result(allOnes(v.first(F32x4.self) .== v.second(F32x4.self)))
        case .f32x4Ne: v.result(allOnes(v.first(F32x4.self) .!= v.second(F32x4.self)))
        case .f32x4Lt: v.result(allOnes(v.first(F32x4.self) .< v.second(F32x4.self)))
        case .f32x4Gt: v.result(allOnes(v.first(F32x4.self) .> v.second(F32x4.self)))
        case .f32x4Le: v.result(allOnes(v.first(F32x4.self) .<= v.second(F32x4.self)))
        case .f32x4Ge: v.result(allOnes(v.first(F32x4.self) .>= v.second(F32x4.self)))
        case .f64x2Eq: v.result(allOnes(v.first(F64x2.self) .== v.second(F64x2.self)))
        case .f64x2Ne: v.result(allOnes(v.first(F64x2.self) .!= v.second(F64x2.self)))
        case .f64x2Lt: v.result(allOnes(v.first(F64x2.self) .< v.second(F64x2.self)))
        case .f64x2Gt: v.result(allOnes(v.first(F64x2.self) .> v.second(F64x2.self)))
        case .f64x2Le: v.result(allOnes(v.first(F64x2.self) .<= v.second(F64x2.self)))
        case .f64x2Ge: v.result(allOnes(v.first(F64x2.self) .>= v.second(F64x2.self)))
        // MARK: Integer arithmetic (wrapping unless saturating)
        case .i8x16Abs:
            let x = v.first(I8x16.self)
            v.result(x.replacing(with: I8x16() &- x, where: x .< I8x16()))
        case .i16x8Abs:
            let x = v.first(I16x8.self)
            v.result(x.replacing(with: I16x8() &- x, where: x .< I16x8()))
        case .i32x4Abs:
            let x = v.first(I32x4.self)
            v.result(x.replacing(with: I32x4() &- x, where: x .< I32x4()))
        case .i64x2Abs:
            let x = v.first(I64x2.self)
            v.result(x.replacing(with: I64x2() &- x, where: x .< I64x2()))
        case .i8x16Neg: v.result(0 &- v.first(U8x16.self))
        case .i16x8Neg: v.result(0 &- v.first(U16x8.self))
        case .i32x4Neg: v.result(0 &- v.first(U32x4.self))
        case .i64x2Neg: v.result(0 &- v.first(U64x2.self))
        case .i8x16Popcnt: v.result(populationCount(v.first(U8x16.self)))
        case .i8x16Add: v.result(v.first(U8x16.self) &+ v.second(U8x16.self))
        case .i16x8Add: v.result(v.first(U16x8.self) &+ v.second(U16x8.self))
        case .i32x4Add: v.result(v.first(U32x4.self) &+ v.second(U32x4.self))
        case .i64x2Add: v.result(v.first(U64x2.self) &+ v.second(U64x2.self))
        case .i8x16Sub: v.result(v.first(U8x16.self) &- v.second(U8x16.self))
        case .i16x8Sub: v.result(v.first(U16x8.self) &- v.second(U16x8.self))
        case .i32x4Sub: v.result(v.first(U32x4.self) &- v.second(U32x4.self))
        case .i64x2Sub: v.result(v.first(U64x2.self) &- v.second(U64x2.self))
        case .i16x8Mul: v.result(v.first(U16x8.self) &* v.second(U16x8.self))
        case .i32x4Mul: v.result(v.first(U32x4.self) &* v.second(U32x4.self))
        case .i64x2Mul: v.result(v.first(U64x2.self) &* v.second(U64x2.self))
        case .i8x16AddSatS: v.result(addingSaturated(v.first(I8x16.self), v.second(I8x16.self)))
        case .i16x8AddSatS: v.result(addingSaturated(v.first(I16x8.self), v.second(I16x8.self)))
        case .i8x16AddSatU: v.result(addingSaturated(v.first(U8x16.self), v.second(U8x16.self)))
        case .i16x8AddSatU: v.result(addingSaturated(v.first(U16x8.self), v.second(U16x8.self)))
        case .i8x16SubSatS: v.result(subtractingSaturated(v.first(I8x16.self), v.second(I8x16.self)))
        case .i16x8SubSatS: v.result(subtractingSaturated(v.first(I16x8.self), v.second(I16x8.self)))
        case .i8x16SubSatU: v.result(subtractingSaturated(v.first(U8x16.self), v.second(U8x16.self)))
        case .i16x8SubSatU: v.result(subtractingSaturated(v.first(U16x8.self), v.second(U16x8.self)))
        case .i8x16MinS:
            let x = v.first(I8x16.self)
            let y = v.second(I8x16.self)
            v.result(x.replacing(with: y, where: y .< x))
        case .i8x16MinU:
            let x = v.first(U8x16.self)
            let y = v.second(U8x16.self)
            v.result(x.replacing(with: y, where: y .< x))
        case .i8x16MaxS:
            let x = v.first(I8x16.self)
            let y = v.second(I8x16.self)
            v.result(x.replacing(with: y, where: x .< y))
        case .i8x16MaxU:
            let x = v.first(U8x16.self)
            let y = v.second(U8x16.self)
            v.result(x.replacing(with: y, where: x .< y))
        case .i16x8MinS:
            let x = v.first(I16x8.self)
            let y = v.second(I16x8.self)
            v.result(x.replacing(with: y, where: y .< x))
        case .i16x8MinU:
            let x = v.first(U16x8.self)
            let y = v.second(U16x8.self)
            v.result(x.replacing(with: y, where: y .< x))
        case .i16x8MaxS:
            let x = v.first(I16x8.self)
            let y = v.second(I16x8.self)
            v.result(x.replacing(with: y, where: x .< y))
        case .i16x8MaxU:
            let x = v.first(U16x8.self)
            let y = v.second(U16x8.self)
            v.result(x.replacing(with: y, where: x .< y))
        case .i32x4MinS:
            let x = v.first(I32x4.self)
            let y = v.second(I32x4.self)
            v.result(x.replacing(with: y, where: y .< x))
        case .i32x4MinU:
            let x = v.first(U32x4.self)
            let y = v.second(U32x4.self)
            v.result(x.replacing(with: y, where: y .< x))
        case .i32x4MaxS:
            let x = v.first(I32x4.self)
            let y = v.second(I32x4.self)
            v.result(x.replacing(with: y, where: x .< y))
        case .i32x4MaxU:
            let x = v.first(U32x4.self)
            let y = v.second(U32x4.self)
            v.result(x.replacing(with: y, where: x .< y))
        case .i8x16AvgrU: v.result(roundingAverage(v.first(U8x16.self), v.second(U8x16.self)))
        case .i16x8AvgrU: v.result(roundingAverage(v.first(U16x8.self), v.second(U16x8.self)))
        case .i16x8Q15mulrSatS: v.result(q15MultiplyRoundedSaturated(v.words(v.firstSlot), v.words(v.secondSlot)))
        case .i32x4DotI16x8S: v.result(dotProduct(v.words(v.firstSlot), v.words(v.secondSlot)))
        // MARK: Shifts (count modulo the lane width)
        case .i8x16Shl: v.result(v.first(U8x16.self) &<< v.shiftCount(U8x16.self))
        case .i8x16ShrS: v.result(v.first(I8x16.self) &>> v.shiftCount(I8x16.self))
        case .i8x16ShrU: v.result(v.first(U8x16.self) &>> v.shiftCount(U8x16.self))
        case .i16x8Shl: v.result(v.first(U16x8.self) &<< v.shiftCount(U16x8.self))
        case .i16x8ShrS: v.result(v.first(I16x8.self) &>> v.shiftCount(I16x8.self))
        case .i16x8ShrU: v.result(v.first(U16x8.self) &>> v.shiftCount(U16x8.self))
        case .i32x4Shl: v.result(v.first(U32x4.self) &<< v.shiftCount(U32x4.self))
        case .i32x4ShrS: v.result(v.first(I32x4.self) &>> v.shiftCount(I32x4.self))
        case .i32x4ShrU: v.result(v.first(U32x4.self) &>> v.shiftCount(U32x4.self))
        case .i64x2Shl: v.result(v.first(U64x2.self) &<< v.shiftCount(U64x2.self))
        case .i64x2ShrS: v.result(v.first(I64x2.self) &>> v.shiftCount(I64x2.self))
        case .i64x2ShrU: v.result(v.first(U64x2.self) &>> v.shiftCount(U64x2.self))
        // MARK: Narrowing (saturating), widening, pairwise
        case .i8x16NarrowI16x8S:
            v.result(narrowed(clamped(v.first(I16x8.self), -128, 127), clamped(v.second(I16x8.self), -128, 127)))
        case .i8x16NarrowI16x8U:
            v.result(narrowed(clamped(v.first(I16x8.self), 0, 255), clamped(v.second(I16x8.self), 0, 255)))
        case .i16x8NarrowI32x4S:
            v.result(
                narrowed(clamped(v.first(I32x4.self), -32768, 32767), clamped(v.second(I32x4.self), -32768, 32767)))
        case .i16x8NarrowI32x4U:
            v.result(narrowed(clamped(v.first(I32x4.self), 0, 65535), clamped(v.second(I32x4.self), 0, 65535)))
        case .i16x8ExtendLowI8x16S: v.result(widened(v.words(v.firstSlot).low, bits: 8, signed: true))
        case .i16x8ExtendHighI8x16S: v.result(widened(v.words(v.firstSlot).high, bits: 8, signed: true))
        case .i16x8ExtendLowI8x16U: v.result(widened(v.words(v.firstSlot).low, bits: 8, signed: false))
        case .i16x8ExtendHighI8x16U: v.result(widened(v.words(v.firstSlot).high, bits: 8, signed: false))
        case .i32x4ExtendLowI16x8S: v.result(widened(v.words(v.firstSlot).low, bits: 16, signed: true))
        case .i32x4ExtendHighI16x8S: v.result(widened(v.words(v.firstSlot).high, bits: 16, signed: true))
        case .i32x4ExtendLowI16x8U: v.result(widened(v.words(v.firstSlot).low, bits: 16, signed: false))
        case .i32x4ExtendHighI16x8U: v.result(widened(v.words(v.firstSlot).high, bits: 16, signed: false))
        case .i64x2ExtendLowI32x4S: v.result(widened(v.words(v.firstSlot).low, bits: 32, signed: true))
        case .i64x2ExtendHighI32x4S: v.result(widened(v.words(v.firstSlot).high, bits: 32, signed: true))
        case .i64x2ExtendLowI32x4U: v.result(widened(v.words(v.firstSlot).low, bits: 32, signed: false))
        case .i64x2ExtendHighI32x4U: v.result(widened(v.words(v.firstSlot).high, bits: 32, signed: false))
        case .i16x8ExtmulLowI8x16S:
            v.result(
                extendedProduct(
                    v.words(v.firstSlot).low, v.words(v.secondSlot).low, bits: 8, signed: true, as: I16x8.self))
        case .i16x8ExtmulHighI8x16S:
            v.result(
                extendedProduct(
                    v.words(v.firstSlot).high, v.words(v.secondSlot).high, bits: 8, signed: true, as: I16x8.self))
        case .i16x8ExtmulLowI8x16U:
            v.result(
                extendedProduct(
                    v.words(v.firstSlot).low, v.words(v.secondSlot).low, bits: 8, signed: false, as: U16x8.self))
        case .i16x8ExtmulHighI8x16U:
            v.result(
                extendedProduct(
                    v.words(v.firstSlot).high, v.words(v.secondSlot).high, bits: 8, signed: false, as: U16x8.self))
        case .i32x4ExtmulLowI16x8S:
            v.result(
                extendedProduct(
                    v.words(v.firstSlot).low, v.words(v.secondSlot).low, bits: 16, signed: true, as: I32x4.self))
        case .i32x4ExtmulHighI16x8S:
            v.result(
                extendedProduct(
                    v.words(v.firstSlot).high, v.words(v.secondSlot).high, bits: 16, signed: true, as: I32x4.self))
        case .i32x4ExtmulLowI16x8U:
            v.result(
                extendedProduct(
                    v.words(v.firstSlot).low, v.words(v.secondSlot).low, bits: 16, signed: false, as: U32x4.self))
        case .i32x4ExtmulHighI16x8U:
            v.result(
                extendedProduct(
                    v.words(v.firstSlot).high, v.words(v.secondSlot).high, bits: 16, signed: false, as: U32x4.self))
        case .i64x2ExtmulLowI32x4S:
            v.result(
                extendedProduct(
                    v.words(v.firstSlot).low, v.words(v.secondSlot).low, bits: 32, signed: true, as: I64x2.self))
        case .i64x2ExtmulHighI32x4S:
            v.result(
                extendedProduct(
                    v.words(v.firstSlot).high, v.words(v.secondSlot).high, bits: 32, signed: true, as: I64x2.self))
        case .i64x2ExtmulLowI32x4U:
            v.result(
                extendedProduct(
                    v.words(v.firstSlot).low, v.words(v.secondSlot).low, bits: 32, signed: false, as: U64x2.self))
        case .i64x2ExtmulHighI32x4U:
            v.result(
                extendedProduct(
                    v.words(v.firstSlot).high, v.words(v.secondSlot).high, bits: 32, signed: false, as: U64x2.self))
        case .i16x8ExtaddPairwiseI8x16S:
            v.result(pairwiseSum(v.words(v.firstSlot), bits: 8, signed: true, as: I16x8.self))
        case .i16x8ExtaddPairwiseI8x16U:
            v.result(pairwiseSum(v.words(v.firstSlot), bits: 8, signed: false, as: U16x8.self))
        case .i32x4ExtaddPairwiseI16x8S:
            v.result(pairwiseSum(v.words(v.firstSlot), bits: 16, signed: true, as: I32x4.self))
        case .i32x4ExtaddPairwiseI16x8U:
            v.result(pairwiseSum(v.words(v.firstSlot), bits: 16, signed: false, as: U32x4.self))
        // MARK: Float arithmetic, canonicalised per lane (DETERMINISM.md §2)
        case .f32x4Add: v.result(canonical(v.first(F32x4.self) + v.second(F32x4.self)))
        case .f32x4Sub: v.result(canonical(v.first(F32x4.self) - v.second(F32x4.self)))
        case .f32x4Mul: v.result(canonical(v.first(F32x4.self) * v.second(F32x4.self)))
        case .f32x4Div: v.result(canonical(v.first(F32x4.self) / v.second(F32x4.self)))
        case .f32x4Min: v.result(canonical(laneMin(v.first(F32x4.self), v.second(F32x4.self))))
        case .f32x4Max: v.result(canonical(laneMax(v.first(F32x4.self), v.second(F32x4.self))))
        case .f32x4Sqrt: v.result(canonical(v.first(F32x4.self).squareRoot()))
        case .f32x4Ceil: v.result(canonical(v.first(F32x4.self).rounded(.up)))
        case .f32x4Floor: v.result(canonical(v.first(F32x4.self).rounded(.down)))
        case .f32x4Trunc: v.result(canonical(v.first(F32x4.self).rounded(.towardZero)))
        case .f32x4Nearest: v.result(canonical(v.first(F32x4.self).rounded(.toNearestOrEven)))
        case .f64x2Add: v.result(canonical(v.first(F64x2.self) + v.second(F64x2.self)))
        case .f64x2Sub: v.result(canonical(v.first(F64x2.self) - v.second(F64x2.self)))
        case .f64x2Mul: v.result(canonical(v.first(F64x2.self) * v.second(F64x2.self)))
        case .f64x2Div: v.result(canonical(v.first(F64x2.self) / v.second(F64x2.self)))
        case .f64x2Min: v.result(canonical(laneMin(v.first(F64x2.self), v.second(F64x2.self))))
        case .f64x2Max: v.result(canonical(laneMax(v.first(F64x2.self), v.second(F64x2.self))))
        case .f64x2Sqrt: v.result(canonical(v.first(F64x2.self).squareRoot()))
        case .f64x2Ceil: v.result(canonical(v.first(F64x2.self).rounded(.up)))
        case .f64x2Floor: v.result(canonical(v.first(F64x2.self).rounded(.down)))
        case .f64x2Trunc: v.result(canonical(v.first(F64x2.self).rounded(.towardZero)))
        case .f64x2Nearest: v.result(canonical(v.first(F64x2.self).rounded(.toNearestOrEven)))
        case .f32x4DemoteF64x2Zero: v.result(canonical(demoted(v.first(F64x2.self))))
        case .f64x2PromoteLowF32x4: v.result(canonical(promoted(v.first(F32x4.self).lowHalf)))
        // MARK: Float bit operations (not canonicalised: bits pass through)
        case .f32x4Abs: v.result(v.first(U32x4.self) & 0x7FFF_FFFF)
        case .f32x4Neg: v.result(v.first(U32x4.self) ^ 0x8000_0000)
        case .f64x2Abs: v.result(v.first(U64x2.self) & 0x7FFF_FFFF_FFFF_FFFF)
        case .f64x2Neg: v.result(v.first(U64x2.self) ^ 0x8000_0000_0000_0000)
        // pmin = y < x ? y : x, pmax = x < y ? y : x: one operand's bits, NaNs included.
        case .f32x4Pmin:
            let x = v.first(F32x4.self)
            let y = v.second(F32x4.self)
            v.result(x.replacing(with: y, where: y .< x))
        case .f32x4Pmax:
            let x = v.first(F32x4.self)
            let y = v.second(F32x4.self)
            v.result(x.replacing(with: y, where: x .< y))
        case .f64x2Pmin:
            let x = v.first(F64x2.self)
            let y = v.second(F64x2.self)
            v.result(x.replacing(with: y, where: y .< x))
        case .f64x2Pmax:
            let x = v.first(F64x2.self)
            let y = v.second(F64x2.self)
            v.result(x.replacing(with: y, where: x .< y))
        // MARK: Conversions
        case .i32x4TruncSatF32x4S:
            let x = v.first(F32x4.self)
            var result = U32x4()
            for index in 0..<4 { result[index] = UInt32(truncatingIfNeeded: truncSatToI32S(x[index])) }
            v.result(result)
        case .i32x4TruncSatF32x4U:
            let x = v.first(F32x4.self)
            var result = U32x4()
            for index in 0..<4 { result[index] = UInt32(truncatingIfNeeded: truncSatToI32U(x[index])) }
            v.result(result)
        case .i32x4TruncSatF64x2SZero:
            let x = v.first(F64x2.self)
            let low = UInt32(truncatingIfNeeded: truncSatToI32S(x[0]))
            let high = UInt32(truncatingIfNeeded: truncSatToI32S(x[1]))
            v.result(U32x4(low, high, 0, 0))
        case .i32x4TruncSatF64x2UZero:
            let x = v.first(F64x2.self)
            let low = UInt32(truncatingIfNeeded: truncSatToI32U(x[0]))
            let high = UInt32(truncatingIfNeeded: truncSatToI32U(x[1]))
            v.result(U32x4(low, high, 0, 0))
        case .f32x4ConvertI32x4S: v.result(converted(v.first(I32x4.self)))
        case .f32x4ConvertI32x4U: v.result(converted(v.first(U32x4.self)))
        case .f64x2ConvertLowI32x4S: v.result(converted(v.first(I32x4.self).lowHalf))
        case .f64x2ConvertLowI32x4U: v.result(converted(v.first(U32x4.self).lowHalf))
        case .v128Const:
            preconditionFailure("v128.const is lowered to const128, not Op.simd")
        default:
            preconditionFailure("Op.simd carries a non-SIMD opcode")
        }
        return 2
    }

    /// The base and byte count of memory `index` of `context` (not memory 0: the loop caches that).
    @inline(never)
    static func otherMemory(_ context: UnsafeMutablePointer<InstanceContext>, index: Int)
        -> (UnsafeMutableRawPointer, UInt64)
    {
        let memory = context.pointee.memories[index]
        return (memory.pointee.base, UInt64(memory.pointee.byteCount))
    }
}

/// The slots of one `Op.simd` instruction, with typed views of its v128 operands.
struct V128Operands {
    let sp: UnsafeMutablePointer<UInt64>
    let word: UInt64

    /// The destination slot.
    @inline(__always) var destination: Int { a(word) }
    /// The first input's slot (bottom of the stack; a memory instruction's address).
    @inline(__always) var firstSlot: Int { b(word) }
    /// The second input's slot.
    @inline(__always) var secondSlot: Int { c(word) }

    /// The v128 in `slot` and `slot + 1`, viewed as `V`.
    @inline(__always) func load<V: SIMD>(_ slot: Int, as _: V.Type) -> V {
        // SAFETY: a v128 operand owns two consecutive frame slots (Lowering); the frame is in bounds.
        // Through `U64x2`: `unsafeBitCast` from a tuple of `UInt64` (8-byte aligned) to a 16-byte
        // aligned vector reads it with movaps in unspecialised (debug) code and crashes.
        unsafeBitCast(U64x2(sp[slot], sp[slot + 1]), to: V.self)
    }

    @inline(__always) func first<V: SIMD>(_ type: V.Type) -> V { load(firstSlot, as: type) }
    @inline(__always) func second<V: SIMD>(_ type: V.Type) -> V { load(secondSlot, as: type) }

    /// The two 64-bit words of the v128 in `slot`, low first.
    @inline(__always) func words(_ slot: Int) -> (low: UInt64, high: UInt64) { (sp[slot], sp[slot + 1]) }

    /// Writes a v128 result (any lane view) to the destination's two slots.
    @inline(__always) func result<V: SIMD>(_ value: V) {
        let words = unsafeBitCast(value, to: U64x2.self)
        // SAFETY: the destination of a v128 result owns two consecutive frame slots (Lowering).
        sp[destination] = words[0]
        sp[destination + 1] = words[1]
    }

    /// Writes a scalar result (i32 zero-extended, i64, or float bits).
    @inline(__always) func scalarResult(_ value: UInt64) { sp[destination] = value }

    /// The shift count of a shift instruction (the i32 in the second input's slot) modulo the lane
    /// width of `V`, in every lane.
    @inline(__always) func shiftCount<V: SIMD>(_: V.Type) -> V where V.Scalar: FixedWidthInteger {
        V(repeating: V.Scalar(truncatingIfNeeded: sp[secondSlot]) & V.Scalar(V.Scalar.bitWidth - 1))
    }

    /// Lane `lane`, `size` bytes wide, of the v128 in `slot`, zero-extended (from the slot words:
    /// no memory access of lane width).
    @inline(__always) func lane(_ slot: Int, _ lane: Int, size: Int) -> UInt64 {
        // SAFETY: lane < 16 / size, checked by the validator, so the lane lies in the two slots.
        let offset = lane &* size
        let bits = sp[slot &+ offset &>> 3] &>> UInt64((offset & 7) &<< 3)
        return size == 8 ? bits : bits & ((1 &<< UInt64(size &<< 3)) &- 1)
    }

    /// destination = the v128 in `slot` with lane `lane` (`size` bytes wide) replaced by the low
    /// bits of `value`. Reads the vector before writing, so `slot` may be the destination.
    @inline(__always) func replaceLane(of slot: Int, lane: Int, size: Int, with value: UInt64) {
        let offset = lane &* size
        let shift = UInt64((offset & 7) &<< 3)
        let mask = (size == 8 ? UInt64.max : (1 &<< UInt64(size &<< 3)) &- 1) &<< shift
        var low = sp[slot]
        var high = sp[slot &+ 1]
        let bits = (value &<< shift) & mask
        if offset < 8 { low = (low & ~mask) | bits } else { high = (high & ~mask) | bits }
        sp[destination] = low
        sp[destination &+ 1] = high
    }
}
