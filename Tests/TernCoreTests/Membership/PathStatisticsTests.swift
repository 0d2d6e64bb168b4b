import TernCore
import TernTestKit
import Testing

@Suite("Per-member statistics: loss, duplicates, jitter")
struct PathStatisticsTests {
    /// Feeds `sequences` of member B, one every `spacing` ms, starting `startAfter` ms after listening began.
    static func feed(
        _ sequences: [UInt64?], spacing: Int64 = 500, startAfter: Int64 = 0, path: HeartbeatPath = .multicast
    ) -> MembershipHarness {
        var harness = MembershipHarness()
        harness.clock.advance(by: startAfter)
        for (index, sequence) in sequences.enumerated() {
            if index > 0 { harness.clock.advance(by: spacing) }
            harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: sequence), path: path)
        }
        return harness
    }

    static func statistics(_ harness: MembershipHarness, _ path: HeartbeatPath = .multicast) -> PathStatistics? {
        harness.table.members[Samples.memberB]?.statistics(path)
    }

    @Test func gapsAreLost() throws {
        let statistics = try #require(Self.statistics(Self.feed([1, 2, 4, 5, 8])))
        #expect(statistics.received == 5)
        #expect(statistics.lost == 3)
        #expect(statistics.loss == 3.0 / 8.0)
        #expect(statistics.lostAfterFirst == 3)
        #expect(statistics.duplicates == 0)
    }

    @Test func aMemberThatStartedAfterUsCountsItsFirstHeartbeatsAsLost() throws {
        // Sequence 3 arrives 1.2 s after listening began: 1 and 2 (sent at −0.0 s and 0.5 s at the
        // earliest) could have been heard, so they count; "after first" starts at 3, as omping's seq>=3.
        let statistics = try #require(Self.statistics(Self.feed([3, 4, 5, 6], startAfter: 1200)))
        #expect(statistics.lost == 2)
        #expect(statistics.loss == 2.0 / 6.0)
        #expect(statistics.lostAfterFirst == 0)
        #expect(statistics.lossAfterFirst == 0)
        #expect(statistics.firstSequence == 3)
    }

    @Test func aMemberThatWasRunningBeforeUsCountsFromItsFirstHeartbeat() throws {
        let statistics = try #require(Self.statistics(Self.feed([500, 501, 503], startAfter: 100)))
        #expect(statistics.lost == 1)
        #expect(statistics.loss == 1.0 / 4.0)
        #expect(statistics.lostAfterFirst == 1)
    }

    @Test func lateHeartbeatFillsItsGapAndRepeatsAreDuplicates() throws {
        let statistics = try #require(Self.statistics(Self.feed([1, 2, 4, 3, 3, 4, 5])))
        #expect(statistics.received == 7)
        #expect(statistics.duplicates == 2)
        #expect(statistics.lost == 0)
    }

    @Test func heartbeatsOlderThanTheWindowCountAsDuplicates() throws {
        let statistics = try #require(Self.statistics(Self.feed([1, 100, 2])))
        #expect(statistics.duplicates == 1)
        #expect(statistics.lost == 98)
    }

    @Test func restartsAddTheirIncarnationsLoss() throws {
        var harness = Self.feed([1, 2, 4])
        harness.clock.advance(by: 500)
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 2, incarnation: 900))
        harness.clock.advance(by: 500)
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 3, incarnation: 900))
        let statistics = try #require(Self.statistics(harness))
        // First incarnation: 3 of 4 (lost 1). Second: from 1 (we were listening), 2 of 3 (lost 1).
        #expect(statistics.lost == 2)
        #expect(statistics.loss == 2.0 / 7.0)
        #expect(statistics.received == 5)
    }

    @Test func pathsAreCountedSeparately() throws {
        var harness = Self.feed([1, 2, 3])
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 3), path: .unicast)
        let record = try #require(harness.table.members[Samples.memberB])
        #expect(record.multicast?.received == 3)
        #expect(record.multicast?.duplicates == 0)
        #expect(record.unicast?.received == 1)
        #expect(record.unicast?.duplicates == 0)
        #expect(record.received == 4)
        #expect(record.heardByMulticast)
    }

    @Test func jitterComparesGapsWithTheSendersInterval() throws {
        var harness = MembershipHarness()
        for (sequence, gap) in [(1, 0), (2, 510), (3, 490), (5, 1000), (6, 530)] as [(UInt64, Int64)] {
            harness.clock.advance(by: gap)
            harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: sequence))
        }
        let jitter = try #require(Self.statistics(harness)?.jitter)
        #expect(jitter.count == 4)
        #expect(jitter.minimum == 0)
        #expect(jitter.maximum == 30)
        #expect(jitter.average == 12.5)
    }

    @Test func leavingCopiesGiveNoJitterSample() throws {
        var harness = MembershipHarness()
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1))
        harness.clock.advance(by: 500)
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 2))
        for sequence in 3...5 as ClosedRange<UInt64> {
            harness.clock.advance(by: 10)
            harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: sequence, state: .leaving))
        }
        let statistics = try #require(Self.statistics(harness))
        #expect(statistics.jitter.count == 1)
        #expect(statistics.jitter.maximum == 0)
        #expect(statistics.received == 5)
        #expect(statistics.lost == 0)
    }

    @Test func unnumberedJitterComparesConsecutiveGaps() throws {
        var harness = MembershipHarness()
        for gap in [0, 500, 520, 480, 500] as [Int64] {
            harness.clock.advance(by: gap)
            harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: nil, incarnation: 0, interval: 0))
        }
        let statistics = try #require(Self.statistics(harness))
        #expect(statistics.jitter.count == 3)
        #expect(statistics.jitter.minimum == 20)
        #expect(statistics.jitter.maximum == 40)
        #expect(statistics.loss == nil)
        #expect(statistics.lostAfterFirst == 0)
    }

    @Test func lossAccountingHoldsForAnyArrivalOrder() throws {
        var random = TestRandom(seed: 41)
        for _ in 0..<300 {
            let count = Int.random(in: 1...200, using: &random)
            var arrivals = (1...UInt64(count)).filter { _ in Int.random(in: 0..<10, using: &random) > 1 }
            if arrivals.isEmpty { arrivals = [1] }
            // Local reordering and some repeats, within the 64-heartbeat window.
            for index in arrivals.indices.dropLast() where Bool.random(using: &random) {
                arrivals.swapAt(index, index + 1)
            }
            let repeats = arrivals.filter { _ in Int.random(in: 0..<20, using: &random) == 0 }
            let statistics = try #require(Self.statistics(Self.feed(arrivals + repeats, spacing: 0)))
            let distinct = Set(arrivals)
            let highest = distinct.max()!
            let base = arrivals.first!
            #expect(statistics.received == UInt64(arrivals.count + repeats.count))
            #expect(statistics.duplicates == UInt64(repeats.count))
            // Sequence 1.. counts when the first heartbeat heard could have been the member's first.
            let expectedLost = base == 1 ? highest - UInt64(distinct.count) : nil
            if let expectedLost { #expect(statistics.lost == expectedLost) }
            #expect(statistics.lostAfterFirst == highest - base + 1 - UInt64(distinct.filter { $0 >= base }.count))
        }
    }
}
