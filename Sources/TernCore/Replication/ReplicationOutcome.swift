/// What applying one replication message did to a store: what the receiver acks or nacks on.
///
/// Every outcome except `needsFullSession` and `rejected` is acknowledged: the receiver holds the
/// change or something newer. The rules are in docs/MODEL.md, "Replication messages".
public enum ReplicationOutcome: Sendable, Hashable {
    /// The message changed the store.
    case applied
    /// The store already held this version: nothing changed but, at most, a later access time.
    case duplicate
    /// The store holds a newer version than the message's; the message was ignored.
    case stale(held: Version)
    /// A delta or id change whose base the store does not hold: the sender must send the whole
    /// session of this key (the new key, for an id change). Nack with "needs full session".
    case needsFullSession(SessionKey)
    /// A batch of touches: how many moved an access time, and how many did not.
    case touched(TouchTally)
    /// The message contradicts itself (a version not after its base, an id changed to itself) or
    /// would exceed a bound of the store (`exceedsBound`); the store is unchanged. Nack it as
    /// malformed, or as too large when it exceeds a bound.
    case rejected(ReplicationRejection)

    /// Whether the receiver acknowledges the message (it holds the change, or something newer).
    public var isAcknowledged: Bool {
        switch self {
        case .applied, .duplicate, .stale, .touched: true
        case .needsFullSession, .rejected: false
        }
    }
}

/// How the touches of one batch fared.
public struct TouchTally: Sendable, Hashable {
    /// Touches that moved the held session's access time forward.
    public var moved: Int
    /// Touches of the held version whose access time was not later than the held one.
    public var unchanged: Int
    /// Touches of a version the store does not hold (absent, removed, older or newer).
    public var ignored: Int

    /// Creates a tally.
    public init(moved: Int = 0, unchanged: Int = 0, ignored: Int = 0) {
        self.moved = moved
        self.unchanged = unchanged
        self.ignored = ignored
    }
}

/// Why a message was refused, the store unchanged.
public enum ReplicationRejection: Sendable, Hashable, CustomStringConvertible {
    /// A delta or id change whose version is not newer than the version it builds on.
    case versionNotAfterBase(SessionKey, base: Version, version: Version)
    /// An id change whose new id is the old one.
    case idUnchanged(SessionKey)
    /// A put of a new session into a context that already holds `limit` sessions (`--max-sessions`).
    case sessionLimit(SessionKey, limit: Int)

    /// Whether the message is well formed but exceeds a bound of the store (nack "too large"),
    /// rather than contradicting itself (nack "malformed").
    public var exceedsBound: Bool {
        if case .sessionLimit = self { return true }
        return false
    }

    /// One line for a log or a nack's detail.
    public var description: String {
        switch self {
        case .versionNotAfterBase(let key, let base, let version):
            "change of \(key) has version \(version), not newer than its base \(base)"
        case .idUnchanged(let key):
            "id change of \(key) keeps the same id"
        case .sessionLimit(let key, let limit):
            "context \(key.context) holds its limit of \(limit) sessions (--max-sessions); "
                + "new session \(key.id) not stored"
        }
    }
}
