import TernCore
import TernTestKit
import Testing

@Suite("MembershipTable: joins, own heartbeats, other domains")
struct MembershipTableJoinTests {
    @Test func firstHeartbeatOfAMemberIsAJoin() throws {
        var harness = MembershipHarness()
        let update = harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1))
        let event = try #require(update.events.first)
        #expect(update.events.count == 1)
        #expect(event.kind == .joined)
        #expect(event.member == Samples.memberB)
        #expect(event.path == .multicast)
        #expect(event.source == "10.0.0.2:45564")
        #expect(event.at == harness.clock.now)
        #expect(harness.table.members[Samples.memberB]?.status == .alive)
        #expect(update.nextTick == harness.clock.now + 3000)
    }

    @Test func laterHeartbeatsOfALiveMemberReportNothing() {
        var harness = MembershipHarness()
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1))
        for sequence in 2...10 as ClosedRange<UInt64> {
            harness.clock.advance(by: 500)
            let update = harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: sequence))
            #expect(update.events.isEmpty)
            #expect(update.nextTick == harness.clock.now + 3000)
        }
        #expect(harness.table.members[Samples.memberB]?.received == 10)
    }

    @Test func ownLoopedBackHeartbeatsAreNotAMember() {
        var harness = MembershipHarness()
        let update = harness.receive(MembershipHarness.heartbeat(MembershipHarness.local, sequence: 1, incarnation: 1))
        #expect(update.events.isEmpty)
        #expect(harness.table.members.isEmpty)
        #expect(harness.table.ownHeartbeats == 1)
        #expect(harness.table.idConflicts == 0)
    }

    @Test func ownIDWithAnotherIncarnationIsAConflictNotAMember() {
        var harness = MembershipHarness()
        harness.receive(MembershipHarness.heartbeat(MembershipHarness.local, sequence: 1, incarnation: 2))
        #expect(harness.table.members.isEmpty)
        #expect(harness.table.idConflicts == 1)
    }

    @Test func otherDomainsAreCountedAndIgnored() {
        var harness = MembershipHarness()
        for _ in 0..<3 { harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1, domain: "bank")) }
        harness.receive(MembershipHarness.heartbeat(Samples.memberC, sequence: 1, domain: "Shop"))
        #expect(harness.table.members.isEmpty)
        #expect(harness.table.otherDomains == ["bank": 3, "Shop": 1])
        #expect(harness.table.otherDomainHeartbeats == 4)
        #expect(harness.table.nextTick == nil)
    }

    @Test func domainsAreComparedByteForByte() {
        // "é" precomposed and decomposed are different domains on the wire.
        var harness = MembershipHarness()
        harness.table = MembershipTable(
            configuration: MembershipConfiguration(domain: "caf\u{E9}", dropTime: 3000, startedAt: harness.clock.now))
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1, domain: "cafe\u{301}"))
        #expect(harness.table.members.isEmpty)
        #expect(harness.table.otherDomainHeartbeats == 1)
    }

    @Test func otherDomainNamesAreBounded() {
        var harness = MembershipHarness()
        for index in 0..<70 {
            harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1, domain: "d\(index)"))
        }
        #expect(harness.table.otherDomains.count == 64)
        #expect(harness.table.otherDomainsOverflow == 6)
        #expect(harness.table.otherDomainHeartbeats == 70)
    }

    @Test func leavingOfAMemberNeverHeardIsIgnored() {
        var harness = MembershipHarness()
        let update = harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 9, state: .leaving))
        #expect(update.events.isEmpty)
        #expect(harness.table.members.isEmpty)
    }

    @Test func aFullTableForgetsTheLongestGoneMemberFirst() {
        var harness = MembershipHarness()
        harness.table = MembershipTable(
            configuration: MembershipConfiguration(
                domain: MembershipHarness.domain, dropTime: 3000, startedAt: harness.clock.now, maxMembers: 2))
        let first = MemberID(high: 1, low: 1)
        let second = MemberID(high: 1, low: 2)
        harness.receive(MembershipHarness.heartbeat(first, sequence: 1))
        harness.receive(MembershipHarness.heartbeat(second, sequence: 1))
        // Both alive: a third member is refused.
        harness.receive(MembershipHarness.heartbeat(Samples.memberC, sequence: 1))
        #expect(harness.table.refused == 1)
        #expect(harness.table.members[Samples.memberC] == nil)
        harness.receive(MembershipHarness.heartbeat(first, sequence: 2, state: .leaving))
        let update = harness.receive(MembershipHarness.heartbeat(Samples.memberC, sequence: 2))
        #expect(MembershipHarness.names(update) == ["joined"])
        #expect(harness.table.members[first] == nil)
        #expect(harness.table.members.count == 2)
    }
}
