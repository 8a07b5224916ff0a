// Reading component values written in WAVE-like text (`"text"`, `[1, 2]`, `{a: 1}`, `ok(5)`, `some('x')`),
// directed by the type they must have: what `repro-wasm run component.wasm --invoke f ARGS` takes.

/// Why a text is not a value of the expected type.
public struct ComponentValueSyntaxError: Error, CustomStringConvertible {
    /// The reason, with the position (in Unicode scalars) where reading stopped.
    public let description: String
}

extension ComponentFunction {
    /// The arguments of a call, read from one WAVE-like text per parameter.
    ///
    ///     let greet = instance.function(named: "greet")!
    ///     let results = try greet.call(try greet.arguments(fromWAVE: ["\"world\""]))
    /// - Throws: `ComponentValueSyntaxError` when the count is wrong or a text does not read as a value
    ///   of its parameter's type.
    public func arguments(fromWAVE texts: [String]) throws(ComponentValueSyntaxError) -> [ComponentValue] {
        guard texts.count == type.parameters.count else {
            throw ComponentValueSyntaxError(
                description:
                    "expected \(type.parameters.count) arguments (\(parameterNames.joined(separator: ", "))), got \(texts.count)"
            )
        }
        var values: [ComponentValue] = []
        for (text, parameter) in zip(texts, type.parameters) {
            var reader = WAVEReader(text)
            do throws(ComponentValueSyntaxError) {
                let value = try reader.value(parameter.type)
                reader.skipSpace()
                guard reader.atEnd else { throw reader.fail("unexpected text after the value") }
                values.append(value)
            } catch {
                throw ComponentValueSyntaxError(description: "argument `\(parameter.label)`: \(error.description)")
            }
        }
        return values
    }
}

/// A recursive-descent reader of one WAVE value.
struct WAVEReader {
    let scalars: [Unicode.Scalar]
    var position = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    var atEnd: Bool { position >= scalars.count }
    var peek: Unicode.Scalar? { atEnd ? nil : scalars[position] }

    func fail(_ message: String) -> ComponentValueSyntaxError {
        ComponentValueSyntaxError(description: "\(message) at position \(position)")
    }

    mutating func skipSpace() {
        while let scalar = peek, scalar.properties.isWhitespace { position += 1 }
    }

    mutating func expect(_ character: Unicode.Scalar) throws(ComponentValueSyntaxError) {
        skipSpace()
        guard peek == character else { throw fail("expected `\(character)`") }
        position += 1
    }

    mutating func consume(_ character: Unicode.Scalar) -> Bool {
        skipSpace()
        guard peek == character else { return false }
        position += 1
        return true
    }

    /// A label (`kebab-case`, optionally after `%`) or a bare word (`true`, `nan`, `-inf`).
    mutating func word() throws(ComponentValueSyntaxError) -> String {
        skipSpace()
        if peek == "%" { position += 1 }
        var text = ""
        while let scalar = peek,
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "."
                || scalar == "+"
        {
            text.unicodeScalars.append(scalar)
            position += 1
        }
        guard !text.isEmpty else { throw fail("expected a value") }
        return text
    }

    /// Items between `open` and `close`, separated by commas (a trailing comma is allowed).
    mutating func sequence(
        _ open: Unicode.Scalar, _ close: Unicode.Scalar,
        _ item: (inout WAVEReader) throws(ComponentValueSyntaxError) -> Void
    )
        throws(ComponentValueSyntaxError)
    {
        try expect(open)
        if consume(close) { return }
        while true {
            try item(&self)
            if consume(close) { return }
            try expect(",")
            if consume(close) { return }
        }
    }

    mutating func integer<T: FixedWidthInteger>(_ type: T.Type) throws(ComponentValueSyntaxError) -> T {
        let text = try word()
        guard let value = T(text) else { throw fail("`\(text)` is not a \(T.self) value") }
        return value
    }

