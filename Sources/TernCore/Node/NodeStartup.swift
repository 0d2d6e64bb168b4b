/// A node's start-up: it joins as `starting`, listens one discovery window, then asks the oldest
/// ready member for its state (or, with none, starts from its own snapshot), and only then becomes
/// `ready`. See docs/NODE.md, "Start-up".
///
/// Live replication that arrives before the store is complete is queued (during the window here,
/// during the transfer by the `BootstrapMachine`) and applied after. A source that fails (refused,
/// closed, "not ready") is followed by the next oldest; silence for `stateTimeout` ends the
/// attempts. Without the state the node goes on, or, with `requireState`, exits. A node asks only
/// ready members and answers state requests only once ready itself, so two nodes starting together
/// never wait for each other.
public struct NodeStartup: Sendable {
    /// Where start-up is.
    public enum Phase: Sendable, Hashable {
        /// Listening for members until the window ends.
        case discovering
        /// Receiving the state of a member.
        case transferring(StateSource)
        /// Ready: serving HTTP and state requests.
        case ready
        /// Stopped: the state was required and did not arrive.
        case failed
    }

    /// Milliseconds of listening before choosing a source.
    public let discoveryWindow: Int64
    /// Milliseconds of silence from a source after which its transfer times out.
    public let stateTimeout: Int64
    /// Whether a node that cannot get the state stops instead of going on.
    public let requireState: Bool
    /// The bound on live messages queued meanwhile.
    public let limits: ReplicationQueueLimits
    /// Where start-up is.
    public private(set) var phase = Phase.discovering

    private let discoveryEndsAt: UnixMillis
    private var bootstrap: BootstrapMachine?
    private var waiting: [ReplicationMessage] = []
    private var waitingBytes = 0
    private var remaining: [StateSource] = []

    /// A start-up that began at `now`.
    public init(
        now: UnixMillis, discoveryWindow: Int64, stateTimeout: Int64, requireState: Bool,
        limits: ReplicationQueueLimits
    ) {
        self.discoveryWindow = max(0, discoveryWindow)
        self.stateTimeout = max(0, stateTimeout)
        self.requireState = requireState
        self.limits = limits
        discoveryEndsAt = now &+ self.discoveryWindow
    }

    /// When the shell's timer should fire next: the end of the window, or the transfer's deadline.
    public var deadline: UnixMillis? {
        switch phase {
        case .discovering: discoveryEndsAt
        case .transferring: bootstrap?.deadline
        case .ready, .failed: nil
        }
    }

    /// Whether a state request may be served now; a starting node answers "not ready" at once.
    public var servesState: Bool { phase == .ready }

    /// How many live messages wait to be applied.
    public var queuedCount: Int { waiting.count + (bootstrap?.queuedCount ?? 0) }

    /// The timer fired at `now`; `sources` are the members that may serve state now, oldest first
    /// (`StateSource.candidates`), read only when the window ends.
    public mutating func onTimer(now: UnixMillis, sources: @autoclosure () -> [StateSource]) -> [NodeStartupAction] {
        switch phase {
        case .discovering:
            guard now >= discoveryEndsAt else { return [] }
            remaining = sources()
            guard !remaining.isEmpty else {
                phase = .ready
                let queued = takeWaiting()
                return [.loadSnapshot] + (queued.isEmpty ? [] : [.apply(queued)]) + [.becomeReady(nil)]
            }
            return requestNext(now: now, carrying: takeWaiting())
        case .transferring:
            guard var machine = bootstrap, let action = machine.onTimer(now: now) else { return [] }
            bootstrap = machine
            return handle(action, now: now)
        case .ready, .failed:
            return []
        }
    }

