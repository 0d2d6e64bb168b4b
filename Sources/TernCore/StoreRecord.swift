/// What a store holds for one key, and what snapshots and replication carry: a live session or the
/// tombstone of a removed one.
public enum StoreRecord: Sendable, Hashable {
    /// A session with its attributes.
    case session(Session)
    /// A removed session.
    case tombstone(Tombstone)

    /// The record's key.
    public var key: SessionKey {
        switch self {
        case .session(let session): session.key
        case .tombstone(let tombstone): tombstone.key
        }
    }

    /// The record's version.
    public var version: Version {
        switch self {
        case .session(let session): session.version
        case .tombstone(let tombstone): tombstone.version
        }
    }

    /// The session, when this is one.
    public var session: Session? {
        if case .session(let session) = self { return session }
        return nil
    }

    /// Combines two records of the same key by the newest-wins rule of docs/MODEL.md.
    ///
    /// The newer version wins. A session's last access is the maximum of every session record seen
    /// for the key, so the result does not depend on the order records arrive in. Equal versions
    /// mean the same change; the one with the larger tombstone retention or access time is kept.
    /// The function is commutative, associative and idempotent.
    public static func newest(_ lhs: StoreRecord, _ rhs: StoreRecord) -> StoreRecord {
        let (winner, loser) = lhs.version < rhs.version ? (rhs, lhs) : (lhs, rhs)
        switch (winner, loser) {
        case (.session(var session), .session(let other)):
            session.lastAccessed = max(session.lastAccessed, other.lastAccessed)
            return .session(session)
        case (.tombstone(var tombstone), .tombstone(let other)) where tombstone.version == other.version:
            tombstone.retainUntil = max(tombstone.retainUntil, other.retainUntil)
            return .tombstone(tombstone)
        case (.session, .tombstone) where winner.version == loser.version:
            // The same version as a session and as a removal cannot both be right; the removal wins.
            return loser
        default:
            return winner
        }
    }
}
