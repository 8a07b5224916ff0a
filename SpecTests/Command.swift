import Foundation
import ReproWasm

/// One command of a converted `.wast` script (WABT's `wast2json` format, as `wasm-tools json-from-wast`
/// writes it).
///
/// Every command type of the suite is modelled, execution ones included, so the runner can grow into
/// them without touching the parser: values keep their exact bit patterns, and NaN expectations keep
/// which NaNs they accept.
enum Command {
    case module(line: Int, name: String?, file: ModuleFile)
    case moduleDefinition(line: Int, name: String?, file: ModuleFile)
    case moduleInstance(line: Int, instance: String?, module: String?)
    case register(line: Int, name: String?, as: String)
    case action(line: Int, Action)
    case assertReturn(line: Int, Action, expected: [ExpectedValue])
    case assertTrap(line: Int, Action, text: String)
    case assertExhaustion(line: Int, Action, text: String)
    case assertException(line: Int, Action)
    case assertMalformed(line: Int, file: ModuleFile, text: String)
    case assertInvalid(line: Int, file: ModuleFile, text: String)
    case assertUnlinkable(line: Int, file: ModuleFile, text: String)
    case assertUninstantiable(line: Int, file: ModuleFile, text: String)
    case assertMalformedCustom(line: Int, file: ModuleFile, text: String)
    case assertInvalidCustom(line: Int, file: ModuleFile, text: String)
    /// A command type this runner does not know.
    case unknown(line: Int, type: String)

    var line: Int {
        switch self {
        case .module(let line, _, _), .moduleDefinition(let line, _, _), .moduleInstance(let line, _, _),
            .register(let line, _, _), .action(let line, _), .assertReturn(let line, _, _),
            .assertTrap(let line, _, _), .assertExhaustion(let line, _, _), .assertException(let line, _),
            .assertMalformed(let line, _, _), .assertInvalid(let line, _, _), .assertUnlinkable(let line, _, _),
            .assertUninstantiable(let line, _, _), .assertMalformedCustom(let line, _, _),
            .assertInvalidCustom(let line, _, _), .unknown(let line, _):
            line
        }
    }

    /// The command's type as the json spells it.
    var typeName: String {
        switch self {
        case .module: "module"
        case .moduleDefinition: "module_definition"
        case .moduleInstance: "module_instance"
        case .register: "register"
        case .action: "action"
        case .assertReturn: "assert_return"
        case .assertTrap: "assert_trap"
        case .assertExhaustion: "assert_exhaustion"
        case .assertException: "assert_exception"
        case .assertMalformed: "assert_malformed"
        case .assertInvalid: "assert_invalid"
        case .assertUnlinkable: "assert_unlinkable"
        case .assertUninstantiable: "assert_uninstantiable"
        case .assertMalformedCustom: "assert_malformed_custom"
        case .assertInvalidCustom: "assert_invalid_custom"
        case .unknown(_, let type): type
        }
    }
}

/// A module referenced by a command: a `.wasm` or `.wat` file next to the json, or a module read from
/// the `.wast` script itself.
struct ModuleFile {
    enum Format { case binary, text }

    /// Where the module's bytes come from.
    enum Source {
        /// A file next to the json; for text modules that `wasm-tools` could also encode, the `.wasm`
        /// it wrote.
        case file(format: Format, binaryFilename: String?)
        /// Read from the `.wast`: the module's bytes, or why its text could not be converted. `isQuoted`:
        /// a `(module quote ...)`, whose text the script may hold malformed on purpose.
        case script(Result<[UInt8], TextError>, isQuoted: Bool)
    }

    /// The file's name (for a script module, the name the json conversion gives it).
    var filename: String
    var source: Source
    /// The name `modules.tsv` and `out-of-profile.tsv` know the module by: its `.wasm`.
    var manifestName: String?

    /// A file next to the json.
    init(filename: String, format: Format, binaryFilename: String?) {
        self.filename = filename
        self.source = .file(format: format, binaryFilename: binaryFilename)
        self.manifestName = format == .binary ? filename : binaryFilename
    }

    init(filename: String, source: Source, manifestName: String?) {
        self.filename = filename
        self.source = source
        self.manifestName = manifestName
    }

    /// The binary file to load, if the module is a file and there is one.
    var binaryToLoad: String? {
        guard case .file(let format, let binaryFilename) = source else { return nil }
        return format == .binary ? filename : binaryFilename
    }

    /// Whether the module is text that no binary stands for: a json `.wat` without a `.wasm`, or a
    /// quoted script module.
    var isTextOnly: Bool {
        switch source {
        case .file(let format, let binaryFilename): format == .text && binaryFilename == nil
        case .script(_, let isQuoted): isQuoted
        }
    }
}

/// An `invoke` or `get` of an export.
enum Action {
    case invoke(module: String?, field: String, args: [SpecValue])
    case get(module: String?, field: String)
}

/// A concrete value, bit-exact: floats are kept as their bit patterns.
enum SpecValue: Equatable {
    case i32(UInt32)
    case i64(UInt64)
    case f32(bits: UInt32)
    case f64(bits: UInt64)
    /// Sixteen bytes, little-endian lane order.
    case v128(V128)
    case funcRef(Reference)
    case externRef(Reference)
    /// A reference of another type (`anyref`, `exnref`, ...), kept so that out-of-profile scripts parse.
    case otherRef(type: String, Reference)
}

/// A reference argument or result.
enum Reference: Equatable {
    case null
    /// `externref N`: a host reference the script names by number.
    case host(UInt32)
    /// An expected non-null reference whose identity is not given (`(ref.func)`, `(ref.extern)`).
    case nonNull
}

/// A v128 as sixteen bytes.
struct V128: Equatable {
    var bytes: [UInt8]

    init(bytes: [UInt8]) {
        precondition(bytes.count == 16)
        self.bytes = bytes
    }

    /// Packs lanes of `laneBits` bits each (their low bits are used), lane 0 first.
    init(lanes: [UInt64], laneBits: Int) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for lane in lanes {
            for byte in 0..<(laneBits / 8) { bytes.append(UInt8(truncatingIfNeeded: lane >> UInt64(byte * 8))) }
        }
        self.init(bytes: bytes)
    }
}

/// Which NaNs a float expectation accepts.
enum NaNPattern: Equatable {
    /// Only the canonical NaN (either sign): quiet bit set, payload otherwise zero.
    case canonical
    /// Any NaN with the quiet bit set.
    case arithmetic
}

/// One lane of an expected v128.
enum LaneExpectation: Equatable {
    /// These bits exactly (the lane's width).
    case bits(UInt64)
    case nan(NaNPattern)
}

/// The shape of a v128 as the script writes it.
enum LaneShape: String {
    case i8, i16, i32, i64, f32, f64

    var bits: Int {
        switch self {
        case .i8: 8
        case .i16: 16
        case .i32, .f32: 32
        case .i64, .f64: 64
        }
    }

    var laneCount: Int { 128 / bits }
}

/// An expected result of `assert_return`.
enum ExpectedValue: Equatable {
    case exact(SpecValue)
    case f32NaN(NaNPattern)
    case f64NaN(NaNPattern)
    /// A v128 compared lane by lane, since lanes may be NaN patterns.
    case v128(LaneShape, [LaneExpectation])
    /// `refnull`: a null reference of any type.
    case anyNullReference
    /// Any of several results (`either`).
    case either([ExpectedValue])
}

/// A problem in a json script.
struct ScriptError: Error, CustomStringConvertible {
    var description: String
}
