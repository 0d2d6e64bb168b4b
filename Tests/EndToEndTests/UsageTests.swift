import Foundation
import Testing

/// A wrong command line exits 64 with a message on stderr and nothing on stdout.
struct UsageTests {
    @Test(arguments: [
        ["inspect", "--bogus", "a.tsnap"], ["ls", "--nope", "a.tsnap"], ["frobnicate"],
        ["ls", "--live", "--expired", "a.tsnap"], ["cat", "--live", "--expired", "a.tsnap"],
        ["ls", "--at", "yesterday", "a.tsnap"], ["inspect", "--at", "2026-13-01", "a.tsnap"],
        ["cat", "--at", "soon", "a.tsnap"], ["merge", "a.tsnap"], ["import", "in.jsonl"],
        ["generate", "--level", "10", "-o", "x.tsnap"], ["compress", "--threads", "0", "a.tsnap"],
        ["generate", "--attrs", "40", "-o", "x.tsnap"], ["verify", "--max-age", "old", "a.tsnap"],
        ["diff", "-", "-"], ["merge", "-", "-", "-o", "x.tsnap"],
    ])
    func badCommandLineExitsSixtyFour(arguments: [String]) throws {
        try withWorkspace { ws in
            try ws.generate("a.tsnap", "--sessions", "3")
            let result = try ws.snap(arguments)
            #expect(result.status == 64, "\(arguments): \(result)")
            #expect(result.stdout.isEmpty)
            #expect(!result.stderr.isEmpty)
            #expect(!ws.exists("x.tsnap"))
        }
    }

    @Test func liveAndExpiredTogetherSayWhy() throws {
        try withWorkspace { ws in
            let result = try ws.snap("ls", "--live", "--expired", "a.tsnap")
            #expect(result.stderr.contains("--live and --expired exclude each other"))
        }
    }

    @Test func versionPrintsTheToolVersion() throws {
        try withWorkspace { ws in
            let result = try ws.snap("--version")
            #expect(result.status == 0)
            #expect(result.stdoutText == "0.1.0\n")
        }
    }
}