    /// A live replication message arrived: apply it now, or nothing (it is queued).
    public mutating func onLiveMessage(_ message: ReplicationMessage, now: UnixMillis) -> [NodeStartupAction] {
        switch phase {
        case .discovering:
            waiting.append(message)
            waitingBytes += message.estimatedBytes
            guard limits.areExceeded(messages: waiting.count, bytes: waitingBytes) else { return [] }
            // Too much arrived before a transfer could start: apply it rather than lose it.
            return [.apply(takeWaiting())]
        case .transferring:
            guard var machine = bootstrap else { return [.apply([message])] }
            let action = machine.onLiveMessage(message)
            bootstrap = machine
            return handle(action, now: now)
        case .ready, .failed:
            return [.apply([message])]
        }
    }

    /// `count` records of the transfer arrived at `now`; false when no transfer runs (don't apply them).
    public mutating func onRecords(_ count: Int, now: UnixMillis) -> Bool {
        guard case .transferring = phase, var machine = bootstrap else { return false }
        let accepted = machine.onRecords(count, now: now)
        bootstrap = machine
        return accepted
    }

    /// The transfer's end arrived at `now`, announcing `announcedCount` records.
    public mutating func onTransferEnd(announcedCount: Int, now: UnixMillis) -> [NodeStartupAction] {
        guard case .transferring = phase, var machine = bootstrap,
            let action = machine.onTransferEnd(announcedCount: announcedCount, now: now)
        else { return [] }
        bootstrap = machine
        return handle(action, now: now)
    }

    /// The shell applied the messages of the last `.applyQueued`.
    public mutating func onQueuedApplied(now: UnixMillis) -> [NodeStartupAction] {
        guard case .transferring = phase, var machine = bootstrap, let action = machine.onQueuedApplied() else {
            return []
        }
        bootstrap = machine
        return handle(action, now: now)
    }

    /// The shell saw the transfer fail at `now` (refused, closed, a nack such as "not ready").
    public mutating func onTransferFailed(_ reason: String, now: UnixMillis) -> [NodeStartupAction] {
        guard case .transferring = phase, var machine = bootstrap, let action = machine.onTransferFailed(reason)
        else { return [] }
        bootstrap = machine
        return handle(action, now: now)
    }

    // MARK: - Internals

    private mutating func takeWaiting() -> [ReplicationMessage] {
        defer {
            waiting = []
            waitingBytes = 0
        }
        return waiting
    }

    /// Asks the next source, handing it the live messages queued so far.
    private mutating func requestNext(now: UnixMillis, carrying queued: [ReplicationMessage]) -> [NodeStartupAction] {
        let source = remaining.removeFirst()
        var machine = BootstrapMachine(peer: source.endpoint, now: now, timeout: stateTimeout, limits: limits)
        phase = .transferring(source)
        for (index, message) in queued.enumerated() {
            if case .abandoned(let verdict, let held) = machine.onLiveMessage(message) {
                // The queue overflowed before the transfer began: go on without it.
                return giveUp(verdict, queued: held + queued[(index + 1)...], now: now)
            }
        }
        bootstrap = machine
        return [.requestState(source)]
    }

    private mutating func handle(_ action: BootstrapAction, now: UnixMillis) -> [NodeStartupAction] {
        switch action {
        case .hold:
            return []
        case .apply(let message):
            return [.apply([message])]
        case .applyQueued(let messages):
            return [.applyQueued(messages)]
        case .finished(let verdict):
            phase = .ready
            bootstrap = nil
            return [.loadSnapshot, .becomeReady(verdict)]
        case .abandoned(let verdict, let queued):
            return giveUp(verdict, queued: queued, now: now)
        }
    }

    /// A transfer ended without the state: the next source after a failure, else go on or stop.
    private mutating func giveUp(
        _ verdict: BootstrapVerdict, queued: [ReplicationMessage], now: UnixMillis
    ) -> [NodeStartupAction] {
        bootstrap = nil
        if case .failed(_, let failure) = verdict, case .transfer = failure, !remaining.isEmpty {
            return [.gaveUp(verdict)] + requestNext(now: now, carrying: queued)
        }
        guard !requireState else {
            phase = .failed
            return [.exit(verdict)]
        }
        phase = .ready
        return [.gaveUp(verdict), .loadSnapshot] + (queued.isEmpty ? [] : [.apply(queued)]) + [.becomeReady(verdict)]
    }
}
