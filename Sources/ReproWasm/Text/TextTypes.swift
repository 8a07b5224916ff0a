/// A value type as the text format writes it, kept as its binary encoding.
///
/// Besides the engine's types this covers the typed-reference forms (`(ref null? heaptype)`, `anyref`,
/// ...) so that a module using them still encodes: the decoder then rejects it naming the proposal, as it
/// would reject the same module in binary form.
struct TextValueType: Hashable {
    /// The type's bytes in the binary format (one byte, or `0x63`/`0x64` and a heap type).
    let encoding: [UInt8]

    init(_ type: ValueType) { encoding = type.encoding }
    init(encoding: [UInt8]) { self.encoding = encoding }

    static let i32 = TextValueType(.i32)
    static let i64 = TextValueType(.i64)
}

/// A function type in the text format: what `(param ...)` and `(result ...)` declare.
struct TextFunctionType: Hashable {
    var parameters: [TextValueType] = []
    var results: [TextValueType] = []
}

/// Abstract heap types and their one-byte encodings. These are type encodings, not instructions.
private let abstractHeapTypes: [String: UInt8] = [
    "func": 0x70, "extern": 0x6F, "any": 0x6E, "eq": 0x6D, "i31": 0x6C, "struct": 0x6B, "array": 0x6A,
    "none": 0x71, "noextern": 0x72, "nofunc": 0x73, "exn": 0x69, "noexn": 0x74,
]

/// Reference type abbreviations (`funcref` is `(ref null func)`, ...).
private let referenceAbbreviations: [String: UInt8] = [
    "funcref": 0x70, "externref": 0x6F, "anyref": 0x6E, "eqref": 0x6D, "i31ref": 0x6C, "structref": 0x6B,
    "arrayref": 0x6A, "nullref": 0x71, "nullexternref": 0x72, "nullfuncref": 0x73, "exnref": 0x69,
    "nullexnref": 0x74,
]

/// The number types and `v128`.
private let numberTypes: [String: ValueType] = ["i32": .i32, "i64": .i64, "f32": .f32, "f64": .f64, "v128": .v128]

extension TextParser {
    /// Whether `node` can start a value type.
    func isValueType(_ node: SExpression) -> Bool {
        if let text = node.atom { return numberTypes[text] != nil || referenceAbbreviations[text] != nil }
        return node.head == "ref"
    }

    /// Whether `node` can start a reference type.
    func isReferenceType(_ node: SExpression) -> Bool {
        if let text = node.atom { return referenceAbbreviations[text] != nil }
        return node.head == "ref"
    }

    /// A value type: `i32`, ..., `funcref`, `externref`, `(ref null? heaptype)`.
    func valueType(_ node: SExpression) throws(TextError) -> TextValueType {
        if let text = node.atom, let type = numberTypes[text] { return TextValueType(type) }
        return try referenceType(node)
    }

    /// A reference type. `(ref null func)` and `(ref null extern)` are written as their one-byte
    /// abbreviations, as every encoder does.
    func referenceType(_ node: SExpression) throws(TextError) -> TextValueType {
        if let text = node.atom {
            guard let byte = referenceAbbreviations[text] else { throw node.unexpected }
            return TextValueType(encoding: [byte])
        }
        guard node.head == "ref" else { throw node.unexpected }
        var cursor = Cursor(node, skip: 1)
        let nullable = cursor.consume("null")
        let heap = try heapType(try cursor.require())
        try cursor.requireEnd()
        if nullable, heap == [0x70] || heap == [0x6F] || heap == [0x69] { return TextValueType(encoding: heap) }
        return TextValueType(encoding: [nullable ? 0x63 : 0x64] + heap)
    }

    /// A heap type's encoding: an abstract type's byte, or a type index as s33.
    func heapType(_ node: SExpression) throws(TextError) -> [UInt8] {
        if let text = node.atom, let byte = abstractHeapTypes[text] { return [byte] }
        let index = try typeIndex(node)
        var writer = BinaryWriter()
        writer.s64(Int64(index))
        return writer.bytes
    }

    /// A type index: a number or a type identifier.
    func typeIndex(_ node: SExpression) throws(TextError) -> UInt32 {
        try index(node, in: types)
    }

    /// An index: a u32 literal or an identifier of `table`.
    func index(_ node: SExpression, in table: NameTable) throws(TextError) -> UInt32 {
        if let name = node.identifier {
            guard let index = table.lookup(name) else {
                throw node.error(.unknownIdentifier(space: table.space, name: name))
            }
            return index
        }
        return try u32(node)
    }

