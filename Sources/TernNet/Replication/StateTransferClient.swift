import Logging
import NIOCore
import TernCore
import TernWire

/// Takes the records of a state transfer, in key order, on the transfer's event loop. Throwing
/// (a full disk, say) ends the transfer with that error.
public protocol StateTransferSink: AnyObject {
    /// The records of one state chunk.
    func receive(_ records: [StoreRecord]) throws
}

/// How a state transfer ended, once its records were all received and checked.
public struct StateTransferResult: Sendable {
    /// The member that served the state, from its preface.
    public var member: MemberID
    /// Its domain.
    public var domain: String
    /// The records received (equal to the count the state end announced).
    public var count: Int
    /// The SHA-256 of their encodings (equal to the one the state end carried).
    public var digest: [UInt8]
    /// The version vector of the server's store at the cut.
    public var vector: VersionVector
}

/// The client side of a state transfer (`tern-xfer pull`, `tern-recv --bootstrap-from`): connects,
/// sends one state request, passes the chunks to a sink, and checks the end: the record count and
/// the SHA-256 over the records received must equal what the server announces.
///
/// The transfer times out when nothing arrives for `timeout` milliseconds (a large transfer that
/// makes progress is never cut off), and every failure names the peer.
public final class StateTransferClient: PeerConnectionDelegate {
    private let peer: Endpoint
    private let request: StateRequest
    private let timeout: Int64
    private let loop: EventLoop
    private let sink: StateTransferSink
    private let promise: EventLoopPromise<StateTransferResult>
    private var connection: PeerConnection?
    private var requestSequence: UInt64 = 0
    private var digest = StateDigest()
    private var lastHeard: UnixMillis
    private var silenceTimer: Scheduled<Void>?
    private var finished = false
    private var keepAlive: StateTransferClient?

    /// Runs a transfer on `loop`. The sink is called on `loop`.
    public static func run(
        from peer: Endpoint, request: StateRequest, identity: ReplicationIdentity, limits: FrameLimits = .default,
        timeout: Int64, on loop: EventLoop, sink: StateTransferSink
    ) -> (client: StateTransferClient, result: EventLoopFuture<StateTransferResult>) {
        loop.preconditionInEventLoop()
        let client = StateTransferClient(peer: peer, request: request, timeout: timeout, loop: loop, sink: sink)
        client.keepAlive = client
        client.connection = PeerConnection.connect(
            to: peer, identity: identity, limits: limits, timeout: timeout, on: loop, delegate: client)
        client.armSilenceTimer()
        return (client, client.promise.futureResult)
    }

    private init(peer: Endpoint, request: StateRequest, timeout: Int64, loop: EventLoop, sink: StateTransferSink) {
        self.peer = peer
        self.request = request
        self.timeout = timeout
        self.loop = loop
        self.sink = sink
        promise = loop.makePromise()
        lastHeard = loop.millis
    }

    /// Abandons the transfer (on its loop); the result fails with `error`.
    public func cancel(_ error: Error) {
        fail(error)
    }

    private func armSilenceTimer() {
        silenceTimer?.cancel()
        let bound = NIOLoopBound(self, eventLoop: loop)
        silenceTimer = loop.schedule(atMillis: lastHeard + timeout) {
            bound.value.silenceTimerFired()
        }
    }

    private func silenceTimerFired() {
        guard !finished else { return }
        let silent = loop.millis - lastHeard
        if silent >= timeout {
            fail(
                ReplicationPeerError(
                    .timedOut, peer: peer,
                    "state transfer timed out: nothing received for \(silent) ms (\(digest.count) records so far)"))
        } else {
            armSilenceTimer()
        }
    }

    private func fail(_ error: Error) {
        guard !finished else { return }
        finished = true
        silenceTimer?.cancel()
        connection?.close()
        promise.fail(error)
        keepAlive = nil
    }

    private func succeed(_ result: StateTransferResult) {
        guard !finished else { return }
        finished = true
        silenceTimer?.cancel()
        connection?.close()
        promise.succeed(result)
        keepAlive = nil
    }

    // MARK: - PeerConnectionDelegate

    func peerReady(_ connection: PeerConnection, preface: ConnectionPreface) {
        lastHeard = loop.millis
        var buffer = connection.makeBuffer(capacity: 256)
        do {
            requestSequence = try connection.encode(.stateRequest(request), flags: .ackRequested, into: &buffer)
        } catch {
            fail(ReplicationPeerError(.badData, peer: peer, "cannot send the state request: \(error)"))
            return
        }
        connection.writeAndFlush(buffer)
    }

    func peerFrame(_ connection: PeerConnection, _ frame: Frame) {
        guard !finished else { return }
        lastHeard = loop.millis
        switch frame.body {
        case .stateChunk(let records):
            for record in records { digest.add(record) }
            do {
                try sink.receive(records)
            } catch {
                fail(error)
            }
        case .stateEnd(let end):
            check(end, member: connection.peerPreface?.member ?? .zero, domain: connection.peerPreface?.domain ?? "")
        case .nack(let sequence, let reason, let detail) where sequence == requestSequence:
            fail(
                ReplicationPeerError(
                    .unavailable, peer: peer,
                    "refused the state request: \(reason.text(detail: detail))"))
        default:
            break
        }
    }

    private func check(_ end: StateEnd, member: MemberID, domain: String) {
        guard end.count == UInt64(digest.count) else {
            fail(
                ReplicationPeerError(
                    .badData, peer: peer, "state transfer announced \(end.count) records but sent \(digest.count)"))
            return
        }
        let computed = digest.finalize()
        guard computed == end.digest else {
            fail(
                ReplicationPeerError(
                    .badData, peer: peer,
                    "state transfer failed its SHA-256 check: announced \(Hex.encode(end.digest)), "
                        + "received records give \(Hex.encode(computed))"
                ))
            return
        }
        succeed(
            StateTransferResult(
                member: member, domain: domain, count: digest.count, digest: computed, vector: end.vector))
    }

    func peerReadComplete(_ connection: PeerConnection) {}

    func peerWritable(_ connection: PeerConnection) {}

    func peerClosed(_ connection: PeerConnection, error: ReplicationPeerError?) {
        fail(error ?? ReplicationPeerError(.unavailable, peer: peer, "closed the connection during the state transfer"))
    }
}
