import Foundation
import TernTestKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// SIGKILL a node while it writes its snapshot (SIGUSR1, `--data-dir`): the previous snapshot is
/// intact, `tern-snap verify` passes, and a restart loads it and removes the killed write's temporary file. The kill must land mid-write: after
/// the temporary file has taken its first MiB and before the rename; the timing is retried until it
/// does (the temporary file still there after the kill is the proof).
@Suite(
    "faults: SIGKILL during a snapshot write",
    .enabled(if: inPrivateNetworkNamespace, "needs .ci/netns-run (multicast)"))
struct SnapshotKillTests {
    static let snapshot = "data/sessions.tsnap"
    static let temporaryPrefix = ".sessions.tsnap.tern-"

    @Test func thePreviousSnapshotIsIntactAndLoads() throws {
        let sessions = Int(FaultRun.seconds(short: 200, full: 600))
        let valueBytes = 200_000
        let membership = nodeMembership(46_405) + ["--data-dir", "data", "--snapshot-every", "1h", "--max-inactive", "0"]
        try withWorkspace { ws in
            var node = try NodeProcess("n", membership: membership, in: ws)
            _ = try node.waitForHTTP()
            var created = 0
            func createSessions(_ count: Int, on node: NodeProcess) throws {
                for _ in 0..<count {
                    let value = String(created) + String(repeating: "x", count: valueBytes)
                    _ = try node.create(WriteLoad.context, attributes: ["value": value])
                    created += 1
                }
            }
            try createSessions(sessions, on: node)

            var attempts = 0
            var previous: [UInt8] = []
            var previousRecords = 0
            var landed = false
            while !landed && attempts < 5 {
                attempts += 1
                // The previous snapshot: written whole (the event comes after the rename).
                let from = node.tool.stdoutLines.count
                node.tool.send(SIGUSR1)
                previousRecords = try #require(try node.waitFor("snapshot", from: from, timeout: 120).object["records"] as? Int)
                previous = try ws.read(Self.snapshot)
                // Something new, so that the next snapshot differs; then kill it mid-write.
                try createSessions(10, on: node)
                let signalled = node.tool.stdoutLines.count
                node.tool.send(SIGUSR1)
                landed = try Self.killMidWrite(node, after: signalled, in: ws)
                if !landed {
                    node = try NodeProcess("n", membership: membership, in: ws)
                    _ = try node.waitForHTTP()
                }
            }
            try #require(landed, "no kill landed mid-write in \(attempts) attempts")

            let intact = try ws.read(Self.snapshot) == previous
            let verify = try ws.snap("verify", Self.snapshot)
            try FileManager.default.copyItem(atPath: ws.file(Self.snapshot), toPath: ws.file("previous.tsnap"))
            let restarted = try NodeProcess("n", membership: membership, in: ws)
            let loaded = try restarted.waitFor("snapshot-loaded", timeout: 120).object["records"] as? Int ?? -1
            _ = try restarted.waitForHTTP(timeout: 120)
            let leftOver = try FileManager.default.contentsOfDirectory(atPath: ws.file("data"))
                .filter { $0.hasPrefix(Self.temporaryPrefix) }
            try restarted.pull(to: "restarted.tsnap", in: ws)
            let same = try ws.snap("diff", "previous.tsnap", "restarted.tsnap")

            let passed = intact && verify.status == 0 && loaded == previousRecords && same.status == 0 && leftOver.isEmpty
            FaultRow(
                scenario: "SIGKILL during a snapshot write",
                load: "\(previousRecords) sessions of \(valueBytes / 1000) kB (\(previous.count >> 20) MiB snapshot), then 10 more",
                faults: "SIGKILL while the next snapshot was being written (attempt \(attempts)); the previous one \(intact ? "intact" : "damaged"), verify \(verify.status == 0 ? "passes" : "fails")",
                acknowledged: previousRecords, found: same.status == 0 ? loaded : 0, passed: passed,
                figures: ["attempts": attempts, "snapshotBytes": previous.count]
            ).emit()
            #expect(intact, "the previous snapshot changed")
            #expect(verify.status == 0, "tern-snap verify: \(verify)")
            #expect(loaded == previousRecords, "the restart loaded \(loaded) of \(previousRecords) records")
            #expect(same.status == 0, "the restarted node's state differs from the snapshot: \(same.stdoutText)")
            #expect(leftOver.isEmpty, "the restart left the killed write's temporary file: \(leftOver)")
            #expect(try restarted.stop() == 0)
        }
    }

    /// Waits for the snapshot's temporary file to pass 1 MiB, kills `node` with SIGKILL, and returns
    /// whether the kill landed mid-write (the temporary file outlived the node). False when the
    /// snapshot was renamed into place first (its event, after stdout line `after`, came before).
    static func killMidWrite(_ node: NodeProcess, after line: Int, in ws: Workspace) throws -> Bool {
        let directory = ws.file("data")
        let deadline = Date(timeIntervalSinceNow: 120)
        while Date() < deadline {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            if let temporary = entries.first(where: { $0.hasPrefix(temporaryPrefix) }) {
                var status = stat()
                if stat(directory + "/" + temporary, &status) == 0, status.st_size >= 1 << 20 {
                    try node.kill()
                    return FileManager.default.fileExists(atPath: directory + "/" + temporary)
                }
            }
            if node.tool.stdoutLines.dropFirst(line).contains(where: { NodeProcess.parse($0)?["event"] as? String == "snapshot" }) {
                try node.kill()
                return false
            }
            usleep(500)
        }
        throw FaultFailure(description: "no snapshot write seen within 120 s")
    }
}
