/// This member's own heartbeats: numbers them, says when the next one is due, and turns a clean
/// shutdown into three `leaving` heartbeats.
///
/// Pure: the shell sends what it returns and calls `onTimer` at `nextSend`.
public struct HeartbeatAnnouncer: Sendable {
    /// How many `leaving` heartbeats a clean shutdown sends.
    public static let leavingCopies = 3
    /// Milliseconds between the `leaving` copies.
    public static let leavingSpacing: Int64 = 10

    /// The next heartbeat to send, but for its sequence number.
    public private(set) var template: Heartbeat
    /// The sequence number of the last heartbeat produced (0 before the first).
    public private(set) var sequence: UInt64 = 0
    /// When the next heartbeat is due; nil before `onStart` and after `onLeave`.
    public private(set) var nextSend: UnixMillis?

    /// An announcer of `template` (its sequence is ignored: the first heartbeat is number 1).
    public init(_ template: Heartbeat) {
        self.template = template
    }

    /// The first heartbeat, due now; the next is due one interval later.
    public mutating func onStart(at now: UnixMillis) -> Heartbeat {
        nextSend = now + max(template.interval, 1)
        return next()
    }

    /// The heartbeat due at `now`, or nil if none is (too early, not started, or leaving). The
    /// schedule keeps its phase: a late timer does not push later heartbeats back, and slots missed
    /// altogether (a suspended process) are skipped rather than sent in a burst.
    public mutating func onTimer(at now: UnixMillis) -> Heartbeat? {
        guard let due = nextSend, now >= due else { return nil }
        let interval = max(template.interval, 1)
        let missed = (now - due) / interval
        nextSend = due + (missed + 1) * interval
        return next()
    }

    /// Changes the announced state (say, starting → ready) from the next heartbeat on.
    public mutating func update(state: MemberState) {
        template.state = state
    }

    /// Changes the announced state at `now` (starting → ready, say): returns a heartbeat to send at
    /// once so peers learn it without waiting an interval, nil when nothing is announced (not
    /// started, leaving, or the state is unchanged). The schedule keeps its phase.
    public mutating func onStateChange(_ state: MemberState, at now: UnixMillis) -> Heartbeat? {
        guard template.state != state, template.state != .leaving else { return nil }
        template.state = state
        guard nextSend != nil else { return nil }
        return next()
    }

    /// Changes the advertised endpoint from the next heartbeat on.
    public mutating func update(endpoint: Endpoint?) {
        template.endpoint = endpoint
    }

    /// Stops the schedule and returns the `leaving` heartbeats with the instants to send them at:
    /// `leavingCopies` of them, `leavingSpacing` apart, the first at `now`.
    public mutating func onLeave(at now: UnixMillis) -> [(heartbeat: Heartbeat, at: UnixMillis)] {
        nextSend = nil
        template.state = .leaving
        return (0..<Self.leavingCopies).map { copy in (next(), now + Int64(copy) * Self.leavingSpacing) }
    }

    private mutating func next() -> Heartbeat {
        sequence += 1
        var heartbeat = template
        heartbeat.sequence = sequence
        return heartbeat
    }
}
