import Foundation
import TernTestKit
import Testing

/// Multicast only inside the private network namespace `make test` runs in (.ci/netns-run): never on
/// a real interface.
private let insidePrivateNamespace = ProcessInfo.processInfo.environment["TERN_PRIVATE_NETNS"] == "1"

@Suite("tern-xfer pull --from auto", .enabled(if: insidePrivateNamespace, "needs .ci/netns-run (multicast)"))
struct PullAutoTests {
    /// A group of its own for each test: tests run in parallel in one namespace.
    private static func membership(_ group: String) -> [String] {
        ["--group", group, "--interval", "100ms", "--drop-time", "1s"]
    }

    @Test func pullsFromTheOldestReadyMemberHeardOnTheGroup() throws {
        let membership = Self.membership("239.255.42.7:45990")
        try withWorkspace { ws in
            try ws.generate("old.tsnap", "--sessions", "120", "--seed", "61")
            try ws.generate("young.tsnap", "--sessions", "80", "--seed", "62")
            let oldReceiver = try Receiver.start(["--serve-state", "--quiet", "--load", "old.tsnap"], in: ws)
            let youngReceiver = try Receiver.start(["--serve-state", "--quiet", "--load", "young.tsnap"], in: ws)
            let old = try RunningTool(
                "tern-ping", membership + ["--announce", oldReceiver.address, "--json"], runner: runner)
            let oldGuard = ExitGuard(old)
            defer { withExtendedLifetime(oldGuard) {} }
            // Started half a second later, the younger member has the later incarnation (its start
            // time); each then sees the other join.
            usleep(500_000)
            let young = try RunningTool(
                "tern-ping", membership + ["--announce", youngReceiver.address, "--json"], runner: runner)
            let youngGuard = ExitGuard(young)
            defer { withExtendedLifetime(youngGuard) {} }
            try young.waitForLine(timeout: 30, "the older member joining") { $0.contains("\"joined\"") }
            try old.waitForLine(timeout: 30, "the younger member joining") { $0.contains("\"joined\"") }
            try ws.xferOK(["pull", "--from", "auto", "-o", "out.tsnap"] + membership)
            try ws.expectSameSessions("old.tsnap", "out.tsnap")
            old.send(SIGTERM)
            young.send(SIGTERM)
            _ = try old.waitForExit(timeout: 30)
            _ = try young.waitForExit(timeout: 30)
            #expect(try oldReceiver.stop() == 0)
            #expect(try youngReceiver.stop() == 0)
        }
    }

    @Test func noMemberOnTheGroupExits69() throws {
        let membership = Self.membership("239.255.42.8:45991")
        try withWorkspace { ws in
            let result = try ws.xfer(["pull", "--from", "auto", "-o", "out.tsnap"] + membership)
            #expect(result.status == 69 && result.stderr.contains("no ready member"), "\(result)")
            #expect(!ws.exists("out.tsnap"))
        }
    }
}
