import TernCommandSupport

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive `flock(2)` on a lock file, so that two runs of a cron job never write the same
/// output at once. The lock goes with the process: it is released on exit, even on a crash.
final class FileLock {
    private let descriptor: Int32
    /// The lock file.
    let path: String

    /// Takes the lock on `path` (created if missing) without waiting; throws exit status 75 when
    /// another process holds it.
    init(path: String, purpose: String) throws {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw ToolError(.ioError, "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK {
                throw ToolError(.timedOut, "another run is \(purpose) (it holds \(path)); not starting")
            }
            throw ToolError(.ioError, "cannot lock \(path): \(String(cString: strerror(code)))")
        }
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
