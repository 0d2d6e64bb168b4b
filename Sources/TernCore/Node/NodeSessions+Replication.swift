extension NodeSessions {
    /// What applying a replicated message did.
    public enum ApplyResult: Sendable, Hashable {
        /// The store's outcome (what the receiver acks or nacks on).
        case outcome(ReplicationOutcome)
        /// The message's version is `aheadBy` ms ahead of this node's clock, beyond the drift
        /// bound: refused, the store unchanged (nack it "clock ahead").
        case clockAhead(aheadBy: Int64)
    }

    /// Applies a message a peer replicated at `now`: the clock observes its version first (a
    /// version too far ahead is refused), then the store applies it by docs/MODEL.md's rules (a
    /// put of a new session into a full context is rejected, `.sessionLimit`).
    public mutating func apply(_ message: ReplicationMessage, now: UnixMillis) -> ApplyResult {
        if let version = message.newestVersion, case .rejected(let ahead) = clock.observe(version, now: now) {
            counters.clockAhead += 1
            return .clockAhead(aheadBy: ahead)
        }
        let keys = message.keys
        let previous = keys.map { store[$0]?.session }
        let outcome = store.apply(message, maxSessionsPerContext: configuration.maxSessionsPerContext)
        if case .rejected(.sessionLimit) = outcome {
            counters.sessionLimit += 1
            return .outcome(outcome)
        }
        for (key, old) in zip(keys, previous) { noteChange(of: key, from: old) }
        return .outcome(outcome)
    }

    /// Applies a record of a state transfer or a snapshot at `now` by newest-wins. The clock
    /// observes its version (without the drift bound's refusal: the record is applied anyway).
    @discardableResult
    public mutating func apply(_ record: StoreRecord, now: UnixMillis) -> SessionStore.Outcome {
        clock.observe(record.version, now: now)
        let previous = store[record.key]?.session
        let outcome = store.apply(record)
        noteChange(of: record.key, from: previous)
        return outcome
    }
}
