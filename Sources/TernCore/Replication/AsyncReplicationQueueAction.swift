/// What the shell must do after offering a message to an `AsyncReplicationQueue`.
public enum AsyncReplicationQueueAction: Sendable, Hashable {
    /// The message was added at the end of the queue: wake the peer's sender if it is idle.
    case queued
    /// The message was merged into one already queued (or made unnecessary by a newer one): nothing
    /// more to do.
    case coalesced
    /// The queue overflowed and was emptied: the peer needs a full resync. Start one (a state push
    /// or a request that the peer pull), then call `onResyncStarted()`.
    case resyncNeeded
    /// A resync is pending, which will cover this message: it was dropped.
    case dropped
}

/// What an `AsyncReplicationQueue` has done since it was made. Every message offered is counted
/// once as enqueued and, eventually, once as coalesced, dropped or sent (a touch batch counts one
/// per touch), so `enqueued == coalesced + dropped + sent + count`.
public struct AsyncReplicationQueueCounters: Sendable, Hashable {
    /// Messages offered.
    public var enqueued = 0
    /// Messages merged into another, or made unnecessary by a newer one.
    public var coalesced = 0
    /// Messages discarded by an overflow or while a resync was pending.
    public var dropped = 0
    /// Messages handed to the sender.
    public var sent = 0
    /// Overflows (each one a resync the peer needed).
    public var overflows = 0

    /// Counters at zero.
    public init() {}
}
