import ReproWasm

// Converting script values to the library's `Value`, matching results against expectations, and
// printing both so that a failure line can be read without the script at hand.

extension SpecValue {
    /// The library value for an argument, or a description of why the script's value has none.
    func libraryValue() -> Result<Value, RunnerError> {
        switch self {
        case .i32(let bits): return .success(.i32(bits))
        case .i64(let bits): return .success(.i64(bits))
        case .f32(let bits): return .success(.f32Bits(bits))
        case .f64(let bits): return .success(.f64Bits(bits))
        case .v128(let vector): return .success(.v128(low: vector.low, high: vector.high))
        case .funcRef(.null): return .success(.funcRef(nil))
        case .externRef(.null): return .success(.externRef(nil))
        case .externRef(.host(let id)): return .success(.externRef(ExternalReference(id: UInt64(id))))
        case .funcRef, .externRef, .otherRef:
            return .failure(RunnerError("argument \(self.text) cannot be passed from the host"))
        }
    }

    /// The value as failure lines print it: type, decimal and, for floats, the bits.
    var text: String {
        switch self {
        case .i32(let bits): "i32:\(Int32(bitPattern: bits))"
        case .i64(let bits): "i64:\(Int64(bitPattern: bits))"
        case .f32(let bits): Value.f32Bits(bits).description
        case .f64(let bits): Value.f64Bits(bits).description
        case .v128(let vector): "v128:0x\(hex(vector.high, digits: 16))\(hex(vector.low, digits: 16))"
        case .funcRef(let reference): "funcref:\(reference.text)"
        case .externRef(let reference): "externref:\(reference.text)"
        case .otherRef(let type, let reference): "\(type):\(reference.text)"
        }
    }
}

extension Reference {
    var text: String {
        switch self {
        case .null: "null"
        case .host(let id): "\(id)"
        case .nonNull: "non-null"
        }
    }
}

extension V128 {
    /// Bytes 0-7 as a little-endian word (lane 0 in the lowest bits).
    var low: UInt64 { word(at: 0) }
    /// Bytes 8-15 as a little-endian word.
    var high: UInt64 { word(at: 8) }

    private func word(at start: Int) -> UInt64 {
        (0..<8).reduce(0) { $0 | UInt64(bytes[start + $1]) << UInt64($1 * 8) }
    }
}

/// A problem of the runner or the script rather than of the engine (an export that is missing, an
/// argument the host cannot make, ...). Still a failure: the command was not checked.
struct RunnerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

// MARK: Matching

extension ExpectedValue {
    /// Whether `actual` is acceptable, bit-exactly (NaN patterns aside).
    func matches(_ actual: Value) -> Bool {
        switch (self, actual) {
        case (.exact(.i32(let e)), .i32(let a)): return e == a
        case (.exact(.i64(let e)), .i64(let a)): return e == a
        case (.exact(.f32(let e)), .f32Bits(let a)): return e == a
        case (.exact(.f64(let e)), .f64Bits(let a)): return e == a
        case (.exact(.v128(let e)), .v128(let low, let high)): return e.low == low && e.high == high
        case (.exact(.funcRef(let e)), .funcRef(let a)):
            switch e {
            case .null: return a == nil
            case .nonNull: return a != nil
            case .host: return false  // the script cannot name a function reference
            }
        case (.exact(.externRef(let e)), .externRef(let a)):
            switch e {
            case .null: return a == nil
            case .nonNull: return a != nil
            case .host(let id): return a?.id == UInt64(id)
            }
        case (.f32NaN(let pattern), .f32Bits(let a)): return pattern.matches(UInt64(a), laneBits: 32)
        case (.f64NaN(let pattern), .f64Bits(let a)): return pattern.matches(a, laneBits: 64)
        case (.v128(let shape, let lanes), .v128(let low, let high)):
            let actualLanes = Self.lanes(low: low, high: high, shape: shape)
            return zip(lanes, actualLanes).allSatisfy { expected, actual in
                switch expected {
                case .bits(let bits): bits == actual
                case .nan(let pattern):
                    (shape == .f32 || shape == .f64) && pattern.matches(actual, laneBits: shape.bits)
                }
            }
        case (.anyNullReference, .funcRef(nil)), (.anyNullReference, .externRef(nil)): return true
        case (.either(let options), _): return options.contains { $0.matches(actual) }
        default: return false
        }
    }

    /// The lanes of a v128, lane 0 first, each in the low bits of a word.
    static func lanes(low: UInt64, high: UInt64, shape: LaneShape) -> [UInt64] {
        let perWord = 64 / shape.bits
        let mask: UInt64 = shape.bits == 64 ? .max : (1 << UInt64(shape.bits)) - 1
        return [low, high].flatMap { word in
            (0..<perWord).map { (word >> UInt64($0 * shape.bits)) & mask }
        }
    }

    /// The lane shape to print an actual v128 in, when this expectation has one.
    var laneShape: LaneShape? {
        switch self {
        case .v128(let shape, _): shape
        case .either(let options): options.lazy.compactMap(\.laneShape).first
        default: nil
        }
    }

    /// The expectation as failure lines print it.
    var text: String {
        switch self {
        case .exact(let value): value.text
        case .f32NaN(let pattern): "f32:\(pattern.text)"
        case .f64NaN(let pattern): "f64:\(pattern.text)"
        case .v128(let shape, let lanes):
            "v128 \(shape)x\(shape.laneCount):["
                + lanes.map { lane in
                    switch lane {
                    case .bits(let bits): "0x" + hex(bits, digits: shape.bits / 4)
                    case .nan(let pattern): pattern.text
                    }
                }.joined(separator: " ") + "]"
        case .anyNullReference: "ref.null"
        case .either(let options): "either(" + options.map(\.text).joined(separator: " | ") + ")"
        }
    }
}

extension NaNPattern {
    /// Whether `bits`, a float of `laneBits` bits, is a NaN of this kind.
    ///
    /// Canonical: exponent all ones, quiet bit set, rest of the payload zero, either sign.
    /// Arithmetic: exponent all ones and quiet bit set, any payload, either sign.
    func matches(_ bits: UInt64, laneBits: Int) -> Bool {
        let (exponentAndQuiet, payloadMask): (UInt64, UInt64) =
            laneBits == 32 ? (0x7FC0_0000, 0x003F_FFFF) : (0x7FF8_0000_0000_0000, 0x0007_FFFF_FFFF_FFFF)
        guard bits & exponentAndQuiet == exponentAndQuiet else { return false }
        switch self {
        case .canonical: return bits & payloadMask == 0
        case .arithmetic: return true
        }
    }

    var text: String {
        switch self {
        case .canonical: "nan:canonical"
        case .arithmetic: "nan:arithmetic"
        }
    }
}

/// An actual value as failure lines print it; a v128 in the lane shape of its expectation.
func describe(_ value: Value, as expectation: ExpectedValue?) -> String {
    if case .v128(let low, let high) = value, let shape = expectation?.laneShape {
        let lanes = ExpectedValue.lanes(low: low, high: high, shape: shape)
        return "v128 \(shape)x\(shape.laneCount):["
            + lanes.map { "0x" + hex($0, digits: shape.bits / 4) }.joined(separator: " ")
            + "]"
    }
    return value.description
}

/// `value` in hexadecimal, zero-padded to `digits`.
func hex(_ value: UInt64, digits: Int) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
}