    /// A u32 literal (no sign).
    func u32(_ node: SExpression) throws(TextError) -> UInt32 {
        UInt32(try unsigned(node, bits: 32))
    }

    /// An unsigned literal of at most `bits` bits.
    func unsigned(_ node: SExpression, bits: Int) throws(TextError) -> UInt64 {
        guard let text = node.atom else { throw node.unexpected }
        do {
            return try NumericLiteral.unsigned(text, bits: bits)
        } catch {
            if error == .malformed { throw node.unexpected }
            throw node.error(.constantOutOfRange(""))
        }
    }

    /// Whether `node` can be an index: an identifier or an unsigned number.
    func isIndex(_ node: SExpression?) -> Bool {
        guard let node else { return false }
        if node.identifier != nil { return true }
        guard let first = node.atom?.utf8.first else { return false }
        return first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")
    }

    // MARK: Function types

    /// `(param ...)*` and `(result ...)*` from `cursor`: the parameters (with their names, if
    /// `allowsNames`) and results. Parameters must come before results.
    func parameterAndResultLists(
        _ cursor: inout Cursor, allowsNames: Bool
    ) throws(TextError) -> (type: TextFunctionType, names: [(name: String, node: SExpression)?]) {
        var type = TextFunctionType()
        var names: [(name: String, node: SExpression)?] = []
        while cursor.peekHead == "param" {
            let list = cursor.next()!
            var inner = Cursor(list, skip: 1)
            if let name = inner.optionalIdentifier() {
                guard allowsNames else { throw name.node.unexpected }
                type.parameters.append(try valueType(try inner.require()))
                names.append(name)
                try inner.requireEnd()
            } else {
                while let item = inner.next() {
                    type.parameters.append(try valueType(item))
                    names.append(nil)
                }
            }
        }
        while cursor.peekHead == "result" {
            let list = cursor.next()!
            var inner = Cursor(list, skip: 1)
            while let item = inner.next() { type.results.append(try valueType(item)) }
        }
        // A parameter after a result is a syntax error wherever these lists occur.
        if cursor.peekHead == "param" { throw cursor.peek()!.elements[0].error(.unexpectedToken("param")) }
        return (type, names)
    }

    /// A function type definition's body, `(func (param ...)* (result ...)*)`.
    func functionType(_ node: SExpression) throws(TextError) -> TextFunctionType {
        guard node.head == "func" else { throw node.unexpected }
        var cursor = Cursor(node, skip: 1)
        let (type, _) = try parameterAndResultLists(&cursor, allowsNames: true)
        try cursor.requireEnd()
        return type
    }

    /// A type use: `(type x)?` then `(param ...)*` `(result ...)*`. Returns the type index (an existing
    /// type equal to the inline one, or a new one appended as the spec's abbreviation says) and the
    /// parameters' names.
    ///
    /// With both `(type x)` and inline lists, the lists must repeat `x`'s definition: "inline function
    /// type" otherwise.
    mutating func typeUse(
        _ cursor: inout Cursor, allowsNames: Bool
    ) throws(TextError) -> (index: UInt32, type: TextFunctionType, names: [(name: String, node: SExpression)?]) {
        var explicit: (index: UInt32, node: SExpression)?
        if cursor.peekHead == "type" {
            let list = cursor.next()!
            var inner = Cursor(list, skip: 1)
            explicit = (try typeIndex(try inner.require()), list)
            try inner.requireEnd()
        }
        let start = cursor.peek()
        let (inline, names) = try parameterAndResultLists(&cursor, allowsNames: allowsNames)
        let hasInline = !inline.parameters.isEmpty || !inline.results.isEmpty
        if let explicit {
            guard Int(explicit.index) < module.types.count else {
                // Inline lists must be checked against the definition, which does not exist. Without them
                // the index is left to validation ("unknown type" there).
                if hasInline { throw explicit.node.error(.unknownIndex(space: "type", index: explicit.index)) }
                return (explicit.index, inline, names)
            }
            let defined = module.types[Int(explicit.index)]
            if hasInline && defined != inline { throw (start ?? explicit.node).error(.inlineFunctionType) }
            return (explicit.index, defined, hasInline ? names : Array(repeating: nil, count: defined.parameters.count))
        }
        return (implicitTypeIndex(inline), inline, names)
    }

    /// The index of the first type equal to `type`, appending it if there is none.
    mutating func implicitTypeIndex(_ type: TextFunctionType) -> UInt32 {
        if let index = module.types.firstIndex(of: type) { return UInt32(index) }
        module.types.append(type)
        types.addUnnamed(1)
        return UInt32(module.types.count - 1)
    }
}
