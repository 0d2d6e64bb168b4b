/// One heartbeat: what a member announces about itself every interval (docs/PROTOCOL.md, "Heartbeat").
///
/// The same model carries tern's own datagram and Apache Tomcat's (whose heartbeats have no sequence
/// number, interval or name): the wire codecs translate, the membership machine sees only this.
public struct Heartbeat: Sendable, Hashable {
    /// The cluster the member belongs to; heartbeats of other domains are counted and ignored.
    public var domain: String
    /// The member's identity, stable across restarts when persisted.
    public var member: MemberID
    /// When this run of the member started (ms since the epoch): a restart has the same id and a
    /// newer incarnation.
    public var incarnation: UnixMillis
    /// Counts the member's heartbeats from 1 within one incarnation; nil when the wire has none.
    public var sequence: UInt64?
    /// Milliseconds between the member's heartbeats; 0 when unknown.
    public var interval: Int64
    /// A name for people (host name, node name); may be empty.
    public var name: String
    /// Where the member receives replication; nil for a member that serves nothing (a pinger).
    /// An empty host means "the address the heartbeat came from".
    public var endpoint: Endpoint?
    /// Starting, ready or leaving.
    public var state: MemberState
    /// A few key=value labels, in the order the member sent them.
    public var tags: [HeartbeatTag]

    /// Creates a heartbeat.
    public init(
        domain: String, member: MemberID, incarnation: UnixMillis, sequence: UInt64?, interval: Int64,
        name: String = "", endpoint: Endpoint? = nil, state: MemberState = .ready, tags: [HeartbeatTag] = []
    ) {
        self.domain = domain
        self.member = member
        self.incarnation = incarnation
        self.sequence = sequence
        self.interval = interval
        self.name = name
        self.endpoint = endpoint
        self.state = state
        self.tags = tags
    }
}

/// One key=value label of a heartbeat.
public struct HeartbeatTag: Sendable, Hashable, CustomStringConvertible {
    /// The key.
    public var key: String
    /// The value.
    public var value: String

    /// Creates a tag.
    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }

    /// `key=value`.
    public var description: String { "\(key)=\(value)" }
}
