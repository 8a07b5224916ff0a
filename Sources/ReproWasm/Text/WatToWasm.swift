/// Converts a module in the WebAssembly text format to the binary format.
///
/// `text` is one `(module ...)` (optionally `(module $name ...)`, `(module binary "...")` or
/// `(module quote "...")`) or, as the spec's abbreviation allows, a sequence of module fields without the
/// `(module ...)` around them. The result can be passed to `Module(bytes:features:)`; only the text's
/// syntax is checked here (and identifiers resolved), not whether the module is valid.
///
/// - Throws: `TextError` with the spec's wording and the line and column of the problem.
///
///     let bytes = try wat2wasm("(module (func (export \"one\") (result i32) i32.const 1))")
public func wat2wasm(_ text: String) throws(TextError) -> [UInt8] {
    try wat2wasm(parsed: try SExpression.parseWithAnnotations(utf8: Array(text.utf8)))
}

/// A module's text as parsed: one `(module ...)` node, or fields with the annotations between them.
private func wat2wasm(parsed: (expressions: [SExpression], annotations: [Annotation])) throws(TextError) -> [UInt8] {
    let (expressions, annotations) = parsed
    if expressions.count == 1, expressions[0].head == "module", annotations.isEmpty {
        return try wat2wasm(module: expressions[0])
    }
    return try TextParser.encode(fields: expressions, name: nil, annotations: annotations)
}

/// Converts a module given as parsed S-expressions: one `(module ...)` node, or a sequence of module
/// fields (`(func ...)`, `(memory 1)`, ...). Annotations between top-level fields are not in
/// `expressions`: `wat2wasm(_ text:)` keeps them.
///
/// - Throws: `TextError` for malformed text.
public func wat2wasm(_ expressions: [SExpression]) throws(TextError) -> [UInt8] {
    if expressions.count == 1, expressions[0].head == "module" { return try wat2wasm(module: expressions[0]) }
    return try TextParser.encode(fields: expressions, name: nil)
}

/// Converts one `(module ...)` node, as a `.wast` script holds it: `(module $name? field*)`,
/// `(module $name? binary "..."*)` (the strings' bytes are the module) or `(module $name? quote "..."*)`
/// (the strings are module text, parsed here). A `definition` keyword after `module` is skipped.
///
/// - Throws: `TextError` for malformed text, including malformed quoted text.
public func wat2wasm(module node: SExpression) throws(TextError) -> [UInt8] {
    guard node.head == "module" else { throw (node.elements.first ?? node).unexpected }
    var cursor = Cursor(node, skip: 1)
    _ = cursor.consume("definition")
    let name = cursor.optionalIdentifier()
    if cursor.consume("binary") {
        var bytes: [UInt8] = []
        while let item = cursor.next() {
            guard let string = item.stringBytes else { throw item.unexpected }
            bytes.append(contentsOf: string)
        }
        return bytes
    }
    if cursor.consume("quote") {
        var text: [UInt8] = []
        while let item = cursor.next() {
            guard let string = item.stringBytes else { throw item.unexpected }
            text.append(contentsOf: string)
        }
        return try wat2wasm(parsed: try SExpression.parseWithAnnotations(utf8: text))
    }
    return try TextParser.encode(
        fields: Array(node.elements[cursor.index...]), name: name.map { Array($0.name.utf8) },
        annotations: shifted(node.annotations, by: -cursor.index), nameIndex: 0)
}

/// Annotations of a `(module ...)` node, their indices counted from the first field instead.
private func shifted(_ annotations: [Annotation], by offset: Int) -> [Annotation] {
    annotations.map { annotation in
        var annotation = annotation
        annotation.index += offset
        return annotation
    }
}

/// `wat2wasm(_:)` with the text position of each entry and instruction of the result, for errors found
/// after conversion. Modules given as binary or quoted strings have no source map. `annotations` are those
/// between the top-level expressions.
func wat2wasmWithSourceMap(_ expressions: [SExpression], annotations: [Annotation] = []) throws(TextError) -> (
    bytes: [UInt8], sourceMap: [TextMark]
) {
    if expressions.count == 1, expressions[0].head == "module", annotations.isEmpty {
        let node = expressions[0]
        var cursor = Cursor(node, skip: 1)
        _ = cursor.consume("definition")
        let name = cursor.optionalIdentifier()
        if cursor.peek()?.atom == "binary" || cursor.peek()?.atom == "quote" { return (try wat2wasm(module: node), []) }
        return try TextParser.encodeWithSourceMap(
            fields: Array(node.elements[cursor.index...]), name: name.map { Array($0.name.utf8) },
            annotations: shifted(node.annotations, by: -cursor.index), nameIndex: 0)
    }
    return try TextParser.encodeWithSourceMap(fields: expressions, name: nil, annotations: annotations)
}
