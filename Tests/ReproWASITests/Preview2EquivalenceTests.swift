import Foundation
import ReproWASI
import ReproWasm
import Testing

/// Runs one script of WASI 0.2 calls through the probe twice, once linked to `WASIPreview2` and once
/// to the reference host's provider component (`wasi-sandboxed:merged`, fetched by
/// scripts/fetch-wasi-provider.py) in the same store, and requires identical results: every value
/// returned, every trap, and every write and flush the host saw.
@Suite struct Preview2EquivalenceTests {
    /// One step's outcome: what the export returned, or that it trapped.
    enum Outcome: Equatable, CustomStringConvertible {
        case values(String, [ComponentValue])
        case trapped(String)

        var description: String {
            switch self {
            case .values(let name, let values): "\(name) -> \(values)"
            case .trapped(let name): "\(name) trapped"
            }
        }
    }

    /// Calls `name` and records the outcome; returns the `u32` it gave, if any (a handle).
    @discardableResult
    static func step(_ probe: Probe, _ log: inout [Outcome], _ name: String, _ arguments: ComponentValue...) -> UInt32 {
        do {
            let values = try probe.instance.function(named: name)!.call(arguments)
            log.append(.values(name, values))
            if case .u32(let value)? = values.first { return value }
        } catch {
            log.append(.trapped(name))
        }
        return 0
    }

    /// The script: random draws of every length class, clock moves, pollables, the three standard
    /// streams, the environment, and finally an exit (which traps).
    static func script(_ probe: Probe, exitSuccess: Bool) -> [Outcome] {
        var log: [Outcome] = []
        step(probe, &log, "random-u64")
        for count: UInt64 in [0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 16, 17, 31, 33, 64, 1000] {
            step(probe, &log, "random-bytes", .u64(count))
        }
        step(probe, &log, "insecure-u64")
        step(probe, &log, "insecure-bytes", .u64(11))
        step(probe, &log, "insecure-seed")
        step(probe, &log, "random-u64")

        step(probe, &log, "monotonic-now")
        step(probe, &log, "monotonic-resolution")
        step(probe, &log, "wall-now")
        step(probe, &log, "wall-resolution")
        let sleep = step(probe, &log, "subscribe-duration", .u64(1_500))
        step(probe, &log, "monotonic-now")
        step(probe, &log, "pollable-ready", .u32(sleep))
        step(probe, &log, "pollable-block", .u32(sleep))
        step(probe, &log, "monotonic-now")
        let past = step(probe, &log, "subscribe-instant", .u64(1_000))
        step(probe, &log, "monotonic-now")
        let later = step(probe, &log, "subscribe-instant", .u64(5_000_000_123))
        step(probe, &log, "wall-now")
        step(probe, &log, "poll", .list([.u32(later), .u32(sleep), .u32(past)]))
        step(probe, &log, "poll", .list([]))
        step(probe, &log, "drop-pollable", .u32(past))
        let again = step(probe, &log, "subscribe-duration", .u64(0))
        step(probe, &log, "pollable-ready", .u32(again))
        step(probe, &log, "subscribe-duration", .u64(.max))
        step(probe, &log, "monotonic-now")
        step(probe, &log, "wall-now")
        step(probe, &log, "subscribe-instant", .u64(.max))
        step(probe, &log, "wall-now")

        let out = step(probe, &log, "get-stdout")
        let err = step(probe, &log, "get-stderr")
        let input = step(probe, &log, "get-stdin")
        step(probe, &log, "check-write", .u32(out))
        step(probe, &log, "write", .u32(out), byteList(Array("hello, ".utf8)))
        step(probe, &log, "write", .u32(out), byteList([]))
        step(probe, &log, "blocking-write-and-flush", .u32(out), byteList(Array("world\n".utf8)))
        step(probe, &log, "write", .u32(err), byteList(Array("warning\n".utf8)))
        step(probe, &log, "flush", .u32(err))
        step(probe, &log, "blocking-flush", .u32(out))
        step(probe, &log, "write-zeroes", .u32(out), .u64(5))
        step(probe, &log, "write-zeroes", .u32(err), .u64(0))
        step(probe, &log, "blocking-write-zeroes-and-flush", .u32(err), .u64(2))
        step(probe, &log, "write", .u32(out), byteList((0..<5_000).map { UInt8(truncatingIfNeeded: $0) }))
        step(probe, &log, "check-write", .u32(err))
        let outputReady = step(probe, &log, "output-subscribe", .u32(out))
        step(probe, &log, "pollable-ready", .u32(outputReady))
        step(probe, &log, "read", .u32(input), .u64(10))
        step(probe, &log, "blocking-read", .u32(input), .u64(0))
        step(probe, &log, "skip", .u32(input), .u64(3))
        step(probe, &log, "blocking-skip", .u32(input), .u64(3))
        step(probe, &log, "splice", .u32(out), .u32(input), .u64(4))
        step(probe, &log, "blocking-splice", .u32(err), .u32(input), .u64(4))
        let inputReady = step(probe, &log, "input-subscribe", .u32(input))
        step(probe, &log, "poll", .list([.u32(inputReady), .u32(outputReady)]))
        step(probe, &log, "drop-output", .u32(out))
        step(probe, &log, "drop-input", .u32(input))
        step(probe, &log, "get-stdout")

        step(probe, &log, "environment")
        step(probe, &log, "arguments")
        step(probe, &log, "initial-cwd")
        step(probe, &log, "has-terminal-stdin")
        step(probe, &log, "has-terminal-stdout")
        step(probe, &log, "has-terminal-stderr")
        step(probe, &log, "preopen-count")
        step(probe, &log, "random-u64")
        step(probe, &log, "exit", .bool(exitSuccess))
        return log
    }

