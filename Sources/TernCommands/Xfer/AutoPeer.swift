import Logging
import TernCommandSupport
import TernCore
import TernNet
import TernNetMembership

/// `tern-xfer pull --from auto`: listens to the membership group (without announcing) for two
/// heartbeat intervals and picks the oldest ready member that announces a replication endpoint, as
/// a starting Tomcat node asks the oldest member for state (DESIGN.md §1).
enum AutoPeer {
    /// The chosen member: where to pull from, and who it is.
    struct Choice {
        var endpoint: Endpoint
        var member: MemberID
        var name: String
    }

    /// Listens (admitting only heartbeats signed with `keys`, when given) and chooses; throws exit
    /// status 69 when no member qualifies.
    static func find(_ options: MembershipOptions, keys: ClusterKeyRing?, logger: Logger) async throws -> Choice {
        let clock = PingClock()
        let started = clock.now()
        let listenFor = max(1000, 2 * options.intervalMillis)
        let machine = MembershipConfiguration(
            domain: options.resolvedDomain, dropTime: options.dropTimeMillis, localMember: try options.memberID(),
            localIncarnation: started, startedAt: started)
        let configuration = MembershipServiceConfiguration(
            group: try options.parsedGroup(), interface: options.interface, ttl: options.ttl,
            peers: try options.parsedPeers(), wire: options.resolvedWire, membership: machine, announce: nil,
            stopAfter: listenFor, keys: keys)
        let service = MembershipService(configuration: configuration, logger: logger, now: clock.now)
        async let table: MembershipSnapshot? = {
            for await notice in service.notices {
                if case .finished(let snapshot) = notice { return snapshot }
            }
            return nil
        }()
        try await service.run()
        guard let snapshot = await table else {
            throw ToolError(.unavailable, "the membership listener ended without a member table")
        }
        let candidates = snapshot.table.members.values.filter {
            $0.status == .alive && $0.heartbeat.state == .ready && $0.heartbeat.endpoint != nil
        }
        guard
            let oldest = candidates.min(by: {
                ($0.heartbeat.incarnation, $0.heartbeat.member) < ($1.heartbeat.incarnation, $1.heartbeat.member)
            }), var endpoint = oldest.heartbeat.endpoint
        else {
            throw ToolError(
                .unavailable,
                "no ready member announcing a replication endpoint in group \(options.group) (domain "
                    + "'\(options.resolvedDomain)') within \(listenFor) ms; "
                    + "heard \(snapshot.table.members.count) members"
                    + (snapshot.rejected.isEmpty
                        ? "" : "; dropped \(snapshot.rejected.values.reduce(0, +)) heartbeats (check --key-file)")
            )
        }
        if endpoint.host.isEmpty, let source = try? Endpoint(parsing: oldest.source) {
            // Announced as :PORT: the address the heartbeat came from.
            endpoint.host = source.host
        }
        logger.info(
            "chose the oldest ready member",
            metadata: [
                "member": "\(oldest.heartbeat.member.short)", "name": "\(oldest.heartbeat.name)",
                "endpoint": "\(endpoint)",
            ])
        return Choice(endpoint: endpoint, member: oldest.heartbeat.member, name: oldest.heartbeat.name)
    }
}
