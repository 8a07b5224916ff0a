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
            // Ordered as the reference's registry hands it out (the Python class's schema).
            .string(SchemaOrder.reordered(try type(arguments).configurationSchema))
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
            return result(nested: codec) { () throws(CodecError) in try codec.encode(array).componentValue() }
        }
        method("external-codec", "decode") { [self] arguments in
            let codec = try codec(arguments)
            let array = try CodecArray(componentValue: arguments[1])
            return result(nested: codec) { () throws(CodecError) in try codec.decode(array).componentValue() }
        }
        method("external-codec", "decode-into") { [self] arguments in
            _ = try codec(arguments)
            // numcodecs-wasm 0.2.5's host rejects every prototype record a guest passes here ("...
            // is missing dtype field") before it calls the nested codec, and that error traps the
            // calling codec. Doing the same keeps outputs and counts equal to the reference's.
            throw CodecError(
                .trap,
                "numcodecs:abc/registry external-codec.decode-into is not supported (numcodecs-wasm 0.2.5 "
                    + "rejects its prototype record: missing dtype field)")
        }
        method("external-codec", "get-config") { [self] arguments in
            let codec = try codec(arguments)
            return result(nested: codec) { () throws(CodecError) in .string(try codec.configuration()) }
        }
        method("external-codec", "clone") { [self] arguments in
            let codec = try codec(arguments)
            let clone = try Codec(
                codec.component, configuration: try CodecJSON.splitID(try codec.configuration()).rest, host: codec.host)
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
        guard case .borrow(let handle)? = arguments.first, let representation = try? handle.representation,
            let codec = codecs[representation]
        else {
            throw CodecError(.component, "no such external-codec")
        }
        return codec
    }

    private func type(_ arguments: [ComponentValue]) throws(CodecError) -> Codec {
        guard case .borrow(let handle)? = arguments.first, let representation = try? handle.representation,
            let codec = types[representation]
        else {
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

    /// `ok(body())`, or, when a call on the nested `codec` fails, the error numcodecs-wasm 0.2.5's
    /// registry hands the guest: its registry is Python's, so the nested codec's failure reaches the
    /// guest as the Python exception's text, `Exception: ID codec's implementation raised an error`
    /// (or `... WebAssembly runtime raised an error` for a trap), with an empty chain. The wording
    /// matters beyond the message: the guest formats it, and that is counted.
    private func result(nested codec: Codec, _ body: () throws(CodecError) -> ComponentValue) -> ComponentValue {
        do {
            return .ok(try body())
        } catch {
            let part = error.kind == .trap ? "WebAssembly runtime" : "implementation"
            return .err(
                .record([
                    .init("message", .string("Exception: \(codec.id) codec's \(part) raised an error")),
                    .init("chain", .list([])),
                ]))
        }
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

extension CodecJSON {
    /// `configuration` (a JSON object) without its top-level `"id"` member, and that member's string
    /// value (nil when there is none or it is not a string).
    ///
    /// - Throws: `CodecError` of kind `.invalidConfiguration` when `configuration` is not an object.
    static func splitID(_ configuration: String) throws(CodecError) -> (id: String?, rest: String) {
        let compact = Array(try CodecJSON.compact(configuration).utf8)
        let key = Array("\"id\":".utf8)
        var depth = 0
        var index = 0
        while index < compact.count {
            let byte = compact[index]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: "\""):
                let end = endOfString(compact, from: index)
                if depth == 1, compact[index...].starts(with: key) {
                    let valueStart = index + key.count
                    let valueEnd = endOfValue(compact, from: valueStart)
                    var id: String?
                    if compact[valueStart] == UInt8(ascii: "\""), valueEnd - valueStart >= 2 {
                        id = String(decoding: compact[(valueStart + 1)..<(valueEnd - 1)], as: UTF8.self)
                    }
                    var start = index
                    var stop = valueEnd
                    if stop < compact.count, compact[stop] == UInt8(ascii: ",") {
                        stop += 1
                    } else if compact[start - 1] == UInt8(ascii: ",") {
                        start -= 1
                    }
                    return (id, String(decoding: compact[..<start] + compact[stop...], as: UTF8.self))
                }
                index = end
                continue
            default: break
            }
            index += 1
        }
        return (nil, String(decoding: compact, as: UTF8.self))
    }

    /// The index just after the string that starts at `start` (a `"`).
    private static func endOfString(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == UInt8(ascii: "\"") { return index + 1 }
            index += 1
        }
        return bytes.count
    }

    /// The index just after the JSON value that starts at `start` (compact text).
    private static func endOfValue(_ bytes: [UInt8], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index = endOfString(bytes, from: index)
                if depth == 0 { return index }
                continue
            }
            if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                if depth == 0 { return index }
                depth -= 1
                if depth == 0 { return index + 1 }
            } else if byte == UInt8(ascii: ","), depth == 0 {
                return index
            }
            index += 1
        }
        return bytes.count
    }
}

/// A `CodecRegistry` that finds codec components in a directory by id: `zstd.rs` is `DIR/zstd.wasm`
/// (the id without its `.rs`), as `scripts/fetch-codecs.sh` names them. Each codec it creates gets a
/// store of its own and this registry's host (so nested codecs can create codecs too).
///
///     var host = CodecHost(wasi: provider)
///     host.registry = DirectoryCodecRegistry(directory: "/path/to/codecs", host: host)
public final class DirectoryCodecRegistry: CodecRegistry {
    /// Where the components are.
    public let directory: String
    /// The host the codecs it creates get (its `registry` is replaced by this registry).
    public var host: CodecHost
    private var components: [String: Component] = [:]

    /// A registry over the components in `directory`, whose codecs get `host`.
    public init(directory: String, host: CodecHost) {
        self.directory = directory
        self.host = host
    }

    /// Creates the codec that `configuration`'s `"id"` names, from the rest of the configuration.
    ///
    /// - Throws: `CodecError` when the configuration has no string `"id"`, no component has that id,
    ///   or creating the codec fails.
    public func codec(configuration: String) throws(CodecError) -> Codec {
        let (id, rest) = try CodecJSON.splitID(configuration)
        guard let id, !id.isEmpty, !id.contains("/") else {
            throw CodecError(.codec, "the codec configuration \(configuration) has no valid \"id\"")
        }
        let name = id.hasSuffix(".rs") ? String(id.dropLast(3)) : id
        let component: Component
        if let cached = components[name] {
            component = cached
        } else {
            do {
                component = try Component(contentsOf: directory + "/" + name + ".wasm")
            } catch {
                throw CodecError(.codec, "no codec with id \(id) in \(directory)", chain: ["\(error)"])
            }
            components[name] = component
        }
        var nestedHost = host
        nestedHost.registry = self
        let codec = try Codec(component, configuration: rest, host: nestedHost)
        guard codec.id == id else {
            throw CodecError(.codec, "\(directory)/\(name).wasm is the codec \(codec.id), not \(id)")
        }
        return codec
    }
}
