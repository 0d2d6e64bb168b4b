import TernCore
import TernNetMembership

/// What `/metrics` shows of a node beyond its sessions' counters.
public struct NodeMetrics: Sendable {
    /// Live sessions per context.
    public var sessionsPerContext: [String: Int]
    /// Records held: sessions and tombstones.
    public var records: Int
    /// What the sessions saw (created, accessed, expired, …).
    public var sessions: NodeSessionCounters
    /// State transfers and membership events.
    public var runtime: NodeRuntimeCounters
    /// Replication per peer.
    public var peers: [NodePeerMetrics]
    /// Live messages held while the node starts.
    public var startupQueued: Int
    /// Hits of each bound of docs/LIMITS.md since start.
    public var limitHits: [LimitName: Int]
}

/// Replication to one peer, for `/metrics`.
public struct NodePeerMetrics: Sendable {
    /// The member.
    public var member: MemberID
    /// Its name.
    public var name: String
    /// Where it is replicated to.
    public var endpoint: Endpoint
    /// Messages submitted to it.
    public var sent: Int
    /// Messages it acknowledged.
    public var acknowledged: Int
    /// Messages given up or refused.
    public var failed: Int
    /// Messages waiting to be sent or answered.
    public var queued: Int
}

extension NodeRuntime {
    /// The member table now (nil before `run` started membership).
    public func membershipSnapshot() async -> MembershipSnapshot? {
        guard let membership = try? await loop.submit({ self.membership }).get() else { return nil }
        return await membership.snapshot()
    }

    /// The replication endpoint the heartbeat advertises (nil before `run` bound it).
    public func advertisedEndpoint() async -> Endpoint? {
        try? await loop.submit { self.advertised }.get()
    }

    /// The state this node announces: starting, ready or leaving.
    public func announcedState() async -> MemberState {
        (try? await loop.submit { () -> MemberState in
            if self.stopping { return .leaving }
            return self.storage.startup.phase == .ready ? .ready : .starting
        }.get()) ?? .leaving
    }

    /// The node's metrics now.
    public func metrics() async -> NodeMetrics? {
        let oversized = Int(clamping: await membershipSnapshot()?.oversized ?? 0)
        return try? await loop.submit {
            let peers = self.peers.map { member, peer in
                let report = peer.sender.currentReport
                return NodePeerMetrics(
                    member: member, name: peer.name, endpoint: peer.endpoint, sent: report.submitted,
                    acknowledged: report.acknowledged, failed: report.failures.count + report.failuresNotKept,
                    queued: peer.sender.unanswered)
            }
            var counters = self.counters
            counters.authenticationRefusals = self.store.authenticationRefusals
            for (bound, count) in self.store.connectionBoundHits { counters.connectionBoundHits[bound.rawValue] = count }
            return NodeMetrics(
                sessionsPerContext: self.storage.sessions.sessionsPerContext, records: self.storage.count,
                sessions: self.storage.sessions.counters, runtime: counters,
                peers: peers.sorted { $0.member < $1.member }, startupQueued: self.storage.startup.queuedCount,
                limitHits: self.store.limitHits.totals.merging(
                    [
                        .sessions: self.storage.sessions.counters.sessionLimit,
                        .queue: self.peers.values.reduce(counters.queueOverflowsOfRemovedPeers) {
                            $0 + $1.sender.queue.counters.overflows
                        },
                        .datagram: oversized,
                    ], uniquingKeysWith: { $1 }))
        }.get()
    }
}
