import NIOCore
import TernCore
import TernFiles
import TernSnapshot
import TernTestKit
import TernWire
import Testing

@testable import TernNet

@Suite("State serving")
struct StateServingTests {
    private func servingReceiver(chunkRecords: Int = 2) throws -> EmbeddedReceiver {
        let configuration = ReceiverConfiguration(
            identity: receiverIdentity, servesState: true, chunkRecords: chunkRecords)
        return try EmbeddedReceiver(configuration: configuration)
    }

    @Test func streamsTheHeaderThenRecordsInKeyOrderThenCountDigestAndVector() throws {
        var receiver = try servingReceiver()
        try receiver.greet()
        let ids = ["d", "b", "e", "a", "c"]
        try receiver.send(
            ids.enumerated().map { frame(UInt64($0.offset + 1), put($0.element, UInt64(10 + $0.offset))) })
        _ = try receiver.written()
        try receiver.send([Frame(sequence: 9, flags: .ackRequested, body: .stateRequest(StateRequest()))])
        let frames = try receiver.writtenFrames()
        var received: [StoreRecord] = []
        var end: StateEnd?
        guard case .stateBegin(let begin)? = frames.first?.body else {
            Issue.record("the transfer does not start with a state begin: \(String(describing: frames.first?.body))")
            return
        }
        let header = try SnapshotHeader.decode(body: begin.header)
        #expect(header.sourceMember == receiverIdentity.member)
        #expect(header.cluster == receiverIdentity.domain)
        #expect(header.versionVector == VersionVector([Samples.version(14)]))
        for frame in frames.dropFirst() {
            switch frame.body {
            case .stateChunk(let records):
                #expect(records.count <= 2)
                received += records
            case .stateEnd(let last): end = last
            default: Issue.record("unexpected \(frame.body)")
            }
        }
        #expect(received.map(\.key.id) == ["a", "b", "c", "d", "e"])
        #expect(end?.count == 5)
        #expect(end?.vector == VersionVector([Samples.version(14)]))
        // The digest is the trailer digest of the snapshot made of the header and the records.
        let writer = try SnapshotWriter(sink: DiscardingSink(), header: header)
        for record in received { try writer.write(record) }
        let trailer = try writer.finish()
        #expect(end?.digest == trailer.digest)
    }

    @Test func sendsOnlyTheRequestedContextsAndWhatSinceDoesNotCover() throws {
        var receiver = try servingReceiver()
        try receiver.greet()
        try receiver.send([
            frame(1, put("old", 5, context: "shop")), frame(2, put("new", 20, context: "shop")),
            frame(3, put("other", 30, context: "blog")),
        ])
        _ = try receiver.written()
        let request = StateRequest(contexts: ["shop"], since: VersionVector([Samples.version(10)]))
        try receiver.send([Frame(sequence: 4, flags: .ackRequested, body: .stateRequest(request))])
        let ids = try receiver.writtenFrames().flatMap { frame -> [String] in
            if case .stateChunk(let records) = frame.body { return records.map(\.key.id) }
            return []
        }
        #expect(ids == ["new"])
    }

    @Test func subscribersGetWhatChangedTheStoreAndNothingElse() throws {
        var subscriber = try servingReceiver()
        try subscriber.greet()
        try subscriber.send([Frame(sequence: 1, flags: .ackRequested, body: .subscribe(contexts: ["shop"]))])
        #expect(bodies(try subscriber.writtenFrames()) == [.ack(sequence: 1)])

        let pusher = try EmbeddedReceiver(store: subscriber.store, port: 6666)
        try pusher.greet()
        try pusher.send([
            frame(1, put("a", 2)), frame(2, put("a", 1)), frame(3, put("b", 1, context: "blog")), frame(4, put("a", 2)),
        ])
        #expect(bodies(try subscriber.writtenFrames()) == [.message(put("a", 2))])
    }

    @Test func refusesSubscriptionsWhenNotServing() throws {
        var receiver = try EmbeddedReceiver()
        try receiver.greet()
        try receiver.send([Frame(sequence: 1, flags: .ackRequested, body: .subscribe(contexts: []))])
        let written = bodies(try receiver.writtenFrames())
        guard case .nack(1, .notServing, _)? = written.first else {
            Issue.record("expected a not-serving nack, got \(written)")
            return
        }
    }

    @Test func chunkPayloadDigestEqualsRecordDigest() throws {
        let records = (0..<5).map {
            Samples.sessionRecord("s\($0)", version: Samples.version(UInt64($0)), attributes: ["k": "v\($0)"])
        }
        var buffer = ByteBufferAllocator().buffer(capacity: 1024)
        try Frame(sequence: 1, body: .stateChunk(records)).encode(into: &buffer)
        var fromPayload = StateDigest()
        fromPayload.addChunkPayload(
            buffer.getSlice(at: FrameFormat.headerSize, length: buffer.readableBytes - Frame.overhead)!)
        var fromRecords = StateDigest()
        var framed = ByteBufferAllocator().buffer(capacity: 1024)
        fromRecords.frame(records, into: &framed)
        #expect(fromPayload.count == 5)
        #expect(fromPayload.finalize() == fromRecords.finalize())
    }
}

/// Drops what a snapshot writer writes (only its trailer is wanted).
private final class DiscardingSink: ByteSink {
    func write(_ bytes: UnsafeRawBufferPointer) throws {}
    func finish() throws {}
}
