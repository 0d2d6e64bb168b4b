import TernCore
import TernTestKit
import Testing

@Suite("Reconnection backoff")
struct BackoffTests {
    @Test func growsExponentiallyUpToTheCap() {
        var backoff = Backoff(initial: 100, maximum: 1000, multiplier: 2, jitter: 0)
        var random = TestRandom(seed: 1)
        let delays = (0..<7).map { _ in backoff.onFailure(using: &random) }
        #expect(delays == [100, 200, 400, 800, 1000, 1000, 1000])
    }

    @Test func resetsAfterASuccess() {
        var backoff = Backoff(initial: 50, maximum: 10_000, jitter: 0)
        var random = TestRandom(seed: 1)
        _ = backoff.onFailure(using: &random)
        _ = backoff.onFailure(using: &random)
        backoff.onSuccess()
        #expect(backoff.failures == 0)
        #expect(backoff.onFailure(using: &random) == 50)
    }

    @Test func jitterShortensEachDelayByAtMostItsFraction() {
        var backoff = Backoff(initial: 1000, maximum: 60_000, multiplier: 3, jitter: 0.25)
        var random = TestRandom(seed: 42)
        var shortened = 0
        for failures in 1...200 {
            let ceiling = backoff.ceiling(afterFailures: failures)
            let delay = backoff.onFailure(using: &random)
            #expect(
                delay <= ceiling && delay > ceiling - ceiling / 4 - 1, "failure \(failures): \(delay) of \(ceiling)")
            if delay < ceiling { shortened += 1 }
        }
        #expect(shortened > 150)
    }

    @Test func theSameSeedGivesTheSameDelays() {
        func delays(seed: UInt64) -> [Int64] {
            var backoff = Backoff()
            var random = TestRandom(seed: seed)
            return (0..<12).map { _ in backoff.onFailure(using: &random) }
        }
        #expect(delays(seed: 9) == delays(seed: 9))
        #expect(delays(seed: 9) != delays(seed: 10))
    }

    @Test func outOfRangeSettingsAreClamped() {
        let backoff = Backoff(initial: -5, maximum: -10, multiplier: 0.5, jitter: 7)
        #expect(backoff.initial == 0 && backoff.maximum == 0 && backoff.multiplier == 1 && backoff.jitter == 1)
        #expect(Backoff(initial: 10, maximum: 1 << 40, multiplier: .infinity).ceiling(afterFailures: 1000) == 10)
        #expect(Backoff(initial: 10, maximum: 1 << 40).ceiling(afterFailures: 10_000) == 1 << 40)
    }
}
