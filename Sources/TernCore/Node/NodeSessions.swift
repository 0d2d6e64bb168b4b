/// A node's sessions: the versioned store with the operations of the HTTP API, each returning what
/// to replicate, plus the expiry schedule, the touch batch and the hybrid clock that stamps local
/// changes. Pure: time and randomness are arguments. See docs/NODE.md.
///
/// Every change to the store, local or replicated, goes through here, so the expiry schedule stays
/// exact without scanning the store.
public struct NodeSessions: Sendable {
    /// How the sessions behave.
    public let configuration: NodeSessionConfiguration
    /// The store: sessions and tombstones.
    public internal(set) var store = SessionStore()
    /// The clock that stamps this node's changes and observes its peers'.
    public internal(set) var clock: HybridLogicalClock
    /// What the node has done.
    public internal(set) var counters = NodeSessionCounters()
    /// Live sessions (expired ones included until the expiry check removes them) per context.
    public var sessionsPerContext: [String: Int] { store.sessionsPerContext }
    var expiry = ExpirySchedule()
    var touches: TouchBatch

    /// An empty store for a node configured by `configuration`.
    public init(configuration: NodeSessionConfiguration) {
        self.configuration = configuration
        clock = HybridLogicalClock(member: configuration.member, maxDrift: configuration.maxClockDrift)
        touches = TouchBatch(interval: configuration.touchInterval)
    }

    /// When the shell's timer should next fire: the earliest expiry deadline or touch batch.
    public var nextDeadline: UnixMillis? {
        [expiry.nextDeadline, touches.dueAt].compactMap { $0 }.min()
    }

    /// The live session of `key` at `now`, without counting an access.
    public func session(_ key: SessionKey, at now: UnixMillis) -> Session? {
        store.session(key, at: now)
    }

    // MARK: - Operations

    /// Creates a session in `context` with a new random id (and the configured route); the message
    /// is always the whole session. Refused, with nothing changed, when the context already holds
    /// `configuration.maxSessionsPerContext` sessions.
    public mutating func create<G: RandomNumberGenerator>(
        context: String, attributes: Attributes = Attributes(), maxInactiveSeconds: Int32? = nil, now: UnixMillis,
        using generator: inout G
    ) throws(NodeSessionError) -> NodeWrite {
        let limit = configuration.maxSessionsPerContext
        guard store.sessionCount(in: context) < limit else {
            counters.sessionLimit += 1
            throw .tooManySessions(context: context, limit: limit)
        }
        var key: SessionKey
        repeat {
            key = SessionKey(
                context: context, id: SessionIDGenerator.next(using: &generator, route: configuration.route))
        } while store[key] != nil
        let session = Session(
            key: key, created: now, lastAccessed: now,
            maxInactiveSeconds: maxInactiveSeconds ?? configuration.defaultMaxInactiveSeconds,
            version: clock.stamp(now: now), attributes: attributes)
        record(.session(session), replacing: nil)
        counters.created += 1
        return NodeWrite(session: session, message: .put(session))
    }

    /// A request reads `key` at `now`: the session, its access time moved to `now` and queued for
    /// the next touch batch.
    public mutating func access(_ key: SessionKey, now: UnixMillis) throws(NodeSessionError) -> Session {
        guard let session = store.session(key, at: now) else { throw .notFound(key) }
        counters.accessed += 1
        return touched(session, now: now)
    }

    /// Replaces the attributes of `key` (and its max inactive interval, when given).
    public mutating func replace(
        _ key: SessionKey, attributes: Attributes, maxInactiveSeconds: Int32? = nil, now: UnixMillis
    ) throws(NodeSessionError) -> NodeWrite {
        guard let held = store.session(key, at: now) else { throw .notFound(key) }
        let removed = held.attributes.names.filter { attributes.position(of: $0) == nil }
        return write(held, set: attributes, remove: removed, maxInactiveSeconds: maxInactiveSeconds, now: now)
    }

    /// Sets and removes attributes of `key` (and changes its max inactive interval, when given).
    /// A name both set and removed is set. Refused, with nothing changed, when the session would
    /// hold more than `maxAttributes` attributes.
    public mutating func patch(
        _ key: SessionKey, set: Attributes, remove: [String], maxInactiveSeconds: Int32? = nil,
        maxAttributes: Int = .max, now: UnixMillis
    ) throws(NodeSessionError) -> NodeWrite {
        guard let held = store.session(key, at: now) else { throw .notFound(key) }
        let removed = Self.distinct(remove).filter {
            set.position(of: $0) == nil && held.attributes.position(of: $0) != nil
        }
        let added = set.names.filter { held.attributes.position(of: $0) == nil }.count
        guard held.attributes.count + added - removed.count <= maxAttributes else {
            throw .tooManyAttributes(key, limit: maxAttributes)
        }
        return write(held, set: set, remove: removed, maxInactiveSeconds: maxInactiveSeconds, now: now)
    }

