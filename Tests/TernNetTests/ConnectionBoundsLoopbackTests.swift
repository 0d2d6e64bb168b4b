import Foundation
import NIOCore
import Synchronization
import TernCore
import TernTestKit
import TernWire
import Testing

@testable import TernNet

/// A receiver on 127.0.0.1 with `bounds` and a handshake timeout of `handshake` ms (by default an
/// hour: raw connections that never send a preface then stay until the test drops them, however
/// slowly a loaded machine runs it).
private func receiver(_ bounds: ConnectionBounds, handshake: Int64 = 3_600_000) async throws -> LoopbackReceiver {
    var configuration = ReceiverConfiguration(
        identity: ReplicationIdentity(domain: "test", member: Samples.memberA), servesState: true,
        handshakeTimeout: handshake)
    configuration.connectionBounds = bounds
    let receiver = ReplicationReceiver(threads: 2, configuration: configuration, events: nil, recorder: nil, logger: quietLogger)
    let address = try await receiver.listen(on: Endpoint(host: "127.0.0.1", port: 0))
    return LoopbackReceiver(receiver: receiver, endpoint: try Endpoint(parsing: address))
}

/// The bytes of the sender's preface.
private let prefaceBytes: [UInt8] = {
    var buffer = ByteBufferAllocator().buffer(capacity: 64)
    try! senderIdentity.preface.encode(into: &buffer)
    return buffer.readBytes(length: buffer.readableBytes)!
}()

/// Runs a blocking socket wait on a thread of its own, not on one of the few threads async tests share.
private func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in Thread { continuation.resume(returning: body()) }.start() }
}

/// What `socket` hears within `seconds`, and whether it was closed meanwhile.
private func read(_ socket: LoopbackSocket, seconds: Double) async -> (bytes: [UInt8], closed: Bool) {
    await offPool { socket.read(seconds: seconds) }
}

/// Whether a raw connection was admitted: it hears the receiver's preface and stays open.
private func admitted(_ socket: LoopbackSocket) async -> Bool {
    let (bytes, closed) = await read(socket, seconds: 0.5)
    return !bytes.isEmpty && !closed
}

/// Whether a raw connection was refused at accept: closed with not one byte sent to it.
private func refused(_ socket: LoopbackSocket) async -> Bool {
    let (bytes, closed) = await read(socket, seconds: 10)
    return bytes.isEmpty && closed
}

/// The receiver's count of `bound` hits, once it reaches `expected` (or after 10 s).
private func hits(_ bound: ConnectionBound, _ peer: LoopbackReceiver, reaching expected: Int) async throws -> Int {
    var count = 0
    for _ in 0..<200 {
        count = try await peer.receiver.store.connectionBoundCounts().get()[bound, default: 0]
        if count >= expected { return count }
        try await Task.sleep(for: .milliseconds(50))
    }
    return count
}

@Suite("Connection bounds over loopback")
struct ConnectionBoundsLoopbackTests {
    @Test func aConnectionOverThePerAddressLimitIsClosedAtOnceAndOthersAreAdmitted() async throws {
        let peer = try await receiver(ConnectionBounds(maxConnections: 8, maxConnectionsPerPeer: 2, idleTimeout: nil))
        let port = peer.endpoint.port
        var first: LoopbackSocket? = try LoopbackSocket(port: port)
        let second = try LoopbackSocket(port: port)
        #expect(await admitted(first!))
        #expect(await admitted(second))
        let third = try LoopbackSocket(port: port)
        #expect(await refused(third))
        let elsewhere = try LoopbackSocket(port: port, from: "127.0.0.2")
        #expect(await admitted(elsewhere))
        #expect(try await hits(.perPeer, peer, reaching: 1) == 1)
        // A closed connection frees its place.
        first = nil
        var again = false
        for _ in 0..<50 where !again {
            again = await admitted(try LoopbackSocket(port: port))
        }
        #expect(again)
        #expect(try await hits(.total, peer, reaching: 0) == 0)
        #expect(first == nil && !second.isClosedByPeer)
        await peer.receiver.finish()
    }

    @Test func aConnectionOverTheTotalIsClosedWhateverItsAddress() async throws {
        let peer = try await receiver(ConnectionBounds(maxConnections: 2, maxConnectionsPerPeer: 8, idleTimeout: nil))
        let port = peer.endpoint.port
        let held = [try LoopbackSocket(port: port, from: "127.0.0.3"), try LoopbackSocket(port: port, from: "127.0.0.4")]
        for socket in held { #expect(await admitted(socket)) }
        #expect(await refused(try LoopbackSocket(port: port, from: "127.0.0.5")))
        #expect(try await hits(.total, peer, reaching: 1) == 1)
        await peer.receiver.finish()
    }

    @Test func silentAndTricklingPeersAreClosedWhilePingingClientsStay() async throws {
        // Keep-alives six times as often as the timeout: a loaded machine may stall a timer a while.
        let idle: Int64 = 1500
        let peer = try await receiver(
            ConnectionBounds(maxConnections: 64, maxConnectionsPerPeer: 64, idleTimeout: idle), handshake: 1000)
        let port = peer.endpoint.port
        let client = ReplicationClient(identity: senderIdentity)
        // A sync sender and a subscriber, both pinging after a sixth of the idle timeout of silence.
        var configuration = SenderConfiguration(mode: .sync)
        configuration.keepAliveInterval = idle / 6
        let sender = client.sender(to: peer.endpoint, configuration: configuration, logger: quietLogger)
        try await sender.start()
        let watched = Mutex<[ReplicationMessage]>([])
        let subscribed = Mutex(false)
        let watch = Task {
            try await client.watch(
                from: peer.endpoint, contexts: [], timeout: 5000, keepAlive: idle / 6,
                subscribed: { _ in subscribed.withLock { $0 = true } },
                receive: { message in watched.withLock { $0.append(message) } })
        }
        for _ in 0..<200 where !subscribed.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(25)) }
        await sender.submit(puts(1))

        // Hostile peers: no preface at all, a preface and then silence, a preface and then a trickle.
        let silentBeforePreface = try LoopbackSocket(port: port)
        let silent = try LoopbackSocket(port: port)
        silent.send(prefaceBytes)
        let trickle = try LoopbackSocket(port: port)
        trickle.send(prefaceBytes + [1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0x10, 0, 0])
        var trickleClosed = false
        for _ in 0..<300 where !trickleClosed {
            trickle.send([0x42])
            trickleClosed = await read(trickle, seconds: 0.1).closed
        }
        #expect(trickleClosed)
        #expect(await read(silent, seconds: 10).closed)
        #expect(await read(silentBeforePreface, seconds: 10).closed)
        #expect(try await hits(.handshake, peer, reaching: 1) == 1)
        #expect(try await hits(.idle, peer, reaching: 2) == 2)

        // Four idle timeouts of silence from the sender and the subscriber: neither is cut.
        try await Task.sleep(for: .milliseconds(4 * idle))
        await sender.submit(puts(2, context: "later"))
        let report = await sender.finish()
        #expect(report.acknowledged == 3, "\(report.failures)")
        var delivered = 0
        for _ in 0..<100 where delivered < 3 {
            delivered = watched.withLock { $0.count }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(subscribed.withLock { $0 })
        #expect(delivered == 3)
        #expect(try await hits(.idle, peer, reaching: 2) == 2)
        watch.cancel()
        _ = try? await watch.value
        await client.shutdown()
        await peer.receiver.finish()
    }
}
