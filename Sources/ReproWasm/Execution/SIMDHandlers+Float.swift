// The SIMD handlers (`SIMDHandler`) for float lane arithmetic, canonicalised per lane
// (docs/DETERMINISM.md §2), float bit operations and conversions (see SIMDHandlers+Moves.swift).

extension StoreRuntime {
    /// Handlers for float arithmetic, float bit operations and conversions.
    static func simdFloatHandler(for opcode: Opcode) -> SIMDHandler? {
        switch opcode {
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
