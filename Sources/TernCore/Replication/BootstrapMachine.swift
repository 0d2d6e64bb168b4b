/// Start-up from another member's state (`tern-recv --bootstrap-from`, `tern-node`): the state
/// transfer runs while live replication messages are queued; when the transfer's records are in,
/// the queued messages are applied after them, and only then is the store live.
///
/// States: transferring → applying queued → live, or timed out / failed. The transfer times out
/// when nothing arrived from the peer for `timeout` milliseconds (records extend the deadline, so a
/// large transfer that makes progress is not cut off). The queue is bounded; overflowing it fails
/// the bootstrap rather than growing. The shell applies the transfer's records to the store as they
/// arrive and reports them with `onRecords`.
public struct BootstrapMachine: Sendable {
    /// Where the machine is.
    public enum State: Sendable, Hashable {
        /// Records are arriving; live messages are queued.
        case transferring
        /// The records are in; the shell applies the queued messages (new ones are still queued).
        case applyingQueued
        /// Live messages are applied as they come.
        case live
        /// The peer went silent for the timeout.
        case timedOut
        /// The bootstrap failed.
        case failed
    }

    /// The member the state comes from.
    public let peer: Endpoint
    /// Milliseconds of silence from the peer after which the transfer times out.
    public let timeout: Int64
    /// The bounds of the live-message queue.
    public let limits: ReplicationQueueLimits
    /// The current state.
    public private(set) var state = State.transferring
    /// Records the transfer has delivered so far.
    public private(set) var records = 0
    /// Queued live messages applied so far.
    public private(set) var queuedApplied = 0

    private var queued: [ReplicationMessage] = []
    private var queuedBytes = 0
    private var lastHeard: UnixMillis

    /// A bootstrap from `peer` whose state request was sent at `now`.
    public init(peer: Endpoint, now: UnixMillis, timeout: Int64, limits: ReplicationQueueLimits) {
        self.peer = peer
        self.timeout = max(0, timeout)
        self.limits = limits
        self.lastHeard = now
    }

    /// When the transfer times out unless something arrives: when the shell's timer should fire
    /// (nil once the transfer is over).
    public var deadline: UnixMillis? {
        state == .transferring ? lastHeard &+ timeout : nil
    }

    /// How many live messages wait.
    public var queuedCount: Int { queued.count }

    /// `count` records of the transfer arrived at `now` (the shell applied them); false when no
    /// transfer is running, and the records should not be applied.
    @discardableResult
    public mutating func onRecords(_ count: Int, now: UnixMillis) -> Bool {
        guard state == .transferring else { return false }
        records += count
        lastHeard = max(lastHeard, now)
        return true
    }

    /// A live replication message arrived.
    public mutating func onLiveMessage(_ message: ReplicationMessage) -> BootstrapAction {
        switch state {
        case .live, .timedOut, .failed:
            return .apply(message)
        case .transferring, .applyingQueued:
            queued.append(message)
            queuedBytes += message.estimatedBytes
            guard !limits.areExceeded(messages: queued.count, bytes: queuedBytes) else {
                return abandon(.failed(peer: peer, .queueOverflow(limits)), state: .failed)
            }
            return .hold
        }
    }

    /// The transfer's end arrived at `now`, announcing `announcedCount` records.
    public mutating func onTransferEnd(announcedCount: Int, now: UnixMillis) -> BootstrapAction? {
        guard state == .transferring else { return nil }
        guard announcedCount == records else {
            return abandon(
                .failed(peer: peer, .countMismatch(announced: announcedCount, received: records)), state: .failed)
        }
        state = .applyingQueued
        return takeQueued()
    }

    /// The shell applied the messages of the last `.applyQueued`.
    public mutating func onQueuedApplied() -> BootstrapAction? {
        guard state == .applyingQueued else { return nil }
        return takeQueued()
    }

    /// The timer fired at `now`: abandons the transfer if the peer has been silent too long.
    public mutating func onTimer(now: UnixMillis) -> BootstrapAction? {
        guard state == .transferring, let deadline, now >= deadline else { return nil }
        return abandon(.timedOut(peer: peer, records: records, silentFor: now - lastHeard), state: .timedOut)
    }

    /// The shell saw the transfer fail (connection refused or closed, a digest mismatch, a nack).
    public mutating func onTransferFailed(_ reason: String) -> BootstrapAction? {
        guard state == .transferring else { return nil }
        return abandon(.failed(peer: peer, .transfer(reason)), state: .failed)
    }

    private mutating func takeQueued() -> BootstrapAction {
        guard queued.isEmpty else {
            let batch = queued
            queuedApplied += batch.count
            queued = []
            queuedBytes = 0
            return .applyQueued(batch)
        }
        state = .live
        return .finished(.completed(peer: peer, records: records, queuedApplied: queuedApplied))
    }

    private mutating func abandon(_ verdict: BootstrapVerdict, state: State) -> BootstrapAction {
        self.state = state
        let batch = queued
        queued = []
        queuedBytes = 0
        return .abandoned(verdict, queued: batch)
    }
}
