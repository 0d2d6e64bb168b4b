import DequeModule
import Logging
import NIOCore
import TernCore
import TernWire

/// One connection of a `ReplicationSender`: connects (and reconnects with backoff), sends what its
/// window allows, matches answers to frames, and times out a peer that stops answering.
///
/// Sync and pooled frames ask for an ack and sit in an `AckWindow` until answered. Async frames ask
/// for nothing; after every `barrierInterval` frames, and whenever the queue runs dry, a ping goes
/// out, and its pong confirms every frame sent before it (the receiver answers in order; it nacks
/// what it could not apply).
final class SenderSlot: PeerConnectionDelegate {
    private unowned let sender: ReplicationSender
    let index: Int
    private var connection: PeerConnection?
    private(set) var isReady = false
    private var backoff: Backoff
    private var reconnectTimer: Scheduled<Void>?
    private var ackTimer: Scheduled<Void>?
    private var window: AckWindow<InFlight>
    private var unconfirmed = Deque<(sequence: UInt64, outgoing: Outgoing)>()
    private var barriers = Deque<(sequence: UInt64, sentAt: UnixMillis)>()
    private var sinceBarrier = 0
    private var shutdown = false
    /// The last connection failure logged as a warning; cleared once a connection is ready.
    private var lastLoggedError: ReplicationPeerError?
    private var mode: ReplicationMode { sender.configuration.mode }

    /// What an ack-requesting frame carries while it waits.
    struct InFlight {
        var outgoing: Outgoing
        var sentNanos: UInt64
    }

    init(sender: ReplicationSender, index: Int) {
        self.sender = sender
        self.index = index
        backoff = sender.configuration.backoff
        window = AckWindow(maxInFlight: sender.configuration.window, timeout: sender.configuration.ackTimeout)
    }

    /// Frames sent and not yet answered (or confirmed).
    var outstanding: Int { window.inFlight + unconfirmed.count }

    func connect() {
        guard !shutdown else { return }
        reconnectTimer = nil
        connection = PeerConnection.connect(
            to: sender.peer, identity: sender.identity, limits: sender.limits,
            timeout: sender.configuration.connectTimeout, keepAlive: sender.configuration.keepAliveInterval,
            on: sender.loop, delegate: self)
    }

    /// Closes for good.
    func shutDown() {
        shutdown = true
        reconnectTimer?.cancel()
        ackTimer?.cancel()
        connection?.close()
    }

    /// Removes and returns every outstanding message (the sender is giving them up).
    func takeOutstanding() -> [Outgoing] {
        let lost = window.onConnectionLost().map(\.tag.outgoing) + unconfirmed.map(\.outgoing)
        unconfirmed.removeAll()
        barriers.removeAll()
        return lost
    }

    // MARK: - Sending

    /// Sends as many frames as the window and the socket allow, in one write.
    func pump() {
        guard isReady, let connection, connection.isWritable else { return }
        let sender = self.sender  // one strong reference, not one per use of an unowned one
        var buffer = connection.makeBuffer(capacity: 4096)
        let maxUnconfirmed = sender.configuration.barrierInterval * 4
        var wrote = false
        let now = sender.loop.millis
        sending: while true {
            if buffer.readableBytes >= 256 << 10 {
                // Hand a full buffer to the channel and go on while it takes more.
                sender.report.bytesSent += buffer.readableBytes
                connection.write(buffer)
                buffer = connection.makeBuffer(capacity: 16 << 10)
                wrote = true
                guard connection.isWritable else { break sending }
            }
            let ackRequested = mode != .async
            if ackRequested {
                guard window.canSend else { break sending }
            } else {
                guard unconfirmed.count < maxUnconfirmed else { break sending }
            }
            guard let outgoing = sender.nextOutgoing() else { break sending }
            let sequence = connection.nextSequence
            do {
                try connection.encode(
                    .message(outgoing.message), flags: ackRequested ? .ackRequested : [], into: &buffer)
            } catch {
                sender.fail(outgoing, reason: "cannot be sent: \(error)")
                continue
            }
            if ackRequested {
                let tag = InFlight(outgoing: outgoing, sentNanos: sender.loop.nanos)
                _ = window.onSend(sequence: sequence, tag: tag, at: now)
            } else {
                unconfirmed.append((sequence, outgoing))
                sinceBarrier += 1
                if sinceBarrier >= sender.configuration.barrierInterval { sendBarrier(into: &buffer, at: now) }
            }
        }
        if mode == .async && sinceBarrier > 0 && sender.waitingCount == 0 { sendBarrier(into: &buffer, at: now) }
        if buffer.readableBytes > 0 {
            sender.report.bytesSent += buffer.readableBytes
            connection.write(buffer)
            wrote = true
        }
        guard wrote else { return }
        connection.flush()
        armTimer()
    }

    private func sendBarrier(into buffer: inout ByteBuffer, at now: UnixMillis) {
        guard let connection else { return }
        let sequence = connection.nextSequence
        _ = try? connection.encode(.ping(nonce: sequence), into: &buffer)
        barriers.append((sequence, now))
        sinceBarrier = 0
    }

