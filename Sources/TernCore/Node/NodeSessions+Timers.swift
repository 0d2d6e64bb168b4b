extension NodeSessions {
    /// The expiry check at `now` (every second): each session whose deadline has passed is
    /// replaced by a tombstone, and its expire is returned to replicate at once. Only sessions whose
    /// deadline came due are looked at.
    public mutating func onExpiryTimer(now: UnixMillis) -> [ReplicationMessage] {
        var messages: [ReplicationMessage] = []
        while let (position, session) = expiry.nextDue(at: now, in: store.records) {
            guard session.isExpired(at: now) else {
                expiry.reschedule(session, at: position)
                continue
            }
            messages.append(remove(session, now: now))
            counters.expired += 1
        }
        return messages
    }

    /// The touch timer at `now`: the batch of access times to replicate, when one is due.
    public mutating func onTouchTimer(now: UnixMillis) -> ReplicationMessage? {
        guard let batch = touches.onTimer(now: now) else { return nil }
        if case .touch(let list) = batch {
            counters.touchBatches += 1
            counters.touches += list.count
        }
        return batch
    }

    /// Forgets tombstones whose retention has ended; returns how many (the store scans for them,
    /// so the shell calls this rarely, once a minute say).
    @discardableResult
    public mutating func purgeTombstones(now: UnixMillis) -> Int {
        store.purgeTombstones(before: now)
    }
}
