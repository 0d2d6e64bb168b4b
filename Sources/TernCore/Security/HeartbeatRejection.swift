/// A heartbeat the admission machine dropped before the membership table saw it, and why.
public struct HeartbeatRejection: Sendable, Hashable, CustomStringConvertible {
    /// Why a heartbeat was dropped. Only append; the raw values are tern-ping's JSON `reason`.
    public enum Reason: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// Signed with a key this member does not hold, or a tag that does not verify.
        case badKey = "bad-key"
        /// Unsigned, while this member requires a key.
        case unauthenticated
        /// Signed correctly, but not newer than what this member accepted from that member (a
        /// replay, or a duplicate the network made), or unnumbered.
        case replayed
        /// Signed, while this member holds no key: the keyed cluster would refuse this member anyway.
        case keyed

        /// `bad key`, `unauthenticated`, `replayed`, `keyed`: for text output.
        public var description: String { self == .badKey ? "bad key" : rawValue }
    }

    /// Why.
    public var reason: Reason
    /// The datagram's source, `HOST:PORT`.
    public var source: String
    /// The member id the heartbeat claims (not to be trusted unless the reason is `replayed`).
    public var member: MemberID
    /// The name the heartbeat claims (likewise).
    public var name: String
    /// The key id the tag names, if any.
    public var keyID: ClusterKeyID?
    /// When it arrived.
    public var at: UnixMillis

    /// Creates a rejection.
    public init(
        _ reason: Reason, source: String, member: MemberID, name: String, keyID: ClusterKeyID?, at: UnixMillis
    ) {
        self.reason = reason
        self.source = source
        self.member = member
        self.name = name
        self.keyID = keyID
        self.at = at
    }

    /// `bad key from 10.0.0.7:45564 (member 3f2a9c1e, "b", key 0123456789abcdef)`: the claimed name
    /// quoted with Swift's escapes, since an unauthenticated sender chose it.
    public var description: String {
        let key = keyID.map { ", key \($0)" } ?? ""
        let why = reason == .keyed ? "keyed (this member has no --key-file)" : reason.description
        return "\(why) from \(source) (member \(member.short), \(name.debugDescription)\(key))"
    }

    /// The warning a node logs: the rejection, and that more of the same are only counted.
    public var logLine: String {
        "rejected heartbeats: \(self); more for this reason from there are only counted"
    }
}
