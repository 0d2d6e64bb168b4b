import Foundation
import TernTestKit
import Testing

/// "Pull the cord" on a node: its link goes down for a while and comes back. Meanwhile it spends
/// almost no CPU (under 1 s a minute), the others see it dead and then alive again, and replication
/// to and from it resumes by itself.
@Suite(
    "faults: a node's cord is pulled and plugged back",
    .enabled(if: inPrivateNetworkNamespace, "needs .ci/netns-run (root, network namespaces)"))
struct PulledCordTests {
    @Test func theNodeIdlesWhileCutOffAndRecoversByItself() throws {
        let down = FaultRun.seconds(short: 5, full: 30)
        let window = 2 * down  // the CPU is measured from the pull over twice the time the cord is out
        let budget = window / 60  // 1 s of CPU a minute
        let network = try TestNetwork(hosts: 3)
        defer { network.remove() }
        let membership =
            ["--group", "239.255.78.1:46402", "--interface", "eth0"] + FaultRun.timings(short: "200ms", "1s")
        try withWorkspace { ws in
            let a = try NodeProcess("a", membership: membership, on: network.hosts[0], in: ws)
            let b = try NodeProcess("b", membership: membership, on: network.hosts[1], in: ws)
            let u = try NodeProcess("u", membership: membership, on: network.hosts[2], in: ws)
            for node in [a, b, u] { _ = try node.waitForHTTP() }
            for node in [a, b, u] { try node.waitForPeers(["a", "b", "u"].filter { $0 != node.name }) }
            var acknowledged = 0
            var found = 0
            let before = try u.createAcknowledged(by: 2, ["phase": "before"])
            acknowledged += 1
            found += try [a, b].allSatisfy { try $0.attributes(before, context: WriteLoad.context) != nil } ? 1 : 0

            let marks = [a, b, u].map { $0.tool.stdoutLines.count }
            let pulled = Date()
            let cpuBefore = try u.tool.cpuSeconds()
            try network.setLink(of: network.hosts[2], up: false)
            let deadOnA = try a.waitForMember("u", "dead", timeout: down + 10)
            let deadOnB = try b.waitForMember("u", "dead", timeout: down + 10)
            let aDeadOnU = try u.waitForMember("a", "dead", timeout: down + 10)
            Thread.sleep(forTimeInterval: max(0, down - Date().timeIntervalSince(pulled)))
            try network.setLink(of: network.hosts[2], up: true)
            let plugged = Date()

            try a.waitForMember("u", "joined", from: deadOnA, timeout: 30)
            try b.waitForMember("u", "joined", from: deadOnB, timeout: 30)
            try u.waitForMember("a", "joined", from: aDeadOnU, timeout: 30)
            // Each side replicates to the other again (a sender made anew after the death).
            for (node, mark, peer) in [(a, marks[0], "u"), (b, marks[1], "u"), (u, marks[2], "a"), (u, marks[2], "b")] {
                try node.waitFor("peer", from: mark, timeout: 30) { $0["name"] as? String == peer && $0["endpoint"] is String }
            }
            let rejoined = Date().timeIntervalSince(plugged)
            var ids: [(String, [NodeProcess])] = []
            for (writer, readers) in [(a, [b, u]), (u, [a, b])] {
                let id = try writer.createAcknowledged(by: 2, ["phase": "after", "writer": writer.name])
                ids.append((id, readers))
            }
            acknowledged += ids.count
            for (id, readers) in ids {
                found += try readers.allSatisfy { try $0.attributes(id, context: WriteLoad.context)?["phase"] as? String == "after" } ? 1 : 0
            }
            Thread.sleep(forTimeInterval: max(0, window - Date().timeIntervalSince(pulled)))
            let cpu = try u.tool.cpuSeconds() - cpuBefore

            let passed = cpu < budget && found == acknowledged
            FaultRow(
                scenario: "pull the cord",
                load: "3 nodes, sync writes before the pull and after the return",
                faults: "u's link down \(Int(down)) s; CPU of u over \(Int(window)) s: \(rounded(cpu, 2)) s (budget \(rounded(budget, 2)) s); seen again \(rounded(rejoined, 1)) s after the return",
                acknowledged: acknowledged, found: found, passed: passed,
                figures: ["cpuSeconds": rounded(cpu), "windowSeconds": window, "rejoinSeconds": rounded(rejoined, 2)]
            ).emit()
            #expect(cpu < budget, "the unplugged node used \(cpu) s of CPU in \(window) s")
            #expect(found == acknowledged, "writes after the return reached every node")
            for node in [a, b, u] { #expect(try node.stop() == 0) }
        }
    }
}
