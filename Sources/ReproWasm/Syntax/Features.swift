/// A WebAssembly proposal that the engine knows by name.
///
/// Supported proposals can be switched on and off in `Features`; unsupported ones are still
/// recognised so that a module using them is rejected with an error naming the proposal.
public enum Feature: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The WebAssembly 1.0 core (always on).
    case mvp
    /// Import and export of mutable globals.
    case mutableGlobals
    /// `i32.extend8_s` and friends.
    case signExtension
    /// Saturating float-to-int conversions (`i32.trunc_sat_f32_s`, ...).
    case nonTrappingFloatToInt
    /// Several results for blocks and functions, block types by type index.
    case multiValue
    /// `memory.copy/fill/init`, `data.drop`, `table.init/copy`, `elem.drop`, passive segments.
    case bulkMemory
    /// Fixed-width 128-bit SIMD.
    case simd
    /// More than one memory.
    case multiMemory
    /// `i64.add128`, `i64.sub128`, `i64.mul_wide_s/u`.
    case wideArithmetic
    /// `funcref`/`externref` values, several tables, `table.*` and `ref.*` instructions.
    case referenceTypes
    /// `return_call` and `return_call_indirect`.
    case tailCalls
    /// `i32/i64.add/sub/mul` in constant expressions.
    case extendedConst
    /// Threads and atomics (never supported: races are not reproducible).
    case threads
    /// Relaxed SIMD (never supported: results depend on the platform).
    case relaxedSimd
    /// Exception handling, `exnref` form: tags, `try_table`, `throw`, `throw_ref`, `exnref`.
    case exceptions
    /// 64-bit memory indices.
    case memory64
    /// Garbage-collected structs and arrays.
    case gc
    /// Typed function references.
    case functionReferences
    /// Memories with page sizes other than 64 KiB.
    case customPageSizes
    /// Stack switching (continuations).
    case stackSwitching
    /// The legacy exception handling instructions (`try`, `catch`, `delegate`, `rethrow`), superseded
    /// by the `exnref` form and never supported.
    case legacyExceptions

    /// Whether the engine implements this proposal at all.
    public var isImplemented: Bool {
        rawValue <= Feature.extendedConst.rawValue || self == .exceptions || self == .functionReferences
    }

    /// The proposal's usual name, as used in error messages.
    public var description: String {
        switch self {
        case .mvp: "mvp"
        case .mutableGlobals: "mutable globals"
        case .signExtension: "sign extension"
        case .nonTrappingFloatToInt: "non-trapping float-to-int"
        case .multiValue: "multi-value"
        case .bulkMemory: "bulk memory"
        case .simd: "simd"
        case .multiMemory: "multi-memory"
        case .wideArithmetic: "wide arithmetic"
        case .referenceTypes: "reference types"
        case .tailCalls: "tail calls"
        case .extendedConst: "extended const"
        case .threads: "threads"
        case .relaxedSimd: "relaxed simd"
        case .exceptions: "exceptions"
        case .memory64: "memory64"
        case .gc: "gc"
        case .functionReferences: "function references"
        case .customPageSizes: "custom page sizes"
        case .stackSwitching: "stack switching"
        case .legacyExceptions: "legacy exceptions"
        }
    }
}

/// The set of proposals a module may use.
///
/// The default is `.deterministic`, the profile of the determinism contract; `.full` adds every
/// implemented opt-in proposal. Unimplemented proposals cannot be enabled.
///
///     let features = Features.deterministic.union(.tailCalls)
public struct Features: OptionSet, Sendable, Hashable, CustomStringConvertible {
    /// The bits, one per `Feature` raw value.
    public let rawValue: UInt32

    /// Creates a set from its bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Creates a set with one proposal.
    public init(_ feature: Feature) { self.rawValue = 1 << UInt32(feature.rawValue) }

    /// Whether `feature` is in the set (the MVP always is).
    public func contains(_ feature: Feature) -> Bool {
        feature == .mvp || rawValue & (1 << UInt32(feature.rawValue)) != 0
    }

    /// Mutable-global import/export.
    public static let mutableGlobals = Features(.mutableGlobals)
    /// Sign-extension operators.
    public static let signExtension = Features(.signExtension)
    /// Saturating float-to-int conversions.
    public static let nonTrappingFloatToInt = Features(.nonTrappingFloatToInt)
    /// Multi-value.
    public static let multiValue = Features(.multiValue)
    /// Bulk memory operations.
    public static let bulkMemory = Features(.bulkMemory)
    /// Fixed-width SIMD.
    public static let simd = Features(.simd)
    /// Multiple memories.
    public static let multiMemory = Features(.multiMemory)
    /// Wide arithmetic.
    public static let wideArithmetic = Features(.wideArithmetic)
    /// Reference types.
    public static let referenceTypes = Features(.referenceTypes)
    /// Exception handling, `exnref` form.
    public static let exceptions = Features(.exceptions)
    /// Tail calls (opt-in).
    public static let tailCalls = Features(.tailCalls)
    /// Extended constant expressions (opt-in).
    public static let extendedConst = Features(.extendedConst)
    /// Typed function references (opt-in): `(ref null? $t)` types, `call_ref`, `return_call_ref`,
    /// `ref.as_non_null`, `br_on_null`, `br_on_non_null`, non-null locals, table initialisers.
    public static let functionReferences = Features(.functionReferences)

    /// The profile of the determinism contract (`docs/DETERMINISM.md` §1); the default everywhere.
    ///
    /// It matches the reference host, numcodecs-wasm 0.2.5: the 2025 profile plus reference types
    /// and exception handling.
    public static let deterministic: Features = deterministic2025.union([.referenceTypes, .exceptions])

    /// The narrower deterministic profile of 2025, without reference types and exceptions (the
    /// reference host's earlier feature set); `deterministic` minus those two.
    ///
    ///     let engine = Engine(features: .deterministic2025)
    public static let deterministic2025: Features = [
        .mutableGlobals, .signExtension, .nonTrappingFloatToInt, .multiValue, .bulkMemory, .simd,
        .multiMemory, .wideArithmetic,
    ]

    /// Everything the engine implements: the deterministic profile plus tail calls, extended-const
    /// and typed function references. The spec runner uses it.
    public static let full: Features = deterministic.union([.tailCalls, .extendedConst, .functionReferences])

    /// The proposals in the set, comma separated.
    public var description: String {
        Feature.allCases.filter { $0 != .mvp && contains($0) }.map(\.description).joined(separator: ", ")
    }
}
