import TernCore

/// What the HTTP routes need from a node: its session operations (each replicated as the node's
/// `--replication` mode says before it returns), its members, readiness and metrics.
public protocol SessionService: Sendable {
    /// Creates a session in `context`.
    func create(context: String, attributes: Attributes, maxInactiveSeconds: Int32?) async throws -> WriteReceipt
    /// Reads a session, counting as an access; throws `NodeSessionError.notFound` when absent or expired.
    func read(_ key: SessionKey) async throws -> Session
    /// Replaces a session's attributes.
    func replace(_ key: SessionKey, attributes: Attributes, maxInactiveSeconds: Int32?) async throws -> WriteReceipt
    /// Sets and removes attributes; throws `NodeSessionError.tooManyAttributes` rather than leave
    /// the session with more than `maxAttributes`.
    func patch(
        _ key: SessionKey, set: Attributes, remove: [String], maxInactiveSeconds: Int32?, maxAttributes: Int
    ) async throws -> WriteReceipt
    /// Invalidates a session.
    func invalidate(_ key: SessionKey) async throws -> WriteReceipt
    /// Up to `limit` ids of live sessions in `context`, after `after`, in byte order.
    func list(context: String, after: String?, limit: Int) async -> [String]
    /// The cluster as this node sees it, itself first.
    func members() async -> [MemberView]
    /// Whether the node serves sessions (state transferred, announced ready).
    func isReady() async -> Bool
    /// The Prometheus text of the node's metrics.
    func metrics() async -> String
}

/// What a write did: the session now, and how many peers acknowledged it.
public struct WriteReceipt: Sendable, Hashable {
    /// The session after the write; nil after an invalidation.
    public var session: Session?
    /// The version the write made (the tombstone's, for an invalidation).
    public var version: Version?
    /// Peers that acknowledged the write before the response (0 in async mode).
    public var acknowledged: Int
    /// Peers the write was sent to.
    public var peers: Int

    /// Creates a receipt.
    public init(session: Session?, version: Version?, acknowledged: Int, peers: Int) {
        self.session = session
        self.version = version
        self.acknowledged = acknowledged
        self.peers = peers
    }
}

/// A member as `GET /v1/members` shows it.
public struct MemberView: Sendable, Hashable, Codable {
    /// The member id, 32 hex digits.
    public var id: String
    /// Its name.
    public var name: String
    /// `starting`, `ready` or `leaving`.
    public var state: String
    /// `alive`, `left` or `dead` (`alive` for this node).
    public var status: String
    /// Its replication endpoint, if announced.
    public var endpoint: String?
    /// Whether this is the node answering.
    public var isSelf: Bool

    /// Creates a view.
    public init(id: String, name: String, state: String, status: String, endpoint: String?, isSelf: Bool) {
        self.id = id
        self.name = name
        self.state = state
        self.status = status
        self.endpoint = endpoint
        self.isSelf = isSelf
    }

    enum CodingKeys: String, CodingKey {
        case id, name, state, status, endpoint
        case isSelf = "self"
    }
}
