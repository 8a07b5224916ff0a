import ReproWasm

/// The element type of a codec array: the ten dtypes of `numcodecs:abc`'s `any-array-dtype`.
public enum CodecDType: String, CaseIterable, Sendable, Hashable {
    /// `u8`: unsigned 8-bit integers.
    case u8
    /// `u16`: unsigned 16-bit integers.
    case u16
    /// `u32`: unsigned 32-bit integers.
    case u32
    /// `u64`: unsigned 64-bit integers.
    case u64
    /// `i8`: signed 8-bit integers.
    case i8
    /// `i16`: signed 16-bit integers.
    case i16
    /// `i32`: signed 32-bit integers.
    case i32
    /// `i64`: signed 64-bit integers.
    case i64
    /// `f32`: IEEE 754 binary32.
    case f32
    /// `f64`: IEEE 754 binary64.
    case f64

    /// The size of one element in bytes.
    public var byteSize: Int {
        switch self {
        case .u8, .i8: 1
        case .u16, .i16: 2
        case .u32, .i32, .f32: 4
        case .u64, .i64, .f64: 8
        }
    }

    /// The case name of the WIT `any-array-dtype` enum (and of `any-array-data`'s variant).
    public var witName: String { rawValue }

    /// The dtype named `name` in WIT (`u8`, `f64`, ...), or nil.
    public init?(witName name: String) { self.init(rawValue: name) }
}

/// An n-dimensional array as the codecs see it: a dtype, a shape, and the elements in C order as
/// little-endian bytes.
///
/// The bytes are kept as they are (floats keep their bit patterns, NaN payloads included), so an
/// array survives a round trip through a codec bit for bit.
///
///     let array = CodecArray(float64: [1.5, 2.5, 3.5], shape: [3])
///     let encoded = try codec.encode(array)
public struct CodecArray: Hashable, Sendable {
    /// The element type.
    public let dtype: CodecDType
    /// The length of each dimension; `[]` is a 0-d array with one element.
    public let shape: [Int]
    /// The elements in C order, each `dtype.byteSize` little-endian bytes.
    public let bytes: [UInt8]

    /// An array of `dtype` with `shape` holding `bytes`.
    ///
    /// - Throws: `CodecError` of kind `.invalidArray` when a dimension is negative, the element count
    ///   overflows, or `bytes` is not exactly the element count times the element size.
    public init(dtype: CodecDType, shape: [Int], bytes: [UInt8]) throws(CodecError) {
        let count = try CodecArray.elementCount(of: shape)
        let (size, overflow) = count.multipliedReportingOverflow(by: dtype.byteSize)
        guard !overflow, size == bytes.count else {
            throw CodecError(
                .invalidArray,
                "an array of \(dtype) with shape \(shape) needs \(overflow ? "too many" : "\(size)") bytes, "
                    + "not \(bytes.count)")
        }
        self.dtype = dtype
        self.shape = shape
        self.bytes = bytes
    }

    /// A `f64` array of `values` (with shape `[values.count]` unless `shape` is given).
    ///
    /// - Precondition: the shape's element count is `values.count`.
    public init(float64 values: [Double], shape: [Int]? = nil) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 8)
        for value in values { appendLittleEndian(value.bitPattern, to: &bytes) }
        let shape = shape ?? [values.count]
        precondition((try? CodecArray.elementCount(of: shape)) == values.count, "shape does not match the values")
        self.dtype = .f64
        self.shape = shape
        self.bytes = bytes
    }

    /// The number of elements: the product of the shape (1 for a 0-d array).
    public var count: Int { bytes.count / dtype.byteSize }

    /// The elements as `Double`s when the dtype is `f64`, else nil.
    public var float64Values: [Double]? {
        guard dtype == .f64 else { return nil }
        return stride(from: 0, to: bytes.count, by: 8).map { Double(bitPattern: loadLittleEndian(bytes, at: $0)) }
    }

    /// The product of `shape`'s dimensions.
    ///
    /// - Throws: `CodecError` of kind `.invalidArray` for a negative dimension or an overflowing product.
    public static func elementCount(of shape: [Int]) throws(CodecError) -> Int {
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else {
                throw CodecError(.invalidArray, "negative dimension \(dimension) in shape \(shape)")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw CodecError(.invalidArray, "the shape \(shape) has too many elements") }
            count = product
        }
        return count
    }
}

