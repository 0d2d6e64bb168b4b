import Logging
import NIOCore
import NIOPosix
import TernCore
import TernWire

extension MembershipRuntime {
    /// With `--wire tribes`, listens on the announced TCP port: a Tomcat member admits a new member
    /// only after connecting there, and a frame that asks for an ACK gets one.
    func startAcceptor() -> EventLoopFuture<Void> {
        guard configuration.acceptTomcatConnections, let port = configuration.announce?.endpoint?.port else {
            return loop.makeSucceededVoidFuture()
        }
        let logger = self.logger
        let counter: @Sendable () -> Void = { self.loop.execute { self.tomcatFrames += 1 } }
        return ServerBootstrap(group: loop)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers(
                        ByteToMessageHandler(TribesFrameDecoder()), TribesAckHandler(logger: logger, onFrame: counter))
                }
            }
            .bind(host: "0.0.0.0", port: Int(port))
            .map { self.acceptor = $0 }
            .flatMapErrorThrowing { error in
                throw MembershipTransportError.cannotAccept(port: port, reason: DatagramSender.describe(error))
            }
    }
}

/// Answers each Tomcat frame that asks for it (`useAck`) with the ACK frame; a frame that does not
/// decode closes that connection only.
final class TribesAckHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    private let logger: Logger
    private let onFrame: @Sendable () -> Void

    init(logger: Logger, onFrame: @escaping @Sendable () -> Void) {
        self.logger = logger
        self.onFrame = onFrame
    }

    func channelActive(context: ChannelHandlerContext) {
        logger.debug("tomcat: connection from \(context.remoteAddress?.endpointText ?? "?")")
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let payload = Self.unwrapInboundIn(data)
        onFrame()
        do {
            let message = try TribesChannelMessage.decode(payload)
            logger.debug(
                "tomcat: \(message.message.count)-byte message from \(message.sender.hostText):\(message.sender.port), options \(message.options.rawValue)"
            )
            if message.options.contains(.useAck) {
                context.writeAndFlush(Self.wrapOutboundOut(TribesFrameDecoder.ackFrame()), promise: nil)
            }
        } catch {
            logger.debug("tomcat: closing a connection: \(error)")
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        logger.debug("tomcat: closing a connection: \(error)")
        context.close(promise: nil)
    }
}
