// Writing to standard error, standard output and files with the C library rather than Foundation.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file could not be written: the path and the system's reason.
struct FileWriteError: Error, CustomStringConvertible {
    /// The path as given (`<stdout>` for standard output).
    let path: String
    /// The C library's error number.
    let errorNumber: Int32
    var description: String { "cannot write \(path): \(String(cString: strerror(errorNumber)))" }
}

enum Output {
    /// The output path that means standard output.
    static let standardOutputPath = "-"

    /// Writes `text` and a line feed to standard error, unbuffered, ignoring failures.
    static func printError(_ text: String) {
        var line = text + "\n"
        line.withUTF8 { _ = writeAll(STDERR_FILENO, $0) }
    }

    /// Writes `bytes` to standard output or standard error (`descriptor`), ignoring failures: a
    /// program's output stream, which has no way to report them.
    static func emit(_ bytes: [UInt8], toDescriptor descriptor: Int32) {
        _ = bytes.withUnsafeBufferPointer { writeAll(descriptor, $0) }
    }

    /// Whether standard output is a terminal.
    static var isStandardOutputTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// Writes `bytes` to the file at `path`, replacing it, or to standard output for `-`.
    ///
    /// A file that could not be written completely is removed.
    static func emit(_ bytes: [UInt8], to path: String) throws(FileWriteError) {
        if path == standardOutputPath {
            let errorNumber = bytes.withUnsafeBufferPointer { writeAll(STDOUT_FILENO, $0) }
            if errorNumber != 0 { throw FileWriteError(path: "<stdout>", errorNumber: errorNumber) }
            return
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o666)
        guard descriptor >= 0 else { throw FileWriteError(path: path, errorNumber: errno) }
        var errorNumber = bytes.withUnsafeBufferPointer { writeAll(descriptor, $0) }
        // `close` can report a write the file system deferred (NFS, a full disk).
        if close(descriptor) != 0, errorNumber == 0 { errorNumber = errno }
        if errorNumber != 0 {
            unlink(path)
            throw FileWriteError(path: path, errorNumber: errorNumber)
        }
    }

    /// Writes all of `buffer` to `descriptor`, retrying short and interrupted writes; returns 0, or
    /// the `errno` of the write that failed.
    static func writeAll(_ descriptor: Int32, _ buffer: UnsafeBufferPointer<UInt8>) -> Int32 {
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }
}
