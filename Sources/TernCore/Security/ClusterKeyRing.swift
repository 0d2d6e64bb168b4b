/// The cluster keys a member holds, in order: the first signs and encrypts what the member sends,
/// all of them are accepted from others, so keys rotate without downtime (docs/SECURITY.md).
public struct ClusterKeyRing: Sendable, Hashable, CustomStringConvertible {
    /// The keys, never empty, in the order of the key file; a key listed twice is kept once.
    public let keys: [ClusterKey]

    /// Creates a ring of `keys` (first = signing); nil when `keys` is empty.
    public init?(_ keys: [ClusterKey]) {
        var unique: [ClusterKey] = []
        for key in keys where !unique.contains(key) { unique.append(key) }
        guard !unique.isEmpty else { return nil }
        self.keys = unique
    }

    /// The key this member signs and encrypts with: the first.
    public var signing: ClusterKey { keys[0] }

    /// The key named `id`, if this ring holds it.
    public func key(for id: ClusterKeyID) -> ClusterKey? {
        keys.first { $0.id == id }
    }

    /// `keys 0123456789abcdef (signing), fedcba9876543210`: the ids, never the bytes.
    public var description: String {
        "keys "
            + keys.enumerated().map { $0.offset == 0 ? "\($0.element.id) (signing)" : "\($0.element.id)" }
            .joined(separator: ", ")
    }
}
