import TernCore
import TernTestKit
import Testing

@Suite("NodePeers: which members a node replicates to")
struct NodePeersTests {
    private static func event(
        _ kind: MembershipEvent.Kind, state: MemberState = .ready, endpoint: Endpoint? = Endpoint(host: "10.0.0.2", port: 4000),
        member: MemberID = Samples.memberB, source: String = "10.0.0.2:45564"
    ) -> MembershipEvent {
        let heartbeat = Heartbeat(
            domain: "default", member: member, incarnation: 1, sequence: 1, interval: 500, name: "b", endpoint: endpoint,
            state: state)
        return MembershipEvent(kind, heartbeat: heartbeat, path: .multicast, source: source, at: 1000)
    }

    private static let endpoint = Endpoint(host: "10.0.0.2", port: 4000)

    @Test func aStartingMemberWithAnEndpointIsReplicatedToAtOnce() {
        var peers = NodePeers()
        #expect(
            peers.onEvent(Self.event(.joined, state: .starting), isTomcat: false) == [
                .start(Samples.memberB, name: "b", endpoint: Self.endpoint)
            ])
        #expect(
            peers.onEvent(Self.event(.changed([.state(from: .starting, to: .ready)])), isTomcat: false).isEmpty,
            "ready changes nothing: it was replicated to while starting")
    }

    @Test func leavingLeftAndDeadMembersAreDroppedOnce() {
        for kind: MembershipEvent.Kind in [.left, .dead(silentFor: 3000)] {
            var peers = NodePeers()
            _ = peers.onEvent(Self.event(.joined), isTomcat: false)
            #expect(peers.onEvent(Self.event(kind), isTomcat: false) == [.stop(Samples.memberB)])
            #expect(peers.onEvent(Self.event(kind), isTomcat: false).isEmpty)
        }
        var peers = NodePeers()
        _ = peers.onEvent(Self.event(.joined), isTomcat: false)
        #expect(
            peers.onEvent(Self.event(.changed([.state(from: .ready, to: .leaving)]), state: .leaving), isTomcat: false)
                == [.stop(Samples.memberB)])
    }

    @Test func aNewEndpointRestartsReplicationThere() {
        var peers = NodePeers()
        _ = peers.onEvent(Self.event(.joined), isTomcat: false)
        let moved = Endpoint(host: "10.0.0.2", port: 4001)
        #expect(
            peers.onEvent(Self.event(.restarted(previousIncarnation: 0), endpoint: moved), isTomcat: false) == [
                .stop(Samples.memberB), .start(Samples.memberB, name: "b", endpoint: moved),
            ])
        #expect(peers.onEvent(Self.event(.changed([]), endpoint: nil), isTomcat: false) == [.stop(Samples.memberB)])
    }

    @Test func aPortOnlyEndpointIsReachedAtTheHeartbeatsSourceAndPingersAndTomcatGetNothing() {
        var peers = NodePeers()
        #expect(
            peers.onEvent(Self.event(.joined, endpoint: Endpoint(host: "", port: 4000)), isTomcat: false) == [
                .start(Samples.memberB, name: "b", endpoint: Self.endpoint)
            ])
        #expect(peers.onEvent(Self.event(.joined, endpoint: nil, member: Samples.memberA), isTomcat: false).isEmpty)
        #expect(peers.onEvent(Self.event(.joined, member: Samples.memberA), isTomcat: true).isEmpty)
        #expect(peers.endpoints == [Samples.memberB: Self.endpoint])
    }
}
