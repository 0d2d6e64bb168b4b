import Foundation
import TernTestKit
import Testing

/// Three nodes on a network that loses 5 % of the frames and duplicates 1 % (nftables on the bridge
/// ports: this kernel has no netem, and nothing here reorders). Writes on every node in sync mode
/// converge to the same state everywhere, and no member is declared dead with a drop time of 6
/// heartbeat intervals.
@Suite(
    "faults: a lossy network",
    .enabled(if: inPrivateNetworkNamespace, "needs .ci/netns-run (root, network namespaces)"))
struct LossyNetworkTests {
    @Test func replicationConvergesAndNobodyDiesFalsely() throws {
        let seconds = FaultRun.seconds(short: 6, full: 60)
        let clients = 3
        let network = try TestNetwork(hosts: 3)
        defer { network.remove() }
        let membership =
            ["--group", "239.255.78.2:46403", "--interface", "eth0", "--replication", "sync"]
            + FaultRun.timings(short: "200ms", "1200ms")
        try withWorkspace { ws in
            var nodes: [NodeProcess] = []
            for (index, name) in ["a", "b", "c"].enumerated() {
                nodes.append(try NodeProcess(name, membership: membership, on: network.hosts[index], in: ws))
            }
            for node in nodes { _ = try node.waitForHTTP() }
            for node in nodes { try node.waitForPeers(["a", "b", "c"].filter { $0 != node.name }) }
            let start = nodes.map { $0.tool.stdoutLines.count }

            try network.impair(lossPercent: 5, duplicatePercent: 1)
            let load = WriteLoad(targets: nodes)
            load.start(clients: clients, seconds: seconds, seed: 46_403)
            load.wait()
            let counts = try network.impairmentCounts()
            let deaths = zip(nodes, start).flatMap { node, from in node.memberEvents("dead", from: from) }

            var report: String?
            let converged = try eventually(timeout: 30) {
                report = try stateDifference(nodes, in: ws)
                return report == nil
            }
            try network.clearImpairment()
            let writes = load.acknowledged
            let (found, missing) = try load.check(on: nodes)

            let passed = converged && missing.isEmpty && deaths.isEmpty && counts.dropped > 0 && counts.duplicated > 0
            FaultRow(
                scenario: "lossy network",
                load: "\(clients) clients, POST/PATCH on 3 nodes (sync), \(Int(seconds)) s",
                faults: "5 % loss (\(counts.dropped) frames dropped), 1 % duplication (\(counts.duplicated) frames), no reordering; \(deaths.count) false deaths (drop time 6 intervals); states \(converged ? "identical" : "differ")",
                acknowledged: writes.count, found: found, passed: passed,
                figures: [
                    "dropped": counts.dropped, "duplicated": counts.duplicated, "falseDeaths": deaths.count,
                    "converged": converged, "failedRequests": load.failed,
                ]
            ).emit()
            #expect(converged, "tern-snap diff: \(report ?? "")")
            #expect(missing.isEmpty, "\(writes.count - found) acknowledged writes missing: \(missing)")
            #expect(deaths.isEmpty, "members declared dead under loss: \(deaths)")
            #expect(counts.dropped > 0 && counts.duplicated > 0, "the network lost and duplicated frames: \(counts)")
            #expect(writes.count > 0)
            for node in nodes { #expect(try node.stop() == 0) }
        }
    }
}
