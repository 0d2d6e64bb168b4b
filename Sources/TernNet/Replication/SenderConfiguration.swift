import TernCore

/// How a replication sender delivers messages to one peer (DESIGN.md §1, Tomcat's three modes).
public enum ReplicationMode: String, Sendable, CaseIterable {
    /// One connection; each message waits for its ack before the next is sent.
    case sync
    /// Several connections, several messages in flight on each; acks matched by sequence number.
    case pooled
    /// A bounded queue that coalesces repeated updates of a session; frames are sent without waiting
    /// for acks, and a ping after every batch confirms everything before it.
    case async
}

/// The knobs of a `ReplicationSender`. Times are milliseconds.
public struct SenderConfiguration: Sendable {
    /// The delivery mode.
    public var mode: ReplicationMode
    /// Connections to the peer (pooled mode; the other modes use one).
    public var connections: Int
    /// Frames in flight per connection (pooled mode; sync is 1).
    public var window: Int
    /// How long a frame (or, in async mode, a confirming ping) may wait for its answer before the
    /// connection is considered broken and closed; its frames are then resent on a new one.
    public var ackTimeout: Int64
    /// How long a connection attempt, and then the peer's preface, may take.
    public var connectTimeout: Int64
    /// How long the peer may stay unreachable while messages wait before they are given up.
    public var retryFor: Int64
    /// How many times one message is sent (after connection losses) before it is given up.
    public var maxAttempts: Int
    /// Delays between reconnection attempts.
    public var backoff: Backoff
    /// Bounds of the async queue.
    public var queueLimits: ReplicationQueueLimits
    /// Async mode: frames between two confirming pings.
    public var barrierInterval: Int
    /// `submit` waits while more than this many messages wait to be sent.
    public var maxPending: Int
    /// Whether `start()` throws when the first connection fails, instead of retrying.
    public var failFast: Bool
    /// Whether the report keeps every round trip and every failure (a tool's final report); a
    /// long-running node says no and only counts failures, so the report never grows.
    public var keepsHistory = true
    /// After how long without sending anything a connection pings the peer, so that the peer's
    /// idle timeout does not cut it (nil: never); tern-node sets it from its own `--idle-timeout`.
    public var keepAliveInterval: Int64? = ConnectionBounds.defaultKeepAliveInterval

    /// Creates a configuration; out-of-range counts are raised to 1.
    public init(
        mode: ReplicationMode, connections: Int = 4, window: Int = 32, ackTimeout: Int64 = 10_000,
        connectTimeout: Int64 = 5_000, retryFor: Int64 = 10_000, maxAttempts: Int = 3,
        backoff: Backoff = Backoff(initial: 100, maximum: 5_000),
        queueLimits: ReplicationQueueLimits = ReplicationQueueLimits(maxMessages: 100_000, maxBytes: 256 << 20),
        barrierInterval: Int = 1024, maxPending: Int = 8192, failFast: Bool = true
    ) {
        self.mode = mode
        self.connections = mode == .pooled ? max(1, connections) : 1
        self.window = mode == .sync ? 1 : max(1, window)
        self.ackTimeout = max(1, ackTimeout)
        self.connectTimeout = max(1, connectTimeout)
        self.retryFor = max(0, retryFor)
        self.maxAttempts = max(1, maxAttempts)
        self.backoff = backoff
        self.queueLimits = queueLimits
        self.barrierInterval = max(1, barrierInterval)
        self.maxPending = max(1, maxPending)
        self.failFast = failFast
    }
}
