import Foundation

/// Turns a json script into `Command`s.
enum ScriptParser {
    /// Parses the json file at `url`.
    static func parse(contentsOf url: URL) throws -> [Command] {
        let data = escapingByteOrderMarks(try Data(contentsOf: url))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let commands = root["commands"] as? [[String: Any]]
        else { throw ScriptError(description: "\(url.path): no \"commands\" array") }
        return try commands.map(command)
    }

    /// The json with every U+FEFF inside it written as the escape `\ufeff`.
    ///
    /// swift-corelibs-foundation's `JSONSerialization` drops a raw U+FEFF at the start of a string value
    /// (it takes it for a byte order mark), so the export named "\u{FEFF}" in `names.wast` would be read
    /// as "". Escaped, it survives. A raw U+FEFF can only occur inside strings in valid json, apart
    /// from a real byte order mark at the very start of the file, which is left alone.
    static func escapingByteOrderMarks(_ data: Data) -> Data {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let bytes = [UInt8](data)
        guard bytes.count > 3, bytes.indices.dropFirst().contains(where: { bytes[$0...].starts(with: bom) }) else {
            return data
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var index = 0
        while index < bytes.count {
            if index > 0, bytes[index...].starts(with: bom) {
                out.append(contentsOf: Array("\\ufeff".utf8))
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return Data(out)
    }

    static func command(_ json: [String: Any]) throws -> Command {
        let type = try string(json, "type")
        let line = json["line"] as? Int ?? 0
        switch type {
        case "module":
            return .module(line: line, name: json["name"] as? String, file: try moduleFile(json))
        case "module_definition":
            return .moduleDefinition(line: line, name: json["name"] as? String, file: try moduleFile(json))
        case "module_instance":
            return .moduleInstance(line: line, instance: json["instance"] as? String, module: json["module"] as? String)
        case "register":
            return .register(line: line, name: json["name"] as? String, as: try string(json, "as"))
        case "action":
            return .action(line: line, try action(json))
        case "assert_return":
            let expected = try (json["expected"] as? [[String: Any]] ?? []).map(expectedValue)
            return .assertReturn(line: line, try action(json), expected: expected)
        case "assert_trap":
            // WABT writes a module that must trap while instantiating as `assert_uninstantiable`; accept the
            // wast spelling `(assert_trap (module ...) "text")` too, should a converter keep it.
            if json["action"] == nil, json["filename"] != nil {
                return .assertUninstantiable(line: line, file: try moduleFile(json), text: try string(json, "text"))
            }
            return .assertTrap(line: line, try action(json), text: try string(json, "text"))
        case "assert_exhaustion":
            return .assertExhaustion(line: line, try action(json), text: try string(json, "text"))
        case "assert_exception":
            return .assertException(line: line, try action(json))
        case "assert_malformed":
            return .assertMalformed(line: line, file: try moduleFile(json), text: try string(json, "text"))
        case "assert_invalid":
            return .assertInvalid(line: line, file: try moduleFile(json), text: try string(json, "text"))
        case "assert_unlinkable":
            return .assertUnlinkable(line: line, file: try moduleFile(json), text: try string(json, "text"))
        case "assert_uninstantiable":
            return .assertUninstantiable(line: line, file: try moduleFile(json), text: try string(json, "text"))
        case "assert_malformed_custom":
            return .assertMalformedCustom(line: line, file: try moduleFile(json), text: try string(json, "text"))
        case "assert_invalid_custom":
            return .assertInvalidCustom(line: line, file: try moduleFile(json), text: try string(json, "text"))
        default:
            return .unknown(line: line, type: type)
        }
    }

    static func moduleFile(_ json: [String: Any]) throws -> ModuleFile {
        let filename = try string(json, "filename")
        let format: ModuleFile.Format = (json["module_type"] as? String ?? "binary") == "text" ? .text : .binary
        return ModuleFile(filename: filename, format: format, binaryFilename: json["binary_filename"] as? String)
    }

    static func action(_ json: [String: Any]) throws -> Action {
        guard let action = json["action"] as? [String: Any] else { throw ScriptError(description: "missing action") }
        let module = action["module"] as? String
        let field = try string(action, "field")
        switch try string(action, "type") {
        case "invoke":
            let args = try (action["args"] as? [[String: Any]] ?? []).map(argument)
            return .invoke(module: module, field: field, args: args)
        case "get":
            return .get(module: module, field: field)
        case let other:
            throw ScriptError(description: "unknown action type \(other)")
        }
    }

    /// An argument: always a concrete value.
    static func argument(_ json: [String: Any]) throws -> SpecValue {
        guard case .exact(let value) = try expectedValue(json) else {
            throw ScriptError(description: "argument is a pattern, not a value: \(json)")
        }
        return value
    }

    static func expectedValue(_ json: [String: Any]) throws -> ExpectedValue {
        let type = try string(json, "type")
        switch type {
        case "i32":
            return .exact(.i32(UInt32(try bits(try string(json, "value"), width: 32))))
        case "i64":
            return .exact(.i64(try bits(try string(json, "value"), width: 64)))
        case "f32":
            let text = try string(json, "value")
            if let nan = nanPattern(text) { return .f32NaN(nan) }
            return .exact(.f32(bits: UInt32(try bits(text, width: 32))))
        case "f64":
            let text = try string(json, "value")
            if let nan = nanPattern(text) { return .f64NaN(nan) }
            return .exact(.f64(bits: try bits(text, width: 64)))
        case "v128":
            guard let laneName = json["lane_type"] as? String, let shape = LaneShape(rawValue: laneName),
                let texts = json["value"] as? [String], texts.count == shape.laneCount
            else { throw ScriptError(description: "malformed v128 value \(json)") }
            var lanes: [LaneExpectation] = []
            for text in texts {
                if let nan = nanPattern(text) {
                    lanes.append(.nan(nan))
                } else {
                    lanes.append(.bits(try bits(text, width: shape.bits)))
                }
            }
            let exactLanes = lanes.compactMap { if case .bits(let b) = $0 { b } else { nil } }
            if exactLanes.count == lanes.count {
                return .exact(.v128(V128(lanes: exactLanes, laneBits: shape.bits)))
            }
            return .v128(shape, lanes)
        case "refnull":
            return .anyNullReference
        case "either":
            let values = try (json["values"] as? [[String: Any]] ?? []).map(expectedValue)
            return .either(values)
        default:
            guard type.hasSuffix("ref") else { throw ScriptError(description: "unknown value type \(type)") }
            let reference: Reference
            switch json["value"] as? String {
            case nil: reference = .nonNull
            case "null": reference = .null
            case let text?: reference = .host(UInt32(try bits(text, width: 32)))
            }
            switch type {
            case "funcref": return .exact(.funcRef(reference))
            case "externref": return .exact(.externRef(reference))
            default: return .exact(.otherRef(type: type, reference))
            }
        }
    }

    static func nanPattern(_ text: String) -> NaNPattern? {
        switch text {
        case "nan:canonical": .canonical
        case "nan:arithmetic": .arithmetic
        default: nil
        }
    }

    /// A decimal integer as `width` bits: unsigned, or negative in two's complement.
    static func bits(_ text: String, width: Int) throws -> UInt64 {
        let mask: UInt64 = width == 64 ? .max : (1 << UInt64(width)) - 1
        let minimum: Int64 = width == 64 ? .min : -(1 << Int64(width - 1))
        if text.hasPrefix("-"), let value = Int64(text), value >= minimum {
            return UInt64(bitPattern: value) & mask
        }
        if let value = UInt64(text), value <= mask { return value }
        throw ScriptError(description: "not a \(width)-bit integer: \(text)")
    }

    static func string(_ json: [String: Any], _ key: String) throws -> String {
        guard let value = json[key] as? String else { throw ScriptError(description: "missing \"\(key)\" in \(json)") }
        return value
    }
}
