/// How a node's sessions behave: who stamps the changes, how ids look, what a write replicates,
/// the timings of expiry, tombstones and touch batches, and how many sessions a context holds.
public struct NodeSessionConfiguration: Sendable, Hashable {
    /// The member that stamps this node's changes.
    public var member: MemberID
    /// The suffix of new ids (`--route`), nil for none.
    public var route: String?
    /// What a write replicates.
    public var style: ReplicationStyle
    /// The max inactive interval of a session created without one, in seconds (Tomcat: 30 minutes).
    public var defaultMaxInactiveSeconds: Int32
    /// Milliseconds a tombstone is kept after an invalidation or expiry.
    public var tombstoneRetention: Int64
    /// Milliseconds between touch batches (`--touch-interval`).
    public var touchInterval: Int64
    /// Milliseconds a remote version may be ahead of the wall clock (nil: no bound).
    public var maxClockDrift: Int64?
    /// The most live sessions one context holds (`--max-sessions`); creates and replicated puts
    /// of new sessions beyond it are refused. `Int.max`: no bound.
    public var maxSessionsPerContext: Int

    /// Creates a configuration; negative durations are raised to zero.
    public init(
        member: MemberID, route: String? = nil, style: ReplicationStyle = .delta,
        defaultMaxInactiveSeconds: Int32 = 1800, tombstoneRetention: Int64 = 3_600_000, touchInterval: Int64 = 10_000,
        maxClockDrift: Int64? = HybridLogicalClock.defaultMaxDrift, maxSessionsPerContext: Int = .max
    ) {
        self.member = member
        self.route = route
        self.style = style
        self.defaultMaxInactiveSeconds = defaultMaxInactiveSeconds
        self.tombstoneRetention = max(0, tombstoneRetention)
        self.touchInterval = max(0, touchInterval)
        self.maxClockDrift = maxClockDrift
        self.maxSessionsPerContext = max(0, maxSessionsPerContext)
    }
}
