import NIOCore
import NIOEmbedded
import Synchronization
import TernCore
import TernTestKit
import TernWire
import Testing

@testable import TernNet

/// A node's storage behind a real receiver connection: live messages held while it starts,
/// acknowledged at once, applied in order through `NodeSessions` once the start-up lets them through.
@Suite("NodeStorage: a starting node's receiver")
struct NodeStorageTests {
    /// The storage, its receiver, and a clock the test moves.
    private struct Fixture {
        let storage: NodeStorage
        var receiver: EmbeddedReceiver
        let clock = SharedClock()

        init() throws {
            let clock = self.clock
            let now: @Sendable () -> UnixMillis = { clock.now }
            let startup = NodeStartup(
                now: now(), discoveryWindow: 1000, stateTimeout: 5000, requireState: false,
                limits: ReplicationQueueLimits(maxMessages: 100, maxBytes: 1 << 20))
            storage = NodeStorage(sessions: NodeSessionConfiguration(member: Samples.memberA), startup: startup, now: now)
            let store = ReplicaStore(
                loop: EmbeddedEventLoop(),
                configuration: ReceiverConfiguration(identity: receiverIdentity, servesState: true),
                events: nil, storage: storage, logger: quietLogger)
            // What NodeRuntime.drive does with the actions this test can cause.
            storage.onStartupActions = { [storage] actions in
                for action in actions {
                    switch action {
                    case .apply(let messages), .applyQueued(let messages): store.releaseHeld(messages)
                    default: break
                    }
                }
                _ = storage
            }
            receiver = try EmbeddedReceiver(store: store)
            try receiver.greet()
        }

        /// The discovery window ends with no ready member: what was held is applied, the node is ready.
        mutating func endWindow() {
            clock.advance(by: 1000)
            storage.onStartupActions?(storage.startup.onTimer(now: clock.now, sources: []))
        }
    }

    @Test func liveMessagesAreHeldAcknowledgedAndAppliedInOrderAfterTheWindow() throws {
        var fixture = try Fixture()
        let base = Samples.session("a", version: Samples.version(20), attributes: ["x": "1"])
        let delta = SessionDelta(
            key: base.key, base: base.version, version: Samples.version(21), lastAccessed: Samples.epoch,
            maxInactiveSeconds: 1800, set: Attributes([Attribute(name: "y", value: [2])]), remove: [])
        try fixture.receiver.send([frame(1, .put(base)), frame(2, .delta(delta))])
        #expect(bodies(try fixture.receiver.writtenFrames()) == [.ack(sequence: 1), .ack(sequence: 2)])
        #expect(fixture.storage.count == 0, "held, not applied")
        #expect(fixture.storage.startup.queuedCount == 2)
        fixture.endWindow()
        #expect(fixture.storage.sessions.store[base.key]?.version == Samples.version(21))
        #expect(fixture.storage.sessions.sessionsPerContext["shop"] == 1, "applied through NodeSessions")
        try fixture.receiver.send([frame(3, put("b", 30))])
        #expect(bodies(try fixture.receiver.writtenFrames()) == [.ack(sequence: 3)])
        #expect(fixture.storage.count == 2, "ready: applied at once")
    }

    @Test func aStartingNodeAnswersStateRequestsNotReadyAtOnce() throws {
        var fixture = try Fixture()
        try fixture.receiver.send([Frame(sequence: 1, flags: .ackRequested, body: .stateRequest(StateRequest()))])
        guard case .nack(1, .notReady, _)? = bodies(try fixture.receiver.writtenFrames()).first else {
            Issue.record("expected a not-ready nack")
            return
        }
        fixture.endWindow()
        try fixture.receiver.send([Frame(sequence: 2, flags: .ackRequested, body: .stateRequest(StateRequest()))])
        fixture.receiver.channel.embeddedEventLoop.run()
        #expect(bodies(try fixture.receiver.writtenFrames()).contains { if case .stateEnd = $0 { true } else { false } })
    }
}

/// A `ManualClock` that closures handed to the code under test can read.
private final class SharedClock: Sendable {
    private let clock = Mutex(ManualClock())

    var now: UnixMillis { clock.withLock { $0.now } }

    func advance(by milliseconds: Int64) {
        clock.withLock { $0.advance(by: milliseconds) }
    }
}
