import Foundation
import TernTestKit
import Testing

/// `tern-recv --max-sessions` (docs/LIMITS.md): puts of new sessions beyond the bound are nacked
/// "too large" and not stored; tern-xfer push reports each as not acknowledged, and tern-recv's
/// "stopped" event counts them.
@Suite("tern-recv: sessions per context")
struct ReceiverSessionLimitTests {
    @Test func putsOfNewSessionsBeyondTheBoundAreRefusedAndCounted() throws {
        try withWorkspace { ws in
            try ws.generate(
                "in.tsnap", "--sessions", "60", "--contexts", "2", "--tombstone-percent", "0", "--seed", "7")
            let receiver = try Receiver.start(["--json", "--quiet", "--max-sessions", "10"], in: ws)
            let push = try ws.xfer(["push", "--to", receiver.address, "--mode", "sync", "in.tsnap"])
            #expect(push.stdoutText.contains("20 acknowledged, 40 not acknowledged"), "\(push)")
            #expect(push.stdoutText.contains("too large"), "\(push.stdoutText)")
            #expect(try receiver.stop() == 0)
            let stopped = try #require(
                try receiver.tool.stdoutLines.map { try JSONLines.object($0) }.first {
                    $0["event"] as? String == "stopped"
                })
            #expect(stopped["records"] as? Int == 20, "\(stopped)")
            #expect((stopped["limitHits"] as? [String: Any])?["sessions"] as? Int == 40, "\(stopped)")
        }
    }
}
