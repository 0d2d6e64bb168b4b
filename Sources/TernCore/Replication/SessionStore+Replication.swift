extension SessionStore {
    /// Applies a replication message by the rules of docs/MODEL.md ("Replication messages") and
    /// says what happened, so the receiver can ack or nack it.
    ///
    /// - put and expire: the record, by newest-wins.
    /// - delta: only onto a held session at exactly `base`; a store already at `version` or newer
    ///   reports duplicate or stale; otherwise it needs the whole session.
    /// - touch: moves the access time forward only where the held session has the touch's version.
    /// - change-id: tombstones the old key at `version` and, if the old key's session is held at
    ///   `base`, stores it renamed under the new key at `version`; otherwise it needs the whole
    ///   session of the new key.
    ///
    /// A put that would add a session to a context already holding `maxSessionsPerContext` is
    /// rejected (`.sessionLimit`) and not stored; updates of held sessions are always applied.
    ///
    /// Applying a message twice changes nothing the second time.
    @discardableResult
    public mutating func apply(_ message: ReplicationMessage, maxSessionsPerContext: Int = .max) -> ReplicationOutcome {
        switch message {
        case .put(let session):
            guard let outcome = apply(.session(session), maxSessionsPerContext: maxSessionsPerContext) else {
                return .rejected(.sessionLimit(session.key, limit: maxSessionsPerContext))
            }
            return ReplicationOutcome(outcome)
        case .expire(let tombstone): return ReplicationOutcome(apply(.tombstone(tombstone)))
        case .delta(let delta): return apply(delta)
        case .touch(let touches): return .touched(apply(touches))
        case .changeID(let change): return apply(change)
        }
    }

    private mutating func apply(_ delta: SessionDelta) -> ReplicationOutcome {
        guard delta.base < delta.version else {
            return .rejected(.versionNotAfterBase(delta.key, base: delta.base, version: delta.version))
        }
        if let settled = settledOutcome(delta.key, version: delta.version, lastAccessed: delta.lastAccessed) {
            return settled
        }
        guard let held = self[delta.key]?.session, held.version == delta.base else {
            return .needsFullSession(delta.key)
        }
        return ReplicationOutcome(apply(.session(delta.applied(to: held))))
    }

    private mutating func apply(_ touches: [SessionTouch]) -> TouchTally {
        var tally = TouchTally()
        for touch in touches {
            guard let held = self[touch.key]?.session, held.version == touch.version else {
                tally.ignored += 1
                continue
            }
            if touch.lastAccessed > held.lastAccessed {
                self.touch(touch.key, at: touch.lastAccessed)
                tally.moved += 1
            } else {
                tally.unchanged += 1
            }
        }
        return tally
    }

    private mutating func apply(_ change: SessionIDChange) -> ReplicationOutcome {
        guard change.base < change.version else {
            return .rejected(.versionNotAfterBase(change.key, base: change.base, version: change.version))
        }
        guard change.newKey != change.key else { return .rejected(.idUnchanged(change.key)) }
        // Read the base before the tombstone replaces it.
        let base = self[change.key]?.session.flatMap { $0.version == change.base ? $0 : nil }
        apply(.tombstone(change.oldKeyTombstone))
        let renamedAccess = UnixMillis(clamping: change.version.physical)
        if let settled = settledOutcome(change.newKey, version: change.version, lastAccessed: renamedAccess) {
            return settled
        }
        guard let base else { return .needsFullSession(change.newKey) }
        return ReplicationOutcome(apply(.session(change.renamed(base))))
    }

    /// The outcome of a change to `key` at `version` when the store already holds that version or a
    /// newer one (a copy of the held version moves its access time forward, as a put would); nil
    /// when the change is newer than what is held.
    private mutating func settledOutcome(
        _ key: SessionKey, version: Version, lastAccessed: UnixMillis
    ) -> ReplicationOutcome? {
        guard let held = self[key], held.version >= version else { return nil }
        if held.version > version { return .stale(held: held.version) }
        if held.session != nil { touch(key, at: lastAccessed) }
        return .duplicate
    }
}

extension ReplicationOutcome {
    /// The replication outcome of applying one record.
    init(_ outcome: SessionStore.Outcome) {
        switch outcome {
        case .applied: self = .applied
        case .duplicate: self = .duplicate
        case .stale(let held): self = .stale(held: held)
        }
    }
}
