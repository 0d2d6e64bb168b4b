/// The membership state machine: fed with heartbeats and ticks, it keeps the member table and
/// reports joins, changes, restarts, departures and deaths (docs/PROTOCOL.md, "Membership").
///
/// Pure: time comes in as arguments, nothing is sent or scheduled here. The shell calls
/// `onHeartbeat` for each decoded datagram and `onTick` at (or after) the returned `nextTick`.
public struct MembershipTable: Sendable {
    /// What the machine was told at its start.
    public let configuration: MembershipConfiguration
    /// Every member heard, by id (alive, left or dead).
    public private(set) var members: [MemberID: MemberRecord] = [:]
    /// Heartbeats of other domains, counted by domain name and ignored.
    public private(set) var otherDomains: [String: UInt64] = [:]
    /// Heartbeats of other domains beyond `maxOtherDomains` names.
    public private(set) var otherDomainsOverflow: UInt64 = 0
    /// This member's own heartbeats looped back by the network (multicast loopback).
    public private(set) var ownHeartbeats: UInt64 = 0
    /// Heartbeats with this member's id but another incarnation: another process uses the same id.
    public private(set) var idConflicts: UInt64 = 0
    /// New members refused because the table was full of live members.
    public private(set) var refused: UInt64 = 0

    /// An empty table.
    public init(configuration: MembershipConfiguration) {
        self.configuration = configuration
    }

    /// The silence after which `heartbeat`'s sender is dead: the configured drop time, but at least
    /// two of the sender's own intervals, so a slow sender does not flap.
    public func dropTime(for heartbeat: Heartbeat) -> Int64 {
        max(configuration.dropTime, heartbeat.interval.multipliedReportingOverflow(by: 2).partialValue)
    }

    /// The earliest instant a live member can be declared dead; nil when none is alive.
    public var nextTick: UnixMillis? {
        var earliest: UnixMillis?
        for record in members.values where record.status == .alive {
            let deadline = record.lastSeen + dropTime(for: record.heartbeat)
            if earliest == nil || deadline < earliest! { earliest = deadline }
        }
        return earliest
    }

    /// Total heartbeats of other domains ignored.
    public var otherDomainHeartbeats: UInt64 { otherDomains.values.reduce(otherDomainsOverflow, +) }

    /// Declares dead every live member silent for its drop time at `now`.
    public mutating func onTick(at now: UnixMillis) -> MembershipUpdate {
        var events: [MembershipEvent] = []
        for (id, record) in members where record.status == .alive {
            let silent = now - record.lastSeen
            guard silent >= dropTime(for: record.heartbeat) else { continue }
            members[id]!.status = .dead
            events.append(
                MembershipEvent(
                    .dead(silentFor: silent), heartbeat: record.heartbeat, path: nil, source: record.source, at: now))
        }
        events.sort { ($0.at, $0.heartbeat.member) < ($1.at, $1.heartbeat.member) }
        return MembershipUpdate(events: events, nextTick: nextTick)
    }

    /// Accounts for one heartbeat and returns the events it causes.
    public mutating func onHeartbeat(_ received: ReceivedHeartbeat) -> MembershipUpdate {
        let heartbeat = received.heartbeat
        guard heartbeat.domain.utf8Equals(configuration.domain) else {
            countOtherDomain(heartbeat.domain)
            return MembershipUpdate(nextTick: nextTick)
        }
        if heartbeat.member == configuration.localMember {
            if heartbeat.incarnation == configuration.localIncarnation { ownHeartbeats += 1 } else { idConflicts += 1 }
            return MembershipUpdate(nextTick: nextTick)
        }
        let events: [MembershipEvent]
        if members[heartbeat.member] != nil {
            events = onKnownMember(received)
        } else {
            events = onNewMember(received)
        }
        return MembershipUpdate(events: events, nextTick: nextTick)
    }

