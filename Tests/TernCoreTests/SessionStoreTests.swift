import TernCore
import TernTestKit
import Testing

@Suite("SessionStore: apply outcomes, tombstones, touch, purge")
struct SessionStoreTests {
    let key = Samples.key("s1")

    @Test func firstRecordForAKeyIsApplied() {
        var store = SessionStore()
        let outcome = store.apply(Samples.sessionRecord("s1", version: Samples.version(10)))
        #expect(outcome == .applied)
        #expect(store.count == 1)
        #expect(store[key]?.version == Samples.version(10))
    }

    @Test func newerVersionReplacesOlder() {
        var store = SessionStore()
        store.apply(Samples.sessionRecord("s1", version: Samples.version(10), attributes: ["a": "old"]))
        let outcome = store.apply(Samples.sessionRecord("s1", version: Samples.version(11), attributes: ["a": "new"]))
        #expect(outcome == .applied)
        #expect(store[key]?.session?.attributes["a"] == Array("new".utf8))
    }

    @Test func sameVersionIsADuplicate() {
        var store = SessionStore()
        let record = Samples.sessionRecord("s1", version: Samples.version(10))
        store.apply(record)
        let outcome = store.apply(record)
        #expect(outcome == .duplicate)
        #expect(store[key] == record)
    }

    @Test func olderVersionIsStaleAndIgnored() {
        var store = SessionStore()
        store.apply(Samples.sessionRecord("s1", version: Samples.version(10), attributes: ["a": "new"]))
        let outcome = store.apply(Samples.sessionRecord("s1", version: Samples.version(9), attributes: ["a": "old"]))
        #expect(outcome == .stale(held: Samples.version(10)))
        #expect(store[key]?.session?.attributes["a"] == Array("new".utf8))
    }

    @Test func staleRecordChangesNothingNotEvenTheAccessTime() {
        var store = SessionStore()
        store.apply(Samples.sessionRecord("s1", version: Samples.version(10), lastAccessed: 1000))
        store.apply(Samples.sessionRecord("s1", version: Samples.version(9), lastAccessed: 5000))
        #expect(store[key]?.session?.lastAccessed == 1000)
        #expect(store[key]?.version == Samples.version(10))
    }

    @Test func duplicateWithLaterAccessKeepsTheLaterAccess() {
        var store = SessionStore()
        store.apply(Samples.sessionRecord("s1", version: Samples.version(10), lastAccessed: 1000))
        let first = store.apply(Samples.sessionRecord("s1", version: Samples.version(10), lastAccessed: 3000))
        #expect(first == .duplicate)
        let second = store.apply(Samples.sessionRecord("s1", version: Samples.version(10), lastAccessed: 2000))
        #expect(second == .duplicate)
        #expect(store[key]?.session?.lastAccessed == 3000)
    }

    @Test func tombstoneBlocksAnOlderSession() {
        var store = SessionStore()
        store.apply(Samples.sessionRecord("s1", version: Samples.version(10)))
        let removal = store.apply(Samples.tombstone("s1", version: Samples.version(20)))
        #expect(removal == .applied)
        // A late update made before the removal must not resurrect the session.
        let lateUpdate = store.apply(Samples.sessionRecord("s1", version: Samples.version(15)))
        #expect(lateUpdate == .stale(held: Samples.version(20)))
        #expect(store.session(key, at: Samples.epoch) == nil)
        #expect(store[key] == Samples.tombstone("s1", version: Samples.version(20)))
    }

    @Test func tombstoneArrivingFirstStillBlocksOlderSession() {
        var store = SessionStore()
        store.apply(Samples.tombstone("s1", version: Samples.version(20)))
        let outcome = store.apply(Samples.sessionRecord("s1", version: Samples.version(10)))
        #expect(outcome == .stale(held: Samples.version(20)))
        #expect(store.session(key, at: Samples.epoch) == nil)
    }

    @Test func newerSessionAfterTombstoneApplies() {
        var store = SessionStore()
        store.apply(Samples.tombstone("s1", version: Samples.version(20)))
        let outcome = store.apply(Samples.sessionRecord("s1", version: Samples.version(21)))
        #expect(outcome == .applied)
        #expect(store.session(key, at: Samples.epoch) != nil)
    }

