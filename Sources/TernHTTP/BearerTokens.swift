import Crypto

/// The bearer tokens a node accepts (`--http-token-file`), held as HMAC-SHA-256 digests under a key
/// drawn at start. A presented token is digested the same way and compared with every digest, each
/// byte of each: the time taken depends on neither where the first differing byte is, nor on which
/// token matched, nor (beyond the HMAC's own blocks) on the length of the token presented.
public struct BearerTokens: Sendable {
    private let key: SymmetricKey
    private let digests: [[UInt8]]

    /// The tokens; nil when there are none.
    public init?(_ tokens: [String]) {
        guard !tokens.isEmpty else { return nil }
        let key = SymmetricKey(size: .bits256)
        self.key = key
        digests = tokens.map { Self.digest(Array($0.utf8), key: key) }
    }

    /// How many tokens are accepted.
    public var count: Int { digests.count }

    /// Whether `token` is one of the tokens.
    public func accepts(_ token: Substring.UTF8View) -> Bool {
        accepts(Array(token))
    }

    /// Whether the UTF-8 bytes `token` are one of the tokens.
    public func accepts(_ token: [UInt8]) -> Bool {
        let presented = Self.digest(token, key: key)
        var matched = false
        for digest in digests {
            var difference: UInt8 = 0
            for (a, b) in zip(digest, presented) { difference |= a ^ b }
            matched = matched || difference == 0
        }
        return matched
    }

    private static func digest(_ bytes: [UInt8], key: SymmetricKey) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: bytes, using: key))
    }
}
