import TernCore
import TernTestKit
import Testing

@Suite("Applying replication messages to a store")
struct SessionStoreReplicationTests {
    let v1 = Samples.version(100)
    let v2 = Samples.version(200)
    let v3 = Samples.version(300, origin: Samples.memberB)

    func store(_ records: StoreRecord...) -> SessionStore {
        var store = SessionStore()
        for record in records { store.apply(record) }
        return store
    }

    func delta(
        _ id: String, base: Version, version: Version, lastAccessed: UnixMillis = Samples.epoch + 5000,
        set: [String: String] = [:], remove: [String] = []
    ) -> SessionDelta {
        SessionDelta(
            key: Samples.key(id), base: base, version: version, lastAccessed: lastAccessed,
            maxInactiveSeconds: 600, set: Attributes(set.map { Attribute(name: $0.key, value: Array($0.value.utf8)) }),
            remove: remove)
    }

    @Test func putAppliesTheNewerSessionAndReportsOlderAsStale() {
        var store = SessionStore()
        #expect(store.apply(.put(Samples.session("s", version: v2))) == .applied)
        #expect(store.apply(.put(Samples.session("s", version: v1))) == .stale(held: v2))
        #expect(store.apply(.put(Samples.session("s", version: v2))) == .duplicate)
        #expect(store[Samples.key("s")]?.version == v2)
    }

    @Test func deltaOnExactlyTheBaseSetsAndRemovesAttributes() {
        var store = store(
            .session(Samples.session("s", version: v1, created: 42, attributes: ["cart": "1", "user": "ann"])))
        let outcome = store.apply(
            .delta(delta("s", base: v1, version: v2, set: ["cart": "2", "lang": "de"], remove: ["user"])))
        #expect(outcome == .applied)
        let session = store[Samples.key("s")]?.session
        #expect(session?.version == v2)
        #expect(session?.attributes.names == ["cart", "lang"])
        #expect(session?.attributes["cart"] == Array("2".utf8))
        #expect(session?.created == 42)
        #expect(session?.lastAccessed == Samples.epoch + 5000)
        #expect(session?.maxInactiveSeconds == 600)
    }

    @Test func deltaOnAMissingKeyNeedsTheFullSession() {
        var store = SessionStore()
        #expect(store.apply(.delta(delta("s", base: v1, version: v2))) == .needsFullSession(Samples.key("s")))
        #expect(store.count == 0)
    }

    @Test func deltaOnAnOlderHeldVersionNeedsTheFullSession() {
        var store = store(Samples.sessionRecord("s", version: Samples.version(50)))
        let before = store
        #expect(store.apply(.delta(delta("s", base: v1, version: v2))) == .needsFullSession(Samples.key("s")))
        #expect(store == before)
    }

    @Test func deltaOnAConcurrentBranchBetweenBaseAndVersionNeedsTheFullSession() {
        // Held 150 built on 100 elsewhere; the delta 100 → 200 cannot be applied to it.
        var store = store(Samples.sessionRecord("s", version: Samples.version(150, origin: Samples.memberC)))
        #expect(store.apply(.delta(delta("s", base: v1, version: v2))) == .needsFullSession(Samples.key("s")))
    }

    @Test func deltaOnATombstoneNeedsTheFullSession() {
        var store = store(Samples.tombstone("s", version: v1))
        #expect(store.apply(.delta(delta("s", base: v1, version: v2))) == .needsFullSession(Samples.key("s")))
    }

    @Test func deltaOfTheHeldVersionIsADuplicateThatMovesTheAccessTimeForward() {
        var store = store(Samples.sessionRecord("s", version: v2, lastAccessed: Samples.epoch))
        #expect(store.apply(.delta(delta("s", base: v1, version: v2, lastAccessed: Samples.epoch + 9))) == .duplicate)
        #expect(store[Samples.key("s")]?.session?.lastAccessed == Samples.epoch + 9)
        #expect(store.apply(.delta(delta("s", base: v1, version: v2, lastAccessed: Samples.epoch + 1))) == .duplicate)
        #expect(store[Samples.key("s")]?.session?.lastAccessed == Samples.epoch + 9)
    }

    @Test func deltaOlderThanTheHeldVersionIsStale() {
        var store = store(Samples.tombstone("s", version: v3))
        #expect(store.apply(.delta(delta("s", base: v1, version: v2))) == .stale(held: v3))
    }

    @Test func deltaWhoseVersionIsNotAfterItsBaseIsRejected() {
        var store = store(Samples.sessionRecord("s", version: v2))
        let before = store
        let outcome = store.apply(.delta(delta("s", base: v2, version: v1)))
        #expect(outcome == .rejected(.versionNotAfterBase(Samples.key("s"), base: v2, version: v1)))
        #expect(!outcome.isAcknowledged)
        #expect(store == before)
    }

    @Test func touchesMoveTheAccessTimeOnlyOfTheHeldVersion() {
        var store = store(
            Samples.sessionRecord("a", version: v1, lastAccessed: 1000),
            Samples.sessionRecord("b", version: v2, lastAccessed: 1000),
            Samples.tombstone("c", version: v1))
        let outcome = store.apply(
            .touch([
                SessionTouch(key: Samples.key("a"), version: v1, lastAccessed: 2000),  // moves
                SessionTouch(key: Samples.key("b"), version: v2, lastAccessed: 500),  // earlier: unchanged
                SessionTouch(key: Samples.key("b"), version: v1, lastAccessed: 9000),  // older version
                SessionTouch(key: Samples.key("c"), version: v1, lastAccessed: 9000),  // removed
                SessionTouch(key: Samples.key("d"), version: v1, lastAccessed: 9000),  // absent
            ]))
        #expect(outcome == .touched(TouchTally(moved: 1, unchanged: 1, ignored: 3)))
        #expect(store[Samples.key("a")]?.session?.lastAccessed == 2000)
        #expect(store[Samples.key("b")]?.session?.lastAccessed == 1000)
        #expect(store[Samples.key("d")] == nil)
    }

