import TernCore
import TernTestKit
import Testing

@Suite("SendBackoff: failed sends back off, one success resets")
struct SendBackoffTests {
    @Test func delaysDoubleUpToTheMaximum() {
        var backoff = SendBackoff(initial: 500, maximum: 4000)
        let now = ManualClock().now
        #expect(backoff.allowsAttempt(at: now))
        #expect([1, 2, 3, 4, 5, 6].map { _ in backoff.onFailure(at: now) } == [500, 1000, 2000, 4000, 4000, 4000])
        #expect(backoff.failures == 6)
        #expect(!backoff.allowsAttempt(at: now + 3999))
        #expect(backoff.allowsAttempt(at: now + 4000))
    }

    @Test func successAfterFailuresSaysTheNetworkIsBack() {
        var backoff = SendBackoff(initial: 500, maximum: 4000)
        let quiet = backoff.onSuccess()
        #expect(!quiet)
        backoff.onFailure(at: 0)
        let back = backoff.onSuccess()
        #expect(back)
        #expect(backoff.failures == 0)
        #expect(backoff.retryAt == nil)
        #expect(backoff.allowsAttempt(at: 0))
    }

    @Test func manyFailuresNeverOverflow() {
        var backoff = SendBackoff(initial: 500, maximum: 4000)
        for _ in 0..<200 { backoff.onFailure(at: 0) }
        #expect(backoff.retryAt == 4000)
    }
}
