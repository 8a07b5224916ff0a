import ReproWASI
import ReproWasm
import Testing

/// `WASIPreview2` through a component: the probe fixture calls each WASI 0.2 function and returns what
/// it got. Stream statuses are 0 for ok, 2 for the `closed` stream error.
@Suite struct Preview2Tests {
    @Test func everyRandomInterfaceDrawsFromOneGenerator() throws {
        let (probe, _) = try Probe.native()
        var expected = Lcg128Xsl64()
        // The contract's seed: the first output is fixed (GeneratorTests checks it against numpy's PCG64).
        #expect(try probe.u64("random-u64") == 0x52f2_1b58_7460_3f42)
        _ = expected.next()
        #expect(try probe.u64("insecure-u64") == expected.next())
        for count in [0, 1, 4, 5, 8, 13, 16] {
            var bytes = [UInt8](repeating: 0, count: count)
            expected.fill(&bytes)
            let name = count.isMultiple(of: 2) ? "random-bytes" : "insecure-bytes"
            #expect(try probe.value(name, .u64(UInt64(count))) == byteList(bytes), "\(name) \(count)")
        }
        let seed = (expected.next(), expected.next())
        #expect(try probe.value("insecure-seed") == .tuple([.u64(seed.0), .u64(seed.1)]))
        #expect(try probe.u64("random-u64") == expected.next())
    }

    @Test func randomBytesUseWholeOutputsAndDropTheRestOfTheLast() throws {
        let (probe, _) = try Probe.native()
        var words = Lcg128Xsl64()
        let first = words.next()
        let second = words.next()
        let third = words.next()
        let little = { (word: UInt64, count: Int) in (0..<count).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
        // 3 bytes take the low bytes of one output; 9 take a whole one and one byte of the next.
        #expect(try probe.value("random-bytes", .u64(3)) == byteList(little(first, 3)))
        #expect(try probe.value("random-bytes", .u64(9)) == byteList(little(second, 8) + little(third, 1)))
    }

    @Test func theClockMovesOnlyWhenAPollableIsMade() throws {
        let (probe, wasi) = try Probe.native()
        #expect(try probe.u64("monotonic-now") == 0)
        #expect(try probe.u64("monotonic-resolution") == 1)
        #expect(try probe.value("wall-resolution") == .tuple([.u64(0), .u32(1)]))
        #expect(try probe.u64("monotonic-now") == 0)
        let sleep = try probe.u32("subscribe-duration", .u64(1_500))
        // Already moved before anyone waits.
        #expect(try probe.u64("monotonic-now") == 1_500)
        #expect(try probe.value("pollable-ready", .u32(sleep)) == .bool(true))
        _ = try probe.call("pollable-block", .u32(sleep))
        #expect(try probe.u64("monotonic-now") == 1_500)
        // An instant in the past leaves it; a later one moves it there.
        let past = try probe.u32("subscribe-instant", .u64(1_000))
        #expect(try probe.u64("monotonic-now") == 1_500)
        let later = try probe.u32("subscribe-instant", .u64(3_000_000_007))
        #expect(try probe.u64("monotonic-now") == 3_000_000_007)
        #expect(try probe.value("wall-now") == .tuple([.u64(3), .u32(7)]))
        #expect(
            try probe.value("poll", .list([.u32(sleep), .u32(past), .u32(later)]))
                == .list([.u32(0), .u32(1), .u32(2)]))
        #expect(try probe.value("poll", .list([])) == .list([]))
        for pollable in [sleep, past, later] { _ = try probe.call("drop-pollable", .u32(pollable)) }
        // A duration adds with wrap-around, as the provider's atomic add does.
        _ = try probe.u32("subscribe-duration", .u64(.max))
        #expect(try probe.u64("monotonic-now") == 3_000_000_006)
        #expect(wasi.now == 3_000_000_006)
    }

