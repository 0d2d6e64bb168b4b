import DequeModule
import Logging
import NIOCore
import TernCore
import TernWire

/// Replicates messages to one peer in sync, pooled or async mode (`SenderConfiguration`), on one
/// event loop: a shell around the core's `AckWindow` (sync and pooled), `AsyncReplicationQueue`
/// (async) and `Backoff` (reconnection).
///
/// Messages whose connection is lost before they are answered are sent again on the next one
/// (applying is idempotent, so a duplicate is harmless), up to `maxAttempts` times. When no
/// connection can be made for `retryFor`, waiting messages are given up. Every message ends either
/// acknowledged or in `report.failures` with a reason naming the peer.
///
/// Use: `start()`, then `submit(_:)` batches (it waits while too many are pending), then `finish()`.
public final class ReplicationSender: @unchecked Sendable {
    /// The peer.
    public let peer: Endpoint
    /// How messages are delivered.
    public let configuration: SenderConfiguration
    /// The event loop everything runs on.
    public let loop: EventLoop
    let identity: ReplicationIdentity
    let limits: FrameLimits
    var logger: Logger

    // Everything below is used on `loop` only.
    var pending = Deque<Outgoing>()
    var queue: AsyncReplicationQueue
    var slots: [SenderSlot] = []
    var report = SenderReport()
    var random = SystemRandomNumberGenerator()
    private var roomWaiters: [CheckedContinuation<Void, Never>] = []
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private var startWaiter: CheckedContinuation<Void, Error>?
    private var everReady = false
    private var unavailableSince: UnixMillis?
    private var giveUpTimer: Scheduled<Void>?
    private(set) var lastError: ReplicationPeerError?
    private(set) var stopped = false
    /// Called on the loop with each key a peer could not apply without the whole session (a delta
    /// or id change whose base it lacks); the owner sends the session again. Set before `open()`.
    public var onNeedsFullSession: (@Sendable (SessionKey) -> Void)?

    /// Creates a sender; nothing happens before `start()`.
    public init(
        peer: Endpoint, identity: ReplicationIdentity, configuration: SenderConfiguration,
        limits: FrameLimits = .default,
        loop: EventLoop, logger: Logger
    ) {
        self.peer = peer
        self.identity = identity
        self.configuration = configuration
        self.limits = limits
        self.loop = loop
        var logger = logger
        logger[metadataKey: "peer"] = "\(peer)"
        self.logger = logger
        queue = AsyncReplicationQueue(limits: configuration.queueLimits)
        MallocTuning.apply()
    }

