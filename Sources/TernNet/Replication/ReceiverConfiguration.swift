import TernCore
import TernWire

/// How a replication receiver behaves (tern-recv's options).
public struct ReceiverConfiguration: Sendable {
    /// This receiver's domain and member id.
    public var identity: ReplicationIdentity
    /// Bounds every incoming frame is checked against (`--max-frame` sets the payload bound).
    public var limits: FrameLimits
    /// Whether state requests and subscriptions are answered (`--serve-state`).
    public var servesState: Bool
    /// Milliseconds a peer may take to send its preface after connecting (on a keyed connection,
    /// the secure handshake comes first and counts too).
    public var handshakeTimeout: Int64
    /// Bytes a subscriber may leave unread before it is disconnected as too slow.
    public var maxSubscriberBacklog: Int
    /// Records per state chunk, at most (a chunk also stays under `chunkBytes`).
    public var chunkRecords: Int
    /// Target bytes of one state chunk's payload.
    public var chunkBytes: Int
    /// How far (ms) a message's version may be ahead of `wallClock` before it is refused with a
    /// clock-ahead nack; nil accepts any. A member whose clock runs far ahead would otherwise win
    /// every later write to the sessions it touched (docs/MODEL.md, hybrid logical clock).
    public var maxClockDrift: Int64?
    /// The program serving state, named as the writer in the header of the snapshots its state
    /// transfers make (docs/PROTOCOL.md, "state-begin").
    public var program: String
    /// The wall clock (ms since the epoch) the drift is measured against, and the creation time of
    /// the snapshots its state transfers make.
    public var wallClock: @Sendable () -> UnixMillis
    /// Bounds of the anti-entropy rounds this receiver answers (with `servesState`).
    public var antiEntropy: AntiEntropyLimits
    /// How many connections are held, in total and per address, and how long one may stay silent
    /// (docs/SECURITY.md, "Bounds").
    public var connectionBounds = ConnectionBounds.default

    /// Creates a configuration.
    public init(
        identity: ReplicationIdentity, limits: FrameLimits = .default, servesState: Bool = false,
        handshakeTimeout: Int64 = 10_000, maxSubscriberBacklog: Int = 64 << 20, chunkRecords: Int = 4096,
        chunkBytes: Int = 256 << 10, maxClockDrift: Int64? = nil, program: String = "tern",
        wallClock: @escaping @Sendable () -> UnixMillis = { 0 }, antiEntropy: AntiEntropyLimits = .default
    ) {
        self.identity = identity
        self.limits = limits
        self.servesState = servesState
        self.handshakeTimeout = handshakeTimeout
        self.maxSubscriberBacklog = maxSubscriberBacklog
        self.chunkRecords = max(1, min(chunkRecords, limits.maxListCount))
        self.chunkBytes = max(1, min(chunkBytes, limits.maxPayloadBytes / 2))
        self.maxClockDrift = maxClockDrift
        self.program = program
        self.wallClock = wallClock
        self.antiEntropy = antiEntropy
    }
}
