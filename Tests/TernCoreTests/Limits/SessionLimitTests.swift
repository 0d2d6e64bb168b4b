import TernCore
import TernTestKit
import Testing

/// `--max-sessions`: the per-context bound of a store, checked before anything is stored.
@Suite("Sessions per context")
struct SessionLimitTests {
    let v1 = Samples.version(100)
    let v2 = Samples.version(200)

    @Test func theStoreCountsLiveSessionsPerContextAsRecordsChangeKind() {
        var store = SessionStore()
        store.apply(Samples.sessionRecord("a", version: v1))
        store.apply(Samples.sessionRecord("b", version: v1))
        store.apply(Samples.sessionRecord("c", context: "blog", version: v1))
        store.apply(Samples.sessionRecord("a", version: v2))
        #expect(store.sessionsPerContext == ["shop": 2, "blog": 1])
        store.apply(Samples.tombstone("a", version: Samples.version(300)))
        store.apply(Samples.tombstone("c", context: "blog", version: v2))
        store.apply(Samples.tombstone("never", version: v2))
        #expect(store.sessionsPerContext == ["shop": 1])
        #expect(store.sessionCount(in: "blog") == 0)
    }

    @Test func aPutOfANewSessionIntoAFullContextIsRejectedAndNotStored() {
        var store = SessionStore()
        store.apply(Samples.sessionRecord("a", version: v1))
        store.apply(Samples.sessionRecord("b", version: v1))
        let before = store
        let outcome = store.apply(.put(Samples.session("c", version: v2)), maxSessionsPerContext: 2)
        #expect(outcome == .rejected(.sessionLimit(Samples.key("c"), limit: 2)))
        #expect(!outcome.isAcknowledged)
        #expect(ReplicationRejection.sessionLimit(Samples.key("c"), limit: 2).exceedsBound)
        #expect(store == before)
        #expect(store.sessionCount(in: "shop") == 2)
    }

    @Test func updatesOfHeldSessionsAndOtherContextsPassAFullContext() {
        var store = SessionStore()
        store.apply(Samples.sessionRecord("a", version: v1))
        #expect(
            store.apply(.put(Samples.session("a", version: v2, attributes: ["x": "1"])), maxSessionsPerContext: 1)
                == .applied)
        #expect(
            store.apply(.put(Samples.session("z", context: "blog", version: v2)), maxSessionsPerContext: 1) == .applied)
        #expect(store.sessionsPerContext == ["shop": 1, "blog": 1])
    }

    @Test func aStaleCopyOfARemovedSessionIsAcknowledgedNotRefused() {
        var store = SessionStore()
        store.apply(Samples.sessionRecord("a", version: v1))
        store.apply(Samples.tombstone("b", version: v2))
        // The tombstone is newer: the put changes nothing, so it is stale (acknowledged), not over the bound.
        #expect(store.apply(.put(Samples.session("b", version: v1)), maxSessionsPerContext: 1) == .stale(held: v2))
        // A newer session replacing an older tombstone would be a new session: refused.
        let newer = Samples.session("b", version: Samples.version(300))
        #expect(store.apply(.put(newer), maxSessionsPerContext: 1) == .rejected(.sessionLimit(newer.key, limit: 1)))
    }

    @Test func roomFreedByAnInvalidationIsUsedAgain() {
        var store = SessionStore()
        store.apply(Samples.sessionRecord("a", version: v1))
        store.apply(Samples.tombstone("a", version: v2))
        #expect(store.apply(.put(Samples.session("b", version: v2)), maxSessionsPerContext: 1) == .applied)
    }

    @Test func aNodeRefusesACreateInAFullContextWithNothingChanged() throws {
        var node = NodeSessionsHarness(maxSessionsPerContext: 2)
        _ = node.create()
        _ = node.create()
        let before = node.sessions.store
        #expect(throws: NodeSessionError.tooManySessions(context: "shop", limit: 2)) {
            try node.sessions.create(context: "shop", now: node.clock.now, using: &node.random)
        }
        #expect(node.sessions.store == before)
        #expect(node.sessions.counters.sessionLimit == 1)
        #expect(node.sessions.counters.created == 2)
        _ = try node.sessions.create(context: "blog", now: node.clock.now, using: &node.random)
        #expect(node.sessions.sessionsPerContext == ["shop": 2, "blog": 1])
    }

    @Test func aNodeAcceptsWritesToHeldSessionsInAFullContext() throws {
        var node = NodeSessionsHarness(maxSessionsPerContext: 1)
        let key = node.create(["cart": "1"])
        let write = try node.sessions.replace(
            key, attributes: NodeSessionsHarness.attributes(["cart": "2"]), now: node.clock.now)
        #expect(write.session?.attributes["cart"] == Array("2".utf8))
        #expect(node.sessions.counters.sessionLimit == 0)
    }

    @Test func aNodeRefusesAReplicatedNewSessionInAFullContextAndCountsIt() {
        var node = NodeSessionsHarness(maxSessionsPerContext: 1)
        _ = node.create()
        let put = ReplicationMessage.put(
            Samples.session(
                "remote", version: Samples.version(1, origin: Samples.memberB), lastAccessed: node.clock.now))
        let result = node.sessions.apply(put, now: node.clock.now)
        #expect(result == .outcome(.rejected(.sessionLimit(Samples.key("remote"), limit: 1))))
        #expect(node.sessions.store[Samples.key("remote")] == nil)
        #expect(node.sessions.counters.sessionLimit == 1)
    }

    @Test func anInvalidationFreesRoomForACreate() throws {
        var node = NodeSessionsHarness(maxSessionsPerContext: 1)
        let key = node.create()
        _ = try node.sessions.invalidate(key, now: node.clock.now)
        _ = try node.sessions.create(context: "shop", now: node.clock.now, using: &node.random)
        #expect(node.sessions.sessionsPerContext == ["shop": 1])
    }
}
