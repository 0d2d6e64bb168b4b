import TernCore
import TernWire
import TernWireSealing

/// Why talking to a replication peer failed. Every case names the peer, so a log line or a tool's
/// message always says which member it is about (DESIGN.md §1, "a timeout that doesn't say which
/// peer failed").
public struct ReplicationPeerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, which decides a tool's exit status.
    public enum Kind: Sendable, Hashable {
        /// The peer could not be reached or refused us: connection refused, reset, closed, another
        /// domain, a nack such as "not serving state".
        case unavailable
        /// Nothing (or not enough) arrived from the peer within the time allowed.
        case timedOut
        /// The peer sent bytes that are not a valid replication stream, or state that fails its checks.
        case badData
        /// The peer and this side do not share a cluster key (one has none, or the keys differ), or a
        /// proof of the key failed: a tool exits 77.
        case unauthenticated
    }

    /// The kind of failure.
    public var kind: Kind
    /// The peer, as the user named it (`HOST:PORT`) or as it connected.
    public var peer: String
    /// What happened, lowercase, without the peer's name.
    public var reason: String

    /// Creates an error.
    public init(_ kind: Kind, peer: String, _ reason: String) {
        self.kind = kind
        self.peer = peer
        self.reason = reason
    }

    /// Creates an error about an endpoint.
    public init(_ kind: Kind, peer: Endpoint, _ reason: String) {
        self.init(kind, peer: peer.description, reason)
    }

    /// `peer 10.0.0.2:4000: connection refused`; `authentication refused by 10.0.0.2:4000: …`.
    public var description: String {
        kind == .unauthenticated ? "authentication refused by \(peer): \(reason)" : "peer \(peer): \(reason)"
    }

    /// The error of a keyed handshake or a sealed record (`error`) on a connection to `peer`.
    init(_ error: SecureChannelError, peer: Endpoint) {
        self.init(error.isAuthenticationRefusal ? .unauthenticated : .badData, peer: peer, "\(error)")
    }
}
