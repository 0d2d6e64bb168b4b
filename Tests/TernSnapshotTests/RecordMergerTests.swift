import TernCore
import TernSnapshot
import TernTestKit
import Testing

@Suite("RecordMerger")
struct RecordMergerTests {
    static func write(_ records: [StoreRecord], vector: [Version] = [], to name: String, in directory: TemporaryDirectory)
        throws -> SnapshotReader
    {
        let header = SnapshotHeader(writer: "t", created: 0, cluster: "c", versionVector: VersionVector(vector))
        return try SnapshotReader(path: try directory.write(try Snap.plain(records, header: header), to: name))
    }

    static func mergeAll(_ readers: [SnapshotReader]) throws -> [StoreRecord] {
        var merger = try RecordMerger(readers)
        var out: [StoreRecord] = []
        while let record = try merger.next() { out.append(record) }
        return out
    }

    @Test func picksTheNewestRecordPerKey() throws {
        try withTemporaryDirectory { directory in
            let left = try Self.write([
                Samples.sessionRecord("a", version: Samples.version(1), attributes: ["v": "left"]),
                Samples.sessionRecord("b", version: Samples.version(5), attributes: ["v": "left"]),
                Samples.sessionRecord("d", version: Samples.version(2)),
            ], to: "left.tsnap", in: directory)
            let right = try Self.write([
                Samples.sessionRecord("a", version: Samples.version(2), attributes: ["v": "right"]),
                Samples.sessionRecord("b", version: Samples.version(4), attributes: ["v": "right"]),
                Samples.sessionRecord("c", version: Samples.version(1)),
            ], to: "right.tsnap", in: directory)
            let merged = try Self.mergeAll([left, right])
            #expect(merged.map(\.key.id) == ["a", "b", "c", "d"])
            #expect(merged[0].session?.attributes["v"] == Array("right".utf8))
            #expect(merged[1].session?.attributes["v"] == Array("left".utf8))
            #expect(left.trailer != nil && right.trailer != nil)
        }
    }

    @Test func tombstoneHidesAnOlderSessionAndANewerSessionBeatsATombstone() throws {
        try withTemporaryDirectory { directory in
            let sessions = try Self.write([
                Samples.sessionRecord("old", version: Samples.version(1)),
                Samples.sessionRecord("reborn", version: Samples.version(9)),
            ], to: "sessions.tsnap", in: directory)
            let removals = try Self.write([
                Samples.tombstone("old", version: Samples.version(3)),
                Samples.tombstone("reborn", version: Samples.version(3)),
            ], to: "removals.tsnap", in: directory)
            let merged = try Self.mergeAll([sessions, removals])
            #expect(merged == [
                Samples.tombstone("old", version: Samples.version(3)),
                Samples.sessionRecord("reborn", version: Samples.version(9)),
            ])
        }
    }

    @Test func mergeOfThreeInputsEqualsTheStoreOfAllRecords() throws {
        try withTemporaryDirectory { directory in
            var inputs: [[StoreRecord]] = []
            var random = TestRandom(seed: 4)
            for _ in 0..<3 {
                var records: [StoreRecord] = []
                for id in 0..<30 where Bool.random(using: &random) {
                    let version = Samples.version(UInt64.random(in: 1...5, using: &random))
                    let key = id < 10 ? "0\(id)" : "\(id)"
                    records.append(
                        Bool.random(using: &random)
                            ? Samples.sessionRecord(key, version: version, lastAccessed: Int64(id) * 100 + Int64(version.physical))
                            : Samples.tombstone(key, version: version))
                }
                inputs.append(records)
            }
            let readers = try inputs.enumerated().map { try Self.write($1, to: "in\($0).tsnap", in: directory) }
            var store = SessionStore()
            for record in inputs.joined() { store.apply(record) }
            #expect(try Self.mergeAll(readers) == store.sortedRecords())
        }
    }

    @Test func versionVectorIsThePointwiseMaximumOfTheHeaders() throws {
        try withTemporaryDirectory { directory in
            let a5 = Samples.version(5, origin: Samples.memberA)
            let a7 = Samples.version(7, origin: Samples.memberA)
            let b2 = Samples.version(2, origin: Samples.memberB)
            let first = try Self.write([], vector: [a7], to: "1.tsnap", in: directory)
            let second = try Self.write([], vector: [a5, b2], to: "2.tsnap", in: directory)
            let merger = try RecordMerger([first, second])
            #expect(merger.versionVector == VersionVector([a7, b2]))
        }
    }

    @Test func noInputsMergeToNothing() throws {
        var merger = try RecordMerger([])
        #expect(try merger.next() == nil)
    }

    @Test func corruptInputStopsTheMerge() throws {
        try withTemporaryDirectory { directory in
            let good = try Self.write([Samples.sessionRecord("a", version: Samples.version(1))], to: "good.tsnap", in: directory)
            var bytes = try Snap.plain([Samples.sessionRecord("b", version: Samples.version(1))])
            bytes[bytes.count - 1] ^= 0xFF  // the digest
            let bad = try SnapshotReader(path: try directory.write(bytes, to: "bad.tsnap"))
            #expect(throws: SnapshotError.self) { _ = try Self.mergeAll([good, bad]) }
        }
    }
}
