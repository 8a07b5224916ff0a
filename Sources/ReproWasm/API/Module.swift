/// A decoded and validated WebAssembly module, ready to be instantiated.
///
/// Creating a `Module` reads the binary once: the decoder checks that the bytes are well formed, then the
/// validator checks the module against the chosen `Features`. A `Module` is immutable and can be shared
/// between threads and instantiated any number of times.
///
///     let module = try Module(bytes: wasmBytes)
///     let strict = try Module(bytes: wasmBytes, features: .deterministic)
public struct Module: Sendable {
    /// The proposals the module was validated against.
    public let features: Features

    let validated: ValidatedModule

    /// Decodes and validates a binary module.
    ///
    /// - Parameters:
    ///   - bytes: The module in the WebAssembly binary format (starting with `\0asm`).
    ///   - features: The proposals the module may use; the determinism contract's profile by default.
    /// - Throws: `ModuleError.malformed` when the bytes are not a well-formed binary module,
    ///   `ModuleError.invalid` when the module breaks a validation rule or uses a proposal outside
    ///   `features`. Either error's description starts with the spec's wording and names the byte offset.
    public init(bytes: [UInt8], features: Features = .deterministic) throws(ModuleError) {
        try self.init(bytes: bytes, features: features, lowering: .eager)
    }

    /// Decodes and validates a binary module, lowering its function bodies as `lowering` says (the
    /// core modules of a component are lowered lazily: a codec's instance runs few of its functions).
    init(bytes: [UInt8], features: Features, lowering: LoweringMode) throws(ModuleError) {
        let parsed: ParsedModule
        do {
            parsed = try decodeModule(bytes, features: features)
        } catch {
            // A proposal the engine does not implement is recognised while decoding (its encodings have
            // no meaning here), but as the contract says, using it makes the module invalid, not malformed.
            if case .unsupportedFeature(let feature) = error.reason {
                throw .invalid(ValidationError(.featureNotEnabled(feature), at: error.offset))
            }
            throw .malformed(error)
        }
        validated = try validateModule(parsed, features: features, lowering: lowering)
        self.features = features
    }

    /// Parses a module in the WebAssembly text format, then decodes and validates it.
    ///
    /// The text is converted to the binary format (`wat2wasm(_:)`) and loaded as `init(bytes:features:)`
    /// loads bytes: `text` is a `(module ...)` or a sequence of module fields, with every instruction the
    /// engine implements, identifiers, folded instructions and the format's abbreviations.
    ///
    /// - Parameters:
    ///   - text: The module in the text format (`.wat`).
    ///   - features: The proposals the module may use; the determinism contract's profile by default.
    /// - Throws: `ModuleError.malformedText` with the line and column of malformed text, else what
    ///   `init(bytes:features:)` throws.
    ///
    ///     let module = try Module(wat: "(module (func (export \"answer\") (result i32) i32.const 42))")
    public init(wat text: String, features: Features = .deterministic) throws(ModuleError) {
        try self.init(wat: Array(text.utf8), features: features)
    }

    /// Parses a module in the text format given as UTF-8 bytes (a file's contents), then decodes and
    /// validates it. Malformed UTF-8 is reported with its line and column.
    ///
    /// A validation error names the line and column of the text that produced the offending entry or
    /// instruction (`ValidationError.textPosition`), as well as the byte offset in the binary form.
    ///
    /// - Throws: what `init(wat:features:)` throws.
    public init(wat utf8: [UInt8], features: Features = .deterministic) throws(ModuleError) {
        let bytes: [UInt8]
        let sourceMap: [TextMark]
        do {
            let parsed = try SExpression.parseWithAnnotations(utf8: utf8)
            (bytes, sourceMap) = try wat2wasmWithSourceMap(parsed.expressions, annotations: parsed.annotations)
        } catch {
            throw .malformedText(error)
        }
        do {
            try self.init(bytes: bytes, features: features)
        } catch {
            guard case .invalid(var validation) = error, let mark = Self.mark(at: validation.offset, in: sourceMap)
            else { throw error }
            validation.textPosition = TextPosition(line: mark.line, column: mark.column)
            throw .invalid(validation)
        }
    }

    /// The last source-map entry at or before `offset`.
    private static func mark(at offset: Int, in sourceMap: [TextMark]) -> TextMark? {
        var low = 0
        var high = sourceMap.count
        while low < high {
            let middle = (low + high) / 2
            if sourceMap[middle].offset <= offset { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : sourceMap[low - 1]
    }

    /// The module's name from the `name` custom section, if it has one.
    public var name: String? { validated.parsed.names?.moduleName }

    /// The names of the module's custom sections, in the order they appear.
    public var customSectionNames: [String] { validated.parsed.customSections.map(\.name) }
}

extension Module {
    /// A human-readable summary: types, imports, exports and section counts (what `repro-wasm inspect` prints).
    public var summary: String {
        let parsed = validated.parsed
        var lines: [String] = []
        lines.append("types: \(parsed.types.count)")
        for (index, type) in parsed.types.enumerated() { lines.append("  type[\(index)] \(type)") }
        lines.append("imports: \(parsed.imports.count)")
        for entry in imports { lines.append("  \(entry)") }
        lines.append("functions: \(parsed.functionTypeIndices.count) defined, \(parsed.importedFunctionCount) imported")
        lines.append(
            "tables: \(parsed.tables.count), memories: \(parsed.memories.count), globals: \(parsed.globals.count)")
        lines.append("exports: \(parsed.exports.count)")
        for (export, entry) in zip(parsed.exports, exports) { lines.append("  \(entry) (index \(export.index))") }
        if let start = parsed.start { lines.append("start: function \(start)") }
        lines.append("element segments: \(parsed.elements.count), data segments: \(parsed.data.count)")
        lines.append("custom sections: \(parsed.customSections.map { "\"\($0.name)\"" }.joined(separator: ", "))")
        lines.append("code words: \(validated.code.count)")
        return lines.joined(separator: "\n")
    }
}
