// The SIMD handlers (`SIMDHandler`), one closure per opcode, in two functions by family. Each reads
// its operands through `V128Operands`; the word layout is documented at `Op.simd`.

extension StoreRuntime {
    /// Handlers for memory access, lane moves and bitwise operations (bits pass through).
    static func simdMoveHandler(for opcode: Opcode) -> SIMDHandler? {
        switch opcode {
        // MARK: Memory
        case .v128Load:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 16) { v, address in
                    v.result(loadUnaligned128(address))
                }
            }
        case .v128Load8x8S:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 8) { v, address in
                    v.result(widened(loadUnaligned64(address), bits: 8, signed: true))
                }
            }
        case .v128Load8x8U:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 8) { v, address in
                    v.result(widened(loadUnaligned64(address), bits: 8, signed: false))
                }
            }
        case .v128Load16x4S:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 8) { v, address in
                    v.result(widened(loadUnaligned64(address), bits: 16, signed: true))
                }
            }
        case .v128Load16x4U:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 8) { v, address in
                    v.result(widened(loadUnaligned64(address), bits: 16, signed: false))
                }
            }
        case .v128Load32x2S:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 8) { v, address in
                    v.result(widened(loadUnaligned64(address), bits: 32, signed: true))
                }
            }
        case .v128Load32x2U:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 8) { v, address in
                    v.result(widened(loadUnaligned64(address), bits: 32, signed: false))
                }
            }
        case .v128Load8Splat:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 1) { v, address in
                    v.result(U8x16(repeating: UInt8(truncatingIfNeeded: loadUnaligned64(address, size: 1))))
                }
            }
        case .v128Load16Splat:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 2) { v, address in
                    v.result(U16x8(repeating: UInt16(truncatingIfNeeded: loadUnaligned64(address, size: 2))))
                }
            }
        case .v128Load32Splat:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 4) { v, address in
                    v.result(U32x4(repeating: UInt32(truncatingIfNeeded: loadUnaligned64(address, size: 4))))
                }
            }
        case .v128Load64Splat:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 8) { v, address in
                    v.result(U64x2(repeating: loadUnaligned64(address)))
                }
            }
        case .v128Load32Zero:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 4) { v, address in
                    v.result(U64x2(loadUnaligned64(address, size: 4), 0))
                }
            }
        case .v128Load64Zero:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 8) { v, address in
                    v.result(U64x2(loadUnaligned64(address), 0))
                }
            }
        case .v128Store:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 16) { v, address in
                    storeUnaligned128(v.second(U64x2.self), to: address)
                }
            }
        case .v128Load8Lane:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 1) { v, address in
                    v.replaceLane(of: v.secondSlot, lane: v.extra, size: 1, with: loadUnaligned64(address, size: 1))
                }
            }
        case .v128Load16Lane:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 2) { v, address in
                    v.replaceLane(of: v.secondSlot, lane: v.extra, size: 2, with: loadUnaligned64(address, size: 2))
                }
            }
        case .v128Load32Lane:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 4) { v, address in
                    v.replaceLane(of: v.secondSlot, lane: v.extra, size: 4, with: loadUnaligned64(address, size: 4))
                }
            }
        case .v128Load64Lane:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 8) { v, address in
                    v.replaceLane(of: v.secondSlot, lane: v.extra, size: 8, with: loadUnaligned64(address))
                }
            }
        case .v128Store8Lane:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 1) { v, address in
                    storeUnaligned64(v.lane(v.secondSlot, v.extra, size: 1), to: address, size: 1)
                }
            }
        case .v128Store16Lane:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 2) { v, address in
                    storeUnaligned64(v.lane(v.secondSlot, v.extra, size: 2), to: address, size: 2)
                }
            }
        case .v128Store32Lane:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 4) { v, address in
                    storeUnaligned64(v.lane(v.secondSlot, v.extra, size: 4), to: address, size: 4)
                }
            }
        case .v128Store64Lane:
            return { pc, sp, memoryBase, memorySize, context in
                memoryAccess(pc, sp, memoryBase, memorySize, context, size: 8) { v, address in
                    storeUnaligned64(v.lane(v.secondSlot, v.extra, size: 8), to: address)
                }
            }
        // MARK: Lane moves (bits pass through, NaN payloads included)
        case .i8x16Shuffle:
            return { pc, sp, _, _, _ in
                lanes(pc, sp, words: 5) { v in
                    let (x0, x1) = v.words(v.firstSlot)
                    let (y0, y1) = v.words(v.secondSlot)
                    // SAFETY: words 3-4 hold the 16 lane indices, each < 32 (Lowering).
                    v.result(lookUpBytes((x0, x1, y0, y1), indices: (v.pc[3], v.pc[4])))
                }
            }
        case .i8x16Swizzle:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    // Indices past 15 select a zero byte (byte 16 of the table).
                    let indices = v.second(U8x16.self)
                    let clamped = unsafeBitCast(
                        indices.replacing(with: 16, where: indices .> U8x16(repeating: 16)), to: U64x2.self)
                    let (x0, x1) = v.words(v.firstSlot)
                    v.result(lookUpBytes((x0, x1, 0, 0), indices: (clamped[0], clamped[1])))
                }
            }
        case .i8x16Splat:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(U8x16(repeating: UInt8(truncatingIfNeeded: v.sp[v.firstSlot]))) }
            }
        case .i16x8Splat:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(U16x8(repeating: UInt16(truncatingIfNeeded: v.sp[v.firstSlot]))) }
            }
        case .i32x4Splat, .f32x4Splat:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(U32x4(repeating: UInt32(truncatingIfNeeded: v.sp[v.firstSlot]))) }
            }
        case .i64x2Splat, .f64x2Splat:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(U64x2(repeating: v.sp[v.firstSlot])) } }
        case .i8x16ExtractLaneS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    v.scalarResult(
                        UInt64(
                            UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: v.lane(v.firstSlot, v.extra, size: 1))))))
                }
            }
        case .i8x16ExtractLaneU:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.scalarResult(v.lane(v.firstSlot, v.extra, size: 1)) } }
        case .i16x8ExtractLaneS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    v.scalarResult(
                        UInt64(
                            UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: v.lane(v.firstSlot, v.extra, size: 2)))))
                    )
                }
            }
        case .i16x8ExtractLaneU:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.scalarResult(v.lane(v.firstSlot, v.extra, size: 2)) } }
        case .i32x4ExtractLane, .f32x4ExtractLane:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.scalarResult(v.lane(v.firstSlot, v.extra, size: 4)) } }
        case .i64x2ExtractLane, .f64x2ExtractLane:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.scalarResult(v.lane(v.firstSlot, v.extra, size: 8)) } }
        case .i8x16ReplaceLane:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.replaceLane(of: v.firstSlot, lane: v.extra, size: 1, with: v.sp[v.secondSlot]) }
            }
        case .i16x8ReplaceLane:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.replaceLane(of: v.firstSlot, lane: v.extra, size: 2, with: v.sp[v.secondSlot]) }
            }
        case .i32x4ReplaceLane, .f32x4ReplaceLane:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.replaceLane(of: v.firstSlot, lane: v.extra, size: 4, with: v.sp[v.secondSlot]) }
            }
        case .i64x2ReplaceLane, .f64x2ReplaceLane:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.replaceLane(of: v.firstSlot, lane: v.extra, size: 8, with: v.sp[v.secondSlot]) }
            }
        // MARK: Bitwise
        case .v128Not: return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(~v.first(U64x2.self)) } }
        case .v128And:
            return { pc, sp, _, _, _ in lanes(pc, sp, SIMDLanes.v128And) }
        case .v128Andnot:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(v.first(U64x2.self) & ~v.second(U64x2.self)) } }
        case .v128Or:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(v.first(U64x2.self) | v.second(U64x2.self)) } }
        case .v128Xor:
            return { pc, sp, _, _, _ in lanes(pc, sp, SIMDLanes.v128Xor) }
        case .v128Bitselect:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let mask = v.load(v.extra, as: U64x2.self)
                    v.result((v.first(U64x2.self) & mask) | (v.second(U64x2.self) & ~mask))
                }
            }
        case .v128AnyTrue:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let value = v.first(U64x2.self)
                    v.scalarResult((value[0] | value[1]) != 0 ? 1 : 0)
                }
            }
        case .i8x16AllTrue:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.scalarResult(allLanesNonZero(v.first(U8x16.self) .!= U8x16())) }
            }
        case .i16x8AllTrue:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.scalarResult(allLanesNonZero(v.first(U16x8.self) .!= U16x8())) }
            }
        case .i32x4AllTrue:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.scalarResult(allLanesNonZero(v.first(U32x4.self) .!= U32x4())) }
            }
        case .i64x2AllTrue:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.scalarResult(allLanesNonZero(v.first(U64x2.self) .!= U64x2())) }
            }
        case .i8x16Bitmask:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.scalarResult(signBits(v.first(I8x16.self))) } }
        case .i16x8Bitmask:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.scalarResult(signBits(v.first(I16x8.self))) } }
        case .i32x4Bitmask:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.scalarResult(signBits(v.first(I32x4.self))) } }
        case .i64x2Bitmask:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.scalarResult(signBits(v.first(I64x2.self))) } }
        default: return nil
        }
    }

    /// Handlers for comparisons, lane arithmetic, shifts, narrowing and widening, float arithmetic
    /// (canonicalised per lane, docs/DETERMINISM.md §2) and conversions.
    static func simdArithmeticHandler(for opcode: Opcode) -> SIMDHandler? {
        switch opcode {
        // MARK: Comparisons (all-ones lanes where true)
        case .i8x16Eq:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(U8x16.self) .== v.second(U8x16.self))) }
            }
        case .i8x16Ne:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(U8x16.self) .!= v.second(U8x16.self))) }
            }
        case .i8x16LtS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(I8x16.self) .< v.second(I8x16.self))) }
            }
        case .i8x16LtU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(U8x16.self) .< v.second(U8x16.self))) }
            }
        case .i8x16GtS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(I8x16.self) .> v.second(I8x16.self))) }
            }
        case .i8x16GtU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(U8x16.self) .> v.second(U8x16.self))) }
            }
        case .i8x16LeS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(I8x16.self) .<= v.second(I8x16.self))) }
            }
        case .i8x16LeU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(U8x16.self) .<= v.second(U8x16.self))) }
            }
        case .i8x16GeS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(I8x16.self) .>= v.second(I8x16.self))) }
            }
        case .i8x16GeU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(U8x16.self) .>= v.second(U8x16.self))) }
            }
        case .i16x8Eq:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(U16x8.self) .== v.second(U16x8.self))) }
            }
        case .i16x8Ne:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(U16x8.self) .!= v.second(U16x8.self))) }
            }
        case .i16x8LtS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(I16x8.self) .< v.second(I16x8.self))) }
            }
        case .i16x8LtU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(U16x8.self) .< v.second(U16x8.self))) }
            }
        case .i16x8GtS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(I16x8.self) .> v.second(I16x8.self))) }
            }
        case .i16x8GtU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(U16x8.self) .> v.second(U16x8.self))) }
            }
        case .i16x8LeS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(I16x8.self) .<= v.second(I16x8.self))) }
            }
        case .i16x8LeU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(U16x8.self) .<= v.second(U16x8.self))) }
            }
        case .i16x8GeS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(I16x8.self) .>= v.second(I16x8.self))) }
            }
        case .i16x8GeU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(U16x8.self) .>= v.second(U16x8.self))) }
            }
        case .i32x4Eq:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(U32x4.self) .== v.second(U32x4.self))) }
            }
        case .i32x4Ne:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(U32x4.self) .!= v.second(U32x4.self))) }
            }
        case .i32x4LtS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(I32x4.self) .< v.second(I32x4.self))) }
            }
        case .i32x4LtU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(U32x4.self) .< v.second(U32x4.self))) }
            }
        case .i32x4GtS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(I32x4.self) .> v.second(I32x4.self))) }
            }
        case .i32x4GtU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(U32x4.self) .> v.second(U32x4.self))) }
            }
        case .i32x4LeS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(I32x4.self) .<= v.second(I32x4.self))) }
            }
        case .i32x4LeU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(U32x4.self) .<= v.second(U32x4.self))) }
            }
        case .i32x4GeS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(I32x4.self) .>= v.second(I32x4.self))) }
            }
        case .i32x4GeU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(U32x4.self) .>= v.second(U32x4.self))) }
            }
        case .i64x2Eq:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(I64x2.self) .== v.second(I64x2.self))) }
            }
        case .i64x2Ne:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(I64x2.self) .!= v.second(I64x2.self))) }
            }
        case .i64x2LtS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(I64x2.self) .< v.second(I64x2.self))) }
            }
        case .i64x2GtS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(I64x2.self) .> v.second(I64x2.self))) }
            }
        case .i64x2LeS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(I64x2.self) .<= v.second(I64x2.self))) }
            }
        case .i64x2GeS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(I64x2.self) .>= v.second(I64x2.self))) }
            }
        // IEEE comparisons: `ne` is true and the others false when a lane is NaN.
        case .f32x4Eq:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(F32x4.self) .== v.second(F32x4.self))) }
            }
        case .f32x4Ne:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(F32x4.self) .!= v.second(F32x4.self))) }
            }
        case .f32x4Lt:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(F32x4.self) .< v.second(F32x4.self))) }
            }
        case .f32x4Gt:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(F32x4.self) .> v.second(F32x4.self))) }
            }
        case .f32x4Le:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(F32x4.self) .<= v.second(F32x4.self))) }
            }
        case .f32x4Ge:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(F32x4.self) .>= v.second(F32x4.self))) }
            }
        case .f64x2Eq:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(F64x2.self) .== v.second(F64x2.self))) }
            }
        case .f64x2Ne:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(F64x2.self) .!= v.second(F64x2.self))) }
            }
        case .f64x2Lt:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(F64x2.self) .< v.second(F64x2.self))) }
            }
        case .f64x2Gt:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(F64x2.self) .> v.second(F64x2.self))) }
            }
        case .f64x2Le:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(F64x2.self) .<= v.second(F64x2.self))) }
            }
        case .f64x2Ge:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(allOnes(v.first(F64x2.self) .>= v.second(F64x2.self))) }
            }
        // MARK: Integer arithmetic (wrapping unless saturating)
        case .i8x16Abs:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(I8x16.self)
                    v.result(x.replacing(with: I8x16() &- x, where: x .< I8x16()))
                }
            }
        case .i16x8Abs:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(I16x8.self)
                    v.result(x.replacing(with: I16x8() &- x, where: x .< I16x8()))
                }
            }
        case .i32x4Abs:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(I32x4.self)
                    v.result(x.replacing(with: I32x4() &- x, where: x .< I32x4()))
                }
            }
        case .i64x2Abs:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(I64x2.self)
                    v.result(x.replacing(with: I64x2() &- x, where: x .< I64x2()))
                }
            }
        case .i8x16Neg: return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(0 &- v.first(U8x16.self)) } }
        case .i16x8Neg: return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(0 &- v.first(U16x8.self)) } }
        case .i32x4Neg: return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(0 &- v.first(U32x4.self)) } }
        case .i64x2Neg: return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(0 &- v.first(U64x2.self)) } }
        case .i8x16Popcnt:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(populationCount(v.first(U8x16.self))) } }
        case .i8x16Add:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(v.first(U8x16.self) &+ v.second(U8x16.self)) } }
        case .i16x8Add:
            return { pc, sp, _, _, _ in lanes(pc, sp, SIMDLanes.i16x8Add) }
        case .i32x4Add:
            return { pc, sp, _, _, _ in lanes(pc, sp, SIMDLanes.i32x4Add) }
        case .i64x2Add:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(v.first(U64x2.self) &+ v.second(U64x2.self)) } }
        case .i8x16Sub:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(v.first(U8x16.self) &- v.second(U8x16.self)) } }
        case .i16x8Sub:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(v.first(U16x8.self) &- v.second(U16x8.self)) } }
        case .i32x4Sub:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(v.first(U32x4.self) &- v.second(U32x4.self)) } }
        case .i64x2Sub:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(v.first(U64x2.self) &- v.second(U64x2.self)) } }
        case .i16x8Mul:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(v.first(U16x8.self) &* v.second(U16x8.self)) } }
        case .i32x4Mul:
            return { pc, sp, _, _, _ in lanes(pc, sp, SIMDLanes.i32x4Mul) }
        case .i64x2Mul:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(v.first(U64x2.self) &* v.second(U64x2.self)) } }
        case .i8x16AddSatS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(addingSaturated(v.first(I8x16.self), v.second(I8x16.self))) }
            }
        case .i16x8AddSatS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(addingSaturated(v.first(I16x8.self), v.second(I16x8.self))) }
            }
        case .i8x16AddSatU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(addingSaturated(v.first(U8x16.self), v.second(U8x16.self))) }
            }
        case .i16x8AddSatU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(addingSaturated(v.first(U16x8.self), v.second(U16x8.self))) }
            }
        case .i8x16SubSatS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(subtractingSaturated(v.first(I8x16.self), v.second(I8x16.self))) }
            }
        case .i16x8SubSatS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(subtractingSaturated(v.first(I16x8.self), v.second(I16x8.self))) }
            }
        case .i8x16SubSatU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(subtractingSaturated(v.first(U8x16.self), v.second(U8x16.self))) }
            }
        case .i16x8SubSatU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(subtractingSaturated(v.first(U16x8.self), v.second(U16x8.self))) }
            }
        case .i8x16MinS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(I8x16.self)
                    let y = v.second(I8x16.self)
                    v.result(x.replacing(with: y, where: y .< x))
                }
            }
        case .i8x16MinU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(U8x16.self)
                    let y = v.second(U8x16.self)
                    v.result(x.replacing(with: y, where: y .< x))
                }
            }
        case .i8x16MaxS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(I8x16.self)
                    let y = v.second(I8x16.self)
                    v.result(x.replacing(with: y, where: x .< y))
                }
            }
        case .i8x16MaxU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(U8x16.self)
                    let y = v.second(U8x16.self)
                    v.result(x.replacing(with: y, where: x .< y))
                }
            }
        case .i16x8MinS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(I16x8.self)
                    let y = v.second(I16x8.self)
                    v.result(x.replacing(with: y, where: y .< x))
                }
            }
        case .i16x8MinU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(U16x8.self)
                    let y = v.second(U16x8.self)
                    v.result(x.replacing(with: y, where: y .< x))
                }
            }
        case .i16x8MaxS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(I16x8.self)
                    let y = v.second(I16x8.self)
                    v.result(x.replacing(with: y, where: x .< y))
                }
            }
        case .i16x8MaxU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(U16x8.self)
                    let y = v.second(U16x8.self)
                    v.result(x.replacing(with: y, where: x .< y))
                }
            }
        case .i32x4MinS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(I32x4.self)
                    let y = v.second(I32x4.self)
                    v.result(x.replacing(with: y, where: y .< x))
                }
            }
        case .i32x4MinU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(U32x4.self)
                    let y = v.second(U32x4.self)
                    v.result(x.replacing(with: y, where: y .< x))
                }
            }
        case .i32x4MaxS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(I32x4.self)
                    let y = v.second(I32x4.self)
                    v.result(x.replacing(with: y, where: x .< y))
                }
            }
        case .i32x4MaxU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(U32x4.self)
                    let y = v.second(U32x4.self)
                    v.result(x.replacing(with: y, where: x .< y))
                }
            }
        case .i8x16AvgrU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(roundingAverage(v.first(U8x16.self), v.second(U8x16.self))) }
            }
        case .i16x8AvgrU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(roundingAverage(v.first(U16x8.self), v.second(U16x8.self))) }
            }
        case .i16x8Q15mulrSatS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(q15MultiplyRoundedSaturated(v.words(v.firstSlot), v.words(v.secondSlot)))
                }
            }
        case .i32x4DotI16x8S:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(dotProduct(v.words(v.firstSlot), v.words(v.secondSlot))) }
            }
        // MARK: Shifts (count modulo the lane width)
        case .i8x16Shl:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(v.first(U8x16.self) &<< v.shiftCount(U8x16.self, extra: v.extra)) }
            }
        case .i8x16ShrS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(v.first(I8x16.self) &>> v.shiftCount(I8x16.self, extra: v.extra)) }
            }
        case .i8x16ShrU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(v.first(U8x16.self) &>> v.shiftCount(U8x16.self, extra: v.extra)) }
            }
        case .i16x8Shl:
            return { pc, sp, _, _, _ in lanes(pc, sp, SIMDLanes.i16x8Shl) }
        case .i16x8ShrS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(v.first(I16x8.self) &>> v.shiftCount(I16x8.self, extra: v.extra)) }
            }
        case .i16x8ShrU:
            return { pc, sp, _, _, _ in lanes(pc, sp, SIMDLanes.i16x8ShrU) }
        case .i32x4Shl:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(v.first(U32x4.self) &<< v.shiftCount(U32x4.self, extra: v.extra)) }
            }
        case .i32x4ShrS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(v.first(I32x4.self) &>> v.shiftCount(I32x4.self, extra: v.extra)) }
            }
        case .i32x4ShrU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(v.first(U32x4.self) &>> v.shiftCount(U32x4.self, extra: v.extra)) }
            }
        case .i64x2Shl:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(v.first(U64x2.self) &<< v.shiftCount(U64x2.self, extra: v.extra)) }
            }
        case .i64x2ShrS:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(v.first(I64x2.self) &>> v.shiftCount(I64x2.self, extra: v.extra)) }
            }
        case .i64x2ShrU:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(v.first(U64x2.self) &>> v.shiftCount(U64x2.self, extra: v.extra)) }
            }
        // MARK: Narrowing (saturating), widening, pairwise
        case .i8x16NarrowI16x8S:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    v.result(
                        narrowed(clamped(v.first(I16x8.self), -128, 127), clamped(v.second(I16x8.self), -128, 127)))
                }
            }
        case .i8x16NarrowI16x8U:
            return { pc, sp, _, _, _ in lanes(pc, sp, SIMDLanes.i8x16NarrowI16x8U) }
        case .i16x8NarrowI32x4S:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    v.result(
                        narrowed(
                            clamped(v.first(I32x4.self), -32768, 32767), clamped(v.second(I32x4.self), -32768, 32767)))
                }
            }
        case .i16x8NarrowI32x4U:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    v.result(narrowed(clamped(v.first(I32x4.self), 0, 65535), clamped(v.second(I32x4.self), 0, 65535)))
                }
            }
        case .i16x8ExtendLowI8x16S:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(widened(v.words(v.firstSlot).low, bits: 8, signed: true)) }
            }
        case .i16x8ExtendHighI8x16S:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(widened(v.words(v.firstSlot).high, bits: 8, signed: true)) }
            }
        case .i16x8ExtendLowI8x16U:
            return { pc, sp, _, _, _ in lanes(pc, sp, SIMDLanes.i16x8ExtendLowI8x16U) }
        case .i16x8ExtendHighI8x16U:
            return { pc, sp, _, _, _ in lanes(pc, sp, SIMDLanes.i16x8ExtendHighI8x16U) }
        case .i32x4ExtendLowI16x8S:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(widened(v.words(v.firstSlot).low, bits: 16, signed: true)) }
            }
        case .i32x4ExtendHighI16x8S:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(widened(v.words(v.firstSlot).high, bits: 16, signed: true)) }
            }
        case .i32x4ExtendLowI16x8U:
            return { pc, sp, _, _, _ in lanes(pc, sp, SIMDLanes.i32x4ExtendLowI16x8U) }
        case .i32x4ExtendHighI16x8U:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(widened(v.words(v.firstSlot).high, bits: 16, signed: false)) }
            }
        case .i64x2ExtendLowI32x4S:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(widened(v.words(v.firstSlot).low, bits: 32, signed: true)) }
            }
        case .i64x2ExtendHighI32x4S:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(widened(v.words(v.firstSlot).high, bits: 32, signed: true)) }
            }
        case .i64x2ExtendLowI32x4U:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(widened(v.words(v.firstSlot).low, bits: 32, signed: false)) }
            }
        case .i64x2ExtendHighI32x4U:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(widened(v.words(v.firstSlot).high, bits: 32, signed: false)) }
            }
        case .i16x8ExtmulLowI8x16S:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    v.result(
                        extendedProduct(
                            v.words(v.firstSlot).low, v.words(v.secondSlot).low, bits: 8, signed: true, as: I16x8.self))
                }
            }
        case .i16x8ExtmulHighI8x16S:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    v.result(
                        extendedProduct(
                            v.words(v.firstSlot).high, v.words(v.secondSlot).high, bits: 8, signed: true, as: I16x8.self
                        ))
                }
            }
        case .i16x8ExtmulLowI8x16U:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    v.result(
                        extendedProduct(
                            v.words(v.firstSlot).low, v.words(v.secondSlot).low, bits: 8, signed: false, as: U16x8.self)
                    )
                }
            }
        case .i16x8ExtmulHighI8x16U:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    v.result(
                        extendedProduct(
                            v.words(v.firstSlot).high, v.words(v.secondSlot).high, bits: 8, signed: false,
                            as: U16x8.self))
                }
            }
        case .i32x4ExtmulLowI16x8S:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    v.result(
                        extendedProduct(
                            v.words(v.firstSlot).low, v.words(v.secondSlot).low, bits: 16, signed: true, as: I32x4.self)
                    )
                }
            }
        case .i32x4ExtmulHighI16x8S:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    v.result(
                        extendedProduct(
                            v.words(v.firstSlot).high, v.words(v.secondSlot).high, bits: 16, signed: true,
                            as: I32x4.self))
                }
            }
        case .i32x4ExtmulLowI16x8U:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    v.result(
                        extendedProduct(
                            v.words(v.firstSlot).low, v.words(v.secondSlot).low, bits: 16, signed: false, as: U32x4.self
                        ))
                }
            }
        case .i32x4ExtmulHighI16x8U:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    v.result(
                        extendedProduct(
                            v.words(v.firstSlot).high, v.words(v.secondSlot).high, bits: 16, signed: false,
                            as: U32x4.self))
                }
            }
        case .i64x2ExtmulLowI32x4S:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    v.result(
                        extendedProduct(
                            v.words(v.firstSlot).low, v.words(v.secondSlot).low, bits: 32, signed: true, as: I64x2.self)
                    )
                }
            }
        case .i64x2ExtmulHighI32x4S:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    v.result(
                        extendedProduct(
                            v.words(v.firstSlot).high, v.words(v.secondSlot).high, bits: 32, signed: true,
                            as: I64x2.self))
                }
            }
        case .i64x2ExtmulLowI32x4U:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    v.result(
                        extendedProduct(
                            v.words(v.firstSlot).low, v.words(v.secondSlot).low, bits: 32, signed: false, as: U64x2.self
                        ))
                }
            }
        case .i64x2ExtmulHighI32x4U:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    v.result(
                        extendedProduct(
                            v.words(v.firstSlot).high, v.words(v.secondSlot).high, bits: 32, signed: false,
                            as: U64x2.self))
                }
            }
        case .i16x8ExtaddPairwiseI8x16S:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(pairwiseSum(v.words(v.firstSlot), bits: 8, signed: true, as: I16x8.self))
                }
            }
        case .i16x8ExtaddPairwiseI8x16U:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(pairwiseSum(v.words(v.firstSlot), bits: 8, signed: false, as: U16x8.self))
                }
            }
        case .i32x4ExtaddPairwiseI16x8S:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(pairwiseSum(v.words(v.firstSlot), bits: 16, signed: true, as: I32x4.self))
                }
            }
        case .i32x4ExtaddPairwiseI16x8U:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    v.result(pairwiseSum(v.words(v.firstSlot), bits: 16, signed: false, as: U32x4.self))
                }
            }
        // MARK: Float arithmetic, canonicalised per lane (docs/DETERMINISM.md §2)
        case .f32x4Add:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(canonical(v.first(F32x4.self) + v.second(F32x4.self))) }
            }
        case .f32x4Sub:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(canonical(v.first(F32x4.self) - v.second(F32x4.self))) }
            }
        case .f32x4Mul:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(canonical(v.first(F32x4.self) * v.second(F32x4.self))) }
            }
        case .f32x4Div:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(canonical(v.first(F32x4.self) / v.second(F32x4.self))) }
            }
        case .f32x4Min:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(canonical(laneMin(v.first(F32x4.self), v.second(F32x4.self)))) }
            }
        case .f32x4Max:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(canonical(laneMax(v.first(F32x4.self), v.second(F32x4.self)))) }
            }
        case .f32x4Sqrt:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(canonical(v.first(F32x4.self).squareRoot())) } }
        case .f32x4Ceil:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(canonical(v.first(F32x4.self).rounded(.up))) } }
        case .f32x4Floor:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(canonical(v.first(F32x4.self).rounded(.down))) } }
        case .f32x4Trunc:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(canonical(v.first(F32x4.self).rounded(.towardZero))) }
            }
        case .f32x4Nearest:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(canonical(v.first(F32x4.self).rounded(.toNearestOrEven))) }
            }
        case .f64x2Add:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(canonical(v.first(F64x2.self) + v.second(F64x2.self))) }
            }
        case .f64x2Sub:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(canonical(v.first(F64x2.self) - v.second(F64x2.self))) }
            }
        case .f64x2Mul:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(canonical(v.first(F64x2.self) * v.second(F64x2.self))) }
            }
        case .f64x2Div:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(canonical(v.first(F64x2.self) / v.second(F64x2.self))) }
            }
        case .f64x2Min:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(canonical(laneMin(v.first(F64x2.self), v.second(F64x2.self)))) }
            }
        case .f64x2Max:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(canonical(laneMax(v.first(F64x2.self), v.second(F64x2.self)))) }
            }
        case .f64x2Sqrt:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(canonical(v.first(F64x2.self).squareRoot())) } }
        case .f64x2Ceil:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(canonical(v.first(F64x2.self).rounded(.up))) } }
        case .f64x2Floor:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(canonical(v.first(F64x2.self).rounded(.down))) } }
        case .f64x2Trunc:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(canonical(v.first(F64x2.self).rounded(.towardZero))) }
            }
        case .f64x2Nearest:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(canonical(v.first(F64x2.self).rounded(.toNearestOrEven))) }
            }
        case .f32x4DemoteF64x2Zero:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(canonical(demoted(v.first(F64x2.self)))) } }
        case .f64x2PromoteLowF32x4:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in v.result(canonical(promoted(v.first(F32x4.self).lowHalf))) }
            }
        // MARK: Float bit operations (not canonicalised: bits pass through)
        case .f32x4Abs: return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(v.first(U32x4.self) & 0x7FFF_FFFF) } }
        case .f32x4Neg: return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(v.first(U32x4.self) ^ 0x8000_0000) } }
        case .f64x2Abs:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(v.first(U64x2.self) & 0x7FFF_FFFF_FFFF_FFFF) } }
        case .f64x2Neg:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(v.first(U64x2.self) ^ 0x8000_0000_0000_0000) } }
        // pmin = y < x ? y : x, pmax = x < y ? y : x: one operand's bits, NaNs included.
        case .f32x4Pmin:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(F32x4.self)
                    let y = v.second(F32x4.self)
                    v.result(x.replacing(with: y, where: y .< x))
                }
            }
        case .f32x4Pmax:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(F32x4.self)
                    let y = v.second(F32x4.self)
                    v.result(x.replacing(with: y, where: x .< y))
                }
            }
        case .f64x2Pmin:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(F64x2.self)
                    let y = v.second(F64x2.self)
                    v.result(x.replacing(with: y, where: y .< x))
                }
            }
        case .f64x2Pmax:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(F64x2.self)
                    let y = v.second(F64x2.self)
                    v.result(x.replacing(with: y, where: x .< y))
                }
            }
        // MARK: Conversions
        case .i32x4TruncSatF32x4S:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(F32x4.self)
                    var result = U32x4()
                    for index in 0..<4 { result[index] = UInt32(truncatingIfNeeded: truncSatToI32S(x[index])) }
                    v.result(result)
                }
            }
        case .i32x4TruncSatF32x4U:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(F32x4.self)
                    var result = U32x4()
                    for index in 0..<4 { result[index] = UInt32(truncatingIfNeeded: truncSatToI32U(x[index])) }
                    v.result(result)
                }
            }
        case .i32x4TruncSatF64x2SZero:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(F64x2.self)
                    let low = UInt32(truncatingIfNeeded: truncSatToI32S(x[0]))
                    let high = UInt32(truncatingIfNeeded: truncSatToI32S(x[1]))
                    v.result(U32x4(low, high, 0, 0))
                }
            }
        case .i32x4TruncSatF64x2UZero:
            return { pc, sp, _, _, _ in
                lanes(pc, sp) { v in
                    let x = v.first(F64x2.self)
                    let low = UInt32(truncatingIfNeeded: truncSatToI32U(x[0]))
                    let high = UInt32(truncatingIfNeeded: truncSatToI32U(x[1]))
                    v.result(U32x4(low, high, 0, 0))
                }
            }
        case .f32x4ConvertI32x4S:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(converted(v.first(I32x4.self))) } }
        case .f32x4ConvertI32x4U:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(converted(v.first(U32x4.self))) } }
        case .f64x2ConvertLowI32x4S:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(converted(v.first(I32x4.self).lowHalf)) } }
        case .f64x2ConvertLowI32x4U:
            return { pc, sp, _, _, _ in lanes(pc, sp) { v in v.result(converted(v.first(U32x4.self).lowHalf)) } }
        default: return nil
        }
    }
}

