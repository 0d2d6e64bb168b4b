import Synchronization
import TernCore
import TernTestKit
import TernWire
import Testing

@testable import TernNet

/// A key of 32 copies of `byte`.
private func key(_ byte: UInt8) -> ClusterKey {
    try! ClusterKey(bytes: [UInt8](repeating: byte, count: 32))
}

/// The sender's identity holding `keys` (none: an open-cluster client).
private func client(_ keys: ClusterKey...) -> ReplicationClient {
    ReplicationClient(identity: ReplicationIdentity(domain: "test", member: Samples.memberB, keys: ClusterKeyRing(keys)))
}

@Suite("Keyed connections over loopback")
struct KeyedConnectionTests {
    @Test func aKeyedClientPullsAndPushesToAKeyedReceiver() async throws {
        let peer = try await LoopbackReceiver.start(keys: ClusterKeyRing([key(1)]))
        try await peer.receiver.load((0..<500).map { Samples.sessionRecord("id\($0)", version: Samples.version(UInt64($0 + 1))) })
        let client = client(key(1))
        let pulled = Mutex(0)
        let result = try await client.pull(from: peer.endpoint, request: StateRequest(), timeout: 5000) { batch, _ in
            pulled.withLock { $0 += batch.count }
        }
        #expect(result.count == 500)
        #expect(pulled.withLock { $0 } == 500)
        let sender = client.sender(
            to: peer.endpoint, configuration: SenderConfiguration(mode: .sync, connections: 2), logger: quietLogger)
        try await sender.start()
        await sender.submit(puts(300, context: "keyed"))
        let report = await sender.finish()
        #expect(report.acknowledged == 300, "\(report.failures)")
        #expect(try await peer.records().count == 800)
        #expect(try await refusals(peer, atLeast: 0) == 0)
        await client.shutdown()
        await peer.receiver.finish()
    }

    @Test(arguments: [true, false])
    func aMemberRotatingToANewKeyStillTalksToOneWithTheOldKey(rotatingServer: Bool) async throws {
        let rotating = ClusterKeyRing([key(2), key(1)])!
        let old = ClusterKeyRing([key(1)])!
        let peer = try await LoopbackReceiver.start(keys: rotatingServer ? rotating : old)
        try await peer.receiver.load([Samples.sessionRecord("one", version: Samples.version(1))])
        let client = ReplicationClient(
            identity: ReplicationIdentity(domain: "test", member: Samples.memberB, keys: rotatingServer ? old : rotating))
        let result = try await client.pull(from: peer.endpoint, request: StateRequest(), timeout: 5000) { _, _ in }
        #expect(result.count == 1)
        await client.shutdown()
        await peer.receiver.finish()
    }

    @Test func aKeylessClientIsRefusedAndGetsNoSession() async throws {
        let peer = try await LoopbackReceiver.start(keys: ClusterKeyRing([key(1)]))
        try await peer.receiver.load([Samples.sessionRecord("secret", version: Samples.version(1))])
        let client = ReplicationClient(identity: senderIdentity)
        let pulled = Mutex(0)
        await expectRefusal(peer.endpoint) {
            _ = try await client.pull(from: peer.endpoint, request: StateRequest(), timeout: 5000) { batch, _ in
                pulled.withLock { $0 += batch.count }
            }
        }
        #expect(pulled.withLock { $0 } == 0)
        #expect(try await refusals(peer) == 1)
        await client.shutdown()
        await peer.receiver.finish()
    }

    @Test func aClientWithAnotherKeyIsRefusedAndCannotWrite() async throws {
        let peer = try await LoopbackReceiver.start(keys: ClusterKeyRing([key(1)]))
        let client = client(key(2))
        await expectRefusal(peer.endpoint) {
            _ = try await client.pull(from: peer.endpoint, request: StateRequest(), timeout: 5000) { _, _ in }
        }
        // A tool's sender fails at start; a node's keeps retrying and delivers nothing.
        let failing = client.sender(to: peer.endpoint, configuration: SenderConfiguration(mode: .sync), logger: quietLogger)
        await expectRefusal(peer.endpoint) { try await failing.start() }
        _ = await failing.finish()
        let retrying = client.sender(
            to: peer.endpoint,
            configuration: SenderConfiguration(
                mode: .sync, connections: 1, retryFor: 300, backoff: Backoff(initial: 20, maximum: 50), failFast: false),
            logger: quietLogger)
        try await retrying.start()
        await retrying.submit(puts(5))
        let report = await retrying.finish()
        #expect(report.acknowledged == 0)
        #expect(try await peer.records().isEmpty)
        #expect(try await refusals(peer, atLeast: 2) >= 2)
        await client.shutdown()
        await peer.receiver.finish()
    }

    @Test func aKeyedClientRefusesAKeylessReceiverAndTheReceiverCountsIt() async throws {
        let peer = try await LoopbackReceiver.start()
        try await peer.receiver.load([Samples.sessionRecord("open", version: Samples.version(1))])
        let client = client(key(1))
        await expectRefusal(peer.endpoint) {
            _ = try await client.pull(from: peer.endpoint, request: StateRequest(), timeout: 5000) { _, _ in }
        }
        #expect(try await refusals(peer) == 1)
        await client.shutdown()
        await peer.receiver.finish()
    }

    private func expectRefusal(_ endpoint: Endpoint, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("the peer was not refused")
        } catch let error as ReplicationPeerError {
            #expect(error.kind == .unauthenticated, "\(error)")
            #expect(error.description.hasPrefix("authentication refused by \(endpoint):"), "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    /// The receiver's refusal count, once the refusal the client saw has reached its store (the
    /// server counts it when it closes, which the client may see first).
    private func refusals(_ peer: LoopbackReceiver, atLeast minimum: Int = 1) async throws -> Int {
        let store = peer.receiver.store
        var count = 0
        for _ in 0..<500 {
            count = try await store.loop.submit { store.authenticationRefusals }.get()
            if count >= minimum { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        return count
    }
}
