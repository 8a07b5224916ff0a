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
        let bytes = PackedList(values).bytes
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
        return PackedList(.f64, littleEndianBytes: bytes)?.values(as: Double.self)
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

// MARK: - The WIT `any-array` value

extension CodecArray {
    /// The array as a WIT `any-array` record: `{data: any-array-data, shape: list<usize>}`.
    ///
    /// The data is a packed list sharing this array's bytes: lowering it is one copy.
    ///
    /// - Throws: `CodecError` of kind `.invalidArray` when a dimension does not fit a `u32`.
    func componentValue() throws(CodecError) -> ComponentValue {
        guard let data = PackedList(dtype.packedElementType, littleEndianBytes: bytes) else {
            preconditionFailure("an array's bytes are a whole number of elements")
        }
        return .record([
            .init("data", .variant(case: dtype.witName, payload: .packedList(data))),
            .init("shape", try CodecArray.shapeValue(shape)),
        ])
    }

    /// A shape as the WIT `list<usize>` (a packed `list<u32>`).
    ///
    /// - Throws: `CodecError` of kind `.invalidArray` when a dimension does not fit a `u32`.
    static func shapeValue(_ shape: [Int]) throws(CodecError) -> ComponentValue {
        var dimensions: [UInt32] = []
        for dimension in shape {
            guard let value = UInt32(exactly: dimension) else {
                throw CodecError(.invalidArray, "dimension \(dimension) does not fit the codec ABI's u32")
            }
            dimensions.append(value)
        }
        return .packedList(PackedList(dimensions))
    }

    /// The array a codec returned as an `any-array` record.
    ///
    /// The data's bytes are taken as they are (a lifted packed list), without a value per element.
    ///
    /// - Throws: `CodecError` of kind `.invalidArray` when the value is not a well-formed `any-array`
    ///   or its data does not fill its shape.
    init(componentValue value: ComponentValue) throws(CodecError) {
        guard case .record(let fields) = value, fields.count == 2,
            case .variant(let name, let payload?) = fields[0].value, let dtype = CodecDType(witName: name)
        else {
            throw CodecError(.invalidArray, "the codec returned a value that is not an any-array")
        }
        guard let data = payload.packed(as: dtype.packedElementType) else {
            throw CodecError(.invalidArray, "the codec returned data that is not a list of \(dtype)")
        }
        guard let dimensions = fields[1].value.packed(as: .u32)?.values(as: UInt32.self) else {
            throw CodecError(.invalidArray, "the codec returned a shape that is not a list<u32>")
        }
        do {
            try self.init(dtype: dtype, shape: dimensions.map { Int($0) }, bytes: data.bytes)
        } catch {
            throw CodecError(.invalidArray, "the codec returned an inconsistent array: \(error.message)")
        }
    }
}

extension CodecDType {
    /// The element type of the WIT list holding an array of this dtype.
    var packedElementType: PackedList.ElementType {
        switch self {
        case .u8: .u8
        case .u16: .u16
        case .u32: .u32
        case .u64: .u64
        case .i8: .s8
        case .i16: .s16
        case .i32: .s32
        case .i64: .s64
        case .f32: .f32
        case .f64: .f64
        }
    }
}
