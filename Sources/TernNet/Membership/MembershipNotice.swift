import TernCore
import TernWire

/// What a membership service reports, in order, on its `notices` stream.
public enum MembershipNotice: Sendable {
    /// A membership event, with the member's latest Tomcat record when it is a Tomcat member.
    case event(MembershipEvent, tomcat: TribesMember?)
    /// The table as it is now, asked for with `requestTable()` (tern-ping's SIGUSR1).
    case table(MembershipSnapshot)
    /// A heartbeat dropped before the table saw it: the first from its source for its reason (later
    /// ones are only counted, in `MembershipSnapshot.rejected`).
    case rejected(HeartbeatRejection)
    /// The last notice: the table after this member left, just before the stream ends.
    case finished(MembershipSnapshot)
}

/// The member table and the transport's counters at one instant.
public struct MembershipSnapshot: Sendable {
    /// The membership machine's state (members, statistics, other domains).
    public var table: MembershipTable
    /// When the snapshot was taken.
    public var at: UnixMillis
    /// The latest Tomcat record of each Tomcat member.
    public var tomcat: [MemberID: TribesMember]
    /// Own heartbeats sent to at least one destination (skipped ones, while backing off, do not count).
    public var sent: UInt64
    /// Sends that failed (per destination).
    public var sendFailures: UInt64
    /// Datagrams that were not a heartbeat either format accepts.
    public var undecodable: UInt64
    /// Of those, tern heartbeats over the datagram bound (`tern_limit_hits_total{limit="datagram"}`).
    public var oversized: UInt64
    /// Heartbeats dropped before the table saw them, by reason (`HeartbeatAdmission`).
    public var rejected: [HeartbeatRejection.Reason: UInt64]
    /// Frames received from Tomcat members on the TCP acceptor.
    public var tomcatFrames: UInt64

    /// Creates a snapshot.
    public init(
        table: MembershipTable, at: UnixMillis, tomcat: [MemberID: TribesMember] = [:], sent: UInt64 = 0,
        sendFailures: UInt64 = 0, undecodable: UInt64 = 0, oversized: UInt64 = 0, rejected: [HeartbeatRejection.Reason: UInt64] = [:],
        tomcatFrames: UInt64 = 0
    ) {
        self.table = table
        self.at = at
        self.tomcat = tomcat
        self.sent = sent
        self.sendFailures = sendFailures
        self.undecodable = undecodable
        self.oversized = oversized
        self.rejected = rejected
        self.tomcatFrames = tomcatFrames
    }
}