    /// Invalidates `key`: a tombstone replaces it, replicated as an expire.
    public mutating func invalidate(_ key: SessionKey, now: UnixMillis) throws(NodeSessionError) -> NodeWrite {
        guard let held = store.session(key, at: now) else { throw .notFound(key) }
        counters.invalidated += 1
        return NodeWrite(session: nil, message: remove(held, now: now))
    }

    /// Up to `limit` ids of live sessions in `context`, in byte order, after `after` when given.
    public func ids(in context: String, after: String? = nil, limit: Int, now: UnixMillis) -> [String] {
        var ids: [String] = []
        for record in store.records.values {
            guard let session = record.session, session.key.context.utf8Equals(context),
                !session.isExpired(at: now)
            else { continue }
            let key = session.key
            if let after, !after.utf8Precedes(key.id) { continue }
            ids.append(key.id)
        }
        ids.sort { $0.utf8Precedes($1) }
        return Array(ids.prefix(max(0, limit)))
    }

    // MARK: - Internals

    /// `names` sorted by bytes, each once.
    static func distinct(_ names: [String]) -> [String] {
        var result: [String] = []
        for name in names.sorted(by: { $0.utf8Precedes($1) }) where !(result.last?.utf8Equals(name) ?? false) {
            result.append(name)
        }
        return result
    }

    /// The write of a request to `held`: a new version with the attributes set and removed, and the
    /// message the configured style asks for.
    private mutating func write(
        _ held: Session, set: Attributes, remove: [String], maxInactiveSeconds: Int32?, now: UnixMillis
    ) -> NodeWrite {
        let dirty = Attributes(canonical: set.filter { !held.attributes.contains($0) })
        let maxInactive = maxInactiveSeconds ?? held.maxInactiveSeconds
        if configuration.style == .dirtyOnly && dirty.isEmpty && remove.isEmpty
            && maxInactive == held.maxInactiveSeconds
        {
            // Nothing changed: an access, not a version.
            counters.written += 1
            return NodeWrite(session: touched(held, now: now), message: nil)
        }
        let delta = SessionDelta(
            key: held.key, base: held.version, version: version(after: held.version, now: now),
            lastAccessed: max(now, held.lastAccessed),
            maxInactiveSeconds: maxInactive, set: configuration.style == .dirtyOnly ? dirty : set,
            remove: remove.sorted { $0.utf8Precedes($1) })
        let session = delta.applied(to: held)
        record(.session(session), replacing: held)
        touches.onReplicated(held.key)
        counters.written += 1
        return NodeWrite(session: session, message: configuration.style == .full ? .put(session) : .delta(delta))
    }

    /// A version for a change of a session held at `base`: the clock's next stamp, which is newer
    /// than `base` unless `base` is further ahead of the clock than its drift bound lets it follow
    /// (a record of a state transfer or a snapshot, applied without that bound); then the stamp
    /// right after `base`, so that the change still wins over what it changes.
    private mutating func version(after base: Version, now: UnixMillis) -> Version {
        clock.observe(base, now: now)
        let stamp = clock.stamp(now: now)
        guard stamp <= base else { return stamp }
        return base.logical == .max
            ? Version(physical: base.physical + 1, logical: 0, origin: configuration.member)
            : Version(physical: base.physical, logical: base.logical + 1, origin: configuration.member)
    }

    /// Moves the access time of `held` to `now` and queues it for the next touch batch.
    private mutating func touched(_ held: Session, now: UnixMillis) -> Session {
        var session = held
        session.lastAccessed = max(held.lastAccessed, now)
        store.touch(held.key, at: session.lastAccessed)
        touches.onAccess(
            SessionTouch(key: held.key, version: held.version, lastAccessed: session.lastAccessed), now: now)
        return session
    }

    /// Replaces `held` by a tombstone at a new version; returns the expire to replicate.
    mutating func remove(_ held: Session, now: UnixMillis) -> ReplicationMessage {
        let tombstone = Tombstone(
            key: held.key, version: version(after: held.version, now: now),
            retainUntil: now &+ configuration.tombstoneRetention)
        record(.tombstone(tombstone), replacing: held)
        touches.onReplicated(held.key)
        return .expire(tombstone)
    }

    /// Applies `record` to the store and keeps the schedule and the counts in step with what the
    /// store holds for its key now (`previous` is what it held before).
    mutating func record(_ record: StoreRecord, replacing previous: Session?) {
        store.apply(record)
        noteChange(of: record.key, from: previous)
    }

    /// The store's record of `key` changed from `previous`: update the schedule (the store keeps
    /// the counts).
    mutating func noteChange(of key: SessionKey, from previous: Session?) {
        let position = store.records.position(of: key)
        let current = position.flatMap { store.records[position: $0]?.session }
        expiry.onChange(from: previous, to: current, at: position)
    }
}
