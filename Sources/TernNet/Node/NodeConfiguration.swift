import TernCore
import TernNetMembership
import TernWire

/// How a node runs (tern-node's options): who it is, where it listens, its membership, its
/// sessions, how it replicates, how it starts and where it keeps its snapshot. Times are ms.
public struct NodeConfiguration: Sendable {
    /// The domain and member id of every replication connection (the member id stamps changes too).
    public var identity: ReplicationIdentity
    /// Where the receiver and state server listen (`--listen`); port 0 picks a free one, which the
    /// heartbeat then advertises.
    public var listen: Endpoint
    /// The membership: group, interface, timing, and this member's heartbeat (its endpoint and
    /// state are set by the node).
    public var membership: MembershipServiceConfiguration
    /// How the sessions behave (route, style, touch interval).
    public var sessions: NodeSessionConfiguration
    /// How writes are replicated to each peer (`--replication`).
    public var sender: SenderConfiguration
    /// Bounds of every frame sent or received.
    public var limits: FrameLimits
    /// Silence from a state source after which its transfer is given up (`--state-timeout`).
    public var stateTimeout: Int64
    /// Whether a node that cannot get the state stops (`--require-state`).
    public var requireState: Bool
    /// Bounds of the live messages held while the node starts.
    public var startupQueueLimits: ReplicationQueueLimits
    /// Where the snapshot is kept (`--data-dir`); nil keeps none.
    public var dataDirectory: String?
    /// Time between snapshots (`--snapshot-every`); nil writes one only at shutdown.
    public var snapshotEvery: Int64?
    /// Time in-flight replication may take to finish at shutdown before it is given up.
    public var shutdownGrace: Int64
    /// Time between periodic anti-entropy rounds, each with the next ready member in turn
    /// (`--anti-entropy-interval`); 0 runs rounds only with members that come back.
    public var antiEntropyInterval: Int64
    /// Bounds of anti-entropy rounds, run and answered.
    public var antiEntropy: AntiEntropyLimits
    /// The program, as snapshot headers name their writer.
    public var program: String
    /// Connections the replication listener holds, in total and per address, and how long one may
    /// stay silent (`--max-connections`, `--max-connections-per-peer`, `--idle-timeout`).
    public var connectionBounds = ConnectionBounds.default
    /// Milliseconds a replication peer may take to finish its handshake (`--handshake-timeout`).
    public var handshakeTimeout: Int64 = 10_000
    /// The wall clock (ms since the epoch): session times, versions, start-up deadlines.
    public var wallClock: @Sendable () -> UnixMillis

    /// Creates a configuration.
    public init(
        identity: ReplicationIdentity, listen: Endpoint, membership: MembershipServiceConfiguration,
        sessions: NodeSessionConfiguration, sender: SenderConfiguration, limits: FrameLimits = .default,
        stateTimeout: Int64 = 60_000, requireState: Bool = false,
        startupQueueLimits: ReplicationQueueLimits = ReplicationQueueLimits(maxMessages: 1_000_000, maxBytes: 1 << 30),
        dataDirectory: String? = nil, snapshotEvery: Int64? = 300_000, shutdownGrace: Int64 = 5_000,
        antiEntropyInterval: Int64 = 30_000, antiEntropy: AntiEntropyLimits = .default,
        program: String = "tern-node", wallClock: @escaping @Sendable () -> UnixMillis
    ) {
        self.identity = identity
        self.listen = listen
        self.membership = membership
        self.sessions = sessions
        self.sender = sender
        self.limits = limits
        self.stateTimeout = stateTimeout
        self.requireState = requireState
        self.startupQueueLimits = startupQueueLimits
        self.dataDirectory = dataDirectory
        self.snapshotEvery = snapshotEvery
        self.shutdownGrace = shutdownGrace
        self.antiEntropyInterval = max(0, antiEntropyInterval)
        self.antiEntropy = antiEntropy
        self.program = program
        self.wallClock = wallClock
    }

    /// The snapshot file in the data directory.
    public var snapshotPath: String? {
        dataDirectory.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + "sessions.tsnap" }
    }

    /// The discovery window: two heartbeat intervals, at least one second (docs/NODE.md).
    public var discoveryWindow: Int64 {
        max(1000, 2 * (membership.announce?.interval ?? 500))
    }
}
