/// A session continues under a new id (as after a login, against session fixation): the old id is
/// removed and the session, with its attributes, lives on under `newID` at `version`.
public struct SessionIDChange: Sendable, Hashable {
    /// The session's key before the change.
    public var key: SessionKey
    /// The version of the session the change was made to.
    public var base: Version
    /// The new id, in the same context.
    public var newID: String
    /// The version of both the old id's tombstone and the renamed session.
    public var version: Version
    /// How long the old id's tombstone is kept.
    public var retainUntil: UnixMillis

    /// Creates an id change.
    public init(key: SessionKey, base: Version, newID: String, version: Version, retainUntil: UnixMillis) {
        self.key = key
        self.base = base
        self.newID = newID
        self.version = version
        self.retainUntil = retainUntil
    }

    /// The key the session has after the change.
    public var newKey: SessionKey { SessionKey(context: key.context, id: newID) }
}
