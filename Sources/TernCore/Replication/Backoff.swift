/// Reconnection delays: growing exponentially from `initial` by `multiplier` per failure up to
/// `maximum`, each shortened by a random fraction up to `jitter` so that peers that failed together
/// don't retry together; back to `initial` after a success. Randomness is injected.
public struct Backoff: Sendable, Hashable {
    /// The delay after the first failure, in milliseconds (before jitter).
    public let initial: Int64
    /// The longest delay, in milliseconds.
    public let maximum: Int64
    /// The growth factor per failure (at least 1).
    public let multiplier: Double
    /// The largest fraction of a delay that jitter removes (0...1).
    public let jitter: Double
    /// Failures since the last success.
    public private(set) var failures = 0

    /// A backoff; out-of-range values are clamped (maximum ≥ initial ≥ 0, multiplier ≥ 1, jitter in 0...1).
    public init(initial: Int64 = 100, maximum: Int64 = 30_000, multiplier: Double = 2, jitter: Double = 0.2) {
        self.initial = max(0, initial)
        self.maximum = max(self.initial, maximum)
        self.multiplier = multiplier.isFinite ? max(1, multiplier) : 1
        self.jitter = jitter.isFinite ? min(1, max(0, jitter)) : 0
    }

    /// The delay before jitter after `failures` failures (the first failure: `initial`).
    public func ceiling(afterFailures failures: Int) -> Int64 {
        guard failures > 0 else { return 0 }
        guard multiplier > 1 else { return initial }
        var delay = Double(initial)
        for _ in 1..<failures {
            delay *= multiplier
            if delay >= Double(maximum) { return maximum }
        }
        return min(maximum, Int64(delay))
    }

    /// A connection attempt failed: the milliseconds to wait before the next one, in
    /// `(ceiling × (1 - jitter), ceiling]`.
    public mutating func onFailure<G: RandomNumberGenerator>(using generator: inout G) -> Int64 {
        failures += 1
        let ceiling = ceiling(afterFailures: failures)
        let cut = Double(ceiling) * jitter * Double.random(in: 0..<1, using: &generator)
        return ceiling - Int64(cut)
    }

    /// A connection succeeded: the next failure waits `initial` again.
    public mutating func onSuccess() {
        failures = 0
    }
}
