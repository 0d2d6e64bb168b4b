import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A plain TCP client socket on the loopback network, for tests that play a raw peer: it may bind a
/// source address of its own in 127.0.0.0/8 (every one of them is local), so that one test process
/// can look like several hosts to a server that counts connections per address. Closed when released.
public final class LoopbackSocket: @unchecked Sendable {
    /// The socket.
    public let descriptor: Int32

    /// Why no connection was made.
    public struct Failure: Error, CustomStringConvertible {
        /// What failed, with the system's reason.
        public var description: String
    }

    /// Connects to `port` on 127.0.0.1, from `source` (an address in 127.0.0.0/8) when given.
    public init(port: UInt16, from source: String? = nil) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(Self.reason())") }
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard bound == 0 else {
                defer { close(descriptor) }
                throw Failure(description: "bind \(source): \(Self.reason())")
            }
        }
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = port.bigEndian
        target.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &target) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            defer { close(descriptor) }
            throw Failure(description: "connect to 127.0.0.1:\(port): \(Self.reason())")
        }
    }

    deinit {
        close(descriptor)
    }

    /// Sends `bytes`; false when the peer is gone.
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// What the peer sent within `seconds`, and whether it closed the connection meanwhile (reading
    /// stops at the close, or when `seconds` pass without it).
    public func read(seconds: Double) -> (bytes: [UInt8], closed: Bool) {
        let deadline = Date(timeIntervalSinceNow: seconds)
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return (received, false) }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(max(1, left * 1000)))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { continue }
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR) { return (received, true) }
            if count > 0 { received += chunk[0..<count] }
        }
    }

    /// Whether the peer has closed the connection, without waiting (what it sent is read and dropped).
    public var isClosedByPeer: Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count > 0 { continue }
            if count == 0 { return true }
            return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR
        }
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}
