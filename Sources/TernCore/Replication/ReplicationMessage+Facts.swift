extension ReplicationMessage {
    /// The newest version the message carries (nil for an empty touch batch): what the receiver's
    /// hybrid clock observes, and checks against its drift bound, before applying.
    public var newestVersion: Version? {
        switch self {
        case .put(let session): session.version
        case .delta(let delta): delta.version
        case .touch(let touches): touches.map(\.version).max()
        case .expire(let tombstone): tombstone.version
        case .changeID(let change): change.version
        }
    }

    /// The keys the message changes, in message order (the old key, then the new one, for an id change).
    public var keys: [SessionKey] {
        switch self {
        case .put(let session): [session.key]
        case .delta(let delta): [delta.key]
        case .touch(let touches): touches.map(\.key)
        case .expire(let tombstone): [tombstone.key]
        case .changeID(let change): [change.key, change.newKey]
        }
    }

    /// A short name of the kind: `put`, `delta`, `touch`, `expire`, `change-id`.
    public var kindName: String {
        switch self {
        case .put: "put"
        case .delta: "delta"
        case .touch: "touch"
        case .expire: "expire"
        case .changeID: "change-id"
        }
    }

    /// An estimate of the message's encoded size in bytes (keys, attribute names and values, and a
    /// fixed overhead per message and per attribute), what queue byte limits count. It is not the
    /// wire size, only close to it and deterministic.
    public var estimatedBytes: Int {
        let overhead = 64
        switch self {
        case .put(let session):
            return overhead + session.key.estimatedBytes + session.attributes.estimatedBytes
        case .delta(let delta):
            return overhead + delta.key.estimatedBytes + delta.set.estimatedBytes
                + delta.remove.reduce(0) { $0 + 4 + $1.utf8.count }
        case .touch(let touches):
            return touches.reduce(overhead) { $0 + 40 + $1.key.estimatedBytes }
        case .expire(let tombstone):
            return overhead + tombstone.key.estimatedBytes
        case .changeID(let change):
            return overhead + change.key.estimatedBytes + 2 + change.newID.utf8.count
        }
    }
}

extension SessionKey {
    /// Context and id bytes with their length prefixes.
    var estimatedBytes: Int { 4 + context.utf8.count + id.utf8.count }
}

extension Attributes {
    /// Names and values with their length prefixes.
    var estimatedBytes: Int { 8 * count + nameBytes + valueBytes }
}
