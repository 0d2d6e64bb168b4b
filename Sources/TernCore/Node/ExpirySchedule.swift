/// When the node's sessions expire, without scanning them: a heap of deadlines, at least one per
/// expiring session, each no later than the session's real expiry.
///
/// Touches and later accesses only move a session's expiry later, so they change nothing here;
/// when a deadline comes due the caller re-reads the session and either expires it or schedules
/// its real expiry (`onDue`). Only a change that makes a session expire earlier (a new session, a
/// shorter max inactive, a replicated record with an older access) adds an entry. A check costs
/// O(log n) per due entry, not O(n) per tick.
public struct ExpirySchedule: Sendable {
    private var heap = DeadlineHeap()

    /// An empty schedule.
    public init() {}

    /// How many deadlines are held (stale ones included).
    public var count: Int { heap.count }

    /// The earliest deadline held: when the shell's timer need fire next.
    public var nextDeadline: UnixMillis? { heap.earliest }

    /// A session changed from `old` to `new` (either nil when absent): schedule `new` if it now
    /// expires earlier than any entry it may already have.
    public mutating func onChange(from old: Session?, to new: Session?) {
        guard let new, let expiresAt = new.expiresAt else { return }
        if let old, let previous = old.expiresAt, previous <= expiresAt { return }
        heap.insert(new.key, at: expiresAt)
    }

    /// The next key whose deadline has come at `now`, or nil: the caller looks it up, expires it
    /// if it has expired, and otherwise hands it back with `reschedule`.
    public mutating func nextDue(at now: UnixMillis) -> SessionKey? {
        heap.popDue(at: now)?.key
    }

    /// Schedules `session` again at its real expiry (after `nextDue` returned its key early).
    public mutating func reschedule(_ session: Session) {
        guard let expiresAt = session.expiresAt else { return }
        heap.insert(session.key, at: expiresAt)
    }
}
