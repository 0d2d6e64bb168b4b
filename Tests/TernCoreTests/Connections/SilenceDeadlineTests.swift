import TernCore
import Testing

@Suite("Silence deadline")
struct SilenceDeadlineTests {
    @Test func expiresOnceTheLimitPassedWithoutActivity() {
        let deadline = SilenceDeadline(limit: 1000, now: 5000)
        #expect(deadline.check(now: 5999) == .checkAt(6000))
        #expect(deadline.check(now: 6000) == .expired(silentFor: 1000))
        #expect(deadline.check(now: 9000) == .expired(silentFor: 4000))
    }

    @Test func activityStartsTheSilenceAgain() {
        var deadline = SilenceDeadline(limit: 1000, now: 0)
        deadline.onActivity(at: 900)
        #expect(deadline.check(now: 1000) == .checkAt(1900))
        #expect(deadline.check(now: 1900) == .expired(silentFor: 1000))
    }

    @Test func anEarlierStampNeverMovesTheLastActivityBack() {
        var deadline = SilenceDeadline(limit: 100, now: 500)
        deadline.onActivity(at: 400)
        #expect(deadline.lastActivity == 500)
        #expect(deadline.deadline == 600)
    }
}
