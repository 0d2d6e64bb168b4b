extension AsyncReplicationQueue {
    /// One queued change: a message of one session (a touch batch is queued one touch per entry).
    enum Entry: Sendable, Hashable {
        case put(Session)
        case delta(SessionDelta)
        case touch(SessionTouch)
        case expire(Tombstone)
        case changeID(SessionIDChange)

        /// The entry of a message that is not a touch batch (a batch is one entry per touch).
        init(_ message: ReplicationMessage) {
            switch message {
            case .put(let session): self = .put(session)
            case .delta(let delta): self = .delta(delta)
            case .touch(let touches): self = .touch(touches[0])
            case .expire(let tombstone): self = .expire(tombstone)
            case .changeID(let change): self = .changeID(change)
            }
        }

        /// The version the entry brings its session to.
        var version: Version {
            switch self {
            case .put(let session): session.version
            case .delta(let delta): delta.version
            case .touch(let touch): touch.version
            case .expire(let tombstone): tombstone.version
            case .changeID(let change): change.version
            }
        }

        /// The session the entry changes (the old key, for an id change).
        var key: SessionKey {
            switch self {
            case .put(let session): session.key
            case .delta(let delta): delta.key
            case .touch(let touch): touch.key
            case .expire(let tombstone): tombstone.key
            case .changeID(let change): change.key
            }
        }

        /// The estimated bytes the entry holds.
        var estimatedBytes: Int {
            switch self {
            case .touch(let touch): 40 + touch.key.estimatedBytes
            default: message.estimatedBytes
            }
        }

        /// The entry as a message of its own.
        var message: ReplicationMessage {
            switch self {
            case .put(let session): .put(session)
            case .delta(let delta): .delta(delta)
            case .touch(let touch): .touch([touch])
            case .expire(let tombstone): .expire(tombstone)
            case .changeID(let change): .changeID(change)
            }
        }

        /// The entry as a message of its own, moved rather than copied (it may hold a whole session).
        consuming func intoMessage() -> ReplicationMessage {
            switch consume self {
            case .put(let session): .put(session)
            case .delta(let delta): .delta(delta)
            case .touch(let touch): .touch([touch])
            case .expire(let tombstone): .expire(tombstone)
            case .changeID(let change): .changeID(change)
            }
        }

        /// Whether the entry is an id change (which nothing before it merges with).
        var isIDChange: Bool {
            if case .changeID = self { true } else { false }
        }

        /// Whether the entry replaces its session whole (a put or an expire).
        var isWhole: Bool {
            switch self {
            case .put, .expire: true
            default: false
            }
        }

        /// `self` followed by `next` of the same key as one entry, or nil when they don't combine.
        func absorbing(_ next: Entry) -> Entry? {
            switch (self, next) {
            case (.put(let session), .delta(let delta)) where delta.base == session.version:
                return .put(delta.applied(to: session))
            case (.delta(let first), .delta(let second)):
                return first.followed(by: second).map { .delta($0) }
            case (.touch(let touch), .delta(let delta)) where delta.base == touch.version:
                return next
            case (.put(var session), .touch(let touch)) where touch.version == session.version:
                session.lastAccessed = max(session.lastAccessed, touch.lastAccessed)
                return .put(session)
            case (.delta(var delta), .touch(let touch)) where touch.version == delta.version:
                delta.lastAccessed = max(delta.lastAccessed, touch.lastAccessed)
                return .delta(delta)
            case (.touch(var held), .touch(let touch)) where touch.version == held.version:
                held.lastAccessed = max(held.lastAccessed, touch.lastAccessed)
                return .touch(held)
            case (.touch(let held), .touch(let touch)) where touch.version > held.version:
                return next
            default:
                return nil
            }
        }
    }
}
