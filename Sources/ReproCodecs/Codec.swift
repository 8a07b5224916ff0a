import ReproWasm

/// A compression codec from a numcodecs-wasm component, configured once and then used to encode and
/// decode arrays, with everything it runs counted in its own store.
///
/// Creating a codec instantiates the component (and the WASI provider) in a new `Store`, calls
/// `codec-id`, `codec-config-schema` and `[static]codec.from-config`, as numcodecs-wasm 0.2.5 does;
/// that construction is already in `instructionCount` when the caller first reads it.
///
///     let component = try Component(contentsOf: "zstd.wasm")
///     let codec = try Codec(component, configuration: #"{"level": 3}"#, host: CodecHost(wasi: provider))
///     let encoded = try codec.encode(CodecArray(float64: [1, 2, 3]))
///     print(codec.instructionCount)   // construction plus the encode
public final class Codec {
    /// The store every core instance of this codec (its component and its WASI provider) lives in.
    public let store: Store
    /// The codec's id (`codec-id`), such as `"zstd.rs"`.
    public let id: String
    /// The JSON schema of the codec's configuration (`codec-config-schema`).
    public let configurationSchema: String

    let interface: ComponentInstance
    let handle: ResourceHandle
    let encodeFunction: ComponentFunction
    let decodeFunction: ComponentFunction
    let decodeIntoFunction: ComponentFunction
    let getConfigFunction: ComponentFunction
    let host: CodecHost
    let component: Component

    /// The interface every codec exports.
    public static let interfaceName = "numcodecs:abc/codec@0.1.1"

    /// Instantiates `component` in a new store and creates a codec from `configuration`.
    ///
    /// - Parameters:
    ///   - component: A numcodecs-wasm codec component (exporting `numcodecs:abc/codec@0.1.1`).
    ///   - configuration: The codec's configuration, a JSON object without the `"id"` field; passed to
    ///     `from-config` with the whitespace outside strings removed, as the reference host
    ///     re-serialises it.
    ///   - host: WASI, sinks, registry and limits.
    /// - Throws: `CodecError`: `.component` or `.wasi` when linking fails, `.trap` when the component
    ///   trapped, `.codec` when `from-config` rejected the configuration, `.invalidConfiguration` when it
    ///   is not JSON.
    public init(_ component: Component, configuration: String = "{}", host: CodecHost) throws(CodecError) {
        let configuration = try CodecJSON.compact(configuration)
        self.component = component
        self.host = host
        store = Store(engine: Engine(features: component.features, limits: host.limits, defaultFuel: host.fuelPerCall))
        // The reference composes the codec with its WASI provider into one component, so each call
        // from the codec into the provider runs (and counts) a fused adapter; host imports do not.
        store.countsFusedAdapters = true
        let imports = try Codec.imports(for: component, store: store, host: host)
        let instance: ComponentInstance
        do {
            instance = try store.instantiate(component, imports: imports)
        } catch {
            throw CodecError(error.isLinkError ? .component : .trap, "cannot instantiate the codec: \(error)")
        }
        guard let interface = instance.instance(named: Codec.interfaceName) else {
            throw CodecError(.component, "the component does not export \(Codec.interfaceName)")
        }
        func function(_ name: String) throws(CodecError) -> ComponentFunction {
            guard let function = interface.function(named: name) else {
                throw CodecError(.component, "\(Codec.interfaceName) lacks the function `\(name)`")
            }
            return function
        }
        self.interface = interface
        encodeFunction = try function("[method]codec.encode")
        decodeFunction = try function("[method]codec.decode")
        decodeIntoFunction = try function("[method]codec.decode-into")
        getConfigFunction = try function("[method]codec.get-config")
        id = try Codec.string(try Codec.call(try function("codec-id"), []), "codec-id")
        configurationSchema = try Codec.string(
            try Codec.call(try function("codec-config-schema"), []), "codec-config-schema")
        let created = try Codec.unwrap(
            try Codec.call(try function("[static]codec.from-config"), [.string(configuration)]))
        guard case .own(let handle) = created else {
            throw CodecError(.component, "from-config returned \(created), not a codec")
        }
        self.handle = handle
    }

    deinit {
        // The guest's destructor frees the codec's state; a failure there has nobody to report to.
        try? interface.dropResource(handle)
    }

