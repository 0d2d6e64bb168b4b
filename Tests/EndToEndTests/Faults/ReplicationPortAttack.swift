import Foundation
import TernTestKit

#if canImport(Glibc)
    import Glibc
#endif

/// Hostile clients on a replication port, each on a thread of its own until a deadline:
/// - random bytes (not a preface), 64 KiB a connection;
/// - a valid preface, then 64 KiB of random bytes;
/// - a valid preface, then a frame header declaring a payload of 4 GiB − 1 (the node must close);
/// - slow trickles: a preface and a frame one byte every 100 ms, on connections kept open until
///   `closeTrickles()`.
final class ReplicationPortAttack: @unchecked Sendable {
    private let address: String
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    private var trickles: [RawConnection] = []

    /// An attack on `address` (`127.0.0.1:PORT`).
    init(on address: String) {
        self.address = address
    }

    /// What the attack did so far: connections by kind, bytes sent, huge lengths refused.
    var tally: [String: Int] { lock.withLock { counts } }

    /// Starts every hostile client for `seconds`, with `trickles` trickling connections.
    func start(seconds: Double, trickles count: Int, seed: UInt64) {
        self.seed = seed
        var random = TestRandom(seed: seed)
        block = random.bytes(65_536 - 16)
        let deadline = Date(timeIntervalSinceNow: seconds)
        run(until: deadline) { random in
            self.garbage("random", prefix: [], random: &random)
        }
        run(until: deadline) { random in
            self.garbage("prefaceThenRandom", prefix: defaultPreface, random: &random)
        }
        run(until: deadline) { _ in
            guard let connection = try? RawConnection(self.address) else { return self.add("connectFailed", 1) }
            // A put frame header: type 1, no flags, sequence 1, payload length 0xFFFFFFFF.
            connection.send(defaultPreface + [1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF])
            self.add("hugeLength", 1)
            self.add(connection.waitForClose(seconds: 5) ? "hugeLengthClosed" : "hugeLengthLeftOpen", 1)
        }
        group.enter()
        Thread {
            defer { self.group.leave() }
            let connections = (0..<count).compactMap { _ in try? RawConnection(self.address) }
            self.lock.withLock { self.trickles = connections }
            self.add("trickle", connections.count)
            // A put frame of 1 MiB that never finishes arriving.
            let stream = defaultPreface + [1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0x10, 0, 0] + [UInt8](repeating: 0x42, count: 1 << 20)
            var offset = 0
            while Date() < deadline, offset < stream.count {
                for connection in connections { connection.send([stream[offset]]) }
                offset += 1
                usleep(100_000)
            }
            self.add("trickleBytesEach", offset)
        }.start()
    }

    private var seed: UInt64 = 0
    /// Random bytes made once: making 64 KiB for every connection would limit the attack's rate.
    private var block: [UInt8] = []
    private var threads = 0

    /// Waits until every hostile client stopped (trickling connections stay open).
    func wait() {
        group.wait()
    }

    /// Closes the trickling connections.
    func closeTrickles() {
        lock.withLock { trickles = [] }
    }

    /// Runs `attack` in a loop on a thread of its own until `deadline`, 10 ms apart.
    private func run(until deadline: Date, _ attack: @escaping @Sendable (inout TestRandom) -> Void) {
        threads += 1
        let seed = self.seed &+ UInt64(threads)
        group.enter()
        Thread {
            defer { self.group.leave() }
            var random = TestRandom(seed: seed)
            while Date() < deadline {
                attack(&random)
                usleep(10_000)
            }
        }.start()
    }

    /// One connection that sends `prefix` and 64 KiB of random bytes, then waits for the close.
    private func garbage(_ kind: String, prefix: [UInt8], random: inout TestRandom) {
        guard let connection = try? RawConnection(address) else { return add("connectFailed", 1) }
        var bytes = random.bytes(16) + block
        if prefix.isEmpty, bytes[0] == 0x89 { bytes[0] = 0 }  // not by chance the magic's first byte
        connection.send(prefix + bytes)
        add(kind, 1)
        add("bytesSent", prefix.count + bytes.count)
        if !connection.waitForClose(seconds: 5) { add("\(kind)LeftOpen", 1) }
    }

    private func add(_ key: String, _ count: Int) {
        lock.withLock { counts[key, default: 0] += count }
    }
}
