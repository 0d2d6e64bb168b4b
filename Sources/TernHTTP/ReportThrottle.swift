/// At most one report every `interval`: an event within `interval` of the last report is only
/// counted, and the next report says how many were. What keeps a flood of refused requests from
/// flooding the log too.
public struct ReportThrottle: Sendable, Hashable {
    /// The least time between two reports, in milliseconds.
    public let interval: Int64
    private var lastReport: Int64?
    private var unreported = 0

    /// A throttle that has reported nothing yet.
    public init(interval: Int64 = 10_000) {
        self.interval = interval
    }

    /// An event at `now` (ms, any monotonic origin). Returns the number of events left unreported
    /// since the last report when this one is to be reported, nil when it is only counted.
    public mutating func onEvent(now: Int64) -> Int? {
        if let lastReport, now - lastReport < interval {
            unreported += 1
            return nil
        }
        let count = unreported
        lastReport = now
        unreported = 0
        return count
    }
}
