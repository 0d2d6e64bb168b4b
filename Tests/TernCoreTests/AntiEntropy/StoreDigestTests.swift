import PropertyBased
import TernCore
import TernTestKit
import Testing

@Suite("Store digests: kept current as the store changes")
struct StoreDigestTests {
    /// The digest of `store` computed from its records alone, at full resolution.
    static func recomputed(_ store: SessionStore) -> [String: [UInt64]] {
        var buckets: [String: [UInt64]] = [:]
        for record in store.records.values {
            let keyHash = DigestHash.key(record.key)
            let index = BucketSelection.bucket(of: keyHash, count: StoreDigest.maxBuckets)
            buckets[record.key.context, default: [UInt64](repeating: 0, count: StoreDigest.maxBuckets)][index] ^=
                DigestHash.entry(record)
        }
        return buckets
    }

    static func kept(_ store: SessionStore) -> [String: [UInt64]] {
        var buckets: [String: [UInt64]] = [:]
        for (context, _) in store.digest.contexts { buckets[context] = store.digest.digest(of: context)?.buckets }
        return buckets
    }

    @Test func theKeptDigestIsTheOneTheRecordsGiveWhateverHappened() async {
        await propertyCheck(count: 200, input: Gen.uint64(), Gen.int(in: 1...400)) { seed, steps in
            var random = TestRandom(seed: seed)
            var store = SessionStore()
            for step in 0..<steps {
                let record = RecordGenerators.record(
                    key: SessionKey(context: "c\(Int.random(in: 0...2, using: &random))", id: "\(Int.random(in: 0...60, using: &random))"),
                    version: Version(
                        physical: UInt64.random(in: 1...30, using: &random), logical: 0,
                        origin: RecordGenerators.origins[Int.random(in: 0...2, using: &random)]))
                store.apply(record)
                if step % 17 == 0 { store.touch(record.key, at: Int64(step) * 1_000_000) }
                if step % 53 == 0 { store.purgeTombstones(before: 500) }
            }
            #expect(Self.kept(store) == Self.recomputed(store), "seed \(seed)")
            let counts = Dictionary(grouping: store.records.values, by: \.key.context).mapValues(\.count)
            #expect(Dictionary(uniqueKeysWithValues: store.digest.contexts.map { ($0.context, $0.count) }) == counts)
        }
    }

    @Test func theSameRecordsInAnyOrderGiveTheSameDigests() async {
        await propertyCheck(count: 200, input: Gen.uint64(), Gen.uint64()) { seed, order in
            var random = TestRandom(seed: seed)
            let records = (0..<120).map { _ in
                RecordGenerators.record(
                    key: SessionKey(context: "c\(Int.random(in: 0...1, using: &random))", id: "\(Int.random(in: 0...40, using: &random))"),
                    version: Version(
                        physical: UInt64.random(in: 1...9, using: &random), logical: UInt32.random(in: 0...1, using: &random),
                        origin: RecordGenerators.origins[Int.random(in: 0...2, using: &random)]))
            }
            let first = RecordGenerators.store(records)
            let second = RecordGenerators.store(RecordGenerators.reordered(records, seed: order))
            #expect(first.digest.contextDigests() == second.digest.contextDigests())
            #expect(first.digest.differences(from: second.digest.contextDigests()).isEmpty)
        }
    }

    @Test func foldingXorsTheBucketsThatShareTheirLeadingBits() {
        let buckets: [UInt64] = [1, 2, 4, 8, 16, 32, 64, 128]
        #expect(StoreDigest.fold(buckets, to: 8) == buckets)
        #expect(StoreDigest.fold(buckets, to: 4) == [3, 12, 48, 192])
        #expect(StoreDigest.fold(buckets, to: 1) == [255])
    }

    @Test func aFoldedDigestIsTheDigestAtThatResolution() {
        var store = SessionStore()
        for index in 0..<300 { store.apply(Samples.sessionRecord("s\(index)", version: Samples.version(UInt64(index + 1)))) }
        let full = try! #require(store.digest.digest(of: "shop"))
        for count in [1, 2, 64, 256] {
            var direct = [UInt64](repeating: 0, count: count)
            for record in store.records.values {
                direct[BucketSelection.bucket(of: DigestHash.key(record.key), count: count)] ^= DigestHash.entry(record)
            }
            #expect(full.folded(to: count).buckets == direct, "\(count) buckets")
        }
    }

    @Test func aRoundComparesAboutFourRecordsABucketUpTo1024() {
        #expect(StoreDigest.bucketCount(forRecords: 0) == 1)
        #expect(StoreDigest.bucketCount(forRecords: 4) == 1)
        #expect(StoreDigest.bucketCount(forRecords: 5) == 2)
        #expect(StoreDigest.bucketCount(forRecords: 1000) == 256)
        #expect(StoreDigest.bucketCount(forRecords: 1_000_000) == 1024)
        var store = SessionStore()
        for index in 0..<100 { store.apply(Samples.sessionRecord("s\(index)", version: Samples.version(1))) }
        #expect(store.digest.contextDigests().map(\.buckets.count) == [32])
    }

    @Test func differencesNameTheBucketOfTheChangedKeyAndContextsOnlyOneSideHolds() {
        var left = SessionStore()
        var right = SessionStore()
        for index in 0..<200 {
            let record = Samples.sessionRecord("s\(index)", version: Samples.version(1))
            left.apply(record)
            right.apply(record)
        }
        right.apply(Samples.sessionRecord("s7", version: Samples.version(2)))
        right.apply(Samples.sessionRecord("only", context: "extra", version: Samples.version(1)))
        let differences = right.digest.differences(from: left.digest.contextDigests())
        #expect(differences.map(\.context) == ["extra", "shop"])
        let shop = differences[1]
        #expect(shop.bucketCount == 64)
        #expect(shop.buckets == [BucketSelection.bucket(of: DigestHash.key(Samples.key("s7")), count: 64)])
        #expect(differences[0].bucketCount == 1 && differences[0].buckets == [0])
    }

    @Test func aTouchKeepsTheDigestAndAnInvalidationChangesIt() {
        var store = SessionStore()
        store.apply(Samples.sessionRecord("a", version: Samples.version(1)))
        let before = store.digest.contextDigests()
        store.touch(Samples.key("a"), at: Samples.epoch + 5000)
        #expect(store.digest.contextDigests() == before)
        store.apply(.tombstone(Tombstone(key: Samples.key("a"), version: Samples.version(1), retainUntil: 10)))
        #expect(store.digest.contextDigests() != before, "a tombstone of the same version is another record")
        store.purgeTombstones(before: 11)
        #expect(store.digest.contextDigests().isEmpty)
    }
}
