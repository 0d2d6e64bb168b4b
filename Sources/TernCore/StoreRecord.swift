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

    /// Whether the record is a tombstone (without copying a session out, as `session == nil` would).
    @inline(__always)
    public var isTombstone: Bool {
        if case .tombstone = self { return true }
        return false
    }

    /// Whether both records are sessions or both tombstones.
    public func isSameKind(as other: StoreRecord) -> Bool {
        (session == nil) == (other.session == nil)
    }

    /// The session, when this is one.
    public var session: Session? {
        if case .session(let session) = self { return session }
        return nil
    }

    /// Combines two records of the same key by the newest-wins rule of docs/MODEL.md.
    ///
    /// The newer version wins, whole. At equal versions (the same change, seen twice) a tombstone
    /// beats a session, the later last access wins between sessions, and the longer retention
    /// between tombstones. This is the maximum in one total order, so the function is commutative,
    /// associative and idempotent: any arrival order ends in the same record.
    public static func newest(_ lhs: StoreRecord, _ rhs: StoreRecord) -> StoreRecord {
        if lhs.version != rhs.version { return lhs.version < rhs.version ? rhs : lhs }
        switch (lhs, rhs) {
        case (.session(let left), .session(let right)):
            if left.lastAccessed != right.lastAccessed { return left.lastAccessed > right.lastAccessed ? lhs : rhs }
            // Same version and access but different content means a version was reused (a
            // hand-edited export, say); pick by content so the result still ignores arrival order.
            return left.contentPrecedes(right) ? rhs : lhs
        case (.tombstone(let left), .tombstone(let right)):
            return left.retainUntil >= right.retainUntil ? lhs : rhs
        case (.tombstone, .session):
            return lhs
        case (.session, .tombstone):
            return rhs
        }
    }
}
