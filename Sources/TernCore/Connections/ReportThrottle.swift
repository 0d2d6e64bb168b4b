/// Lets a repeated event be reported at most once per interval, counting the ones in between so the
/// next report can say how many it stands for: a flood of refused or timed-out connections makes a
/// log line every 10 s, not one per connection.
public struct ReportThrottle: Sendable, Hashable {
    /// The shortest time (ms) between two reports.
    public let interval: Int64
    private var lastReport: UnixMillis?
    private var unreported = 0

    /// Nothing reported yet.
    public init(interval: Int64) {
        self.interval = interval
    }

    /// One event at `now`: returns the number of events left unreported since the last report when
    /// this one is to be reported, nil when it only counts for the next.
    public mutating func onEvent(at now: UnixMillis) -> Int? {
        if let lastReport, now - lastReport < interval {
            unreported += 1
            return nil
        }
        defer { unreported = 0 }
        lastReport = now
        return unreported
    }
}
