/// What a session operation of a node did: the session as it is now, and what to replicate.
public struct NodeWrite: Sendable, Hashable {
    /// The session after the operation; nil when it was invalidated.
    public var session: Session?
    /// The message to send to every peer; nil when nothing needs sending now (a write that changed
    /// nothing under `--dirty-only` replicates later, as a touch).
    public var message: ReplicationMessage?

    /// Creates a result.
    public init(session: Session?, message: ReplicationMessage?) {
        self.session = session
        self.message = message
    }
}

/// Why a node refused a session operation.
public enum NodeSessionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No live session has this key (never created, invalidated, or expired).
    case notFound(SessionKey)
    /// The write would leave the session with more than `limit` attributes; nothing changed.
    case tooManyAttributes(SessionKey, limit: Int)
    /// The context already holds `limit` sessions (`--max-sessions`); no session was created.
    case tooManySessions(context: String, limit: Int)

    /// One line, lowercase.
    public var description: String {
        switch self {
        case .notFound(let key): "no session \(key.id) in context \(key.context)"
        case .tooManyAttributes(let key, let limit):
            "session \(key.id) in context \(key.context) would hold more than \(limit) attributes"
        case .tooManySessions(let context, let limit):
            "context \(context) holds its limit of \(limit) sessions (--max-sessions); "
                + "try again once some expire or are invalidated"
        }
    }
}

/// What a node has done since it started, for `/metrics`.
public struct NodeSessionCounters: Sendable, Hashable {
    /// Sessions created here.
    public var created = 0
    /// Reads that counted as an access.
    public var accessed = 0
    /// Writes (replace and patch) made here.
    public var written = 0
    /// Sessions invalidated here.
    public var invalidated = 0
    /// Sessions this node expired for inactivity (each replicated as an expire).
    public var expired = 0
    /// Touch batches handed out, and the touches in them.
    public var touchBatches = 0
    /// Touches in those batches.
    public var touches = 0
    /// Replicated messages refused because their version was too far ahead of the clock.
    public var clockAhead = 0
    /// Creates and replicated puts of new sessions refused because their context was full.
    public var sessionLimit = 0

    /// All zero.
    public init() {}
}
