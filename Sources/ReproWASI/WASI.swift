import ReproWasm

/// Where a program's standard input comes from: a function returning up to the number of bytes
/// asked for, an empty array at the end.
///
///     let input = WASIInput(bytes: Array("3 4\n".utf8))
public struct WASIInput {
    let read: (Int) -> [UInt8]

    /// Input read by `read`, called with the most bytes the program can take.
    public init(read: @escaping (_ maxCount: Int) -> [UInt8]) { self.read = read }

    /// Input that is at its end at once.
    public static var empty: WASIInput { WASIInput { _ in [] } }

    /// Input that gives `bytes`, then its end.
    public init(bytes: [UInt8]) {
        var remaining = bytes[...]
        self.read = { count in
            let chunk = remaining.prefix(count)
            remaining = remaining.dropFirst(chunk.count)
            return Array(chunk)
        }
    }
}

/// Where a program's standard output or error goes: a function given each write's bytes, and one
/// told when the program flushes (WASI 0.2's `flush` and `blocking-write-and-flush`; preview 1 has
/// no flush of its own).
///
///     var text: [UInt8] = []
///     let output = WASIOutput { text += $0 }    // or keep a class to read it back later
public struct WASIOutput {
    let write: ([UInt8]) -> Void
    let flush: () -> Void

    /// Output passed to `write`, once per `fd_write` (or WASI 0.2 stream write); flushes do nothing.
    public init(write: @escaping (_ bytes: [UInt8]) -> Void) {
        self.write = write
        self.flush = {}
    }

    /// Output passed to `write`, once per write, with `flush` called once per flush the program asks for.
    public init(write: @escaping (_ bytes: [UInt8]) -> Void, flush: @escaping () -> Void) {
        self.write = write
        self.flush = flush
    }

    /// Output that is thrown away.
    public static var discard: WASIOutput { WASIOutput { _ in } }
}

/// A directory the program finds already open, under the name `guestPath`.
///
///     WASIPreopen(guestPath: "/data", directory: try WASIDirectory(hostPath: "./data"))
public struct WASIPreopen {
    /// The name the program sees (`fd_prestat_dir_name`), usually absolute such as `/` or `/data`.
    public var guestPath: String
    /// The tree behind it.
    public var directory: WASIDirectory

    /// A preopen of `directory` named `guestPath`.
    public init(guestPath: String, directory: WASIDirectory) {
        self.guestPath = guestPath
        self.directory = directory
    }
}

/// `proc_exit`: the program asked to end with `code`. Thrown from the host function, so the call
/// traps with `TrapCode.hostError` carrying it; `WASI.run(_:)` turns it into the exit code.
public struct WASIExit: Error, Equatable, CustomStringConvertible {
    /// The exit code the program gave.
    public let code: UInt32

    /// An exit with `code`, for host functions of the embedder's own that end a run the same way.
    public init(code: UInt32) { self.code = code }

    /// The description a trap shows: `exit with code N`.
    public var description: String { "exit with code \(code)" }
}

/// A deterministic `wasi_snapshot_preview1`: the arguments, environment, standard streams and
/// preopened directories the embedder chooses, a virtual clock and a seeded PCG64, nothing from the
/// host process unless the embedder passes it in. The same program and inputs give the same
/// output, exit code and instruction count on every machine.
///
/// One `WASI` holds the state of one program run (descriptors, clock, random generator): link it
/// into the `Imports` of one store. Every function of preview 1 is defined; those that cannot apply
/// return the error the ABI allows (sockets `notSocket`, `proc_raise` `noSystem`).
///
///     let wasi = WASI(arguments: ["hello"], stdout: WASIOutput { print(String(decoding: $0, as: UTF8.self), terminator: "") })
///     var imports = Imports()
///     wasi.link(into: &imports)
///     let store = Store()
///     let instance = try store.instantiate(module, imports: imports)
///     let code = try wasi.run(instance)   // 0 unless the program exited otherwise
public final class WASI {
    /// The name `wasi_snapshot_preview1` functions are imported from.
    public static let moduleName = "wasi_snapshot_preview1"

    let arguments: [[UInt8]]
    let environment: [[UInt8]]
    let stdin: WASIInput
    let stdout: WASIOutput
    let stderr: WASIOutput
    let preopens: [WASIPreopen]
    /// The virtual clock; `poll_oneoff` sleeps move it.
    public internal(set) var clock: VirtualClock
    /// The random generator `random_get` draws from.
    public internal(set) var random: Lcg128Xsl64
    var descriptors: [UInt32: Descriptor] = [:]

