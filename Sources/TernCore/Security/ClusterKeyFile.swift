/// The text of a cluster key file: one key per line, base64 of exactly 32 bytes; blank lines and
/// lines starting with `#` are ignored; spaces and tabs around a key are allowed (docs/SECURITY.md).
public enum ClusterKeyFile {
    /// Parses `text` into a ring, naming each key with `derive`. Errors name the line, never its text.
    public static func parse(
        _ text: String, derive: ClusterKeyID.Derivation
    ) throws(ClusterKeyFileError) -> ClusterKeyRing {
        var keys: [ClusterKey] = []
        var number = 0
        // "\r\n" is one Character in Swift: a line end of its own, not a "\n" after a "\r".
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            let content = line.drop { $0 == " " || $0 == "\t" }
            let trimmed = content.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed()
            if trimmed.isEmpty || trimmed.first == "#" { continue }
            guard let bytes = Base64.decode(String(trimmed)) else { throw .notBase64(line: number) }
            do {
                keys.append(try ClusterKey(bytes: bytes, derive: derive))
            } catch {
                throw .wrongLength(line: number, bytes: bytes.count)
            }
        }
        guard let ring = ClusterKeyRing(keys) else { throw .noKeys }
        return ring
    }

    /// One key as its line in a key file: base64, without the line end.
    public static func line(for key: ClusterKey) -> String {
        Base64.encode(key.bytes)
    }
}

/// Why a key file's text is not a key ring. The text never repeats the line's content: it is a secret.
public enum ClusterKeyFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line is not base64.
    case notBase64(line: Int)
    /// The line is base64, of `bytes` bytes rather than 32.
    case wrongLength(line: Int, bytes: Int)
    /// No line holds a key.
    case noKeys

    /// Lowercase text naming the line.
    public var description: String {
        switch self {
        case .notBase64(let line):
            "line \(line): not a key (expected base64 of \(ClusterKey.byteCount) bytes)"
        case .wrongLength(let line, let bytes):
            "line \(line): a key of \(bytes) bytes (expected \(ClusterKey.byteCount))"
        case .noKeys:
            "no key in the file (expected one base64 key of \(ClusterKey.byteCount) bytes per line; "
                + "make one with tern-node keygen)"
        }
    }
}
