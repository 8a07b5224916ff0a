/// The text format's numeric literals (text chapter, "Values"): integers in decimal or hexadecimal with
/// `_` between digits, and floats in decimal, hexadecimal (`0x1.8p3`), `inf`, `nan` and `nan:0x...`.
///
/// Floats round to nearest, ties to even, exactly as IEEE 754 requires; a literal that would round to
/// infinity is out of range. Hexadecimal floats are rounded here bit by bit (subnormals included);
/// decimal floats go through the standard library's correctly rounded conversion once their syntax
/// (which is stricter than the library's) has been checked.
enum NumericLiteral {
    /// Why a token is not the literal asked for.
    enum Failure: Error {
        /// Not a literal of this kind at all (the caller decides whether that is an unknown operator or an
        /// unexpected token).
        case malformed
        /// A well-formed literal whose value does not fit.
        case outOfRange
    }

    // MARK: Integers

    /// The digits of `num` or `hexnum` (`_` only between two digits) as a value, with `overflow` set if it
    /// does not fit in 64 bits; `nil` if the syntax is wrong.
    static func digits(_ text: Substring, hexadecimal: Bool) -> (value: UInt64, overflow: Bool)? {
        var value: UInt64 = 0
        var overflow = false
        var lastWasDigit = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "_") {
                guard lastWasDigit else { return nil }
                lastWasDigit = false
                continue
            }
            let digit: UInt8
            if hexadecimal {
                guard let hex = Lexer.hexValue(byte) else { return nil }
                digit = hex
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                digit = byte - UInt8(ascii: "0")
            }
            let (shifted, overflowMultiply) = value.multipliedReportingOverflow(by: hexadecimal ? 16 : 10)
            let (sum, overflowAdd) = shifted.addingReportingOverflow(UInt64(digit))
            overflow = overflow || overflowMultiply || overflowAdd
            value = sum
            lastWasDigit = true
        }
        return lastWasDigit ? (value, overflow) : nil
    }

    /// An unsigned literal (`uN`: no sign) of at most `bits` bits.
    static func unsigned(_ text: String, bits: Int) throws(Failure) -> UInt64 {
        guard let first = text.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else {
            throw .malformed
        }
        let magnitude = try self.magnitude(Substring(text))
        guard let magnitude, bits == 64 || magnitude < (1 << UInt64(bits)) else { throw .outOfRange }
        return magnitude
    }

    /// An integer literal of `bits` bits as instructions take it (`iN`): unsigned up to 2^N - 1, or with
    /// a sign from -2^(N-1) to 2^(N-1) - 1. Returns the two's complement bits.
    static func integer(_ text: String, bits: Int) throws(Failure) -> UInt64 {
        var body = Substring(text)
        var sign: UInt8?
        if let first = body.utf8.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            sign = first
            body = body.dropFirst()
        }
        guard let first = body.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else {
            throw .malformed
        }
        guard let magnitude = try self.magnitude(body) else { throw .outOfRange }
        let mask: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
        let signedLimit: UInt64 = 1 << UInt64(bits - 1)
        switch sign {
        case nil:
            guard magnitude <= mask else { throw .outOfRange }
            return magnitude
        case UInt8(ascii: "+"):
            guard magnitude < signedLimit else { throw .outOfRange }
            return magnitude
        default:
            guard magnitude <= signedLimit else { throw .outOfRange }
            return (0 &- magnitude) & mask
        }
    }

    /// `num` or `0x hexnum`; `nil` if it overflows 64 bits.
    private static func magnitude(_ text: Substring) throws(Failure) -> UInt64? {
        let parsed =
            text.hasPrefix("0x") ? digits(text.dropFirst(2), hexadecimal: true) : digits(text, hexadecimal: false)
        guard let parsed else { throw .malformed }
        return parsed.overflow ? nil : parsed.value
    }

    /// Whether `text` is a well-formed integer or float literal (whatever its range).
    static func isNumber(_ text: String) -> Bool {
        do {
            _ = try float(text, format: .f64)
            return true
        } catch {
            return error == .outOfRange
        }
    }

    // MARK: Floats

    /// An IEEE 754 binary format: f32 or f64.
    struct FloatFormat {
        /// Stored significand bits (23 or 52).
        let significandBits: Int
        /// Exponent bits (8 or 11).
        let exponentBits: Int

        static let f32 = FloatFormat(significandBits: 23, exponentBits: 8)
        static let f64 = FloatFormat(significandBits: 52, exponentBits: 11)

        var maxExponent: Int { (1 << (exponentBits - 1)) - 1 }
        var minExponent: Int { 1 - maxExponent }
        var signBit: UInt64 { 1 << UInt64(significandBits + exponentBits) }
        var infinityBits: UInt64 { UInt64((1 << exponentBits) - 1) << UInt64(significandBits) }
        var payloadMask: UInt64 { (1 << UInt64(significandBits)) - 1 }
    }

    /// An f32 literal's bits.
    static func float32(_ text: String) throws(Failure) -> UInt32 {
        UInt32(truncatingIfNeeded: try float(text, format: .f32))
    }

    /// An f64 literal's bits.
    static func float64(_ text: String) throws(Failure) -> UInt64 {
        try float(text, format: .f64)
    }

    /// A float literal (`fN`) in `format`, as its bit pattern.
    static func float(_ text: String, format: FloatFormat) throws(Failure) -> UInt64 {
        var body = Substring(text)
        var negative = false
        if let first = body.utf8.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            body = body.dropFirst()
        }
        let magnitude: UInt64
        if body == "inf" {
            magnitude = format.infinityBits
        } else if body == "nan" {
            magnitude = format.infinityBits | 1 << UInt64(format.significandBits - 1)
        } else if body.hasPrefix("nan:0x") {
            guard let payload = digits(body.dropFirst(6), hexadecimal: true) else { throw .malformed }
            guard !payload.overflow, payload.value >= 1, payload.value <= format.payloadMask else { throw .outOfRange }
            magnitude = format.infinityBits | payload.value
        } else if body.hasPrefix("0x") {
            magnitude = try hexFloat(body.dropFirst(2), format: format)
        } else {
            magnitude = try decimalFloat(body, format: format)
        }
        return negative ? magnitude | format.signBit : magnitude
    }

    /// Splits `p.q` + exponent: `hexnum`/`num` before an optional `.`, an optional fraction, and an
    /// optional exponent after `marker` (`p` or `e`, either case). Checks the digit syntax.
    private static func split(
        _ text: Substring, hexadecimal: Bool, markers: Set<Character>
    ) throws(Failure) -> (integer: Substring, fraction: Substring, exponent: Substring?) {
        var mantissa = text
        var exponent: Substring?
        if let index = text.firstIndex(where: { markers.contains($0) }) {
            mantissa = text[..<index]
            exponent = text[text.index(after: index)...]
        }
        var integer = mantissa
        var fraction: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            integer = mantissa[..<dot]
            fraction = mantissa[mantissa.index(after: dot)...]
        }
        guard digits(integer, hexadecimal: hexadecimal) != nil else { throw .malformed }
        guard fraction.isEmpty || digits(fraction, hexadecimal: hexadecimal) != nil else { throw .malformed }
        if var exponentText = exponent {
            if let first = exponentText.first, first == "+" || first == "-" { exponentText = exponentText.dropFirst() }
            guard digits(exponentText, hexadecimal: false) != nil else { throw .malformed }
        }
        return (integer, fraction, exponent)
    }

    /// A decimal float's magnitude: the syntax is checked here, the correctly rounded conversion is the
    /// standard library's (`strtof`/`strtod` semantics: round to nearest, ties to even).
    private static func decimalFloat(_ text: Substring, format: FloatFormat) throws(Failure) -> UInt64 {
        _ = try split(text, hexadecimal: false, markers: ["e", "E"])
        let plain = String(text.filter { $0 != "_" })
        let bits: UInt64
        if format.significandBits == 23 {
            guard let value = Float(plain) else { throw .malformed }
            guard value.isFinite else { throw .outOfRange }
            bits = UInt64(value.bitPattern)
        } else {
            guard let value = Double(plain) else { throw .malformed }
            guard value.isFinite else { throw .outOfRange }
            bits = value.bitPattern
        }
        return bits
    }

    /// A hexadecimal float's magnitude (the text after `0x`), rounded to nearest even in `format`.
    private static func hexFloat(_ text: Substring, format: FloatFormat) throws(Failure) -> UInt64 {
        let (integer, fraction, exponentText) = try split(text, hexadecimal: true, markers: ["p", "P"])

        // The digits as `mantissa * 2^binaryExponent`, keeping at most 60 significant bits; anything
        // beyond that only matters as "something non-zero was dropped" (`sticky`).
        var mantissa: UInt64 = 0
        var binaryExponent = 0
        var sticky = false
        for (part, isFraction) in [(integer, false), (fraction, true)] {
            for byte in part.utf8 where byte != UInt8(ascii: "_") {
                let digit = UInt64(Lexer.hexValue(byte)!)
                if mantissa < 1 << 60 {
                    mantissa = mantissa << 4 | digit
                    if isFraction { binaryExponent -= 4 }
                } else {
                    sticky = sticky || digit != 0
                    if !isFraction { binaryExponent += 4 }
                }
            }
        }
        if let exponentText {
            var negative = false
            var digitsText = exponentText
            if let first = digitsText.first, first == "+" || first == "-" {
                negative = first == "-"
                digitsText = digitsText.dropFirst()
            }
            // Saturate: beyond a million the result is zero or out of range either way.
            var exponent = 0
            for byte in digitsText.utf8 where byte != UInt8(ascii: "_") {
                exponent = min(exponent * 10 + Int(byte - UInt8(ascii: "0")), 1_000_000)
            }
            binaryExponent += negative ? -exponent : exponent
        }
        guard mantissa != 0 else { return 0 }

        let precision = format.significandBits + 1
        let topBit = 63 - mantissa.leadingZeroBitCount
        let exponent = topBit + binaryExponent
        // The weight of the result's last significand bit: normal numbers keep `precision` bits,
        // subnormals stop at the smallest exponent.
        var lastBitExponent = max(exponent - precision + 1, format.minExponent - precision + 1)
        let shift = lastBitExponent - binaryExponent
        var significand: UInt64
        if shift <= 0 {
            significand = mantissa << UInt64(-shift)
        } else if shift > 64 {
            significand = 0  // below half of the smallest subnormal
        } else {
            significand = shift == 64 ? 0 : mantissa >> UInt64(shift)
            let remainder = shift == 64 ? mantissa : mantissa & ((1 << UInt64(shift)) - 1)
            let half: UInt64 = 1 << UInt64(shift - 1)
            if remainder > half || (remainder == half && (sticky || significand & 1 == 1)) {
                significand += 1
            }
        }
        if significand == 1 << UInt64(precision) {
            significand >>= 1
            lastBitExponent += 1
        }
        if significand < 1 << UInt64(precision - 1) {
            return significand  // subnormal (or zero): exponent field 0
        }
        let unbiased = lastBitExponent + precision - 1
        guard unbiased <= format.maxExponent else { throw .outOfRange }
        let biased = UInt64(unbiased + format.maxExponent)
        return biased << UInt64(format.significandBits) | (significand & format.payloadMask)
    }
}

