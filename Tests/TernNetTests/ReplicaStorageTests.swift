import NIOCore
import NIOEmbedded
import TernCore
import TernTestKit
import TernWire
import Testing

@testable import TernNet

/// A storage that holds every live message until the test releases them, like a starting node.
private final class HoldingStorage: ReplicaStorage {
    let inner = SessionStoreStorage()
    var holding = true
    var serving = false
    var held: [ReplicationMessage] = []

    var count: Int { inner.count }
    var servesState: Bool { serving }
    var gatesLiveMessages: Bool { true }
    func apply(_ message: ReplicationMessage) -> ReplicationOutcome { inner.apply(message) }
    func apply(_ record: StoreRecord) { inner.apply(record) }
    func cut() -> StoreCut { inner.cut() }
    var sessionStore: SessionStore { inner.sessionStore }

    func admit(_ message: ReplicationMessage, store: ReplicaStore) -> Bool {
        guard holding else { return true }
        held.append(message)
        return false
    }

    func release(_ store: ReplicaStore) {
        holding = false
        serving = true
        let messages = held
        held = []
        store.releaseHeld(messages)
    }
}

@Suite("ReplicaStore over another storage")
struct ReplicaStorageTests {
    private func receiver(_ storage: HoldingStorage) throws -> EmbeddedReceiver {
        let loop = EmbeddedEventLoop()
        let store = ReplicaStore(
            loop: loop, configuration: ReceiverConfiguration(identity: receiverIdentity, servesState: true),
            events: nil, storage: storage, logger: quietLogger)
        let receiver = try EmbeddedReceiver(store: store)
        try receiver.greet()
        return receiver
    }

    @Test func heldMessagesAreAcknowledgedAtOnceAndAppliedInOrderWhenReleased() throws {
        let storage = HoldingStorage()
        var receiver = try self.receiver(storage)
        let base = Samples.session("a", version: Samples.version(20), attributes: ["x": "1"])
        let delta = SessionDelta(
            key: base.key, base: base.version, version: Samples.version(21), lastAccessed: Samples.epoch,
            maxInactiveSeconds: 1800, set: Attributes([Attribute(name: "y", value: [2])]), remove: [])
        try receiver.send([frame(1, .put(base)), frame(2, .delta(delta))])
        #expect(bodies(try receiver.writtenFrames()) == [.ack(sequence: 1), .ack(sequence: 2)])
        #expect(storage.count == 0 && storage.held.count == 2)
        storage.release(receiver.store)
        #expect(receiver.records[base.key]?.version == Samples.version(21), "the delta applied on its base")
        try receiver.send([frame(3, put("b", 30))])
        #expect(bodies(try receiver.writtenFrames()) == [.ack(sequence: 3)])
        #expect(storage.count == 2, "live again: applied at once")
    }

    @Test func aStorageThatDoesNotServeYetAnswersNotReadyAtOnce() throws {
        let storage = HoldingStorage()
        var receiver = try self.receiver(storage)
        try receiver.send([Frame(sequence: 1, flags: .ackRequested, body: .stateRequest(StateRequest()))])
        guard case .nack(1, .notReady, _)? = bodies(try receiver.writtenFrames()).first else {
            Issue.record("expected a not-ready nack")
            return
        }
        storage.release(receiver.store)
        try receiver.send([Frame(sequence: 2, flags: .ackRequested, body: .stateRequest(StateRequest()))])
        receiver.channel.embeddedEventLoop.run()
        #expect(bodies(try receiver.writtenFrames()).contains { if case .stateEnd = $0 { true } else { false } })
    }
}