    @Test(
        .enabled(
            if: Probe.providerPath != nil,
            "the provider component is not in the cache: run scripts/fetch-wasi-provider.py"),
        arguments: [true, false])
    func nativeAndProviderAgree(exitSuccess: Bool) throws {
        let path = try #require(Probe.providerPath)
        let nativeStreams = StreamLog()
        let (native, _) = try Probe.native(nativeStreams)
        let providerStreams = StreamLog()
        let provided = try Probe.linkedToProvider(at: path, providerStreams)

        let nativeLog = Self.script(native, exitSuccess: exitSuccess)
        let providerLog = Self.script(provided, exitSuccess: exitSuccess)
        #expect(nativeLog.count == providerLog.count)
        for (index, (mine, theirs)) in zip(nativeLog, providerLog).enumerated() {
            #expect(mine == theirs, "step \(index)")
        }
        #expect(nativeStreams.events == providerStreams.events)
        // The script makes the outputs it means to: the comparison is not of two empty logs.
        #expect(nativeLog.last == .trapped("exit"))
        #expect(nativeStreams.events.count == 12)
        // The provider's own wasm counts; the native host counts nothing.
        #expect(provided.instance.store.instructionCount > native.instance.store.instructionCount)
        print(
            "WASI 0.2 script: \(nativeLog.count) steps identical; instructions native",
            native.instance.store.instructionCount, "provider", provided.instance.store.instructionCount)
    }

    @Test(
        .enabled(
            if: Probe.providerPath != nil,
            "the provider component is not in the cache: run scripts/fetch-wasi-provider.py"))
    func theProviderExportsTheInterfacesDefined() throws {
        let path = try #require(Probe.providerPath)
        let provider = try Probe.provider(at: path, in: Store(), log: StreamLog())
        #expect(Set(provider.exportNames) == Set(WASIPreview2.interfaces))
    }

    /// A request for more random bytes than the engine lifts traps in both modes and leaves both
    /// generators at the same place: the provider fills a list of 2^24 + 1 bytes before its result
    /// traps (about 30 s of wasm in a debug build, so this runs on request), and panics before
    /// drawing for a length beyond its 32-bit usize.
    @Test(
        .enabled(
            if: Probe.providerPath != nil,
            "the provider component is not in the cache: run scripts/fetch-wasi-provider.py"),
        .enabled(
            if: ProcessInfo.processInfo.environment["REPRO_WASM_SLOW_TESTS"] == "1",
            "slow: set REPRO_WASM_SLOW_TESTS=1 to fill 256 MiB of random bytes in the provider"))
    func tooManyRandomBytesLeaveTheGeneratorsTogether() throws {
        let path = try #require(Probe.providerPath)
        let (native, _) = try Probe.native()
        let provided = try Probe.linkedToProvider(at: path, StreamLog())
        var outcomes: [[Outcome]] = []
        for probe in [native, provided] {
            var log: [Outcome] = []
            Self.step(probe, &log, "random-bytes", .u64(WASIPreview2.maxListLength + 1))
            Self.step(probe, &log, "random-u64")
            Self.step(probe, &log, "insecure-bytes", .u64(UInt64(UInt32.max) + 1))
            Self.step(probe, &log, "random-u64")
            outcomes.append(log)
        }
        #expect(outcomes[0] == outcomes[1])
        #expect(outcomes[0].first == .trapped("random-bytes"))
        // The provider's wasm ran, and a trap keeps what it counted.
        #expect(provided.instance.store.instructionCount > 1_000_000)
    }
}
