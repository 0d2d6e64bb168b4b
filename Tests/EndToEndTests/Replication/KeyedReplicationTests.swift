import Foundation
import TernTestKit
import Testing

/// Replication with cluster keys as users meet it: a keyed tern-recv serves its state and takes
/// writes only from clients that hold its key; everyone else exits 77 having received nothing.
@Suite("Keyed replication")
struct KeyedReplicationTests {
    @Test func aPullWithTheKeyWorksAndWithAnotherOrNoKeyExits77HavingReceivedNothing() throws {
        try withWorkspace { ws in
            try ws.generate("in.tsnap", "--sessions", "400", "--seed", "21")
            let key = try makeKey("cluster.key", in: ws)
            let other = try makeKey("other.key", in: ws)
            let receiver = try Receiver.start(
                ["--serve-state", "--load", "in.tsnap", "--key-file", key], in: ws)

            let pulled = try ws.xferOK(["pull", "--from", receiver.address, "--key-file", key, "-o", "out.tsnap"])
            #expect(!pulled.stderr.contains("cluster is open"), "\(pulled.stderr)")
            try ws.expectSameSessions("in.tsnap", "out.tsnap")

            let wrong = try ws.xfer(["pull", "--from", receiver.address, "--key-file", other, "-o", "wrong.tsnap"])
            #expect(wrong.status == 77, "\(wrong)")
            #expect(
                wrong.stderrLines.last?.hasPrefix("tern-xfer: authentication refused by \(receiver.address): no cluster key in common")
                    == true, "\(wrong.stderr)")
            #expect(!ws.exists("wrong.tsnap"))

            let keyless = try ws.xfer(["pull", "--from", receiver.address, "-o", "open.tsnap"])
            #expect(keyless.status == 77, "\(keyless)")
            #expect(keyless.stderrLines.first?.contains("the cluster is open") == true, "\(keyless.stderr)")
            #expect(
                keyless.stderrLines.last?.contains("authentication refused by \(receiver.address): it requires a cluster key")
                    == true, "\(keyless.stderr)")
            #expect(!ws.exists("open.tsnap"))

            let push = try ws.xfer(["push", "--to", receiver.address, "--key-file", other, "in.tsnap"])
            #expect(push.status == 77, "\(push)")

            let (_, refused) = try receiver.tool.waitForLine(timeout: 30, "a refusal event") { $0.contains(" refused 127.0.0.1:") }
            #expect(refused.contains("authentication failed: no cluster key in common"), "\(refused)")
            #expect(try receiver.stop() == 0)
        }
    }

    @Test func aKeyedClientRefusesAnOpenReceiverWith77() throws {
        try withWorkspace { ws in
            let key = try makeKey("cluster.key", in: ws)
            let receiver = try Receiver.start(["--serve-state", "--quiet"], in: ws)
            let pulled = try ws.xfer(["pull", "--from", receiver.address, "--key-file", key, "-o", "out.tsnap"])
            #expect(pulled.status == 77, "\(pulled)")
            #expect(pulled.stderr.contains("it has no cluster key"), "\(pulled.stderr)")
            #expect(try receiver.stop() == 0)
        }
    }

    @Test func announcingTomcatHeartbeatsWithAKeyIsAUsageError() throws {
        try withWorkspace { ws in
            let key = try makeKey("cluster.key", in: ws)
            let result = try runner.run("tern-ping", ["--wire", "tribes", "--key-file", key], directory: ws.path)
            #expect(result.status == 64, "\(result)")
            #expect(result.stderr.contains("(--wire tribes) cannot be signed"), "\(result.stderr)")
        }
    }

    private func makeKey(_ name: String, in ws: Workspace) throws -> String {
        let made = try runner.run("tern-node", ["keygen", "-o", ws.file(name)])
        try #require(made.status == 0, "\(made)")
        return ws.file(name)
    }
}
