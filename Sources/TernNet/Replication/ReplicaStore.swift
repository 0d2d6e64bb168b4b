import Logging
import NIOCore
import TernCore
import TernWire

/// A receiver's session store and its one owner: every read and change of the store happens on
/// `loop`, in the order batches arrive. Connections hand it their frames a batch at a time and get
/// back what to send; subscribers get what changed; a recorder gets the raw message stream.
///
/// While a start-up state transfer runs (`beginBootstrap`), live messages are held by the core
/// `BootstrapMachine` and applied after the transfer's records (ReplicaStore+Bootstrap.swift).
public final class ReplicaStore: @unchecked Sendable {
    /// The event loop that owns the store.
    public let loop: EventLoop
    /// The receiver's configuration.
    public let configuration: ReceiverConfiguration

    /// What replication is applied to and state served from; store loop only.
    public let storage: any ReplicaStorage
    private let gated: Bool
    var bootstrap: BootstrapMachine?
    var bootstrapTimer: Scheduled<Void>?
    var bootstrapPromise: EventLoopPromise<BootstrapVerdict>?
    /// Where the answers of held messages go, one entry per message the machine holds, in its order.
    var held: [HeldMessage] = []
    var subscribers: [ObjectIdentifier: ReceiverConnection] = [:]
    let recorder: StreamRecorder?
    let events: ReceiverEventSink?
    var logger: Logger
    var pendingEvents: [ReceiverEvent] = []
    /// Connections refused for want of a proven cluster key, since start; store loop only.
    public var authenticationRefusals: Int { refusalReport.total }
    /// The refusals, and when the next may be reported.
    var refusalReport = ThrottledReport(interval: ReplicaStore.refusalReportInterval)
    /// Hits of the bounds of docs/LIMITS.md that this store saw, since start; store loop only.
    public internal(set) var limitHits = LimitHits(interval: ReplicaStore.refusalReportInterval)
    /// Connections refused or closed by each connection bound, and when each may next be reported
    /// (ReplicaStore+ConnectionBounds.swift); store loop only.
    var connectionBoundReports: [ConnectionBound: ThrottledReport] = [:]
    var changed: [ReplicationMessage] = []

    /// Creates a store owned by `loop` over `storage` (an empty `SessionStore` by default).
    public init(
        loop: EventLoop, configuration: ReceiverConfiguration, events: ReceiverEventSink?,
        recorder: StreamRecorder? = nil, storage: any ReplicaStorage = SessionStoreStorage(), logger: Logger
    ) {
        self.loop = loop
        self.storage = storage
        gated = storage.gatesLiveMessages
        self.configuration = configuration
        self.events = events
        self.recorder = recorder
        self.logger = logger
        MallocTuning.apply()
    }

    /// Applies records read from a snapshot (`--load`), as put and expire messages would be.
    public func load(_ records: [StoreRecord]) -> EventLoopFuture<Void> {
        loop.submit {
            for record in records { self.storage.apply(record) }
        }
    }

    /// The store's records and version vector now.
    public func cut() -> EventLoopFuture<StoreCut> {
        loop.submit { self.storage.cut() }
    }

    /// How many records (sessions and tombstones) the store holds.
    public func count() -> EventLoopFuture<Int> {
        loop.submit { self.storage.count }
    }

    /// Whether state requests may be answered now: no start-up transfer runs, and the storage serves.
    var isReady: Bool {
        !bootstrapHolds && storage.servesState
    }

    /// Whether a start-up transfer (`beginBootstrap`) runs and holds live messages.
    var bootstrapHolds: Bool {
        guard let bootstrap else { return false }
        switch bootstrap.state {
        case .transferring, .applyingQueued: return true
        case .live, .timedOut, .failed: return false
        }
    }

    /// Processes one batch of frames from `connection`, in order; returns what to send back.
    /// Store loop only.
    func process(_ frames: [Frame], from connection: ReceiverConnection) -> [ReceiverReply] {
        loop.preconditionInEventLoop()
        var replies: [ReceiverReply] = []
        for frame in frames {
            switch frame.body {
            case .message(let message):
                recorder?.record(message)
                let requested = frame.flags.contains(.ackRequested)
                if let reply = receive(message, sequence: frame.sequence, requested: requested, from: connection) {
                    replies.append(.frame(reply))
                }
            case .ping(let nonce):
                replies.append(.frame(.pong(nonce: nonce)))
            case .stateRequest(let request):
                if let refusal = refusal(sequence: frame.sequence) {
                    replies.append(.frame(refusal))
                } else {
                    replies.append(.serveState(storage.cut(), request))
                }
            case .subscribe(let contexts):
                if let refusal = refusal(sequence: frame.sequence) {
                    replies.append(.frame(refusal))
                } else {
                    connection.subscription = contexts
                    subscribers[ObjectIdentifier(connection)] = connection
                    logger.info(
                        "subscriber connected",
                        metadata: ["peer": "\(connection.peer)", "contexts": "\(contexts.joined(separator: ","))"])
                    replies.append(.frame(.ack(sequence: frame.sequence)))
                }
            case .ack, .pong:
                break
            case .nack(let sequence, let reason, let detail):
                logger.notice(
                    "peer refused a frame",
                    metadata: [
                        "peer": "\(connection.peer)", "sequence": "\(sequence)",
                        "reason": "\(reason)", "detail": "\(detail)",
                    ])
            case .digest(let digests):
                replies += answer(digests, sequence: frame.sequence, from: connection)
            case .recordRequest(let keys):
                replies += answer(keys, sequence: frame.sequence)
            case .digestDifference, .digestEntries:
                replies.append(
                    .frame(.nack(sequence: frame.sequence, reason: .unsupported, detail: "a receiver takes no digest answers")))
            case .stateBegin, .stateChunk, .stateEnd:
                replies.append(
                    .frame(
                        .nack(
                            sequence: frame.sequence, reason: .unsupported, detail: "a receiver takes no state chunks"))
                )
            }
        }
        flushObservers()
        return replies
    }

