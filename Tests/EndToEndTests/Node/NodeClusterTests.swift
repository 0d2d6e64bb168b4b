import Foundation
import TernTestKit
import Testing

@Suite(
    "tern-node: two nodes", .enabled(if: inPrivateNetworkNamespace, "needs .ci/netns-run (multicast)"))
struct NodeClusterTests {
    @Test func aSessionCreatedOnOneNodeIsReadableOnTheOther() throws {
        let membership = nodeMembership(46_101)
        try withWorkspace { ws in
            let a = try NodeProcess("a", membership: membership, in: ws)
            _ = try a.waitForHTTP()
            let b = try NodeProcess("b", membership: membership, in: ws)
            _ = try b.waitForHTTP()
            // A replicates to B once it has heard B's heartbeat; B is ready by then.
            try a.waitFor("peer") { $0["name"] as? String == "b" && $0["endpoint"] as? String == b.replication }
            let (id, reply) = try a.create(attributes: ["user": "ada"])
            #expect(reply.int("Tern-Peers") == 1, "\(reply)")
            #expect(reply.int("Tern-Acknowledged") == 1, "sync: the write returns after B acknowledged it: \(reply)")
            #expect(try b.attributes(id)?["user"] as? String == "ada")
            #expect(try a.stop() == 0)
            #expect(try b.stop() == 0)
        }
    }

    @Test func aNodeStartedLaterTransfersTheStateBeforeItsHTTPOpens() throws {
        let membership = nodeMembership(46_102)
        try withWorkspace { ws in
            let a = try NodeProcess("a", membership: membership, in: ws)
            _ = try a.waitForHTTP()
            var ids: [String] = []
            for index in 0..<40 { ids.append(try a.create("ctx\(index % 3)", attributes: ["n": "\(index)"]).id) }
            let b = try NodeProcess("b", membership: membership, in: ws)
            let (request, requestIndex) = try b.waitFor("state-request")
            #expect(request["name"] as? String == "a")
            #expect(request["endpoint"] as? String == a.replication)
            let (ready, readyIndex) = try b.waitFor("ready")
            #expect(ready["outcome"] as? String == "completed", "\(ready)")
            #expect(ready["transferred"] as? Int == 40, "\(ready)")
            let httpIndex = try b.waitFor("http").index
            #expect(requestIndex < readyIndex && readyIndex < httpIndex, "HTTP opens only after the state is in")
            for (index, id) in ids.enumerated() {
                #expect(try b.attributes(id, context: "ctx\(index % 3)")?["n"] as? String == "\(index)")
            }
            #expect(try b.stop() == 0)
            #expect(try a.stop() == 0)
        }
    }
}
