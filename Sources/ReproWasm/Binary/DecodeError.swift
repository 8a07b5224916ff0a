/// A module's bytes are not a well-formed WebAssembly binary.
///
/// `description` starts with the spec's wording for the reason (the text the official test suite
/// expects) and ends with the byte offset where decoding stopped.
public struct DecodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Why decoding failed.
    public enum Reason: Equatable, Sendable {
        case magicHeaderNotDetected
        case unknownBinaryVersion
        case unexpectedEnd
        case unexpectedEndOfSectionOrFunction
        case integerTooLarge
        case integerRepresentationTooLong
        case malformedSectionID(UInt8)
        case sectionSizeMismatch
        case unexpectedContentAfterLastSection
        case junkAfterLastSection
        case lengthOutOfBounds
        case malformedUTF8
        case malformedImportKind(UInt8)
        case malformedExportKind(UInt8)
        case malformedLimitsFlags(UInt8)
        case malformedMutability(UInt8)
        case malformedReferenceType(UInt8)
        case malformedValueType(UInt8)
        case malformedFunctionType(UInt8)
        case malformedElementKind(UInt8)
        case malformedSegmentFlags(UInt32)
        case malformedMemopFlags
        case malformedZeroByte
        case illegalOpcode(String)
        case endOpcodeExpected
        case functionAndCodeSectionInconsistent
        case dataCountAndDataSectionInconsistent
        case dataCountSectionRequired
        case tooManyLocals
        case duplicateSection(UInt8)
        /// A feature the engine never supports, recognised by its encoding.
        case unsupportedFeature(Feature)

        /// The spec's wording.
        public var text: String {
            switch self {
            case .magicHeaderNotDetected: "magic header not detected"
            case .unknownBinaryVersion: "unknown binary version"
            case .unexpectedEnd: "unexpected end"
            case .unexpectedEndOfSectionOrFunction: "unexpected end of section or function"
            case .integerTooLarge: "integer too large"
            case .integerRepresentationTooLong: "integer representation too long"
            case .malformedSectionID(let id): "malformed section id \(id)"
            case .sectionSizeMismatch: "section size mismatch"
            case .unexpectedContentAfterLastSection: "unexpected content after last section"
            case .junkAfterLastSection: "junk after last section"
            case .lengthOutOfBounds: "length out of bounds"
            case .malformedUTF8: "malformed UTF-8 encoding"
            case .malformedImportKind(let k): "malformed import kind 0x\(String(k, radix: 16))"
            case .malformedExportKind(let k): "malformed export kind 0x\(String(k, radix: 16))"
            case .malformedLimitsFlags(let f):
                // Bit 3 announces a page size (custom page sizes): malformed for the core spec, but say why.
                f & 0xF8 == 0x08
                    ? "malformed limits flags 0x\(String(f, radix: 16)) (\(Feature.customPageSizes) is not supported)"
                    : "malformed limits flags 0x\(String(f, radix: 16))"
            case .malformedMutability(let m): "malformed mutability 0x\(String(m, radix: 16))"
            case .malformedReferenceType(let t): "malformed reference type 0x\(String(t, radix: 16))"
            case .malformedValueType(let t): "malformed value type 0x\(String(t, radix: 16))"
            case .malformedFunctionType(let t): "malformed function type 0x\(String(t, radix: 16))"
            case .malformedElementKind(let k): "malformed element kind 0x\(String(k, radix: 16))"
            case .malformedSegmentFlags(let f): "malformed segment flags \(f)"
            case .malformedMemopFlags: "malformed memop flags"
            case .malformedZeroByte: "zero byte expected"
            case .illegalOpcode(let hex): "illegal opcode \(hex)"
            case .endOpcodeExpected: "END opcode expected"
            case .functionAndCodeSectionInconsistent: "function and code section have inconsistent lengths"
            case .dataCountAndDataSectionInconsistent: "data count and data section have inconsistent lengths"
            case .dataCountSectionRequired: "data count section required"
            case .tooManyLocals: "too many locals"
            case .duplicateSection(let id): "unexpected content after last section (duplicate section \(id))"
            case .unsupportedFeature(let feature): "\(feature) is not supported"
            }
        }
    }

    /// Why decoding failed.
    public var reason: Reason
    /// The byte offset in the module's bytes where the problem was found.
    public var offset: Int

    /// Creates an error.
    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// The reason in the spec's words, then the offset.
    public var description: String { "\(reason.text) (at offset 0x\(String(offset, radix: 16)))" }
}
