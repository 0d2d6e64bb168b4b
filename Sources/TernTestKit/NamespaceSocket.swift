import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Sockets opened inside a named network namespace (`ip netns`), so that a test process outside it
/// can talk to a program that listens on that namespace's own 127.0.0.1. The socket is created on a
/// short-lived thread that first joins the namespace (setns(2) changes only the calling thread);
/// a socket keeps the namespace it was created in, so any thread may use it afterwards.
///
/// Needs root (CAP_SYS_ADMIN), like `TestNetwork`.
public enum NamespaceSocket {
    /// Why no socket could be made.
    public struct Failure: Error, CustomStringConvertible {
        /// What failed, with the system's reason.
        public var description: String
    }

    /// A new socket (`AF_INET`, `type`) in the namespace `name`; the caller closes it.
    public static func make(in name: String, type: Int32 = Int32(SOCK_STREAM.rawValue)) throws -> Int32 {
        let namespace = open("/var/run/netns/\(name)", O_RDONLY | O_CLOEXEC)
        guard namespace >= 0 else { throw Failure(description: "cannot open network namespace \(name): \(reason())") }
        defer { close(namespace) }
        // glibc's setns is not visible to Swift (it needs _GNU_SOURCE); look it up by name.
        guard let symbol = dlsym(nil, "setns") else { throw Failure(description: "setns is not available") }
        let setNamespace = unsafeBitCast(symbol, to: SetNamespace.self)
        let result = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            if setNamespace(namespace, cloneNewNet) == 0 {
                let descriptor = socket(AF_INET, type | Int32(SOCK_CLOEXEC.rawValue), 0)
                result.set(descriptor, descriptor < 0 ? "socket: \(reason())" : nil)
            } else {
                result.set(-1, "setns \(name): \(reason())")
            }
            done.signal()
        }
        thread.start()
        done.wait()
        let (descriptor, error) = result.get()
        if let error { throw Failure(description: error) }
        return descriptor
    }

    /// setns(2), called through its address.
    private typealias SetNamespace = @convention(c) (Int32, Int32) -> Int32
    /// CLONE_NEWNET from <sched.h>, also hidden behind _GNU_SOURCE.
    private static let cloneNewNet: Int32 = 0x4000_0000

    private static func reason() -> String { String(cString: strerror(errno)) }

    /// What the namespace thread made, handed back under a lock.
    private final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var descriptor: Int32 = -1
        private var error: String?

        func set(_ descriptor: Int32, _ error: String?) {
            lock.withLock {
                self.descriptor = descriptor
                self.error = error
            }
        }

        func get() -> (Int32, String?) { lock.withLock { (descriptor, error) } }
    }
}
