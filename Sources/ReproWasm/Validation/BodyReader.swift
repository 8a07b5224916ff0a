/// Reads instructions and their immediates from a function body or constant expression, turning
/// decoding problems into `ModuleError.malformed` and unknown or gated opcodes into the right error.
struct BodyReader {
    var reader: ByteReader
    let features: Features
    /// The number of types in the module, which a concrete heap type must stay below.
    var typeCount = Int.max
    /// The opcode table, read once here: `Opcode.info` reads a global, whose lazy-initialisation
    /// check (`swift_once`) cost about 1.5% of validating a codec when done per instruction.
    let opcodeRows = OpcodeTable.rows

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
            let feature = opcodeRows[Int(opcode.rawValue)].feature
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
                let feature = opcodeRows[Int(opcode.rawValue)].feature
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

    /// Reads a value type (one byte, or a typed reference), gating `v128` and the reference types.
    mutating func readValueType() throws(ModuleError) -> ValueType {
        let offset = reader.offset
        let type: ValueType
        do { type = try reader.readValueType(malformed: { .malformedValueType($0) }) } catch { throw .malformed(error) }
        try Self.checkValueType(type, at: offset, features: features, typeCount: typeCount)
        return type
    }

    /// Checks that `features` allow `type` and that a concrete heap type names one of `typeCount` types.
    ///
    /// `funcref` and `externref` need reference types, `exnref` and the rest of the `exn` hierarchy
    /// exceptions, every other reference type (non-null, concrete, bottom) typed function references.
    static func checkValueType(_ type: ValueType, at offset: Int, features: Features, typeCount: Int = .max)
        throws(ModuleError)
    {
        func require(_ feature: Feature) throws(ModuleError) {
            guard features.contains(feature) else {
                throw .invalid(ValidationError(.featureNotEnabled(feature), at: offset))
            }
        }
        guard let heap = type.heapType else {
            if type == .v128 { try require(.simd) }
            return
        }
        if heap.top == .exception { try require(.exceptions) } else if type.isNullable { try require(.referenceTypes) }
        if !type.isNullable || heap.isBottom { try require(.functionReferences) }
        if case .concrete(let index) = heap {
            try require(.functionReferences)
            guard index < typeCount else { throw .invalid(ValidationError(.unknownType(index), at: offset)) }
        }
    }

    /// Reads the heap type of `ref.null` and returns the type of the null it makes, `(ref null ht)`.
    mutating func readHeapType() throws(ModuleError) -> ValueType {
        let offset = reader.offset
        let heap: HeapType
        do { heap = try reader.readHeapType() } catch { throw .malformed(error) }
        let type = ValueType.ref(heap, nullable: true)
        try Self.checkValueType(type, at: offset, features: features, typeCount: typeCount)
        return type
    }
}
