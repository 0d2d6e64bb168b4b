import TernHTTP
import TernNet

/// The node's own part of `/metrics`: replication per peer, state transfers, membership events.
enum NodeMetricsText {
    /// The families in Prometheus text.
    static func exposition(_ metrics: NodeMetrics) -> String {
        var text = PrometheusText()
        let perPeer: [(String, String, KeyPath<NodePeerMetrics, Int>)] = [
            ("tern_replication_sent_total", "Messages submitted to the peer.", \.sent),
            ("tern_replication_acked_total", "Messages the peer acknowledged.", \.acknowledged),
            ("tern_replication_failed_total", "Messages given up or refused by the peer.", \.failed),
        ]
        for (name, help, field) in perPeer {
            text.family(name, "counter", help: help)
            for peer in metrics.peers { text.sample(name, labels: labels(peer), peer[keyPath: field]) }
        }
        text.family("tern_replication_queued", "gauge", help: "Messages waiting to be sent to the peer or answered.")
        for peer in metrics.peers { text.sample("tern_replication_queued", labels: labels(peer), peer.queued) }
        text.family("tern_replication_peers", "gauge", help: "Members replicated to.")
        text.sample("tern_replication_peers", metrics.peers.count)
        text.family("tern_state_transfers_total", "counter", help: "State transfers at start-up, by outcome.")
        text.sample("tern_state_transfers_total", labels: [("outcome", "completed")], metrics.runtime.stateTransfersCompleted)
        text.sample("tern_state_transfers_total", labels: [("outcome", "failed")], metrics.runtime.stateTransfersFailed)
        text.family(
            "tern_replication_refused_total", "counter",
            help: "Replication connections refused: the peer proved no cluster key of ours.")
        text.sample("tern_replication_refused_total", metrics.runtime.authenticationRefusals)
        text.family(
            "tern_replication_connections_rejected_total", "counter",
            help: "Replication connections closed at accept: over --max-connections or --max-connections-per-peer.")
        for reason in ["total", "per-peer"] {
            text.sample(
                "tern_replication_connections_rejected_total", labels: [("reason", reason)],
                metrics.runtime.connectionBoundHits[reason] ?? 0)
        }
        text.family(
            "tern_replication_timeouts_total", "counter",
            help: "Replication connections closed for silence: no handshake in time, or no frame for --idle-timeout.")
        for kind in ["handshake", "idle"] {
            text.sample(
                "tern_replication_timeouts_total", labels: [("kind", kind)], metrics.runtime.connectionBoundHits[kind] ?? 0)
        }
        text.family("tern_startup_queued", "gauge", help: "Live messages held while the node starts.")
        text.sample("tern_startup_queued", metrics.startupQueued)
        text.family("tern_membership_events_total", "counter", help: "Membership events, by kind.")
        for kind in ["joined", "changed", "restarted", "left", "dead"] {
            text.sample("tern_membership_events_total", labels: [("kind", kind)], metrics.runtime.membershipEvents[kind] ?? 0)
        }
        text.family("tern_anti_entropy_rounds_total", "counter", help: "Anti-entropy rounds this node ran, by outcome.")
        for outcome in ["in-sync", "repaired", "transferred", "failed"] {
            text.sample(
                "tern_anti_entropy_rounds_total", labels: [("outcome", outcome)],
                metrics.runtime.antiEntropyRounds[outcome] ?? 0)
        }
        text.family("tern_anti_entropy_records_total", "counter", help: "Records anti-entropy moved, by direction.")
        text.sample("tern_anti_entropy_records_total", labels: [("direction", "pushed")], metrics.runtime.antiEntropyPushed)
        text.sample("tern_anti_entropy_records_total", labels: [("direction", "pulled")], metrics.runtime.antiEntropyPulled)
        return text.text
    }

    private static func labels(_ peer: NodePeerMetrics) -> [(String, String)] {
        [("peer", peer.name.isEmpty ? peer.member.short : peer.name), ("endpoint", peer.endpoint.description)]
    }
}
