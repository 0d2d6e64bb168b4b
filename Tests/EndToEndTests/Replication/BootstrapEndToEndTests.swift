import Foundation
import TernTestKit
import Testing

@Suite("Bootstrap end to end")
struct BootstrapEndToEndTests {
    @Test func aBootstrapWhileAnotherClientPushesLosesNothing() throws {
        try withWorkspace { ws in
            try ws.generate("a.tsnap", "--sessions", "20000", "--seed", "21", "--attr-bytes", "100-400")
            try ws.generate(
                "b.tsnap", "--sessions", "3000", "--seed", "22", "--attr-bytes", "100-400", "--contexts", "5")
            try ws.snapOK("merge", "a.tsnap", "b.tsnap", "-o", "expected.tsnap")
            let source = try Receiver.start(["--serve-state", "--quiet", "--load", "a.tsnap"], in: ws)
            let node = try Receiver.start(
                ["--serve-state", "--quiet", "--json", "--bootstrap-from", source.address], in: ws)
            // Pushed while the transfer runs (or just after: either way nothing may be lost).
            try ws.xferOK(["push", "--to", node.address, "--mode", "async", "b.tsnap"])
            let (_, verdict) = try node.tool.waitForLine(timeout: 60, "the bootstrap verdict") {
                $0.contains("\"bootstrap\"")
            }
            #expect(try JSONLines.object(verdict)["outcome"] as? String == "completed", "\(verdict)")
            try ws.xferOK(["pull", "--from", node.address, "-o", "out.tsnap"])
            try ws.expectSameSessions("expected.tsnap", "out.tsnap")
            #expect(try node.stop() == 0)
            #expect(try source.stop() == 0)
        }
    }

    @Test func aBootstrapFromAnUnreachablePeerSaysWhichAndGoesOn() throws {
        try withWorkspace { ws in
            let unreachable = try closedAddress()
            let node = try Receiver.start(["--serve-state", "--quiet", "--bootstrap-from", unreachable], in: ws)
            let (_, verdict) = try node.tool.waitForLine(timeout: 30, "the bootstrap verdict") {
                $0.contains("bootstrap")
            }
            #expect(verdict.contains("failed") && verdict.contains(unreachable), "\(verdict)")
            try ws.generate("in.tsnap", "--sessions", "50")
            try ws.xferOK(["push", "--to", node.address, "in.tsnap"])
            try ws.xferOK(["pull", "--from", node.address, "-o", "out.tsnap"])
            try ws.expectSameSessions("in.tsnap", "out.tsnap")
            #expect(try node.stop() == 0)
        }
    }
}
