/// When the node's sessions expire, without scanning them: a heap of deadlines, at least one per
/// expiring session, each no later than the session's real expiry.
///
/// A deadline names its session by the record's position in the store's `RecordTable`, which stays
/// put while the record is held, and 32 bits of the key's hash, which tell a later record of another
/// key at the same position from it: 16 bytes a session instead of a 48-byte key
/// (docs/PERFORMANCE.md, "A session's bytes").
///
/// Touches and later accesses only move a session's expiry later, so they change nothing here;
/// when a deadline comes due the caller re-reads the session and either expires it or schedules
/// its real expiry (`reschedule`). Only a change that makes a session expire earlier (a new
/// session, a shorter max inactive, a replicated record with an older access) adds an entry. A check
/// costs O(log n) per due entry, not O(n) per tick.
public struct ExpirySchedule: Sendable {
    private var heap = DeadlineHeap()

    /// An empty schedule.
    public init() {}

    /// How many deadlines are held (stale ones included).
    public var count: Int { heap.count }

    /// The earliest deadline held: when the shell's timer need fire next.
    public var nextDeadline: UnixMillis? { heap.earliest }

    /// The session at `position` in the store's record table changed from `old` to `new` (either
    /// nil when absent; `position` nil when the table holds no record of the key): schedule `new` if
    /// it now expires earlier than any entry it may already have.
    public mutating func onChange(from old: Session?, to new: Session?, at position: Int?) {
        guard let new, let position, let expiresAt = new.expiresAt else { return }
        if let old, let previous = old.expiresAt, previous <= expiresAt { return }
        schedule(new, at: position, expiresAt: expiresAt)
    }

    /// The next session whose deadline has come at `now`, with its position in `records`, or nil:
    /// the caller expires it if it has expired, and otherwise hands it back with `reschedule`.
    /// Deadlines of records that are gone (removed, replaced by a tombstone or by another key's
    /// record) are dropped on the way.
    public mutating func nextDue(at now: UnixMillis, in records: RecordTable) -> (position: Int, session: Session)? {
        while let entry = heap.popDue(at: now) {
            let position = Int(entry.position)
            guard case .session(let session)? = records[position: position], Self.tag(session.key) == entry.tag else {
                continue
            }
            return (position, session)
        }
        return nil
    }

    /// Schedules `session`, at `position`, again at its real expiry (after `nextDue` returned it
    /// early).
    public mutating func reschedule(_ session: Session, at position: Int) {
        guard let expiresAt = session.expiresAt else { return }
        schedule(session, at: position, expiresAt: expiresAt)
    }

    private mutating func schedule(_ session: Session, at position: Int, expiresAt: UnixMillis) {
        heap.insert(DeadlineHeap.Entry(at: expiresAt, position: UInt32(position), tag: Self.tag(session.key)))
    }

    /// 32 bits of the key's hash (the record table files keys by the other 32).
    static func tag(_ key: SessionKey) -> UInt32 {
        UInt32(truncatingIfNeeded: UInt64(bitPattern: Int64(key.digest)) >> 32)
    }
}
