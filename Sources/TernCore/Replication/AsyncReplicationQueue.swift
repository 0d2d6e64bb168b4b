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
    /// The positions of each session's queued entries, oldest first.
    private var positionsByKey: [SessionKey: [Int]] = [:]

    /// An empty queue with the given bounds.
    public init(limits: ReplicationQueueLimits) {
        self.limits = limits
    }

    /// Whether nothing is queued.
    public var isEmpty: Bool { count == 0 }

    /// Offers a change for the peer.
    public mutating func onEnqueue(_ message: ReplicationMessage) -> AsyncReplicationQueueAction {
        let entries = Entry.entries(of: message)
        counters.enqueued += entries.count
        if needsResync {
            counters.dropped += entries.count
            return .dropped
        }
        var appended = false
        for (index, entry) in entries.enumerated() {
            appended = place(entry) || appended
            if limits.areExceeded(messages: count, bytes: bytes) {
                overflow()
                counters.dropped += entries.count - index - 1
                return .resyncNeeded
            }
        }
        return appended ? .queued : .coalesced
    }

    /// The next message to send, or nil when the queue is empty. Touches at the head of the queue
    /// are sent as one batch of at most `maxTouches`.
    public mutating func nextMessage(maxTouches: Int = 512) -> ReplicationMessage? {
        guard let first = popHead() else { return nil }
        guard case .touch(let touch) = first else { return first.message }
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

    /// Files `entry`, coalescing it where the rules allow; returns whether it was appended.
    private mutating func place(_ entry: Entry) -> Bool {
        if case .changeID = entry {
            append(entry)
            return true
        }
        let key = entry.keys[0]
        let positions = positionsSinceIDChange(of: key)
        if entry.isWhole {
            let older = positions.filter { self[$0].version <= entry.version }
            guard let first = older.first else {
                append(entry)
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
        append(entry)
        return true
    }

    /// The positions of `key`'s entries after its last queued id change.
    private func positionsSinceIDChange(of key: SessionKey) -> ArraySlice<Int> {
        let positions = positionsByKey[key] ?? []
        guard let barrier = positions.lastIndex(where: { if case .changeID = self[$0] { true } else { false } }) else {
            return positions[...]
        }
        return positions[(barrier + 1)...]
    }

    private subscript(position: Int) -> Entry {
        slots[position - firstPosition]!
    }

    private mutating func append(_ entry: Entry) {
        let position = firstPosition + slots.count
        slots.append(entry)
        for key in entry.keys { positionsByKey[key, default: []].append(position) }
        count += 1
        bytes += entry.estimatedBytes
    }

    /// Puts `entry`, of the same keys, in place of the entry at `position`.
    private mutating func replace(at position: Int, with entry: Entry) {
        bytes += entry.estimatedBytes - self[position].estimatedBytes
        slots[position - firstPosition] = entry
    }

    private mutating func remove(at position: Int) {
        let entry = self[position]
        slots[position - firstPosition] = nil
        for key in entry.keys {
            positionsByKey[key]?.removeAll { $0 == position }
            if positionsByKey[key]?.isEmpty == true { positionsByKey[key] = nil }
        }
        count -= 1
        bytes -= entry.estimatedBytes
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

    private mutating func popHead() -> Entry? {
        guard peekHead() != nil else { return nil }
        let position = firstPosition + head
        let entry = self[position]
        remove(at: position)
        counters.sent += 1
        return entry
    }
}
