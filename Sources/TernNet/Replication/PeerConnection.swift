import Logging
import NIOCore
import NIOPosix
import TernCore
import TernWire
import TernWireSealing

/// What a client connection tells its owner, always on the connection's event loop.
protocol PeerConnectionDelegate: AnyObject {
    /// The peer's preface arrived and was accepted: frames may be sent.
    func peerReady(_ connection: PeerConnection, preface: ConnectionPreface)
    /// A frame arrived (pings are answered by the connection itself and not passed on).
    func peerFrame(_ connection: PeerConnection, _ frame: Frame)
    /// The frames of one read burst have been delivered.
    func peerReadComplete(_ connection: PeerConnection)
    /// The connection can take more writes again.
    func peerWritable(_ connection: PeerConnection)
    /// The connection failed or closed (after `peerReady`, or instead of it); `error` says why,
    /// nil when this side closed it.
    func peerClosed(_ connection: PeerConnection, error: ReplicationPeerError?)
}

/// The client side of one replication connection: connects, exchanges prefaces (refusing a peer of
/// another domain), then hands frames to its delegate and writes what it is given. Every failure is
/// a `ReplicationPeerError` naming the peer. Lives on one event loop, with its delegate.
final class PeerConnection: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// The peer as the user named it.
    let peer: Endpoint
    /// The peer's preface, once it arrived.
    private(set) var peerPreface: ConnectionPreface?
    /// The sequence number of the next frame this side sends.
    var nextSequence: UInt64 = 1
    /// The limits frames are encoded and decoded with.
    let limits: FrameLimits
    private let identity: ReplicationIdentity
    private let handshakeTimeout: Int64
    private weak var delegate: PeerConnectionDelegate?
    private var context: ChannelHandlerContext?
    private var failure: ReplicationPeerError?
    private var handshakeTimer: Scheduled<Void>?
    private var reported = false
    private var closedByUs = false
    private var decoder: InlineFrameDecoder
    private let keepAliveInterval: Int64?
    private var keepAlive: SilenceDeadline?
    private var keepAliveTimer: Scheduled<Void>?
    private var keepAliveNonce: UInt64?

    private init(
        peer: Endpoint, identity: ReplicationIdentity, limits: FrameLimits, handshakeTimeout: Int64,
        keepAlive: Int64?, delegate: PeerConnectionDelegate
    ) {
        self.peer = peer
        self.identity = identity
        self.limits = limits
        self.handshakeTimeout = handshakeTimeout
        keepAliveInterval = keepAlive
        self.delegate = delegate
        decoder = InlineFrameDecoder(limits: limits)
    }

    /// Connects to `peer` on `loop` (which must be the current loop); the delegate hears `peerReady`
    /// or `peerClosed`. `timeout` bounds the TCP connect and, again, the wait for the peer's preface.
    /// With `keepAlive`, a connection that has sent nothing for that long sends a ping, so that the
    /// receiver's idle timeout (docs/SECURITY.md, "Bounds") never cuts a long-lived client; the pong
    /// is not passed to the delegate.
    @discardableResult
    static func connect(
        to peer: Endpoint, identity: ReplicationIdentity, limits: FrameLimits, timeout: Int64,
        keepAlive: Int64? = nil, on loop: EventLoop, delegate: PeerConnectionDelegate
    ) -> PeerConnection {
        loop.preconditionInEventLoop()
        let connection = PeerConnection(
            peer: peer, identity: identity, limits: limits, handshakeTimeout: timeout, keepAlive: keepAlive,
            delegate: delegate)
        let bound = NIOLoopBound(connection, eventLoop: loop)
        ClientBootstrap(group: loop)
            .connectTimeout(.milliseconds(timeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelOption(
                .recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 4096, initial: 65_536, maximum: 1 << 20)
            )
            .channelOption(.writeBufferWaterMark, value: .init(low: 1 << 20, high: 4 << 20))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let keys = identity.keys {
                        try channel.pipeline.syncOperations.addHandler(SecureChannelHandler(role: .client, keys: keys))
                    }
                    try channel.pipeline.syncOperations.addHandler(bound.value)
                }
            }
            .connect(host: peer.host.isEmpty ? "127.0.0.1" : peer.host, port: Int(peer.port))
            .whenFailure { error in bound.value.connectFailed(error) }
        return connection
    }

    /// Whether the connection takes more writes without queueing (NIO's write watermarks).
    var isWritable: Bool { context?.channel.isWritable ?? false }

    /// Whether the preface exchange is done and the connection is open.
    var isReady: Bool { peerPreface != nil && context != nil && !closedByUs }

    /// A buffer from the channel's allocator.
    func makeBuffer(capacity: Int) -> ByteBuffer {
        context?.channel.allocator.buffer(capacity: capacity) ?? ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// Encodes `body` as the next frame into `buffer`; returns its sequence number.
    @discardableResult
    func encode(_ body: FrameBody, flags: FrameFlags = [], into buffer: inout ByteBuffer) throws(FrameEncodingError)
        -> UInt64
    {
        let sequence = nextSequence
        try Frame(sequence: sequence, flags: flags, body: body).encode(into: &buffer, limits: limits)
        nextSequence += 1
        return sequence
    }

    /// Writes `buffer` (call `flush()` to send).
    func write(_ buffer: ByteBuffer) {
        guard let context else { return }
        keepAlive?.onActivity(at: context.eventLoop.millis)
        context.write(wrapOutboundOut(buffer), promise: nil)
    }

    /// Writes and flushes `buffer`.
    func writeAndFlush(_ buffer: ByteBuffer) {
        guard let context else { return }
        keepAlive?.onActivity(at: context.eventLoop.millis)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    // MARK: - Keep-alive

    private func startKeepAlive(context: ChannelHandlerContext) {
        guard let keepAliveInterval else { return }
        let deadline = SilenceDeadline(limit: keepAliveInterval, now: context.eventLoop.millis)
        keepAlive = deadline
        armKeepAlive(at: deadline.deadline, loop: context.eventLoop)
    }

    private func armKeepAlive(at instant: UnixMillis, loop: EventLoop) {
        let bound = NIOLoopBound(self, eventLoop: loop)
        keepAliveTimer = loop.schedule(atMillis: instant) { bound.value.checkKeepAlive() }
    }

    /// Sends a ping when nothing was sent for the keep-alive interval.
    private func checkKeepAlive() {
        guard let keepAlive, let context, isReady, failure == nil else { return }
        switch keepAlive.check(now: context.eventLoop.millis) {
        case .expired:
            var buffer = makeBuffer(capacity: 32)
            let nonce = nextSequence
            guard (try? encode(.ping(nonce: nonce), into: &buffer)) != nil else { return }
            keepAliveNonce = nonce
            writeAndFlush(buffer)
            armKeepAlive(at: self.keepAlive?.deadline ?? context.eventLoop.millis + 1, loop: context.eventLoop)
        case .checkAt(let instant):
            armKeepAlive(at: instant, loop: context.eventLoop)
        }
    }

    /// Sends what was written.
    func flush() {
        context?.flush()
    }

    /// Closes the connection; the delegate hears `peerClosed` with no error.
    func close() {
        closedByUs = true
        context?.close(promise: nil)
    }

    /// Closes the connection because of `error`; the delegate hears it.
    func fail(_ error: ReplicationPeerError) {
        if failure == nil { failure = error }
        context?.close(promise: nil)
        if context == nil { report() }
    }

    // MARK: - Channel events

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func channelActive(context: ChannelHandlerContext) {
        if failure != nil || closedByUs {
            context.close(promise: nil)
            return
        }
        var buffer = context.channel.allocator.buffer(capacity: 64)
        try? identity.preface.encode(into: &buffer, limits: limits)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let timeout = handshakeTimeout
        handshakeTimer = context.eventLoop.scheduleTask(in: .milliseconds(timeout)) {
            let connection = bound.value
            guard connection.peerPreface == nil else { return }
            connection.fail(ReplicationPeerError(.timedOut, peer: connection.peer, "no preface within \(timeout) ms"))
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard failure == nil, !closedByUs else { return }
        do {
            try decoder.decode(unwrapInboundIn(data)) { item in
                guard failure == nil, !closedByUs else { return }
                receive(item)
            }
        } catch {
            errorCaught(context: context, error: error)
        }
    }

    private func receive(_ item: ReplicationItem) {
        switch item {
        case .preface(let preface):
            handshakeTimer?.cancel()
            if let refusal = identity.refusal(of: preface) {
                fail(ReplicationPeerError(.unavailable, peer: peer, "refused: \(refusal)"))
                return
            }
            peerPreface = preface
            if let context { startKeepAlive(context: context) }
            delegate?.peerReady(self, preface: preface)
        case .frame(let frame):
            // Every client answers the peer's pings the same way, here, in order with its other frames.
            if case .ping(let nonce) = frame.body {
                var buffer = makeBuffer(capacity: 32)
                _ = try? encode(.pong(nonce: nonce), into: &buffer)
                writeAndFlush(buffer)
                return
            }
            if case .pong(let nonce) = frame.body, nonce == keepAliveNonce { return }
            delegate?.peerFrame(self, frame)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if failure == nil && !closedByUs { delegate?.peerReadComplete(self) }
        context.fireChannelReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable && failure == nil && !closedByUs { delegate?.peerWritable(self) }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if failure == nil {
            if let error = error as? SecureChannelError {
                failure = ReplicationPeerError(error, peer: peer)
            } else if let error = error as? FrameDecodingError, identity.keys == nil,
                case .unsupportedVersion(SecureHello.version, _) = error.reason
            {
                failure = ReplicationPeerError(
                    .unauthenticated, peer: peer, "it requires a cluster key, and this side has none (see --key-file)")
            } else if let error = error as? FrameDecodingError {
                failure = ReplicationPeerError(.badData, peer: peer, "sent bad data: \(error)")
            } else {
                failure = ReplicationPeerError(.unavailable, peer: peer, Self.describe(error))
            }
        }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        handshakeTimer?.cancel()
        keepAliveTimer?.cancel()
        self.context = nil
        if failure == nil && !closedByUs {
            failure = ReplicationPeerError(
                .unavailable, peer: peer,
                peerPreface == nil ? "closed the connection before its preface" : "closed the connection")
        }
        report()
        context.fireChannelInactive()
    }

    private func connectFailed(_ error: Error) {
        if failure == nil { failure = Self.connectError(error, peer: peer) }
        report()
    }

    private func report() {
        guard !reported else { return }
        reported = true
        delegate?.peerClosed(self, error: closedByUs && failure == nil ? nil : failure)
    }

    /// A connect failure in the user's terms: refused, timed out, unresolvable.
    static func connectError(_ error: Error, peer: Endpoint) -> ReplicationPeerError {
        if let error = error as? ChannelError, case .connectTimeout(let amount) = error {
            return ReplicationPeerError(
                .timedOut, peer: peer, "no connection within \(amount.nanoseconds / 1_000_000) ms")
        }
        if let error = error as? NIOConnectionError {
            if let first = error.connectionErrors.first {
                return connectError(first.error, peer: peer)
            }
            if error.dnsAError != nil || error.dnsAAAAError != nil {
                return ReplicationPeerError(.unavailable, peer: peer, "cannot resolve \(peer.host)")
            }
        }
        return ReplicationPeerError(.unavailable, peer: peer, describe(error))
    }

    /// `connection refused`, `connection reset by peer`, or the error as is.
    static func describe(_ error: Error) -> String {
        if let error = error as? IOError {
            return ReplicationServer.describe(error).lowercased()
        }
        if let error = error as? ChannelError, case .connectTimeout(let amount) = error {
            return "no connection within \(amount.nanoseconds / 1_000_000) ms"
        }
        return "\(error)"
    }
}
