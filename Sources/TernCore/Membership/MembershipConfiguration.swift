/// What a membership machine is told once, at its start.
public struct MembershipConfiguration: Sendable, Hashable {
    /// The domain this member belongs to; heartbeats of others are counted and ignored.
    public var domain: String
    /// Milliseconds of silence after which a member is dead (at least twice its own interval; see
    /// `MembershipTable.dropTime(for:)`).
    public var dropTime: Int64
    /// This process's own member id, whose looped-back heartbeats are not a member; nil for an observer.
    public var localMember: MemberID?
    /// This process's incarnation: its id with another incarnation means two processes share an id.
    public var localIncarnation: UnixMillis?
    /// When listening began: decides whether a member's first heartbeats can have been missed (loss).
    public var startedAt: UnixMillis
    /// The most members remembered; beyond it the longest-gone member is forgotten, or a newcomer refused.
    public var maxMembers: Int
    /// The most other domains counted by name; the rest are counted together.
    public var maxOtherDomains: Int

    /// Creates a configuration.
    public init(
        domain: String, dropTime: Int64, localMember: MemberID? = nil, localIncarnation: UnixMillis? = nil,
        startedAt: UnixMillis, maxMembers: Int = 4096, maxOtherDomains: Int = 64
    ) {
        self.domain = domain
        self.dropTime = dropTime
        self.localMember = localMember
        self.localIncarnation = localIncarnation
        self.startedAt = startedAt
        self.maxMembers = maxMembers
        self.maxOtherDomains = maxOtherDomains
    }
}
