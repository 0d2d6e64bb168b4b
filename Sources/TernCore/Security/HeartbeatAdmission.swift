/// Decides which received heartbeats reach the membership table, from their authenticity and
/// freshness, and counts the rest by reason (docs/SECURITY.md, "Heartbeats").
///
/// Pure: the shell checks the tag (TernWire) and calls `onHeartbeat` with what it found and when.
/// With keys, only verified heartbeats that pass their member's `ReplayWindow` are admitted; without,
/// only unsigned ones. Heartbeats of another domain are admitted whatever they carry: the table only
/// counts them, and a keyed cluster of another domain on the same group is not an error.
public struct HeartbeatAdmission: Sendable {
    /// Whether this member holds keys (`--key-file`).
    public let keyed: Bool
    /// This member's domain.
    public let domain: String
    /// The most members whose replay windows are kept; beyond, the least recently heard is forgotten.
    /// Only verified heartbeats open a window, so strangers cannot fill it.
    public let maxMembers: Int
    /// The most (source, reason) pairs reported; beyond, rejections are only counted.
    public let maxReports: Int
    /// Heartbeats dropped, by reason.
    public private(set) var rejected: [HeartbeatRejection.Reason: UInt64] = [:]
    private var windows: [MemberID: ReplayWindow] = [:]
    private var reported: Set<ReportKey> = []

    private struct ReportKey: Hashable {
        var source: String
        var reason: HeartbeatRejection.Reason
    }

    /// A machine for a member of `domain`, with or without keys.
    public init(keyed: Bool, domain: String, maxMembers: Int = 4096, maxReports: Int = 1024) {
        self.keyed = keyed
        self.domain = domain
        self.maxMembers = maxMembers
        self.maxReports = maxReports
    }

    /// What the shell does with one heartbeat.
    public enum Decision: Sendable, Hashable {
        /// Hand it to the membership table.
        case admit
        /// Drop it. `report` is true the first time this source is rejected for this reason: the
        /// shell shows that one (a misconfigured member at 2 Hz must not flood the terminal).
        case reject(HeartbeatRejection, report: Bool)
    }

    /// Heartbeats dropped for any reason.
    public var rejectedTotal: UInt64 { rejected.values.reduce(0, +) }

    /// Judges `heartbeat` from `source`, whose tag the shell found to be `authenticity`, arriving `at`.
    public mutating func onHeartbeat(
        _ heartbeat: Heartbeat, authenticity: HeartbeatAuthenticity, source: String, at: UnixMillis
    ) -> Decision {
        guard heartbeat.domain.utf8Equals(domain) else { return .admit }
        let reason: HeartbeatRejection.Reason
        switch (keyed, authenticity) {
        case (false, .unsigned):
            return .admit
        case (false, _):
            reason = .keyed
        case (true, .unsigned):
            reason = .unauthenticated
        case (true, .unknownKey), (true, .badTag), (true, .unchecked):
            reason = .badKey
        case (true, .verified):
            if isFresh(heartbeat, at: at) { return .admit }
            reason = .replayed
        }
        rejected[reason, default: 0] += 1
        let rejection = HeartbeatRejection(
            reason, source: source, member: heartbeat.member, name: heartbeat.name, keyID: authenticity.keyID, at: at)
        let key = ReportKey(source: source, reason: reason)
        let report = reported.count < maxReports && reported.insert(key).inserted
        return .reject(rejection, report: report)
    }

    /// Whether a verified heartbeat passes its member's replay window (opening one for a new member).
    /// An unnumbered heartbeat cannot be told from a replay, so it never passes.
    private mutating func isFresh(_ heartbeat: Heartbeat, at: UnixMillis) -> Bool {
        guard let sequence = heartbeat.sequence else { return false }
        if windows[heartbeat.member] != nil {
            return windows[heartbeat.member]!.admit(incarnation: heartbeat.incarnation, sequence: sequence, at: at)
        }
        if windows.count >= maxMembers, let oldest = windows.min(by: { $0.value.lastAccepted < $1.value.lastAccepted })
        {
            windows[oldest.key] = nil
        }
        windows[heartbeat.member] = ReplayWindow(incarnation: heartbeat.incarnation, sequence: sequence, at: at)
        return true
    }
}
