import Synchronization
import TernCore
import TernTestKit
import TernWire
import Testing

@testable import TernNet

@Suite("Sender: what became of each submission")
struct SenderSubmissionTests {
    private func outcome(of message: ReplicationMessage, via sender: ReplicationSender) async -> SubmissionOutcome {
        await withCheckedContinuation { continuation in
            sender.submit(message) { continuation.resume(returning: $0) }
        }
    }

    @Test(arguments: [ReplicationMode.sync, .pooled])
    func aSyncSubmissionIsAcknowledgedOnlyOnceThePeerHasIt(mode: ReplicationMode) async throws {
        let peer = try await LoopbackReceiver.start()
        let client = ReplicationClient(identity: senderIdentity)
        let sender = client.sender(to: peer.endpoint, configuration: SenderConfiguration(mode: mode), logger: quietLogger)
        try await sender.start()
        let message = put("a", 100)
        #expect(await outcome(of: message, via: sender) == .acknowledged)
        #expect(try await peer.records()[Samples.key("a")] != nil, "acknowledged means applied")
        _ = await sender.finish()
        await client.shutdown()
        await peer.receiver.finish()
    }

    @Test func anAsyncSubmissionIsReportedQueued() async throws {
        let peer = try await LoopbackReceiver.start()
        let client = ReplicationClient(identity: senderIdentity)
        let sender = client.sender(to: peer.endpoint, configuration: SenderConfiguration(mode: .async), logger: quietLogger)
        try await sender.start()
        #expect(await outcome(of: put("a", 100), via: sender) == .queued)
        #expect(await sender.finish().acknowledged == 1)
        await client.shutdown()
        await peer.receiver.finish()
    }

    @Test func aChangeWithoutItsBaseFailsAndAsksForTheWholeSession() async throws {
        let peer = try await LoopbackReceiver.start()
        let client = ReplicationClient(identity: senderIdentity)
        var configuration = SenderConfiguration(mode: .sync)
        configuration.keepsHistory = false
        let sender = client.sender(to: peer.endpoint, configuration: configuration, logger: quietLogger)
        let asked = Mutex<[SessionKey]>([])
        sender.onNeedsFullSession = { key in asked.withLock { $0.append(key) } }
        try await sender.start()
        let delta = SessionDelta(
            key: Samples.key("a"), base: Samples.version(10), version: Samples.version(11), lastAccessed: Samples.epoch,
            maxInactiveSeconds: 1800, set: Attributes(), remove: [])
        guard case .failed(let reason) = await outcome(of: .delta(delta), via: sender) else {
            Issue.record("expected a failure")
            return
        }
        #expect(reason.contains(peer.endpoint.description))
        #expect(asked.withLock { $0 } == [Samples.key("a")])
        let report = await sender.finish()
        #expect(report.failures.isEmpty && report.failuresNotKept == 1, "no history kept, the failure counted")
        await client.shutdown()
        await peer.receiver.finish()
    }
}
