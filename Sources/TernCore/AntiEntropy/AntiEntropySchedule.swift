/// When a node runs anti-entropy rounds, and with whom (docs/ANTI-ENTROPY.md, "When"): with a member
/// as soon as it is ready to answer after being away — it joined, came back from the dead, restarted,
/// or finished starting — and, every `interval`, with the next ready member in turn. One round at a
/// time; members due meanwhile wait their turn, each once.
///
/// Pure: fed with membership events, timer ticks and the end of each round; the shell starts the
/// rounds it returns and sets a timer for `deadline`.
public struct AntiEntropySchedule: Sendable {
    /// Why a round runs.
    public enum Reason: String, Sendable, Hashable {
        /// The member became ready to answer: it joined, came back, restarted or finished starting.
        case cameBack = "came-back"
        /// Its turn among the ready members came (`interval`).
        case periodic
    }

    /// Time between periodic rounds, in ms; 0 runs only the rounds of members coming back.
    public let interval: Int64
    /// The ready members that announce a replication endpoint, and where they are reached.
    public private(set) var members: [MemberID: Endpoint] = [:]
    /// The member of the round that runs now.
    public private(set) var running: MemberID?
    private var due: [(member: MemberID, reason: Reason)] = []
    private var active = false
    private var lastPeriodic: MemberID?
    private var nextPeriodic: UnixMillis?

    /// A schedule with rounds every `interval` ms (0: none but those of members coming back).
    public init(interval: Int64) {
        self.interval = max(0, interval)
    }

    /// When the shell's timer should fire next (the next periodic round); nil when none is due.
    public var deadline: UnixMillis? { active ? nextPeriodic : nil }

    /// This node is ready: rounds may run from now on (before, members are only noted).
    public mutating func onReady(now: UnixMillis) -> [AntiEntropyScheduleAction] {
        guard !active else { return [] }
        active = true
        if interval > 0 { nextPeriodic = now + interval }
        return startNext()
    }

    /// This node stops: no more rounds.
    public mutating func onStop() {
        active = false
        due = []
        nextPeriodic = nil
    }

    /// A membership event (Tomcat members take no part).
    public mutating func onEvent(_ event: MembershipEvent, isTomcat: Bool) -> [AntiEntropyScheduleAction] {
        let member = event.member
        let heartbeat = event.heartbeat
        let wasAnswering = members[member]
        guard !isTomcat else { return [] }
        switch event.kind {
        case .joined, .changed, .restarted:
            guard heartbeat.state == .ready,
                let endpoint = NodePeers.reachable(heartbeat.endpoint, source: event.source)
            else {
                forget(member)
                return []
            }
            members[member] = endpoint
            // A member heard again after it was away, or whose endpoint changed, may hold writes
            // this node missed (and miss this node's).
            if wasAnswering == endpoint { return [] }
            return enqueue(member, reason: .cameBack)
        case .left, .dead:
            forget(member)
            return []
        }
    }

    /// The periodic timer fired at `now`: the next ready member in turn (by member id) gets a round.
    public mutating func onTimer(now: UnixMillis) -> [AntiEntropyScheduleAction] {
        guard active, interval > 0, let next = nextPeriodic, now >= next else { return [] }
        nextPeriodic = now + interval
        let order = members.keys.sorted()
        guard !order.isEmpty else { return [] }
        let member = lastPeriodic.flatMap { last in order.first { $0 > last } } ?? order[0]
        lastPeriodic = member
        return enqueue(member, reason: .periodic)
    }

    /// The round with `member` ended (whatever its outcome): the next one due starts.
    public mutating func onRoundEnded(_ member: MemberID) -> [AntiEntropyScheduleAction] {
        guard running == member else { return [] }
        running = nil
        return startNext()
    }

    private mutating func enqueue(_ member: MemberID, reason: Reason) -> [AntiEntropyScheduleAction] {
        if running != member && !due.contains(where: { $0.member == member }) { due.append((member, reason)) }
        return startNext()
    }

    private mutating func forget(_ member: MemberID) {
        members[member] = nil
        due.removeAll { $0.member == member }
    }

    private mutating func startNext() -> [AntiEntropyScheduleAction] {
        guard active, running == nil else { return [] }
        while !due.isEmpty {
            let (member, reason) = due.removeFirst()
            guard let endpoint = members[member] else { continue }
            running = member
            return [.startRound(member, endpoint: endpoint, reason: reason)]
        }
        return []
    }
}

/// What the shell must do for `AntiEntropySchedule`.
public enum AntiEntropyScheduleAction: Sendable, Hashable {
    /// Run a round with `member` at `endpoint`, then call `onRoundEnded`.
    case startRound(MemberID, endpoint: Endpoint, reason: AntiEntropySchedule.Reason)
}
