import TernCore
import Testing

/// At most one log line per bound per interval, carrying the count left unreported since the last.
@Suite("Throttled reports of bound hits")
struct ThrottledReportTests {
    @Test func reportsTheFirstThenCountsUntilTheIntervalHasPassed() {
        var report = ThrottledReport(interval: 10_000)
        #expect(report.onOccurrence(now: 1_000) == 0)
        #expect(report.onOccurrence(now: 2_000) == nil)
        #expect(report.onOccurrence(now: 10_999) == nil)
        #expect(report.onOccurrence(now: 11_000) == 2)
        #expect(report.onOccurrence(now: 11_001) == nil)
        #expect(report.total == 5)
    }

    @Test func eachLimitIsThrottledOnItsOwn() {
        var hits = LimitHits(interval: 10_000)
        #expect(hits.onHit(.sessions, now: 0) == 0)
        #expect(hits.onHit(.sessions, now: 1) == nil)
        #expect(hits.onHit(.frame, now: 2) == 0, "a flood of one bound does not hide another's first line")
        #expect(hits.onHit(.frame, now: 3) == nil)
        #expect(hits.total(.sessions) == 2)
        #expect(hits.totals == [.sessions: 2, .frame: 2])
        #expect(hits.total(.attribute) == 0)
    }
}
