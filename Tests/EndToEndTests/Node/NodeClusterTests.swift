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

    /// With a cluster key: the transfer and the replication run over keyed, sealed connections.
    @Test func aNodeStartedLaterTransfersTheStateBeforeItsHTTPOpens() throws {
        let membership = nodeMembership(46_102)
        try withWorkspace { ws in
            let key = ["--key-file", try makeNodeKey("cluster.key", in: ws)]
            let a = try NodeProcess("a", membership: membership, key, in: ws)
            _ = try a.waitForHTTP()
            var ids: [String] = []
            for index in 0..<40 { ids.append(try a.create("ctx\(index % 3)", attributes: ["n": "\(index)"]).id) }
            let b = try NodeProcess("b", membership: membership, key, in: ws)
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
            try a.waitFor("peer") { $0["name"] as? String == "b" && $0["endpoint"] as? String == b.replication }
            let (late, reply) = try a.create(attributes: ["after": "transfer"])
            #expect(reply.int("Tern-Acknowledged") == 1, "\(reply)")
            #expect(try b.attributes(late)?["after"] as? String == "transfer")
            #expect(try b.stop() == 0)
            #expect(try a.stop() == 0)
        }
    }

    @Test func aNodeWithAnotherKeyNeverJoinsGetsNoStateAndIsNeverReplicatedTo() throws {
        let membership = nodeMembership(46_103)
        try withWorkspace { ws in
            let key = try makeNodeKey("cluster.key", in: ws)
            let other = try makeNodeKey("other.key", in: ws)
            let a = try NodeProcess("a", membership: membership, ["--key-file", key, "--replication", "async"], in: ws)
            _ = try a.waitForHTTP()
            let (first, _) = try a.create(attributes: ["secret": "1"])

            // Heartbeats are signed: each drops the other's as "bad key", so d sees no member to ask
            // for state (even with --require-state) and starts alone, with nothing of a's.
            let d = try NodeProcess(
                "d", membership: membership, ["--key-file", other, "--replication", "async", "--require-state"], in: ws)
            _ = try d.waitForHTTP()
            #expect(try d.waitFor("ready").object["records"] as? Int == 0)
            #expect(eventually(timeout: 30) { d.tool.stderr.contains("rejected heartbeats: bad key") && a.tool.stderr.contains("rejected heartbeats: bad key") })
            let (second, _) = try a.create(attributes: ["secret": "2"])
            let (fromD, _) = try d.create(attributes: ["from": "d"])
            #expect(try !a.request("GET", "/v1/members").text.contains("\"name\":\"d\""))
            #expect(try !d.request("GET", "/v1/members").text.contains("\"name\":\"a\""))
            #expect(try d.ids().sorted() == [fromD])
            #expect(try d.attributes(first) == nil && d.attributes(second) == nil)
            #expect(try a.attributes(fromD) == nil)
            #expect(try d.stop() == 0)
            #expect(try a.stop() == 0)
        }
    }
}

/// A new key file `name` in `ws`, made by tern-node keygen; returns its path.
func makeNodeKey(_ name: String, in ws: Workspace) throws -> String {
    let made = try runner.run("tern-node", ["keygen", "-o", ws.file(name)])
    try #require(made.status == 0, "\(made)")
    return ws.file(name)
}
