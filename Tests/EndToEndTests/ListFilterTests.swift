import Foundation
import Testing

/// ls lists sessions (never tombstones); its filters agree with inspect's counts.
struct ListFilterTests {
    static let at = InspectTests.at

    static func count(_ ws: Workspace, _ arguments: String...) throws -> Int {
        let lines = try ws.snapOK(["ls", "--json", "a.tsnap"] + arguments).stdoutLines
        for object in try JSONLines.objects(lines) { #expect(object.string("kind") == "session") }
        return lines.count
    }

    static func prepare(_ ws: Workspace) throws -> [String: Any] {
        try ws.snapOK(["generate"] + InspectTests.options + ["-o", "a.tsnap"])
        return try ws.jsonObject("inspect", "--json", "--at", at, "a.tsnap")
    }

    @Test func unfilteredListingHasEverySessionAndNoTombstone() throws {
        try withWorkspace { ws in
            let report = try Self.prepare(ws)
            #expect(try Self.count(ws) == report.int("sessions"))
            let text = try ws.snapOK("ls", "a.tsnap").stdoutLines
            #expect(text.first?.hasPrefix("CONTEXT") == true)
            #expect(text.count - 1 == report.int("sessions"))
        }
    }

    @Test func liveAndExpiredSplitTheSessionsAsInspectCounts() throws {
        try withWorkspace { ws in
            let report = try Self.prepare(ws)
            let live = try Self.count(ws, "--live", "--at", Self.at)
            let expired = try Self.count(ws, "--expired", "--at", Self.at)
            #expect(live == report.int("live"))
            #expect(expired == report.int("expired"))
            #expect(live > 0 && expired > 0)
            for object in try JSONLines.objects(
                ws.snapOK("ls", "--json", "--expired", "--at", Self.at, "a.tsnap").stdoutLines)
            {
                #expect(object["expired"] as? Bool == true)
                #expect(try #require(object.int("expiresInMs")) <= 0)
            }
        }
    }

    @Test func contextFilterMatchesPerContextCounts() throws {
        try withWorkspace { ws in
            let report = try Self.prepare(ws)
            let contexts = try #require(report["contexts"] as? [[String: Any]])
            for context in contexts {
                let name = try #require(context.string("context"))
                #expect(try Self.count(ws, "--context", name) == context.int("sessions"), "\(name)")
                #expect(
                    try Self.count(ws, "--context", name, "--live", "--at", Self.at) == context.int("live"), "\(name)")
            }
            let two = try #require(contexts[0].int("sessions")) + (contexts[1].int("sessions") ?? 0)
            #expect(try Self.count(ws, "--context", "app00", "--context", "app01") == two)
            #expect(try Self.count(ws, "--context", "no-such-app") == 0)
        }
    }

    @Test func idPrefixKeepsOnlyMatchingIds() throws {
        try withWorkspace { ws in
            _ = try Self.prepare(ws)
            let ids = try JSONLines.objects(ws.snapOK("ls", "--json", "a.tsnap").stdoutLines).compactMap {
                $0.string("id")
            }
            for prefix in ["a", "0f", "e"] {
                let listed = try JSONLines.objects(
                    ws.snapOK("ls", "--json", "--id-prefix", prefix, "a.tsnap").stdoutLines)
                #expect(listed.count == ids.filter { $0.hasPrefix(prefix) }.count, "\(prefix)")
                #expect(listed.allSatisfy { $0.string("id")?.hasPrefix(prefix) == true })
            }
        }
    }

    @Test func catFiltersLikeLs() throws {
        try withWorkspace { ws in
            _ = try Self.prepare(ws)
            let live = try Self.count(ws, "--live", "--at", Self.at)
            // cat prints the header line, then the matching records.
            let exported = try ws.snapOK("cat", "--live", "--at", Self.at, "a.tsnap").stdoutLines
            #expect(exported.count - 1 == live)
        }
    }
}
