import ReproWASI
import ReproWasm

/// Where a codec's WASI 0.2 imports come from.
///
/// The reference host (numcodecs-wasm 0.2.5) links every codec to `wasi-sandboxed:merged`, a WASI
/// 0.2.6 provider that is itself a component; with `.provider` the same component runs in the
/// codec's store, so its instructions count as the reference counts them. With `.native` the same
/// behaviour comes from Swift (`WASIPreview2`): the same random bytes, clock values and output, but
/// the provider's own instructions are not counted, so counts are lower than the reference's.
public enum WASISource {
    /// The provider component (`wasi-sandboxed:merged`), instantiated in each codec's store.
    case provider(Component)

    /// The built-in WASI 0.2.6 (`WASIPreview2`), one per codec store, writing to the host's
    /// `standardOutput` and `standardError`; needs no download.
    case native

    /// The provider component at `path`.
    ///
    /// - Throws: `CodecError` of kind `.wasi` when the file cannot be read or is not a component.
    public static func provider(contentsOf path: String) throws(CodecError) -> WASISource {
        do {
            return .provider(try Component(contentsOf: path))
        } catch {
            throw CodecError(.wasi, "cannot load the WASI provider \(path): \(error)")
        }
    }

    /// Where the provider is looked for when none is given: `$REPRO_WASM_WASI_PROVIDER` if set and not
    /// empty, else `~/.cache/repro-wasm/codecs/wasi-sandboxed-merged.wasm` (where
    /// `scripts/fetch-wasi-provider.py` puts it); nil when neither variable is set.
    ///
    /// - Parameter environment: Looks up an environment variable (`getenv` in the CLI).
    public static func defaultProviderPath(environment: (String) -> String?) -> String? {
        if let path = environment("REPRO_WASM_WASI_PROVIDER"), !path.isEmpty { return path }
        if let home = environment("HOME"), !home.isEmpty {
            return home + "/.cache/repro-wasm/codecs/wasi-sandboxed-merged.wasm"
        }
        return nil
    }

    /// `provider` or `native`, as the CLI's `--wasi` option spells it.
    public var name: String {
        switch self {
        case .provider: "provider"
        case .native: "native"
        }
    }
}

/// The level of a message a codec logs through `wasi:logging/logging`.
public enum CodecLogLevel: String, Sendable, CaseIterable {
    /// `trace`.
    case trace
    /// `debug`.
    case debug
    /// `info`.
    case info
    /// `warn`.
    case warn
    /// `error`.
    case error
    /// `critical`.
    case critical
}

/// What the host gives every codec it creates: WASI, sinks for logging and standard output and error,
/// the registry that codecs such as `onion` and `pressio` ask for other codecs, and the store limits.
///
///     var host = CodecHost(wasi: try .provider(contentsOf: path))
///     host.log = { level, context, message in print("[\(level)] \(context): \(message)") }
///     let codec = try Codec(component, configuration: #"{"level": 3}"#, host: host)
public struct CodecHost {
    /// Where WASI 0.2 comes from.
    public var wasi: WASISource
    /// Receives what codecs log (`wasi:logging/logging#log`); ignores it by default. Host work: it
    /// counts no instructions.
    public var log: (_ level: CodecLogLevel, _ context: String, _ message: String) -> Void
    /// Receives what codecs write to standard output (through the WASI provider); ignored by default.
    public var standardOutput: (_ bytes: [UInt8]) -> Void
    /// Receives what codecs write to standard error (through the WASI provider); ignored by default.
    public var standardError: (_ bytes: [UInt8]) -> Void
    /// Resolves `numcodecs:abc/registry#get-external-codec(config)` for codecs that build on other
    /// codecs; nil (the default) answers every request with an error.
    public var registry: CodecRegistry?
    /// The limits of every codec's store.
    public var limits: StoreLimits
    /// The most instructions one step may count: construction as a whole, then each call (`encode`,
    /// `decode`, `configuration()`, ...); a step that would count more traps with "out of fuel"
    /// (`CodecError.Kind.trap`), which bounds a codec stuck on bad input. `nil` (the default) is no
    /// bound. Fuel never changes the counts of steps that finish.
    public var fuelPerCall: UInt64?

    /// A host with `wasi`, no sinks, no registry and default limits.
    public init(wasi: WASISource, limits: StoreLimits = StoreLimits()) {
        self.wasi = wasi
        self.limits = limits
        fuelPerCall = nil
        log = { _, _, _ in }
        standardOutput = { _ in }
        standardError = { _ in }
        registry = nil
    }
}

/// Creates the codecs a codec asks the host for through `numcodecs:abc/registry@0.1.1`.
///
/// `codec(configuration:)` gets the JSON configuration the guest passed (with its `"id"`), and
/// returns a codec the guest then drives through `external-codec` handles: typically a `Codec` built
/// from the component whose id matches, in its own store (so its instructions are not counted in the
/// caller's store, as with the reference host, whose registry creates independent codecs).
public protocol CodecRegistry {
    /// The codec for `configuration` (a JSON object with an `"id"` field).
    ///
    /// - Throws: `CodecError`; its message and chain are returned to the guest as its `error`.
    func codec(configuration: String) throws(CodecError) -> Codec
}
