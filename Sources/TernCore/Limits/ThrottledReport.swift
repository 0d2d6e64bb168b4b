/// Counts occurrences of something worth a log line (a bound hit, a refused connection) and says
/// when to write that line: at most once per `interval`, with the count left unreported since the
/// last one, so a hostile or misconfigured peer cannot flood the log. Pure: time is an argument.
public struct ThrottledReport: Sendable, Hashable {
    /// The shortest time between two reports, in ms.
    public let interval: Int64
    /// Occurrences since start.
    public private(set) var total = 0
    private var lastReport: UnixMillis?
    private var unreported = 0

    /// No occurrences yet; reports at most once every `interval` ms (10 s by default).
    public init(interval: Int64 = 10_000) {
        self.interval = interval
    }

    /// Counts one occurrence at `now`. Returns how many earlier occurrences went unreported when a
    /// line is due now (the shell logs this one and that count); nil when the last line was written
    /// less than `interval` ago (this one is counted in the next).
    public mutating func onOccurrence(now: UnixMillis) -> Int? {
        total += 1
        if let lastReport, now - lastReport < interval {
            unreported += 1
            return nil
        }
        defer { unreported = 0 }
        lastReport = now
        return unreported
    }
}
