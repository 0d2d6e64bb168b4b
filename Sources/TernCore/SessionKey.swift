/// Identifies a session: the context (application) it belongs to and its id within it.
///
/// Equality, hashing and order are over the UTF-8 bytes, as on the wire and in snapshots.
public struct SessionKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The application the session belongs to, e.g. `shop`.
    public var context: String
    /// The session id, unique within its context.
    public var id: String

    /// Creates a key.
    public init(context: String, id: String) {
        self.context = context
        self.id = id
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
        lhs.context.utf8Equals(rhs.context) && lhs.id.utf8Equals(rhs.id)
    }

    /// Hashes the UTF-8 bytes.
    public func hash(into hasher: inout Hasher) {
        context.hashUTF8(into: &hasher)
        id.hashUTF8(into: &hasher)
    }

    /// `context/id`.
    public var description: String {
        "\(context)/\(id)"
    }
}
