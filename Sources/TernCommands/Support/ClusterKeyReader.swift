import TernCore
import TernWire

/// Reads a cluster key file through `SecretFileReader`: a file open to group or others is refused
/// before its contents are read.
public enum ClusterKeyReader {
    /// The largest key file read: far more keys than a rotation needs.
    public static let maxBytes = 64 << 10

    /// The ring in the file at `path`. Throws 78 (`.config`) for a file open to group or others, a
    /// bad line or no key, 66 (`IOFailure`) for a missing file, 74 for a failed read.
    public static func read(_ path: String) throws -> ClusterKeyRing {
        let bytes = try SecretFileReader.read(path, what: "key file", maxBytes: maxBytes)
        do {
            return try ClusterKeyFile.parse(String(decoding: bytes, as: UTF8.self))
        } catch {
            throw ToolError(.config, "key file \(path): \(error)")
        }
    }
}