    @Test func olderTombstoneIsStale() {
        var store = SessionStore()
        store.apply(Samples.sessionRecord("s1", version: Samples.version(20)))
        let outcome = store.apply(Samples.tombstone("s1", version: Samples.version(19)))
        #expect(outcome == .stale(held: Samples.version(20)))
        #expect(store.session(key, at: Samples.epoch) != nil)
    }

    @Test func removalWinsOverASessionOfTheSameVersion() {
        var store = SessionStore()
        store.apply(Samples.sessionRecord("s1", version: Samples.version(20)))
        store.apply(Samples.tombstone("s1", version: Samples.version(20)))
        #expect(store.session(key, at: Samples.epoch) == nil)
        var reversed = SessionStore()
        reversed.apply(Samples.tombstone("s1", version: Samples.version(20)))
        reversed.apply(Samples.sessionRecord("s1", version: Samples.version(20)))
        #expect(reversed == store)
    }

    @Test func touchMovesLastAccessedOnlyForward() {
        var store = SessionStore()
        store.apply(Samples.sessionRecord("s1", version: Samples.version(10), lastAccessed: 5000))
        let forward = store.touch(key, at: 7000)
        #expect(forward)
        #expect(store[key]?.session?.lastAccessed == 7000)
        let backward = store.touch(key, at: 6000)
        #expect(backward)
        #expect(store[key]?.session?.lastAccessed == 7000)
        #expect(store[key]?.version == Samples.version(10))
    }

    @Test func touchOfAMissingOrRemovedSessionReportsFalse() {
        var store = SessionStore()
        let missing = store.touch(key, at: 1)
        #expect(!missing)
        store.apply(Samples.tombstone("s1", version: Samples.version(1)))
        let removed = store.touch(key, at: 1)
        #expect(!removed)
        #expect(store[key] == Samples.tombstone("s1", version: Samples.version(1)))
    }

    @Test func purgeForgetsOnlyTombstonesPastTheirRetention() {
        var store = SessionStore()
        store.apply(Samples.tombstone("old", version: Samples.version(1), retainUntil: 100))
        store.apply(Samples.tombstone("edge", version: Samples.version(1), retainUntil: 200))
        store.apply(Samples.tombstone("young", version: Samples.version(1), retainUntil: 300))
        store.apply(Samples.sessionRecord("live", version: Samples.version(1), lastAccessed: 0))
        let first = store.purgeTombstones(before: 200)
        #expect(first == 1)
        #expect(store[Samples.key("old")] == nil)
        #expect(store[Samples.key("edge")] != nil)  // retained until 200 inclusive
        #expect(store[Samples.key("young")] != nil)
        #expect(store[Samples.key("live")] != nil)
        let second = store.purgeTombstones(before: 1_000)
        #expect(second == 2)
        #expect(store.count == 1)
    }

    @Test func sessionAtNowHidesExpiredSessions() {
        var store = SessionStore()
        store.apply(.session(Samples.session("s1", version: Samples.version(1), lastAccessed: 0, maxInactiveSeconds: 1)))
        #expect(store.session(key, at: 999) != nil)
        #expect(store.session(key, at: 1000) == nil)
        #expect(store.session(Samples.key("other"), at: 0) == nil)
    }

    @Test func sortedRecordsAreInKeyOrder() {
        var store = SessionStore()
        for (context, id) in [("b", "1"), ("a", "2"), ("a", "10"), ("a", "1")] {
            store.apply(Samples.sessionRecord(id, context: context, version: Samples.version(1)))
        }
        #expect(store.sortedRecords().map(\.key.description) == ["a/1", "a/10", "a/2", "b/1"])
    }

    @Test func versionVectorHoldsTheNewestVersionPerOrigin() {
        var store = SessionStore()
        store.apply(Samples.sessionRecord("1", version: Samples.version(5, origin: Samples.memberA)))
        store.apply(Samples.sessionRecord("2", version: Samples.version(9, origin: Samples.memberA)))
        store.apply(Samples.tombstone("3", version: Samples.version(7, origin: Samples.memberB)))
        let vector = store.versionVector()
        #expect(vector.newest == [
            Samples.memberA: Samples.version(9, origin: Samples.memberA),
            Samples.memberB: Samples.version(7, origin: Samples.memberB),
        ])
    }
}
