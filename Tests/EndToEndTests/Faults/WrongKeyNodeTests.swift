import Foundation
import TernTestKit
import Testing

/// A node started with another key file than the cluster's while the cluster takes sync writes, and
/// clients holding that key trying to pull from and push to it: the node never joins (each side drops
/// the other's heartbeats as "bad key"), never receives a session and is never replicated to; the
/// clients exit 77; every write the cluster acknowledged is on both its nodes; the refusals show.
@Suite(
    "faults: a node with the wrong key",
    .enabled(if: inPrivateNetworkNamespace, "needs .ci/netns-run (multicast)"))
struct WrongKeyNodeTests {
    @Test func itNeverJoinsNorReceivesAndTheClusterLosesNoWrite() throws {
        let seconds = FaultRun.seconds(short: 4, full: 30)
        let membership = nodeMembership(46_407) + ["--replication", "sync"]
        try withWorkspace { ws in
            let key = try makeNodeKey("cluster.key", in: ws)
            let other = try makeNodeKey("other.key", in: ws)
            let a = try NodeProcess("a", membership: membership, ["--key-file", key], in: ws)
            let b = try NodeProcess("b", membership: membership, ["--key-file", key], in: ws)
            for node in [a, b] { _ = try node.waitForHTTP() }
            for (node, peer) in [(a, "b"), (b, "a")] { try node.waitForPeers([peer]) }

            let load = WriteLoad(targets: [a, b])
            load.start(clients: 2, seconds: seconds, seed: 46_407)
            Thread.sleep(forTimeInterval: seconds / 4)
            let d = try NodeProcess("d", membership: membership, ["--key-file", other], in: ws)
            _ = try d.waitForHTTP()
            let (own, _) = try d.create(WriteLoad.context, attributes: ["from": "d"])
            let pull = try ws.xfer(["pull", "--from", a.replication, "--key-file", other, "-o", "stolen.tsnap"])
            let push = try ws.xfer(["push", "--to", b.replication, "--key-file", other, "--generate", "50"])
            load.wait()
            Thread.sleep(forTimeInterval: 1)

            let writes = load.acknowledged
            let (found, missing) = try load.check(on: [a, b])
            let onD = try d.ids(WriteLoad.context)
            let leaked = Set(onD).intersection(writes.map(\.id)).count
            let dMembers = try d.request("GET", "/v1/members").text
            let aMembers = try a.request("GET", "/v1/members").text
            let joined = aMembers.contains(#""name":"d""#) || dMembers.contains(#""name":"a""#)
            let onA = try a.attributes(own, context: WriteLoad.context)
            let onB = try b.attributes(own, context: WriteLoad.context)
            let spread = onA != nil || onB != nil
            let badKey = [a, b, d].filter { $0.tool.stderr.contains("rejected heartbeats: bad key") }.map(\.name)
            let refusedA = HalfOpenFloodTests.sample(try a.request("GET", "/metrics").text, "tern_replication_refused_total")
            let refusedB = HalfOpenFloodTests.sample(try b.request("GET", "/metrics").text, "tern_replication_refused_total")
            let passed =
                missing.isEmpty && !writes.isEmpty && leaked == 0 && onD == [own] && !joined && !spread
                && pull.status == 77 && push.status == 77 && badKey == ["a", "b", "d"] && refusedA > 0 && refusedB > 0
            FaultRow(
                scenario: "a node with the wrong key",
                load: "2 clients, POST/PATCH on a and b (sync, keyed), \(Int(seconds)) s",
                faults: "d started with another key after \(Int(seconds / 4)) s and written to; tern-xfer pull from a and push to b with that key (exit \(pull.status), \(push.status)); heartbeats dropped as bad key by \(badKey.joined(separator: ", ")); connections refused: a \(refusedA), b \(refusedB); sessions of the cluster on d: \(leaked)",
                acknowledged: writes.count, found: found, passed: passed,
                figures: ["refusedA": refusedA, "refusedB": refusedB, "sessionsOnD": onD.count, "failedRequests": load.failed]
            ).emit()
            #expect(missing.isEmpty, "\(writes.count - found) acknowledged writes missing: \(missing)")
            #expect(!writes.isEmpty)
            #expect(onD == [own], "d holds only its own session: \(onD.count)")
            #expect(!joined, "\(aMembers) \(dMembers)")
            #expect(!spread, "d's session reached the cluster")
            #expect(pull.status == 77 && push.status == 77, "\(pull) \(push)")
            #expect(!ws.exists("stolen.tsnap"))
            #expect(badKey == ["a", "b", "d"], "\(badKey)")
            #expect(refusedA > 0 && refusedB > 0, "a \(refusedA), b \(refusedB)")
            for node in [a, b, d] { #expect(try node.stop() == 0) }
        }
    }
}
