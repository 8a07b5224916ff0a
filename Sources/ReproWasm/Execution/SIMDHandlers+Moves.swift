// The SIMD handlers (`SIMDHandler`) for memory access, lane moves and bitwise operations, one
// closure per opcode. Each reads its operands through `V128Operands` (SIMDHandlers.swift); the
// word layout is documented at `Op.simd`. Integer and float lane arithmetic are in
// SIMDHandlers+Integer.swift and SIMDHandlers+Float.swift.

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
