import Logging
import NIOCore
import NIOPosix
import TernCore
import TernSnapshot
import TernWire

/// The client side of replication for tools that are not receivers (tern-xfer): one event loop and
/// async entry points for a sender, a state pull and a subscription, so callers never touch NIO.
public final class ReplicationClient: Sendable {
    /// This side's domain and member id, sent in every preface.
    public let identity: ReplicationIdentity
    /// Frame bounds for what is sent and received.
    public let limits: FrameLimits
    private let group: MultiThreadedEventLoopGroup

    /// Creates the client and its event loop.
    public init(identity: ReplicationIdentity, limits: FrameLimits = .default) {
        self.identity = identity
        self.limits = limits
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    }

    /// A sender to `peer`; call `start()` on it.
    public func sender(to peer: Endpoint, configuration: SenderConfiguration, logger: Logger) -> ReplicationSender {
        ReplicationSender(
            peer: peer, identity: identity, configuration: configuration, limits: limits, loop: group.any(),
            logger: logger)
    }

    /// Pulls the state of `peer`: `begin` gets the header of the snapshot the transfer makes, then
    /// `receive` the records chunk by chunk, in key order, with the same records as snapshot bytes
    /// (`StateTransferSink`; valid only during the call), on the client's event loop (throwing from either ends the pull with that
    /// error). Fails with a `ReplicationPeerError` on refusal, silence for `timeout` ms, or bad data.
    public func pull(
        from peer: Endpoint, request: StateRequest, timeout: Int64,
        begin: @escaping @Sendable (SnapshotHeader) throws -> Void = { _ in },
        receive: @escaping @Sendable (_ records: [StoreRecord], _ framed: UnsafeRawBufferPointer) throws -> Void
    ) async throws -> StateTransferResult {
        let loop = group.any()
        let future = loop.flatSubmit {
            StateTransferClient.run(
                from: peer, request: request, identity: self.identity, limits: self.limits, timeout: timeout, on: loop,
                sink: ClosureTransferSink(begin: begin, receive: receive)
            ).result
        }
        return try await future.get()
    }

    /// Follows `peer`'s live stream until the task is cancelled (then returns) or the peer ends it
    /// (then throws a `ReplicationPeerError`). The callbacks run on the client's event loop. While no
    /// message comes, a ping goes out every `keepAlive` ms, so the peer's idle timeout does not cut it.
    public func watch(
        from peer: Endpoint, contexts: [String], timeout: Int64,
        keepAlive: Int64? = ConnectionBounds.defaultKeepAliveInterval,
        subscribed: @escaping @Sendable (MemberID) -> Void, receive: @escaping @Sendable (ReplicationMessage) -> Void
    ) async throws {
        let loop = group.any()
        let started = try await loop.submit {
            let (client, closed) = SubscriptionClient.start(
                from: peer, contexts: contexts, identity: self.identity, limits: self.limits, timeout: timeout,
                keepAlive: keepAlive, on: loop,
                sink: ClosureSubscriptionSink(subscribed: subscribed, receive: receive))
            return (NIOLoopBound(client, eventLoop: loop), closed)
        }.get()
        try await withTaskCancellationHandler {
            try await started.1.get()
        } onCancel: {
            loop.execute { started.0.value.cancel() }
        }
    }

    /// Stops the event loop.
    public func shutdown() async {
        try? await group.shutdownGracefully()
    }
}

private final class ClosureTransferSink: StateTransferSink {
    private let onBegin: (SnapshotHeader) throws -> Void
    private let onReceive: ([StoreRecord], UnsafeRawBufferPointer) throws -> Void

    init(
        begin: @escaping (SnapshotHeader) throws -> Void,
        receive: @escaping ([StoreRecord], UnsafeRawBufferPointer) throws -> Void
    ) {
        onBegin = begin
        onReceive = receive
    }

    func begin(_ header: SnapshotHeader) throws {
        try onBegin(header)
    }

    func receive(_ records: [StoreRecord], framed: ByteBuffer) throws {
        try framed.withUnsafeReadableBytes { try onReceive(records, $0) }
    }
}

private final class ClosureSubscriptionSink: SubscriptionSink {
    private let onSubscribed: (MemberID) -> Void
    private let onMessage: (ReplicationMessage) -> Void

    init(subscribed: @escaping (MemberID) -> Void, receive: @escaping (ReplicationMessage) -> Void) {
        onSubscribed = subscribed
        onMessage = receive
    }

    func subscribed(to member: MemberID) {
        onSubscribed(member)
    }

    func receive(_ message: ReplicationMessage) {
        onMessage(message)
    }
}
