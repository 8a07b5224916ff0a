/// A decoded and validated WebAssembly component (the component model's binary format, version
/// `0x0d`, layer 1): core modules, instances, aliases, types, canonical functions, imports and exports.
///
/// Creating a `Component` reads the binary once: every section is decoded, every core module inside
/// is decoded and validated as `Module` would, and the component is validated (index spaces, types of
/// instantiations and aliases, canonical function signatures, import and export names). Only the
/// synchronous component model of WASI 0.2 is supported: async functions, streams, futures,
/// error-context, component values and GC options are rejected with `ComponentError.Kind.unsupported`.
///
///     let component = try Component(contentsOf: "codec.wasm")
///     print(component.wit)   // the component's world in WIT syntax
public struct Component: Sendable {
    /// The proposals core modules inside the component may use.
    public let features: Features

    let parsed: ParsedComponent
    let validated: ValidatedComponent

    /// Decodes and validates a binary component.
    ///
    /// - Parameters:
    ///   - bytes: The component in the binary format (starting with `\0asm`, version `0x0d`, layer 1).
    ///   - features: The proposals the core modules inside may use; the determinism contract's profile by
    ///     default.
    /// - Throws: `ComponentError` with the offset and reason: `.malformed` for bytes that are not a
    ///   well-formed component (or a malformed core module inside), `.invalid` for a validation error,
    ///   `.unsupported` for a feature outside the synchronous component model.
    public init(bytes: [UInt8], features: Features = .deterministic) throws(ComponentError) {
        parsed = try decodeComponent(bytes, features: features)
        validated = try validateComponent(parsed)
        self.features = features
    }

    /// Reads, decodes and validates the binary component in the file at `path`.
    ///
    /// - Parameters:
    ///   - path: A file path, absolute or relative to the current directory.
    ///   - features: The proposals the core modules inside may use.
    /// - Throws: `ComponentError` of kind `.unreadable` when the file cannot be read, otherwise what
    ///   `init(bytes:features:)` throws.
    public init(contentsOf path: String, features: Features = .deterministic) throws(ComponentError) {
        let bytes: [UInt8]
        do {
            bytes = try Module.readFile(path)
        } catch {
            throw ComponentError(.unreadable, error.description, at: nil)
        }
        try self.init(bytes: bytes, features: features)
    }

    /// Whether `bytes` start with the component preamble rather than a core module's.
    public static func isComponent(_ bytes: [UInt8]) -> Bool { hasComponentPreamble(bytes) }

    /// The names of the component's imports, in order.
    public var importNames: [String] { validated.imports.map(\.name) }

    /// The names of the component's exports, in order.
    public var exportNames: [String] { validated.exports.map(\.name) }

    /// The names of the outermost component's custom sections, in the order they appear.
    public var customSectionNames: [String] { parsed.customSections.map(\.name) }
}
