import NIOCore
import TernCore
import TernWire
import TernWireSealing

/// Runs a keyed connection's handshake and then seals and opens every byte, below the replication
/// handler (`PeerConnection` or `ReceiverConnectionHandler`), which sees the same plaintext stream as
/// on a keyless connection: its version-1 preface and frames (docs/PROTOCOL.md, "Keyed preface").
///
/// Until the peer has proved the key, what the handler above writes is held back: an unproven peer
/// gets this side's hello and, from a server, a refusal byte, nothing else. A failure is passed up as
/// a `SecureChannelError` through `errorCaught`; the handler above logs it and closes.
final class SecureChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var handshake: SecureHandshake
    private var channel: SecureChannel?
    private var started = false
    private var failed = false
    private var held: ByteBuffer?
    private var pending: [(ByteBuffer, EventLoopPromise<Void>?)] = []

    /// A handler for `role` with `keys`.
    init(role: SecureHandshake.Role, keys: ClusterKeyRing) {
        handshake = SecureHandshake(role: role, keys: keys)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context: context)
        context.fireChannelActive()
    }

    private func start(context: ChannelHandlerContext) {
        guard !started else { return }
        started = true
        var buffer = context.channel.allocator.buffer(capacity: handshake.hello.size)
        handshake.hello.encode(into: &buffer)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    // MARK: - Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        var buffer = unwrapInboundIn(data)
        if var kept = held {
            held = nil
            kept.writeBuffer(&buffer)
            buffer = kept
        }
        do throws(SecureChannelError) {
            if channel == nil { try shake(context: context, &buffer) }
            if channel != nil { try open(context: context, &buffer) }
        } catch {
            fail(context: context, error)
            return
        }
        if buffer.readableBytes > 0 { held = buffer }
    }

    private func shake(context: ChannelHandlerContext, _ buffer: inout ByteBuffer) throws(SecureChannelError) {
        while channel == nil, let action = try handshake.onBytes(&buffer) {
            switch action {
            case .send(let bytes):
                context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
            case .refuse(let bytes, let error):
                context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
                throw error
            case .established(let established, let bytes):
                channel = established
                if !bytes.isEmpty { context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil) }
                let waiting = pending
                pending = []
                for (plaintext, promise) in waiting { try seal(context: context, plaintext, promise: promise) }
                context.flush()
            }
        }
    }

    private func open(context: ChannelHandlerContext, _ buffer: inout ByteBuffer) throws(SecureChannelError) {
        while let plaintext = try channel!.opener.open(&buffer) {
            context.fireChannelRead(wrapInboundOut(plaintext))
            if failed { return }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !failed, let held, held.readableBytes > 0 {
            failed = true
            context.fireErrorCaught(SecureChannelError.truncated(have: held.readableBytes))
        }
        held = nil
        for (_, promise) in pending { promise?.fail(ChannelError.ioOnClosedChannel) }
        pending = []
        context.fireChannelInactive()
    }

    private func fail(context: ChannelHandlerContext, _ error: SecureChannelError) {
        failed = true
        held = nil
        context.fireErrorCaught(error)
    }

    // MARK: - Outbound

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let plaintext = unwrapOutboundIn(data)
        guard channel != nil else {
            pending.append((plaintext, promise))
            return
        }
        do throws(SecureChannelError) {
            try seal(context: context, plaintext, promise: promise)
        } catch {
            promise?.fail(error)
            fail(context: context, error)
        }
    }

    private func seal(
        context: ChannelHandlerContext, _ plaintext: ByteBuffer, promise: EventLoopPromise<Void>?
    ) throws(SecureChannelError) {
        let records = (plaintext.readableBytes + SealedRecord.maxPlaintext - 1) / SealedRecord.maxPlaintext
        var out = context.channel.allocator.buffer(
            capacity: plaintext.readableBytes + records * (SealedRecord.lengthSize + SealedRecord.tagSize))
        try channel!.sealer.seal(plaintext, into: &out)
        context.write(wrapOutboundOut(out), promise: promise)
    }

    func flush(context: ChannelHandlerContext) {
        if channel != nil { context.flush() }
    }
}
