import Foundation
import TernTestKit

#if canImport(Glibc)
    import Glibc
#endif

/// A flood of half-open connections on a replication port, each kind from a loopback address of its
/// own (127.0.0.2–5), so the node sees four hosts, on a thread of its own until a deadline:
/// - silent: batches of `batch` connections that send nothing, held `hold` seconds, then dropped;
/// - partial preface: the same, each sending the first 5 bytes of a preface;
/// - preface then silence: the same, each sending a whole preface;
/// - trickles: connections that send a preface and then a frame one byte every 100 ms; each one the
///   node closes is opened again at once.
/// Counts connections opened, refused at accept (closed before a byte came) and closed by the node.
final class ConnectionFlood: @unchecked Sendable {
    private let port: UInt16
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    /// A flood on `127.0.0.1:port`.
    init(port: UInt16) {
        self.port = port
    }

    /// What the flood did so far, by kind: `opened`, `refused` (closed at accept), `closed` (by the
    /// node after it sent its preface), `stillOpen` (at the end of a hold), `connectFailed`.
    var tally: [String: Int] { lock.withLock { counts } }

    /// Starts every kind for `seconds`.
    func start(seconds: Double, batch: Int, hold: Double, trickles: Int) {
        let deadline = Date(timeIntervalSinceNow: seconds)
        let partial = Array(defaultPreface.prefix(5))
        for (kind, source, bytes) in [
            ("silent", "127.0.0.2", [UInt8]()), ("partialPreface", "127.0.0.3", partial),
            ("prefaceThenSilence", "127.0.0.4", defaultPreface),
        ] {
            thread {
                while Date() < deadline { self.wave(kind, from: source, sending: bytes, batch: batch, hold: hold) }
            }
        }
        thread { self.trickle(trickles, from: "127.0.0.5", until: deadline) }
    }

    /// Waits until every flooding thread stopped (its connections are closed by then).
    func wait() {
        group.wait()
    }

    private func thread(_ body: @escaping @Sendable () -> Void) {
        group.enter()
        Thread {
            body()
            self.group.leave()
        }.start()
    }

    /// Opens `batch` connections, sends `bytes` on each, holds them, then drops them.
    private func wave(_ kind: String, from source: String, sending bytes: [UInt8], batch: Int, hold: Double) {
        var sockets: [LoopbackSocket] = []
        for _ in 0..<batch {
            guard let socket = try? LoopbackSocket(port: port, from: source) else {
                add("connectFailed", 1)
                continue
            }
            if !bytes.isEmpty { socket.send(bytes) }
            sockets.append(socket)
        }
        add("opened", sockets.count)
        add("\(kind)Opened", sockets.count)
        Thread.sleep(forTimeInterval: hold)
        var closed = 0
        for socket in sockets where socket.isClosedByPeer { closed += 1 }
        add("\(kind)Closed", closed)
        add("\(kind)StillOpen", sockets.count - closed)
    }

    /// Keeps `count` trickling connections open, replacing each one the node closes.
    private func trickle(_ count: Int, from source: String, until deadline: Date) {
        // A put frame of 1 MiB that never finishes arriving.
        let header: [UInt8] = [1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0x10, 0, 0]
        var sockets: [LoopbackSocket?] = Array(repeating: nil, count: count)
        while Date() < deadline {
            for index in sockets.indices {
                if let socket = sockets[index], socket.isClosedByPeer {
                    add("trickleClosed", 1)
                    sockets[index] = nil
                }
                if sockets[index] == nil {
                    guard let socket = try? LoopbackSocket(port: port, from: source) else {
                        add("connectFailed", 1)
                        continue
                    }
                    socket.send(defaultPreface + header)
                    sockets[index] = socket
                    add("opened", 1)
                    add("trickleOpened", 1)
                } else {
                    sockets[index]?.send([0x42])
                }
            }
            usleep(100_000)
        }
    }

    private func add(_ key: String, _ count: Int) {
        lock.withLock { counts[key, default: 0] += count }
    }
}
