import TernCore
import TernTestKit
import Testing

@Suite("Record table")
struct RecordTableTests {
    func record(_ id: Int, version: UInt64, removed: Bool = false) -> StoreRecord {
        let key = Samples.key("s\(id)")
        if removed { return .tombstone(Tombstone(key: key, version: Samples.version(version), retainUntil: 0)) }
        return Samples.sessionRecord("s\(id)", version: Samples.version(version))
    }

    /// Checks `table` holds exactly what `model` holds, by every key either could know.
    func expectSame(_ table: RecordTable, _ model: [SessionKey: StoreRecord], keys: Int, _ note: Comment) {
        #expect(table.count == model.count, note)
        for id in 0..<keys {
            let key = Samples.key("s\(id)")
            #expect(table[key] == model[key], note)
        }
        #expect(Set(table.keys) == Set(model.keys), note)
    }

    @Test func matchesADictionaryUnderRandomInsertsUpdatesAndRemovals() {
        for seed: UInt64 in [1, 2, 3] {
            var random = TestRandom(seed: seed)
            var table = RecordTable()
            var model: [SessionKey: StoreRecord] = [:]
            let keys = 3000
            for step in 1...30_000 {
                let id = Int.random(in: 0..<keys, using: &random)
                let key = Samples.key("s\(id)")
                switch Int.random(in: 0..<10, using: &random) {
                case 0..<5:
                    let new = record(id, version: UInt64(step), removed: Bool.random(using: &random))
                    table[key] = new
                    model[key] = new
                case 5..<7:
                    table[key] = nil
                    model[key] = nil
                case 7..<9:
                    // Change in place through `update`, as the store does.
                    table.update(key) { slot in
                        if slot != nil { slot = record(id, version: UInt64(step)) }
                    }
                    if model[key] != nil { model[key] = record(id, version: UInt64(step)) }
                default:
                    table.update(key) { $0 = nil }
                    model[key] = nil
                }
                if step % 5000 == 0 { expectSame(table, model, keys: keys, "seed \(seed), step \(step)") }
            }
            expectSame(table, model, keys: keys, "seed \(seed), end")
        }
    }

    @Test func aRecordKeepsItsPositionWhileHeldAndRemovedPositionsAreReused() {
        for seed: UInt64 in [4, 5] {
            var random = TestRandom(seed: seed)
            var table = RecordTable()
            var model: [SessionKey: StoreRecord] = [:]
            var positions: [SessionKey: Int] = [:]
            var most = 0
            let keys = 2000
            for step in 1...20_000 {
                let id = Int.random(in: 0..<keys, using: &random)
                let key = Samples.key("s\(id)")
                if Int.random(in: 0..<10, using: &random) < 6 {
                    let new = record(id, version: UInt64(step), removed: Bool.random(using: &random))
                    table[key] = new
                    model[key] = new
                    let position = table.position(of: key)
                    if let held = positions[key] {
                        #expect(position == held, "seed \(seed), step \(step): a changed record moved")
                    } else {
                        positions[key] = position
                    }
                } else {
                    table.update(key) { $0 = nil }
                    model[key] = nil
                    positions[key] = nil
                    #expect(table.position(of: key) == nil)
                }
                most = max(most, model.count)
                if step % 1000 == 0 {
                    for (key, position) in positions {
                        #expect(table.position(of: key) == position, "seed \(seed), step \(step)")
                        #expect(table[position: position] == model[key], "seed \(seed), step \(step)")
                        // Holes are filled before the array grows: no position beyond the most
                        // records ever held at once.
                        #expect(position < most, "seed \(seed), step \(step)")
                    }
                    #expect(Set(positions.values).count == positions.count, "seed \(seed), step \(step)")
                }
            }
            expectSame(table, model, keys: keys, "seed \(seed), end")
        }
    }

    @Test func aPositionWithoutARecordReadsNil() {
        var table = RecordTable()
        #expect(table[position: 0] == nil)
        for id in 0..<3 { table[Samples.key("s\(id)")] = record(id, version: 1) }
        let middle = table.position(of: Samples.key("s1"))!
        table[Samples.key("s1")] = nil
        #expect(table[position: middle] == nil)
        #expect(table[position: -1] == nil)
        #expect(table[position: 3] == nil)
        #expect(Array(table.values).count == 2)
        table[Samples.key("s9")] = record(9, version: 1)
        #expect(table.position(of: Samples.key("s9")) == middle)
    }

    @Test func removingEveryRecordLeavesAnEmptyTableThatStillWorks() {
        var table = RecordTable()
        for id in 0..<1000 { table[Samples.key("s\(id)")] = record(id, version: 1) }
        #expect(table.count == 1000)
        #expect(table.removeAll { _ in true } == 1000)
        #expect(table.isEmpty)
        for id in 0..<1000 { #expect(table[Samples.key("s\(id)")] == nil) }
        table[Samples.key("s7")] = record(7, version: 2)
        #expect(table[Samples.key("s7")] == record(7, version: 2))
    }

    @Test func removeAllRemovesOnlyWhatItPicks() {
        var table = RecordTable()
        for id in 0..<500 { table[Samples.key("s\(id)")] = record(id, version: 1, removed: id % 3 == 0) }
        let removed = table.removeAll { if case .tombstone = $0 { true } else { false } }
        #expect(removed == 167)
        #expect(table.count == 333)
        for id in 0..<500 { #expect((table[Samples.key("s\(id)")] != nil) == (id % 3 != 0)) }
    }

    @Test func equalityIgnoresOrder() {
        var forward = RecordTable()
        var backward = RecordTable()
        for id in 0..<100 { forward[Samples.key("s\(id)")] = record(id, version: 1) }
        for id in (0..<100).reversed() { backward[Samples.key("s\(id)")] = record(id, version: 1) }
        #expect(forward == backward)
        backward[Samples.key("s5")] = record(5, version: 2)
        #expect(forward != backward)
    }
}
