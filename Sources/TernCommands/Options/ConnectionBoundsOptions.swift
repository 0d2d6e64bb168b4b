import ArgumentParser
import TernCore
import TernNet

/// `--max-connections`, `--max-connections-per-peer`, `--idle-timeout`, `--handshake-timeout`: what a
/// replication listener (tern-recv, tern-node) holds, and how long it waits for a silent peer.
/// docs/SECURITY.md, "Bounds", explains the defaults.
public struct ConnectionBoundsOptions: ParsableArguments, Sendable {
    /// `--max-connections`.
    @Option(
        help: ArgumentHelp(
            "Replication connections held at once, from everyone. A connection over it is closed as soon as it is accepted, before anything is read; each member holds a few (one per sender connection, plus state transfers, anti-entropy rounds and watchers).",
            valueName: "n"))
    public var maxConnections: Int = ConnectionBounds.default.maxConnections

    /// `--max-connections-per-peer`.
    @Option(
        help: ArgumentHelp(
            "Replication connections held at once from one IP address (members on one host share it). A flood from one address then cannot take the slots of the others.",
            valueName: "n"))
    public var maxConnectionsPerPeer: Int = ConnectionBounds.default.maxConnectionsPerPeer

    /// `--idle-timeout`.
    @Option(
        help: ArgumentHelp(
            "Close a replication connection on which no complete frame arrived for this long (a dead, silent or trickling peer); 0 never does. Clients that stay connected ping after 10 s of silence (a node's own senders after a quarter of its --idle-timeout), so keep it above 20s.",
            valueName: "duration"))
    public var idleTimeout: String = "60s"

    /// `--handshake-timeout`.
    @Option(
        help: ArgumentHelp(
            "Close a replication connection whose peer has not finished its preface (with --key-file, the key proof first) within this time.",
            valueName: "duration"))
    public var handshakeTimeout: String = "10s"

    /// Creates the defaults.
    public init() {}

    /// Rejects counts below 1 and malformed durations.
    public func validate() throws {
        guard maxConnections >= 1 else { throw ValidationError("--max-connections \(maxConnections): expected 1 or more") }
        guard maxConnectionsPerPeer >= 1 else {
            throw ValidationError("--max-connections-per-peer \(maxConnectionsPerPeer): expected 1 or more")
        }
        _ = try parseDuration(idleTimeout, option: "--idle-timeout", allowZero: true)
        _ = try parseDuration(handshakeTimeout, option: "--handshake-timeout")
    }

    /// The bounds.
    public var bounds: ConnectionBounds {
        ConnectionBounds(
            maxConnections: maxConnections, maxConnectionsPerPeer: maxConnectionsPerPeer,
            idleTimeout: (try? parseDuration(idleTimeout, option: "--idle-timeout", allowZero: true)) ?? 0)
    }

    /// The handshake timeout in milliseconds.
    public var handshakeTimeoutMillis: Int64 {
        (try? parseDuration(handshakeTimeout, option: "--handshake-timeout")) ?? 10_000
    }
}