    /// A nack for a state request, subscription or anti-entropy frame that cannot be served now; nil
    /// when it can.
    func refusal(sequence: UInt64) -> FrameBody? {
        guard configuration.servesState else {
            return .nack(
                sequence: sequence, reason: .notServing, detail: "this receiver does not serve state (--serve-state)")
        }
        guard isReady else {
            return .nack(sequence: sequence, reason: .notReady, detail: "this receiver is still loading its state")
        }
        return nil
    }

    /// Applies (or, during a bootstrap, holds) one live message; returns the answer to send now.
    private func receive(
        _ message: ReplicationMessage, sequence: UInt64, requested: Bool, from connection: ReceiverConnection
    ) -> FrameBody? {
        if let ahead = clockAhead(message) {
            logger.warning(
                "refused a \(message.kindName) whose version is \(ahead) ms ahead of this clock",
                metadata: [
                    "peer": "\(connection.peer)", "keys": "\(message.keys.map(\.description).joined(separator: ","))",
                ])
            return .nack(
                sequence: sequence, reason: .clockAhead,
                detail:
                    "version \(ahead) ms ahead of the receiver's clock (limit \(configuration.maxClockDrift ?? 0) ms)")
        }
        guard bootstrapHolds, var machine = bootstrap else {
            if gated {
                return admit(message, sequence: sequence, requested: requested, from: connection)
            }
            return apply(message, peer: connection.peer).answer(sequence: sequence, requested: requested)
        }
        let action = machine.onLiveMessage(message)
        bootstrap = machine
        if case .apply(let message) = action {
            return apply(message, peer: connection.peer).answer(sequence: sequence, requested: requested)
        }
        // Whole messages are acknowledged as soon as they are held: they will be applied whatever
        // the transfer brings. Deltas and id changes are answered once applied (they may need the
        // whole session).
        let answerLater = message.dependsOnBase
        held.append(
            HeldMessage(connection: connection, sequence: sequence, requested: requested, answerLater: answerLater))
        if case .abandoned(let verdict, let queued) = action {
            finishBootstrap(verdict, queued: queued)
        }
        return requested && !answerLater ? .ack(sequence: sequence) : nil
    }

    /// How far `message`'s newest version is ahead of the wall clock, when that is beyond the limit.
    private func clockAhead(_ message: ReplicationMessage) -> Int64? {
        guard let limit = configuration.maxClockDrift, let version = message.newestVersion else { return nil }
        let ahead = Int64(clamping: version.physical) - configuration.wallClock()
        return ahead > limit ? ahead : nil
    }

    /// Applies `message` to the store, noting it for events and subscribers.
    @discardableResult
    func apply(_ message: ReplicationMessage, peer: String) -> ReplicationOutcome {
        let outcome = storage.apply(message)
        if case .rejected(let rejection) = outcome, case .sessionLimit = rejection {
            limitHit(.sessions, detail: rejection.description, peer: peer)
        }
        if let events, events.wantsMessages {
            pendingEvents.append(.message(message, outcome: outcome, peer: peer))
        }
        if !subscribers.isEmpty && outcome.changedStore {
            changed.append(message)
        }
        return outcome
    }

    /// Hands the events of a batch to the sink and the changes to subscribers.
    func flushObservers() {
        recorder?.flush()
        if !pendingEvents.isEmpty {
            events?.receive(pendingEvents)
            pendingEvents.removeAll(keepingCapacity: true)
        }
        guard !changed.isEmpty else { return }
        for subscriber in subscribers.values {
            guard let contexts = subscriber.subscription else { continue }
            let wanted = changed.filter { ReceiverConnection.wants(contexts, $0) }
            subscriber.deliver(wanted.map { .frame(.message($0)) })
        }
        changed.removeAll(keepingCapacity: true)
    }

    /// Forgets a closed connection's subscription.
    func connectionClosed(_ connection: ReceiverConnection) {
        loop.execute {
            if self.subscribers.removeValue(forKey: ObjectIdentifier(connection)) != nil {
                self.logger.info("subscriber disconnected", metadata: ["peer": "\(connection.peer)"])
            }
        }
    }
}

/// Where the answer to a message held during a bootstrap goes.
struct HeldMessage {
    /// The connection it came on.
    var connection: ReceiverConnection
    /// Its frame's sequence number.
    var sequence: UInt64
    /// Whether the sender asked for an ack.
    var requested: Bool
    /// Whether the answer waits until the message is applied.
    var answerLater: Bool
}

extension ReplicationMessage {
    /// Whether applying needs a particular held version (a delta or an id change).
    var dependsOnBase: Bool {
        switch self {
        case .delta, .changeID: true
        case .put, .touch, .expire: false
        }
    }
}