extension SExpression {
    /// The atom as an integer literal of `bitWidth` bits (8, 16, 32 or 64), the way `i32.const` and the
    /// integer lanes of `v128.const` read it: unsigned, or signed and returned in two's complement.
    ///
    /// - Throws: `TextError` ("constant out of range", or "unexpected token" for something else).
    public func integerBits(bitWidth: Int) throws(TextError) -> UInt64 {
        guard let text = atom else { throw error(.unexpectedToken(summary)) }
        do {
            return try NumericLiteral.integer(text, bits: bitWidth)
        } catch {
            throw self.error(literalReason(error, text: text))
        }
    }

    /// The atom as an `f32` literal's bits (`1.5`, `0x1p-3`, `-inf`, `nan:0x200000`, ...).
    public func float32Bits() throws(TextError) -> UInt32 {
        UInt32(truncatingIfNeeded: try floatBits(.f32))
    }

    /// The atom as an `f64` literal's bits.
    public func float64Bits() throws(TextError) -> UInt64 {
        try floatBits(.f64)
    }

    func floatBits(_ format: NumericLiteral.FloatFormat) throws(TextError) -> UInt64 {
        guard let text = atom else { throw error(.unexpectedToken(summary)) }
        do {
            return try NumericLiteral.float(text, format: format)
        } catch {
            throw self.error(literalReason(error, text: text))
        }
    }

    /// The reason for a literal that failed: out of range, or a token that is not a literal of this
    /// kind (an unknown operator if it is no token of the grammar at all, else an unexpected token).
    func literalReason(_ failure: NumericLiteral.Failure, text: String, prefix: String = "") -> TextError.Reason {
        switch failure {
        case .outOfRange: .constantOutOfRange(prefix)
        case .malformed: unexpected.reason
        }
    }
}
