import TernCore
import TernWire

extension NodeRuntime {
    /// A membership event: a member that announces an endpoint (starting or ready) gets a sender; one
    /// that leaves, dies or stops announcing an endpoint loses it. A starting member is replicated to
    /// as well: it holds what arrives during its state transfer and applies it afterwards, so nothing
    /// written meanwhile is lost. Tomcat members (`tomcat` non-nil) speak another protocol and get
    /// none. Store loop only.
    func onMembership(_ event: MembershipEvent, isTomcat: Bool) {
        loop.preconditionInEventLoop()
        counters.membershipEvents[event.kind.name, default: 0] += 1
        events(.member(event))
        guard !isTomcat else { return }
        let heartbeat = event.heartbeat
        switch event.kind {
        case .joined, .changed, .restarted:
            guard heartbeat.state != .leaving, let endpoint = Self.reachable(heartbeat.endpoint, source: event.source)
            else {
                removePeer(heartbeat.member)
                return
            }
            if let peer = peers[heartbeat.member], peer.endpoint == endpoint { return }
            removePeer(heartbeat.member)
            addPeer(heartbeat.member, name: heartbeat.name, endpoint: endpoint)
        case .left, .dead:
            removePeer(heartbeat.member)
        }
    }

    private func addPeer(_ member: MemberID, name: String, endpoint: Endpoint) {
        guard !stopping else { return }
        var logger = self.logger
        logger[metadataKey: "member"] = "\(name.isEmpty ? member.short : name)"
        let sender = ReplicationSender(
            peer: endpoint, identity: configuration.identity, configuration: configuration.sender,
            limits: configuration.limits, loop: loop, logger: logger)
        sender.onNeedsFullSession = { [unowned self] key in
            self.loop.execute { self.resendWhole(key, to: member) }
        }
        sender.open()
        peers[member] = NodePeer(name: name, endpoint: endpoint, sender: sender)
        logger.info("replicating to \(endpoint)")
        events(.peer(member: member, name: name, endpoint: endpoint))
    }

    /// Stops replicating to `member`; what still waits for it is given up (its writes count it as
    /// not acknowledged).
    func removePeer(_ member: MemberID) {
        guard let peer = peers.removeValue(forKey: member) else { return }
        events(.peer(member: member, name: peer.name, endpoint: nil))
        let sender = peer.sender
        Task {
            let report = await sender.stop()
            let failed = report.failures.count + report.failuresNotKept
            self.loop.execute { self.counters.failedToRemovedPeers += failed }
        }
    }

    /// A peer lacked the base of a change: send it what this node holds for `key`.
    private func resendWhole(_ key: SessionKey, to member: MemberID) {
        guard let peer = peers[member], let record = storage.sessions.store[key] else { return }
        let message: ReplicationMessage =
            switch record {
            case .session(let session): .put(session)
            case .tombstone(let tombstone): .expire(tombstone)
            }
        peer.sender.submit(message) { _ in }
    }

    /// Where a member's replication is reached: its announced endpoint, with the heartbeat's source
    /// address when it announced only `:PORT`.
    static func reachable(_ announced: Endpoint?, source: String) -> Endpoint? {
        guard var endpoint = announced else { return nil }
        if endpoint.host.isEmpty {
            guard let from = try? Endpoint(parsing: source) else { return nil }
            endpoint.host = from.host
        }
        return endpoint
    }
}
