import PropertyBased
import TernCore
import TernTestKit
import Testing

@Suite("Anti-entropy rounds: two diverged stores converge")
struct AntiEntropyRoundTests {
    @Test func oneRoundLeavesBothStoresHoldingTheNewestOfEveryRecord() async {
        await propertyCheck(
            count: 300, input: Gen.uint64(), Gen.int(in: 1...300), Gen.int(in: 0...200), Gen.int(in: 0...60),
            Gen.int(in: 0...60)
        ) { seed, keys, shared, leftOnly, rightOnly in
            var stores = DivergedStores(seed: seed, keys: keys, shared: shared, leftOnly: leftOnly, rightOnly: rightOnly)
            let (report, _) = RoundSimulation.round(&stores.left, with: &stores.right)
            #expect(stores.left == stores.merged, "seed \(seed): the initiator")
            #expect(stores.right == stores.merged, "seed \(seed): the answering member")
            #expect(report.outcome == .inSync || report.outcome == .repaired, "\(report)")
        }
    }

    @Test func aRoundEachWayConvergesEvenWhenTheListsOverflowIntoTransfers() async {
        // With a limit of 5 entries, most rounds fall back to transferring state, which only pulls:
        // the round the other way brings the initiator's newer records across.
        await propertyCheck(count: 200, input: Gen.uint64(), Gen.int(in: 0...40), Gen.int(in: 0...40)) {
            seed, leftOnly, rightOnly in
            var stores = DivergedStores(seed: seed, keys: 60, shared: 50, leftOnly: leftOnly, rightOnly: rightOnly)
            let limits = AntiEntropyLimits(maxEntries: 5)
            RoundSimulation.round(&stores.left, with: &stores.right, limits: limits)
            RoundSimulation.round(&stores.right, with: &stores.left, limits: limits)
            #expect(stores.left == stores.merged && stores.right == stores.merged, "seed \(seed)")
        }
    }

    @Test func equalStoresAreInSyncAfterOneDigest() {
        var stores = DivergedStores(seed: 7, keys: 500, shared: 800, leftOnly: 0, rightOnly: 0)
        let (report, actions) = RoundSimulation.round(&stores.left, with: &stores.right)
        #expect(report.outcome == .inSync && report.differingBuckets == 0)
        #expect(actions.count == 2, "a digest and the end: \(actions)")
    }

    @Test func oneChangedSessionCostsOneBucketAndOneRecord() throws {
        var stores = DivergedStores(seed: 11, keys: 4000, shared: 6000, leftOnly: 0, rightOnly: 0)
        let held = try #require(stores.right.records.values.first { !$0.isTombstone })
        var newer = try #require(held.session)
        newer.version = Version(physical: 1000, logical: 0, origin: Samples.memberA)
        stores.right.apply(.session(newer))
        let (report, actions) = RoundSimulation.round(&stores.left, with: &stores.right)
        #expect(report.outcome == .repaired && report.differingBuckets == 1 && report.pulled == 1 && report.pushed == 0)
        #expect(stores.left[newer.key] == .session(newer))
        #expect(actions.contains(.request([newer.key])))
        // About four records a bucket: a single difference lists a handful of entries, not the store.
        #expect(report.remoteEntries < 40, "\(report)")
    }

    @Test func aLaterSessionBeatsATombstoneAndATombstoneBeatsAnOlderSession() {
        let key = Samples.key("s")
        var left = SessionStore()
        var right = SessionStore()
        left.apply(.tombstone(Tombstone(key: key, version: Samples.version(5), retainUntil: .max)))
        right.apply(Samples.sessionRecord("s", version: Samples.version(9)))
        let other = Samples.key("t")
        left.apply(Samples.sessionRecord("t", version: Samples.version(3)))
        right.apply(.tombstone(Tombstone(key: other, version: Samples.version(4), retainUntil: .max)))
        RoundSimulation.round(&left, with: &right)
        #expect(left == right)
        #expect(left[key]?.version == Samples.version(9) && left[key]?.isTombstone == false)
        #expect(left[other]?.isTombstone == true)
    }

