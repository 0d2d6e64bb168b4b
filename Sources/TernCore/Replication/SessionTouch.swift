/// A request read a session without changing it: its new access time, for the version it read.
///
/// Touches are batched (`--touch-interval`) so that other members don't expire a session that is
/// in use elsewhere. A touch for another version than the one held is ignored: the newer version
/// carries its own access time.
public struct SessionTouch: Sendable, Hashable {
    /// The session read.
    public var key: SessionKey
    /// The version the request saw.
    public var version: Version
    /// When it was read.
    public var lastAccessed: UnixMillis

    /// Creates a touch.
    public init(key: SessionKey, version: Version, lastAccessed: UnixMillis) {
        self.key = key
        self.version = version
        self.lastAccessed = lastAccessed
    }
}
