import NIOCore
import Synchronization
import TernCore
import TernTestKit
import TernWire
import Testing

@testable import TernNet

@Suite("Receiver frames")
struct ReceiverFrameTests {
    @Test func appliesPutsAndAcksEachInOrder() throws {
        var receiver = try EmbeddedReceiver()
        try receiver.greet()
        try receiver.send([frame(7, put("a", 10)), frame(8, put("b", 10)), frame(9, put("a", 5))])
        #expect(bodies(try receiver.writtenFrames()) == [.ack(sequence: 7), .ack(sequence: 8), .ack(sequence: 9)])
        #expect(receiver.records[Samples.key("a")]?.version == Samples.version(10))
        #expect(receiver.records.count == 2)
    }

    @Test func nacksADeltaWhoseBaseIsMissingEvenWithoutAnAckRequest() throws {
        var receiver = try EmbeddedReceiver()
        try receiver.greet()
        let delta = SessionDelta(
            key: Samples.key("x"), base: Samples.version(1), version: Samples.version(2), lastAccessed: Samples.epoch,
            maxInactiveSeconds: 1800, set: Attributes([Attribute(name: "a", value: [1])]), remove: [])
        try receiver.send([frame(3, .delta(delta), ack: false), frame(4, put("y", 1), ack: false)])
        let written = bodies(try receiver.writtenFrames())
        #expect(written == [.nack(sequence: 3, reason: .needsFullSession, detail: "\(Samples.key("x"))")])
        #expect(receiver.records.count == 1)
    }

    @Test func answersAPingAfterTheFramesBeforeIt() throws {
        var receiver = try EmbeddedReceiver()
        try receiver.greet()
        try receiver.send([frame(1, put("a", 1)), Frame(sequence: 2, body: .ping(nonce: 2)), frame(3, put("b", 1))])
        #expect(bodies(try receiver.writtenFrames()) == [.ack(sequence: 1), .pong(nonce: 2), .ack(sequence: 3)])
    }

    @Test func numbersItsOwnFramesFromOne() throws {
        var receiver = try EmbeddedReceiver()
        try receiver.greet()
        try receiver.send([frame(41, put("a", 1)), frame(42, put("b", 1))])
        #expect(try receiver.writtenFrames().map(\.sequence) == [1, 2])
    }

    @Test func reportsEveryMessageWithItsOutcomeAndPeer() throws {
        let sink = CollectingSink()
        let receiver = try EmbeddedReceiver(events: sink)
        try receiver.greet()
        try receiver.send([frame(1, put("a", 2)), frame(2, put("a", 1))])
        let outcomes = sink.events.compactMap { event -> String? in
            guard case .message(_, let outcome, let peer) = event else { return nil }
            return "\(outcome)@\(peer)"
        }
        #expect(outcomes == ["applied@127.0.0.1:5555", "stale(held: \(Samples.version(2)))@127.0.0.1:5555"])
    }

    @Test func refusesAVersionTooFarAheadOfItsClock() throws {
        let configuration = ReceiverConfiguration(
            identity: receiverIdentity, maxClockDrift: 1000, wallClock: { 5000 })
        var receiver = try EmbeddedReceiver(configuration: configuration)
        try receiver.greet()
        try receiver.send([frame(1, put("future", 6001)), frame(2, put("near", 6000))])
        let written = bodies(try receiver.writtenFrames())
        guard case .nack(1, .clockAhead, _)? = written.first else {
            Issue.record("expected a clock-ahead nack, got \(written)")
            return
        }
        #expect(written.dropFirst().first == .ack(sequence: 2))
        #expect(receiver.records.keys.map(\.id) == ["near"])
    }

    @Test func refusesStateRequestsWhenNotServing() throws {
        var receiver = try EmbeddedReceiver()
        try receiver.greet()
        try receiver.send([Frame(sequence: 5, flags: .ackRequested, body: .stateRequest(StateRequest()))])
        let written = bodies(try receiver.writtenFrames())
        guard case .nack(5, .notServing, _)? = written.first else {
            Issue.record("expected a not-serving nack, got \(written)")
            return
        }
    }
}

/// An event sink that keeps everything.
final class CollectingSink: ReceiverEventSink {
    private let stored = Mutex<[ReceiverEvent]>([])
    let wantsMessages = true

    var events: [ReceiverEvent] { stored.withLock { $0 } }

    func receive(_ events: [ReceiverEvent]) {
        stored.withLock { $0.append(contentsOf: events) }
    }
}
