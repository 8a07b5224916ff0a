// The SIMD handlers (`SIMDHandler`) for comparisons and integer lane arithmetic (see
// SIMDHandlers+Moves.swift).

extension StoreRuntime {
    /// Handlers for comparisons, integer lane arithmetic, shifts, narrowing and widening.
    static func simdIntegerHandler(for opcode: Opcode) -> SIMDHandler? {
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
        default: return nil
        }
    }
}