    @Test func tombstonesPastTheirRetentionAreNeitherSentNorFetched() {
        var left = SessionStore()
        var right = SessionStore()
        left.apply(.tombstone(Tombstone(key: Samples.key("a"), version: Samples.version(5), retainUntil: 100)))
        right.apply(.tombstone(Tombstone(key: Samples.key("b"), version: Samples.version(5), retainUntil: 100)))
        let (report, actions) = RoundSimulation.round(&left, with: &right, wallTime: 101)
        #expect(report.outcome == .repaired && report.differingBuckets > 0)
        #expect(report.pushed == 0 && report.pulled == 0)
        #expect(!actions.contains { if case .push = $0 { true } else if case .request = $0 { true } else { false } })
        #expect(left[Samples.key("b")] == nil && right[Samples.key("a")] == nil)
    }

    @Test func moreEntriesThanTheLimitTransferTheDifferingContexts() {
        var left = SessionStore()
        var right = SessionStore()
        for index in 0..<50 { right.apply(Samples.sessionRecord("s\(index)", context: "big", version: Samples.version(1))) }
        left.apply(Samples.sessionRecord("x", context: "small", version: Samples.version(1)))
        right.apply(Samples.sessionRecord("x", context: "small", version: Samples.version(1)))
        let (report, actions) = RoundSimulation.round(&left, with: &right, limits: AntiEntropyLimits(maxEntries: 10))
        #expect(actions.contains(.transferState(contexts: ["big"])), "only the context that differs: \(actions)")
        #expect(report.outcome == .transferred && report.pulled == 50)
        #expect(left == right)
    }

    @Test func fetchesGoOutOneBatchAtATime() {
        var left = SessionStore()
        var right = SessionStore()
        for index in 0..<25 { right.apply(Samples.sessionRecord("s\(index)", version: Samples.version(1))) }
        let (report, actions) = RoundSimulation.round(&left, with: &right, limits: AntiEntropyLimits(requestBatch: 10))
        let requests = actions.compactMap { if case .request(let keys) = $0 { keys.count } else { nil } }
        #expect(requests == [10, 10, 5])
        #expect(report.pulled == 25 && left == right)
    }

    @Test func aSilentPeerEndsTheRoundAtItsDeadline() {
        var round = AntiEntropyRound(limits: AntiEntropyLimits(silenceTimeout: 1000), now: 0)
        _ = round.onConnected(digests: [], now: 10)
        #expect(round.deadline == 1010)
        #expect(round.onTimer(now: 1009).isEmpty)
        let actions = round.onTimer(now: 1010)
        guard case .finish(let report)? = actions.first, case .failed(let reason) = report.outcome else {
            Issue.record("\(actions)")
            return
        }
        #expect(reason.contains("nothing from the peer"))
        #expect(round.deadline == nil && round.phase == .finished)
    }

    @Test func aPeerThatSendsMoreEntriesThanItAnnouncedFailsTheRound() {
        var round = AntiEntropyRound(now: 0)
        _ = round.onConnected(digests: [], now: 0)
        let difference = DigestDifference(
            tooDifferent: false, buckets: [BucketSelection(context: "shop", bucketCount: 1, buckets: [0])], entryCount: 1)
        #expect(round.onDifference(difference, now: 1).isEmpty)
        let entry = DigestEntry(key: Samples.key("a"), version: Samples.version(1), retainUntil: nil)
        let actions = round.onEntries([entry, entry], now: 2)
        guard case .finish(let report)? = actions.first, case .failed = report.outcome else {
            Issue.record("\(actions)")
            return
        }
    }

    @Test func answersOutOfTurnFailTheRound() {
        var round = AntiEntropyRound(now: 0)
        let actions = round.onEntries([], now: 1)
        guard case .finish(let report)? = actions.first, case .failed = report.outcome else {
            Issue.record("\(actions)")
            return
        }
        #expect(round.onDifference(DigestDifference(tooDifferent: false, buckets: [], entryCount: 0), now: 2).isEmpty)
    }
}
