/// A module's bytes are not a well-formed WebAssembly binary.
///
/// `description` starts with the spec's wording for the reason (the text the official test suite
/// expects) and ends with the byte offset where decoding stopped.
public struct DecodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Why decoding failed.
    public enum Reason: Equatable, Sendable {
        /// The bytes do not start with `\0asm`.
        case magicHeaderNotDetected
        /// The version after the magic header is not 1.
        case unknownBinaryVersion
        /// The bytes end in the middle of something.
        case unexpectedEnd
        /// A section or function body ends in the middle of something.
        case unexpectedEndOfSectionOrFunction
        /// A LEB128 integer has bits beyond its type's width.
        case integerTooLarge
        /// A LEB128 integer uses more bytes than its type allows.
        case integerRepresentationTooLong
        /// A section id that no section has.
        case malformedSectionID(UInt8)
        /// A section's contents do not end where its size says.
        case sectionSizeMismatch
        /// A section out of order.
        case unexpectedContentAfterLastSection
        /// Bytes after the last section that are not a section.
        case junkAfterLastSection
        /// A length (of a name, vector or segment) runs past its section.
        case lengthOutOfBounds
        /// A name is not valid UTF-8.
        case malformedUTF8
        /// An import kind byte that no kind has.
        case malformedImportKind(UInt8)
        /// An export kind byte that no kind has.
        case malformedExportKind(UInt8)
        /// A tag's attribute byte is not 0 (exception).
        case malformedTagAttribute(UInt8)
        /// A `try_table` catch clause kind that is not 0-3.
        case malformedCatchClause(UInt8)
        /// A limits flags byte that no encoding has.
        case malformedLimitsFlags(UInt8)
        /// A global mutability byte other than 0 or 1.
        case malformedMutability(UInt8)
        /// A reference type byte that no type has.
        case malformedReferenceType(UInt8)
        /// A value type byte that no type has.
        case malformedValueType(UInt8)
        /// A type section entry that does not start with `0x60`.
        case malformedFunctionType(UInt8)
        /// An element kind byte other than 0.
        case malformedElementKind(UInt8)
        /// Element or data segment flags that no encoding has.
        case malformedSegmentFlags(UInt32)
        /// A memarg's alignment flags that no encoding has.
        case malformedMemopFlags
        /// A reserved byte that must be zero is not.
        case malformedZeroByte
        /// A byte (or prefixed sequence, given in hex) that is no instruction.
        case illegalOpcode(String)
        /// A body or constant expression does not end with `end`.
        case endOpcodeExpected
        /// The function and code sections have different counts.
        case functionAndCodeSectionInconsistent
        /// The data count section disagrees with the data section.
        case dataCountAndDataSectionInconsistent
        /// Code uses `memory.init` or `data.drop` without a data count section.
        case dataCountSectionRequired
        /// A body declares more locals than fit in a 32-bit count.
        case tooManyLocals
        /// A section (by id) that appeared before.
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
            case .malformedTagAttribute(let a): "malformed tag attribute 0x\(String(a, radix: 16))"
            case .malformedCatchClause(let k): "malformed catch clause 0x\(String(k, radix: 16))"
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
