import Foundation
import TernTestKit
import Testing

/// Three nodes under random writes on all of them, in each replication mode: afterwards every
/// node's state (pulled with tern-xfer) is the same.
@Suite("tern-node: three nodes converge", .enabled(if: inPrivateNetworkNamespace, "needs .ci/netns-run (multicast)"))
struct NodeConvergenceTests {
    @Test(arguments: [("sync", 46_301), ("pooled", 46_302), ("async", 46_303)])
    func randomWritesOnEveryNodeLeaveTheSameStateEverywhere(mode: String, port: Int) throws {
        let membership = nodeMembership(port) + ["--replication", mode]
        try withWorkspace { ws in
            let nodes = try startCluster(["a", "b", "c"], membership: membership, in: ws)
            var random = TestRandom(seed: UInt64(port))
            var live: [(context: String, id: String)] = []
            let synchronous = mode != "async"
            for step in 0..<150 {
                let node = nodes[Int(random.next() % 3)]
                let choice = live.isEmpty ? 0 : random.next() % 10
                if choice < 4 {
                    let context = "ctx\(random.next() % 3)"
                    let (id, reply) = try node.create(context, attributes: ["step": "\(step)"])
                    if synchronous { #expect(reply.int("Tern-Acknowledged") == 2, "\(mode): \(reply)") }
                    live.append((context, id))
                    continue
                }
                let index = Int(random.next() % UInt64(live.count))
                let (context, id) = live[index]
                let path = "/v1/contexts/\(context)/sessions/\(id)"
                let reply: HTTPReply
                switch choice {
                case 4..<6: reply = try node.request("PUT", path, body: #"{"attributes": {"put": "\#(step)"}}"#)
                case 6..<9: reply = try node.request("PATCH", path, body: #"{"set": {"p\#(step % 4)": \#(step)}}"#)
                default:
                    reply = try node.request("DELETE", path)
                    if reply.status == 204 { live.remove(at: index) }
                }
                // Async: a write may reach a node before the session it changes; it answers 404 then.
                #expect(reply.status < 300 || (!synchronous && reply.status == 404), "\(mode) step \(step): \(reply)")
                if synchronous, reply.status < 300 { #expect(reply.int("Tern-Acknowledged") == 2, "\(reply)") }
            }
            var report: String?
            let converged = try eventually(timeout: 30) {
                report = try stateDifference(nodes, in: ws)
                return report == nil
            }
            #expect(converged, "\(mode): \(report ?? "")")
            if synchronous {
                let listed = try ["ctx0", "ctx1", "ctx2"].reduce(0) { $0 + (try nodes[2].ids($1).count) }
                #expect(listed == live.count, "\(mode): every live session, and only those")
            }
            for node in nodes { #expect(try node.stop() == 0) }
        }
    }
}
