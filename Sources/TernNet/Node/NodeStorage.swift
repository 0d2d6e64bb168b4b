import TernCore

/// A node's sessions as its receiver sees them: replicated messages and transferred records go
/// through `NodeSessions` (so the expiry schedule and the counts stay exact), and while the node
/// starts its `NodeStartup` holds live messages and refuses state requests ("not ready").
///
/// Store loop only, like the `ReplicaStore` it backs.
final class NodeStorage: ReplicaStorage {
    /// The node's sessions.
    var sessions: NodeSessions
    /// The start-up machine; `.ready` once the node serves.
    var startup: NodeStartup
    /// The wall clock.
    let now: @Sendable () -> UnixMillis
    /// Carries out start-up actions that a live message caused (the runtime's `drive`).
    var onStartupActions: (([NodeStartupAction]) -> Void)?

    init(sessions: NodeSessionConfiguration, startup: NodeStartup, now: @escaping @Sendable () -> UnixMillis) {
        self.sessions = NodeSessions(configuration: sessions)
        self.startup = startup
        self.now = now
    }

    var count: Int { sessions.store.count }

    var servesState: Bool { startup.servesState }

    var gatesLiveMessages: Bool { true }

    func apply(_ message: ReplicationMessage) -> ReplicationOutcome {
        switch sessions.apply(message, now: now()) {
        case .outcome(let outcome):
            return outcome
        case .clockAhead:
            // The receiver refuses these at the door with the same bound and clock; one that still
            // gets here (the wall clock stepped back between the two readings) is refused, not lost:
            // its sender sends the whole session again.
            guard let key = message.keys.first else { return .duplicate }
            return .needsFullSession(key)
        }
    }

    func apply(_ record: StoreRecord) {
        sessions.apply(record, now: now())
    }

    func cut() -> StoreCut {
        StoreCut(records: sessions.store.records, vector: sessions.store.versionVector())
    }

    var sessionStore: SessionStore { sessions.store }

    func admit(_ message: ReplicationMessage, store: ReplicaStore) -> Bool {
        if startup.phase == .ready { return true }
        let actions = startup.onLiveMessage(message, now: now())
        if actions.count == 1, case .apply(let batch) = actions[0], batch.count == 1, store.heldCount == 1 {
            // Nothing held before it: this one message goes through now.
            return true
        }
        onStartupActions?(actions)
        return false
    }
}
