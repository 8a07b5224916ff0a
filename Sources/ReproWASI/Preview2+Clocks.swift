import ReproWasm

// wasi:clocks and wasi:random: one virtual clock and one generator per store.
extension WASIPreview2 {
    func defineClocks(in imports: inout ComponentImports, _ resources: Resources) {
        let pollable = resources.pollable
        imports.define(.monotonicClock, "now") { [self] _, _ in [.u64(now)] }
        imports.define(.monotonicClock, "resolution") { _, _ in [.u64(1)] }
        // The clock moves when the pollable is made, not when it is waited for: every pollable is
        // ready at once, as the time it waits for has already come.
        imports.define(.monotonicClock, "subscribe-instant") { [self] arguments, function in
            advance(to: try arguments.u64(0, function))
            return [.own(pollable.handle(Self.readyPollable))]
        }
        imports.define(.monotonicClock, "subscribe-duration") { [self] arguments, function in
            advance(by: try arguments.u64(0, function))
            return [.own(pollable.handle(Self.readyPollable))]
        }

        imports.define(.wallClock, "now") { [self] _, _ in [Self.datetime(now)] }
        imports.define(.wallClock, "resolution") { _, _ in [Self.datetime(1)] }
    }

    /// A `datetime` record of `nanoseconds` since the epoch.
    static func datetime(_ nanoseconds: UInt64) -> ComponentValue {
        .record([
            .init("seconds", .u64(nanoseconds / 1_000_000_000)),
            .init("nanoseconds", .u32(UInt32(nanoseconds % 1_000_000_000))),
        ])
    }

    func defineRandom(in imports: inout ComponentImports) {
        for (interface, prefix) in [(Interface.random, "get-random"), (.insecure, "get-insecure-random")] {
            imports.define(interface, "\(prefix)-bytes") { [self] arguments, function in
                [try randomBytes(try arguments.u64(0, function), function: function)]
            }
            imports.define(interface, "\(prefix)-u64") { [self] _, _ in [.u64(randomU64())] }
        }
        imports.define(.insecureSeed, "insecure-seed") { [self] _, _ in
            let first = randomU64()
            let second = randomU64()
            return [.tuple([.u64(first), .u64(second)])]
        }
    }
}
