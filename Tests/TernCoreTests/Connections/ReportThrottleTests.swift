import TernCore
import Testing

@Suite("Report throttle")
struct ReportThrottleTests {
    @Test func reportsTheFirstEventAndThenAtMostOncePerIntervalWithTheCountBetween() {
        var throttle = ReportThrottle(interval: 10_000)
        #expect(throttle.onEvent(at: 0) == 0)
        for instant in stride(from: Int64(1), to: 10_000, by: 1000) { #expect(throttle.onEvent(at: instant) == nil) }
        #expect(throttle.onEvent(at: 10_000) == 10)
        #expect(throttle.onEvent(at: 10_001) == nil)
        #expect(throttle.onEvent(at: 25_000) == 1)
    }

    @Test func aQuietStretchReportsTheNextEventAtOnceWithNothingUnreported() {
        var throttle = ReportThrottle(interval: 100)
        #expect(throttle.onEvent(at: 0) == 0)
        #expect(throttle.onEvent(at: 1000) == 0)
    }
}
