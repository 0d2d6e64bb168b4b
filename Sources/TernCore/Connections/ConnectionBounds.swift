/// How many replication connections a receiver holds, and how long one may stay silent
/// (`--max-connections`, `--max-connections-per-peer`, `--idle-timeout`; docs/SECURITY.md, "Bounds").
public struct ConnectionBounds: Sendable, Hashable {
    /// Connections held at once, from everyone; an accept over it is closed at once.
    public var maxConnections: Int
    /// Connections held at once from one remote IP address; an accept over it is closed at once.
    public var maxConnectionsPerPeer: Int
    /// Milliseconds a connection may go without a complete frame from its peer before it is closed;
    /// nil: never. Clients that stay connected ping at `keepAliveInterval`, so only dead, trickling
    /// or silent peers reach it.
    public var idleTimeout: Int64?

    /// The defaults: 512 connections, 64 per address, 60 s of silence.
    public static let `default` = ConnectionBounds(maxConnections: 512, maxConnectionsPerPeer: 64, idleTimeout: 60_000)

    /// Creates bounds; counts below 1 are raised to 1, an idle timeout of 0 or less means never.
    public init(maxConnections: Int, maxConnectionsPerPeer: Int, idleTimeout: Int64?) {
        self.maxConnections = max(1, maxConnections)
        self.maxConnectionsPerPeer = max(1, maxConnectionsPerPeer)
        self.idleTimeout = idleTimeout.flatMap { $0 > 0 ? $0 : nil }
    }

    /// How long a client that wants to stay connected to a receiver with these bounds may send
    /// nothing before it sends a ping: a quarter of the idle timeout, at most 10 s (the interval
    /// every tool's clients use by default).
    public var keepAliveInterval: Int64 {
        guard let idleTimeout else { return Self.defaultKeepAliveInterval }
        return max(1, min(Self.defaultKeepAliveInterval, idleTimeout / 4))
    }

    /// The keep-alive interval of clients that do not know the receiver's idle timeout.
    public static let defaultKeepAliveInterval: Int64 = 10_000
}

/// A bound of `ConnectionBounds` (or the handshake timeout) that a connection hit.
public enum ConnectionBound: String, Sendable, Hashable, CaseIterable {
    /// Refused at accept: the receiver held `maxConnections` already.
    case total
    /// Refused at accept: the receiver held `maxConnectionsPerPeer` from that address already.
    case perPeer = "per-peer"
    /// Closed: no preface (on a keyed connection: no finished secure handshake) in time.
    case handshake
    /// Closed: no complete frame for the idle timeout.
    case idle

    /// Whether the bound refuses connections at accept (the others close open ones on a timeout).
    public var isRejection: Bool { self == .total || self == .perPeer }
}
