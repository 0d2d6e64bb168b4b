import TernCore
import TernWire

/// Who this process is on a replication connection: the domain (cluster) it belongs to and its
/// member id. Both go into the preface it sends, and a peer of another domain is refused. With
/// cluster keys, every connection is keyed: both sides prove a key, then every byte is sealed
/// (docs/PROTOCOL.md, "Keyed preface").
public struct ReplicationIdentity: Sendable, Hashable {
    /// The cluster name; peers must announce the same one.
    public var domain: String
    /// This process's member id.
    public var member: MemberID
    /// The cluster keys connections are authenticated and sealed with; nil for an open cluster.
    public var keys: ClusterKeyRing?

    /// Creates an identity.
    public init(domain: String, member: MemberID, keys: ClusterKeyRing? = nil) {
        self.domain = domain
        self.member = member
        self.keys = keys
    }

    /// The preface this process sends.
    public var preface: ConnectionPreface {
        ConnectionPreface(domain: domain, member: member)
    }

    /// Why `preface`, received from a peer, is refused; nil when it is accepted. (The decoder has
    /// already rejected unknown protocol versions.)
    public func refusal(of preface: ConnectionPreface) -> String? {
        guard preface.domain.utf8Equals(domain) else {
            return "it is in domain '\(preface.domain)', not '\(domain)' (see --domain)"
        }
        return nil
    }
}
