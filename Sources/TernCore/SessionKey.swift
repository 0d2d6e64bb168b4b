/// Identifies a session: the context (application) it belongs to and its id within it.
///
/// Equality, hashing and order are over the UTF-8 bytes, as on the wire and in snapshots. A key
/// hashes its bytes once, when it is made (docs/PERFORMANCE.md, "Session keys"): tables then hash
/// one word instead of the strings, and equality tells most unequal keys apart by that word
/// without reading the strings.
public struct SessionKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The application the session belongs to, e.g. `shop`.
    public var context: String {
        didSet { digest = Self.digest(context, id) }
    }
    /// The session id, unique within its context.
    public var id: String {
        didSet { digest = Self.digest(context, id) }
    }
    /// The hash of the bytes, with this process's random seed (as `Hasher` always is), so a peer
    /// cannot choose keys that collide.
    private(set) var digest: Int

    /// Creates a key.
    public init(context: String, id: String) {
        self.context = context
        self.id = id
        digest = Self.digest(context, id)
    }

    private static func digest(_ context: String, _ id: String) -> Int {
        var hasher = Hasher()
        context.hashUTF8(into: &hasher)
        id.hashUTF8(into: &hasher)
        return hasher.finalize()
    }

    /// Orders keys by context bytes, then id bytes: the order of records in a snapshot.
    public static func < (lhs: SessionKey, rhs: SessionKey) -> Bool {
        if lhs.context.utf8Equals(rhs.context) {
            return lhs.id.utf8Precedes(rhs.id)
        }
        return lhs.context.utf8Precedes(rhs.context)
    }

    /// Byte-wise equality.
    public static func == (lhs: SessionKey, rhs: SessionKey) -> Bool {
        lhs.digest == rhs.digest && lhs.id.utf8Equals(rhs.id) && lhs.context.utf8Equals(rhs.context)
    }

    /// Hashes the UTF-8 bytes (through the digest made of them).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(digest)
    }

    /// `context/id`.
    public var description: String {
        "\(context)/\(id)"
    }
}