func appendLittleEndian(_ value: UInt64, to bytes: inout [UInt8]) {
    for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value &>> UInt64(shift))) }
}

func loadLittleEndian(_ bytes: [UInt8], at offset: Int) -> UInt64 {
    var value: UInt64 = 0
    for index in 0..<8 { value |= UInt64(bytes[offset + index]) &<< UInt64(8 * index) }
    return value
}

// MARK: - The WIT `any-array` value

extension CodecArray {
    /// The array as a WIT `any-array` record: `{data: any-array-data, shape: list<usize>}`.
    ///
    /// - Throws: `CodecError` of kind `.invalidArray` when a dimension does not fit a `u32`.
    func componentValue() throws(CodecError) -> ComponentValue {
        var shapeValues: [ComponentValue] = []
        for dimension in shape {
            guard let value = UInt32(exactly: dimension) else {
                throw CodecError(.invalidArray, "dimension \(dimension) does not fit the codec ABI's u32")
            }
            shapeValues.append(.u32(value))
        }
        let size = dtype.byteSize
        var elements: [ComponentValue] = []
        elements.reserveCapacity(count)
        bytes.withUnsafeBytes { raw in
            for offset in stride(from: 0, to: raw.count, by: size) {
                switch dtype {
                case .u8: elements.append(.u8(raw[offset]))
                case .i8: elements.append(.s8(Int8(bitPattern: raw[offset])))
                case .u16:
                    elements.append(
                        .u16(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self))))
                case .i16:
                    elements.append(
                        .s16(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int16.self))))
                case .u32:
                    elements.append(
                        .u32(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))))
                case .i32:
                    elements.append(
                        .s32(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int32.self))))
                case .f32:
                    elements.append(
                        .f32Bits(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))))
                case .u64:
                    elements.append(
                        .u64(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))))
                case .i64:
                    elements.append(
                        .s64(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self))))
                case .f64:
                    elements.append(
                        .f64Bits(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))))
                }
            }
        }
        return .record([
            .init("data", .variant(case: dtype.witName, payload: .list(elements))),
            .init("shape", .list(shapeValues)),
        ])
    }

    /// The array a codec returned as an `any-array` record.
    ///
    /// - Throws: `CodecError` of kind `.invalidArray` when the value is not a well-formed `any-array`
    ///   or its data does not fill its shape.
    init(componentValue value: ComponentValue) throws(CodecError) {
        guard case .record(let fields) = value, fields.count == 2,
            case .variant(let name, let payload?) = fields[0].value, let dtype = CodecDType(witName: name),
            case .list(let elements) = payload, case .list(let dimensions) = fields[1].value
        else {
            throw CodecError(.invalidArray, "the codec returned a value that is not an any-array")
        }
        var shape: [Int] = []
        for dimension in dimensions {
            guard case .u32(let length) = dimension else {
                throw CodecError(.invalidArray, "the codec returned a shape that is not a list<u32>")
            }
            shape.append(Int(length))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(elements.count * dtype.byteSize)
        for element in elements {
            switch element {
            case .u8(let value): bytes.append(value)
            case .s8(let value): bytes.append(UInt8(bitPattern: value))
            case .u16(let value): appendLittleEndian(UInt64(value), count: 2, to: &bytes)
            case .s16(let value): appendLittleEndian(UInt64(UInt16(bitPattern: value)), count: 2, to: &bytes)
            case .u32(let value), .f32Bits(let value): appendLittleEndian(UInt64(value), count: 4, to: &bytes)
            case .s32(let value): appendLittleEndian(UInt64(UInt32(bitPattern: value)), count: 4, to: &bytes)
            case .u64(let value), .f64Bits(let value): appendLittleEndian(value, to: &bytes)
            case .s64(let value): appendLittleEndian(UInt64(bitPattern: value), to: &bytes)
            default: throw CodecError(.invalidArray, "the codec returned an element of the wrong type")
            }
        }
        do {
            try self.init(dtype: dtype, shape: shape, bytes: bytes)
        } catch {
            throw CodecError(.invalidArray, "the codec returned an inconsistent array: \(error.message)")
        }
    }
}

func appendLittleEndian(_ value: UInt64, count: Int, to bytes: inout [UInt8]) {
    for index in 0..<count { bytes.append(UInt8(truncatingIfNeeded: value &>> UInt64(8 * index))) }
}
