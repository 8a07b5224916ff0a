/// Reads the elements of one list from left to right: the text grammar is parsed a list at a time.
struct Cursor {
    let items: [SExpression]
    private(set) var index: Int
    /// The list being read (errors about something missing point at its closing parenthesis).
    let list: SExpression

    /// A cursor over `list`'s elements, starting after the first `skip` of them.
    init(_ list: SExpression, skip: Int = 0) {
        self.list = list
        self.items = list.elements
        self.index = min(skip, items.count)
    }

    var isAtEnd: Bool { index >= items.count }

    /// The element `distance` places ahead, if any.
    func peek(_ distance: Int = 0) -> SExpression? {
        index + distance < items.count ? items[index + distance] : nil
    }

    /// The head keyword of the next element, if it is a list that starts with an atom.
    var peekHead: String? { peek()?.head }

    /// The next element's atom text, if it is an atom.
    var peekAtom: String? { peek()?.atom }

    mutating func next() -> SExpression? {
        guard index < items.count else { return nil }
        defer { index += 1 }
        return items[index]
    }

    /// The next element; "unexpected token" at the closing parenthesis if there is none.
    mutating func require() throws(TextError) -> SExpression {
        guard let item = next() else { throw list.errorAtEnd(.unexpectedToken(")")) }
        return item
    }

    /// The next element, which must be the atom `keyword`.
    mutating func expect(_ keyword: String) throws(TextError) {
        let item = try require()
        guard item.atom == keyword else { throw item.unexpected }
    }

    /// The next element, which must be a string.
    mutating func requireString() throws(TextError) -> [UInt8] {
        let item = try require()
        guard let bytes = item.stringBytes else { throw item.unexpected }
        return bytes
    }

    /// The next element as a name: a string that must be well-formed UTF-8.
    mutating func requireName() throws(TextError) -> [UInt8] {
        let item = try require()
        guard let bytes = item.stringBytes else { throw item.unexpected }
        guard String(validating: bytes, as: UTF8.self) != nil else { throw item.error(.malformedUTF8) }
        return bytes
    }

    /// Consumes an identifier if one is next.
    mutating func optionalIdentifier() -> (name: String, node: SExpression)? {
        guard let item = peek(), let name = item.identifier else { return nil }
        index += 1
        return (name, item)
    }

    /// Consumes the next element if it is the atom `keyword`.
    mutating func consume(_ keyword: String) -> Bool {
        guard peekAtom == keyword else { return false }
        index += 1
        return true
    }

    /// Throws "unexpected token" at the next element unless the list is finished.
    func requireEnd() throws(TextError) {
        if let item = peek() { throw item.unexpected }
    }
}

/// The grammar's own keywords: an unknown instruction that is one of these is an unexpected token,
/// anything else that looks like a keyword is an unknown operator (as the spec's reference parser says).
let grammarKeywords: Set<String> = [
    "module", "type", "func", "param", "result", "local", "import", "export", "table", "memory", "global",
    "elem", "data", "start", "offset", "item", "declare", "mut", "then", "else", "end", "funcref", "externref",
    "ref", "null", "binary", "quote", "definition", "instance", "rec", "sub", "final", "struct", "array",
    "field", "tag", "i32", "i64", "f32", "f64", "v128", "pagesize", "nan:canonical", "nan:arithmetic",
]

extension SExpression {
    /// "unexpected token" here, or "unknown operator" when the token is no token of the grammar at all:
    /// a keyword-like atom the grammar does not know, or a number-like atom that is not a number (the
    /// spec's *reserved* tokens).
    var unexpected: TextError {
        if let text = atom, let first = text.utf8.first {
            if first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") {
                if !grammarKeywords.contains(text) && !text.contains("=") && !NumericLiteral.isNumber(text) {
                    return error(.unknownOperator(text))
                }
            } else if !NumericLiteral.isNumber(text) {
                return error(.unknownOperator(text))
            }
        }
        return error(.unexpectedToken(summary))
    }
}

/// Identifiers of one index space: name to index, and the number of entries so far.
struct NameTable {
    /// The space's name in messages: func, type, table, memory, global, local, elem, data.
    let space: String
    private(set) var indices: [String: UInt32] = [:]
    private(set) var count: UInt32 = 0

    init(_ space: String) { self.space = space }

    /// Adds an entry, with an optional name; a name used twice is "duplicate <space>".
    @discardableResult
    mutating func add(_ name: (name: String, node: SExpression)?) throws(TextError) -> UInt32 {
        let index = count
        if let name {
            guard indices[name.name] == nil else {
                throw name.node.error(.duplicateIdentifier(space: space, name: name.name))
            }
            indices[name.name] = index
        }
        count += 1
        return index
    }

    /// Adds `n` unnamed entries.
    mutating func addUnnamed(_ n: Int) { count += UInt32(n) }

    func lookup(_ name: String) -> UInt32? { indices[name] }
}
