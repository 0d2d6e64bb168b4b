import NIOCore
import NIOEmbedded
import TernCore
import TernTestKit
import TernWire
import Testing

@testable import TernNet

@Suite("Receiver bootstrap")
struct ReplicaStoreBootstrapTests {
    private func bootstrapping() throws -> (EmbeddedReceiver, EventLoopFuture<BootstrapVerdict>) {
        let configuration = ReceiverConfiguration(identity: receiverIdentity, servesState: true)
        let receiver = try EmbeddedReceiver(configuration: configuration)
        let verdict = receiver.store.beginBootstrap(
            from: Endpoint(host: "10.0.0.9", port: 4000), timeout: 1000,
            limits: ReplicationQueueLimits(maxMessages: 100, maxBytes: 1 << 20))
        receiver.channel.embeddedEventLoop.run()
        try receiver.greet()
        return (receiver, verdict)
    }

    @Test func holdsLiveMessagesAndAcksWholeOnesAtOnce() throws {
        var (receiver, _) = try bootstrapping()
        try receiver.send([frame(1, put("live", 20))])
        #expect(bodies(try receiver.writtenFrames()) == [.ack(sequence: 1)])
        #expect(receiver.records.isEmpty)
    }

    @Test func appliesHeldMessagesAfterTheTransferSoTheNewestWins() throws {
        var (receiver, verdict) = try bootstrapping()
        try receiver.send([frame(1, put("a", 20, value: "live"))])
        #expect(
            receiver.store.transferRecords([
                Samples.sessionRecord("a", version: Samples.version(10)),
                Samples.sessionRecord("b", version: Samples.version(10)),
            ]))
        receiver.store.transferEnded(announcedCount: 2)
        #expect(receiver.records[Samples.key("a")]?.version == Samples.version(20))
        #expect(receiver.records.count == 2)
        guard case .completed(_, let records, let queued)? = try? verdict.wait() else {
            Issue.record("expected a completed verdict")
            return
        }
        #expect(records == 2 && queued == 1)
        _ = try receiver.writtenFrames()
    }

    @Test func answersAHeldDeltaOnlyOnceItIsApplied() throws {
        var (receiver, _) = try bootstrapping()
        let base = Samples.session("a", version: Samples.version(10), attributes: ["x": "1"])
        let delta = SessionDelta(
            key: base.key, base: base.version, version: Samples.version(11), lastAccessed: Samples.epoch,
            maxInactiveSeconds: 1800, set: Attributes([Attribute(name: "y", value: [2])]), remove: [])
        try receiver.send([frame(1, .delta(delta))])
        #expect(try receiver.writtenFrames().isEmpty)
        _ = receiver.store.transferRecords([.session(base)])
        receiver.store.transferEnded(announcedCount: 1)
        #expect(bodies(try receiver.writtenFrames()) == [.ack(sequence: 1)])
        #expect(receiver.records[base.key]?.version == Samples.version(11))
    }

    @Test func refusesStateRequestsUntilTheTransferEnds() throws {
        var (receiver, _) = try bootstrapping()
        try receiver.send([Frame(sequence: 1, flags: .ackRequested, body: .stateRequest(StateRequest()))])
        guard case .nack(1, .notReady, _)? = bodies(try receiver.writtenFrames()).first else {
            Issue.record("expected a not-ready nack")
            return
        }
    }

    @Test func timesOutAfterSilenceNamingThePeerAndAppliesWhatWasHeld() throws {
        var (receiver, verdict) = try bootstrapping()
        try receiver.send([frame(1, put("live", 20))])
        receiver.channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        guard case .timedOut(let peer, _, _)? = try? verdict.wait() else {
            Issue.record("expected a timed-out verdict")
            return
        }
        #expect(peer.description == "10.0.0.9:4000")
        #expect(receiver.records.count == 1)
        _ = try receiver.writtenFrames()
    }
}
