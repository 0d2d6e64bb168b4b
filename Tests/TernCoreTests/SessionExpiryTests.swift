import TernCore
import TernTestKit
import Testing

@Suite("Session expiry")
struct SessionExpiryTests {
    private func session(maxInactive: Int32, lastAccessed: UnixMillis = 10_000) -> Session {
        Samples.session("s", version: Samples.version(1), lastAccessed: lastAccessed, maxInactiveSeconds: maxInactive)
    }

    @Test(arguments: [Int32(0), -1, .min])
    func nonPositiveMaxInactiveNeverExpires(_ maxInactive: Int32) {
        let session = session(maxInactive: maxInactive)
        #expect(session.expiresAt == nil)
        #expect(!session.isExpired(at: .max))
    }

    @Test func expiresAtIsLastAccessPlusMaxInactive() {
        #expect(session(maxInactive: 30).expiresAt == 40_000)
    }

    @Test func expiresExactlyAtExpiresAt() {
        let session = session(maxInactive: 30)
        #expect(!session.isExpired(at: 39_999))
        #expect(session.isExpired(at: 40_000))
        #expect(session.isExpired(at: 40_001))
    }

    @Test func largestMaxInactiveDoesNotOverflow() {
        let session = session(maxInactive: .max, lastAccessed: Samples.epoch)
        #expect(session.expiresAt == Samples.epoch + Int64(Int32.max) * 1000)
        #expect(!session.isExpired(at: Samples.epoch + 1000))
    }

    @Test func touchingPostponesExpiry() {
        var store = SessionStore()
        var clock = ManualClock(start: 0)
        let key = Samples.key("s")
        store.apply(.session(session(maxInactive: 60, lastAccessed: clock.now)))
        clock.advance(seconds: 59)
        #expect(store.session(key, at: clock.now) != nil)
        store.touch(key, at: clock.now)
        clock.advance(seconds: 59)
        #expect(store.session(key, at: clock.now) != nil)
        clock.advance(seconds: 1)
        #expect(store.session(key, at: clock.now) == nil)
        // Expired is not removed: the record is still held until something replaces it.
        #expect(store[key] != nil)
    }
}
