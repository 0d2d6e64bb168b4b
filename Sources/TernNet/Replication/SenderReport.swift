import TernCore

/// What a sender did: counts, the messages not acknowledged and why, and round-trip times.
public struct SenderReport: Sendable {
    /// Messages handed to the sender.
    public var submitted = 0
    /// Messages the peer acknowledged (in async mode: confirmed by a later ping's answer).
    public var acknowledged = 0
    /// Messages merged into a newer one in the async queue (the newer one carries them).
    public var coalesced = 0
    /// Messages dropped because the async queue overflowed; the peer needs a resync.
    public var dropped = 0
    /// Messages not acknowledged, in the order they were given up.
    public var failures: [SenderFailure] = []
    /// Connections made, the first ones included.
    public var connections = 0
    /// Frame bytes written.
    public var bytesSent = 0
    /// Round trips of acknowledged frames in nanoseconds (sync and pooled modes).
    public var roundTrips: [UInt64] = []
    /// Why waiting messages were given up: the peer stayed unreachable for `retryFor`.
    public var gaveUp: ReplicationPeerError?
    /// Messages given up but not listed in `failures` (`SenderConfiguration.keepsHistory` off).
    public var failuresNotKept = 0

    /// Creates an empty report.
    public init() {}

    /// Whether every message submitted was acknowledged (or coalesced into one that was).
    public var isComplete: Bool {
        failures.isEmpty && failuresNotKept == 0 && dropped == 0 && acknowledged + coalesced == submitted
    }

    /// Messages neither acknowledged nor coalesced nor listed as failures (still in flight when the
    /// sender stopped).
    public var unaccounted: Int {
        max(0, submitted - acknowledged - coalesced - dropped - failures.count - failuresNotKept)
    }
}

/// A message the peer did not acknowledge, and why.
public struct SenderFailure: Sendable, CustomStringConvertible {
    /// The message.
    public var message: ReplicationMessage
    /// Why: the peer's nack, or the peer being unreachable.
    public var reason: String

    /// Creates a failure.
    public init(message: ReplicationMessage, reason: String) {
        self.message = message
        self.reason = reason
    }

    /// `put app00/abc (1767225600000.0@71bb54d8): <reason>`.
    public var description: String {
        let keys = message.keys.map(\.description).joined(separator: ", ")
        let version = message.newestVersion.map { " (\($0))" } ?? ""
        return "\(message.kindName) \(keys)\(version): \(reason)"
    }
}
