import Logging
import NIOCore
import NIOPosix
import TernCore
import TernNetMembership
import TernWire

/// A running node: the receiver and state server over the node's sessions, membership, a sender to
/// every member, the start-up machine, and the expiry, touch and snapshot timers. The sessions, the
/// senders and the start-up all live on one event loop (`loop`), so a write, its replication and a
/// replicated message never race; the HTTP API (TernHTTP) calls the session operations of
/// NodeRuntime+Sessions.swift, which hop there.
///
/// Use: `init`, then `run(http:)` runs everything as ServiceLifecycle services until SIGINT or
/// SIGTERM (NodeRuntime+Lifecycle.swift). See docs/NODE.md.
public final class NodeRuntime: @unchecked Sendable {
    /// How the node runs.
    public let configuration: NodeConfiguration
    /// The event loops of the node: the store's first; HTTP may share them.
    public let eventLoopGroup: MultiThreadedEventLoopGroup
    /// The loop that owns the sessions, the senders and the start-up.
    let loop: EventLoop
    let storage: NodeStorage
    let store: ReplicaStore
    let logger: Logger
    let events: @Sendable (NodeEvent) -> Void
    let readiness: EventLoopPromise<Bool>
    let snapshotWriter = NodeSnapshotWriter()

    // Store loop only, below.
    var membership: MembershipService?
    var server: ReplicationServer?
    var advertised: Endpoint?
    var peerSet = NodePeers()
    var peers: [MemberID: NodePeer] = [:]
    var random = SystemRandomNumberGenerator()
    var startupTimer: Scheduled<Void>?
    var transfer: (client: StateTransferClient, generation: Int)?
    var transferGeneration = 0
    /// Whether the last state transfer failed because the source proved no cluster key of ours.
    var lastTransferUnauthenticated = false
    var sessionTimer: RepeatedTask?
    var snapshotTimer: RepeatedTask?
    var lastPurge: UnixMillis = 0
    var counters = NodeRuntimeCounters()
    var stopping = false
    var readinessSettled = false
    var antiEntropy: AntiEntropySchedule
    var antiEntropyTimer: Scheduled<Void>?
    var antiEntropyRound: AntiEntropyClient?

    /// A node configured by `configuration` reporting to `events`; nothing runs before `run`.
    public init(configuration: NodeConfiguration, logger: Logger, events: @escaping @Sendable (NodeEvent) -> Void) {
        self.configuration = configuration
        self.logger = logger
        self.events = events
        eventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        loop = eventLoopGroup.next()
        readiness = loop.makePromise()
        antiEntropy = AntiEntropySchedule(interval: configuration.antiEntropyInterval)
        let now = configuration.wallClock
        let startup = NodeStartup(
            now: now(), discoveryWindow: configuration.discoveryWindow, stateTimeout: configuration.stateTimeout,
            requireState: configuration.requireState, limits: configuration.startupQueueLimits)
        storage = NodeStorage(sessions: configuration.sessions, startup: startup, now: now)
        var receiver = ReceiverConfiguration(
            identity: configuration.identity, limits: configuration.limits, servesState: true,
            handshakeTimeout: configuration.handshakeTimeout, maxClockDrift: configuration.sessions.maxClockDrift, program: configuration.program, wallClock: now,
            antiEntropy: configuration.antiEntropy)
        receiver.connectionBounds = configuration.connectionBounds
        store = ReplicaStore(loop: loop, configuration: receiver, events: nil, storage: storage, logger: logger)
        storage.onStartupActions = { [unowned self] actions in self.drive(actions) }
    }

    /// The wall clock now.
    var now: UnixMillis { configuration.wallClock() }

    /// Waits until the node is ready (true) or stopped before it was (false); throws
    /// `NodeStartupError` when the state was required and did not arrive. Cancelling the wait stops
    /// the start-up (a shutdown that began before the node was ready).
    public func waitUntilReady() async throws -> Bool {
        try await withTaskCancellationHandler {
            try await readiness.futureResult.get()
        } onCancel: {
            loop.execute { self.settleReadiness(.success(false)) }
        }
    }
}

/// A member the node replicates to.
struct NodePeer {
    /// Its name.
    var name: String
    /// Where it receives replication.
    var endpoint: Endpoint
    /// The sender, on the node's loop.
    var sender: ReplicationSender
}

/// What the node's runtime counted, for `/metrics`.
public struct NodeRuntimeCounters: Sendable, Hashable {
    /// State transfers that brought a member's whole state.
    public var stateTransfersCompleted = 0
    /// State transfers that timed out or failed.
    public var stateTransfersFailed = 0
    /// Membership events by kind (`joined`, `changed`, `restarted`, `left`, `dead`).
    public var membershipEvents: [String: Int] = [:]
    /// Messages given up for peers that were then removed (the sender's report went with it).
    public var failedToRemovedPeers = 0
    /// Async queue overflows of peers that were then removed (`tern_limit_hits_total{limit="queue"}`).
    public var queueOverflowsOfRemovedPeers = 0
    /// Replication connections refused because the peer proved no cluster key of ours.
    public var authenticationRefusals = 0
    /// Replication connections refused or closed by a connection bound, by bound (`total`,
    /// `per-peer`, `handshake`, `idle`).
    public var connectionBoundHits: [String: Int] = [:]
    /// Anti-entropy rounds this node ran, by outcome (`in-sync`, `repaired`, `transferred`, `failed`).
    public var antiEntropyRounds: [String: Int] = [:]
    /// Records anti-entropy sent to peers that held them older or not at all.
    public var antiEntropyPushed = 0
    /// Records anti-entropy fetched from peers that held them newer.
    public var antiEntropyPulled = 0

    /// All zero.
    public init() {}
}

/// The state was required (`--require-state`) and did not arrive.
public struct NodeStartupError: Error, Sendable, CustomStringConvertible {
    /// How the last transfer ended (it names the peer).
    public var verdict: BootstrapVerdict
    /// Whether the source refused authentication (no cluster key in common): exit 77.
    public var unauthenticated: Bool

    /// Creates an error.
    public init(verdict: BootstrapVerdict, unauthenticated: Bool = false) {
        self.verdict = verdict
        self.unauthenticated = unauthenticated
    }

    /// Whether the source went silent (exit 75) rather than failed (69).
    public var timedOut: Bool {
        if case .timedOut = verdict { return true }
        return false
    }

    /// One line.
    public var description: String { "\(verdict); --require-state: not starting without it" }
}
