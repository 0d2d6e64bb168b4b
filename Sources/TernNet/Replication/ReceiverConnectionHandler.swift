import Logging
import NIOCore
import TernCore
import TernWire
import TernWireSealing

/// One accepted replication connection: sends this receiver's preface, checks the peer's, then hands
/// its frames to the store a read burst at a time and writes back the answers in one flush.
///
/// Reading stops while two batches wait on the store (a store on another event loop) or while a
/// state transfer waits for the socket to drain, so a fast sender is slowed by TCP instead of
/// growing queues here. A bad frame (garbage, a 4 GiB length, a failed checksum) closes this
/// connection with a log line naming the peer; the receiver goes on serving everyone else. So does
/// silence: no preface within the handshake timeout, or no complete frame for the idle timeout
/// (a dead, trickling or half-open peer), each counted and reported by the store, rate-limited.
final class ReceiverConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let store: ReplicaStore
    private let configuration: ReceiverConfiguration
    private var logger: Logger
    private var context: ChannelHandlerContext?
    private var connection: ReceiverConnection?
    private var peer = "unknown peer"
    private var greeted = false
    private var batch: [Frame] = []
    private var batchesAtStore = 0
    private var readHeld = false
    private var nextSequence: UInt64 = 1
    private var streamer: StateStreamer?
    private var handshakeTimer: Scheduled<Void>?
    private var idle: SilenceDeadline?
    private var idleTimer: Scheduled<Void>?
    private var sawFrame = false
    private var closing = false
    private var decoder: InlineFrameDecoder
    private static let maxBatch = 256

    init(store: ReplicaStore, configuration: ReceiverConfiguration, logger: Logger) {
        self.store = store
        self.configuration = configuration
        self.logger = logger
        decoder = InlineFrameDecoder(limits: configuration.limits)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { start(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context: context)
        context.fireChannelActive()
    }

    private func start(context: ChannelHandlerContext) {
        guard connection == nil else { return }
        peer = context.channel.remoteAddress.map(Self.describe) ?? "unknown peer"
        logger[metadataKey: "peer"] = "\(peer)"
        connection = ReceiverConnection(peer: peer, handler: self, loop: context.eventLoop)
        logger.debug("connection accepted")
        var buffer = context.channel.allocator.buffer(capacity: 64)
        try? configuration.identity.preface.encode(into: &buffer, limits: configuration.limits)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        let timeout = configuration.handshakeTimeout
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        handshakeTimer = context.eventLoop.scheduleTask(in: .milliseconds(timeout)) {
            bound.value.handshakeTimedOut(after: timeout)
        }
    }

    /// No preface (on a keyed connection: no finished secure handshake either) within the timeout.
    private func handshakeTimedOut(after timeout: Int64) {
        guard !greeted, !closing else { return }
        let detail = "no handshake within \(timeout) ms (--handshake-timeout)"
        store.connectionBoundHit(.handshake, peer: peer, detail: detail)
        close(detail, level: .debug)
    }

    // MARK: - Idle timeout

    /// Starts counting silence once the peer is greeted (the handshake timer covers what comes before).
    private func startIdleTimer(context: ChannelHandlerContext) {
        guard let limit = configuration.connectionBounds.idleTimeout else { return }
        let deadline = SilenceDeadline(limit: limit, now: context.eventLoop.millis)
        idle = deadline
        armIdleTimer(at: deadline.deadline, loop: context.eventLoop)
    }

    private func armIdleTimer(at instant: UnixMillis, loop: EventLoop) {
        let bound = NIOLoopBound(self, eventLoop: loop)
        idleTimer = loop.schedule(atMillis: instant) { bound.value.checkIdle() }
    }

    /// Closes the connection when no complete frame arrived for the idle timeout. While this side
    /// holds the connection up (batches at the store, a state transfer streaming, reading paused)
    /// the silence is not the peer's doing and does not count.
    private func checkIdle() {
        guard var idle, let context, !closing else { return }
        let now = context.eventLoop.millis
        if batchesAtStore > 0 || streamer != nil || readHeld { idle.onActivity(at: now) }
        self.idle = idle
        switch idle.check(now: now) {
        case .expired(let silent):
            let detail = "no complete frame for \(silent) ms (--idle-timeout \(idle.limit) ms)"
            store.connectionBoundHit(.idle, peer: peer, detail: detail)
            close(detail, level: .debug)
        case .checkAt(let instant):
            armIdleTimer(at: instant, loop: context.eventLoop)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        do {
            try decoder.decode(unwrapInboundIn(data)) { item in
                guard !closing else { return }
                receive(item)
            }
        } catch {
            errorCaught(context: context, error: error)
        }
    }

    /// One decoded item: the peer's preface, then frames, collected into the current batch.
    private func receive(_ item: ReplicationItem) {
        switch item {
        case .preface(let preface):
            handshakeTimer?.cancel()
            if let refusal = configuration.identity.refusal(of: preface) {
                close("refused: \(refusal)", level: .warning)
                return
            }
            greeted = true
            if let context { startIdleTimer(context: context) }
            logger.info(
                "peer connected", metadata: ["member": "\(preface.member.short)", "domain": "\(preface.domain)"])
        case .frame(let frame):
            sawFrame = true
            batch.append(frame)
            if batch.count >= Self.maxBatch { submitBatch() }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if sawFrame {
            sawFrame = false
            idle?.onActivity(at: context.eventLoop.millis)
        }
        submitBatch()
        context.fireChannelReadComplete()
    }

    /// Hands the frames read so far to the store: directly when it lives on this loop, else by a hop.
    private func submitBatch() {
        guard !batch.isEmpty, let connection, let context else { return }
        let frames = batch
        batch = []
        let store = self.store
        if store.loop.inEventLoop {
            send(store.process(frames, from: connection))
            return
        }
        batchesAtStore += 1
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let loop = context.eventLoop
        store.loop.execute {
            let replies = store.process(frames, from: connection)
            loop.execute { bound.value.batchProcessed(replies) }
        }
    }

    private func batchProcessed(_ replies: [ReceiverReply]) {
        batchesAtStore -= 1
        send(replies)
        resumeReadingIfAllowed()
    }

    func read(context: ChannelHandlerContext) {
        if batchesAtStore >= 2 || (streamer != nil && !context.channel.isWritable) {
            readHeld = true
        } else {
            context.read()
        }
    }

    private func resumeReadingIfAllowed() {
        guard readHeld, let context, batchesAtStore < 2, streamer == nil || context.channel.isWritable else { return }
        readHeld = false
        context.read()
    }

    /// Writes replies in one flush; a state request starts streaming. Called on this loop.
    func send(_ replies: [ReceiverReply]) {
        guard let context, !closing, !replies.isEmpty else { return }
        var buffer = context.channel.allocator.buffer(capacity: 64 * replies.count)
        for reply in replies {
            switch reply {
            case .frame(let body):
                if case .message = body, let refusal = subscriberBacklogRefusal(context: context) {
                    close(refusal, level: .warning)
                    return
                }
                do {
                    try Frame(sequence: nextSequence, body: body).encode(into: &buffer, limits: configuration.limits)
                    nextSequence += 1
                } catch {
                    logger.warning("cannot send a \(body.type) frame: \(error)")
                }
            case .serveState(let cut, let request):
                if streamer != nil {
                    buffer.writeImmutableBuffer(encodeRefusal("a state transfer is already running on this connection"))
                    continue
                }
                let streamer = StateStreamer(cut: cut, request: request, configuration: configuration)
                logger.info("serving state", metadata: ["records": "\(streamer.recordCount)"])
                self.streamer = streamer
            }
        }
        if buffer.readableBytes > 0 {
            context.write(wrapOutboundOut(buffer), promise: nil)
        }
        pumpState(context: context)
        context.flush()
    }

    private func encodeRefusal(_ detail: String) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: 64)
        try? Frame(sequence: nextSequence, body: .nack(sequence: 0, reason: .overloaded, detail: detail))
            .encode(into: &buffer, limits: configuration.limits)
        nextSequence += 1
        return buffer
    }

    /// Why a subscriber is cut off: it has left too many bytes unread.
    private func subscriberBacklogRefusal(context: ChannelHandlerContext) -> String? {
        guard let backlog = try? context.channel.syncOptions?.getOption(.bufferedWritableBytes),
            backlog > configuration.maxSubscriberBacklog
        else { return nil }
        return
            "subscriber too slow: \(backlog) bytes unread (limit \(configuration.maxSubscriberBacklog)); disconnecting"
    }

    /// Writes state frames while the channel takes them.
    private func pumpState(context: ChannelHandlerContext) {
        guard var streamer else { return }
        var wrote = false
        while context.channel.isWritable && !streamer.isFinished {
            var buffer = context.channel.allocator.buffer(capacity: configuration.chunkBytes + 4096)
            do {
                try streamer.encodeNext(into: &buffer, sequence: nextSequence, limits: configuration.limits)
            } catch {
                self.streamer = nil
                close("cannot serve state: \(error)", level: .error)
                return
            }
            nextSequence += 1
            context.write(wrapOutboundOut(buffer), promise: nil)
            wrote = true
        }
        if streamer.isFinished {
            logger.info("state served", metadata: ["records": "\(streamer.recordCount)"])
            self.streamer = nil
            resumeReadingIfAllowed()
        } else {
            self.streamer = streamer
        }
        if wrote { context.flush() }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            pumpState(context: context)
            resumeReadingIfAllowed()
        }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if let error = error as? SecureChannelError {
            // A refusal is logged by the store, rate-limited: a peer retrying with the wrong key cannot flood the log.
            if error.isAuthenticationRefusal {
                store.authenticationRefused(peer: peer, reason: "\(error)")
                close("authentication refused: \(error)", level: .debug)
            } else {
                close("bad sealed data, closing the connection: \(error)", level: .warning)
            }
        } else if let error = error as? FrameDecodingError, configuration.identity.keys == nil,
            case .unsupportedVersion(SecureHello.version, _) = error.reason
        {
            let reason = "it sends a keyed preface (it has a cluster key), and this receiver has none"
            store.authenticationRefused(peer: peer, reason: reason)
            close("authentication refused: \(reason)", level: .debug)
        } else if let error = error as? FrameDecodingError, let limit = error.exceededLimit {
            // Counted and logged by the store, rate-limited: a peer sending huge lengths cannot flood the log.
            store.limitHit(limit, detail: "\(error); connection closed", peer: peer)
            close("over a limit, closing the connection: \(error)", level: .debug)
        } else if let error = error as? FrameDecodingError {
            close("bad data, closing the connection: \(error)", level: .warning)
        } else {
            close("connection error: \(error)", level: .info)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        handshakeTimer?.cancel()
        idleTimer?.cancel()
        if !closing { logger.debug("connection closed by the peer") }
        closing = true
        if let connection {
            connection.detach()
            store.connectionClosed(connection)
        }
        connection = nil
        self.context = nil
        context.fireChannelInactive()
    }

    /// Closes the connection once, with a log line saying why.
    private func close(_ reason: String, level: Logger.Level = .info) {
        guard !closing, let context else { return }
        closing = true
        streamer = nil
        logger.log(level: level, "\(reason)")
        context.close(promise: nil)
    }

    /// `127.0.0.1:53422`, `[::1]:53422`.
    static func describe(_ address: SocketAddress) -> String {
        guard let ip = address.ipAddress, let port = address.port else { return "\(address)" }
        return ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }
}
