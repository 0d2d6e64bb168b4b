import TernCore
import TernTestKit
import Testing

@Suite("Hybrid logical clock")
struct HybridLogicalClockTests {
    @Test func stampFollowsAnAdvancingWallClock() {
        var clock = HybridLogicalClock(member: Samples.memberA)
        let first = clock.stamp(now: 1000)
        let second = clock.stamp(now: 2000)
        #expect(first == Version(physical: 1000, logical: 0, origin: Samples.memberA))
        #expect(second == Version(physical: 2000, logical: 0, origin: Samples.memberA))
    }

    @Test func stampsWithinOneMillisecondCountUp() {
        var clock = HybridLogicalClock(member: Samples.memberA)
        let stamps = (0..<5).map { _ in clock.stamp(now: 1000) }
        #expect(stamps.map(\.physical) == [1000, 1000, 1000, 1000, 1000])
        #expect(stamps.map(\.logical) == [0, 1, 2, 3, 4])
    }

    @Test func stampsStayIncreasingWhenTheWallClockGoesBackwards() {
        var clock = HybridLogicalClock(member: Samples.memberA)
        var wall = ManualClock(start: 10_000)
        var previous = clock.stamp(now: wall.now)
        // The wall clock jumps back an hour, then creeps forward, then jumps ahead.
        for step: Int64 in [-3_600_000, 1, 1, 5, -2, 3_700_000, 0, -1] {
            wall.advance(by: step)
            let next = clock.stamp(now: wall.now)
            #expect(previous < next, "stamp at wall \(wall.now) did not increase")
            #expect(next.origin == Samples.memberA)
            previous = next
        }
    }

    @Test func stampNeverFallsBelowTheLatestPhysicalTime() {
        var clock = HybridLogicalClock(member: Samples.memberA)
        _ = clock.stamp(now: 5000)
        let afterJumpBack = clock.stamp(now: 10)
        #expect(afterJumpBack == Version(physical: 5000, logical: 1, origin: Samples.memberA))
    }

    @Test func negativeWallTimeIsTreatedAsZero() {
        var clock = HybridLogicalClock(member: Samples.memberA)
        let first = clock.stamp(now: -50)
        let second = clock.stamp(now: -10)
        #expect(first == Version(physical: 0, logical: 1, origin: Samples.memberA))
        #expect(first < second)
    }

    @Test(arguments: [
        (remote: Version(physical: 9000, logical: 3, origin: Samples.memberB), now: Int64(1000)),
        (remote: Version(physical: 9000, logical: 3, origin: Samples.memberB), now: Int64(9000)),
        (remote: Version(physical: 9000, logical: 3, origin: Samples.memberC), now: Int64(20_000)),
        (remote: Version(physical: 500, logical: 7, origin: Samples.memberC), now: Int64(100)),
    ])
    func nextStampExceedsAnObservedRemoteStamp(remote: Version, now: Int64) {
        var clock = HybridLogicalClock(member: Samples.memberA)
        _ = clock.stamp(now: 1000)
        clock.observe(remote, now: now)
        let next = clock.stamp(now: now)
        #expect(remote < next)
        #expect(next.origin == Samples.memberA)
    }

    @Test func observingAnOlderStampChangesNothingVisible() {
        var clock = HybridLogicalClock(member: Samples.memberA)
        let mine = clock.stamp(now: 8000)
        clock.observe(Version(physical: 10, logical: 99, origin: Samples.memberC), now: 20)
        let next = clock.stamp(now: 20)
        #expect(next == Version(physical: 8000, logical: mine.logical + 1, origin: Samples.memberA))
    }

    @Test func observeKeepsTheHigherLogicalCounterOnATie() {
        var clock = HybridLogicalClock(member: Samples.memberA)
        for _ in 0..<3 { _ = clock.stamp(now: 7000) }  // latest 7000.2
        clock.observe(Version(physical: 7000, logical: 9, origin: Samples.memberB), now: 7000)
        #expect(clock.stamp(now: 7000) == Version(physical: 7000, logical: 10, origin: Samples.memberA))
    }

    @Test func stampsExceedEveryRemoteStampObservedInAnInterleaving() {
        var random = TestRandom(seed: 99)
        var clock = HybridLogicalClock(member: Samples.memberA)
        var wall = ManualClock(start: 1_000_000)
        var newestSeen = Version.zero
        var previous = Version.zero
        for _ in 0..<2000 {
            wall.advance(by: Int64.random(in: -500...500, using: &random))
            if Bool.random(using: &random) {
                let remote = Version(
                    physical: UInt64(max(0, wall.now + Int64.random(in: -2000...2000, using: &random))),
                    logical: UInt32.random(in: 0...50, using: &random), origin: Samples.memberB)
                clock.observe(remote, now: wall.now)
                newestSeen = max(newestSeen, remote)
            } else {
                let stamp = clock.stamp(now: wall.now)
                #expect(stamp > previous)
                #expect(stamp > newestSeen)
                previous = stamp
            }
        }
    }

    @Test func stampExceedsARemoteStampWithTheLargestLogicalCounter() {
        // A remote stamp whose counter is saturated: the next local stamp must still be newer,
        // which needs the physical part to move on rather than the counter to wrap to 0.
        let remote = Version(physical: 9000, logical: .max, origin: Samples.memberB)
        var clock = HybridLogicalClock(member: Samples.memberA)
        clock.observe(remote, now: 1000)
        let next = clock.stamp(now: 1000)
        #expect(remote < next)
    }
}
