/// A bound of docs/LIMITS.md whose hits are counted: the `limit` label of `tern_limit_hits_total`
/// and the `limit` field of the warning logged when it is hit. Only append to this list.
public enum LimitName: String, Sendable, Hashable, CaseIterable {
    /// Live sessions per context (`--max-sessions`): an HTTP create (507) or a replicated put of a
    /// new session (nack "too large") refused.
    case sessions
    /// A frame's payload length over `--max-frame`, or a list in a body over its count: the
    /// connection is closed before the payload is read.
    case frame
    /// A record in a body over its size, attribute count or attribute size (`RecordLimits`): the
    /// connection is closed before the value is read.
    case attribute
    /// An async sender's queue for one peer over its messages or bytes (`ReplicationQueueLimits`):
    /// the queue is emptied and the peer resynchronised by a state transfer.
    case queue
    /// A tern heartbeat datagram over its size bound (`HeartbeatLimits.maxDatagramBytes`, 1,400
    /// bytes): dropped before it is decoded.
    case datagram
}