/// The bodies of the SIMD instructions that also have a threaded op of their own (`Op.simdI32x4Add`,
/// ...), shared by their `SIMDHandler` and their threaded handler.
enum SIMDLanes {
    @inline(__always) static func v128And(_ v: V128Operands) { v.result(v.first(U64x2.self) & v.second(U64x2.self)) }
    @inline(__always) static func i16x8Add(_ v: V128Operands) { v.result(v.first(U16x8.self) &+ v.second(U16x8.self)) }
    @inline(__always) static func i32x4Add(_ v: V128Operands) { v.result(v.first(U32x4.self) &+ v.second(U32x4.self)) }
    @inline(__always) static func i32x4Mul(_ v: V128Operands) { v.result(v.first(U32x4.self) &* v.second(U32x4.self)) }
    @inline(__always) static func i16x8Shl(_ v: V128Operands) {
        v.result(v.first(U16x8.self) &<< v.shiftCount(U16x8.self, extra: v.extra))
    }
    @inline(__always) static func i16x8ShrU(_ v: V128Operands) {
        v.result(v.first(U16x8.self) &>> v.shiftCount(U16x8.self, extra: v.extra))
    }
    @inline(__always) static func i16x8ExtendLowI8x16U(_ v: V128Operands) {
        v.result(widened(v.words(v.firstSlot).low, bits: 8, signed: false))
    }
    @inline(__always) static func i16x8ExtendHighI8x16U(_ v: V128Operands) {
        v.result(widened(v.words(v.firstSlot).high, bits: 8, signed: false))
    }
    @inline(__always) static func i32x4ExtendLowI16x8U(_ v: V128Operands) {
        v.result(widened(v.words(v.firstSlot).low, bits: 16, signed: false))
    }
    @inline(__always) static func i8x16NarrowI16x8U(_ v: V128Operands) {
        v.result(narrowed(clamped(v.first(I16x8.self), 0, 255), clamped(v.second(I16x8.self), 0, 255)))
    }
    @inline(__always) static func v128Xor(_ v: V128Operands) { v.result(v.first(U64x2.self) ^ v.second(U64x2.self)) }
}
