/// The PCG64 generator `Lcg128Xsl64` (a 128-bit LCG with the XSL-RR output), the deterministic
/// source of WASI's random numbers.
///
/// Same algorithm, seeding and byte order as the `rand_pcg` crate's `Lcg128Xsl64::new(state,
/// stream)`, so the bytes are those of the determinism contract's reference WASI: the same on every
/// machine. A value type: copy it to fork the sequence.
///
///     var random = Lcg128Xsl64()          // the contract's default seed
///     let word = random.next()
///     var bytes = [UInt8](repeating: 0, count: 12)
///     random.fill(&bytes)
public struct Lcg128Xsl64: Sendable, Equatable {
    /// The contract's default state seed.
    public static let defaultState = UInt128Parts(high: 0, low: 0xcafe_f00d_d15e_a5e5)
    /// The contract's default stream.
    public static let defaultStream = UInt128Parts(high: 0x0a02_bdbf_7bb3_c0a7, low: 0xac28_fa16_a64a_bf96)
    private static let multiplier = UInt128Parts(high: 0x2360_ED05_1FC6_5DA4, low: 0x4385_DF64_9FCC_F645)

    /// The current 128-bit state.
    public private(set) var state: UInt128Parts
    /// The odd increment, `stream << 1 | 1`.
    public let increment: UInt128Parts

    /// Seeds a generator as `rand_pcg`'s `Lcg128Xsl64::new(state, stream)` does: the increment is
    /// `stream << 1 | 1`, and the state is `state + increment` advanced one step.
    public init(state: UInt128Parts = Self.defaultState, stream: UInt128Parts = Self.defaultStream) {
        increment = UInt128Parts(high: stream.high << 1 | stream.low >> 63, low: stream.low << 1 | 1)
        self.state = state.adding(increment)
        step()
    }

    private mutating func step() {
        state = state.multiplied(by: Self.multiplier).adding(increment)
    }

    /// The next 64-bit output: one step, then the high and low halves xored and rotated right by
    /// the state's top 6 bits.
    public mutating func next() -> UInt64 {
        step()
        let rotation = state.high >> 58
        let folded = state.high ^ state.low
        return folded >> rotation | folded << ((64 - rotation) & 63)
    }

    /// Skips `count` outputs, as `count` calls of `next()` would, in O(log count) steps (the LCG's
    /// jump-ahead: `count` steps of `state * a + c` compose into one `state * A + C`).
    ///
    ///     var random = Lcg128Xsl64()
    ///     random.advance(by: 1_000_000)    // now at the millionth-and-first output
    public mutating func advance(by count: UInt64) {
        var totalMultiplier = UInt128Parts(high: 0, low: 1)
        var totalIncrement = UInt128Parts(high: 0, low: 0)
        var multiplier = Self.multiplier
        var increment = self.increment
        var remaining = count
        while remaining > 0 {
            if remaining & 1 == 1 {
                totalMultiplier = totalMultiplier.multiplied(by: multiplier)
                totalIncrement = totalIncrement.multiplied(by: multiplier).adding(increment)
            }
            // Two steps of (a, c) are one step of (a * a, (a + 1) * c).
            increment = multiplier.adding(UInt128Parts(high: 0, low: 1)).multiplied(by: increment)
            multiplier = multiplier.multiplied(by: multiplier)
            remaining >>= 1
        }
        state = state.multiplied(by: totalMultiplier).adding(totalIncrement)
    }

    /// Fills `bytes` with outputs written little-endian, 8 bytes each; a last partial chunk takes
    /// the low bytes of one more output (the rest of it is dropped), as `rand_core` does.
    public mutating func fill(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { fill($0) }
    }

    /// Fills a raw buffer the same way as `fill(_:)` fills an array.
    public mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        var index = 0
        while index < buffer.count {
            var word = next()
            let end = min(index + 8, buffer.count)
            while index < end {
                buffer[index] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                index += 1
            }
        }
    }
}

/// A 128-bit unsigned number as two 64-bit halves, with the wrapping arithmetic PCG64 needs
/// (the standard library's `UInt128` is not available on every platform this package builds for).
///
///     let x = UInt128Parts(high: 1, low: 0)   // 2^64
public struct UInt128Parts: Sendable, Equatable {
    /// The high 64 bits.
    public var high: UInt64
    /// The low 64 bits.
    public var low: UInt64

    /// The number `high * 2^64 + low`.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// `self + other`, wrapping modulo 2^128.
    func adding(_ other: UInt128Parts) -> UInt128Parts {
        let (low, carry) = low.addingReportingOverflow(other.low)
        return UInt128Parts(high: high &+ other.high &+ (carry ? 1 : 0), low: low)
    }

    /// `self * other`, wrapping modulo 2^128.
    func multiplied(by other: UInt128Parts) -> UInt128Parts {
        let product = low.multipliedFullWidth(by: other.low)
        return UInt128Parts(high: product.high &+ low &* other.high &+ high &* other.low, low: product.low)
    }
}

/// WASI's virtual clock: monotonic and realtime read the same value, which starts at a fixed time
/// and advances only when the program sleeps (`poll_oneoff` clock subscriptions), so every run sees
/// the same times. Resolution 1 ns.
///
///     var clock = VirtualClock()
///     clock.advance(by: 1_000)    // a 1 µs sleep
///     print(clock.now)           // 1000
public struct VirtualClock: Sendable, Equatable {
    /// The current time in nanoseconds.
    public private(set) var now: UInt64
    /// The clock's resolution in nanoseconds.
    public let resolution: UInt64 = 1

    /// A clock that reads `start` nanoseconds (0, the contract's default, unless an embedder fixes
    /// another start).
    public init(start: UInt64 = 0) { now = start }

    /// Moves the clock forward by `nanoseconds`, saturating at the largest time.
    public mutating func advance(by nanoseconds: UInt64) {
        let (sum, overflow) = now.addingReportingOverflow(nanoseconds)
        now = overflow ? .max : sum
    }

    /// Moves the clock to `time` if that is later than now (an absolute-time sleep).
    public mutating func advance(to time: UInt64) { now = max(now, time) }
}
