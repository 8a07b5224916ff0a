/// Reads instructions and their immediates from a function body or constant expression, turning
/// decoding problems into `ModuleError.malformed` and unknown or gated opcodes into the right error.
struct BodyReader {
    var reader: ByteReader
    let features: Features

    init(bytes: [UInt8], range: Range<Int>, features: Features) {
        reader = ByteReader(bytes, offset: range.lowerBound, end: range.upperBound)
        reader.endReason = .unexpectedEndOfSectionOrFunction
        self.features = features
    }

    var offset: Int { reader.offset }
    var isAtEnd: Bool { reader.isAtEnd }

    @inline(__always)
    mutating func byte() throws(ModuleError) -> UInt8 {
        do { return try reader.readByte() } catch { throw .malformed(error) }
    }

    @inline(__always)
    mutating func u32() throws(ModuleError) -> UInt32 {
        do { return try reader.readU32() } catch { throw .malformed(error) }
    }

    mutating func s32() throws(ModuleError) -> Int32 {
        do { return try reader.readS32() } catch { throw .malformed(error) }
    }

    mutating func s33() throws(ModuleError) -> Int64 {
        do { return try reader.readS33() } catch { throw .malformed(error) }
    }

    mutating func s64() throws(ModuleError) -> Int64 {
        do { return try reader.readS64() } catch { throw .malformed(error) }
    }

    mutating func fixedU32() throws(ModuleError) -> UInt32 {
        do { return try reader.readFixedU32() } catch { throw .malformed(error) }
    }

    mutating func fixedU64() throws(ModuleError) -> UInt64 {
        do { return try reader.readFixedU64() } catch { throw .malformed(error) }
    }

    func requireFeature(_ feature: Feature, at offset: Int) throws(ModuleError) {
        guard features.contains(feature) else {
            throw .invalid(ValidationError(.featureNotEnabled(feature), at: offset))
        }
    }

    /// Reads an opcode (one byte, or a prefix and a LEB128 sub-opcode) and checks the feature gate.
    @inline(__always)
    mutating func readOpcode() throws(ModuleError) -> Opcode {
        let offset = reader.offset
        let first = try byte()
        if let opcode = OpcodeLookup.opcode(forByte: first) {
            let feature = opcode.info.feature
            if feature != .mvp && !features.contains(feature) {
                throw .invalid(ValidationError(.featureNotEnabled(feature), at: offset))
            }
            return opcode
        }
        return try readPrefixedOpcode(first: first, at: offset)
    }

    private mutating func readPrefixedOpcode(first: UInt8, at offset: Int) throws(ModuleError) -> Opcode {
        if first == 0xFC || first == 0xFD || first == 0xFE || first == 0xFB {
            let sub = try u32()
            if let opcode = OpcodeLookup.opcode(prefix: first, subOpcode: sub) {
                let feature = opcode.info.feature
                guard features.contains(feature) else {
                    throw .invalid(ValidationError(.featureNotEnabled(feature), at: offset))
                }
                return opcode
            }
            if let feature = OpcodeLookup.unsupportedFeature(prefix: first, subOpcode: sub) {
                throw .invalid(ValidationError(.featureNotEnabled(feature), at: offset))
            }
            throw .malformed(DecodeError(.illegalOpcode("0x\(String(first, radix: 16)) \(sub)"), at: offset))
        }
        if let feature = OpcodeLookup.unsupportedFeature(forByte: first) {
            throw .invalid(ValidationError(.featureNotEnabled(feature), at: offset))
        }
        throw .malformed(DecodeError(.illegalOpcode(String(first, radix: 16)), at: offset))
    }

    /// Reads a value type byte, gating `v128` and the reference types.
    mutating func readValueType() throws(ModuleError) -> ValueType {
        let offset = reader.offset
        let raw = try byte()
        return try Self.checkValueType(raw, at: offset, features: features)
    }

    static func checkValueType(_ raw: UInt8, at offset: Int, features: Features) throws(ModuleError) -> ValueType {
        guard let type = ValueType(rawValue: raw) else {
            throw .malformed(DecodeError(ModuleDecoder.unknownTypeReason(raw) ?? .malformedValueType(raw), at: offset))
        }
        try checkValueType(type, at: offset, features: features)
        return type
    }

    static func checkValueType(_ type: ValueType, at offset: Int, features: Features) throws(ModuleError) {
        switch type {
        case .v128:
            guard features.contains(.simd) else {
                throw .invalid(ValidationError(.featureNotEnabled(.simd), at: offset))
            }
        case .externRef, .funcRef:
            guard features.contains(.referenceTypes) else {
                throw .invalid(ValidationError(.featureNotEnabled(.referenceTypes), at: offset))
            }
        case .exnRef:
            guard features.contains(.exceptions) else {
                throw .invalid(ValidationError(.featureNotEnabled(.exceptions), at: offset))
            }
        case .i32, .i64, .f32, .f64: break
        }
    }

    /// Reads the heap type of `ref.null`: `func` (0x70), `extern` (0x6F) or `exn` (0x69, gated).
    mutating func readHeapType() throws(ModuleError) -> ValueType {
        let offset = reader.offset
        let raw = try byte()
        switch raw {
        case 0x70: return .funcRef
        case 0x6F: return .externRef
        case 0x69:
            guard features.contains(.exceptions) else {
                throw .invalid(ValidationError(.featureNotEnabled(.exceptions), at: offset))
            }
            return .exnRef
        default: throw .malformed(DecodeError(.malformedReferenceType(raw), at: offset))
        }
    }
}
