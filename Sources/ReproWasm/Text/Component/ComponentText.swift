/// Converts a component in the text format to the binary format (version `0x0d`, layer 1).
///
/// `text` is one `(component $id? field*)`. Fields are those of the component model's text format for
/// the synchronous component model: core modules (their bodies in the core text format), core
/// instances, core and component types, nested components, instances, aliases (and the inline alias
/// abbreviation `(func $i "name")`), canonical definitions, imports, exports and `start`. Only the
/// text's syntax and identifiers are checked; pass the result to `Component(bytes:features:)`.
///
/// - Throws: `TextError` with the line and column of the problem and, where the component suite
///   expects one, the wording of wasm-tools' `wast` crate ("unknown instance: failed to find name `$i`").
///
///     let bytes = try wat2component("(component (core module (func (export \"f\"))))")
public func wat2component(_ text: String) throws(TextError) -> [UInt8] {
    try wat2component(utf8: Array(text.utf8))
}

/// `wat2component(_:)` for UTF-8 bytes (a file's contents); malformed UTF-8 is reported where it is.
///
/// - Throws: `TextError` for malformed text.
public func wat2component(utf8 bytes: [UInt8]) throws(TextError) -> [UInt8] {
    let expressions: [SExpression]
    do {
        try checkNesting(bytes)
        expressions = try SExpression.parse(utf8: bytes)
    } catch {
        throw componentWording(error)
    }
    guard let first = expressions.first else { throw TextError(.unexpectedEnd, line: 1, column: 1) }
    guard first.head == "component" else { throw first.unexpectedInComponent }
    if expressions.count > 1 { throw expressions[1].unexpectedInComponent }
    return try wat2component(component: first)
}

/// Converts one `(component ...)` node as a `.wast` script holds it: `(component $id? field*)`,
/// `(component $id? binary "..."*)` or `(component $id? quote "..."*)`; a `definition` keyword after
/// `component` is skipped.
///
/// - Throws: `TextError` for malformed text, including malformed quoted text.
public func wat2component(component node: SExpression) throws(TextError) -> [UInt8] {
    guard node.head == "component" else { throw (node.elements.first ?? node).unexpectedInComponent }
    var cursor = Cursor(node, skip: 1)
    _ = cursor.consume("definition")
    let id = cursor.optionalIdentifier()
    if cursor.peekAtom == "binary" || cursor.peekAtom == "quote" {
        let isQuote = cursor.next()?.atom == "quote"
        var bytes: [UInt8] = []
        while let item = cursor.next() {
            guard let string = item.stringBytes else { throw item.unexpectedInComponent }
            bytes.append(contentsOf: string)
        }
        if !isQuote { return bytes }
        return try wat2component(utf8: Array("(component ".utf8) + bytes + Array(")".utf8))
    }
    do {
        let fields = Array(node.elements[cursor.index...])
        let body = SExpression(
            .list([node.elements[0]] + (id.map { [$0.node] } ?? []) + fields), line: node.line, column: node.column,
            endLine: node.endLine, endColumn: node.endColumn, annotations: node.annotations)
        return try ComponentTextParser.encode(component: body)
    } catch {
        throw componentWording(error)
    }
}

/// Throws "item nesting too deep" where parentheses open deeper than the component parser's limit, even
/// in text that is malformed further on (as the `wast` crate reads it, from the start). Tokens that do
/// not lex are left to the parser that follows.
private func checkNesting(_ bytes: [UInt8]) throws(TextError) {
    var lexer = Lexer(bytes)
    var depth = 0
    while let token = try? lexer.next() {
        switch token.kind {
        case .leftParen, .annotation:
            depth += 1
            guard depth <= ComponentTextParser.maxDepth else {
                throw TextError(.itemNestingTooDeep, line: token.line, column: token.column)
            }
        case .rightParen: depth -= 1
        case .end: return
        default: break
        }
    }
}

/// A text error in the component text's wording where it differs from the core text format's.
private func componentWording(_ error: TextError) -> TextError {
    switch error.reason {
    case .illegalEscape: TextError(.invalidStringEscape, line: error.line, column: error.column)
    case .nestingTooDeep: TextError(.itemNestingTooDeep, line: error.line, column: error.column)
    default: error
    }
}

extension Component {
    /// Parses a component in the text format, then decodes and validates it.
    ///
    /// - Parameters:
    ///   - text: One `(component ...)` in the component model's text format.
    ///   - features: The proposals the core modules inside may use.
    /// - Throws: `ComponentError` of kind `.malformedText` (with `textPosition`) for malformed text,
    ///   otherwise what `init(bytes:features:)` throws.
    ///
    ///     let component = try Component(wat: "(component (import \"f\" (func)))")
    public init(wat text: String, features: Features = .deterministic) throws(ComponentError) {
        try self.init(wat: Array(text.utf8), features: features)
    }

    /// Parses a component in the text format given as UTF-8 bytes (a file's contents), then decodes and
    /// validates it.
    ///
    /// - Throws: what `init(wat:features:)` throws.
    public init(wat utf8: [UInt8], features: Features = .deterministic) throws(ComponentError) {
        let bytes: [UInt8]
        do {
            bytes = try wat2component(utf8: utf8)
        } catch {
            throw ComponentError(text: error)
        }
        try self.init(bytes: bytes, features: features)
    }
}