    mutating func value(_ type: CanonicalType) throws(ComponentValueSyntaxError) -> ComponentValue {
        skipSpace()
        switch type {
        case .bool:
            switch try word() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case let other: throw fail("`\(other)` is not a bool")
            }
        case .s8: return .s8(try integer(Int8.self))
        case .u8: return .u8(try integer(UInt8.self))
        case .s16: return .s16(try integer(Int16.self))
        case .u16: return .u16(try integer(UInt16.self))
        case .s32: return .s32(try integer(Int32.self))
        case .u32: return .u32(try integer(UInt32.self))
        case .s64: return .s64(try integer(Int64.self))
        case .u64: return .u64(try integer(UInt64.self))
        case .f32:
            let text = try word()
            guard let value = Float(text) else { throw fail("`\(text)` is not an f32") }
            return .f32(value)
        case .f64:
            let text = try word()
            guard let value = Double(text) else { throw fail("`\(text)` is not an f64") }
            return .f64(value)
        case .char:
            let text = try quoted("'")
            guard text.count == 1 else { throw fail("a char is one Unicode scalar") }
            return .char(text[0])
        case .string:
            var text = String.UnicodeScalarView()
            text.append(contentsOf: try quoted("\""))
            return .string(String(text))
        case .list(let element):
            var values: [ComponentValue] = []
            try sequence("[", "]") { (reader) throws(ComponentValueSyntaxError) in
                values.append(try reader.value(element))
            }
            return .list(values)
        case .tuple(let types):
            var values: [ComponentValue] = []
            try sequence("(", ")") { (reader) throws(ComponentValueSyntaxError) in
                guard values.count < types.count else { throw reader.fail("too many tuple elements") }
                values.append(try reader.value(types[values.count]))
            }
            guard values.count == types.count else { throw fail("expected \(types.count) tuple elements") }
            return .tuple(values)
        case .record(let fields):
            var values: [String: ComponentValue] = [:]
            try sequence("{", "}") { (reader) throws(ComponentValueSyntaxError) in
                let name = try reader.word()
                guard let field = fields.first(where: { $0.label == name }) else {
                    throw reader.fail("no field `\(name)`")
                }
                try reader.expect(":")
                values[name] = try reader.value(field.type)
            }
            var ordered: [ComponentValue.Field] = []
            for field in fields {
                if let value = values[field.label] {
                    ordered.append(.init(field.label, value))
                } else if case .option = field.type {
                    ordered.append(.init(field.label, .option(nil)))
                } else {
                    throw fail("missing field `\(field.label)`")
                }
            }
            return .record(ordered)
        case .flags(let labels):
            var names: [String] = []
            try sequence("{", "}") { (reader) throws(ComponentValueSyntaxError) in
                let name = try reader.word()
                guard labels.contains(name) else { throw reader.fail("no flag `\(name)`") }
                names.append(name)
            }
            return .flags(labels.filter(names.contains))
        case .own, .borrow:
            throw fail("resource handles cannot be written as text")
        case .variant, .enum, .option, .result:
            let label = try word()
            let cases: [(label: String, type: CanonicalType?)]
            switch type {
            case .variant(let variantCases): cases = variantCases
            case .enum(let labels): cases = labels.map { ($0, nil) }
            case .option(let element): cases = [("none", nil), ("some", element)]
            case .result(let ok, let error): cases = [("ok", ok), ("err", error)]
            default: cases = []
            }
            guard let index = cases.firstIndex(where: { $0.label == label }) else {
                throw fail("`\(label)` is not a case of the type")
            }
            var payload: ComponentValue?
            if let payloadType = cases[index].type {
                try expect("(")
                payload = try value(payloadType)
                try expect(")")
            }
            return CanonicalContext.variantValue(type, index: index, payload: payload)
        }
    }

    /// The scalars of a quoted char or string, with its escapes (`\n`, `\t`, `\r`, `\\`, `\'`, `\"`,
    /// `\u{HEX}`) resolved.
    mutating func quoted(_ quote: Unicode.Scalar) throws(ComponentValueSyntaxError) -> [Unicode.Scalar] {
        try expect(quote)
        var result: [Unicode.Scalar] = []
        while let scalar = peek {
            position += 1
            if scalar == quote { return result }
            guard scalar == "\\" else {
                result.append(scalar)
                continue
            }
            guard let escaped = peek else { break }
            position += 1
            switch escaped {
            case "n": result.append("\n")
            case "t": result.append("\t")
            case "r": result.append("\r")
            case "\\", "'", "\"": result.append(escaped)
            case "u":
                try expect("{")
                var hex = ""
                while let digit = peek, digit != "}" {
                    hex.unicodeScalars.append(digit)
                    position += 1
                }
                try expect("}")
                guard let code = UInt32(hex, radix: 16), let value = Unicode.Scalar(code) else {
                    throw fail("bad escape \\u{\(hex)}")
                }
                result.append(value)
            default: throw fail("unknown escape \\\(escaped)")
            }
        }
        throw fail("unterminated quote")
    }
}
