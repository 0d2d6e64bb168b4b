/// Which members a node replicates to, decided from membership events: every member that announces
/// a replication endpoint and is not leaving, starting members included (a starting member holds
/// what arrives during its state transfer and applies it afterwards, so nothing written meanwhile
/// is lost). A member that leaves, dies, stops announcing an endpoint or starts leaving is dropped;
/// one whose endpoint changes is dropped and started again. Tomcat members speak another protocol
/// and get nothing. See docs/NODE.md, "The running node".
public struct NodePeers: Sendable {
    /// The members replicated to, and where.
    public private(set) var endpoints: [MemberID: Endpoint] = [:]

    /// No peers.
    public init() {}

    /// A membership event; returns what the shell must do, in order.
    public mutating func onEvent(_ event: MembershipEvent, isTomcat: Bool) -> [NodePeerAction] {
        let member = event.member
        guard !isTomcat else { return [] }
        switch event.kind {
        case .joined, .changed, .restarted:
            guard event.heartbeat.state != .leaving,
                let endpoint = Self.reachable(event.heartbeat.endpoint, source: event.source)
            else { return stop(member) }
            if endpoints[member] == endpoint { return [] }
            let stopping = stop(member)
            endpoints[member] = endpoint
            return stopping + [.start(member, name: event.heartbeat.name, endpoint: endpoint)]
        case .left, .dead:
            return stop(member)
        }
    }

    private mutating func stop(_ member: MemberID) -> [NodePeerAction] {
        endpoints.removeValue(forKey: member) == nil ? [] : [.stop(member)]
    }

    /// Where a member's replication is reached: its announced endpoint, with the heartbeat's source
    /// address when it announced only `:PORT`; nil without an endpoint.
    public static func reachable(_ announced: Endpoint?, source: String) -> Endpoint? {
        guard var endpoint = announced else { return nil }
        if endpoint.host.isEmpty {
            guard let from = try? Endpoint(parsing: source) else { return nil }
            endpoint.host = from.host
        }
        return endpoint
    }
}

/// What the shell must do for `NodePeers`.
public enum NodePeerAction: Sendable, Hashable {
    /// Start replicating to the member at `endpoint`.
    case start(MemberID, name: String, endpoint: Endpoint)
    /// Stop replicating to the member; what still waits for it is given up.
    case stop(MemberID)
}