    // MARK: - Timeouts

    private var nextDeadline: UnixMillis? {
        switch mode {
        case .sync, .pooled: window.nextDeadline
        case .async: barriers.first.map { $0.sentAt + sender.configuration.ackTimeout }
        }
    }

    private func armTimer() {
        guard ackTimer == nil, let deadline = nextDeadline else { return }
        let bound = NIOLoopBound(self, eventLoop: sender.loop)
        ackTimer = sender.loop.schedule(atMillis: deadline) {
            bound.value.ackTimer = nil
            bound.value.checkTimeouts()
        }
    }

    private func checkTimeouts() {
        guard isReady, let connection else { return }
        let now = sender.loop.millis
        let timeout = sender.configuration.ackTimeout
        switch mode {
        case .sync, .pooled:
            let expired = window.onTimer(now: now)
            if let first = expired.first {
                // Put them back as outstanding so the loss handling resends them with the rest.
                let lost = expired.map(\.tag.outgoing)
                sender.requeue(lost, reason: "no ack within \(timeout) ms")
                connection.fail(
                    ReplicationPeerError(
                        .timedOut, peer: sender.peer, "no ack for frame \(first.sequence) within \(timeout) ms"))
                return
            }
        case .async:
            if let first = barriers.first, first.sentAt + timeout <= now {
                connection.fail(
                    ReplicationPeerError(
                        .timedOut, peer: sender.peer, "no answer to ping \(first.sequence) within \(timeout) ms"))
                return
            }
        }
        armTimer()
    }

    // MARK: - PeerConnectionDelegate

    func peerReady(_ connection: PeerConnection, preface: ConnectionPreface) {
        lastLoggedError = nil
        guard connection === self.connection else { return }
        isReady = true
        backoff.onSuccess()
        sender.logger.debug("connected", metadata: ["connection": "\(index)", "member": "\(preface.member.short)"])
        sender.slotReady(self)
    }

    func peerFrame(_ connection: PeerConnection, _ frame: Frame) {
        guard connection === self.connection else { return }
        switch frame.body {
        case .ack(let sequence):
            guard let answer = window.onAnswer(sequence: sequence, at: sender.loop.millis) else { return }
            sender.report.acknowledged += 1
            if sender.configuration.keepsHistory {
                sender.report.roundTrips.append(sender.loop.nanos &- answer.entry.tag.sentNanos)
            }
            answer.entry.tag.outgoing.done?(.acknowledged)
        case .nack(let sequence, let reason, let detail):
            let refusal = "refused by \(sender.peer): \(reason.text(detail: detail))"
            if let answer = window.onAnswer(sequence: sequence, at: sender.loop.millis) {
                sender.refused(answer.entry.tag.outgoing, reason: reason, refusal: refusal)
            } else if let position = unconfirmed.firstIndex(where: { $0.sequence == sequence }) {
                sender.refused(unconfirmed.remove(at: position).outgoing, reason: reason, refusal: refusal)
            } else {
                sender.logger.notice("the peer refused frame \(sequence): \(refusal)")
            }
        case .pong(let nonce):
            while let first = unconfirmed.first, first.sequence < nonce {
                unconfirmed.removeFirst()
                sender.report.acknowledged += 1
            }
            while let first = barriers.first, first.sequence <= nonce { barriers.removeFirst() }
        default:
            sender.logger.debug("ignoring a \(frame.body.type) frame from the peer")
        }
    }

    func peerReadComplete(_ connection: PeerConnection) {
        sender.pumpAll()
    }

    func peerWritable(_ connection: PeerConnection) {
        pump()
    }

    func peerClosed(_ connection: PeerConnection, error: ReplicationPeerError?) {
        guard connection === self.connection else { return }
        self.connection = nil
        isReady = false
        ackTimer?.cancel()
        ackTimer = nil
        let lost = window.onConnectionLost().map(\.tag.outgoing) + unconfirmed.map(\.outgoing)
        unconfirmed.removeAll()
        barriers.removeAll()
        sinceBarrier = 0
        if !lost.isEmpty {
            sender.requeue(lost, reason: error?.reason ?? "connection closed")
        }
        if shutdown {
            sender.resumeWaiters()
            return
        }
        let delay = backoff.onFailure(using: &sender.random)
        if let error {
            // The same failure again (a peer with another key refuses every retry) is logged once.
            let level: Logger.Level = error == lastLoggedError ? .debug : .warning
            lastLoggedError = error
            sender.logger.log(
                level: level, "\(error.reason); reconnecting in \(delay) ms",
                metadata: ["connection": "\(index)", "resending": "\(lost.count)"])
        }
        sender.slotLost(self, error: error)
        guard !shutdown, !sender.stopped else { return }
        let bound = NIOLoopBound(self, eventLoop: sender.loop)
        reconnectTimer = sender.loop.scheduleTask(in: .milliseconds(delay)) { bound.value.connect() }
    }
}
