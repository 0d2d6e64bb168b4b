import TernCore
import TernTestKit
import Testing

@Suite("StoreRecord.newest: the newest-wins rule")
struct StoreRecordNewestTests {
    @Test func newerSessionWinsWhicheverSideItIsOn() {
        let old = Samples.sessionRecord("s", version: Samples.version(1), attributes: ["a": "old"])
        let new = Samples.sessionRecord("s", version: Samples.version(2), attributes: ["a": "new"])
        #expect(StoreRecord.newest(old, new) == new)
        #expect(StoreRecord.newest(new, old) == new)
    }

    @Test func newerVersionWinsWholeWithItsOwnAccessTime() {
        let old = Samples.sessionRecord("s", version: Samples.version(1), lastAccessed: 900)
        let new = Samples.sessionRecord("s", version: Samples.version(2), lastAccessed: 100)
        let merged = StoreRecord.newest(old, new)
        #expect(merged == new)
    }

    @Test func sameVersionKeepsTheLatestAccess() {
        let early = Samples.sessionRecord("s", version: Samples.version(2), lastAccessed: 100)
        let late = Samples.sessionRecord("s", version: Samples.version(2), lastAccessed: 900)
        #expect(StoreRecord.newest(early, late) == late)
        #expect(StoreRecord.newest(late, early) == late)
    }

    @Test func newerTombstoneWinsOverSession() {
        let session = Samples.sessionRecord("s", version: Samples.version(1))
        let tombstone = Samples.tombstone("s", version: Samples.version(2))
        #expect(StoreRecord.newest(session, tombstone) == tombstone)
        #expect(StoreRecord.newest(tombstone, session) == tombstone)
    }

    @Test func newerSessionWinsOverTombstone() {
        let tombstone = Samples.tombstone("s", version: Samples.version(2))
        let session = Samples.sessionRecord("s", version: Samples.version(3))
        #expect(StoreRecord.newest(session, tombstone) == session)
        #expect(StoreRecord.newest(tombstone, session) == session)
    }

    @Test func tombstoneWinsATieWithASession() {
        let session = Samples.sessionRecord("s", version: Samples.version(2))
        let tombstone = Samples.tombstone("s", version: Samples.version(2))
        #expect(StoreRecord.newest(session, tombstone) == tombstone)
        #expect(StoreRecord.newest(tombstone, session) == tombstone)
    }

    @Test func equalTombstonesKeepTheLongerRetention() {
        let short = Samples.tombstone("s", version: Samples.version(2), retainUntil: 100)
        let long = Samples.tombstone("s", version: Samples.version(2), retainUntil: 200)
        #expect(StoreRecord.newest(short, long) == long)
        #expect(StoreRecord.newest(long, short) == long)
    }

    @Test func newerTombstoneKeepsItsOwnRetention() {
        let older = Samples.tombstone("s", version: Samples.version(1), retainUntil: 900)
        let newer = Samples.tombstone("s", version: Samples.version(2), retainUntil: 100)
        #expect(StoreRecord.newest(older, newer) == newer)
    }

    @Test func recordIsItsOwnNewest() {
        let records = [
            Samples.sessionRecord("s", version: Samples.version(1), attributes: ["a": "1"]),
            Samples.tombstone("s", version: Samples.version(1)),
        ]
        for record in records {
            #expect(StoreRecord.newest(record, record) == record)
        }
    }

    @Test func aTombstoneBetweenTwoSessionsGivesTheSameResultHoweverGrouped() {
        // Versions 1 < 2 < 3: a session touched late at version 1, its removal at 2, a recreation
        // at 3 with an earlier access. The newer version wins whole, so the result is the version-3
        // session with its own access time, whichever way the records are grouped or ordered.
        let touched = Samples.sessionRecord("s", version: Samples.version(1), lastAccessed: 900)
        let removal = Samples.tombstone("s", version: Samples.version(2))
        let recreated = Samples.sessionRecord("s", version: Samples.version(3), lastAccessed: 100)
        let leftFirst = StoreRecord.newest(StoreRecord.newest(touched, removal), recreated)
        let rightFirst = StoreRecord.newest(touched, StoreRecord.newest(removal, recreated))
        #expect(leftFirst == rightFirst)
        #expect(leftFirst == recreated)
        var inOrder = SessionStore()
        var reordered = SessionStore()
        for record in [touched, removal, recreated] { inOrder.apply(record) }
        for record in [recreated, touched, removal] { reordered.apply(record) }
        #expect(inOrder == reordered)
    }
}
