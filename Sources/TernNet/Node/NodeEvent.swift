import TernCore

/// What a node reports as it runs, for its event log (tern-node's standard output).
public enum NodeEvent: Sendable {
    /// The receiver and state server listen at `address` (HOST:PORT); the heartbeat advertises `advertised`.
    case listening(address: String, advertised: Endpoint)
    /// The state is asked of `source` (the oldest ready member left to ask).
    case stateRequested(StateSource)
    /// A state transfer ended without the source's full state (the verdict names the peer).
    case stateFailed(BootstrapVerdict)
    /// The node loaded `records` records of its own snapshot (`path`).
    case snapshotLoaded(path: String, records: Int)
    /// The node is ready: announced `ready`, serving state; HTTP opens next. The transfer's verdict,
    /// nil when no member was asked.
    case ready(BootstrapVerdict?, records: Int)
    /// A member joined, changed, restarted, left or died.
    case member(MembershipEvent)
    /// Replication to a member starts (`endpoint`) or stops (nil).
    case peer(member: MemberID, name: String, endpoint: Endpoint?)
    /// A snapshot was written: `records` records, for `reason` (timer, signal, exit).
    case snapshotWritten(path: String, records: Int, reason: String)
    /// An anti-entropy round with `member` (named `name`) found differences or failed (rounds that
    /// found the stores equal are not reported).
    case antiEntropy(member: MemberID, name: String, reason: AntiEntropySchedule.Reason, report: AntiEntropyReport)
    /// Shutdown began: HTTP is closed, leaving is announced.
    case leaving
    /// The node stopped, holding `records` records.
    case stopped(records: Int)
}
