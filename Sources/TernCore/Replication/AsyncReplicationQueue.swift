/// The bounded queue of changes waiting for one peer in async mode: it coalesces repeated updates
/// of a session into the newest, keeps first-in-first-out order across sessions, and on overflow
/// empties itself and asks for a resync of the peer instead of growing.
///
/// Coalescing, for a change of session K (only with K's entries queued since K's last id change,
/// which is never merged or replaced):
/// - a put or an expire replaces every queued entry of K with an older or equal version, taking the
///   place of the first of them;
/// - a delta folds into a queued put or delta of K that it builds on (the put becomes the put of
///   the result; two deltas become one);
/// - a touch folds into a queued put, delta or touch of K of the same version (latest access), and
///   is dropped when K's last queued entry is newer.
/// A merged entry keeps its place in the queue, so a busy session is not pushed back by its own
/// updates. Anything else is appended. See docs/MODEL.md, "Async replication queue".
public struct AsyncReplicationQueue: Sendable {
    /// The bounds that trigger a resync.
    public let limits: ReplicationQueueLimits
    /// What the queue has done.
    public private(set) var counters = AsyncReplicationQueueCounters()
    /// Whether the queue overflowed and the peer waits for a resync (messages offered meanwhile are dropped).
    public private(set) var needsResync = false
    /// The messages queued (a touch counts once per session touched).
    public private(set) var count = 0
    /// The estimated bytes queued.
    public private(set) var bytes = 0

    /// Queued entries by position; a position freed by coalescing or sending holds nil.
    private var slots: [Entry?] = []
    /// The position of `slots[0]`; positions stay valid when the array drops its sent prefix.
    private var firstPosition = 0
    /// Index in `slots` of the oldest position that may still hold an entry.
    private var head = 0
    /// The positions of each session's queued entries since its last queued id change (which, if
    /// still queued, comes first), oldest first.
    private var positionsByKey: [SessionKey: Positions] = [:]

    /// An empty queue with the given bounds.
    public init(limits: ReplicationQueueLimits) {
        self.limits = limits
    }

    /// Whether nothing is queued.
    public var isEmpty: Bool { count == 0 }

    /// Offers a change for the peer.
    public mutating func onEnqueue(_ message: ReplicationMessage) -> AsyncReplicationQueueAction {
        guard case .touch(let touches) = message else { return enqueue(Entry(message)) }
        counters.enqueued += touches.count
        if needsResync {
            counters.dropped += touches.count
            return .dropped
        }
        var appended = false
        for (index, touch) in touches.enumerated() {
            appended = place(.touch(touch)) || appended
            if limits.areExceeded(messages: count, bytes: bytes) {
                overflow()
                counters.dropped += touches.count - index - 1
                return .resyncNeeded
            }
        }
        return appended ? .queued : .coalesced
    }

    /// The next message to send, or nil when the queue is empty. Touches at the head of the queue
    /// are sent as one batch of at most `maxTouches`.
    public mutating func nextMessage(maxTouches: Int = 512) -> ReplicationMessage? {
        guard let first = popHead() else { return nil }
        guard case .touch(let touch) = first else { return first.intoMessage() }
        var touches = [touch]
        while touches.count < maxTouches, case .touch(let next)? = peekHead() {
            _ = popHead()
            touches.append(next)
        }
        return .touch(touches)
    }

    /// The resync asked for by `.resyncNeeded` has started (its state is cut now): queue again.
    public mutating func onResyncStarted() {
        needsResync = false
    }

    /// The peer lost changes the queue cannot replay (its connection failed with messages written
    /// but unconfirmed, say): empty the queue and wait for a resync, as after an overflow.
    public mutating func onResyncRequired() {
        guard !needsResync else { return }
        overflow()
    }

    // MARK: - Placing

    private mutating func enqueue(_ entry: consuming Entry) -> AsyncReplicationQueueAction {
        counters.enqueued += 1
        if needsResync {
            counters.dropped += 1
            return .dropped
        }
        let appended = place(entry)
        if limits.areExceeded(messages: count, bytes: bytes) {
            overflow()
            return .resyncNeeded
        }
        return appended ? .queued : .coalesced
    }

