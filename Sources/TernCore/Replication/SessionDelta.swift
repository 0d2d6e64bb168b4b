/// The attribute changes one request made to a session, and the version they build on.
///
/// A receiver applies it only to exactly `base`; holding anything else (nothing, an older or a
/// different version) it asks for the whole session instead of guessing (DESIGN.md §4).
public struct SessionDelta: Sendable, Hashable {
    /// The session changed.
    public var key: SessionKey
    /// The version the changes build on.
    public var base: Version
    /// The version of the session after the changes.
    public var version: Version
    /// The access time after the request.
    public var lastAccessed: UnixMillis
    /// The max inactive interval after the request, in seconds (≤ 0: never expires).
    public var maxInactiveSeconds: Int32
    /// Attributes set or replaced, in canonical (name) order.
    public var set: Attributes
    /// Names of attributes removed, sorted and distinct, none of them also in `set`.
    public var remove: [String]

    /// Creates a delta.
    public init(
        key: SessionKey, base: Version, version: Version, lastAccessed: UnixMillis, maxInactiveSeconds: Int32,
        set: Attributes, remove: [String]
    ) {
        self.key = key
        self.base = base
        self.version = version
        self.lastAccessed = lastAccessed
        self.maxInactiveSeconds = maxInactiveSeconds
        self.set = set
        self.remove = remove
    }
}
