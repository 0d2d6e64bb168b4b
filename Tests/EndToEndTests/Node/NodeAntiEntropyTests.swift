import Foundation
import TernTestKit
import Testing

/// Anti-entropy with a hand-composed member: `tern-recv --serve-state` answers a node's round like a
/// node does, so a member that joins late (and asks nobody for the state) is sent what it missed.
@Suite("tern-node: anti-entropy with a hand-composed member", .enabled(if: inPrivateNetworkNamespace, "needs .ci/netns-run (multicast)"))
struct NodeAntiEntropyTests {
    @Test func aComposedMemberThatJoinsLateIsSentWhatItMissed() throws {
        let membership = nodeMembership(46_401)
        try withWorkspace { ws in
            let a = try NodeProcess("a", membership: membership, ["--anti-entropy-interval", "0"], in: ws)
            _ = try a.waitForHTTP()
            var ids: [String] = []
            for index in 0..<25 { ids.append(try a.create(attributes: ["n": "\(index)"]).id) }
            _ = try a.request("DELETE", "/v1/contexts/shop/sessions/\(ids[0])")

            // A receiver and a pinger announcing it: a member that starts empty and asks for nothing.
            let receiver = try Receiver.start(["--serve-state", "--quiet"], in: ws)
            let ping = try RunningTool(
                "tern-ping", membership + ["--name", "composed", "--announce", receiver.address, "--json"],
                runner: runner)
            let pingGuard = ExitGuard(ping)
            defer { withExtendedLifetime(pingGuard) {} }

            let round = try a.waitFor("anti-entropy") { $0["name"] as? String == "composed" }.object
            #expect(round["reason"] as? String == "came-back" && round["outcome"] as? String == "repaired", "\(round)")
            #expect(round["pushed"] as? Int == 25 && round["pulled"] as? Int == 0, "24 sessions and a tombstone: \(round)")
            try ws.xferOK(["pull", "--from", receiver.address, "-o", "composed.tsnap"])
            try a.pull(to: "a.tsnap", in: ws)
            try ws.expectSameSessions("composed.tsnap", "a.tsnap")
            let metrics = try a.request("GET", "/metrics").text
            #expect(metrics.contains(#"tern_anti_entropy_rounds_total{outcome="repaired"} 1"#), "\(metrics)")
            #expect(metrics.contains(#"tern_anti_entropy_records_total{direction="pushed"} 25"#), "\(metrics)")
            #expect(try a.stop() == 0)
            #expect(try receiver.stop() == 0)
        }
    }
}
