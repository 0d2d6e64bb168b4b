import NIOCore
import TernCore
import TernWire

/// Takes what a subscription delivers, on its event loop.
public protocol SubscriptionSink: AnyObject {
    /// The peer accepted the subscription: live messages follow.
    func subscribed(to member: MemberID)
    /// A message the peer applied.
    func receive(_ message: ReplicationMessage)
}

/// Follows a node's live replication stream (`tern-xfer watch`): connects, subscribes to some
/// contexts (all when none), and passes every message the node applies to a sink until the
/// connection ends. `closed` succeeds when `cancel()` ended it and fails, naming the peer, otherwise.
public final class SubscriptionClient: PeerConnectionDelegate {
    private let peer: Endpoint
    private let contexts: [String]
    private let sink: SubscriptionSink
    private let promise: EventLoopPromise<Void>
    private var connection: PeerConnection?
    private var subscribeSequence: UInt64 = 0
    private var finished = false
    private var keepAlive: SubscriptionClient?

    /// Starts a subscription on `loop` (the current loop); the sink is called there. While no event
    /// comes, the client pings every `keepAlive` ms, so the node's idle timeout does not cut it.
    public static func start(
        from peer: Endpoint, contexts: [String], identity: ReplicationIdentity, limits: FrameLimits = .default,
        timeout: Int64, keepAlive: Int64? = ConnectionBounds.defaultKeepAliveInterval, on loop: EventLoop,
        sink: SubscriptionSink
    ) -> (client: SubscriptionClient, closed: EventLoopFuture<Void>) {
        let client = SubscriptionClient(peer: peer, contexts: contexts, sink: sink, promise: loop.makePromise())
        client.keepAlive = client
        client.connection = PeerConnection.connect(
            to: peer, identity: identity, limits: limits, timeout: timeout, keepAlive: keepAlive, on: loop,
            delegate: client)
        return (client, client.promise.futureResult)
    }

    private init(peer: Endpoint, contexts: [String], sink: SubscriptionSink, promise: EventLoopPromise<Void>) {
        self.peer = peer
        self.contexts = contexts
        self.sink = sink
        self.promise = promise
    }

    /// Ends the subscription (on its loop); `closed` succeeds.
    public func cancel() {
        finish(nil)
    }

    private func finish(_ error: ReplicationPeerError?) {
        guard !finished else { return }
        finished = true
        connection?.close()
        if let error { promise.fail(error) } else { promise.succeed(()) }
        keepAlive = nil
    }

    func peerReady(_ connection: PeerConnection, preface: ConnectionPreface) {
        var buffer = connection.makeBuffer(capacity: 128)
        do {
            subscribeSequence = try connection.encode(
                .subscribe(contexts: contexts), flags: .ackRequested, into: &buffer)
        } catch {
            finish(ReplicationPeerError(.badData, peer: peer, "cannot send the subscription: \(error)"))
            return
        }
        connection.writeAndFlush(buffer)
    }

    func peerFrame(_ connection: PeerConnection, _ frame: Frame) {
        guard !finished else { return }
        switch frame.body {
        case .message(let message):
            sink.receive(message)
        case .ack(let sequence) where sequence == subscribeSequence:
            sink.subscribed(to: connection.peerPreface?.member ?? .zero)
        case .nack(let sequence, let reason, let detail) where sequence == subscribeSequence:
            finish(
                ReplicationPeerError(
                    .unavailable, peer: peer,
                    "refused the subscription: \(reason.text(detail: detail))"))
        default:
            break
        }
    }

    func peerReadComplete(_ connection: PeerConnection) {}

    func peerWritable(_ connection: PeerConnection) {}

    func peerClosed(_ connection: PeerConnection, error: ReplicationPeerError?) {
        finish(error ?? ReplicationPeerError(.unavailable, peer: peer, "closed the stream"))
    }
}
