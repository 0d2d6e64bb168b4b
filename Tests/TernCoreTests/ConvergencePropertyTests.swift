import PropertyBased
import TernCore
import TernTestKit
import Testing

@Suite("Convergence properties of the newest-wins rule")
struct ConvergencePropertyTests {
    @Test func anyOrderWithDuplicatesGivesTheSameStore() async {
        await propertyCheck(
            count: 500, input: RecordGenerators.anyRecord.array(of: 0...14), Gen.uint64()
        ) { records, seed in
            let reference = RecordGenerators.store(records)
            let shuffled = RecordGenerators.store(RecordGenerators.reordered(records, seed: seed))
            #expect(shuffled == reference)
        }
    }

    @Test func sessionsTouchedDifferentlyConvergeToTheLatestAccessOfTheNewestVersion() async {
        await propertyCheck(
            count: 500, input: RecordGenerators.touchedSession.array(of: 1...14), Gen.uint64()
        ) { records, seed in
            let reference = RecordGenerators.store(records)
            let shuffled = RecordGenerators.store(RecordGenerators.reordered(records, seed: seed))
            #expect(shuffled == reference)
            for record in reference.records.values {
                let key = record.key
                // The newest version wins; among its copies, the latest access.
                let sameKey = records.filter { $0.key == key }
                let newest = sameKey.map(\.version).max()
                let latest = sameKey.filter { $0.version == newest }.compactMap { $0.session?.lastAccessed }.max()
                #expect(record.session?.lastAccessed == latest)
            }
        }
    }

    @Test func newestIsCommutative() async {
        await propertyCheck(count: 500, input: RecordGenerators.sameKeyRecord, RecordGenerators.sameKeyRecord) { a, b in
            #expect(StoreRecord.newest(a, b) == StoreRecord.newest(b, a))
        }
    }

    @Test func newestIsCommutativeForSessionsWithDifferentAccessTimes() async {
        await propertyCheck(count: 500, input: RecordGenerators.touchedSession, RecordGenerators.touchedSession) { a, b in
            guard a.key == b.key else { return }
            #expect(StoreRecord.newest(a, b) == StoreRecord.newest(b, a))
        }
    }

    @Test func newestIsAssociative() async {
        await propertyCheck(
            count: 500, input: RecordGenerators.sameKeyRecord, RecordGenerators.sameKeyRecord,
            RecordGenerators.sameKeyRecord
        ) { a, b, c in
            #expect(StoreRecord.newest(StoreRecord.newest(a, b), c) == StoreRecord.newest(a, StoreRecord.newest(b, c)))
        }
    }

    @Test func newestIsIdempotent() async {
        await propertyCheck(count: 300, input: RecordGenerators.sameKeyRecord, RecordGenerators.sameKeyRecord) { a, b in
            #expect(StoreRecord.newest(a, a) == a)
            let ab = StoreRecord.newest(a, b)
            #expect(StoreRecord.newest(ab, b) == ab)
            #expect(StoreRecord.newest(ab, a) == ab)
        }
    }

    @Test func newestNeverPicksAnOlderVersion() async {
        await propertyCheck(count: 300, input: RecordGenerators.sameKeyRecord, RecordGenerators.sameKeyRecord) { a, b in
            #expect(StoreRecord.newest(a, b).version == max(a.version, b.version))
        }
    }

    @Test func storeEqualsNewestFoldedPerKey() async {
        await propertyCheck(count: 500, input: RecordGenerators.anyRecord.array(of: 0...14)) { records in
            let store = RecordGenerators.store(records)
            var folded: [SessionKey: StoreRecord] = [:]
            for record in records {
                folded[record.key] = folded[record.key].map { StoreRecord.newest($0, record) } ?? record
            }
            var expected = RecordTable()
            for record in folded.values { expected[record.key] = record }
            #expect(store.records == expected)
        }
    }

    @Test func applyOutcomeMatchesTheVersionComparison() async {
        await propertyCheck(count: 300, input: RecordGenerators.sameKeyRecord.array(of: 1...10)) { records in
            var store = SessionStore()
            var held: Version?
            for record in records {
                let outcome = store.apply(record)
                switch held {
                case nil: #expect(outcome == .applied)
                case let version? where record.version > version: #expect(outcome == .applied)
                case let version? where record.version == version: #expect(outcome == .duplicate)
                case let version?: #expect(outcome == .stale(held: version))
                }
                held = max(held ?? record.version, record.version)
                #expect(store[record.key]?.version == held)
            }
        }
    }
}
