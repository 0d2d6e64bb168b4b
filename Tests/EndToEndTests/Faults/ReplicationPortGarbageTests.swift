import Foundation
import TernTestKit
import Testing

/// Garbage, a 4 GiB − 1 frame length and slow trickles on a node's replication port: the node keeps
/// serving everyone else (writes on another node keep replicating to it, its HTTP answers) and its
/// resident memory stays bounded.
@Suite(
    "faults: garbage on the replication port",
    .enabled(if: inPrivateNetworkNamespace, "needs .ci/netns-run (multicast)"))
struct ReplicationPortGarbageTests {
    /// How much the attacked node's RSS may grow over its level before the attack.
    static let rssGrowthLimit = 64 << 20

    @Test func theNodeKeepsServingAndItsMemoryStaysBounded() throws {
        let seconds = FaultRun.seconds(short: 4, full: 30)
        let trickles = 16
        let membership = nodeMembership(46_404) + ["--replication", "sync"]
        try withWorkspace { ws in
            let a = try NodeProcess("a", membership: membership, in: ws)
            let b = try NodeProcess("b", membership: membership, in: ws)
            for node in [a, b] { _ = try node.waitForHTTP() }
            try a.waitForPeers(["b"])
            // Warm up the attacked node with ordinary replication, then take its level.
            let warmUp = WriteLoad(targets: [a])
            warmUp.start(clients: 2, seconds: 1, seed: 1)
            warmUp.wait()
            let baseline = try b.tool.residentBytes()

            let attack = ReplicationPortAttack(on: b.replication)
            attack.start(seconds: seconds, trickles: trickles, seed: 46_404)
            let load = WriteLoad(targets: [a])
            load.start(clients: 2, seconds: seconds, seed: 46_404)
            var peak = try FaultRun.peakResidentBytes(of: b.tool, for: seconds + 1, from: baseline)
            load.wait()
            attack.wait()
            // Checked while the trickling connections are still open.
            let writes = load.acknowledged
            let (found, missing) = try load.check(on: [a, b])
            let acknowledgedByB = writes.filter { $0.acknowledged == 1 }.count
            peak = max(peak, try b.tool.residentBytes())
            attack.closeTrickles()
            let tally = attack.tally
            let growth = peak - baseline

            let hugeClosed = tally["hugeLengthClosed", default: 0]
            let passed =
                missing.isEmpty && !writes.isEmpty && acknowledgedByB == writes.count && growth < Self.rssGrowthLimit
                && hugeClosed > 0 && tally["hugeLengthLeftOpen", default: 0] == 0
            let connections = ["random", "prefaceThenRandom", "hugeLength", "trickle"].map { tally[$0, default: 0] }
            FaultRow(
                scenario: "garbage on the replication port",
                load: "2 clients, sync writes on a replicating to b, \(Int(seconds)) s",
                faults: "on b: \(connections[0]) connections of random bytes, \(connections[1]) of a preface then random bytes, \(connections[2]) frame headers of 4 GiB − 1 (\(hugeClosed) closed), \(connections[3]) trickles (1 byte / 100 ms); RSS of b \(baseline >> 20) → peak \(peak >> 20) MiB",
                acknowledged: writes.count, found: found, passed: passed,
                figures: ["rssBaselineBytes": baseline, "rssPeakBytes": peak, "attack": tally]
            ).emit()
            #expect(missing.isEmpty, "\(writes.count - found) acknowledged writes missing: \(missing)")
            #expect(!writes.isEmpty && acknowledgedByB == writes.count, "b acknowledged every write: \(acknowledgedByB) of \(writes.count), \(load.failed)")
            #expect(growth < Self.rssGrowthLimit, "b's RSS grew from \(baseline) to \(peak) bytes")
            #expect(hugeClosed > 0 && tally["hugeLengthLeftOpen", default: 0] == 0, "\(tally)")
            #expect(tally["randomLeftOpen", default: 0] == 0 && tally["prefaceThenRandomLeftOpen", default: 0] == 0, "\(tally)")
            for node in [a, b] { #expect(try node.stop() == 0) }
        }
    }
}
