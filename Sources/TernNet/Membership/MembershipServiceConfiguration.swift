import TernCore
import TernWire

/// Everything a membership service needs: where to listen and send, which wire format, the
/// machine's configuration, and this member's own heartbeat (nil for a pure observer).
public struct MembershipServiceConfiguration: Sendable {
    /// The multicast group and port (an IPv4 or IPv6 multicast address).
    public var group: Endpoint
    /// The interface to join on and send from, by name (`eth0`) or address; nil lets the kernel's
    /// routing table choose.
    public var interface: String?
    /// The multicast TTL (hops); 1 keeps heartbeats on the local network.
    public var ttl: UInt8
    /// Whether this host's own members hear each other (multicast loopback).
    public var loopback: Bool
    /// Members to send the same heartbeats to by unicast, for networks without multicast.
    public var peers: [Endpoint]
    /// The format this member writes (it reads both).
    public var wire: MembershipWire
    /// The membership machine's configuration (domain, drop time, own id).
    public var membership: MembershipConfiguration
    /// This member's heartbeat (sequence ignored); nil sends nothing.
    public var announce: Heartbeat?
    /// With `--wire tribes`: accept Tomcat's TCP connections on the announced port and ACK its frames.
    public var acceptTomcatConnections: Bool
    /// Stop by itself (and leave) this many ms after the start; nil runs until stopped.
    public var stopAfter: Int64?
    /// The socket receive buffer to ask for (the kernel may cap it).
    public var receiveBufferBytes: Int
    /// The cluster keys (`--key-file`): heartbeats are signed with the first, and only those verified
    /// under one of them are admitted; nil for an open cluster (docs/SECURITY.md).
    public var keys: ClusterKeyRing?

    /// Creates a configuration.
    public init(
        group: Endpoint, interface: String? = nil, ttl: UInt8 = 1, loopback: Bool = true, peers: [Endpoint] = [],
        wire: MembershipWire = .tern, membership: MembershipConfiguration, announce: Heartbeat?,
        acceptTomcatConnections: Bool = false, stopAfter: Int64? = nil, receiveBufferBytes: Int = 1 << 20,
        keys: ClusterKeyRing? = nil
    ) {
        self.group = group
        self.interface = interface
        self.ttl = ttl
        self.loopback = loopback
        self.peers = peers
        self.wire = wire
        self.membership = membership
        self.announce = announce
        self.acceptTomcatConnections = acceptTomcatConnections
        self.stopAfter = stopAfter
        self.receiveBufferBytes = receiveBufferBytes
        self.keys = keys
    }
}
