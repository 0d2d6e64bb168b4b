import TernCore

/// What a receiver reports to whoever watches it (tern-recv prints these as text or JSON Lines).
public enum ReceiverEvent: Sendable {
    /// A replication message was processed: what it was, what applying it did, who sent it.
    case message(ReplicationMessage, outcome: ReplicationOutcome, peer: String)
    /// The start-up state transfer ended (`--bootstrap-from`).
    case bootstrap(BootstrapVerdict)
    /// A connection from `peer` was refused because it did not prove a cluster key; `unreported`
    /// refusals came before it since the last such event (they are rate-limited).
    case connectionRefused(peer: String, reason: String, unreported: Int)
    /// A connection from `peer` was refused at accept or closed on a timeout by `bound`; `detail`
    /// says how (with the limit); `unreported` hits of the same bound came before it since the last
    /// such event (they are rate-limited).
    case connectionBound(ConnectionBound, peer: String, detail: String, unreported: Int)
}

/// Receives a receiver's events, a batch at a time, on the store's event loop: keep it quick.
public protocol ReceiverEventSink: Sendable {
    /// Whether `.message` events are wanted at all (`--quiet` says no, and the store then builds none).
    var wantsMessages: Bool { get }
    /// Takes the events of one batch, in order.
    func receive(_ events: [ReceiverEvent])
}
