import Foundation
import TernTestKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Clients writing to a set of nodes over HTTP for a while, each keeping a record of the writes a
/// node acknowledged (a 2xx answer). Every write sets an attribute of its own (`wCLIENT_N`) with a
/// POST (a new session) or a PATCH (one of the client's sessions), and nothing ever removes one, so
/// each acknowledged write can be looked for on its own afterwards. A node that is gone (killed, or
/// unreachable) only makes requests fail; failures are counted, never recorded as writes.
final class WriteLoad: @unchecked Sendable {
    /// One acknowledged write.
    struct Write {
        var id: String
        var attribute: String
        var value: Int
        /// The node that answered.
        var node: String
        /// `Tern-Acknowledged` and `Tern-Peers` of the answer.
        var acknowledged: Int
        var peers: Int
    }

    /// The context every write goes to.
    static let context = "faults"

    private let targets: [NodeProcess]
    private let lock = NSLock()
    private var writes: [Write] = []
    private var failures: [String: Int] = [:]
    private let group = DispatchGroup()

    /// Writes to `targets`, each client choosing a node at random for every request.
    init(targets: [NodeProcess]) {
        self.targets = targets
    }

    /// Starts `clients` clients that write for `seconds`; `wait()` waits for them.
    func start(clients: Int, seconds: Double, seed: UInt64) {
        let deadline = Date(timeIntervalSinceNow: seconds)
        for client in 0..<clients {
            group.enter()
            Thread {
                self.write(client: client, until: deadline, seed: seed &+ UInt64(client))
                self.group.leave()
            }.start()
        }
    }

    /// Waits until every client stopped.
    func wait() {
        group.wait()
    }

    /// The acknowledged writes so far.
    var acknowledged: [Write] { lock.withLock { writes } }

    /// Requests that got no 2xx answer, by reason (an HTTP status or "no answer").
    var failed: [String: Int] { lock.withLock { failures } }

    /// One client: about one write in five creates a session, the rest patch one of its own.
    private func write(client: Int, until deadline: Date, seed: UInt64) {
        var random = TestRandom(seed: seed)
        var sessions: [(id: String, attributes: Int)] = []
        var sequence = 0
        while Date() < deadline {
            let node = targets[Int(random.next() % UInt64(targets.count))]
            sequence += 1
            let attribute = "w\(client)_\(sequence)"
            let body = #"{"\#(attribute)": \#(sequence)}"#
            let creating = sessions.isEmpty || random.next() % 5 == 0
            let index = creating ? -1 : Int(random.next() % UInt64(sessions.count))
            do {
                let reply =
                    creating
                    ? try node.request("POST", "/v1/contexts/\(Self.context)/sessions", body: #"{"attributes": \#(body)}"#)
                    : try node.request("PATCH", "/v1/contexts/\(Self.context)/sessions/\(sessions[index].id)", body: #"{"set": \#(body)}"#)
                guard (200..<300).contains(reply.status) else {
                    fail("HTTP \(reply.status)")
                    continue
                }
                let id = creating ? ((try? reply.json["id"]) as? String ?? "") : sessions[index].id
                if creating {
                    sessions.append((id, 1))
                } else {
                    sessions[index].attributes += 1
                    // Far below the 1,024 attributes a session may hold.
                    if sessions[index].attributes >= 500 { sessions.remove(at: index) }
                }
                let write = Write(
                    id: id, attribute: attribute, value: sequence, node: node.name,
                    acknowledged: reply.int("Tern-Acknowledged") ?? -1, peers: reply.int("Tern-Peers") ?? -1)
                lock.withLock { writes.append(write) }
            } catch {
                fail("no answer")
                usleep(20_000)  // a node that is gone refuses at once; don't spin on it
            }
        }
    }

    private func fail(_ reason: String) {
        lock.withLock { failures[reason, default: 0] += 1 }
    }

    /// Looks for every acknowledged write on each of `nodes`; returns how many were found on all of
    /// them, and a description of the first few that were not.
    func check(on nodes: [NodeProcess]) throws -> (found: Int, missing: [String]) {
        let writes = acknowledged
        var held: [String: [String: [String: Any]]] = [:]  // node → id → attributes
        for node in nodes {
            for id in Set(writes.map(\.id)) {
                held[node.name, default: [:]][id] = try node.attributes(id, context: Self.context) ?? [:]
            }
        }
        var found = 0
        var missing: [String] = []
        for write in writes {
            let lacking = nodes.filter { held[$0.name]?[write.id]?[write.attribute] as? Int != write.value }
            if lacking.isEmpty {
                found += 1
            } else if missing.count < 10 {
                missing.append(
                    "\(write.attribute) of \(write.id), written on \(write.node) (acknowledged \(write.acknowledged) of \(write.peers)), is not on \(lacking.map(\.name))"
                )
            }
        }
        return (found, missing)
    }
}
