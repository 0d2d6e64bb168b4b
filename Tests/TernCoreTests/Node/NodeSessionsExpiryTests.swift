import TernCore
import TernTestKit
import Testing

@Suite("Node session expiry and touches")
struct NodeSessionsExpiryTests {
    typealias H = NodeSessionsHarness

    @Test func anIdleSessionExpiresAtItsDeadlineAndTheExpireIsReplicated() throws {
        var node = H()
        let key = node.create(maxInactive: 10)
        #expect(node.sessions.nextDeadline == node.clock.now + 10_000)
        node.clock.advance(by: 9_999)
        #expect(node.sessions.onExpiryTimer(now: node.clock.now).isEmpty)
        node.clock.advance(by: 1)
        let messages = node.sessions.onExpiryTimer(now: node.clock.now)
        #expect(messages.count == 1)
        guard case .expire(let tombstone)? = messages.first else {
            Issue.record("expected an expire")
            return
        }
        #expect(tombstone.key == key)
        #expect(node.sessions.session(key, at: node.clock.now) == nil)
        #expect(node.sessions.counters.expired == 1)
        #expect(node.sessions.onExpiryTimer(now: node.clock.now + 60_000).isEmpty)
    }

    @Test func anAccessedSessionLivesOnUntilItsNewDeadline() throws {
        var node = H()
        let key = node.create(maxInactive: 10)
        node.clock.advance(seconds: 8)
        _ = try node.sessions.access(key, now: node.clock.now)
        node.clock.advance(seconds: 2)
        #expect(node.sessions.onExpiryTimer(now: node.clock.now).isEmpty)  // the old deadline: rescheduled
        node.clock.advance(by: 7_999)
        #expect(node.sessions.onExpiryTimer(now: node.clock.now).isEmpty)
        node.clock.advance(by: 1)
        #expect(node.sessions.onExpiryTimer(now: node.clock.now).count == 1)
    }

    @Test func aShorterMaxInactiveBringsTheDeadlineForward() throws {
        var node = H()
        let key = node.create(maxInactive: 600)
        _ = try node.sessions.patch(key, set: Attributes(), remove: [], maxInactiveSeconds: 5, now: node.clock.now)
        node.clock.advance(seconds: 5)
        #expect(node.sessions.onExpiryTimer(now: node.clock.now).count == 1)
    }

    @Test func sessionsThatNeverExpireAreNotScheduled() {
        var node = H()
        _ = node.create(maxInactive: 0)
        #expect(node.sessions.nextDeadline == nil)
        #expect(node.sessions.onExpiryTimer(now: node.clock.now + 365 * 86_400_000).isEmpty)
    }

    @Test func aCheckLooksOnlyAtSessionsThatCameDue() {
        var node = H()
        for index in 0..<1000 { _ = node.create(maxInactive: Int32(100 + index)) }
        node.clock.advance(seconds: 100)
        #expect(node.sessions.onExpiryTimer(now: node.clock.now).count == 1)
        #expect(node.sessions.nextDeadline == node.clock.now + 1000)
        node.clock.advance(seconds: 9)
        #expect(node.sessions.onExpiryTimer(now: node.clock.now).count == 9)
        #expect(node.sessions.sessionsPerContext == ["shop": 990])
    }

    @Test func aReplicatedSessionExpiresHereToo() {
        var node = H()
        let session = Samples.session(
            "peer", version: Samples.version(UInt64(node.clock.now), origin: Samples.memberB),
            lastAccessed: node.clock.now, maxInactiveSeconds: 3)
        #expect(node.sessions.apply(.put(session), now: node.clock.now) == .outcome(.applied))
        #expect(node.sessions.sessionsPerContext == ["shop": 1])
        node.clock.advance(seconds: 3)
        #expect(node.sessions.onExpiryTimer(now: node.clock.now).map(\.keys) == [[session.key]])
    }

    @Test func aReplicatedExpireRemovesTheSession() throws {
        var node = H()
        let key = node.create()
        let held = try #require(node.sessions.session(key, at: node.clock.now))
        let tombstone = Tombstone(
            key: key, version: Version(physical: held.version.physical + 1, logical: 0, origin: Samples.memberB),
            retainUntil: node.clock.now + 1000)
        #expect(node.sessions.apply(.expire(tombstone), now: node.clock.now) == .outcome(.applied))
        #expect(node.sessions.sessionsPerContext.isEmpty)
        #expect(node.sessions.onExpiryTimer(now: node.clock.now + 3_600_000).isEmpty)
    }

    @Test func aVersionFarAheadOfTheClockIsRefused() {
        var node = H()
        let session = Samples.session(
            "x", version: Samples.version(UInt64(node.clock.now) + 120_000, origin: Samples.memberB))
        #expect(node.sessions.apply(.put(session), now: node.clock.now) == .clockAhead(aheadBy: 120_000))
        #expect(node.sessions.store.count == 0)
    }

    @Test func readsAreReplicatedAsOneBatchPerTouchInterval() throws {
        var node = H(touchInterval: 10_000)
        let first = node.create()
        let second = node.create()
        #expect(node.sessions.onTouchTimer(now: node.clock.now + 60_000) == nil)  // creation is no touch
        node.clock.advance(seconds: 1)
        let start = node.clock.now
        let a = try node.sessions.access(first, now: node.clock.now)
        node.clock.advance(seconds: 1)
        _ = try node.sessions.access(first, now: node.clock.now)
        let b = try node.sessions.access(second, now: node.clock.now)
        #expect(node.sessions.nextDeadline == start + 10_000)
        #expect(node.sessions.onTouchTimer(now: start + 9_999) == nil)
        guard case .touch(let touches)? = node.sessions.onTouchTimer(now: start + 10_000) else {
            Issue.record("expected a touch batch")
            return
        }
        #expect(
            Set(touches) == [
                SessionTouch(key: first, version: a.version, lastAccessed: node.clock.now),
                SessionTouch(key: second, version: b.version, lastAccessed: node.clock.now),
            ])
        #expect(node.sessions.onTouchTimer(now: start + 30_000) == nil)
        #expect(node.sessions.counters.touches == 2)
    }

    @Test func aWriteCarriesItsOwnAccessSoItsTouchIsDropped() throws {
        var node = H()
        let key = node.create()
        _ = try node.sessions.access(key, now: node.clock.now)
        _ = try node.sessions.patch(key, set: H.attributes(["a": "1"]), remove: [], now: node.clock.now)
        #expect(node.sessions.onTouchTimer(now: node.clock.now + 60_000) == nil)
    }
}
