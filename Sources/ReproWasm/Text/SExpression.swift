/// WebAssembly text read as S-expressions: a parenthesised list, or a single token.
///
/// Both the text format (`.wat`) and the spec's script format (`.wast`) are S-expressions. The module
/// parser works on this tree, and tools that read scripts walk it and hand each `(module ...)` node to
/// `wat2wasm(_:)`. Comments and annotations are gone from the elements; every node keeps the line and
/// column where it starts, and a list keeps the annotations the text parser interprets (`@custom`,
/// `@name`, branch hints) beside its elements.
///
///     let script = try SExpression.parse("(module) (assert_return (invoke \"f\") (i32.const 1))")
///     script[1].head   // "assert_return"
public struct SExpression: Sendable {
    /// What a node is.
    public enum Kind: Sendable {
        /// `( ... )`.
        case list([SExpression])
        /// A run of identifier characters: a keyword, a number, `offset=8`, ...
        case atom(String)
        /// A string literal's bytes (escapes resolved; not necessarily UTF-8).
        case string([UInt8])
        /// An identifier's name, without the `$`.
        case identifier(String)
    }

    /// What the node is.
    public let kind: Kind
    /// The 1-based line where the node starts.
    public var line: Int { Int(packedLine) }
    /// The 1-based column (in characters) where the node starts.
    public var column: Int { Int(packedColumn) }
    /// For a list, where its closing parenthesis is (errors about something missing point there).
    var endLine: Int { Int(packedEndLine) }
    var endColumn: Int { Int(packedEndColumn) }
    // Positions in 32 bits keep the node small now that it carries annotations: the parsers recurse once
    // per nesting level with nodes in their frames, and `deepNestingIsAnErrorNotACrash` runs at the limit.
    private let packedLine: Int32
    private let packedColumn: Int32
    private let packedEndLine: Int32
    private let packedEndColumn: Int32
    /// For a list, the interpreted annotations written directly inside it, in text order.
    let annotations: [Annotation]

    init(
        _ kind: Kind, line: Int, column: Int, endLine: Int? = nil, endColumn: Int? = nil,
        annotations: [Annotation] = []
    ) {
        self.kind = kind
        self.annotations = annotations
        self.packedLine = Int32(clamping: line)
        self.packedColumn = Int32(clamping: column)
        self.packedEndLine = Int32(clamping: endLine ?? line)
        self.packedEndColumn = Int32(clamping: endColumn ?? column)
    }

    /// The deepest nesting of parentheses accepted. Parsing and freeing the tree recurse once per level,
    /// so the bound keeps hostile input from exhausting the native stack; the spec suite nests at most
    /// 43 deep.
    public static let maxDepth = 1_000

    /// Reads every top-level expression of `text`.
    ///
    /// - Throws: `TextError` for malformed tokens (characters outside the format, bad escapes, unclosed
    ///   strings or comments, reserved tokens) and unbalanced parentheses.
    public static func parse(_ text: String) throws(TextError) -> [SExpression] {
        try parse(utf8: Array(text.utf8))
    }

    /// Reads every top-level expression of the UTF-8 bytes `bytes` (which may be malformed: that is then
    /// reported as "malformed UTF-8 encoding" where it occurs).
    public static func parse(utf8 bytes: [UInt8]) throws(TextError) -> [SExpression] {
        try parseWithAnnotations(utf8: bytes).expressions
    }

    /// `parse(utf8:)`, with the interpreted annotations written between the top-level expressions (a
    /// module given as its fields has its `@custom` annotations there).
    static func parseWithAnnotations(utf8 bytes: [UInt8]) throws(TextError) -> (
        expressions: [SExpression], annotations: [Annotation]
    ) {
        struct Frame {
            var items: [SExpression] = []
            var annotations: [Annotation] = []
            var line = 0
            var column = 0
            /// The id, for an annotation's list.
            var annotation: String?
        }
        var lexer = Lexer(bytes)
        var stack = [Frame()]
        func open(_ token: Token, annotation: String?) throws(TextError) {
            guard stack.count <= maxDepth else {
                throw TextError(.nestingTooDeep, line: token.line, column: token.column)
            }
            stack.append(Frame(line: token.line, column: token.column, annotation: annotation))
        }
        while true {
            let token = try lexer.next()
            switch token.kind {
            case .leftParen:
                try open(token, annotation: nil)
            case .annotation(let id):
                try open(token, annotation: id)
            case .rightParen:
                guard stack.count > 1 else {
                    throw TextError(.unexpectedToken(")"), line: token.line, column: token.column)
                }
                let list = stack.removeLast()
                if let id = list.annotation {
                    let parent = stack[stack.count - 1]
                    stack[stack.count - 1].annotations.append(
                        Annotation(
                            id: id, items: list.items, index: parent.items.count, line: list.line,
                            column: list.column, nested: list.annotations))
                    continue
                }
                let node = SExpression(
                    .list(list.items), line: list.line, column: list.column, endLine: token.line,
                    endColumn: token.column, annotations: list.annotations)
                stack[stack.count - 1].items.append(node)
            case .atom(let text):
                stack[stack.count - 1].items.append(SExpression(.atom(text), line: token.line, column: token.column))
            case .string(let bytes):
                stack[stack.count - 1].items.append(SExpression(.string(bytes), line: token.line, column: token.column))
            case .identifier(let name):
                stack[stack.count - 1].items.append(
                    SExpression(.identifier(name), line: token.line, column: token.column))
            case .end:
                if let open = stack.first(where: { $0.annotation != nil }) {
                    throw TextError(.unclosedAnnotation, line: open.line, column: open.column)
                }
                guard stack.count == 1 else {
                    throw TextError(.unexpectedEnd, line: token.line, column: token.column)
                }
                return (stack[0].items, stack[0].annotations)
            }
        }
    }

    /// The list's elements; empty for a token.
    public var elements: [SExpression] {
        if case .list(let items) = kind { return items }
        return []
    }

    /// Whether the node is a list.
    public var isList: Bool {
        if case .list = kind { return true }
        return false
    }

    /// The atom's text, or `nil` for other nodes.
    public var atom: String? {
        if case .atom(let text) = kind { return text }
        return nil
    }

    /// The string literal's bytes, or `nil` for other nodes.
    public var stringBytes: [UInt8]? {
        if case .string(let bytes) = kind { return bytes }
        return nil
    }

    /// The identifier's name (without `$`), or `nil` for other nodes.
    public var identifier: String? {
        if case .identifier(let name) = kind { return name }
        return nil
    }

    /// For a list that starts with an atom, that atom (`"module"` for `(module ...)`); otherwise `nil`.
    public var head: String? {
        guard case .list(let items) = kind, let first = items.first else { return nil }
        return first.atom
    }

    /// The node as the text format writes it, for error messages: `(`, a keyword, `"..."`, `$id`.
    var summary: String {
        switch kind {
        case .list(let items): items.first.map { "(\($0.summary)" } ?? "()"
        case .atom(let text): text
        case .string: "string"
        case .identifier(let name): "$\(name)"
        }
    }

    /// An error located at this node.
    func error(_ reason: TextError.Reason) -> TextError {
        TextError(reason, line: line, column: column)
    }

    /// An error located at the end of this list (for something missing).
    func errorAtEnd(_ reason: TextError.Reason) -> TextError {
        TextError(reason, line: endLine, column: endColumn)
    }
}