    /// Files `entry`, coalescing it where the rules allow; returns whether it was appended.
    private mutating func place(_ entry: consuming Entry) -> Bool {
        if case .changeID(let change) = entry {
            // Nothing before an id change merges with anything after it: forget the older positions
            // of both keys (they are still sent; sending them then finds nothing to forget).
            let position = append(entry)
            positionsByKey[change.key] = Positions(position)
            positionsByKey[change.newKey] = Positions(position)
            return true
        }
        let key = entry.key
        // A session with nothing queued, the usual case, is filed with one probe of the table.
        if Self.fileOnly(firstPosition + slots.count, in: &positionsByKey[key]) {
            _ = append(entry)
            return true
        }
        let index = positionsByKey.index(forKey: key)!
        let filed = positionsByKey.values[index]
        let positions = self[filed.first].isIDChange ? filed.afterFirst : filed.all
        if entry.isWhole {
            let older = positions.filter { self[$0].version <= entry.version }
            guard let first = older.first else {
                positionsByKey.values[index].append(append(entry))
                return true
            }
            for position in older.dropFirst() { remove(at: position) }
            replace(at: first, with: entry)
            counters.coalesced += older.count
            return false
        }
        if let last = positions.last {
            if let merged = self[last].absorbing(entry) {
                replace(at: last, with: merged)
                counters.coalesced += 1
                return false
            }
            if self[last].version >= entry.version {
                // A newer change of the session is queued already; it carries its own state.
                counters.coalesced += 1
                return false
            }
        }
        positionsByKey.values[index].append(append(entry))
        return true
    }

    /// Makes `position` a session's only one when it has none queued; returns whether it did.
    private static func fileOnly(_ position: Int, in positions: inout Positions?) -> Bool {
        guard positions == nil else { return false }
        positions = Positions(position)
        return true
    }

    private subscript(position: Int) -> Entry {
        slots[position - firstPosition]!
    }

    /// Adds `entry` at the end and returns its position; the caller files it by key.
    private mutating func append(_ entry: consuming Entry) -> Int {
        let position = firstPosition + slots.count
        count += 1
        bytes += entry.estimatedBytes
        slots.append(entry)
        return position
    }

    /// Puts `entry`, of the same keys, in place of the entry at `position`.
    private mutating func replace(at position: Int, with entry: consuming Entry) {
        bytes += entry.estimatedBytes - self[position].estimatedBytes
        slots[position - firstPosition] = entry
    }

    private mutating func remove(at position: Int) {
        unfile(slots[position - firstPosition].take()!, at: position)
    }

    /// Forgets `entry`, just taken out of `position`, in the index and the totals.
    private mutating func unfile(_ entry: borrowing Entry, at position: Int) {
        switch entry {
        case .changeID(let change):
            forget(position, of: change.key)
            forget(position, of: change.newKey)
        default:
            forget(position, of: entry.key)
        }
        count -= 1
        bytes -= entry.estimatedBytes
    }

    private mutating func forget(_ position: Int, of key: SessionKey) {
        guard let index = positionsByKey.index(forKey: key) else { return }
        if !positionsByKey.values[index].remove(position) { positionsByKey.remove(at: index) }
    }

    private mutating func overflow() {
        counters.dropped += count
        counters.overflows += 1
        slots = []
        firstPosition = 0
        head = 0
        positionsByKey = [:]
        count = 0
        bytes = 0
        needsResync = true
    }

    // MARK: - Taking

    private mutating func skipFreed() {
        while head < slots.count, slots[head] == nil { head += 1 }
        if head == slots.count {
            firstPosition += slots.count
            slots = []
            head = 0
        } else if head >= 1024 && head * 2 >= slots.count {
            slots.removeFirst(head)
            firstPosition += head
            head = 0
        }
    }

    private mutating func peekHead() -> Entry? {
        skipFreed()
        return head < slots.count ? slots[head] : nil
    }

    /// Takes the oldest entry out of the queue (moved, not copied: it may hold a whole session).
    private mutating func popHead() -> Entry? {
        skipFreed()
        guard head < slots.count, let entry = slots[head].take() else { return nil }
        unfile(entry, at: firstPosition + head)
        counters.sent += 1
        return entry
    }
}
