/// Reading and writing NumPy's `.npy` format (versions 1.0, 2.0 and 3.0) for the arrays codecs take.
///
/// Only what the codecs can hold is accepted: little-endian (or byte-order-free `|` for one-byte
/// types) integers of 8 to 64 bits and `f4`/`f8` floats, in C order. Fortran order, big-endian data,
/// and object, structured, boolean, complex or string dtypes are refused with an error naming them.
///
///     let array = try CodecArray(npy: bytes)
///     let encoded = try codec.encode(array)
///     write(encoded.npyBytes())
public enum NumPyFormat {
    /// What is wrong with a `.npy` file.
    public struct Error: Swift.Error, CustomStringConvertible, Sendable, Hashable {
        /// The reason, as a sentence fragment (`unsupported dtype '>f8' (big-endian)`).
        public let description: String

        init(_ description: String) { self.description = description }
    }

    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// The numpy dtype string of `dtype` as NumPy writes it (`<f8`, `|u1`).
    public static func descriptor(of dtype: CodecDType) -> String {
        let kind: String
        switch dtype {
        case .u8, .u16, .u32, .u64: kind = "u"
        case .i8, .i16, .i32, .i64: kind = "i"
        case .f32, .f64: kind = "f"
        }
        return (dtype.byteSize == 1 ? "|" : "<") + kind + String(dtype.byteSize)
    }

    /// The codec dtype a numpy dtype string names (`<f8`, `|u1`, `u1`, `<i4`).
    ///
    /// - Throws: `NumPyFormat.Error` for big-endian, unknown or unsupported dtypes.
    public static func dtype(descriptor: String) throws(Error) -> CodecDType {
        var text = Substring(descriptor)
        var byteOrder: Character = "|"
        if let first = text.first, "<>|=".contains(first) {
            byteOrder = first
            text = text.dropFirst()
        }
        guard let kind = text.first, let size = Int(text.dropFirst()) else {
            throw Error("unsupported dtype '\(descriptor)'")
        }
        let found: CodecDType?
        switch (kind, size) {
        case ("u", 1): found = .u8
        case ("u", 2): found = .u16
        case ("u", 4): found = .u32
        case ("u", 8): found = .u64
        case ("i", 1): found = .i8
        case ("i", 2): found = .i16
        case ("i", 4): found = .i32
        case ("i", 8): found = .i64
        case ("f", 4): found = .f32
        case ("f", 8): found = .f64
        default: found = nil
        }
        guard let dtype = found else {
            throw Error("unsupported dtype '\(descriptor)' (codecs take u1-u8, i1-i8, f4 and f8)")
        }
        if byteOrder == ">" && size > 1 { throw Error("unsupported dtype '\(descriptor)' (big-endian)") }
        if byteOrder == "=" && size > 1 && 1.littleEndian != 1 {
            throw Error("unsupported dtype '\(descriptor)' (native order of a big-endian host)")
        }
        return dtype
    }

    /// Parses a `.npy` file.
    ///
    /// - Throws: `NumPyFormat.Error` for a malformed file or an unsupported dtype or order.
    public static func read(_ bytes: [UInt8]) throws(Error) -> CodecArray {
        guard bytes.count >= 10, bytes.starts(with: magic) else { throw Error("not a .npy file (no \\x93NUMPY magic)") }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw Error("truncated .npy header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw Error("unsupported .npy format version \(major).\(bytes[7])")
        }
        guard headerLength <= bytes.count - headerStart else { throw Error("truncated .npy header") }
        let headerBytes = bytes[headerStart..<(headerStart + headerLength)]
        guard major == 3 || headerBytes.allSatisfy({ $0 < 0x80 }) else { throw Error("the .npy header is not ASCII") }
        let header = try Header(String(decoding: headerBytes, as: UTF8.self))
        let dtype = try self.dtype(descriptor: header.descriptor)
        if header.fortranOrder && header.shape.count > 1 {
            throw Error("Fortran-order arrays are not supported (save the array in C order)")
        }
        let count: Int
        do {
            count = try CodecArray.elementCount(of: header.shape)
        } catch {
            throw Error("shape \(header.shape): \(error.message)")
        }
        let dataStart = headerStart + headerLength
        let (size, overflow) = count.multipliedReportingOverflow(by: dtype.byteSize)
        guard !overflow, size == bytes.count - dataStart else {
            throw Error(
                "the data is \(bytes.count - dataStart) bytes; shape \(header.shape) of \(header.descriptor) needs "
                    + (overflow ? "more than the address space" : "\(size)"))
        }
        do {
            return try CodecArray(dtype: dtype, shape: header.shape, bytes: Array(bytes[dataStart...]))
        } catch {
            throw Error(error.message)
        }
    }

