import Foundation
import TernTestKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("tern-xfer watch and cron-safe pull")
struct WatchAndPullTests {
    @Test func watchPrintsEachMessageTheNodeAppliesAndEndsWithTheNode() throws {
        try withWorkspace { ws in
            try ws.generate("in.tsnap", "--sessions", "40", "--seed", "4", "--tombstone-percent", "0")
            let node = try Receiver.start(["--serve-state", "--quiet"], in: ws)
            let watch = try RunningTool(
                "tern-xfer", ["watch", "--from", node.address, "--json", "--context", "app01"], runner: runner,
                directory: ws.path)
            let watchGuard = ExitGuard(watch)
            defer { withExtendedLifetime(watchGuard) {} }
            try watch.waitForLine(timeout: 30, "the subscribed line") { $0.contains("\"subscribed\"") }
            try ws.xferOK(["push", "--to", node.address, "in.tsnap"])
            let expected = try ws.snapOK("ls", "in.tsnap", "--context", "app01", "--json").stdoutLines.count
            let lines = try watch.waitForLines(expected, timeout: 30, "every app01 message") {
                $0.contains("\"message\"")
            }
            let messages = try JSONLines.objects(lines)
            #expect(messages.allSatisfy { $0["context"] as? String == "app01" })
            #expect(try node.stop() == 0)
            #expect(try watch.waitForExit(timeout: 30) == 69)
            #expect(watch.stderr.contains(node.address))
        }
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptEndsWatchWithStatusZero(signal: Int32) throws {
        try withWorkspace { ws in
            let node = try Receiver.start(["--serve-state", "--quiet"], in: ws)
            let watch = try RunningTool(
                "tern-xfer", ["watch", "--from", node.address], runner: runner, directory: ws.path)
            let watchGuard = ExitGuard(watch)
            defer { withExtendedLifetime(watchGuard) {} }
            try watch.waitForLine(timeout: 30, "the subscribed line") { $0.contains("subscribed to") }
            watch.send(signal)
            #expect(try watch.waitForExit(timeout: 30) == 0)
            // Nothing but the open-cluster warning of a tool without --key-file.
            let lines = watch.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("tern-xfer: warning: no --key-file"), "\(watch.stderr)")
            #expect(try node.stop() == 0)
        }
    }

    @Test func pullIntoADirectoryKeepsTheNewestDatedSnapshots() throws {
        try withWorkspace { ws in
            try ws.generate("in.tsnap", "--sessions", "30")
            let node = try Receiver.start(["--serve-state", "--quiet", "--load", "in.tsnap"], in: ws)
            try FileManager.default.createDirectory(atPath: ws.file("backups"), withIntermediateDirectories: false)
            for name in ["tern-20200101T000000Z.tsnap.gz", "tern-20210101T000000Z.tsnap.gz", "unrelated.txt"] {
                try ws.write([1], to: "backups/\(name)")
            }
            let pulled = try ws.xferOK([
                "pull", "--from", node.address, "-o", "backups", "--compress", "--keep", "2", "--json",
            ])
            let report = try JSONLines.object(try #require(pulled.stdoutLines.last))
            let path = try #require(report["path"] as? String)
            #expect(report["pruned"] as? [String] == ["tern-20200101T000000Z.tsnap.gz"])
            let left = try FileManager.default.contentsOfDirectory(atPath: ws.file("backups")).filter {
                !$0.hasPrefix(".")
            }.sorted()
            #expect(
                left.count == 3 && left.contains("tern-20210101T000000Z.tsnap.gz") && left.contains("unrelated.txt"))
            try ws.expectSameSessions("in.tsnap", path)
            #expect(try node.stop() == 0)
        }
    }

    @Test func aSecondPullWhileTheFirstHoldsTheLockExits75() throws {
        try withWorkspace { ws in
            let node = try Receiver.start(["--serve-state", "--quiet"], in: ws)
            let lock = open(ws.file(".out.tsnap.lock"), O_RDWR | O_CREAT, 0o644)
            defer { close(lock) }
            try #require(flock(lock, LOCK_EX) == 0)
            let blocked = try ws.xfer(["pull", "--from", node.address, "-o", "out.tsnap"])
            #expect(blocked.status == 75 && blocked.stderr.contains("lock"), "\(blocked)")
            #expect(!ws.exists("out.tsnap"))
            flock(lock, LOCK_UN)
            try ws.xferOK(["pull", "--from", node.address, "-o", "out.tsnap"])
            #expect(try node.stop() == 0)
        }
    }
}
