/// A store of session records that applies changes by the newest-wins rule.
///
/// Applying the same set of records in any order, any number of times, gives the same store.
public struct SessionStore: Sendable, Equatable {
    /// The records, by key.
    public private(set) var records: RecordTable

    /// An empty store.
    public init() {
        records = RecordTable()
    }

    /// What applying a record did.
    public enum Outcome: Sendable, Equatable {
        /// The record was new or newer and is now held.
        case applied
        /// The store already held this version; at most the access time moved forward.
        case duplicate
        /// The store holds a newer version; the record was ignored.
        case stale(held: Version)
    }

    /// Applies `record` and says what happened.
    @discardableResult
    public mutating func apply(_ record: StoreRecord) -> Outcome {
        // One hash and one probe of the table per record: the slot is changed in place.
        records.update(record.key) { Self.merge(record, into: &$0) }
    }

    private static func merge(_ record: StoreRecord, into slot: inout StoreRecord?) -> Outcome {
        guard let held = slot else {
            slot = record
            return .applied
        }
        if record.version < held.version { return .stale(held: held.version) }
        let merged = StoreRecord.newest(held, record)
        let outcome: Outcome =
            record.version == held.version && merged.isSameKind(as: held) ? .duplicate : .applied
        slot = merged
        return outcome
    }

    /// The record held for `key`.
    public subscript(key: SessionKey) -> StoreRecord? {
        records[key]
    }

    /// The live session for `key` at `now`: nil when absent, removed or expired.
    public func session(_ key: SessionKey, at now: UnixMillis) -> Session? {
        guard let session = records[key]?.session, !session.isExpired(at: now) else { return nil }
        return session
    }

    /// Records a request's access to `key` at `time`; returns false when no session is held.
    @discardableResult
    public mutating func touch(_ key: SessionKey, at time: UnixMillis) -> Bool {
        guard case .session(var session) = records[key] else { return false }
        session.lastAccessed = max(session.lastAccessed, time)
        records[key] = .session(session)
        return true
    }

    /// Forgets tombstones whose retention ended before `now`; returns how many.
    @discardableResult
    public mutating func purgeTombstones(before now: UnixMillis) -> Int {
        records.removeAll { record in
            if case .tombstone(let tombstone) = record { return tombstone.retainUntil < now }
            return false
        }
    }

    /// The number of records, tombstones included.
    public var count: Int { records.count }

    /// Every record in key order: the order of a snapshot.
    public func sortedRecords() -> [StoreRecord] {
        records.values.sorted { $0.key < $1.key }
    }

    /// The newest version seen from each origin: the version vector of a snapshot cut.
    public func versionVector() -> VersionVector {
        var vector = VersionVector()
        for record in records.values { vector.include(record.version) }
        return vector
    }
}
