/// Something that happened to a member, as the machine reports it.
public struct MembershipEvent: Sendable, Equatable {
    /// What happened.
    public enum Kind: Sendable, Equatable {
        /// A member was heard for the first time, or again after it was dead or had left.
        case joined
        /// A live member's announced state, endpoint, name, interval or tags changed.
        case changed([MemberChange])
        /// The same member id with a newer incarnation: the member restarted.
        case restarted(previousIncarnation: UnixMillis)
        /// The member announced that it leaves.
        case left
        /// Nothing arrived from the member for its drop time.
        case dead(silentFor: Int64)

        /// `joined`, `changed`, `restarted`, `left` or `dead`: the JSON Lines `event` field.
        public var name: String {
            switch self {
            case .joined: "joined"
            case .changed: "changed"
            case .restarted: "restarted"
            case .left: "left"
            case .dead: "dead"
            }
        }
    }

    /// What happened.
    public var kind: Kind
    /// The member's latest heartbeat (for `dead`, the last one heard).
    public var heartbeat: Heartbeat
    /// How the heartbeat that caused the event came; nil for `dead`.
    public var path: HeartbeatPath?
    /// Its sender's address; for `dead`, the last one.
    public var source: String
    /// When it happened.
    public var at: UnixMillis

    /// Creates an event.
    public init(_ kind: Kind, heartbeat: Heartbeat, path: HeartbeatPath?, source: String, at: UnixMillis) {
        self.kind = kind
        self.heartbeat = heartbeat
        self.path = path
        self.source = source
        self.at = at
    }

    /// The member.
    public var member: MemberID { heartbeat.member }
}

/// One field of a live member's heartbeat that changed.
public enum MemberChange: Sendable, Equatable {
    /// Its state (starting → ready, say).
    case state(from: MemberState, to: MemberState)
    /// Its advertised replication endpoint.
    case endpoint(from: Endpoint?, to: Endpoint?)
    /// Its name.
    case name(from: String, to: String)
    /// Its interval, in ms.
    case interval(from: Int64, to: Int64)
    /// Its tags.
    case tags(from: [HeartbeatTag], to: [HeartbeatTag])

    /// The field's name: `state`, `endpoint`, `name`, `interval` or `tags`.
    public var field: String {
        switch self {
        case .state: "state"
        case .endpoint: "endpoint"
        case .name: "name"
        case .interval: "interval"
        case .tags: "tags"
        }
    }

    /// The changes from `old` to `new`, in field order; empty when nothing a reader cares about changed.
    public static func between(_ old: Heartbeat, _ new: Heartbeat) -> [MemberChange] {
        var changes: [MemberChange] = []
        if old.state != new.state { changes.append(.state(from: old.state, to: new.state)) }
        if old.endpoint != new.endpoint { changes.append(.endpoint(from: old.endpoint, to: new.endpoint)) }
        if !old.name.utf8Equals(new.name) { changes.append(.name(from: old.name, to: new.name)) }
        if old.interval != new.interval { changes.append(.interval(from: old.interval, to: new.interval)) }
        if old.tags != new.tags { changes.append(.tags(from: old.tags, to: new.tags)) }
        return changes
    }
}
