import TernCore
import TernWire

extension NodeRuntime {
    /// A membership event: `NodePeers` decides which members get a sender (docs/NODE.md). Store
    /// loop only.
    func onMembership(_ event: MembershipEvent, isTomcat: Bool) {
        loop.preconditionInEventLoop()
        counters.membershipEvents[event.kind.name, default: 0] += 1
        events(.member(event))
        for action in peerSet.onEvent(event, isTomcat: isTomcat) {
            switch action {
            case .start(let member, let name, let endpoint): addPeer(member, name: name, endpoint: endpoint)
            case .stop(let member): removePeer(member)
            }
        }
        antiEntropyOnMembership(event, isTomcat: isTomcat)
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
        counters.queueOverflowsOfRemovedPeers += sender.queue.counters.overflows
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
}
