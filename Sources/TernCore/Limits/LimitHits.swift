/// How often each bound was hit, and when to log it: one `ThrottledReport` per `LimitName`, so a
/// flood of one kind never hides another kind's first line.
public struct LimitHits: Sendable, Hashable {
    private var reports: [LimitName: ThrottledReport] = [:]
    private let interval: Int64

    /// No hits yet; each bound is logged at most once every `interval` ms (10 s by default).
    public init(interval: Int64 = 10_000) {
        self.interval = interval
    }

    /// Counts a hit of `limit` at `now`. Returns the hits of `limit` left unreported before this
    /// one when a log line is due now; nil when one was written less than the interval ago.
    public mutating func onHit(_ limit: LimitName, now: UnixMillis) -> Int? {
        reports[limit, default: ThrottledReport(interval: interval)].onOccurrence(now: now)
    }

    /// Hits of `limit` since start.
    public func total(_ limit: LimitName) -> Int {
        reports[limit]?.total ?? 0
    }

    /// Hits of every limit hit at least once, since start.
    public var totals: [LimitName: Int] {
        reports.mapValues(\.total)
    }
}
