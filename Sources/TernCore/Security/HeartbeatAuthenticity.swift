/// What the shell found when it checked a heartbeat's authentication section against its keys
/// (docs/PROTOCOL.md, "Heartbeat authentication"); the admission machine decides what it means.
public enum HeartbeatAuthenticity: Sendable, Hashable {
    /// No tag: scheme 0, or a Tomcat heartbeat, which cannot carry one.
    case unsigned
    /// A tag that verifies under this member's key of this id.
    case verified(ClusterKeyID)
    /// A tag under a key this member does not hold.
    case unknownKey(ClusterKeyID)
    /// A tag that does not verify under the key it names: changed on the way, or forged.
    case badTag(ClusterKeyID)
    /// A tag this member did not check, holding no key.
    case unchecked(ClusterKeyID)

    /// The key id the tag names; nil when unsigned.
    public var keyID: ClusterKeyID? {
        switch self {
        case .unsigned: nil
        case .verified(let id), .unknownKey(let id), .badTag(let id), .unchecked(let id): id
        }
    }
}
