import NIOCore
import NIOEmbedded
import TernCore
import TernTestKit
import TernWire
import Testing

@testable import TernNet

/// A receiver configuration with an idle timeout of `idle` ms and a handshake timeout of `handshake` ms.
private func bounded(idle: Int64?, handshake: Int64 = 10_000) -> ReceiverConfiguration {
    var configuration = ReceiverConfiguration(identity: receiverIdentity, handshakeTimeout: handshake)
    configuration.connectionBounds = ConnectionBounds(maxConnections: 8, maxConnectionsPerPeer: 8, idleTimeout: idle)
    return configuration
}

/// The store's count of `bound` hits (the embedded loop runs what the handler queued first).
private func hits(_ bound: ConnectionBound, _ receiver: EmbeddedReceiver) -> Int {
    receiver.channel.embeddedEventLoop.run()
    return receiver.store.connectionBoundHits[bound, default: 0]
}

@Suite("Receiver timeouts (virtual time)")
struct ReceiverTimeoutTests {
    @Test func closesAGreetedPeerThatSendsNothingForTheIdleTimeout() throws {
        let receiver = try EmbeddedReceiver(configuration: bounded(idle: 1000))
        try receiver.greet()
        receiver.channel.embeddedEventLoop.advanceTime(by: .milliseconds(999))
        #expect(receiver.channel.isActive)
        receiver.channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(!receiver.channel.isActive)
        #expect(hits(.idle, receiver) == 1)
        #expect(hits(.handshake, receiver) == 0)
    }

    @Test func eachCompleteFrameStartsTheIdleTimeoutAgain() throws {
        let receiver = try EmbeddedReceiver(configuration: bounded(idle: 1000))
        try receiver.greet()
        for nonce in 1...5 {
            receiver.channel.embeddedEventLoop.advanceTime(by: .milliseconds(800))
            try receiver.send([Frame(sequence: UInt64(nonce), body: .ping(nonce: UInt64(nonce)))])
        }
        receiver.channel.embeddedEventLoop.advanceTime(by: .milliseconds(999))
        #expect(receiver.channel.isActive)
        receiver.channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(!receiver.channel.isActive)
        #expect(hits(.idle, receiver) == 1)
    }

    @Test func closesAPeerThatTricklesAFrameThatNeverCompletes() throws {
        let receiver = try EmbeddedReceiver(configuration: bounded(idle: 1000))
        try receiver.greet()
        // A put frame header announcing 1 MiB, then one byte of it every 100 ms.
        try receiver.send(bytes: [1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0x10, 0, 0])
        var elapsed = 0
        while receiver.channel.isActive && elapsed < 5000 {
            try receiver.send(bytes: [0x42])
            receiver.channel.embeddedEventLoop.advanceTime(by: .milliseconds(100))
            elapsed += 100
        }
        #expect(elapsed == 1000)
        #expect(hits(.idle, receiver) == 1)
    }

    @Test func withoutAnIdleTimeoutASilentPeerStays() throws {
        let receiver = try EmbeddedReceiver(configuration: bounded(idle: nil))
        try receiver.greet()
        receiver.channel.embeddedEventLoop.advanceTime(by: .seconds(3600))
        #expect(receiver.channel.isActive)
    }

    @Test func aMissedHandshakeIsCountedOnce() throws {
        let receiver = try EmbeddedReceiver(configuration: bounded(idle: 1000, handshake: 500))
        receiver.channel.embeddedEventLoop.advanceTime(by: .milliseconds(500))
        #expect(!receiver.channel.isActive)
        receiver.channel.embeddedEventLoop.advanceTime(by: .milliseconds(5000))
        #expect(hits(.handshake, receiver) == 1)
        #expect(hits(.idle, receiver) == 0)
    }

    @Test func theHandshakeTimeoutCoversAKeyedPeerThatStallsInTheSecureHandshake() throws {
        let keys = ClusterKeyRing([try ClusterKey(bytes: [UInt8](repeating: 7, count: 32))])!
        var configuration = bounded(idle: 1000, handshake: 500)
        configuration.identity = ReplicationIdentity(domain: "test", member: Samples.memberA, keys: keys)
        let loop = EmbeddedEventLoop()
        let store = ReplicaStore(loop: loop, configuration: configuration, events: nil, logger: quietLogger)
        let channel = EmbeddedChannel(loop: loop)
        try channel.pipeline.syncOperations.addHandler(SecureChannelHandler(role: .server, keys: keys))
        try channel.pipeline.syncOperations.addHandler(
            ReceiverConnectionHandler(store: store, configuration: configuration, logger: quietLogger))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 5555)).wait()
        // The first bytes of a keyed hello (the preface magic), and then nothing.
        try channel.writeInbound(ByteBuffer(bytes: [0x89, 0x54, 0x52, 0x45]))
        loop.advanceTime(by: .milliseconds(499))
        #expect(channel.isActive)
        loop.advanceTime(by: .milliseconds(1))
        #expect(!channel.isActive)
        loop.run()
        #expect(store.connectionBoundHits[.handshake] == 1)
    }
}