    /// Opens the connections. With `failFast`, waits for the first one and throws its error when it
    /// fails (refused, timed out, another domain).
    public func start() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            loop.execute {
                if self.configuration.failFast { self.startWaiter = continuation }
                for index in 0..<self.configuration.connections {
                    let slot = SenderSlot(sender: self, index: index)
                    self.slots.append(slot)
                    slot.connect()
                }
                if !self.configuration.failFast { continuation.resume() }
            }
        }
    }

    /// Hands `messages` to the sender; returns once fewer than `maxPending` messages wait.
    public func submit(_ messages: [ReplicationMessage]) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            loop.execute {
                self.enqueue(messages)
                if self.hasRoom { continuation.resume() } else { self.roomWaiters.append(continuation) }
            }
        }
    }

    /// Waits until every message submitted is acknowledged or given up, closes the connections, and
    /// returns the report.
    public func finish() async -> SenderReport {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            loop.execute {
                self.pumpAll()
                if self.isIdle { continuation.resume() } else { self.idleWaiters.append(continuation) }
            }
        }
        return await stop()
    }

    /// Closes the connections now; messages not yet acknowledged are reported as failures.
    public func stop() async -> SenderReport {
        let promise = loop.makePromise(of: SenderReport.self)
        loop.execute {
            self.stopped = true
            self.giveUpTimer?.cancel()
            for slot in self.slots { slot.shutDown() }
            self.failWaiting(reason: "the sender stopped before it was acknowledged")
            self.resumeWaiters()
            promise.succeed(self.report)
        }
        return try! await promise.futureResult.get()
    }

    // MARK: - Queueing

    func enqueue(_ messages: [ReplicationMessage], done: (@Sendable (SubmissionOutcome) -> Void)? = nil) {
        report.submitted += messages.count
        if stopped || isGivenUp {
            let reason = lastError?.description ?? "the sender stopped"
            for message in messages { fail(Outgoing(message: message, done: done), reason: reason) }
            return
        }
        switch configuration.mode {
        case .sync, .pooled:
            for message in messages { pending.append(Outgoing(message: message, done: done)) }
        case .async:
            let overflows = queue.counters.overflows
            for message in messages {
                switch queue.onEnqueue(message) {
                case .queued: done?(.queued)
                case .coalesced:
                    report.coalesced += 1
                    done?(.queued)
                case .resyncNeeded, .dropped: done?(.failed("the queue for \(peer) overflowed"))
                }
            }
            if queue.needsResync {
                report.dropped = queue.counters.dropped
            }
            if queue.counters.overflows > overflows {
                // Once per overflow, not per batch dropped while the resync waits: a queue cannot
                // overflow again before its resync has started.
                logger.error(
                    "async queue overflowed; the peer needs a resync",
                    metadata: [
                        "limit": "queue", "maxMessages": "\(configuration.queueLimits.maxMessages)",
                        "maxBytes": "\(configuration.queueLimits.maxBytes)",
                    ])
            }
        }
        pumpAll()
    }

    /// Messages waiting to be sent.
    var waitingCount: Int { pending.count + queue.count }

    /// Whether `submit` may return: few enough messages wait, and (async) the queue is far from
    /// its byte bound, so a bulk load never overflows it.
    private var hasRoom: Bool {
        waitingCount < configuration.maxPending && queue.bytes < configuration.queueLimits.maxBytes / 2
    }

    private var isIdle: Bool {
        waitingCount == 0 && slots.allSatisfy { $0.outstanding == 0 }
    }

    /// Whether the peer has been unreachable for longer than `retryFor` (new messages fail at once).
    private var isGivenUp: Bool {
        guard let unavailableSince else { return false }
        return loop.millis - unavailableSince >= configuration.retryFor && everReady
    }

    /// Sends what the windows allow on every ready connection.
    func pumpAll() {
        for slot in slots { slot.pump() }
        resumeWaiters()
    }

    /// Wakes `submit` and `finish` callers whose condition holds.
    func resumeWaiters() {
        if hasRoom || stopped {
            let waiters = roomWaiters
            roomWaiters = []
            for waiter in waiters { waiter.resume() }
        }
        if isIdle || stopped {
            let waiters = idleWaiters
            idleWaiters = []
            for waiter in waiters { waiter.resume() }
        }
    }

    /// The next message to send: a resend first, then new ones.
    func nextOutgoing() -> Outgoing? {
        if let first = pending.popFirst() { return first }
        guard configuration.mode == .async, let message = queue.nextMessage() else { return nil }
        return Outgoing(message: message)
    }

    /// Puts messages whose connection was lost back at the front, oldest first; gives up those sent
    /// too often.
    func requeue(_ lost: [Outgoing], reason: String) {
        for var outgoing in lost.reversed() {
            outgoing.attempts += 1
            if outgoing.attempts >= configuration.maxAttempts {
                fail(outgoing, reason: "not acknowledged after \(outgoing.attempts) attempts (\(reason))")
            } else {
                pending.prepend(outgoing)
            }
        }
    }

    /// Gives up every message waiting to be sent.
    private func failWaiting(reason: String) {
        while let outgoing = nextOutgoing() { fail(outgoing, reason: reason) }
        for slot in slots {
            for lost in slot.takeOutstanding() { fail(lost, reason: reason) }
        }
    }

    // MARK: - Connection events (from slots)

    func slotReady(_ slot: SenderSlot) {
        report.connections += 1
        everReady = true
        unavailableSince = nil
        giveUpTimer?.cancel()
        giveUpTimer = nil
        if let startWaiter {
            self.startWaiter = nil
            startWaiter.resume()
        }
        pumpAll()
    }

    func slotLost(_ slot: SenderSlot, error: ReplicationPeerError?) {
        if let error { lastError = error }
        if !everReady, let startWaiter, let error {
            // The very first connection failed: the caller hears it instead of a retry.
            self.startWaiter = nil
            stopped = true
            for other in slots { other.shutDown() }
            startWaiter.resume(throwing: error)
            return
        }
        guard !stopped else { return }
        if slots.allSatisfy({ !$0.isReady }) && unavailableSince == nil {
            unavailableSince = loop.millis
            giveUpTimer = loop.scheduleTask(in: .milliseconds(configuration.retryFor)) { self.giveUpIfStillDown() }
        }
        pumpAll()
    }

    private func giveUpIfStillDown() {
        giveUpTimer = nil
        guard slots.allSatisfy({ !$0.isReady }), !stopped else { return }
        let reason = (lastError ?? ReplicationPeerError(.unavailable, peer: peer, "unreachable")).description
        logger.error(
            "peer unreachable for \(configuration.retryFor) ms; giving up the messages waiting for it",
            metadata: ["waiting": "\(waitingCount)", "last-error": "\(reason)"])
        report.gaveUp = lastError ?? ReplicationPeerError(.unavailable, peer: peer, "unreachable")
        failWaiting(reason: reason)
        // A peer never reached: new messages wait again (isGivenUp needs a connection once), so the
        // next failed attempt must arm the timer again, or what is submitted from now on waits forever.
        if !everReady { unavailableSince = nil }
        resumeWaiters()
    }
}

/// A message on its way, and how often it has been sent.
struct Outgoing {
    /// The message.
    var message: ReplicationMessage
    /// Sends so far that ended with the connection lost.
    var attempts = 0
    /// Told once what became of the message (sync and pooled submissions with a callback).
    var done: (@Sendable (SubmissionOutcome) -> Void)?

    init(message: ReplicationMessage, done: (@Sendable (SubmissionOutcome) -> Void)? = nil) {
        self.message = message
        self.done = done
    }
}
