// A `list<T>` of fixed-size numbers held as the bytes the canonical ABI stores it as, so lifting and
// lowering it is one bounds check and one copy, with no `ComponentValue` per element.

/// A `list<T>` whose elements are fixed-size numbers (`u8` … `s64`, `f32`, `f64`), held as their
/// little-endian bytes: the layout the canonical ABI gives the list in linear memory.
///
/// Lifting a list of numbers for the host produces one of these (`ComponentValue.packedList`), and
/// lowering one copies its bytes into the callee's memory in one piece. The host never does
/// arithmetic on the elements, so floats keep their bit patterns, NaN payloads included.
///
/// `bool` and `char` lists are not packed: lifting them must check or normalise every element
/// (`bool` maps any non-zero byte to `true`, `char` traps on surrogates), so they stay
/// `ComponentValue.list`.
///
/// A packed list is equal to (and hashes like) the `.list` of the same elements, and to a packed
/// list of another element type only when both are empty.
///
///     let list = PackedList([1.5, -0.0, .nan] as [Double])
///     let back = list.values(as: Double.self)   // [1.5, -0.0, nan], the same bits
public struct PackedList: Hashable, Sendable, RandomAccessCollection {
    /// The element type of a packed list.
    public enum ElementType: String, Hashable, Sendable, CaseIterable {
        /// `u8`.
        case u8
        /// `s8`.
        case s8
        /// `u16`.
        case u16
        /// `s16`.
        case s16
        /// `u32`.
        case u32
        /// `s32`.
        case s32
        /// `u64`.
        case u64
        /// `s64`.
        case s64
        /// `f32`, as IEEE 754 bit patterns.
        case f32
        /// `f64`, as IEEE 754 bit patterns.
        case f64

        /// The size of one element in bytes, which is also its alignment in linear memory.
        public var byteSize: Int {
            switch self {
            case .u8, .s8: 1
            case .u16, .s16: 2
            case .u32, .s32, .f32: 4
            case .u64, .s64, .f64: 8
            }
        }
    }

    /// The type of the elements.
    public let elementType: ElementType
    /// The elements, each `elementType.byteSize` little-endian bytes, in order.
    public let bytes: [UInt8]

    /// A list of `elementType` holding `bytes`, or nil when the byte count is not a multiple of the
    /// element size.
    ///
    ///     let pair = PackedList(.u16, littleEndianBytes: [1, 0, 2, 0])   // [1, 2]
    public init?(_ elementType: ElementType, littleEndianBytes bytes: [UInt8]) {
        guard bytes.count % elementType.byteSize == 0 else { return nil }
        self.elementType = elementType
        self.bytes = bytes
    }

    /// A list of `values`, copied as their bytes (floats bit-exact).
    ///
    ///     let list = PackedList([1, 2, 3] as [UInt32])
    public init<Element: PackedListElement>(_ values: [Element]) {
        elementType = Element.packedElementType
        var bytes = values.withUnsafeBytes { Array($0) }
        #if _endian(big)
            PackedList.reverseEachElement(&bytes, size: MemoryLayout<Element>.size)
        #endif
        self.bytes = bytes
    }

    /// A list of `elementType` with no elements.
    public init(empty elementType: ElementType) {
        self.elementType = elementType
        bytes = []
    }

