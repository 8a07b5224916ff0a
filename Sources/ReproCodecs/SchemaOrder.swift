/// A codec's configuration schema as numcodecs-wasm 0.2.5's registry hands it to a codec that asks
/// for another codec's type (`external-codec-type.codec-config-schema`).
///
/// The reference answers with the schema of the Python codec class it made for the component (its
/// `__schema__`), serialised compactly: the guest's schema with, in every object, the members
/// `$schema`, `title`, `description`, `type` and `properties` first (in that order, those present),
/// then the others in the guest's order. Strings and numbers keep the guest's spelling. Checked
/// against `__schema__` of all 27 codecs of numcodecs-wasm 0.2.5; the order matters because codecs
/// such as `onion` parse the schema, and parsing counts differently.
enum SchemaOrder {
    /// The members that come first, in this order.
    static let leading = ["$schema", "title", "description", "type", "properties"].map { Array("\"\($0)\"".utf8) }

    /// `schema` (compact JSON, as codecs return it) reordered as the reference's registry orders it;
    /// `schema` itself when it is not well-formed JSON.
    static func reordered(_ schema: String) -> String {
        let bytes = Array(schema.utf8)
        var index = 0
        guard let value = parseValue(bytes, &index) else { return schema }
        skipSpace(bytes, &index)
        guard index == bytes.count else { return schema }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        emit(value, bytes, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// A parsed JSON value: scalars as their text, containers as their parts.
    indirect enum Value {
        case scalar(Range<Int>)
        case array([Value])
        case object([(key: Range<Int>, value: Value)])
    }

    static func emit(_ value: Value, _ bytes: [UInt8], into output: inout [UInt8]) {
        switch value {
        case .scalar(let range): output += bytes[range]
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                emit(element, bytes, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            var ordered: [(key: Range<Int>, value: Value)] = []
            for key in leading {
                if let member = members.first(where: { bytes[$0.key].elementsEqual(key) }) { ordered.append(member) }
            }
            for member in members where !leading.contains(where: { bytes[member.key].elementsEqual($0) }) {
                ordered.append(member)
            }
            output.append(UInt8(ascii: "{"))
            for (position, member) in ordered.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                output += bytes[member.key]
                output.append(UInt8(ascii: ":"))
                emit(member.value, bytes, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    static func skipSpace(_ bytes: [UInt8], _ index: inout Int) {
        while index < bytes.count,
            [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[index])
        {
            index += 1
        }
    }

    static func parseValue(_ bytes: [UInt8], _ index: inout Int) -> Value? {
        skipSpace(bytes, &index)
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var members: [(key: Range<Int>, value: Value)] = []
            skipSpace(bytes, &index)
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipSpace(bytes, &index)
                guard let key = parseString(bytes, &index) else { return nil }
                skipSpace(bytes, &index)
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let value = parseValue(bytes, &index) else { return nil }
                members.append((key, value))
                skipSpace(bytes, &index)
                guard index < bytes.count else { return nil }
                index += 1
                if bytes[index - 1] == UInt8(ascii: "}") { return .object(members) }
                guard bytes[index - 1] == UInt8(ascii: ",") else { return nil }
            }
        case UInt8(ascii: "["):
            index += 1
            var elements: [Value] = []
            skipSpace(bytes, &index)
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                guard let element = parseValue(bytes, &index) else { return nil }
                elements.append(element)
                skipSpace(bytes, &index)
                guard index < bytes.count else { return nil }
                index += 1
                if bytes[index - 1] == UInt8(ascii: "]") { return .array(elements) }
                guard bytes[index - 1] == UInt8(ascii: ",") else { return nil }
            }
        case UInt8(ascii: "\""):
            return parseString(bytes, &index).map(Value.scalar)
        default:
            // A number, true, false or null: up to the next delimiter.
            let start = index
            while index < bytes.count,
                ![
                    UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: " "), UInt8(ascii: "\t"),
                    UInt8(ascii: "\n"), UInt8(ascii: "\r"),
                ].contains(bytes[index])
            {
                index += 1
            }
            return index > start ? .scalar(start..<index) : nil
        }
    }

    /// The range of the string (quotes included) at `index`, moving past it.
    static func parseString(_ bytes: [UInt8], _ index: inout Int) -> Range<Int>? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index
        index += 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                return start..<index
            }
            index += 1
        }
        return nil
    }
}
