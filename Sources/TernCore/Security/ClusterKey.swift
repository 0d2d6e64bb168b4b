/// The short public name of a cluster key: 8 bytes derived from the key by a one-way function
/// (TernWire's `ClusterKeyID.derive(from:)`), carried on the wire so that a receiver picks the key
/// without trying each one, and printed for people instead of the key (docs/SECURITY.md).
public struct ClusterKeyID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 8 bytes, as a big-endian integer.
    public var value: UInt64

    /// Creates an id from its bytes as a big-endian integer.
    public init(_ value: UInt64) {
        self.value = value
    }

    /// The number of bytes an id takes on the wire.
    public static let byteCount = 8

    /// Derives the id of a key's bytes; injected, since the one-way function needs a hash and the core
    /// has none.
    public typealias Derivation = @Sendable ([UInt8]) -> ClusterKeyID

    /// 16 lowercase hexadecimal digits.
    public var description: String { Hex.padded(value) }

    /// Orders by value.
    public static func < (lhs: ClusterKeyID, rhs: ClusterKeyID) -> Bool { lhs.value < rhs.value }
}

/// A shared cluster key: exactly 32 secret bytes and their id. It never prints its bytes:
/// `description`, `debugDescription` and reflection (`dump`) show only the id.
public struct ClusterKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The length of every key, in bytes.
    public static let byteCount = 32

    /// The secret bytes; only the code that signs and verifies should read them.
    public let bytes: [UInt8]
    /// The key's public id.
    public let id: ClusterKeyID

    /// Creates a key from its `bytes`, named by `derive`; throws when there are not exactly 32 bytes.
    public init(bytes: [UInt8], derive: ClusterKeyID.Derivation) throws(ClusterKeyError) {
        guard bytes.count == Self.byteCount else { throw .wrongLength(bytes.count) }
        self.bytes = bytes
        self.id = derive(bytes)
    }

    /// `key 0123456789abcdef`: the id, never the bytes.
    public var description: String { "key \(id)" }

    /// The same as `description`.
    public var debugDescription: String { description }

    /// Shows the id only, so `dump` and debuggers do not print the bytes either.
    public var customMirror: Mirror { Mirror(self, children: ["id": id]) }
}

/// Why bytes are not a cluster key.
public enum ClusterKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not 32 bytes long (the count found).
    case wrongLength(Int)

    /// Lowercase text; never the bytes.
    public var description: String {
        switch self {
        case .wrongLength(let count):
            "a cluster key is \(ClusterKey.byteCount) bytes, found \(count)"
        }
    }
}
