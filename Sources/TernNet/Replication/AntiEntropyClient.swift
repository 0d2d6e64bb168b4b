import Logging
import NIOCore
import TernCore
import TernSnapshot
import TernWire

/// Runs one anti-entropy round with a peer (docs/ANTI-ENTROPY.md) for the store of a `ReplicaStore`,
/// on that store's loop: a shell around the core's `AntiEntropyRound`. It connects to the peer's
/// replication port, sends the store's digest, and carries out what the machine decides: reads
/// this store's entries in the differing buckets, pushes records as put and expire frames (then a
/// ping, whose pong says they are applied), fetches records by key a batch at a time and applies
/// them by newest-wins, or transfers the state of the differing contexts when they differ too much.
///
/// The result never fails: a round that went wrong reports `.failed` with a reason naming the peer.
/// Used on its store's loop only.
final class AntiEntropyClient: PeerConnectionDelegate, @unchecked Sendable {
    private let peer: Endpoint
    private let store: ReplicaStore
    private let identity: ReplicationIdentity
    private let limits: FrameLimits
    private let connectTimeout: Int64
    private let logger: Logger
    private var round: AntiEntropyRound
    private var connection: PeerConnection?
    private var transfer: StateTransferClient?
    private var digestSequence: UInt64?
    private var requestSequence: UInt64?
    /// The keys still to push, while a push runs.
    private var pushing: ArraySlice<SessionKey>?
    private var pingNonce: UInt64?
    private var refused = 0
    private var timer: Scheduled<Void>?
    private let promise: EventLoopPromise<AntiEntropyReport>
    private var keepAlive: AntiEntropyClient?

    /// Starts a round with `peer` for `store`, on the store's loop (the current one).
    static func run(
        with peer: Endpoint, store: ReplicaStore, identity: ReplicationIdentity, limits: FrameLimits,
        antiEntropy: AntiEntropyLimits, connectTimeout: Int64, logger: Logger
    ) -> (client: AntiEntropyClient, report: EventLoopFuture<AntiEntropyReport>) {
        store.loop.preconditionInEventLoop()
        let client = AntiEntropyClient(
            peer: peer, store: store, identity: identity, limits: limits, antiEntropy: antiEntropy,
            connectTimeout: connectTimeout, logger: logger)
        client.keepAlive = client
        client.connection = PeerConnection.connect(
            to: peer, identity: identity, limits: limits, timeout: connectTimeout, on: store.loop, delegate: client)
        client.armTimer()
        return (client, client.promise.futureResult)
    }

    private init(
        peer: Endpoint, store: ReplicaStore, identity: ReplicationIdentity, limits: FrameLimits,
        antiEntropy: AntiEntropyLimits, connectTimeout: Int64, logger: Logger
    ) {
        self.peer = peer
        self.store = store
        self.identity = identity
        self.limits = limits
        self.connectTimeout = connectTimeout
        self.logger = logger
        round = AntiEntropyRound(limits: antiEntropy, now: store.loop.millis)
        promise = store.loop.makePromise()
    }

    /// Ends the round now (a node that stops); it reports `.failed`.
    func cancel(_ reason: String) {
        perform(round.onFailure(reason))
    }

    private var now: UnixMillis { store.loop.millis }

    // MARK: - Carrying out the machine's actions

    private func perform(_ actions: [AntiEntropyAction]) {
        for action in actions {
            switch action {
            case .sendDigest(let digests):
                digestSequence = send(.digest(digests), what: "the digest")
            case .collectLocalEntries(let buckets):
                let local = store.storage.sessionStore.digestEntries(in: buckets, limit: round.limits.maxEntries)
                perform(round.onLocalEntries(local, now: now, wallTime: store.configuration.wallClock()))
                return
            case .push(let keys):
                pushing = keys[...]
                pump()
            case .request(let keys):
                requestSequence = send(.recordRequest(keys), what: "a record request")
            case .transferState(let contexts):
                startTransfer(contexts)
            case .finish(var report):
                finish(&report)
                return
            }
        }
        armTimer()
    }

    /// Encodes and sends `body`; returns its sequence, or fails the round when it cannot be encoded.
    private func send(_ body: FrameBody, what: String) -> UInt64? {
        guard let connection else { return nil }
        var buffer = connection.makeBuffer(capacity: 256)
        do {
            let sequence = try connection.encode(body, into: &buffer)
            connection.writeAndFlush(buffer)
            return sequence
        } catch {
            perform(round.onFailure("cannot send \(what): \(error)"))
            return nil
        }
    }