    @Test func expireTombstonesANewerChangeAndIgnoresAnOlderOne() {
        var store = store(Samples.sessionRecord("s", version: v2))
        #expect(store.apply(.expire(Tombstone(key: Samples.key("s"), version: v1, retainUntil: 1))) == .stale(held: v2))
        #expect(store[Samples.key("s")]?.session != nil)
        #expect(store.apply(.expire(Tombstone(key: Samples.key("s"), version: v3, retainUntil: 1))) == .applied)
        #expect(store[Samples.key("s")]?.session == nil)
        #expect(store.apply(.put(Samples.session("s", version: v2))) == .stale(held: v3))
    }

    @Test func changeIDOnTheHeldBaseRenamesTheSessionAndTombstonesTheOldID() {
        var store = store(.session(Samples.session("old", version: v1, created: 7, attributes: ["user": "ann"])))
        let change = SessionIDChange(key: Samples.key("old"), base: v1, newID: "new", version: v2, retainUntil: 99)
        #expect(store.apply(.changeID(change)) == .applied)
        #expect(
            store[Samples.key("old")] == .tombstone(Tombstone(key: Samples.key("old"), version: v2, retainUntil: 99)))
        let renamed = store[Samples.key("new")]?.session
        #expect(renamed?.version == v2)
        #expect(renamed?.attributes["user"] == Array("ann".utf8))
        #expect(renamed?.created == 7)
        #expect(renamed?.lastAccessed == UnixMillis(v2.physical))
    }

    @Test func changeIDWithoutTheBaseTombstonesTheOldIDAndNeedsTheNewSession() {
        var store = store(Samples.sessionRecord("old", version: Samples.version(50)))
        let change = SessionIDChange(key: Samples.key("old"), base: v1, newID: "new", version: v2, retainUntil: 99)
        #expect(store.apply(.changeID(change)) == .needsFullSession(Samples.key("new")))
        #expect(store[Samples.key("old")]?.version == v2)
        #expect(store[Samples.key("old")]?.session == nil)
        #expect(store[Samples.key("new")] == nil)
    }

    @Test func changeIDWhoseNewIDHoldsANewerVersionIsStale() {
        var store = store(Samples.sessionRecord("old", version: v1), Samples.sessionRecord("new", version: v3))
        let change = SessionIDChange(key: Samples.key("old"), base: v1, newID: "new", version: v2, retainUntil: 99)
        #expect(store.apply(.changeID(change)) == .stale(held: v3))
        #expect(store[Samples.key("old")]?.session == nil)
    }

    @Test func changeIDToTheSameIDIsRejected() {
        var store = store(Samples.sessionRecord("s", version: v1))
        let before = store
        let change = SessionIDChange(key: Samples.key("s"), base: v1, newID: "s", version: v2, retainUntil: 99)
        #expect(store.apply(.changeID(change)) == .rejected(.idUnchanged(Samples.key("s"))))
        #expect(store == before)
    }

    @Test(arguments: 0..<7)
    func applyingAMessageAgainChangesNothing(index: Int) {
        let messages: [ReplicationMessage] = [
            .put(Samples.session("s", version: v2)),
            .delta(delta("s", base: v1, version: v2, set: ["a": "b"])),
            .delta(delta("s", base: Samples.version(10), version: v1)),
            .touch([SessionTouch(key: Samples.key("s"), version: v1, lastAccessed: Samples.epoch + 77)]),
            .expire(Tombstone(key: Samples.key("s"), version: v2, retainUntil: 5)),
            .changeID(SessionIDChange(key: Samples.key("s"), base: v1, newID: "t", version: v2, retainUntil: 5)),
            .changeID(SessionIDChange(key: Samples.key("x"), base: v1, newID: "t", version: v2, retainUntil: 5)),
        ]
        var store = store(Samples.sessionRecord("s", version: v1))
        let first = store.apply(messages[index])
        let once = store
        let second = store.apply(messages[index])
        #expect(store == once)
        switch first {
        case .applied, .duplicate: #expect(second == .duplicate)
        case .touched(let tally):
            #expect(second == .touched(TouchTally(unchanged: tally.moved + tally.unchanged, ignored: tally.ignored)))
        default: #expect(second == first)
        }
    }

    @Test func acknowledgedOutcomesAreThoseWhereTheStoreHoldsTheChangeOrNewer() {
        #expect(ReplicationOutcome.applied.isAcknowledged)
        #expect(ReplicationOutcome.duplicate.isAcknowledged)
        #expect(ReplicationOutcome.stale(held: v1).isAcknowledged)
        #expect(ReplicationOutcome.touched(TouchTally()).isAcknowledged)
        #expect(!ReplicationOutcome.needsFullSession(Samples.key("s")).isAcknowledged)
        #expect(!ReplicationOutcome.rejected(.idUnchanged(Samples.key("s"))).isAcknowledged)
    }
}
