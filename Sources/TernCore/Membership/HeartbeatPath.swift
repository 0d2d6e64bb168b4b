/// How a heartbeat reached this member: to the group, or addressed to it (`--peer`).
public enum HeartbeatPath: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Sent to the multicast group.
    case multicast
    /// Sent to this member's address by unicast.
    case unicast

    /// `multicast` or `unicast`.
    public var description: String { rawValue }
}
