/// An HTTP session as tern replicates it.
public struct Session: Sendable, Hashable {
    /// The session's context and id.
    public var key: SessionKey
    /// When the session was created.
    public var created: UnixMillis
    /// When a request last used the session; among records of the same version the latest wins.
    public var lastAccessed: UnixMillis
    /// The version of the session's content (attributes, max inactive).
    public var version: Version
    /// Seconds of inactivity after which the session expires; zero or less: never. Declared after
    /// the version, in its spare bytes.
    public var maxInactiveSeconds: Int32
    /// The attributes.
    public var attributes: Attributes

    /// Creates a session.
    public init(
        key: SessionKey, created: UnixMillis, lastAccessed: UnixMillis, maxInactiveSeconds: Int32,
        version: Version, attributes: Attributes
    ) {
        self.key = key
        self.created = created
        self.lastAccessed = lastAccessed
        self.maxInactiveSeconds = maxInactiveSeconds
        self.version = version
        self.attributes = attributes
    }

    /// The instant the session expires if nobody touches it, or nil when it never expires.
    public var expiresAt: UnixMillis? {
        guard maxInactiveSeconds > 0 else { return nil }
        return lastAccessed &+ Int64(maxInactiveSeconds) * 1000
    }

    /// Whether the session has expired at `now`.
    public func isExpired(at now: UnixMillis) -> Bool {
        guard let expiresAt else { return false }
        return expiresAt <= now
    }

    /// A total order on content (created, max inactive, then attributes by name and value bytes),
    /// used only to break ties between records that claim the same version and access time.
    public func contentPrecedes(_ other: Session) -> Bool {
        if created != other.created { return created < other.created }
        if maxInactiveSeconds != other.maxInactiveSeconds { return maxInactiveSeconds < other.maxInactiveSeconds }
        for (left, right) in zip(attributes, other.attributes) {
            if !left.name.utf8Equals(right.name) { return left.name.utf8Precedes(right.name) }
            if left.value != right.value { return left.value.lexicographicallyPrecedes(right.value) }
        }
        return attributes.count < other.attributes.count
    }
}
