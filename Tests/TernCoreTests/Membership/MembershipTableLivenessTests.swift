import TernCore
import TernTestKit
import Testing

@Suite("MembershipTable: leaving, dead, heard again")
struct MembershipTableLivenessTests {
    @Test func memberIsDeadAfterDropTimeWithoutHeartbeat() throws {
        var harness = MembershipHarness()
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1))
        #expect(harness.tick(after: 2999).events.isEmpty)
        let update = harness.tick(after: 1)
        let event = try #require(update.events.first)
        #expect(event.kind == .dead(silentFor: 3000))
        #expect(event.path == nil)
        #expect(event.source == "10.0.0.2:45564")
        #expect(harness.table.members[Samples.memberB]?.status == .dead)
        #expect(update.nextTick == nil)
        #expect(harness.tick(after: 5000).events.isEmpty)
    }

    @Test func nextTickIsTheEarliestDeadlineOfTheLiveMembers() {
        var harness = MembershipHarness()
        let start = harness.clock.now
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1))
        harness.clock.advance(by: 1000)
        let update = harness.receive(MembershipHarness.heartbeat(Samples.memberC, sequence: 1))
        #expect(update.nextTick == start + 3000)
        let tick = harness.tick(after: 2000)
        #expect(MembershipHarness.names(tick) == ["dead"])
        #expect(tick.nextTick == start + 4000)
    }

    @Test func slowSenderGetsTwoOfItsIntervals() {
        var harness = MembershipHarness()
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1, interval: 2000))
        #expect(harness.table.nextTick == harness.clock.now + 4000)
        #expect(harness.tick(after: 3500).events.isEmpty)
        #expect(MembershipHarness.names(harness.tick(after: 500)) == ["dead"])
    }

    @Test func leavingHeartbeatIsLeftAtOnceAndItsCopiesAreQuiet() {
        var harness = MembershipHarness()
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1))
        harness.clock.advance(by: 100)
        let left = harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 2, state: .leaving))
        #expect(MembershipHarness.names(left) == ["left"])
        #expect(left.nextTick == nil)
        harness.clock.advance(by: 10)
        #expect(
            harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 3, state: .leaving)).events.isEmpty)
        #expect(
            harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 4, state: .leaving)).events.isEmpty)
        #expect(harness.table.members[Samples.memberB]?.status == .left)
        #expect(harness.tick(after: 10_000).events.isEmpty)
    }

    @Test func deadMemberHeardAgainJoinsAgain() {
        var harness = MembershipHarness()
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1))
        harness.tick(after: 3000)
        harness.clock.advance(by: 7000)
        let update = harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 21))
        #expect(MembershipHarness.names(update) == ["joined"])
        #expect(harness.table.members[Samples.memberB]?.status == .alive)
        #expect(harness.table.members[Samples.memberB]?.multicast?.lost == 19)
    }

    @Test func deadMemberThatLeavesIsLeft() {
        var harness = MembershipHarness()
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1))
        harness.tick(after: 3000)
        let update = harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 9, state: .leaving))
        #expect(MembershipHarness.names(update) == ["left"])
    }

    @Test func memberThatGoesOnAfterLeavingJoinsAgain() {
        var harness = MembershipHarness()
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1))
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 2, state: .leaving))
        // A ready heartbeat sent before the leaving one, delivered late, changes nothing.
        #expect(harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1)).events.isEmpty)
        let update = harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 5))
        #expect(MembershipHarness.names(update) == ["joined"])
    }

    @Test func unnumberedHeartbeatsWork() {
        // Tomcat's heartbeats carry no sequence number and no interval.
        var harness = MembershipHarness()
        let tomcat = MembershipHarness.heartbeat(Samples.memberB, sequence: nil, incarnation: 0, interval: 0)
        #expect(MembershipHarness.names(harness.receive(tomcat)) == ["joined"])
        harness.clock.advance(by: 500)
        #expect(harness.receive(tomcat).events.isEmpty)
        var stop = tomcat
        stop.state = .leaving
        #expect(MembershipHarness.names(harness.receive(stop)) == ["left"])
        #expect(harness.table.members[Samples.memberB]?.multicast?.loss == nil)
    }
}
