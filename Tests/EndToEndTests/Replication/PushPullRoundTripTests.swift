import Foundation
import TernTestKit
import Testing

@Suite("Replication round trip")
struct PushPullRoundTripTests {
    @Test(arguments: ["sync", "pooled", "async"])
    func aPushedSnapshotPullsBackWithNoDifference(mode: String) throws {
        try withWorkspace { ws in
            try ws.generate("in.tsnap", "--sessions", "1500", "--seed", "11", "--tombstone-percent", "5")
            // Pooled connections spread over three event loops: the store is reached by a hop.
            let threads = mode == "pooled" ? ["--threads", "3"] : []
            let receiver = try Receiver.start(["--serve-state", "--quiet"] + threads, in: ws)
            let push = try ws.xferOK(["push", "--to", receiver.address, "--mode", mode, "in.tsnap"])
            #expect(push.stdoutText.contains("1500 acknowledged, 0 not acknowledged"), "\(push.stdoutText)")
            try ws.xferOK(["pull", "--from", receiver.address, "-o", "out.tsnap"])
            try ws.expectSameSessions("in.tsnap", "out.tsnap")
            try ws.snapOK("verify", "out.tsnap")
            #expect(try receiver.stop() == 0)
        }
    }

    @Test func aPullToAGzNameIsAGzipSnapshotThatVerifies() throws {
        try withWorkspace { ws in
            try ws.generate("in.tsnap", "--sessions", "300", "--seed", "3")
            let receiver = try Receiver.start(["--serve-state", "--quiet", "--load", "in.tsnap"], in: ws)
            try ws.xferOK(["pull", "--from", receiver.address, "-o", "out.tsnap.gz", "--context", "app01"])
            #expect(try ws.read("out.tsnap.gz").prefix(2) == [0x1F, 0x8B])
            let listed = try ws.snapOK("ls", "out.tsnap.gz", "--json").stdoutLines
            #expect(!listed.isEmpty)
            #expect(try listed.allSatisfy { try JSONLines.object($0)["context"] as? String == "app01" })
            try ws.snapOK("verify", "out.tsnap.gz")
            #expect(try receiver.stop() == 0)
        }
    }

    @Test func aPullStreamsIntoItsOutputAndLeavesNoTemporaryFile() throws {
        try withWorkspace { ws in
            try ws.generate("in.tsnap", "--sessions", "2000", "--seed", "13")
            let receiver = try Receiver.start(["--serve-state", "--quiet", "--load", "in.tsnap"], in: ws)
            try FileManager.default.createDirectory(atPath: ws.file("tmp"), withIntermediateDirectories: false)
            let pulled = try runner.run(
                "tern-xfer", ["pull", "--from", receiver.address, "-o", "out.tsnap"],
                directory: ws.path, environment: ["TMPDIR": ws.file("tmp")])
            #expect(pulled.status == 0, "\(pulled)")
            try ws.expectSameSessions("in.tsnap", "out.tsnap")
            try ws.snapOK("verify", "out.tsnap")
            #expect(try FileManager.default.contentsOfDirectory(atPath: ws.file("tmp")).isEmpty)
            #expect(try receiver.stop() == 0)
        }
    }

    @Test func pullNamesTheNodeAndItsVectorInTheHeader() throws {
        try withWorkspace { ws in
            try ws.generate("in.tsnap", "--sessions", "200", "--seed", "5")
            let receiver = try Receiver.start(
                [
                    "--serve-state", "--quiet", "--load", "in.tsnap", "--domain", "blue", "--member-id",
                    String(repeating: "ab", count: 16),
                ],
                in: ws)
            try ws.xferOK(["pull", "--from", receiver.address, "--domain", "blue", "-o", "out.tsnap"])
            let inspected = try ws.jsonObject("inspect", "out.tsnap", "--json")
            #expect(inspected["cluster"] as? String == "blue")
            #expect(inspected["sourceMember"] as? String == String(repeating: "ab", count: 16))
            #expect((inspected["writer"] as? String)?.hasPrefix("tern-recv ") == true)
            let original = try ws.jsonObject("inspect", "in.tsnap", "--json")
            let pulledVector = try #require(inspected["versionVector"] as? NSArray)
            let originalVector = try #require(original["versionVector"] as? [Any])
            #expect(pulledVector.isEqual(to: originalVector))
            #expect(try receiver.stop() == 0)
        }
    }
}
