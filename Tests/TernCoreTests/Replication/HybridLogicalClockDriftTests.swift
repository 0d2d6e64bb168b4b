import TernCore
import TernTestKit
import Testing

@Suite("Hybrid logical clock drift bound")
struct HybridLogicalClockDriftTests {
    let now: UnixMillis = Samples.epoch

    func remote(aheadBy milliseconds: Int64) -> Version {
        Version(physical: UInt64(now + milliseconds), logical: 3, origin: Samples.memberB)
    }

    @Test func aStampWithinTheBoundIsFollowed() {
        var clock = HybridLogicalClock(member: Samples.memberA, maxDrift: 1000)
        #expect(clock.observe(remote(aheadBy: 1000), now: now) == .accepted)
        #expect(clock.stamp(now: now) > remote(aheadBy: 1000))
    }

    @Test func aStampBeyondTheBoundIsRejectedAndLeavesTheClockAlone() {
        var clock = HybridLogicalClock(member: Samples.memberA, maxDrift: 1000)
        let before = clock.stamp(now: now)
        #expect(clock.observe(remote(aheadBy: 1001), now: now) == .rejected(aheadBy: 1001))
        #expect(clock.latest == before)
        #expect(clock.stamp(now: now) == Version(physical: UInt64(now), logical: 1, origin: Samples.memberA))
    }

    @Test func theDefaultBoundIsAMinute() {
        var clock = HybridLogicalClock(member: Samples.memberA)
        #expect(clock.maxDrift == HybridLogicalClock.defaultMaxDrift)
        #expect(clock.observe(remote(aheadBy: 60_000), now: now) == .accepted)
        #expect(clock.observe(remote(aheadBy: 3_600_000), now: now) == .rejected(aheadBy: 3_600_000))
    }

    @Test func stampsBehindTheWallClockAreNeverRejected() {
        var clock = HybridLogicalClock(member: Samples.memberA, maxDrift: 0)
        #expect(clock.observe(remote(aheadBy: -86_400_000), now: now) == .accepted)
        #expect(clock.observe(remote(aheadBy: 0), now: now) == .accepted)
        #expect(clock.observe(remote(aheadBy: 1), now: now) == .rejected(aheadBy: 1))
    }

    @Test func withoutABoundAnyStampIsFollowed() {
        var clock = HybridLogicalClock(member: Samples.memberA, maxDrift: nil)
        let far = Version(physical: .max - 1, logical: 0, origin: Samples.memberB)
        #expect(clock.observe(far, now: now) == .accepted)
        #expect(clock.stamp(now: now) > far)
    }

    @Test func aBadClockCannotDragTheClusterAlong() {
        // Member B's clock is a year ahead; A, bounded, keeps stamping near its own wall clock.
        var wall = ManualClock()
        var clock = HybridLogicalClock(member: Samples.memberA)
        for _ in 0..<100 {
            wall.advance(by: 10)
            let future = Version(physical: UInt64(wall.now) + 365 * 86_400_000, logical: 0, origin: Samples.memberB)
            #expect(clock.observe(future, now: wall.now) != .accepted)
            #expect(clock.stamp(now: wall.now).physical == UInt64(wall.now))
        }
    }

    @Test func theNewestVersionOfAMessageIsWhatTheClockChecks() {
        let touches = ReplicationMessage.touch([
            SessionTouch(key: Samples.key("a"), version: Samples.version(5), lastAccessed: 0),
            SessionTouch(key: Samples.key("b"), version: Samples.version(9), lastAccessed: 0),
        ])
        #expect(touches.newestVersion == Samples.version(9))
        #expect(ReplicationMessage.touch([]).newestVersion == nil)
        let change = ReplicationMessage.changeID(
            SessionIDChange(
                key: Samples.key("a"), base: Samples.version(1), newID: "b", version: Samples.version(2), retainUntil: 0
            ))
        #expect(change.newestVersion == Samples.version(2))
        #expect(change.keys == [Samples.key("a"), Samples.key("b")])
    }
}
