/// What remains of an invalidated or expired session: its version, kept long enough that a late,
/// older update cannot bring the session back.
public struct Tombstone: Sendable, Hashable {
    /// The removed session's key.
    public var key: SessionKey
    /// The version of the removal; any change older than it is ignored.
    public var version: Version
    /// When the tombstone may be forgotten.
    public var retainUntil: UnixMillis

    /// Creates a tombstone.
    public init(key: SessionKey, version: Version, retainUntil: UnixMillis) {
        self.key = key
        self.version = version
        self.retainUntil = retainUntil
    }
}
