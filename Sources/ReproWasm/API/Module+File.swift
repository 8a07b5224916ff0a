// Reading a module from a file with the C library: the library imports nothing but the standard
// library and the platform's libc, so it does not depend on Foundation.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file could not be read: its path and the system's error number (`errno`).
///
///     FileReadError(path: "missing.wasm", errorNumber: 2).description
///     // "cannot read missing.wasm: No such file or directory"
public struct FileReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path as given.
    public let path: String
    /// The C library's error number (`ENOENT`, `EACCES`, `EISDIR`, ...); -1 when the platform cannot
    /// read files at all.
    public let errorNumber: Int32

    /// Creates an error.
    public init(path: String, errorNumber: Int32) {
        self.path = path
        self.errorNumber = errorNumber
    }

    /// `cannot read PATH: REASON`, with the system's text for the error number.
    public var description: String { "cannot read \(path): \(Self.reason(errorNumber))" }

    private static func reason(_ number: Int32) -> String {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
            if number > 0, let text = strerror(number) { return String(cString: text) }
        #endif
        return number < 0 ? "reading files is not supported on this platform" : "error \(number)"
    }
}

extension Module {
    /// Reads, decodes and validates the binary module in the file at `path`.
    ///
    /// - Parameters:
    ///   - path: A file path, absolute or relative to the current directory.
    ///   - features: The proposals the module may use; the determinism contract's profile by default.
    /// - Throws: `ModuleError.unreadable` when the file cannot be opened or read (missing, a
    ///   directory, no permission), otherwise what `init(bytes:features:)` throws.
    ///
    ///     let module = try Module(contentsOf: "Benchmarks/Workloads/wasm/fib.wasm")
    public init(contentsOf path: String, features: Features = .deterministic) throws(ModuleError) {
        let bytes: [UInt8]
        do {
            bytes = try Self.readFile(path)
        } catch {
            throw .unreadable(error)
        }
        try self.init(bytes: bytes, features: features)
    }

    /// The whole file, read in chunks with `fopen`/`fread`; only its first chunk when that does not
    /// start with the binary format's magic, so that a large file that is not a module is rejected
    /// (by the decoder, at offset 0) without reading it all.
    static func readFile(_ path: String) throws(FileReadError) -> [UInt8] {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
            guard let file = fopen(path, "rb") else { throw FileReadError(path: path, errorNumber: errno) }
            defer { fclose(file) }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let read = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
                bytes.append(contentsOf: chunk[..<read])
                if bytes.count >= 4 && !bytes.starts(with: [0x00, 0x61, 0x73, 0x6D]) { return bytes }
                if read < chunk.count {
                    // A short read is the end of the file or an error (a directory gives EISDIR here).
                    if ferror(file) != 0 { throw FileReadError(path: path, errorNumber: errno) }
                    return bytes
                }
            }
        #else
            throw FileReadError(path: path, errorNumber: -1)
        #endif
    }
}
