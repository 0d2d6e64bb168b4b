import Logging
import NIOCore
import NIOEmbedded
import Synchronization
import TernCore
import TernTestKit
import TernWire
import Testing

@testable import TernNet

/// Bounds a receiver enforces (docs/LIMITS.md): a replicated new session over `--max-sessions` is
/// nacked "too large" and not stored; a frame over `--max-frame` closes the connection before its
/// payload is read. Each hit is counted and logged at most once per 10 s per bound.
@Suite("Receiver limit hits")
struct LimitHitTests {
    private func receiver(maxSessions: Int, logs: CapturedLogs) throws -> EmbeddedReceiver {
        let store = ReplicaStore(
            loop: EmbeddedEventLoop(), configuration: ReceiverConfiguration(identity: receiverIdentity), events: nil,
            storage: SessionStoreStorage(maxSessionsPerContext: maxSessions), logger: logs.logger)
        let receiver = try EmbeddedReceiver(store: store)
        try receiver.greet()
        return receiver
    }

    @Test func aReplicatedNewSessionOverTheBoundIsNackedTooLargeAndNotStored() throws {
        let logs = CapturedLogs()
        var receiver = try receiver(maxSessions: 2, logs: logs)
        try receiver.send([
            frame(1, put("a", 10)), frame(2, put("b", 10)), frame(3, put("c", 10)), frame(4, put("d", 10)),
        ])
        try receiver.send([frame(5, put("a", 11, value: "newer")), frame(6, put("x", 10, context: "blog"))])
        let answers = bodies(try receiver.writtenFrames())
        #expect(answers.count == 6)
        #expect(answers[0] == .ack(sequence: 1) && answers[1] == .ack(sequence: 2))
        for (index, sequence) in [(2, UInt64(3)), (3, 4)] {
            guard case .nack(let refused, let reason, let detail) = answers[index] else {
                Issue.record("expected a nack, got \(answers[index])")
                continue
            }
            #expect(refused == sequence && reason == .tooLarge)
            #expect(detail.contains("holds its limit of 2 sessions"), "\(detail)")
        }
        #expect(answers[4] == .ack(sequence: 5), "an update of a held session passes")
        #expect(answers[5] == .ack(sequence: 6), "another context has room")
        #expect(receiver.records[Samples.key("c")] == nil && receiver.records[Samples.key("d")] == nil)
        #expect(receiver.store.limitHits.total(.sessions) == 2)
        let lines = logs.lines.filter { $0.contains("limit hit") }
        #expect(lines.count == 1, "the second hit within 10 s is counted, not logged: \(lines)")
        #expect(lines.first?.contains("limit=sessions") ?? false)
    }

    @Test func aFrameOverTheLimitClosesTheConnectionAndIsCounted() throws {
        let logs = CapturedLogs()
        let receiver = try receiver(maxSessions: .max, logs: logs)
        var header = ByteBufferAllocator().buffer(capacity: 14)
        header.writeInteger(FrameType.put.rawValue)
        header.writeInteger(UInt8(0))
        header.writeInteger(UInt64(1))
        header.writeInteger(UInt32.max)
        try receiver.send(bytes: Array(header.readableBytesView))
        #expect(!receiver.channel.isActive)
        #expect(receiver.store.limitHits.total(.frame) == 1)
        #expect(logs.lines.contains { $0.contains("limit hit") && $0.contains("limit=frame") })
    }

    @Test(.timeLimit(.minutes(1)))
    func anAsyncQueueOverflowIsLoggedOnceNotPerDroppedBatch() async throws {
        let logs = CapturedLogs()
        let client = ReplicationClient(identity: senderIdentity)
        let configuration = SenderConfiguration(
            mode: .async, queueLimits: ReplicationQueueLimits(maxMessages: 2, maxBytes: 1 << 20))
        // Never started: nothing drains the queue.
        let sender = client.sender(
            to: try Endpoint(parsing: "127.0.0.1:9"), configuration: configuration, logger: logs.logger)
        var outcomes: [SubmissionOutcome] = []
        for index in 0..<6 {
            outcomes.append(
                await withCheckedContinuation { continuation in
                    sender.submit(put("s\(index)", 10)) { continuation.resume(returning: $0) }
                })
        }
        #expect(outcomes.prefix(2).allSatisfy { $0 == .queued })
        #expect(outcomes.dropFirst(2).allSatisfy { if case .failed = $0 { true } else { false } }, "\(outcomes)")
        let lines = logs.lines.filter { $0.contains("async queue overflowed") }
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.contains("limit=queue") ?? false)
        _ = await sender.stop()
        await client.shutdown()
    }
}
