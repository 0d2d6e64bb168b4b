/// Whether a member is considered alive.
public enum MemberStatus: String, Sendable, Hashable, CustomStringConvertible {
    /// Heard within its drop time.
    case alive
    /// It announced that it leaves.
    case left
    /// Silent for its drop time.
    case dead

    /// `alive`, `left` or `dead`.
    public var description: String { rawValue }
}

/// Everything the membership machine knows about one member.
public struct MemberRecord: Sendable, Hashable {
    /// The latest heartbeat accepted (older, reordered ones only count in the statistics).
    public internal(set) var heartbeat: Heartbeat
    /// Alive, left or dead.
    public internal(set) var status: MemberStatus
    /// When the member was first heard.
    public internal(set) var firstSeen: UnixMillis
    /// When the member was last heard, on any path.
    public internal(set) var lastSeen: UnixMillis
    /// The address of its latest heartbeat.
    public internal(set) var source: String
    /// What multicast delivered; nil if nothing came that way.
    public internal(set) var multicast: PathStatistics?
    /// What unicast delivered; nil if nothing came that way.
    public internal(set) var unicast: PathStatistics?
    /// How many times it restarted while watched.
    public internal(set) var restarts: Int = 0
    /// Heartbeats of an older incarnation that arrived after a newer one (ignored).
    public internal(set) var staleHeartbeats: UInt64 = 0
    /// The sequence number of the first `leaving` heartbeat of this incarnation.
    var leavingSequence: UInt64?

    init(_ received: ReceivedHeartbeat) {
        heartbeat = received.heartbeat
        status = .alive
        firstSeen = received.at
        lastSeen = received.at
        source = received.source
    }

    /// The statistics of `path`, if anything came that way.
    public func statistics(_ path: HeartbeatPath) -> PathStatistics? {
        path == .multicast ? multicast : unicast
    }

    /// Whether anything arrived by multicast.
    public var heardByMulticast: Bool { multicast != nil }

    /// Heartbeats received over both paths, duplicates included.
    public var received: UInt64 { (multicast?.received ?? 0) + (unicast?.received ?? 0) }

    /// Counts one arrival in its path's statistics.
    mutating func count(_ received: ReceivedHeartbeat, countFromOne: Bool) {
        let heartbeat = received.heartbeat
        func update(_ statistics: inout PathStatistics?) {
            if statistics == nil { statistics = PathStatistics(at: received.at) }
            statistics!.record(
                sequence: heartbeat.sequence, incarnation: heartbeat.incarnation, interval: heartbeat.interval,
                at: received.at, countFromOne: countFromOne, leaving: heartbeat.state == .leaving)
        }
        switch received.path {
        case .multicast: update(&multicast)
        case .unicast: update(&unicast)
        }
        if received.at > lastSeen { lastSeen = received.at }
        source = received.source
    }
}