    /// Writes pushed records while the connection takes them, then the ping that confirms them.
    private func pump() {
        guard let connection, var keys = pushing else { return }
        let sessions = store.storage.sessionStore
        var buffer = connection.makeBuffer(capacity: 64 * 1024)
        var written = 0
        while let key = keys.first, connection.isWritable || written == 0, written < round.limits.pushBatch {
            keys.removeFirst()
            guard let record = sessions[key] else { continue }
            let message: ReplicationMessage =
                switch record {
                case .session(let session): .put(session)
                case .tombstone(let tombstone): .expire(tombstone)
                }
            do {
                try connection.encode(.message(message), into: &buffer)
                written += 1
            } catch {
                logger.warning("anti-entropy: cannot push \(key): \(error)")
            }
        }
        if keys.isEmpty {
            let nonce = UInt64.random(in: 1...UInt64.max)
            pingNonce = nonce
            _ = try? connection.encode(.ping(nonce: nonce), into: &buffer)
            pushing = nil
        } else {
            pushing = keys
        }
        connection.writeAndFlush(buffer)
        if pushing != nil && connection.isWritable {
            store.loop.execute { self.pump() }
        }
    }

    private func startTransfer(_ contexts: [String]) {
        closeConnection()
        let sink = AntiEntropyTransferSink { [weak self] records in self?.applyTransferred(records) }
        let (client, result) = StateTransferClient.run(
            from: peer, request: StateRequest(contexts: contexts), identity: identity, limits: limits,
            timeout: round.limits.silenceTimeout, on: store.loop, sink: sink)
        transfer = client
        result.whenComplete { outcome in
            self.transfer = nil
            switch outcome {
            case .success: self.perform(self.round.onTransferEnded(failure: nil, now: self.now))
            case .failure(let error):
                let reason = (error as? ReplicationPeerError)?.reason ?? "\(error)"
                self.perform(self.round.onTransferEnded(failure: "state transfer: \(reason)", now: self.now))
            }
        }
    }

    private func applyTransferred(_ records: [StoreRecord]) {
        for record in records { store.storage.apply(record) }
        round.onRecords(records.count, now: now)
    }

    private func finish(_ report: inout AntiEntropyReport) {
        timer?.cancel()
        timer = nil
        closeConnection()
        transfer?.cancel(TransferAbandoned())
        transfer = nil
        if case .failed(let reason) = report.outcome { report.outcome = .failed("peer \(peer): \(reason)") }
        if refused > 0 {
            logger.warning("anti-entropy: \(peer) refused \(refused) pushed records")
        }
        promise.succeed(report)
        keepAlive = nil
    }

    /// Closes the round's connection; its close is not a failure (it is forgotten first, since
    /// `peerClosed` may come before `close()` returns).
    private func closeConnection() {
        let closing = connection
        connection = nil
        closing?.close()
    }

    private func armTimer() {
        timer?.cancel()
        timer = nil
        guard let deadline = round.deadline else { return }
        timer = store.loop.schedule(atMillis: deadline) { [weak self] in
            guard let self else { return }
            self.timer = nil
            self.perform(self.round.onTimer(now: self.now))
        }
    }

    // MARK: - PeerConnectionDelegate

    func peerReady(_ connection: PeerConnection, preface: ConnectionPreface) {
        perform(round.onConnected(digests: store.storage.sessionStore.digest.contextDigests(), now: now))
    }

    func peerFrame(_ connection: PeerConnection, _ frame: Frame) {
        switch frame.body {
        case .digestDifference(let request, let difference) where request == digestSequence:
            perform(round.onDifference(difference, now: now))
        case .digestEntries(let entries):
            perform(round.onEntries(entries, now: now))
        case .stateChunk(let records):
            for record in records { store.storage.apply(record) }
            round.onRecords(records.count, now: now)
        case .ack(let sequence) where sequence == requestSequence:
            requestSequence = nil
            perform(round.onRequestAnswered(now: now))
        case .pong(let nonce) where nonce == pingNonce:
            perform(round.onPushConfirmed(now: now))
        case .nack(let sequence, let reason, let detail) where sequence == digestSequence || sequence == requestSequence:
            perform(round.onFailure("refused anti-entropy: \(reason.text(detail: detail))"))
        case .nack(_, let reason, let detail):
            refused += 1
            logger.debug("anti-entropy: \(peer) refused a pushed record: \(reason.text(detail: detail))")
        default:
            break
        }
    }

    func peerReadComplete(_ connection: PeerConnection) {}

    func peerWritable(_ connection: PeerConnection) {
        pump()
    }

    func peerClosed(_ connection: PeerConnection, error: ReplicationPeerError?) {
        guard self.connection === connection else { return }
        self.connection = nil
        perform(round.onFailure(error?.reason ?? "closed the connection"))
    }
}

/// Applies a fallback state transfer's records as they arrive.
private final class AntiEntropyTransferSink: StateTransferSink {
    private let apply: ([StoreRecord]) -> Void

    init(apply: @escaping ([StoreRecord]) -> Void) {
        self.apply = apply
    }

    func begin(_ header: SnapshotHeader) throws {}

    func receive(_ records: [StoreRecord], framed: ByteBuffer) throws {
        apply(records)
    }
}
