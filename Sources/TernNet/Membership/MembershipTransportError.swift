import TernCore

/// Why the membership transport could not start; expected network outcomes later (a failed send,
/// a lost interface) are logged and retried, never thrown.
public enum MembershipTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The group address is not an IP multicast address.
    case groupNotMulticast(Endpoint)
    /// A host (a peer's, the group's) did not resolve.
    case cannotResolve(Endpoint, reason: String)
    /// No interface has that name or address; `available` lists the names there are.
    case noSuchInterface(String, available: [String])
    /// The interface has no address of the group's family (IPv4 or IPv6).
    case interfaceWithoutAddress(String, family: String)
    /// The group port could not be bound.
    case cannotBind(Endpoint, reason: String)
    /// The TCP port Tomcat members connect to could not be bound.
    case cannotAccept(port: UInt16, reason: String)
    /// This member's own heartbeat cannot be encoded (a name or tag too long, say).
    case cannotEncode(String)

    /// One lowercase line saying what is wrong and what to do.
    public var description: String {
        switch self {
        case .groupNotMulticast(let group):
            "\(group) is not a multicast group (IPv4 224.0.0.0–239.255.255.255, IPv6 ff00::/8)"
        case .cannotResolve(let endpoint, let reason): "cannot resolve \(endpoint.host): \(reason)"
        case .noSuchInterface(let name, let available):
            "no network interface '\(name)' (there are: \(available.joined(separator: ", ")))"
        case .interfaceWithoutAddress(let name, let family): "interface '\(name)' has no \(family) address"
        case .cannotBind(let endpoint, let reason): "cannot listen on port \(endpoint.port): \(reason)"
        case .cannotAccept(let port, let reason):
            "cannot accept Tomcat's connections on TCP port \(port): \(reason)"
        case .cannotEncode(let reason): "cannot announce this member: \(reason)"
        }
    }
}
