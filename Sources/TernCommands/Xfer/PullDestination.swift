import TernCore
import TernFiles
import TernSnapshot

#if canImport(Glibc)
    import Glibc
#endif

/// Where `tern-xfer pull` writes: standard output, a named file, or a dated file in a directory
/// (`PREFIX-YYYYMMDDTHHMMSSZ.tsnap`, `.tsnap.gz` when compressed) whose older siblings beyond
/// `--keep` are removed after a successful pull. Files and directories come with a lock file.
struct PullDestination {
    /// The file to write, or `-`.
    let path: String
    /// The directory of dated files, when `-o` named one.
    let directory: String?
    /// The name prefix of dated files.
    let prefix: String

    /// Resolves `output` at `now`: a directory (existing, or written with a trailing `/`) gets a dated name.
    init(output: String, prefix: String, compressed: Bool, now: UnixMillis) {
        self.prefix = prefix
        if output != "-" && (output.hasSuffix("/") || Self.isDirectory(output)) {
            let directory = output.hasSuffix("/") ? String(output.dropLast()) : output
            self.directory = directory.isEmpty ? "/" : directory
            path = "\(directory)/\(prefix)-\(Self.stamp(now)).tsnap\(compressed ? ".gz" : "")"
        } else {
            directory = nil
            path = output
        }
    }

    /// The lock file that keeps two pulls apart: one per directory, or one per output file.
    var lockPath: String? {
        if let directory { return "\(directory)/.tern-xfer.lock" }
        guard path != "-" else { return nil }
        let slash = path.lastIndex(of: "/")
        let parent = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(parent).\(name).lock"
    }

    /// Removes all but the newest `keep` dated snapshots of the directory; returns the names removed.
    func prune(keep: Int) throws -> [String] {
        guard let directory else { return [] }
        guard let handle = opendir(directory) else {
            throw IOFailure("open", path: directory, code: errno)
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if isDated(name) { names.append(name) }
        }
        names.sort(by: >)
        var removed: [String] = []
        for name in names.dropFirst(keep) where unlink("\(directory)/\(name)") == 0 {
            removed.append(name)
        }
        return removed
    }

    /// Whether `name` is `PREFIX-YYYYMMDDTHHMMSSZ.tsnap` or `….tsnap.gz`.
    func isDated(_ name: String) -> Bool {
        guard name.hasPrefix(prefix + "-") else { return false }
        var rest = Substring(name.dropFirst(prefix.count + 1))
        if rest.hasSuffix(".tsnap.gz") {
            rest = rest.dropLast(9)
        } else if rest.hasSuffix(".tsnap") {
            rest = rest.dropLast(6)
        } else {
            return false
        }
        let bytes = Array(rest.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return false }
        return (bytes[0..<8] + bytes[9..<15]).allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// `20260101T120000Z`.
    static func stamp(_ millis: UnixMillis) -> String {
        let text = Timestamp.format(millis)  // 2026-01-01T12:00:00.000Z
        return String(text.prefix(19).filter { $0 != "-" && $0 != ":" }) + "Z"
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
