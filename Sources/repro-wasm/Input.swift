import ReproWasm

// Reading FILE (or standard input) and deciding what it holds, with the C library rather than
// Foundation: the command line stays small (see scripts/cli-test.sh's peak-memory check).
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A FILE argument as read: its bytes, read once, and what they hold.
///
/// The kind comes from the content, never from the file name: a file that starts with the binary
/// magic `\0asm` is binary; one whose first character after a UTF-8 byte order mark, blanks and
/// comments is `(` is the text format; anything else is read only as far as that character, since
/// the decoder rejects it from its first bytes ("magic header not detected", or "unexpected end"
/// when the file is shorter than the magic).
struct Input {
    /// What a file holds, decided by `Input.Sniffer` from its first bytes.
    enum Kind: Equatable {
        /// Starts with `\0asm`: a binary module (components share the magic and differ in the
        /// version bytes that follow it).
        case binary
        /// The text format: `(` is the first character after a byte order mark, blanks and comments.
        case text
        /// Neither: `bytes` is the prefix read before deciding, which the decoder rejects.
        case unrecognized
    }

    /// The name messages use: the path as given, or `<stdin>` for `-`.
    let name: String
    /// What the bytes hold.
    let kind: Kind
    /// The whole file; for `.unrecognized`, only the bytes read before deciding.
    let bytes: [UInt8]

    /// The FILE argument that means standard input.
    static let standardInputPath = "-"
    /// The name messages use for standard input.
    static let standardInputName = "<stdin>"

    /// The bytes of a binary module to decode: the file as read, or the text converted to binary (a
    /// component's binary for `(component ...)` text).
    ///
    /// Throws a `TextFileError` (the name, line, column and message) when the text is malformed.
    func moduleBytes() throws(TextFileError) -> [UInt8] {
        guard kind == .text else { return bytes }
        do {
            // From bytes, not a String: malformed UTF-8 is then reported where it is. The lexer does
            // not expect a byte order mark, and columns on line 1 are then counted after it.
            let text = bytes.starts(with: Self.byteOrderMark) ? Array(bytes.dropFirst(3)) : bytes
            if holdsComponentText { return try wat2component(utf8: text) }
            return try wat2wasm(try SExpression.parse(utf8: text))
        } catch {
            throw TextFileError(name: name, error: error)
        }
    }

    /// The input with component text converted to its binary form, so that the component commands
    /// take it; any other input unchanged.
    func resolvingComponentText() throws(TextFileError) -> Input {
        guard kind == .text, holdsComponentText else { return self }
        return Input(name: name, kind: .binary, bytes: try moduleBytes())
    }

