import Logging
import TernCore
import TernTestKit
import TernWire
import Testing

@testable import TernNet

@Suite("Sender over loopback")
struct SenderLoopbackTests {
    @Test(arguments: ReplicationMode.allCases)
    func deliversEveryMessageInEachMode(mode: ReplicationMode) async throws {
        let peer = try await LoopbackReceiver.start()
        let client = ReplicationClient(identity: senderIdentity)
        let sender = client.sender(
            to: peer.endpoint,
            configuration: SenderConfiguration(mode: mode, connections: 3, window: 8, barrierInterval: 50),
            logger: quietLogger)
        try await sender.start()
        let messages = puts(500)
        for start in stride(from: 0, to: messages.count, by: 64) {
            await sender.submit(Array(messages[start..<min(start + 64, messages.count)]))
        }
        let report = await sender.finish()
        #expect(report.isComplete, "\(report.failures)")
        #expect(report.acknowledged == 500)
        #expect(try await peer.records().count == 500)
        await client.shutdown()
        await peer.receiver.finish()
    }

    @Test(arguments: [ReplicationMode.pooled, .sync])
    func resendsWhatALostConnectionLeftUnanswered(mode: ReplicationMode) async throws {
        let (listener, shared) = try await FlakyReceiver.start(dropAfter: 40)
        let client = ReplicationClient(identity: senderIdentity)
        let configuration = SenderConfiguration(
            mode: mode, connections: 1, window: 16, backoff: Backoff(initial: 10, maximum: 50))
        let sender = client.sender(to: listener.endpoint, configuration: configuration, logger: quietLogger)
        try await sender.start()
        await sender.submit(puts(200))
        let report = await sender.finish()
        #expect(report.isComplete, "\(report.failures)")
        #expect(report.acknowledged == 200)
        #expect(report.connections >= 2)
        let keys = try await listener.channel.eventLoop.submit { shared.keys }.get()
        #expect(keys.count == 200)
        await client.shutdown()
        await listener.stop()
    }

    @Test func givesUpWhenThePeerStaysUnreachableAndNamesIt() async throws {
        let peer = try await LoopbackReceiver.start()
        let client = ReplicationClient(identity: senderIdentity)
        let configuration = SenderConfiguration(
            mode: .sync, retryFor: 300, backoff: Backoff(initial: 20, maximum: 50))
        let sender = client.sender(to: peer.endpoint, configuration: configuration, logger: quietLogger)
        try await sender.start()
        await sender.submit(puts(5))
        await peer.receiver.finish()
        await sender.submit(puts(20, context: "late"))
        let report = await sender.finish()
        #expect(!report.isComplete)
        #expect(report.gaveUp?.peer == peer.endpoint.description)
        #expect(!report.failures.isEmpty)
        #expect(report.failures.allSatisfy { $0.reason.contains(peer.endpoint.description) })
        #expect(report.acknowledged + report.failures.count == report.submitted)
        await client.shutdown()
    }

    @Test func aRefusedFirstConnectionThrowsNamingThePeer() async throws {
        let endpoint = try await closedPort()
        let client = ReplicationClient(identity: senderIdentity)
        let sender = client.sender(to: endpoint, configuration: SenderConfiguration(mode: .sync), logger: quietLogger)
        await #expect(throws: ReplicationPeerError(.unavailable, peer: endpoint, "connection refused")) {
            try await sender.start()
        }
        await client.shutdown()
    }

    @Test func aPeerOfAnotherDomainIsRefused() async throws {
        let peer = try await LoopbackReceiver.start(domain: "elsewhere")
        let client = ReplicationClient(identity: senderIdentity)
        let sender = client.sender(
            to: peer.endpoint, configuration: SenderConfiguration(mode: .sync), logger: quietLogger)
        do {
            try await sender.start()
            Issue.record("a peer of another domain was accepted")
        } catch let error as ReplicationPeerError {
            #expect(error.kind == .unavailable)
            #expect(error.reason.contains("elsewhere"))
        }
        await client.shutdown()
        await peer.receiver.finish()
    }
}
