/// When to try sending again after sends failed (the network cable pulled, the interface gone):
/// the delay doubles from `initial` up to `maximum`, so a member without a network stays idle
/// instead of spinning, and one success resets it.
public struct SendBackoff: Sendable, Hashable {
    /// The delay after the first failure.
    public let initial: Int64
    /// The longest delay.
    public let maximum: Int64
    /// Consecutive failures so far.
    public private(set) var failures: Int = 0
    /// The earliest instant of the next attempt; nil when nothing failed.
    public private(set) var retryAt: UnixMillis?

    /// A backoff from `initial` to `maximum` ms.
    public init(initial: Int64, maximum: Int64) {
        self.initial = max(initial, 1)
        self.maximum = max(maximum, self.initial)
    }

    /// Whether an attempt may be made at `now`.
    public func allowsAttempt(at now: UnixMillis) -> Bool {
        retryAt.map { now >= $0 } ?? true
    }

    /// Records a failure at `now` and returns the delay until the next attempt.
    @discardableResult
    public mutating func onFailure(at now: UnixMillis) -> Int64 {
        failures += 1
        let shift = min(failures - 1, 32)
        let (doubled, overflow) = initial.multipliedReportingOverflow(by: Int64(1) << shift)
        let delay = overflow ? maximum : min(doubled, maximum)
        retryAt = now + delay
        return delay
    }

    /// Records a success; returns true when it ends a run of failures (the network is back).
    @discardableResult
    public mutating func onSuccess() -> Bool {
        defer {
            failures = 0
            retryAt = nil
        }
        return failures > 0
    }
}
