// Equality and hashing of component values, written out so that a packed list and the `.list` of
// the same elements are one value: equal, with equal hashes.

extension ComponentValue {
    /// Whether the two values are the same component value. Floats compare by bit pattern; a
    /// `packedList` equals the `.list` of the same elements.
    public static func == (lhs: ComponentValue, rhs: ComponentValue) -> Bool {
        if let (leftType, leftBits) = lhs.numberBits {
            guard let (rightType, rightBits) = rhs.numberBits else { return false }
            return leftType == rightType && leftBits == rightBits
        }
        switch (lhs, rhs) {
        case (.bool(let a), .bool(let b)): return a == b
        case (.char(let a), .char(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)): return a == b
        case (.packedList(let a), .packedList(let b)): return a == b
        case (.packedList(let a), .list(let b)), (.list(let b), .packedList(let a)): return a.elementsEqual(b)
        case (.record(let a), .record(let b)): return a == b
        case (.tuple(let a), .tuple(let b)): return a == b
        case (.variant(let a, let x), .variant(let b, let y)): return a == b && x == y
        case (.enum(let a), .enum(let b)): return a == b
        case (.option(let a), .option(let b)): return a == b
        case (.ok(let a), .ok(let b)): return a == b
        case (.err(let a), .err(let b)): return a == b
        case (.flags(let a), .flags(let b)): return a == b
        case (.own(let a), .own(let b)): return a == b
        case (.borrow(let a), .borrow(let b)): return a == b
        default: return false
        }
    }

    /// Hashes the value; a `packedList` hashes as the `.list` of the same elements.
    public func hash(into hasher: inout Hasher) {
        if let (type, bits) = numberBits {
            Self.hashNumber(type, bits: bits, into: &hasher)
            return
        }
        switch self {
        case .list(let values):
            Self.hashListHeader(count: values.count, into: &hasher)
            for value in values { value.hash(into: &hasher) }
        case .packedList(let list):
            Self.hashListHeader(count: list.count, into: &hasher)
            list.hashElements(into: &hasher)
        case .bool(let value): Self.hash(20, value, into: &hasher)
        case .char(let value): Self.hash(21, value, into: &hasher)
        case .string(let value): Self.hash(22, value, into: &hasher)
        case .record(let fields): Self.hash(24, fields, into: &hasher)
        case .tuple(let values): Self.hash(25, values, into: &hasher)
        case .variant(let label, let payload):
            Self.hash(26, label, into: &hasher)
            hasher.combine(payload)
        case .enum(let label): Self.hash(27, label, into: &hasher)
        case .option(let payload): Self.hash(28, payload, into: &hasher)
        case .ok(let payload): Self.hash(29, payload, into: &hasher)
        case .err(let payload): Self.hash(30, payload, into: &hasher)
        case .flags(let names): Self.hash(31, names, into: &hasher)
        case .own(let handle): Self.hash(32, handle, into: &hasher)
        case .borrow(let handle): Self.hash(33, handle, into: &hasher)
        default: break  // the numbers, handled above
        }
    }

    private static func hash<T: Hashable>(_ tag: UInt8, _ payload: T, into hasher: inout Hasher) {
        hasher.combine(tag)
        hasher.combine(payload)
    }

    /// What a list (boxed or packed) of `count` elements hashes before its elements.
    static func hashListHeader(count: Int, into hasher: inout Hasher) {
        hasher.combine(23 as UInt8)
        hasher.combine(count)
    }

    /// What a number of `type` with (zero-extended little-endian) `bits` hashes, boxed or packed.
    static func hashNumber(_ type: PackedList.ElementType, bits: UInt64, into hasher: inout Hasher) {
        hasher.combine(type.hashTag)
        hasher.combine(bits)
    }

    /// For a fixed-size number, its packed element type and its bits zero-extended (a negative
    /// `s8` is `0xFF`, not sign-extended), as `PackedList` stores them; nil for other values.
    var numberBits: (PackedList.ElementType, UInt64)? {
        switch self {
        case .u8(let value): (.u8, UInt64(value))
        case .s8(let value): (.s8, UInt64(UInt8(bitPattern: value)))
        case .u16(let value): (.u16, UInt64(value))
        case .s16(let value): (.s16, UInt64(UInt16(bitPattern: value)))
        case .u32(let value): (.u32, UInt64(value))
        case .s32(let value): (.s32, UInt64(UInt32(bitPattern: value)))
        case .u64(let value): (.u64, value)
        case .s64(let value): (.s64, UInt64(bitPattern: value))
        case .f32Bits(let value): (.f32, UInt64(value))
        case .f64Bits(let value): (.f64, value)
        default: nil
        }
    }

    /// The elements of a list value, one `ComponentValue` each (a `packedList` is unpacked); nil
    /// for values that are not lists.
    ///
    /// For a large packed list prefer `packed(as:)`, which does not box the elements.
    public var listElements: [ComponentValue]? {
        switch self {
        case .list(let values): values
        case .packedList(let list): Array(list)
        default: nil
        }
    }

    /// The list as a `PackedList` of `elementType`: a `packedList` of that type (or an empty one of
    /// any type) as it is, a `.list` whose elements are all numbers of that type packed; nil
    /// otherwise.
    ///
    ///     let samples = result.packed(as: .f64)?.values(as: Double.self)
    public func packed(as elementType: PackedList.ElementType) -> PackedList? {
        switch self {
        case .packedList(let list):
            if list.elementType == elementType { return list }
            return list.isEmpty ? PackedList(empty: elementType) : nil
        case .list(let values): return PackedList(values, as: elementType)
        default: return nil
        }
    }
}

extension PackedList.ElementType {
    /// The tag a number of this type hashes before its bits.
    var hashTag: UInt8 {
        switch self {
        case .u8: 1
        case .s8: 2
        case .u16: 3
        case .s16: 4
        case .u32: 5
        case .s32: 6
        case .u64: 7
        case .s64: 8
        case .f32: 9
        case .f64: 10
        }
    }
}
