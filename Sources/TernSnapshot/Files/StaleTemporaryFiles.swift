#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// The temporary files that an `OutputFile` killed mid-write (SIGKILL, a crash, power loss) left
/// beside its target: no signal handler ran, so nothing removed them, and each can be as large as
/// the output it was becoming.
public enum StaleTemporaryFiles {
    /// The name of the temporary files `OutputFile` makes for the target named `name`, without
    /// mkstemp's six random characters.
    static func prefix(forTargetNamed name: String) -> String { "." + name + ".tern-" }

    /// Removes the temporary files left for the output `path` and returns their paths. Only for a
    /// process that owns `path` (a node's data directory): another writer's file in progress looks the same.
    public static func remove(besides path: String) -> [String] {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? "./"
        let prefix = prefix(forTargetNamed: slash.map { String(path[path.index(after: $0)...]) } ?? path)
        guard let stream = opendir(directory) else { return [] }
        var stale: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasPrefix(prefix) && name.utf8.count == prefix.utf8.count + 6 {
                stale.append(directory + name)
            }
        }
        closedir(stream)
        return stale.filter { unlink($0) == 0 }
    }
}
