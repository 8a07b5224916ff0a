/// A token of the text format, with the position of its first character.
struct Token {
    enum Kind: Equatable {
        case leftParen
        case rightParen
        /// A run of identifier characters: a keyword (`i32.add`), a number (`0x1p3`, `nan:0x1`), `offset=4`, ...
        case atom(String)
        /// A string's bytes, escapes resolved (not necessarily UTF-8).
        case string([UInt8])
        /// An identifier's name, without the `$`.
        case identifier(String)
        /// `(@id` for an annotation the text parser interprets (`Lexer.interpretedAnnotations`): it opens
        /// a list like `(`, whose tokens follow.
        case annotation(String)
        case end
    }

    var kind: Kind
    var line: Int
    var column: Int
}

/// Splits WebAssembly text into tokens, the spec's lexical format (text chapter, "Lexical Format").
///
/// Works on UTF-8 bytes, because quoted modules (`module quote`) are byte strings that may hold malformed
/// UTF-8. White space and comments (`;; ...` to the end of a line, nested `(; ... ;)`) separate tokens;
/// annotations (`(@id ...)`) are skipped whole, as a reader that does not interpret them must, except the
/// ones in `interpretedAnnotations`, which open a list of ordinary tokens. A run of
/// characters that is none of the token kinds (e.g. `0$x`-style glue of a string and letters,
/// `"a"b`) is a *reserved* token: "unknown operator".
struct Lexer {
    private let bytes: [UInt8]
    private var offset = 0
    private var line = 1
    private var column = 1

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The next token, `.end` at the end of the text.
    mutating func next() throws(TextError) -> Token {
        try skipSpaceAndComments()
        let startLine = line
        let startColumn = column
        func token(_ kind: Token.Kind) -> Token { Token(kind: kind, line: startLine, column: startColumn) }
        guard offset < bytes.count else { return token(.end) }
        let tokenStart = offset
        let byte = bytes[offset]
        switch byte {
        case UInt8(ascii: "("):
            if peek(1) == UInt8(ascii: "@") {
                let id = try readAnnotationID()
                if let id, Self.interpretedAnnotations.contains(id) { return token(.annotation(id)) }
                try skipAnnotationBody(line: startLine, column: startColumn)
                return try next()
            }
            advance()
            return token(.leftParen)
        case UInt8(ascii: ")"):
            advance()
            return token(.rightParen)
        case UInt8(ascii: "\""):
            let value = try readString()
            try requireDelimiter(from: tokenStart, line: startLine, column: startColumn)
            return token(.string(value))
        case UInt8(ascii: "$"):
            advance()
            let name: String
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") {
                let stringLine = line
                let stringColumn = column
                // A string that does not lex leaves the `$` alone: an empty identifier.
                guard let value = try? readString() else {
                    throw TextError(.emptyIdentifier, line: startLine, column: startColumn)
                }
                guard !value.isEmpty else { throw TextError(.emptyIdentifier, line: startLine, column: startColumn) }
                guard let text = String(validating: value, as: UTF8.self) else {
                    throw TextError(.malformedUTF8, line: stringLine, column: stringColumn)
                }
                name = text
            } else {
                let start = offset
                while offset < bytes.count, Self.isIDChar(bytes[offset]) { advance() }
                guard offset > start else { throw TextError(.emptyIdentifier, line: startLine, column: startColumn) }
                name = String(decoding: bytes[start..<offset], as: UTF8.self)
            }
            try requireDelimiter(from: tokenStart, line: startLine, column: startColumn)
            return token(.identifier(name))
        default:
            guard Self.isIDChar(byte) else {
                if Self.isReservedChar(byte) {
                    try requireDelimiter(from: tokenStart, line: startLine, column: startColumn)
                }
                throw characterError(at: offset)
            }
            let start = offset
            while offset < bytes.count, Self.isIDChar(bytes[offset]) { advance() }
            let text = String(decoding: bytes[start..<offset], as: UTF8.self)
            try requireDelimiter(from: tokenStart, line: startLine, column: startColumn)
            return token(.atom(text))
        }
    }

    // MARK: Characters

    /// `idchar`: the printable ASCII characters that may form keywords, numbers and identifiers.
    static func isIDChar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "a")...UInt8(ascii: "z"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "<"), UInt8(ascii: "="), UInt8(ascii: ">"),
            UInt8(ascii: "?"), UInt8(ascii: "@"), UInt8(ascii: "\\"), UInt8(ascii: "^"), UInt8(ascii: "_"),
            UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// Characters that are no token on their own but may be part of a reserved token.
    private static func isReservedChar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
            UInt8(ascii: "}"):
            true
        default:
            false
        }
    }

    private func peek(_ distance: Int) -> UInt8? {
        offset + distance < bytes.count ? bytes[offset + distance] : nil
    }

    /// Moves past one byte, keeping line and column (columns count characters, not continuation bytes).
    private mutating func advance() {
        let byte = bytes[offset]
        offset += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    /// After a string, identifier or atom: the token must end here. If it runs on (into a string, an
    /// identifier character, or a reserved character), the whole run is one reserved token.
    private mutating func requireDelimiter(from tokenStart: Int, line startLine: Int, column startColumn: Int)
        throws(TextError)
    {
        guard offset < bytes.count else { return }
        let byte = bytes[offset]
        let continues =
            Self.isIDChar(byte) || byte == UInt8(ascii: "\"")
            || (Self.isReservedChar(byte) && !(byte == UInt8(ascii: ";") && peek(1) == UInt8(ascii: ";")))
        guard continues else { return }
        // Consume the rest of the reserved token, so that an unclosed string inside it is reported as such.
        while offset < bytes.count {
            let next = bytes[offset]
            if next == UInt8(ascii: "\"") {
                _ = try readString()
            } else if Self.isIDChar(next) || Self.isReservedChar(next) {
                if next == UInt8(ascii: ";"), peek(1) == UInt8(ascii: ";") { break }
                advance()
            } else {
                break
            }
        }
        let text = String(decoding: bytes[tokenStart..<offset], as: UTF8.self)
        throw TextError(.unknownOperator(text), line: startLine, column: startColumn)
    }

    /// The error for a byte that cannot start a token: malformed UTF-8, or a character outside the
    /// text format's alphabet (control characters, non-ASCII outside strings and comments).
    private func characterError(at position: Int) -> TextError {
        let error: TextError.Reason = Self.utf8Length(bytes, at: position) == nil ? .malformedUTF8 : .illegalCharacter
        return TextError(error, line: line, column: column)
    }

    /// The length of the well-formed UTF-8 sequence at `position`, or `nil` if it is malformed (overlong
    /// forms, surrogates and values above U+10FFFF included).
    static func utf8Length(_ bytes: [UInt8], at position: Int) -> Int? {
        let first = bytes[position]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch first {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return nil
        }
        guard position + length <= bytes.count else { return nil }
        for index in 1..<length {
            let byte = bytes[position + index]
            let (lower, upper) = index == 1 ? (low, high) : (0x80, 0xBF)
            guard byte >= lower && byte <= upper else { return nil }
        }
        return length
    }

    /// Skips one character of a comment: any well-formed UTF-8 character.
    private mutating func skipCommentCharacter() throws(TextError) {
        guard let length = Self.utf8Length(bytes, at: offset) else {
            throw TextError(.malformedUTF8, line: line, column: column)
        }
        for _ in 0..<length { advance() }
    }

    // MARK: White space, comments, annotations

    private mutating func skipSpaceAndComments() throws(TextError) {
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                advance()
            case UInt8(ascii: ";") where peek(1) == UInt8(ascii: ";"):
                // A line comment ends at a line feed or a carriage return.
                while offset < bytes.count, bytes[offset] != UInt8(ascii: "\n"), bytes[offset] != UInt8(ascii: "\r") {
                    try skipCommentCharacter()
                }
            case UInt8(ascii: "(") where peek(1) == UInt8(ascii: ";"):
                try skipBlockComment()
            default:
                return
            }
        }
    }

    /// A block comment, `(;` to the matching `;)`; block comments nest.
    private mutating func skipBlockComment() throws(TextError) {
        let startLine = line
        let startColumn = column
        advance()
        advance()
        var depth = 1
        while depth > 0 {
            guard offset < bytes.count else { throw TextError(.unclosedComment, line: startLine, column: startColumn) }
            if bytes[offset] == UInt8(ascii: "("), peek(1) == UInt8(ascii: ";") {
                advance()
                advance()
                depth += 1
            } else if bytes[offset] == UInt8(ascii: ";"), peek(1) == UInt8(ascii: ")") {
                advance()
                advance()
                depth -= 1
            } else {
                try skipCommentCharacter()
            }
        }
    }

    /// The annotations whose contents the text parser reads: custom sections, names and branch hints
    /// (the annotations and branch-hinting proposals).
    static let interpretedAnnotations: Set<String> = ["custom", "name", "metadata.code.branch_hint"]

    /// Reads `(@` and the annotation's id: identifier characters, or a non-empty UTF-8 string. Returns the
    /// id (`nil` for a string id, which names no annotation the parser interprets).
    private mutating func readAnnotationID() throws(TextError) -> String? {
        let startLine = line
        let startColumn = column
        advance()
        advance()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") {
            let idLine = line
            let idColumn = column
            guard let value = try? readString() else {
                throw TextError(.emptyAnnotationID, line: startLine, column: startColumn)
            }
            guard !value.isEmpty else { throw TextError(.emptyAnnotationID, line: startLine, column: startColumn) }
            guard String(validating: value, as: UTF8.self) != nil else {
                throw TextError(.malformedUTF8, line: idLine, column: idColumn)
            }
            return nil
        }
        let start = offset
        while offset < bytes.count, Self.isIDChar(bytes[offset]) { advance() }
        guard offset > start else { throw TextError(.emptyAnnotationID, line: startLine, column: startColumn) }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    /// The rest of an annotation that the parser does not interpret, up to the matching parenthesis: its
    /// tokens are read (so strings and comments inside are honoured and malformed ones reported) and
    /// dropped. `line` and `column` are where the annotation starts.
    private mutating func skipAnnotationBody(line startLine: Int, column startColumn: Int) throws(TextError) {
        var depth = 1
        while depth > 0 {
            try skipSpaceAndComments()
            guard offset < bytes.count else {
                throw TextError(.unclosedAnnotation, line: startLine, column: startColumn)
            }
            switch bytes[offset] {
            case UInt8(ascii: "("):
                advance()
                depth += 1
            case UInt8(ascii: ")"):
                advance()
                depth -= 1
            case UInt8(ascii: "\""):
                _ = try readString()
            case let byte where Self.isIDChar(byte) || Self.isReservedChar(byte):
                advance()
            default:
                throw characterError(at: offset)
            }
        }
    }

    // MARK: Strings

    /// A string literal starting at the current `"`: its bytes with escapes resolved.
    ///
    /// Characters are any UTF-8 character but controls and `"`/`\`; escapes are `\t \n \r \" \' \\`,
    /// `\hh` (any byte) and `\u{h+}` (a Unicode scalar value, written as UTF-8).
    private mutating func readString() throws(TextError) -> [UInt8] {
        let startLine = line
        let startColumn = column
        advance()
        var value: [UInt8] = []
        while true {
            guard offset < bytes.count else { throw TextError(.unclosedString, line: startLine, column: startColumn) }
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                return value
            case UInt8(ascii: "\\"):
                try readEscape(into: &value)
            case 0x00..<0x20, 0x7F:
                if byte == UInt8(ascii: "\n") {
                    throw TextError(.unclosedString, line: startLine, column: startColumn)
                }
                throw TextError(.illegalCharacter, line: line, column: column)
            default:
                guard let length = Self.utf8Length(bytes, at: offset) else {
                    throw TextError(.malformedUTF8, line: line, column: column)
                }
                value.append(contentsOf: bytes[offset..<(offset + length)])
                for _ in 0..<length { advance() }
            }
        }
    }

    private mutating func readEscape(into value: inout [UInt8]) throws(TextError) {
        let escapeLine = line
        let escapeColumn = column
        let illegal = TextError(.illegalEscape, line: escapeLine, column: escapeColumn)
        advance()
        guard offset < bytes.count else { throw TextError(.unclosedString, line: escapeLine, column: escapeColumn) }
        let byte = bytes[offset]
        switch byte {
        case UInt8(ascii: "t"): value.append(0x09)
        case UInt8(ascii: "n"): value.append(0x0A)
        case UInt8(ascii: "r"): value.append(0x0D)
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): value.append(byte)
        case UInt8(ascii: "u"):
            advance()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "{") else { throw illegal }
            advance()
            var scalar: UInt32 = 0
            var digits = 0
            var lastWasDigit = false
            while offset < bytes.count, bytes[offset] != UInt8(ascii: "}") {
                let next = bytes[offset]
                if next == UInt8(ascii: "_"), lastWasDigit {
                    lastWasDigit = false
                } else if let digit = Self.hexValue(next) {
                    scalar = scalar > 0x10FFFF ? scalar : scalar << 4 | UInt32(digit)
                    digits += 1
                    lastWasDigit = true
                } else {
                    throw illegal
                }
                advance()
            }
            guard offset < bytes.count, digits > 0, lastWasDigit, let unicode = Unicode.Scalar(scalar) else {
                throw illegal
            }
            value.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            guard let high = Self.hexValue(byte), let next = peek(1), let low = Self.hexValue(next) else {
                throw illegal
            }
            advance()
            value.append(high << 4 | low)
        }
        advance()
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