    /// Creates the WASI state for one run.
    ///
    /// - Parameters:
    ///   - arguments: `argv`, the program name first.
    ///   - environment: The variables as `(name, value)` pairs, in the order the program sees them.
    ///   - stdin, stdout, stderr: The standard streams (empty input and discarded output by default).
    ///   - preopens: Directories opened as descriptors 3, 4, ... in this order.
    ///   - random: The generator (the determinism contract's seed by default).
    ///   - clock: The clock (both clocks start at 0 ns by default).
    public init(
        arguments: [String] = [], environment: [(String, String)] = [], stdin: WASIInput = .empty,
        stdout: WASIOutput = .discard, stderr: WASIOutput = .discard, preopens: [WASIPreopen] = [],
        random: Lcg128Xsl64 = Lcg128Xsl64(), clock: VirtualClock = VirtualClock()
    ) {
        self.arguments = arguments.map { Array($0.utf8) }
        self.environment = environment.map { Array("\($0.0)=\($0.1)".utf8) }
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.preopens = preopens
        self.random = random
        self.clock = clock
        descriptors[0] = Descriptor(stream: .stdin, rights: Rights.stream & ~Rights.fdWrite)
        descriptors[1] = Descriptor(stream: .stdout, rights: Rights.stream & ~Rights.fdRead)
        descriptors[2] = Descriptor(stream: .stderr, rights: Rights.stream & ~Rights.fdRead)
        for (index, preopen) in preopens.enumerated() {
            let tree = preopen.directory
            tree.device = UInt64(index + 1)
            tree.loadTime = clock.now
            tree.root.accessTime = clock.now
            tree.root.modifyTime = clock.now
            tree.root.changeTime = clock.now
            let mask = tree.isWritable ? UInt64.max : ~Rights.mutating
            let descriptor = Descriptor(
                node: tree.root, rights: Rights.directory & mask, inheriting: Rights.directoryInheriting & mask)
            descriptor.preopenName = Array(preopen.guestPath.utf8)
            descriptors[UInt32(index + 3)] = descriptor
        }
    }

    /// Defines every `wasi_snapshot_preview1` function in `imports`.
    public func link(into imports: inout Imports) {
        for function in Self.functions(self) {
            imports.defineFunction(module: Self.moduleName, name: function.name, type: function.type, function.body)
        }
    }

    /// Runs the program's `_start` and returns its exit code: 0 when `_start` returns, the code
    /// `proc_exit` gave otherwise. Changed files of writable host directories are written back.
    ///
    /// - Throws: `WASIError.noStart` if the instance exports no `_start` of type `() -> ()`, `.trap`
    ///   if it trapped.
    public func run(_ instance: Instance) throws(WASIError) -> UInt32 {
        defer { flush() }
        guard let function = instance.function(named: "_start"), let start = try? function.typed() else {
            throw .noStart
        }
        do {
            try start()
            return 0
        } catch {
            if let exit = error.hostError as? WASIExit { return exit.code }
            throw .trap(error)
        }
    }

    /// Writes changed files of writable host-mapped preopens back to the host (`run` does it).
    public func flush() {
        for preopen in preopens { preopen.directory.flush() }
    }

    func fillRandom(_ buffer: UnsafeMutableRawBufferPointer) { random.fill(buffer) }
}

/// Why `WASI.run(_:)` failed.
public enum WASIError: Error, CustomStringConvertible {
    /// The instance exports no `_start` function of type `() -> ()`.
    case noStart
    /// The program trapped (other than by `proc_exit`).
    case trap(Trap)

    /// What went wrong, in one line.
    public var description: String {
        switch self {
        case .noStart: "the module exports no _start function of type () -> ()"
        case .trap(let trap): trap.description
        }
    }
}

/// An open file descriptor of a WASI run.
final class Descriptor {
    enum Stream {
        case stdin, stdout, stderr
    }

    let stream: Stream?
    let node: Node?
    var rightsBase: UInt64
    var rightsInheriting: UInt64
    var flags: UInt16 = 0
    var position: UInt64 = 0
    /// The guest name of a preopened directory.
    var preopenName: [UInt8]?

    init(stream: Stream, rights: UInt64) {
        self.stream = stream
        node = nil
        rightsBase = rights
        rightsInheriting = 0
    }

    init(node: Node, rights: UInt64, inheriting: UInt64) {
        stream = nil
        self.node = node
        rightsBase = rights
        rightsInheriting = inheriting
    }

    func require(_ rights: UInt64) throws(WASIErrno) {
        guard rightsBase & rights == rights else { throw .notCapable }
    }
}
