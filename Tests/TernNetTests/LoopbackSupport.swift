import Logging
import NIOCore
import NIOPosix
import TernCore
import TernTestKit
import TernWire

@testable import TernNet

/// A real receiver on 127.0.0.1 with a free port, for sender and transfer tests over loopback.
struct LoopbackReceiver {
    let receiver: ReplicationReceiver
    let endpoint: Endpoint

    static func start(
        servesState: Bool = true, domain: String = "test", keys: ClusterKeyRing? = nil,
        antiEntropy: AntiEntropyLimits = .default
    ) async throws -> LoopbackReceiver {
        let configuration = ReceiverConfiguration(
            identity: ReplicationIdentity(domain: domain, member: Samples.memberA, keys: keys), servesState: servesState,
            antiEntropy: antiEntropy)
        let receiver = ReplicationReceiver(
            threads: 1, configuration: configuration, events: nil, recorder: nil, logger: quietLogger)
        let address = try await receiver.listen(on: Endpoint(host: "127.0.0.1", port: 0))
        return LoopbackReceiver(receiver: receiver, endpoint: try Endpoint(parsing: address))
    }

    func records() async throws -> [SessionKey: StoreRecord] {
        Dictionary(uniqueKeysWithValues: try await receiver.cut().records.values.map { ($0.key, $0) })
    }
}

/// A listener that accepts connections and never says anything: a peer that hangs.
struct SilentListener {
    let group: MultiThreadedEventLoopGroup
    let channel: Channel
    var endpoint: Endpoint { Endpoint(host: "127.0.0.1", port: UInt16(channel.localAddress!.port!)) }

    static func start() async throws -> SilentListener {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
        return SilentListener(group: group, channel: channel)
    }

    func stop() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
    }
}

/// A port nothing listens on: bound, then closed.
func closedPort() async throws -> Endpoint {
    let listener = try await SilentListener.start()
    let endpoint = listener.endpoint
    await listener.stop()
    return endpoint
}

/// `count` puts of distinct sessions.
func puts(_ count: Int, context: String = "shop") -> [ReplicationMessage] {
    (0..<count).map { put("s\($0)", UInt64(100 + $0), context: context, value: String(repeating: "x", count: 100)) }
}

/// A receiver that acks the first `dropAfter` frames of its first connection and then closes it;
/// later connections get everything acked. Counts what it acked.
final class FlakyReceiver: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ReplicationItem
    typealias OutboundOut = ByteBuffer

    private let shared: Shared
    private var acked = 0
    private var sequence: UInt64 = 1

    final class Shared: @unchecked Sendable {
        let dropAfter: Int
        var connections = 0
        var keys = Set<SessionKey>()
        init(dropAfter: Int) { self.dropAfter = dropAfter }
    }

    init(shared: Shared) {
        self.shared = shared
    }

    func channelActive(context: ChannelHandlerContext) {
        shared.connections += 1
        var buffer = context.channel.allocator.buffer(capacity: 64)
        try? receiverIdentity.preface.encode(into: &buffer)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .frame(let frame) = unwrapInboundIn(data), case .message(let message) = frame.body else { return }
        if shared.connections == 1 && acked >= shared.dropAfter {
            context.close(promise: nil)
            return
        }
        for key in message.keys { shared.keys.insert(key) }
        acked += 1
        var buffer = context.channel.allocator.buffer(capacity: 32)
        try? Frame(sequence: sequence, body: .ack(sequence: frame.sequence)).encode(into: &buffer)
        sequence += 1
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    /// Starts a flaky receiver on one loop (so `Shared` is only touched there).
    static func start(dropAfter: Int) async throws -> (SilentListener, Shared) {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let shared = Shared(dropAfter: dropAfter)
        let channel = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(ReplicationDecoder()))
                    try channel.pipeline.syncOperations.addHandler(FlakyReceiver(shared: shared))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return (SilentListener(group: group, channel: channel), shared)
    }
}
