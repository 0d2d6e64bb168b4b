import NIOCore
import TernCore

/// What a write did on a node: the session now and what was replicated, how many peers
/// acknowledged it before the answer (0 in async mode) and how many it was sent to.
public struct NodeWriteResult: Sendable {
    /// The session and the message.
    public var write: NodeWrite
    /// Peers that acknowledged the message (sync, pooled) before the result.
    public var acknowledged: Int
    /// Peers the message was sent to.
    public var peers: Int
}

extension NodeRuntime {
    /// Creates a session in `context`.
    public func create(context: String, attributes: Attributes, maxInactiveSeconds: Int32?) async throws
        -> NodeWriteResult
    {
        try await write { runtime, now in
            try runtime.storage.sessions.create(
                context: context, attributes: attributes, maxInactiveSeconds: maxInactiveSeconds, now: now,
                using: &runtime.random)
        }
    }

    /// Reads `key`, counting as an access (replicated in the next touch batch).
    public func access(_ key: SessionKey) async throws -> Session {
        try await loop.submit { try self.storage.sessions.access(key, now: self.now) }.get()
    }

    /// Replaces the attributes of `key` (and its max inactive interval, when given).
    public func replace(_ key: SessionKey, attributes: Attributes, maxInactiveSeconds: Int32?) async throws
        -> NodeWriteResult
    {
        try await write { runtime, now in
            try runtime.storage.sessions.replace(
                key, attributes: attributes, maxInactiveSeconds: maxInactiveSeconds, now: now)
        }
    }

    /// Sets and removes attributes of `key`.
    public func patch(
        _ key: SessionKey, set: Attributes, remove: [String], maxInactiveSeconds: Int32?, maxAttributes: Int
    ) async throws -> NodeWriteResult {
        try await write { runtime, now in
            try runtime.storage.sessions.patch(
                key, set: set, remove: remove, maxInactiveSeconds: maxInactiveSeconds, maxAttributes: maxAttributes,
                now: now)
        }
    }

    /// Invalidates `key`.
    public func invalidate(_ key: SessionKey) async throws -> NodeWriteResult {
        try await write { runtime, now in try runtime.storage.sessions.invalidate(key, now: now) }
    }

    /// Up to `limit` ids of live sessions in `context` after `after`, in byte order.
    public func ids(in context: String, after: String?, limit: Int) async -> [String] {
        (try? await loop.submit { self.storage.sessions.ids(in: context, after: after, limit: limit, now: self.now) }
            .get()) ?? []
    }

    /// Whether the node serves (state in, `ready` announced).
    public func isReady() async -> Bool {
        (try? await loop.submit { self.storage.startup.phase == .ready }.get()) ?? false
    }

    /// Runs `operation` on the sessions, then replicates its message to every peer and waits as the
    /// replication mode says: for every peer's ack (sync, pooled) or until queued (async).
    private func write(_ operation: @escaping @Sendable (NodeRuntime, UnixMillis) throws -> NodeWrite) async throws
        -> NodeWriteResult
    {
        try await loop.flatSubmit { () -> EventLoopFuture<NodeWriteResult> in
            let write: NodeWrite
            do {
                write = try operation(self, self.now)
            } catch {
                if case NodeSessionError.tooManySessions = error { self.store.limitHit(.sessions, detail: "\(error)") }
                return self.loop.makeFailedFuture(error)
            }
            return self.replicate(write)
        }.get()
    }

    /// Sends `write`'s message to every peer; the future completes when each has answered (or, in
    /// async mode, queued it). Store loop only.
    func replicate(_ write: NodeWrite) -> EventLoopFuture<NodeWriteResult> {
        guard let message = write.message else {
            return loop.makeSucceededFuture(NodeWriteResult(write: write, acknowledged: 0, peers: 0))
        }
        store.publishLocalChange(message)
        let senders = peers.values.map(\.sender)
        guard !senders.isEmpty else {
            return loop.makeSucceededFuture(NodeWriteResult(write: write, acknowledged: 0, peers: 0))
        }
        let promise = loop.makePromise(of: NodeWriteResult.self)
        let tally = WriteTally(write: write, peers: senders.count, promise: promise)
        for sender in senders {
            sender.submit(message) { outcome in tally.count(outcome) }
        }
        return promise.futureResult
    }

    /// Sends an expire or a touch batch to every peer without waiting. Store loop only.
    func replicateInBackground(_ message: ReplicationMessage) {
        store.publishLocalChange(message)
        for peer in peers.values { peer.sender.submit(message) { _ in } }
    }
}

/// Counts the answers of one write's peers (on the node's loop, where every sender lives).
private final class WriteTally: @unchecked Sendable {
    private let write: NodeWrite
    private let peers: Int
    private let promise: EventLoopPromise<NodeWriteResult>
    private var answered = 0
    private var acknowledged = 0

    init(write: NodeWrite, peers: Int, promise: EventLoopPromise<NodeWriteResult>) {
        self.write = write
        self.peers = peers
        self.promise = promise
    }

    func count(_ outcome: SubmissionOutcome) {
        answered += 1
        if outcome == .acknowledged { acknowledged += 1 }
        if answered == peers {
            promise.succeed(NodeWriteResult(write: write, acknowledged: acknowledged, peers: peers))
        }
    }
}
