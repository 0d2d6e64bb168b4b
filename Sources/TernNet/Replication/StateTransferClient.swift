import Logging
import NIOCore
import TernCore
import TernSnapshot
import TernWire

/// Takes a state transfer as it arrives, on the transfer's event loop: its snapshot header, then its
/// records in key order. Throwing (a full disk, say) ends the transfer with that error.
public protocol StateTransferSink: AnyObject {
    /// The header of the snapshot the transfer makes, before any record.
    func begin(_ header: SnapshotHeader) throws
    /// The records of one state chunk, and the same records as a snapshot stores them (tag, length,
    /// encoding each): the bytes the transfer's digest covers, checked when the state end arrives.
    func receive(_ records: [StoreRecord], framed: ByteBuffer) throws
}

/// How a state transfer ended, once its records were all received and checked.
public struct StateTransferResult: Sendable {
    /// The header of the snapshot the transfer makes (the server's member and domain, the cut's
    /// instant and version vector).
    public var header: SnapshotHeader
    /// The member that served the state, from its preface.
    public var member: MemberID
    /// Its domain.
    public var domain: String
    /// The records received (equal to the count the state end announced).
    public var count: Int
    /// The SHA-256 of the snapshot up to its trailer (equal to the one the state end carried).
    public var digest: [UInt8]
    /// The version vector of the server's store at the cut.
    public var vector: VersionVector
}

/// The client side of a state transfer (`tern-xfer pull`, `tern-recv --bootstrap-from`): connects,
/// sends one state request, passes the header and chunks to a sink, and checks the end: the record
/// count and the SHA-256 over the snapshot bytes received must equal what the server announces.
/// Records must arrive in strictly increasing key order.
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
    private var header: SnapshotHeader?
    private var previousKey: SessionKey?
    private var framed = ByteBufferAllocator().buffer(capacity: 0)
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
        case .stateBegin(let start):
            begin(start.header)
        case .stateChunk(let records):
            receive(records)
        case .stateEnd(let end):
            guard let header else {
                fail(ReplicationPeerError(.badData, peer: peer, "sent a state end without a state begin"))
                return
            }
            check(
                end, header: header, member: connection.peerPreface?.member ?? .zero,
                domain: connection.peerPreface?.domain ?? "")
        case .nack(let sequence, let reason, let detail) where sequence == requestSequence:
            fail(
                ReplicationPeerError(
                    .unavailable, peer: peer,
                    "refused the state request: \(reason.text(detail: detail))"))
        default:
            break
        }
    }

    private func begin(_ bytes: [UInt8]) {
        guard header == nil else {
            fail(ReplicationPeerError(.badData, peer: peer, "sent a second state begin"))
            return
        }
        let header: SnapshotHeader
        do {
            header = try SnapshotHeader.decode(body: bytes)
        } catch {
            fail(ReplicationPeerError(.badData, peer: peer, "sent a bad snapshot header: \(error)"))
            return
        }
        self.header = header
        digest.begin(header: bytes)
        do { try sink.begin(header) } catch { fail(error) }
    }

    private func receive(_ records: [StoreRecord]) {
        guard header != nil else {
            fail(ReplicationPeerError(.badData, peer: peer, "sent a state chunk before its state begin"))
            return
        }
        for record in records {
            if let previousKey, !(previousKey < record.key) {
                fail(
                    ReplicationPeerError(
                        .badData, peer: peer, "sent records out of order: \(record.key) after \(previousKey)"))
                return
            }
            previousKey = record.key
        }
        framed.clear()
        digest.frame(records, into: &framed)
        do {
            try sink.receive(records, framed: framed)
        } catch {
            fail(error)
        }
    }

    private func check(_ end: StateEnd, header: SnapshotHeader, member: MemberID, domain: String) {
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
                        + "received bytes give \(Hex.encode(computed))"
                ))
            return
        }
        succeed(
            StateTransferResult(
                header: header, member: member, domain: domain, count: digest.count, digest: computed,
                vector: end.vector))
    }

    func peerReadComplete(_ connection: PeerConnection) {}

    func peerWritable(_ connection: PeerConnection) {}

    func peerClosed(_ connection: PeerConnection, error: ReplicationPeerError?) {
        fail(error ?? ReplicationPeerError(.unavailable, peer: peer, "closed the connection during the state transfer"))
    }
}
