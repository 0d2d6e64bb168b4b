import TernCore

extension ClusterKeyID {
    /// The label the id's MAC is computed over (docs/SECURITY.md, "Key ids").
    static let label = Array("tern cluster key id".utf8)

    /// The id of a key: the first 8 bytes of HMAC-SHA-256 under the key over `tern cluster key id`.
    /// One-way, so publishing the id reveals nothing of the key.
    public static func derive(from keyBytes: [UInt8]) -> ClusterKeyID {
        let mac = HMACSHA256(key: keyBytes).code(label)
        return ClusterKeyID(mac.prefix(byteCount).reduce(0) { $0 << 8 | UInt64($1) })
    }
}

extension ClusterKey {
    /// Creates a key from its 32 `bytes`, with its derived id.
    public init(bytes: [UInt8]) throws(ClusterKeyError) {
        try self.init(bytes: bytes, derive: ClusterKeyID.derive(from:))
    }

    /// A new random key from the system's secure generator (getrandom(2) on Linux).
    public static func random() -> ClusterKey {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        for _ in 0..<(byteCount / 8) { withUnsafeBytes(of: generator.next() as UInt64) { bytes += $0 } }
        // 32 bytes by construction, so this cannot throw.
        return try! ClusterKey(bytes: bytes)
    }
}

extension ClusterKeyFile {
    /// Parses a key file's text, naming each key by its derived id.
    public static func parse(_ text: String) throws(ClusterKeyFileError) -> ClusterKeyRing {
        try parse(text, derive: ClusterKeyID.derive(from:))
    }
}
