import TernFiles

/// Reads a file of secrets (cluster keys, HTTP bearer tokens) as ssh reads a private key: a file
/// whose mode grants anything to group or others is refused before its contents are read. Lives
/// with the tools (not in TernFiles, which knows no exit status) because its errors are
/// `ToolError`s with the statuses of DESIGN.md §6.
public enum SecretFileReader {
    /// The bytes of the file at `path`, called `what` in messages (`key file`). Throws 78
    /// (`.config`) for a file open to group or others or larger than `maxBytes`, 66 (`IOFailure`)
    /// for a missing file, 74 for a failed read.
    public static func read(_ path: String, what: String, maxBytes: Int) throws -> [UInt8] {
        let input = try FileInput.open(path)
        if let problem = exposure(of: input.permissions) {
            throw ToolError(
                .config,
                "\(what) \(path) is \(problem) (mode \(octal(input.permissions))); chmod 600 \(path)")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try input.read(into: $0) }
            if count == 0 { break }
            bytes.append(contentsOf: chunk.prefix(count))
            guard bytes.count <= maxBytes else {
                throw ToolError(.config, "\(what) \(path): larger than \(maxBytes) bytes; is it a \(what)?")
            }
        }
        return bytes
    }

    /// What is wrong with `permissions` for a file of secrets (`readable by others`, say), nil when nothing is.
    static func exposure(of permissions: UInt32) -> String? {
        let open = permissions & 0o077
        guard open != 0 else { return nil }
        let verb = open & 0o044 != 0 ? "readable" : open & 0o022 != 0 ? "writable" : "accessible"
        let who = open & 0o070 != 0 && open & 0o007 != 0 ? "group and others" : open & 0o070 != 0 ? "group" : "others"
        return "\(verb) by \(who)"
    }

    /// `0644`.
    static func octal(_ permissions: UInt32) -> String {
        let digits = String(permissions, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
