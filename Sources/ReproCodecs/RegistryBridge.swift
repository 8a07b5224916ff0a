import ReproWasm

/// `numcodecs:abc/registry@0.1.1` for one codec store: `external-codec` and `external-codec-type`
/// handles are host resources whose representations index the `Codec`s the host's `CodecRegistry`
/// created. The nested codecs run in their own stores, so the calling codec's counter does not see
/// their instructions.
final class RegistryBridge {
    let host: CodecHost
    private var codecs: [UInt32: Codec] = [:]
    /// An `external-codec-type` is represented by a codec of that type (its id, schema and component).
    private var types: [UInt32: Codec] = [:]
    private var next: UInt32 = 1
    private var codecResource: HostResource?
    private var typeResource: HostResource?

    init(host: CodecHost) { self.host = host }

    func define(in imports: inout ComponentImports) {
        let interface = Codec.registryInterface
        codecResource = imports.defineResource(instance: interface, name: "external-codec") { [self] representation in
            codecs[representation] = nil
        }
        typeResource = imports.defineResource(instance: interface, name: "external-codec-type") {
            [self] representation in
            types[representation] = nil
        }
        imports.defineFunction(instance: interface, name: "get-external-codec") { [self] arguments in
            [result { () throws(CodecError) in newCodec(try resolve(try string(arguments, 0))) }]
        }
        func method(_ resource: String, _ name: String, _ body: @escaping ([ComponentValue]) throws -> ComponentValue) {
            imports.defineFunction(instance: interface, name: "[method]\(resource).\(name)") { [body] arguments in
                [try body(arguments)]
            }
        }
        method("external-codec-type", "codec-id") { [self] arguments in .string(try type(arguments).id) }
        method("external-codec-type", "codec-config-schema") { [self] arguments in
            .string(try type(arguments).configurationSchema)
        }
        method("external-codec-type", "codec-from-config") { [self] arguments in
            let template = try type(arguments)
            let configuration = try string(arguments, 1)
            return result { () throws(CodecError) in
                newCodec(try Codec(template.component, configuration: configuration, host: template.host))
            }
        }
        method("external-codec", "encode") { [self] arguments in
            let codec = try codec(arguments)
            let array = try CodecArray(componentValue: arguments[1])
            return result { () throws(CodecError) in try codec.encode(array).componentValue() }
        }
        method("external-codec", "decode") { [self] arguments in
            let codec = try codec(arguments)
            let array = try CodecArray(componentValue: arguments[1])
            return result { () throws(CodecError) in try codec.decode(array).componentValue() }
        }
        method("external-codec", "decode-into") { [self] arguments in
            let codec = try codec(arguments)
            let array = try CodecArray(componentValue: arguments[1])
            guard case .record(let fields) = arguments[2], fields.count == 2, case .enum(let name) = fields[0].value,
                let dtype = CodecDType(witName: name), case .list(let dimensions) = fields[1].value
            else { throw CodecError(.component, "decode-into called with a malformed prototype") }
            let shape = dimensions.map { dimension -> Int in
                if case .u32(let length) = dimension { Int(length) } else { 0 }
            }
            return result { () throws(CodecError) in try codec.decode(array, into: dtype, shape: shape).componentValue()
            }
        }
        method("external-codec", "get-config") { [self] arguments in
            let codec = try codec(arguments)
            return result { () throws(CodecError) in .string(try codec.configuration()) }
        }
        method("external-codec", "clone") { [self] arguments in
            let codec = try codec(arguments)
            let clone = try Codec(
                codec.component, configuration: try Codec.withoutID(try codec.configuration()), host: codec.host)
            return newCodec(clone)
        }
        method("external-codec", "ty") { [self] arguments in
            let codec = try codec(arguments)
            let representation = next
            next += 1
            types[representation] = codec
            return .own(typeResource!.handle(representation))
        }
    }

    private func resolve(_ configuration: String) throws(CodecError) -> Codec {
        guard let registry = host.registry else {
            throw CodecError(.codec, "no codec registry: cannot create the codec \(configuration)")
        }
        return try registry.codec(configuration: configuration)
    }

    private func newCodec(_ codec: Codec) -> ComponentValue {
        let representation = next
        next += 1
        codecs[representation] = codec
        return .own(codecResource!.handle(representation))
    }

    private func codec(_ arguments: [ComponentValue]) throws(CodecError) -> Codec {
        guard case .borrow(let handle)? = arguments.first, let codec = codecs[handle.representation] else {
            throw CodecError(.component, "no such external-codec")
        }
        return codec
    }

    private func type(_ arguments: [ComponentValue]) throws(CodecError) -> Codec {
        guard case .borrow(let handle)? = arguments.first, let codec = types[handle.representation] else {
            throw CodecError(.component, "no such external-codec-type")
        }
        return codec
    }

    private func string(_ arguments: [ComponentValue], _ index: Int) throws(CodecError) -> String {
        guard index < arguments.count, case .string(let text) = arguments[index] else {
            throw CodecError(.component, "registry function called without a string")
        }
        return text
    }

    /// `ok(body())`, or `err(error {message, chain})` when it throws.
    private func result(_ body: () throws(CodecError) -> ComponentValue) -> ComponentValue {
        do {
            return .ok(try body())
        } catch {
            return .err(
                .record([
                    .init("message", .string(error.message)), .init("chain", .list(error.chain.map { .string($0) })),
                ]))
        }
    }
}

extension Codec {
    /// `configuration` (a JSON object) without its top-level `"id"` member, as `from-config` wants it.
    static func withoutID(_ configuration: String) throws(CodecError) -> String {
        let compact = Array(try CodecJSON.compact(configuration).utf8)
        // Find the top-level `"id":` member and cut it with its comma.
        var depth = 0
        var index = 0
        var inString = false
        while index < compact.count {
            let byte = compact[index]
            if inString {
                if byte == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "\"") { inString = false }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: "\""):
                let key = Array("\"id\":".utf8)
                if depth == 1, compact[index...].starts(with: key) {
                    var end = index + key.count
                    var valueDepth = 0
                    var valueInString = false
                    while end < compact.count {
                        let next = compact[end]
                        if valueInString {
                            if next == UInt8(ascii: "\\") {
                                end += 2
                                continue
                            }
                            if next == UInt8(ascii: "\"") { valueInString = false }
                        } else if next == UInt8(ascii: "\"") {
                            valueInString = true
                        } else if next == UInt8(ascii: "{") || next == UInt8(ascii: "[") {
                            valueDepth += 1
                        } else if next == UInt8(ascii: "}") || next == UInt8(ascii: "]") {
                            if valueDepth == 0 { break }
                            valueDepth -= 1
                        } else if next == UInt8(ascii: ","), valueDepth == 0 {
                            break
                        }
                        end += 1
                    }
                    var start = index
                    if end < compact.count, compact[end] == UInt8(ascii: ",") {
                        end += 1
                    } else if start > 1, compact[start - 1] == UInt8(ascii: ",") {
                        start -= 1
                    }
                    return String(decoding: compact[..<start] + compact[end...], as: UTF8.self)
                }
                inString = true
            default: break
            }
            index += 1
        }
        return String(decoding: compact, as: UTF8.self)
    }
}
