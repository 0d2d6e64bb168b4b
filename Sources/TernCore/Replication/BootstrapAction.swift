/// What the shell must do for a `BootstrapMachine`.
public enum BootstrapAction: Sendable, Hashable {
    /// The live message was queued until the transfer's records are in: nothing to do now.
    case hold
    /// Apply this live message to the store now.
    case apply(ReplicationMessage)
    /// Apply these queued live messages to the store, in order, then call `onQueuedApplied()`.
    case applyQueued([ReplicationMessage])
    /// The bootstrap completed: the store has the peer's state and every queued message; go live
    /// (answer state requests, report ready).
    case finished(BootstrapVerdict)
    /// The bootstrap ended without the peer's full state: close the transfer and report the verdict.
    /// `queued` holds the live messages received meanwhile, for a shell that goes on anyway.
    case abandoned(BootstrapVerdict, queued: [ReplicationMessage])
}

/// How a bootstrap ended.
public enum BootstrapVerdict: Sendable, Hashable, CustomStringConvertible {
    /// The transfer's records and the queued live messages are applied.
    case completed(peer: Endpoint, records: Int, queuedApplied: Int)
    /// Nothing arrived from the peer for the timeout.
    case timedOut(peer: Endpoint, records: Int, silentFor: Int64)
    /// The bootstrap failed for a reason other than silence.
    case failed(peer: Endpoint, BootstrapFailure)

    /// One line for a log.
    public var description: String {
        switch self {
        case .completed(let peer, let records, let queued):
            "state transfer from \(peer) completed: \(records) records, then \(queued) queued live messages"
        case .timedOut(let peer, let records, let silence):
            "state transfer from \(peer) timed out: nothing received for \(silence) ms (\(records) records so far)"
        case .failed(let peer, let failure):
            "state transfer from \(peer) failed: \(failure)"
        }
    }
}

/// Why a bootstrap failed.
public enum BootstrapFailure: Sendable, Hashable, CustomStringConvertible {
    /// More live messages arrived during the transfer than the queue may hold.
    case queueOverflow(ReplicationQueueLimits)
    /// The transfer's end announced another number of records than arrived.
    case countMismatch(announced: Int, received: Int)
    /// The shell saw the transfer fail (refused, closed, a digest mismatch), in its own words.
    case transfer(String)

    /// One line, lowercase.
    public var description: String {
        switch self {
        case .queueOverflow(let limits):
            "more live messages arrived during the transfer than the queue holds (\(limits.maxMessages) messages, "
                + "\(limits.maxBytes) bytes); raise the limits or bootstrap when the cluster is quieter"
        case .countMismatch(let announced, let received):
            "the peer announced \(announced) records but sent \(received)"
        case .transfer(let reason):
            reason
        }
    }
}
