import Foundation
import TernTestKit
import Testing

/// Thousands of half-open connections (silent, a partial preface, a preface and then silence, slow
/// trickles) on one node's replication port from four addresses, while three nodes take sync
/// writes: the flooded node keeps serving (it answers writes, and the others' replication to it
/// goes on), every acknowledged write is on every node, the node's memory stays bounded, and its
/// connection bounds show in /metrics.
@Suite(
    "faults: half-open connection flood",
    .enabled(if: inPrivateNetworkNamespace, "needs .ci/netns-run (multicast)"))
struct HalfOpenFloodTests {
    /// How much the flooded node's RSS may grow over its level before the flood.
    static let rssGrowthLimit = 64 << 20
    /// The bounds every node runs with: short timeouts, so that a short run sees them work.
    static let bounds = [
        "--max-connections", "256", "--max-connections-per-peer", "32", "--idle-timeout", "2s",
        "--handshake-timeout", "1s",
    ]

    @Test func theFloodedNodeKeepsServingAndItsMemoryStaysBounded() throws {
        let seconds = FaultRun.seconds(short: 6, full: 60)
        let membership = nodeMembership(46_406) + ["--replication", "sync"]
        try withWorkspace { ws in
            var nodes: [NodeProcess] = []
            for name in ["a", "b", "c"] {
                let node = try NodeProcess(name, membership: membership, Self.bounds, in: ws)
                _ = try node.waitForHTTP()
                nodes.append(node)
            }
            for node in nodes { try node.waitForPeers(["a", "b", "c"].filter { $0 != node.name }) }
            let b = nodes[1]
            let warmUp = WriteLoad(targets: nodes)
            warmUp.start(clients: 2, seconds: 1, seed: 2)
            warmUp.wait()
            let baseline = try b.tool.residentBytes()

            let port = try #require(UInt16(b.replication.split(separator: ":").last ?? ""))
            let flood = ConnectionFlood(port: port)
            flood.start(seconds: seconds, batch: 400, hold: 1.5, trickles: 32)
            let load = WriteLoad(targets: nodes)
            load.start(clients: 3, seconds: seconds, seed: 46_406)
            var peak = try FaultRun.peakResidentBytes(of: b.tool, for: seconds + 1, from: baseline)
            load.wait()
            flood.wait()
            peak = max(peak, try b.tool.residentBytes())

            let writes = load.acknowledged
            let (found, missing) = try load.check(on: nodes)
            let byB = writes.filter { $0.node == "b" }.count
            let replicatedToAll = writes.filter { $0.peers == 2 && $0.acknowledged == 2 }.count
            let metrics = try b.request("GET", "/metrics").text
            let rejected = Self.sample(metrics, #"tern_replication_connections_rejected_total{reason="per-peer"}"#)
            let handshake = Self.sample(metrics, #"tern_replication_timeouts_total{kind="handshake"}"#)
            let idle = Self.sample(metrics, #"tern_replication_timeouts_total{kind="idle"}"#)
            let tally = flood.tally
            let growth = peak - baseline
            let passed =
                missing.isEmpty && byB > 0 && replicatedToAll == writes.count && growth < Self.rssGrowthLimit
                && rejected > 0 && handshake > 0 && idle > 0
            FaultRow(
                scenario: "half-open connection flood",
                load: "3 clients, POST/PATCH on 3 nodes (sync), \(Int(seconds)) s",
                faults: "on b, from 4 addresses: \(tally["opened", default: 0]) connections (silent, 5 bytes of a preface, a preface then silence: 400 a wave held 1.5 s; 32 trickles of 1 byte / 100 ms); b refused \(rejected) at accept (32 per address), closed \(handshake) on the 1 s handshake timeout and \(idle) on the 2 s idle timeout; RSS of b \(baseline >> 20) → peak \(peak >> 20) MiB",
                acknowledged: writes.count, found: found, passed: passed,
                figures: [
                    "rssBaselineBytes": baseline, "rssPeakBytes": peak, "flood": tally, "acknowledgedByB": byB,
                    "rejectedPerPeer": rejected, "handshakeTimeouts": handshake, "idleTimeouts": idle,
                ]
            ).emit()
            #expect(missing.isEmpty, "\(writes.count - found) acknowledged writes missing: \(missing)")
            #expect(byB > 0, "the flooded node acknowledged writes: \(load.failed)")
            #expect(replicatedToAll == writes.count, "every write reached both peers: \(replicatedToAll) of \(writes.count)")
            #expect(growth < Self.rssGrowthLimit, "b's RSS grew from \(baseline) to \(peak) bytes")
            #expect(rejected > 0 && handshake > 0 && idle > 0, "\(metrics)")
            #expect(tally["opened", default: 0] > 1000, "\(tally)")
            for node in nodes { #expect(try node.stop() == 0) }
        }
    }

    /// The value of the sample named exactly `name` (with its labels) in Prometheus text; 0 if absent.
    static func sample(_ metrics: String, _ name: String) -> Int {
        for line in metrics.split(separator: "\n") where line.hasPrefix(name + " ") {
            return Int(Double(line.dropFirst(name.count + 1)) ?? 0)
        }
        return 0
    }
}