    /// The store's instruction counter: construction and every call so far. Reading it costs nothing.
    public var instructionCount: UInt64 { store.instructionCount }

    /// The codec's configuration as JSON (`get-config`), with its `"id"`.
    ///
    /// - Throws: `CodecError` of kind `.codec` or `.trap`.
    public func configuration() throws(CodecError) -> String {
        try Codec.string(Codec.unwrap(try method(getConfigFunction, [.borrow(handle)])), "get-config")
    }

    /// Encodes `array`.
    ///
    /// - Throws: `CodecError` of kind `.codec` (the codec refused, e.g. an unsupported dtype), `.trap`,
    ///   or `.invalidArray`.
    public func encode(_ array: CodecArray) throws(CodecError) -> CodecArray {
        try CodecArray(
            componentValue: Codec.unwrap(try method(encodeFunction, [.borrow(handle), try array.componentValue()])))
    }

    /// Decodes `encoded`.
    ///
    /// - Throws: `CodecError` of kind `.codec` (e.g. corrupt data), `.trap`, or `.invalidArray`.
    public func decode(_ encoded: CodecArray) throws(CodecError) -> CodecArray {
        try CodecArray(
            componentValue: Codec.unwrap(
                try method(decodeFunction, [.borrow(handle), try encoded.componentValue()])))
    }

    /// Decodes `encoded` into an array of `dtype` and `shape` (`decode-into`), which the result has.
    ///
    /// - Throws: `CodecError` of kind `.codec` (e.g. the decoded data does not have that dtype or
    ///   shape), `.trap`, or `.invalidArray`.
    public func decode(_ encoded: CodecArray, into dtype: CodecDType, shape: [Int]) throws(CodecError) -> CodecArray {
        _ = try CodecArray.elementCount(of: shape)
        let prototype = ComponentValue.record([
            .init("dtype", .enum(dtype.witName)), .init("shape", try CodecArray.shapeValue(shape)),
        ])
        let decoded = try CodecArray(
            componentValue: Codec.unwrap(
                try method(decodeIntoFunction, [.borrow(handle), try encoded.componentValue(), prototype])))
        guard decoded.dtype == dtype, decoded.shape == shape else {
            throw CodecError(
                .invalidArray,
                "decode-into returned \(decoded.dtype) \(decoded.shape), not the requested \(dtype) \(shape)")
        }
        return decoded
    }

    // MARK: - Calls

    /// Calls a method of the codec, with the fuel of one call.
    func method(_ function: ComponentFunction, _ arguments: [ComponentValue]) throws(CodecError) -> ComponentValue? {
        if let fuel = host.fuelPerCall { store.fuel = fuel }
        return try Codec.call(function, arguments)
    }

    static func call(_ function: ComponentFunction, _ arguments: [ComponentValue]) throws(CodecError)
        -> ComponentValue?
    {
        do {
            return try function.call(arguments).first
        } catch {
            throw CodecError(.trap, "\(error)")
        }
    }

    /// The `ok` payload of a `result<T, error>`, or the guest's error as a `CodecError`.
    static func unwrap(_ value: ComponentValue?) throws(CodecError) -> ComponentValue {
        switch value {
        case .ok(let payload?)?: return payload
        case .err(let payload?)?: throw guestError(payload)
        default:
            throw CodecError(.component, "the codec returned \(value.map(\.description) ?? "nothing"), not a result")
        }
    }

    /// The guest's `error {message, chain}` as a `CodecError`.
    static func guestError(_ value: ComponentValue) -> CodecError {
        guard case .record(let fields) = value, fields.count == 2, case .string(let message) = fields[0].value,
            let causes = fields[1].value.listElements
        else {
            return CodecError(.component, "the codec returned a malformed error: \(value)")
        }
        let chain = causes.map { cause -> String in
            if case .string(let text) = cause { return text }
            return "\(cause)"
        }
        return CodecError(.codec, message, chain: chain)
    }

    static func string(_ value: ComponentValue?, _ function: String) throws(CodecError) -> String {
        guard case .string(let text)? = value else {
            throw CodecError(.component, "\(function) returned \(value.map(\.description) ?? "nothing"), not a string")
        }
        return text
    }
}