    private mutating func onNewMember(_ received: ReceivedHeartbeat) -> [MembershipEvent] {
        // A departure of a member never heard is news to nobody.
        guard received.heartbeat.state != .leaving else { return [] }
        guard makeRoom() else {
            refused += 1
            return []
        }
        var record = MemberRecord(received)
        record.count(received, countFromOne: countsFromOne(received))
        members[received.heartbeat.member] = record
        return [event(.joined, received)]
    }

    private mutating func onKnownMember(_ received: ReceivedHeartbeat) -> [MembershipEvent] {
        let heartbeat = received.heartbeat
        let id = heartbeat.member
        let known = members[id]!.heartbeat
        if heartbeat.incarnation < known.incarnation {
            members[id]!.staleHeartbeats += 1
            return []
        }
        if heartbeat.incarnation > known.incarnation {
            members[id]!.count(received, countFromOne: countsFromOne(received))
            members[id]!.restarts += 1
            members[id]!.heartbeat = heartbeat
            members[id]!.leavingSequence = nil
            var events = [event(.restarted(previousIncarnation: known.incarnation), received)]
            if heartbeat.state == .leaving {
                members[id]!.status = .left
                members[id]!.leavingSequence = heartbeat.sequence
                events.append(event(.left, received))
            } else {
                members[id]!.status = .alive
            }
            return events
        }
        members[id]!.count(received, countFromOne: countsFromOne(received))
        // A reordered, older heartbeat of this incarnation counts in the statistics only.
        if let sequence = heartbeat.sequence, let latest = known.sequence, sequence <= latest { return [] }
        let record = members[id]!
        switch record.status {
        case .alive:
            members[id]!.heartbeat = heartbeat
            if heartbeat.state == .leaving {
                members[id]!.status = .left
                members[id]!.leavingSequence = heartbeat.sequence
                return [event(.left, received)]
            }
            let changes = MemberChange.between(known, heartbeat)
            return changes.isEmpty ? [] : [event(.changed(changes), received)]
        case .dead:
            members[id]!.heartbeat = heartbeat
            if heartbeat.state == .leaving {
                members[id]!.status = .left
                members[id]!.leavingSequence = heartbeat.sequence
                return [event(.left, received)]
            }
            members[id]!.status = .alive
            return [event(.joined, received)]
        case .left:
            // The other copies of the leaving heartbeat change nothing; a member that goes on
            // sending after leaving has joined again.
            guard heartbeat.state != .leaving else { return [] }
            members[id]!.heartbeat = heartbeat
            members[id]!.status = .alive
            members[id]!.leavingSequence = nil
            return [event(.joined, received)]
        }
    }

    /// Whether the member of `received` may have started after listening began, judged from its
    /// sequence number and interval alone (no clock of the sender's is trusted): then its first
    /// heartbeats should have been heard, and missing ones count as lost.
    private func countsFromOne(_ received: ReceivedHeartbeat) -> Bool {
        guard let sequence = received.heartbeat.sequence, received.heartbeat.interval > 0 else { return false }
        let (sentBefore, overflow) = Int64(clamping: sequence - 1).multipliedReportingOverflow(
            by: received.heartbeat.interval)
        return !overflow && sentBefore <= received.at - configuration.startedAt
    }

    private func event(_ kind: MembershipEvent.Kind, _ received: ReceivedHeartbeat) -> MembershipEvent {
        MembershipEvent(
            kind, heartbeat: received.heartbeat, path: received.path, source: received.source, at: received.at)
    }

    private mutating func countOtherDomain(_ domain: String) {
        if otherDomains[domain] != nil || otherDomains.count < configuration.maxOtherDomains {
            otherDomains[domain, default: 0] += 1
        } else {
            otherDomainsOverflow += 1
        }
    }

    /// Makes room for one more member, forgetting the longest-silent member that is not alive when
    /// the table is full; false when every remembered member is alive.
    private mutating func makeRoom() -> Bool {
        guard members.count >= configuration.maxMembers else { return true }
        let gone = members.values.filter { $0.status != .alive }.min { $0.lastSeen < $1.lastSeen }
        guard let gone else { return false }
        members[gone.heartbeat.member] = nil
        return true
    }
}