    @Test func writesAndFlushesReachTheSinksOneForOne() throws {
        let log = StreamLog()
        let (probe, _) = try Probe.native(log)
        let out = try probe.u32("get-stdout")
        let err = try probe.u32("get-stderr")
        #expect(try probe.value("check-write", .u32(out)) == .tuple([.u32(0), .u64(4096)]))
        #expect(try probe.u32("write", .u32(out), byteList(Array("hi".utf8))) == 0)
        #expect(try probe.u32("write", .u32(out), byteList([])) == 0)
        #expect(try probe.u32("blocking-write-and-flush", .u32(err), byteList([7])) == 0)
        #expect(try probe.u32("flush", .u32(out)) == 0)
        #expect(try probe.u32("blocking-flush", .u32(err)) == 0)
        #expect(try probe.u32("write-zeroes", .u32(out), .u64(3)) == 0)
        #expect(try probe.u32("blocking-write-zeroes-and-flush", .u32(err), .u64(0)) == 0)
        // More than check-write allows is written all the same.
        let long = [UInt8](repeating: 0x41, count: 5_000)
        #expect(try probe.u32("write", .u32(out), byteList(long)) == 0)
        let pollable = try probe.u32("output-subscribe", .u32(out))
        #expect(try probe.value("pollable-ready", .u32(pollable)) == .bool(true))
        #expect(
            log.events == [
                .write(stream: "stdout", bytes: Array("hi".utf8)), .write(stream: "stdout", bytes: []),
                .write(stream: "stderr", bytes: [7]), .flush(stream: "stderr"), .flush(stream: "stdout"),
                .flush(stream: "stderr"), .write(stream: "stdout", bytes: [0, 0, 0]),
                .write(stream: "stderr", bytes: []), .flush(stream: "stderr"), .write(stream: "stdout", bytes: long),
            ])
    }

    @Test func stdinIsClosed() throws {
        let log = StreamLog()
        let (probe, _) = try Probe.native(log)
        let input = try probe.u32("get-stdin")
        let out = try probe.u32("get-stdout")
        for name in ["read", "blocking-read"] {
            #expect(try probe.value(name, .u32(input), .u64(10)) == .tuple([.u32(2), .list([])]))
        }
        for name in ["skip", "blocking-skip"] {
            #expect(try probe.value(name, .u32(input), .u64(10)) == .tuple([.u32(2), .u64(0)]))
        }
        for name in ["splice", "blocking-splice"] {
            #expect(try probe.value(name, .u32(out), .u32(input), .u64(10)) == .tuple([.u32(2), .u64(0)]))
        }
        let pollable = try probe.u32("input-subscribe", .u32(input))
        #expect(try probe.value("pollable-ready", .u32(pollable)) == .bool(true))
        _ = try probe.call("drop-input", .u32(input))
        _ = try probe.call("drop-output", .u32(out))
        #expect(log.events.isEmpty)
    }

    @Test func theEnvironmentIsEmptyAndNothingIsOpen() throws {
        let (probe, _) = try Probe.native()
        #expect(try probe.value("environment") == .list([]))
        #expect(try probe.value("arguments") == .list([]))
        #expect(try probe.value("initial-cwd") == .option(nil))
        for name in ["has-terminal-stdin", "has-terminal-stdout", "has-terminal-stderr"] {
            #expect(try probe.value(name) == .bool(false), "\(name)")
        }
        #expect(try probe.u32("preopen-count") == 0)
    }

    @Test func exitTraps() throws {
        for (success, code) in [(true, 0), (false, 1)] {
            let (probe, _) = try Probe.native()
            let error = #expect(throws: ComponentTrap.self) { try probe.call("exit", .bool(success)) }
            #expect(error?.kind == .host)
            #expect(error?.message.contains("exit with code \(code)") == true)
        }
    }

    @Test func listsBeyondTheLiftLimitTrapWithoutBeingMade() throws {
        let (probe, wasi) = try Probe.native()
        let out = try probe.u32("get-stdout")
        let tooMany = WASIPreview2.maxListLength + 1
        for (name, arguments) in [
            ("random-bytes", [ComponentValue.u64(tooMany)]), ("insecure-bytes", [.u64(.max)]),
            ("write-zeroes", [.u32(out), .u64(tooMany)]), ("blocking-write-zeroes-and-flush", [.u32(out), .u64(.max)]),
        ] {
            let error = #expect(throws: ComponentTrap.self, "\(name)") {
                try probe.instance.function(named: name)!.call(arguments)
            }
            #expect(error?.message.contains("exceeds the host's limit") == true)
        }
        // The provider draws a list that fits its 32-bit usize before the lift traps, and panics
        // before drawing a larger one: the generator is left where the provider's would be.
        var expected = Lcg128Xsl64()
        expected.advance(by: (tooMany + 7) / 8)
        #expect(wasi.random == expected)
        #expect(try probe.u64("random-u64") == expected.next())
    }

    @Test func hostCallsCountNoInstructions() throws {
        let (probe, _) = try Probe.native()
        let store = probe.instance.store
        // Imports whose results fit in one value are called directly: each export is one
        // straight-line function, and its `end` is all that counts.
        for name in ["random-u64", "insecure-u64", "monotonic-now", "get-stdout", "get-stdin"] {
            let before = store.instructionCount
            _ = try probe.call(name)
            #expect(store.instructionCount - before == 1, "\(name)")
        }
        // Results returned through memory go through the component's shim (its trampoline's `end`
        // counts 1), and a list result calls the probe's `cabi_realloc` (two `if`s and its `end`).
        let before = store.instructionCount
        _ = try probe.call("random-bytes", .u64(3))
        #expect(store.instructionCount - before == 1 + 1 + 3)
    }

    @Test func interfacesAreTheProvidersNames() {
        #expect(WASIPreview2.interfaces.count == 20)
        #expect(WASIPreview2.interfaces.contains("wasi:io/streams@0.2.6"))
        #expect(WASIPreview2.interfaces.contains("wasi:random/insecure-seed@0.2.6"))
        #expect(Set(WASIPreview2.interfaces).count == WASIPreview2.interfaces.count)
    }
}