    /// The elements as `Element`s, copied in one piece; nil unless `Element` is the element type
    /// (`Double` for `f64`, `Int8` for `s8`, ...).
    ///
    /// - Complexity: O(n), one copy.
    public func values<Element: PackedListElement>(as type: Element.Type) -> [Element]? {
        guard Element.packedElementType == elementType else { return nil }
        #if _endian(big)
            var bytes = bytes
            PackedList.reverseEachElement(&bytes, size: MemoryLayout<Element>.size)
        #endif
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
            }
            initialized = count
        }
    }

    /// The number of elements.
    public var count: Int { bytes.count / elementType.byteSize }

    /// The index of the first element: 0.
    public var startIndex: Int { 0 }

    /// One past the index of the last element: `count`.
    public var endIndex: Int { count }

    /// Element `index` as a boxed `ComponentValue` (`.u8`, `.f64Bits`, ...).
    ///
    /// Prefer `values(as:)` or `bytes` for bulk work: this builds one value per call.
    ///
    /// - Precondition: `index` is in `0..<count`.
    public subscript(index: Int) -> ComponentValue {
        precondition(index >= 0 && index < count, "index out of range")
        let bits = bits(at: index)
        switch elementType {
        case .u8: return .u8(UInt8(truncatingIfNeeded: bits))
        case .s8: return .s8(Int8(truncatingIfNeeded: bits))
        case .u16: return .u16(UInt16(truncatingIfNeeded: bits))
        case .s16: return .s16(Int16(truncatingIfNeeded: bits))
        case .u32: return .u32(UInt32(truncatingIfNeeded: bits))
        case .s32: return .s32(Int32(truncatingIfNeeded: bits))
        case .u64: return .u64(bits)
        case .s64: return .s64(Int64(bitPattern: bits))
        case .f32: return .f32Bits(UInt32(truncatingIfNeeded: bits))
        case .f64: return .f64Bits(bits)
        }
    }

    /// The little-endian bits of element `index`, zero-extended.
    func bits(at index: Int) -> UInt64 {
        let size = elementType.byteSize
        return bytes.withUnsafeBytes { raw in
            let offset = index * size
            switch size {
            case 1: return UInt64(raw[offset])
            case 2: return UInt64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
            case 4: return UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            default: return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            }
        }
    }

    /// Whether the two lists have the same elements: the same bytes of the same type, or both empty.
    public static func == (lhs: PackedList, rhs: PackedList) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.isEmpty || (lhs.elementType == rhs.elementType && lhs.bytes == rhs.bytes)
    }

    /// Hashes the elements as `ComponentValue.list` of the same elements hashes them.
    public func hash(into hasher: inout Hasher) {
        ComponentValue.hashListHeader(count: count, into: &hasher)
        hashElements(into: &hasher)
    }

    /// Hashes each element exactly as its boxed `ComponentValue` would, without building it.
    func hashElements(into hasher: inout Hasher) {
        for index in 0..<count {
            ComponentValue.hashNumber(elementType, bits: bits(at: index), into: &hasher)
        }
    }

    /// Whether `values` are this list's elements, compared one by one.
    func elementsEqual(_ values: [ComponentValue]) -> Bool {
        guard values.count == count else { return false }
        for (index, value) in values.enumerated() {
            guard let (type, bits) = value.numberBits, type == elementType, bits == self.bits(at: index) else {
                return false
            }
        }
        return true
    }

    /// The packed list of `values` when each is a number of `elementType`, else nil.
    init?(_ values: [ComponentValue], as elementType: ElementType) {
        let size = elementType.byteSize
        var bytes = [UInt8](repeating: 0, count: values.count * size)
        let fits = bytes.withUnsafeMutableBytes { raw in
            for (index, value) in values.enumerated() {
                guard let (type, bits) = value.numberBits, type == elementType else { return false }
                let offset = index * size
                switch size {
                case 1: raw[offset] = UInt8(truncatingIfNeeded: bits)
                case 2:
                    raw.storeBytes(
                        of: UInt16(truncatingIfNeeded: bits).littleEndian, toByteOffset: offset, as: UInt16.self)
                case 4:
                    raw.storeBytes(
                        of: UInt32(truncatingIfNeeded: bits).littleEndian, toByteOffset: offset, as: UInt32.self)
                default: raw.storeBytes(of: bits.littleEndian, toByteOffset: offset, as: UInt64.self)
                }
            }
            return true
        }
        guard fits else { return nil }
        self.elementType = elementType
        self.bytes = bytes
    }

    #if _endian(big)
        /// Reverses the bytes of each `size`-byte element in place (host order <-> little-endian).
        static func reverseEachElement(_ bytes: inout [UInt8], size: Int) {
            guard size > 1 else { return }
            for start in stride(from: 0, to: bytes.count, by: size) { bytes[start..<start + size].reverse() }
        }
    #endif
}

/// A Swift number type that a `PackedList` can be built from and read back as, by copying bytes.
///
/// `UInt8`, `Int8`, `UInt16`, `Int16`, `UInt32`, `Int32`, `UInt64`, `Int64`, `Float` and `Double`
/// conform; other types must not.
public protocol PackedListElement: BitwiseCopyable {
    /// The component-model element type the Swift type stands for.
    static var packedElementType: PackedList.ElementType { get }
}

extension UInt8: PackedListElement {
    /// `u8`.
    public static var packedElementType: PackedList.ElementType { .u8 }
}

extension Int8: PackedListElement {
    /// `s8`.
    public static var packedElementType: PackedList.ElementType { .s8 }
}

extension UInt16: PackedListElement {
    /// `u16`.
    public static var packedElementType: PackedList.ElementType { .u16 }
}

extension Int16: PackedListElement {
    /// `s16`.
    public static var packedElementType: PackedList.ElementType { .s16 }
}

extension UInt32: PackedListElement {
    /// `u32`.
    public static var packedElementType: PackedList.ElementType { .u32 }
}

extension Int32: PackedListElement {
    /// `s32`.
    public static var packedElementType: PackedList.ElementType { .s32 }
}

extension UInt64: PackedListElement {
    /// `u64`.
    public static var packedElementType: PackedList.ElementType { .u64 }
}

extension Int64: PackedListElement {
    /// `s64`.
    public static var packedElementType: PackedList.ElementType { .s64 }
}

extension Float: PackedListElement {
    /// `f32`.
    public static var packedElementType: PackedList.ElementType { .f32 }
}

extension Double: PackedListElement {
    /// `f64`.
    public static var packedElementType: PackedList.ElementType { .f64 }
}

extension CanonicalType {
    /// The packed element type of a list of this type, or nil when such lists stay boxed.
    var packedElementType: PackedList.ElementType? {
        switch self {
        case .u8: .u8
        case .s8: .s8
        case .u16: .u16
        case .s16: .s16
        case .u32: .u32
        case .s32: .s32
        case .u64: .u64
        case .s64: .s64
        case .f32: .f32
        case .f64: .f64
        default: nil
        }
    }
}
