import ReproWasm

/// A deterministic WASI 0.2 (interfaces at version 0.2.6) implemented in Swift, for components
/// that are run without a WASI provider component.
///
/// It behaves as the reference host's provider component (`wasi-sandboxed:merged`, embedded in
/// numcodecs-wasm 0.2.5) does, so a component sees the same values either way:
///
/// - `wasi:cli/environment`: no variables, no arguments, no initial working directory;
/// - `wasi:cli/stdin`: a stream that is closed, so every read, skip and splice from it gives the
///   `closed` stream error; `wasi:cli/stdout` and `stderr`: streams whose writes and flushes go to
///   the sinks given to `init` (one sink call per write, an empty write included); `check-write`
///   always allows 4096 bytes, and a longer write is not refused;
/// - `wasi:cli/exit`: traps, throwing `WASIExit` (code 0 for `ok`, 1 for `err`);
/// - no terminals, no preopened directories, so no file descriptor ever exists;
/// - `wasi:clocks`: one clock in nanoseconds that starts at 0, with a resolution of 1 ns, read by
///   both `monotonic-clock.now` and `wall-clock.now` (as seconds and nanoseconds). It moves only
///   when a pollable is made for it: `subscribe-duration(d)` adds `d` (wrapping around at 2^64)
///   and `subscribe-instant(t)` moves it to `t` if that is later, both at the time of the call.
///   Every pollable is ready at once (`ready` is true, `block` and `poll` return at once, `poll`
///   with every index in order);
/// - `wasi:random/random`, `insecure` and `insecure-seed`: all draw from one `Lcg128Xsl64`.
///   Bytes are whole outputs written little-endian, a last partial output giving its low bytes
///   (`Lcg128Xsl64.fill(_:)`); a `u64` is one output; the insecure seed is two outputs, in order.
///
/// Host calls count no instructions; with the provider component its wasm is counted instead, so
/// only the instruction counts differ between the two. Use one `WASIPreview2` per store, the way
/// the reference host makes one provider instance per codec: it holds that store's clock and
/// generator. It is not thread-safe, as a store is not.
///
///     var output: [UInt8] = []
///     let wasi = WASIPreview2(stdout: WASIOutput { output += $0 })
///     var imports = ComponentImports()
///     wasi.define(in: &imports)
///     let instance = try Store().instantiate(component, imports: imports)
public final class WASIPreview2 {
    /// The version of the WASI 0.2 interfaces defined: `0.2.6`, the provider component's.
    public static let version = "0.2.6"

    /// The name of every interface `define(in:)` defines, as components import it
    /// (`wasi:io/streams@0.2.6`, ...): the interfaces the provider component exports.
    public static let interfaces: [String] = Interface.allCases.map(\.name)

    /// The largest list a call may ask the host to make (random bytes, zeroes to write): the
    /// engine's cap on one lifted list (`docs/DETERMINISM.md` §5), which the provider component's
    /// list would meet when the engine lifts it; a larger request traps in both, without making
    /// the list here.
    public static let maxListLength: UInt64 = 1 << 24

    let stdout: WASIOutput
    let stderr: WASIOutput

    /// The clock both `wasi:clocks` interfaces read, in nanoseconds.
    public private(set) var now: UInt64
    /// The generator every `wasi:random` interface draws from.
    public private(set) var random: Lcg128Xsl64

    /// Creates the WASI state of one store.
    ///
    /// - Parameters:
    ///   - stdout, stderr: Where the component's standard output and error go (discarded by default).
    ///   - random: The generator (the determinism contract's seed by default, as the provider's).
    ///   - now: The clock's start in nanoseconds (0 by default, as the provider's).
    public init(
        stdout: WASIOutput = .discard, stderr: WASIOutput = .discard, random: Lcg128Xsl64 = Lcg128Xsl64(),
        now: UInt64 = 0
    ) {
        self.stdout = stdout
        self.stderr = stderr
        self.random = random
        self.now = now
    }

    /// Defines every function and resource of every interface in `WASIPreview2.interfaces` in
    /// `imports`, so any component that imports WASI 0.2.6 (a codec, a program) links to this object.
    ///
    /// The functions hold this object strongly; its state (clock, generator) lives as long as they do.
    public func define(in imports: inout ComponentImports) {
        let resources = defineResources(in: &imports)
        defineIO(in: &imports, resources)
        defineCLI(in: &imports, resources)
        defineClocks(in: &imports, resources)
        defineRandom(in: &imports)
        defineFilesystem(in: &imports)
    }

    /// The resource types this object implements, one per WASI resource.
    struct Resources {
        var pollable: HostResource
        var error: HostResource
        var inputStream: HostResource
        var outputStream: HostResource
    }

    func defineResources(in imports: inout ComponentImports) -> Resources {
        // No resource holds any state: a pollable is always ready, stdin is always closed and an
        // output stream's representation says which sink it writes to. So handles need no table and
        // drops need no destructor. Errors, descriptors, directory streams and terminals are never made.
        let resources = Resources(
            pollable: imports.defineResource(instance: Interface.poll.name, name: "pollable"),
            error: imports.defineResource(instance: Interface.error.name, name: "error"),
            inputStream: imports.defineResource(instance: Interface.streams.name, name: "input-stream"),
            outputStream: imports.defineResource(instance: Interface.streams.name, name: "output-stream"))
        _ = imports.defineResource(instance: Interface.terminalInput.name, name: "terminal-input")
        _ = imports.defineResource(instance: Interface.terminalOutput.name, name: "terminal-output")
        _ = imports.defineResource(instance: Interface.filesystemTypes.name, name: "descriptor")
        _ = imports.defineResource(instance: Interface.filesystemTypes.name, name: "directory-entry-stream")
        return resources
    }

