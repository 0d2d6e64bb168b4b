/// A store of session records that applies changes by the newest-wins rule.
///
/// Applying the same set of records in any order, any number of times, gives the same store.
/// The store keeps its anti-entropy digest current as it changes (`digest`, docs/ANTI-ENTROPY.md).
public struct SessionStore: Sendable, Equatable {
    /// The records, by key.
    public private(set) var records: RecordTable
    /// The digest of the records' keys and versions that members compare to find what differs.
    public private(set) var digest = StoreDigest()
    /// Live sessions (expired ones included until something removes them) per context: what
    /// `--max-sessions` bounds (docs/LIMITS.md). Kept as records change kind, so never scanned.
    public private(set) var sessionsPerContext: [String: Int] = [:]

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
        guard let outcome = apply(record, maxSessionsPerContext: .max) else {
            preconditionFailure("a store without a bound refused a record")
        }
        return outcome
    }

    /// Applies `record` unless it would add a session to a context that already holds
    /// `maxSessionsPerContext` (`--max-sessions`): then returns nil, the store unchanged. Records
    /// that change a held session, or change nothing, are never refused.
    public mutating func apply(_ record: StoreRecord, maxSessionsPerContext limit: Int) -> Outcome? {
        // One hash and one probe of the table per record: the slot is changed in place. Only a
        // new session under a bound reads its context's count, which it then moves anyway.
        var replaced: (version: Version, isTombstone: Bool)?
        var changed = false
        let outcome = records.update(record.key) { slot -> Outcome? in
            // Read through the optional, not with `map`, which copies the whole record (retaining
            // its strings and values) to hand it to the closure.
            var held: (version: Version, isTombstone: Bool)?
            if let version = slot?.version, let isTombstone = slot?.isTombstone { held = (version, isTombstone) }
            if limit != .max, !record.isTombstone, held.map({ $0.isTombstone && $0.version < record.version }) ?? true,
                sessionsPerContext[record.key.context, default: 0] >= limit
            {
                return nil
            }
            let outcome = Self.merge(record, into: &slot)
            if case .applied = outcome {
                replaced = held
                changed = true
            }
            return outcome
        }
        if changed {
            // An applied record is the one now held: it was newer, or it is a tombstone replacing a
            // session of the same version.
            digest.change(record.key, from: replaced, to: (record.version, record.isTombstone))
            let wasSession = replaced.map { !$0.isTombstone } ?? false
            countSessions(of: record.key.context, was: wasSession, is: !record.isTombstone)
        }
        return outcome
    }

    @inline(__always)
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

    /// Moves the count of `context` when its key changed between session and tombstone (or absence).
    @inline(__always)
    private mutating func countSessions(of context: String, was wasSession: Bool, is isSession: Bool) {
        guard wasSession != isSession else { return }
        if isSession {
            sessionsPerContext[context, default: 0] += 1
        } else if let count = sessionsPerContext[context], count > 1 {
            sessionsPerContext[context] = count - 1
        } else {
            sessionsPerContext[context] = nil
        }
    }

    /// The number of live sessions in `context` (expired ones included until removed).
    public func sessionCount(in context: String) -> Int {
        sessionsPerContext[context] ?? 0
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
        var doomed: [Tombstone] = []
        for record in records.values {
            if case .tombstone(let tombstone) = record, tombstone.retainUntil < now { doomed.append(tombstone) }
        }
        for tombstone in doomed {
            records[tombstone.key] = nil
            digest.change(tombstone.key, from: (tombstone.version, true), to: nil)
        }
        return doomed.count
    }

    /// The number of records, tombstones included.
    public var count: Int { records.count }

    /// Every record in key order: the order of a snapshot.
    public func sortedRecords() -> [StoreRecord] {
        records.values.sorted { $0.key < $1.key }
    }

    /// Equal when both hold the same records (their digests then agree too).
    public static func == (lhs: SessionStore, rhs: SessionStore) -> Bool {
        lhs.records == rhs.records
    }

    /// The newest version seen from each origin: the version vector of a snapshot cut.
    public func versionVector() -> VersionVector {
        var vector = VersionVector()
        for record in records.values { vector.include(record.version) }
        return vector
    }
}
