import TernCore

/// A node without peers: the session operations on a `NodeSessions` of its own, with expiry run by
/// whoever calls `tick`. What the route tests use, and the shape of the real service (TernNet),
/// which adds replication before it answers.
public actor LocalSessionService: SessionService {
    private var sessions: NodeSessions
    private var generator: any RandomNumberGenerator & Sendable
    private let now: @Sendable () -> UnixMillis
    private var ready: Bool
    private let name: String

    /// A node configured by `configuration`, reading time from `now` and drawing ids from
    /// `generator`; `ready` says what `/readyz` answers.
    public init(
        configuration: NodeSessionConfiguration, name: String = "", ready: Bool = true,
        generator: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(),
        now: @escaping @Sendable () -> UnixMillis
    ) {
        sessions = NodeSessions(configuration: configuration)
        self.generator = generator
        self.now = now
        self.ready = ready
        self.name = name
    }

    /// Sets what `/readyz` answers.
    public func setReady(_ ready: Bool) {
        self.ready = ready
    }

    /// Runs the expiry check and the touch timer now; returns the messages a real node would send.
    public func tick() -> [ReplicationMessage] {
        let time = now()
        return sessions.onExpiryTimer(now: time) + [sessions.onTouchTimer(now: time)].compactMap { $0 }
    }

    /// Creates a session.
    public func create(context: String, attributes: Attributes, maxInactiveSeconds: Int32?) throws -> WriteReceipt {
        let write = try sessions.create(
            context: context, attributes: attributes, maxInactiveSeconds: maxInactiveSeconds, now: now(),
            using: &generator)
        return receipt(write)
    }

    /// Reads a session.
    public func read(_ key: SessionKey) throws -> Session {
        try sessions.access(key, now: now())
    }

    /// Replaces a session's attributes.
    public func replace(_ key: SessionKey, attributes: Attributes, maxInactiveSeconds: Int32?) throws -> WriteReceipt {
        receipt(try sessions.replace(key, attributes: attributes, maxInactiveSeconds: maxInactiveSeconds, now: now()))
    }

    /// Sets and removes attributes.
    public func patch(
        _ key: SessionKey, set: Attributes, remove: [String], maxInactiveSeconds: Int32?, maxAttributes: Int
    ) throws -> WriteReceipt {
        receipt(
            try sessions.patch(
                key, set: set, remove: remove, maxInactiveSeconds: maxInactiveSeconds, maxAttributes: maxAttributes,
                now: now()))
    }

    /// Invalidates a session.
    public func invalidate(_ key: SessionKey) throws -> WriteReceipt {
        receipt(try sessions.invalidate(key, now: now()))
    }

    /// Lists ids.
    public func list(context: String, after: String?, limit: Int) -> [String] {
        sessions.ids(in: context, after: after, limit: limit, now: now())
    }

    /// Only this node.
    public func members() -> [MemberView] {
        [
            MemberView(
                id: sessions.configuration.member.description, name: name, state: ready ? "ready" : "starting",
                status: "alive", endpoint: nil, isSelf: true)
        ]
    }

    /// Whether the node is ready.
    public func isReady() -> Bool { ready }

    /// The session metrics.
    public func metrics() -> String {
        SessionMetrics.exposition(of: sessions)
    }

    private func receipt(_ write: NodeWrite) -> WriteReceipt {
        WriteReceipt(
            session: write.session, version: write.message?.newestVersion ?? write.session?.version, acknowledged: 0,
            peers: 0)
    }
}