    /// Moves the clock by `duration` nanoseconds, wrapping around at 2^64 as the provider's does.
    func advance(by duration: UInt64) { now &+= duration }

    /// Moves the clock to `instant` if that is later than now.
    func advance(to instant: UInt64) { now = max(now, instant) }

    /// `count` bytes from the generator.
    ///
    /// Beyond `maxListLength` this traps, as the provider's call does when the engine lifts its
    /// result, and leaves the generator where the provider leaves its own: a count that fits the
    /// provider's 32-bit `usize` is drawn (one output per 8 bytes or part of 8) before the lift
    /// traps; a larger one panics before drawing. (Only a provider whose memory cannot hold the list
    /// differs: it traps before drawing.)
    func randomBytes(_ count: UInt64, function: String) throws(WASIPreview2Error) -> ComponentValue {
        guard count <= Self.maxListLength else {
            if count <= UInt64(UInt32.max) { random.advance(by: (count + 7) / 8) }
            throw WASIPreview2Error(.listTooLong(count), function: function)
        }
        var bytes = [UInt8](repeating: 0, count: Int(count))
        random.fill(&bytes)
        return .list(bytes.map { .u8($0) })
    }

    /// The next output of the generator.
    func randomU64() -> UInt64 { random.next() }
}

/// The interfaces of WASI 0.2.6 the provider component exports.
enum Interface: CaseIterable {
    case environment, exit, error, poll, streams, stdin, stdout, stderr
    case terminalInput, terminalOutput, terminalStdin, terminalStdout, terminalStderr
    case monotonicClock, wallClock, filesystemTypes, preopens, insecureSeed, insecure, random

    /// The name a component imports it by.
    var name: String {
        let path =
            switch self {
            case .environment: "cli/environment"
            case .exit: "cli/exit"
            case .error: "io/error"
            case .poll: "io/poll"
            case .streams: "io/streams"
            case .stdin: "cli/stdin"
            case .stdout: "cli/stdout"
            case .stderr: "cli/stderr"
            case .terminalInput: "cli/terminal-input"
            case .terminalOutput: "cli/terminal-output"
            case .terminalStdin: "cli/terminal-stdin"
            case .terminalStdout: "cli/terminal-stdout"
            case .terminalStderr: "cli/terminal-stderr"
            case .monotonicClock: "clocks/monotonic-clock"
            case .wallClock: "clocks/wall-clock"
            case .filesystemTypes: "filesystem/types"
            case .preopens: "filesystem/preopens"
            case .insecureSeed: "random/insecure-seed"
            case .insecure: "random/insecure"
            case .random: "random/random"
            }
        return "wasi:\(path)@\(WASIPreview2.version)"
    }
}

/// Why a WASI 0.2 host function of `WASIPreview2` trapped (other than `exit`, which throws
/// `WASIExit`). The engine reports it as a `ComponentTrap` of kind `.host`.
public struct WASIPreview2Error: Error, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Equatable, Sendable {
        /// The call asked for a list longer than `WASIPreview2.maxListLength`.
        case listTooLong(UInt64)
        /// The call named a resource this host never made (a descriptor, a terminal, an error: none
        /// ever exists) or a handle whose representation it does not know.
        case noSuchResource(String)
        /// The arguments do not have the types the function declares (only possible when the host
        /// functions are called directly, not through a component).
        case badArguments
    }

    /// What went wrong.
    public let reason: Reason
    /// The function, as `interface#name` (`wasi:random/random@0.2.6#get-random-bytes`).
    public let function: String

    init(_ reason: Reason, function: String) {
        self.reason = reason
        self.function = function
    }

    /// The function and the reason, in one line.
    public var description: String {
        switch reason {
        case .listTooLong(let count):
            "\(function): a list of \(count) elements exceeds the host's limit of \(WASIPreview2.maxListLength)"
        case .noSuchResource(let name): "\(function): no \(name) exists"
        case .badArguments: "\(function): arguments of the wrong types"
        }
    }
}

extension ComponentImports {
    /// Defines `name` of `interface` with a body given the arguments and the function's full name
    /// (for errors).
    mutating func define(
        _ interface: Interface, _ name: String,
        _ body: @escaping (_ arguments: [ComponentValue], _ function: String) throws -> [ComponentValue]
    ) {
        let function = "\(interface.name)#\(name)"
        defineFunction(instance: interface.name, name: name) { arguments in try body(arguments, function) }
    }
}

extension Array where Element == ComponentValue {
    /// Argument `index` as a `u64`.
    func u64(_ index: Int, _ function: String) throws(WASIPreview2Error) -> UInt64 {
        guard index < count, case .u64(let value) = self[index] else {
            throw WASIPreview2Error(.badArguments, function: function)
        }
        return value
    }

    /// Argument `index` as the bytes of a `list<u8>`.
    func bytes(_ index: Int, _ function: String) throws(WASIPreview2Error) -> [UInt8] {
        guard index < count, case .list(let items) = self[index] else {
            throw WASIPreview2Error(.badArguments, function: function)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(items.count)
        for item in items {
            guard case .u8(let byte) = item else { throw WASIPreview2Error(.badArguments, function: function) }
            bytes.append(byte)
        }
        return bytes
    }

    /// Argument `index` as the representation of a handle (owned or borrowed) of `resource`.
    func handle(_ index: Int, of resource: HostResource, _ function: String) throws(WASIPreview2Error) -> UInt32 {
        guard index < count else { throw WASIPreview2Error(.badArguments, function: function) }
        switch self[index] {
        case .borrow(let handle), .own(let handle):
            guard handle.typeID == resource.typeID, let representation = try? handle.representation else {
                throw WASIPreview2Error(.badArguments, function: function)
            }
            return representation
        default: throw WASIPreview2Error(.badArguments, function: function)
        }
    }
}
