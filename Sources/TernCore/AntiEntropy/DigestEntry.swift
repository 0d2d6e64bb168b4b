/// What anti-entropy knows of one record without its content: its key, its version, and whether it
/// is a tombstone (with its retention). Two members compare these to find which of them holds the
/// newer record of a key.
public struct DigestEntry: Sendable, Hashable {
    /// The record's key.
    public var key: SessionKey
    /// The record's version.
    public var version: Version
    /// For a tombstone, when it may be forgotten; nil for a session.
    public var retainUntil: UnixMillis?

    /// Creates an entry.
    public init(key: SessionKey, version: Version, retainUntil: UnixMillis?) {
        self.key = key
        self.version = version
        self.retainUntil = retainUntil
    }

    /// The entry of `record`.
    public init(_ record: StoreRecord) {
        switch record {
        case .session(let session): self.init(key: session.key, version: session.version, retainUntil: nil)
        case .tombstone(let tombstone):
            self.init(key: tombstone.key, version: tombstone.version, retainUntil: tombstone.retainUntil)
        }
    }

    /// Whether the entry is a tombstone's.
    public var isTombstone: Bool { retainUntil != nil }

    /// Whether newest-wins keeps `other`'s record over this one's: a newer version, or at the same
    /// version a tombstone over a session (`StoreRecord.newest`). Entries of the same version and
    /// kind are the same change: neither is newer.
    public func isOlder(than other: DigestEntry) -> Bool {
        if version != other.version { return version < other.version }
        return !isTombstone && other.isTombstone
    }

    /// Whether this is a tombstone whose retention ended before `now`: a member that still holds it
    /// is about to forget it, so anti-entropy neither sends nor asks for it (otherwise two members
    /// that purge at different moments would hand it back and forth for ever).
    public func isForgettable(at now: UnixMillis) -> Bool {
        guard let retainUntil else { return false }
        return retainUntil < now
    }
}