    /// Whether the text's first list is `(component ...)`: after blanks and comments, `(`, blanks and
    /// comments, then the keyword `component`.
    var holdsComponentText: Bool {
        guard kind == .text else { return false }
        var position = bytes.starts(with: Self.byteOrderMark) ? Self.byteOrderMark.count : 0
        func skipBlanksAndComments() {
            var depth = 0
            while position < bytes.count {
                let byte = bytes[position]
                let next: UInt8? = position + 1 < bytes.count ? bytes[position + 1] : nil
                if depth > 0 {
                    if byte == UInt8(ascii: "("), next == UInt8(ascii: ";") {
                        depth += 1
                        position += 2
                    } else if byte == UInt8(ascii: ";"), next == UInt8(ascii: ")") {
                        depth -= 1
                        position += 2
                    } else {
                        position += 1
                    }
                } else if byte == UInt8(ascii: "("), next == UInt8(ascii: ";") {
                    depth = 1
                    position += 2
                } else if byte == UInt8(ascii: ";"), next == UInt8(ascii: ";") {
                    while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
                } else if Array(" \t\n\r".utf8).contains(byte) {
                    position += 1
                } else {
                    return
                }
            }
        }
        skipBlanksAndComments()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "(") else { return false }
        position += 1
        skipBlanksAndComments()
        let keyword = Array("component".utf8)
        guard bytes[position...].starts(with: keyword) else { return false }
        let end = position + keyword.count
        // The keyword ends at a blank, a parenthesis or a comment.
        return end == bytes.count || Array(" \t\n\r();".utf8).contains(bytes[end])
    }

    /// Reads `path` (`-` for standard input) in chunks until its kind is known, then to the end
    /// unless the kind is `.unrecognized`.
    ///
    /// A multi-gigabyte file of garbage costs one read of 64 KiB.
    static func load(_ path: String) throws(FileReadError) -> Input {
        var bytes: [UInt8] = []
        var sniffer = Sniffer()
        var kind: Kind? = nil
        let name = try readChunks(path) { chunk, descriptor in
            bytes.append(contentsOf: chunk)
            guard kind == nil else { return true }
            kind = sniffer.kind(of: bytes, isComplete: chunk.isEmpty)
            if kind == .unrecognized { return false }
            // Known to be read whole: one allocation of the file's size instead of repeated growth.
            if kind != nil, let size = regularFileSize(descriptor), size > bytes.count { bytes.reserveCapacity(size) }
            return true
        }
        // Decided: reading ends at `.unrecognized` or at the end of the input, where the sniffer always decides.
        return Input(name: name, kind: kind!, bytes: bytes)
    }

    /// Every byte of the file at `path` (`-` for standard input), whatever it holds.
    static func readAll(_ path: String) throws(FileReadError) -> [UInt8] {
        var bytes: [UInt8] = []
        _ = try readChunks(path) { chunk, _ in
            bytes.append(contentsOf: chunk)
            return true
        }
        return bytes
    }

    /// Reads `path` (`-` for standard input) in chunks of 64 KiB, handing each to `consume` with the
    /// open descriptor (an empty chunk at the end), until the end or until `consume` returns false.
    /// Returns the input's name for messages.
    private static func readChunks(
        _ path: String, _ consume: (ArraySlice<UInt8>, Int32) -> Bool
    ) throws(FileReadError) -> String {
        let isStandardInput = path == standardInputPath
        let name = isStandardInput ? standardInputName : path
        let descriptor = isStandardInput ? STDIN_FILENO : open(path, O_RDONLY)
        guard descriptor >= 0 else { throw FileReadError(path: name, errorNumber: errno) }
        defer { if !isStandardInput { close(descriptor) } }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                // A directory opens, then fails here with EISDIR.
                throw FileReadError(path: name, errorNumber: errno)
            }
            if !consume(chunk[..<count], descriptor) || count == 0 { return name }
        }
    }

    /// The size of the regular file open as `descriptor`, or `nil` for a pipe, terminal or failure.
    private static func regularFileSize(_ descriptor: Int32) -> Int? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(status.st_size)
    }

    static let magic: [UInt8] = [0x00, 0x61, 0x73, 0x6D]
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Decides a file's kind from a growing prefix, scanning each byte once.
    ///
    /// Blanks are space, tab, line feed and carriage return; comments are `;;` to the end of the line
    /// and `(; ;)`, which nest (the text format's rules).
    struct Sniffer {
        /// The first byte not yet scanned.
        private var position = 0
        /// How many `(;` comments are open at `position`.
        private var blockDepth = 0
        private var isInLineComment = false

        /// The kind of the input that starts with `bytes`, or `nil` when more bytes are needed to tell;
        /// `isComplete` says that `bytes` is the whole input. Each call passes the previous call's
        /// bytes plus what was read since.
        mutating func kind(of bytes: [UInt8], isComplete: Bool) -> Kind? {
            if position == 0 {
                guard bytes.count >= Input.magic.count || isComplete else { return nil }
                if bytes.starts(with: Input.magic) { return .binary }
                if bytes.starts(with: Input.byteOrderMark) { position = Input.byteOrderMark.count }
            }
            let space = UInt8(ascii: " ")
            let tab = UInt8(ascii: "\t")
            let lineFeed = UInt8(ascii: "\n")
            let carriageReturn = UInt8(ascii: "\r")
            let open = UInt8(ascii: "(")
            let close = UInt8(ascii: ")")
            let semicolon = UInt8(ascii: ";")
            while position < bytes.count {
                let byte = bytes[position]
                let next: UInt8? = position + 1 < bytes.count ? bytes[position + 1] : nil
                // `((`, `(;`, `;;` and `;)` take two bytes: wait for the second.
                if next == nil, !isComplete, byte == open || byte == semicolon { return nil }
                if isInLineComment {
                    if byte == lineFeed { isInLineComment = false }
                    position += 1
                } else if blockDepth > 0 {
                    if byte == open, next == semicolon {
                        blockDepth += 1
                        position += 2
                    } else if byte == semicolon, next == close {
                        blockDepth -= 1
                        position += 2
                    } else {
                        position += 1
                    }
                } else if byte == space || byte == tab || byte == lineFeed || byte == carriageReturn {
                    position += 1
                } else if byte == semicolon, next == semicolon {
                    isInLineComment = true
                    position += 2
                } else if byte == open, next == semicolon {
                    blockDepth = 1
                    position += 2
                } else {
                    return byte == open ? .text : .unrecognized
                }
            }
            // Empty, or only blanks and comments: no `(`, so the decoder's message applies.
            return isComplete ? .unrecognized : nil
        }
    }
}

/// A text module whose text is malformed: the input's name, then the line, column and message.
struct TextFileError: Error, CustomStringConvertible {
    /// The input's name (`Input.name`).
    let name: String
    /// Where and why the text is malformed.
    let error: TextError
    var description: String { "\(name):\(error)" }
}
