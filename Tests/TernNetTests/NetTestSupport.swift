import Logging
import NIOCore
import NIOEmbedded
import TernCore
import TernTestKit
import TernWire

@testable import TernNet

/// The receiver's identity in these tests.
let receiverIdentity = ReplicationIdentity(domain: "test", member: Samples.memberA)
/// A sender of the same domain.
let senderIdentity = ReplicationIdentity(domain: "test", member: Samples.memberB)
/// A logger that prints nothing.
let quietLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

/// A `ReceiverConnectionHandler` on an `EmbeddedChannel`, with its store on the same loop: frames go
/// in as decoded items, and what the handler writes comes out decoded.
struct EmbeddedReceiver {
    let channel: EmbeddedChannel
    let store: ReplicaStore
    private var decoder = ReplicationDecoder()

    /// A connection to a new store.
    init(
        configuration: ReceiverConfiguration = ReceiverConfiguration(identity: receiverIdentity),
        events: ReceiverEventSink? = nil
    )
        throws
    {
        let loop = EmbeddedEventLoop()
        try self.init(
            store: ReplicaStore(loop: loop, configuration: configuration, events: events, logger: quietLogger))
    }

    /// Another connection to `store` (whose loop must be an `EmbeddedEventLoop`).
    init(store: ReplicaStore, port: Int = 5555) throws {
        let channel = EmbeddedChannel(loop: store.loop as! EmbeddedEventLoop)
        self.store = store
        try channel.pipeline.syncOperations.addHandler(
            ReceiverConnectionHandler(store: store, configuration: store.configuration, logger: quietLogger))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: port)).wait()
        self.channel = channel
    }

    /// Sends the sender's preface.
    func greet(_ identity: ReplicationIdentity = senderIdentity) throws {
        var buffer = ByteBufferAllocator().buffer(capacity: 64)
        try identity.preface.encode(into: &buffer)
        try channel.writeInbound(buffer)
    }

    /// Sends frames as one read burst (one buffer).
    func send(_ frames: [Frame]) throws {
        var buffer = ByteBufferAllocator().buffer(capacity: 1024)
        for frame in frames { try frame.encode(into: &buffer) }
        try channel.writeInbound(buffer)
        channel.pipeline.fireChannelReadComplete()
    }

    /// Sends raw bytes (split frames, garbage).
    func send(bytes: [UInt8]) throws {
        var buffer = ByteBufferAllocator().buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        try channel.writeInbound(buffer)
        channel.pipeline.fireChannelReadComplete()
    }

    /// Everything the handler wrote so far, decoded (the receiver's preface first).
    mutating func written() throws -> [ReplicationItem] {
        var items: [ReplicationItem] = []
        while var buffer = try channel.readOutbound(as: ByteBuffer.self) {
            while let item = try decoder.next(&buffer) { items.append(item) }
        }
        return items
    }

    /// The frames written so far (the preface left out).
    mutating func writtenFrames() throws -> [Frame] {
        try written().compactMap { if case .frame(let frame) = $0 { frame } else { nil } }
    }

    /// The store's records (the embedded loop is the test's thread).
    var records: [SessionKey: StoreRecord] {
        Dictionary(uniqueKeysWithValues: store.storage.cut().records.values.map { ($0.key, $0) })
    }
}

/// A put of session `id` at version `physical`.
func put(_ id: String, _ physical: UInt64, context: String = "shop", value: String = "v") -> ReplicationMessage {
    .put(Samples.session(id, context: context, version: Samples.version(physical), attributes: ["a": value]))
}

/// A data frame asking for an ack.
func frame(_ sequence: UInt64, _ message: ReplicationMessage, ack: Bool = true) -> Frame {
    Frame(sequence: sequence, flags: ack ? .ackRequested : [], body: .message(message))
}

/// The bodies of `frames`.
func bodies(_ frames: [Frame]) -> [FrameBody] {
    frames.map(\.body)
}
