import Foundation
import TernTestKit
import Testing

/// SIGKILL one of three nodes while clients write to all three in sync mode: every write a node
/// acknowledged (2xx) is on every survivor, including those the killed node acknowledged.
@Suite(
    "faults: SIGKILL a node during sync writes",
    .enabled(if: inPrivateNetworkNamespace, "needs .ci/netns-run (multicast)"))
struct KillDuringSyncWritesTests {
    @Test func everyAcknowledgedWriteIsOnEverySurvivor() throws {
        let before = FaultRun.seconds(short: 2, full: 15)
        let after = FaultRun.seconds(short: 2, full: 15)
        let clients = 4
        let membership = nodeMembership(46_401) + ["--replication", "sync"]
        try withWorkspace { ws in
            let nodes = try startCluster(["a", "b", "c"], membership: membership, in: ws)
            let (survivors, victim) = (Array(nodes.prefix(2)), nodes[2])

            let load = WriteLoad(targets: nodes)
            load.start(clients: clients, seconds: before + after, seed: 46_401)
            Thread.sleep(forTimeInterval: before)
            try victim.kill()
            let killedAt = load.acknowledged.count
            load.wait()
            for survivor in survivors {
                try survivor.waitFor("member") { $0["name"] as? String == "c" && $0["kind"] as? String == "dead" }
            }

            let writes = load.acknowledged
            let (found, missing) = try load.check(on: survivors)
            let byVictim = writes.filter { $0.node == victim.name }.count
            let afterKill = writes.count - killedAt
            let passed = missing.isEmpty && byVictim > 0 && afterKill > 0
            FaultRow(
                scenario: "SIGKILL a node during sync writes",
                load: "\(clients) clients, POST/PATCH on 3 nodes (sync), \(Int(before + after)) s",
                faults: "SIGKILL of c after \(Int(before)) s; \(byVictim) writes acknowledged by c before",
                acknowledged: writes.count, found: found, passed: passed,
                figures: ["failedRequests": load.failed, "acknowledgedAfterKill": afterKill]
            ).emit()
            #expect(missing.isEmpty, "\(writes.count - found) acknowledged writes missing: \(missing)")
            #expect(byVictim > 0, "the killed node acknowledged writes before it died")
            #expect(afterKill > 0, "the survivors went on acknowledging writes after the kill: \(load.failed)")
            for survivor in survivors { #expect(try survivor.stop() == 0) }
        }
    }
}
