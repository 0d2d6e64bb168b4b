/// A heartbeat as the shell hands it to the membership machine: what was decoded, how and from
/// where it came, and when.
public struct ReceivedHeartbeat: Sendable, Hashable {
    /// The decoded heartbeat.
    public var heartbeat: Heartbeat
    /// Multicast or unicast.
    public var path: HeartbeatPath
    /// The sender's address as `HOST:PORT`, for people.
    public var source: String
    /// The arrival instant, in the shell's milliseconds.
    public var at: UnixMillis

    /// Creates a received heartbeat.
    public init(_ heartbeat: Heartbeat, path: HeartbeatPath, source: String, at: UnixMillis) {
        self.heartbeat = heartbeat
        self.path = path
        self.source = source
        self.at = at
    }
}
