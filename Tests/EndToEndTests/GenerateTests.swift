import Foundation
import Testing

/// generate is a pure function of its options: the same options give the same bytes.
struct GenerateTests {
    static let options = ["--sessions", "50", "--attr-bytes", "10-500", "--tombstone-percent", "5"]

    @Test func sameOptionsGiveIdenticalBytes() throws {
        try withWorkspace { ws in
            try ws.snapOK(["generate"] + Self.options + ["-o", "a.tsnap"])
            try ws.snapOK(["generate"] + Self.options + ["-o", "b.tsnap"])
            #expect(try ws.read("a.tsnap") == ws.read("b.tsnap"))
            #expect(try ws.program("/usr/bin/cmp", "a.tsnap", "b.tsnap").status == 0)
        }
    }

    @Test func differentSeedGivesDifferentBytes() throws {
        try withWorkspace { ws in
            try ws.snapOK(["generate"] + Self.options + ["--seed", "1", "-o", "a.tsnap"])
            try ws.snapOK(["generate"] + Self.options + ["--seed", "2", "-o", "b.tsnap"])
            #expect(try ws.read("a.tsnap") != ws.read("b.tsnap"))
            #expect(try ws.snap("diff", "a.tsnap", "b.tsnap").status == 1)
        }
    }

    @Test func gzipNameGivesAVerifiedGzipSnapshot() throws {
        try withWorkspace { ws in
            let compressed = try ws.generate("a.tsnap.gz", "--sessions", "50")
            #expect(compressed.prefix(2) == [0x1F, 0x8B])
            #expect(try ws.snap("verify", "-q", "a.tsnap.gz").status == 0)
            let plain = try ws.generate("a.tsnap", "--sessions", "50")
            #expect(try ws.program("/usr/bin/gzip", "-dc", "a.tsnap.gz").stdout == plain)
        }
    }

    @Test func defaultCreationTimeIsFixedAndNowIsToday() throws {
        try withWorkspace { ws in
            try ws.generate("fixed.tsnap", "--sessions", "3")
            #expect(
                try ws.jsonObject("verify", "--json", "fixed.tsnap").string("created") == "2026-01-01T00:00:00.000Z")
            try ws.generate("fresh.tsnap", "--sessions", "3", "--now", "now")
            let created = try JSONLines.millis(
                try #require(ws.jsonObject("verify", "--json", "fresh.tsnap").string("created")))
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            #expect(abs(now - created) < 10 * 60 * 1000)
        }
    }
}
