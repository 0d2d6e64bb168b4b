#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// The temporary files of outputs not yet committed, so that a fatal signal can remove them before
/// the process dies: an interrupted command leaves nothing half-written behind.
public enum TemporaryFiles {
    private static let capacity = 64
    private static let pathBytes = 4096
    // A fixed table of C strings that the signal handler can read without allocating or locking.
    nonisolated(unsafe) private static let table: UnsafeMutablePointer<CChar> = {
        let table = UnsafeMutablePointer<CChar>.allocate(capacity: capacity * pathBytes)
        table.initialize(repeating: 0, count: capacity * pathBytes)
        return table
    }()

    /// Remembers `path` (a file, or an empty directory) for removal on a fatal signal.
    public static func register(_ path: String) {
        let bytes = Array(path.utf8CString)
        guard bytes.count <= pathBytes else { return }
        for slot in 0..<capacity where table[slot * pathBytes] == 0 {
            for (index, byte) in bytes.enumerated().reversed() { table[slot * pathBytes + index] = byte }
            return
        }
    }

    /// Forgets `path` (committed or removed).
    public static func unregister(_ path: String) {
        for slot in 0..<capacity where table[slot * pathBytes] != 0 {
            if String(cString: table + slot * pathBytes) == path {
                table[slot * pathBytes] = 0
            }
        }
    }

    /// Installs handlers for SIGINT, SIGTERM, SIGHUP and SIGPIPE that remove the registered files and
    /// then die of the same signal, so the exit status still says what happened.
    public static func removeOnFatalSignals() {
        _ = table
        for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] {
            signal(signalNumber) { received in
                // Two passes: files first, then the directories they were in.
                for pass in 0..<2 {
                    for slot in 0..<TemporaryFiles.capacity {
                        let path = TemporaryFiles.table + slot * TemporaryFiles.pathBytes
                        guard path.pointee != 0 else { continue }
                        if pass == 0 { unlink(path) } else { rmdir(path) }
                    }
                }
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }
}
