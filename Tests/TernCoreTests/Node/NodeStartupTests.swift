import TernCore
import TernTestKit
import Testing

@Suite("Node start-up")
struct NodeStartupTests {
    let limits = ReplicationQueueLimits(maxMessages: 100, maxBytes: 1 << 20)
    let older = StateSource(
        member: Samples.memberB, name: "b", incarnation: 100, endpoint: Endpoint(host: "10.0.0.2", port: 4000))
    let younger = StateSource(
        member: Samples.memberC, name: "c", incarnation: 200, endpoint: Endpoint(host: "10.0.0.3", port: 4000))

    func startup(requireState: Bool = false, at now: UnixMillis = 0) -> NodeStartup {
        NodeStartup(now: now, discoveryWindow: 1000, stateTimeout: 60_000, requireState: requireState, limits: limits)
    }

    func put(_ id: String) -> ReplicationMessage {
        .put(Samples.session(id, version: Samples.version(9, origin: Samples.memberB)))
    }

    @Test func withNoReadyMemberTheNodeLoadsItsSnapshotAndBecomesReady() {
        var machine = startup()
        #expect(machine.deadline == 1000)
        #expect(!machine.servesState)
        #expect(machine.onTimer(now: 999, sources: [older]).isEmpty)
        #expect(machine.onTimer(now: 1000, sources: []) == [.loadSnapshot, .becomeReady(nil)])
        #expect(machine.phase == .ready)
        #expect(machine.servesState)
        #expect(machine.onLiveMessage(put("a"), now: 1001) == [.apply([put("a")])])
    }

    @Test func theOldestReadyMemberIsAskedAndItsStateComesBeforeReady() {
        var machine = startup()
        #expect(machine.onTimer(now: 1000, sources: [older, younger]) == [.requestState(older)])
        #expect(machine.phase == .transferring(older))
        #expect(!machine.servesState)  // a starting node answers "not ready"
        let accepted = machine.onRecords(10, now: 1500)
        #expect(accepted)
        let verdict = BootstrapVerdict.completed(peer: older.endpoint, records: 10, queuedApplied: 0)
        #expect(machine.onTransferEnd(announcedCount: 10, now: 1600) == [.loadSnapshot, .becomeReady(verdict)])
        #expect(machine.servesState)
    }

    @Test func liveMessagesOfTheWindowAndTheTransferAreAppliedAfterTheState() {
        var machine = startup()
        #expect(machine.onLiveMessage(put("early"), now: 500).isEmpty)
        _ = machine.onTimer(now: 1000, sources: [older])
        #expect(machine.onLiveMessage(put("during"), now: 1200).isEmpty)
        #expect(machine.queuedCount == 2)
        _ = machine.onRecords(3, now: 1300)
        #expect(machine.onTransferEnd(announcedCount: 3, now: 1400) == [.applyQueued([put("early"), put("during")])])
        let verdict = BootstrapVerdict.completed(peer: older.endpoint, records: 3, queuedApplied: 2)
        #expect(machine.onQueuedApplied(now: 1401) == [.loadSnapshot, .becomeReady(verdict)])
    }

    @Test func aSilentSourceTimesOutAndTheNodeGoesOnNamingIt() {
        var machine = startup()
        #expect(machine.onLiveMessage(put("early"), now: 500).isEmpty)
        _ = machine.onTimer(now: 1000, sources: [older, younger])
        #expect(machine.deadline == 61_000)
        #expect(machine.onTimer(now: 60_999, sources: []).isEmpty)
        let verdict = BootstrapVerdict.timedOut(peer: older.endpoint, records: 0, silentFor: 60_000)
        #expect(
            machine.onTimer(now: 61_000, sources: [])
                == [.gaveUp(verdict), .loadSnapshot, .apply([put("early")]), .becomeReady(verdict)])
        #expect(verdict.description.contains("10.0.0.2:4000"))
        #expect(machine.phase == .ready)
    }

    @Test func withRequireStateATimeoutStopsTheNode() {
        var machine = startup(requireState: true)
        _ = machine.onTimer(now: 1000, sources: [older])
        let verdict = BootstrapVerdict.timedOut(peer: older.endpoint, records: 0, silentFor: 60_000)
        #expect(machine.onTimer(now: 61_000, sources: []) == [.exit(verdict)])
        #expect(machine.phase == .failed)
        #expect(!machine.servesState)
    }

    @Test func aFailedSourceIsFollowedByTheNextOldestWithTheQueueCarriedOver() {
        var machine = startup()
        _ = machine.onTimer(now: 1000, sources: [older, younger])
        #expect(machine.onLiveMessage(put("during"), now: 1100).isEmpty)
        let failed = BootstrapVerdict.failed(peer: older.endpoint, .transfer("not ready"))
        #expect(machine.onTransferFailed("not ready", now: 1200) == [.gaveUp(failed), .requestState(younger)])
        #expect(machine.phase == .transferring(younger))
        #expect(machine.queuedCount == 1)
        #expect(machine.onTransferEnd(announcedCount: 0, now: 1300) == [.applyQueued([put("during")])])
    }

    @Test func whenEverySourceFailsWithRequireStateTheNodeStops() {
        var machine = startup(requireState: true)
        _ = machine.onTimer(now: 1000, sources: [older])
        let failed = BootstrapVerdict.failed(peer: older.endpoint, .transfer("connection refused"))
        #expect(machine.onTransferFailed("connection refused", now: 1200) == [.exit(failed)])
    }

    @Test func noReadyMemberIsNoFailureEvenWithRequireState() {
        var machine = startup(requireState: true)
        #expect(machine.onTimer(now: 1000, sources: []) == [.loadSnapshot, .becomeReady(nil)])
    }

    @Test func candidatesAreAliveReadyMembersWithAnEndpointOldestFirst() {
        var harness = MembershipHarness()
        let d = MemberID(high: 0, low: 4)
        harness.receive(MembershipHarness.heartbeat(Samples.memberB, sequence: 1, incarnation: 300))
        harness.receive(MembershipHarness.heartbeat(Samples.memberC, sequence: 1, incarnation: 200))
        harness.receive(MembershipHarness.heartbeat(d, sequence: 1, incarnation: 100, state: .starting))
        harness.receive(MembershipHarness.heartbeat(MemberID(high: 0, low: 5), sequence: 1, endpoint: nil))
        harness.receive(
            MembershipHarness.heartbeat(
                MemberID(high: 0, low: 6), sequence: 1, incarnation: 400, endpoint: Endpoint(host: "", port: 4001)))
        let candidates = StateSource.candidates(in: harness.table)
        #expect(candidates.map(\.member) == [Samples.memberC, Samples.memberB, MemberID(high: 0, low: 6)])
        #expect(candidates.last?.endpoint == Endpoint(host: "10.0.0.2", port: 4001))
    }
}
