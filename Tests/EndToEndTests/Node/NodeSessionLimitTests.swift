import Foundation
import TernTestKit
import Testing

/// `--max-sessions` between two real nodes (docs/LIMITS.md): B, bounded to one session a context,
/// answers a create beyond it with 507, refuses A's replicated new session ("too large", so A's
/// write is acknowledged by no peer) without storing it, still takes updates of the session it
/// holds, and counts both refusals in `tern_limit_hits_total{limit="sessions"}`.
@Suite("tern-node: sessions per context", .enabled(if: inPrivateNetworkNamespace, "needs .ci/netns-run (multicast)"))
struct NodeSessionLimitTests {
    @Test func aFullContextRefusesCreatesAndReplicatedNewSessionsButNotUpdates() throws {
        // No periodic anti-entropy round: it would copy A's extra session to B (docs/LIMITS.md).
        let membership = nodeMembership(46_501) + ["--anti-entropy-interval", "0"]
        try withWorkspace { ws in
            let a = try NodeProcess("a", membership: membership, in: ws)
            _ = try a.waitForHTTP()
            let b = try NodeProcess("b", membership: membership, ["--max-sessions", "1"], in: ws)
            _ = try b.waitForHTTP()
            try a.waitForPeers(["b"])

            let (first, created) = try a.create(attributes: ["n": "1"])
            #expect(created.int("Tern-Acknowledged") == 1, "\(created)")
            #expect(try b.attributes(first)?["n"] as? String == "1")

            let (second, refused) = try a.create(attributes: ["n": "2"])
            #expect(refused.int("Tern-Acknowledged") == 0 && refused.int("Tern-Peers") == 1, "\(refused)")
            #expect(try b.attributes(second) == nil, "not stored on B")

            let full = try b.request("POST", "/v1/contexts/shop/sessions", body: "{}")
            #expect(full.status == 507, "\(full)")
            #expect(full.text.contains("holds its limit of 1 sessions"), "\(full)")
            #expect(try b.request("POST", "/v1/contexts/blog/sessions", body: "{}").status == 201, "per context")

            let update = try a.request(
                "PATCH", "/v1/contexts/shop/sessions/\(first)", body: #"{"set": {"n": "3"}}"#)
            #expect(update.status == 200 && update.int("Tern-Acknowledged") == 1, "\(update)")
            #expect(try b.attributes(first)?["n"] as? String == "3")

            let metrics = try b.request("GET", "/metrics").text
            #expect(metrics.contains(#"tern_limit_hits_total{limit="sessions"} 2"#), "\(metrics)")
            #expect(try a.stop() == 0)
            #expect(try b.stop() == 0)
        }
    }

    @Test func aBadBoundIsAUsageError() throws {
        for value in ["0", "-3", "many"] {
            let result = try runner.run("tern-node", ["--max-sessions", value])
            #expect(result.status == 64, "\(value): \(result)")
            #expect(result.stderr.contains("--max-sessions"), "\(result)")
        }
    }

    /// `--max-queue` reaches both tools that run async senders, and a bad value is a usage error.
    @Test func aBadQueueBoundIsAUsageError() throws {
        for arguments in [["tern-node"], ["tern-xfer", "push", "--to", "127.0.0.1:1", "-"]] {
            let result = try runner.run(arguments[0], Array(arguments.dropFirst()) + ["--max-queue", "1K"])
            #expect(result.status == 64, "\(arguments): \(result)")
            #expect(result.stderr.contains("--max-queue 1K"), "\(result)")
        }
    }
}