    /// The `.npy` bytes of `array`: version 1.0 (2.0 if the header would not fit), C order, the
    /// header padded so the data starts at a multiple of 64 bytes, as NumPy writes it.
    public static func write(_ array: CodecArray) -> [UInt8] {
        let shape: String
        switch array.shape.count {
        case 1: shape = "(\(array.shape[0]),)"
        default: shape = "(" + array.shape.map(String.init).joined(separator: ", ") + ")"
        }
        var header = Array(
            "{'descr': '\(descriptor(of: array.dtype))', 'fortran_order': False, 'shape': \(shape), }".utf8)
        let version: UInt8 = header.count + 11 + 63 > 0xFFFF ? 2 : 1
        let prefix = 6 + 2 + (version == 1 ? 2 : 4)
        let padding = (64 - (prefix + header.count + 1) % 64) % 64
        header += Array(repeating: UInt8(ascii: " "), count: padding) + [UInt8(ascii: "\n")]
        var bytes = magic + [version, 0]
        let length = header.count
        bytes += [UInt8(truncatingIfNeeded: length), UInt8(truncatingIfNeeded: length >> 8)]
        if version == 2 { bytes += [UInt8(truncatingIfNeeded: length >> 16), UInt8(truncatingIfNeeded: length >> 24)] }
        return bytes + header + array.bytes
    }

    /// The header dictionary: `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }`.
    struct Header {
        var descriptor = ""
        var fortranOrder = false
        var shape: [Int] = []

        init(_ text: String) throws(Error) {
            var scanner = Scanner(Array(text.utf8))
            try scanner.expect("{")
            var seen: Set<String> = []
            while true {
                scanner.skipBlanks()
                if scanner.take("}") { break }
                let key = try scanner.string()
                try scanner.expect(":")
                scanner.skipBlanks()
                switch key {
                case "descr":
                    guard scanner.peek == UInt8(ascii: "'") || scanner.peek == UInt8(ascii: "\"") else {
                        throw Error("structured dtypes are not supported")
                    }
                    descriptor = try scanner.string()
                    if descriptor.hasPrefix("|O") || descriptor == "O" {
                        throw Error("object arrays are not supported")
                    }
                case "fortran_order":
                    if scanner.take("True") {
                        fortranOrder = true
                    } else if scanner.take("False") {
                        fortranOrder = false
                    } else {
                        throw Error("malformed .npy header: fortran_order is not True or False")
                    }
                case "shape": shape = try scanner.tuple()
                default: throw Error("malformed .npy header: unknown key '\(key)'")
                }
                seen.insert(key)
                scanner.skipBlanks()
                if scanner.take(",") { continue }
                try scanner.expect("}")
                break
            }
            guard seen == ["descr", "fortran_order", "shape"] else {
                throw Error("malformed .npy header: it needs descr, fortran_order and shape")
            }
        }
    }

    /// A cursor over the header's bytes.
    struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipBlanks() {
            while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D { index += 1 }
        }

        mutating func take(_ text: String) -> Bool {
            skipBlanks()
            let expected = Array(text.utf8)
            guard bytes[index...].starts(with: expected) else { return false }
            index += expected.count
            return true
        }

        mutating func expect(_ text: String) throws(Error) {
            guard take(text) else { throw Error("malformed .npy header: expected '\(text)'") }
        }

        mutating func string() throws(Error) -> String {
            skipBlanks()
            guard let quote = peek, quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else {
                throw Error("malformed .npy header: expected a string")
            }
            index += 1
            let start = index
            while let byte = peek, byte != quote { index += 1 }
            guard peek == quote else { throw Error("malformed .npy header: unterminated string") }
            defer { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        mutating func tuple() throws(Error) -> [Int] {
            try expect("(")
            var values: [Int] = []
            while true {
                if take(")") { return values }
                skipBlanks()
                let start = index
                while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
                // `3L` in files written by Python 2.
                let digits = String(decoding: bytes[start..<index], as: UTF8.self)
                _ = take("L")
                guard let value = Int(digits) else {
                    throw Error(
                        "malformed .npy header: shape holds '\(digits.isEmpty ? "nothing" : digits)', not a size")
                }
                values.append(value)
                if take(",") { continue }
                try expect(")")
                return values
            }
        }
    }
}

extension CodecArray {
    /// The array in a `.npy` file's bytes.
    ///
    /// - Throws: `NumPyFormat.Error` for a malformed file or an unsupported dtype or order.
    public init(npy bytes: [UInt8]) throws(NumPyFormat.Error) {
        self = try NumPyFormat.read(bytes)
    }

    /// The array as a `.npy` file (format version 1.0, C order).
    public func npyBytes() -> [UInt8] { NumPyFormat.write(self) }
}
