import TernCore
import TernTestKit
import Testing

@Suite("MembershipTable: restarts and changes")
struct MembershipTableRestartTests {
    @Test func sameIDWithNewerIncarnationIsARestart() throws {
        var harness = MembershipHarness()
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 40, incarnation: 100))
        harness.clock.advance(by: 800)
        let update = harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1, incarnation: 5000))
        #expect(update.events.map(\.kind) == [.restarted(previousIncarnation: 100)])
        let record = try #require(harness.table.members[Samples.memberB])
        #expect(record.restarts == 1)
        #expect(record.heartbeat.incarnation == 5000)
        #expect(record.status == .alive)
    }

    @Test func restartOfADeadOrLeftMemberIsARestart() {
        var harness = MembershipHarness()
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1, incarnation: 100))
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 2, incarnation: 100, state: .leaving))
        harness.clock.advance(by: 2000)
        let update = harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1, incarnation: 2100))
        #expect(MembershipHarness.names(update) == ["restarted"])
        #expect(harness.table.members[Samples.memberB]?.status == .alive)
    }

    @Test func restartSeenOnlyByItsLeavingHeartbeatIsRestartedThenLeft() {
        var harness = MembershipHarness()
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1, incarnation: 100))
        let update = harness.receive(
            MembershipHarness.heartbeat(Samples.memberB, sequence: 3, incarnation: 200, state: .leaving))
        #expect(MembershipHarness.names(update) == ["restarted", "left"])
        #expect(harness.table.members[Samples.memberB]?.status == .left)
    }

    @Test func olderIncarnationIsStaleAndIgnored() {
        var harness = MembershipHarness()
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1, incarnation: 200))
        let update = harness.receive(
            MembershipHarness.heartbeat(Samples.memberB, sequence: 9, incarnation: 100, state: .leaving))
        #expect(update.events.isEmpty)
        #expect(harness.table.members[Samples.memberB]?.staleHeartbeats == 1)
        #expect(harness.table.members[Samples.memberB]?.status == .alive)
    }

    @Test func stateAndEndpointChangesAreReported() {
        var harness = MembershipHarness()
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1, state: .starting))
        let ready = harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 2))
        #expect(ready.events.map(\.kind) == [.changed([.state(from: .starting, to: .ready)])])
        let moved = harness.receive(
            MembershipHarness.heartbeat(Samples.memberB, sequence: 3, endpoint: Endpoint(host: "10.0.0.2", port: 4001)))
        #expect(
            moved.events.map(\.kind) == [
                .changed([
                    .endpoint(from: Endpoint(host: "10.0.0.2", port: 4000), to: Endpoint(host: "10.0.0.2", port: 4001))
                ])
            ])
        #expect(
            harness.receive(
                MembershipHarness.heartbeat(
                    Samples.memberB, sequence: 4, endpoint: Endpoint(host: "10.0.0.2", port: 4001))
            ).events.isEmpty)
    }

    @Test func reorderedOlderHeartbeatDoesNotUndoAChange() {
        var harness = MembershipHarness()
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1, state: .starting))
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 3))
        let late = harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 2, state: .starting))
        #expect(late.events.isEmpty)
        #expect(harness.table.members[Samples.memberB]?.heartbeat.state == .ready)
        #expect(harness.table.members[Samples.memberB]?.multicast?.lost == 0)
    }

    @Test func nameIntervalAndTagChangesAreListedInFieldOrder() {
        var old = MembershipHarness.heartbeat(Samples.memberB, sequence: 1)
        old.tags = [HeartbeatTag("role", "a")]
        var new = old
        new.name = "renamed"
        new.interval = 1000
        new.tags = [HeartbeatTag("role", "b")]
        #expect(MemberChange.between(old, new).map(\.field) == ["name", "interval", "tags"])
        #expect(MemberChange.between(old, old).isEmpty)
    }
}
