import Foundation
import Testing

/// diff follows diff(1): 0 same, 1 different, 2 trouble.
struct DiffTests {
    /// before: a, b, c; after: b with a new version and value, c only touched, d added, a removed.
    static func prepare(_ ws: Workspace) throws {
        try ws.writeImported(
            [
                JSONLines.session("a", attributes: ["cart": "3 items"]),
                JSONLines.session("b", attributes: ["cart": "1 item", "user": "bob"]),
                JSONLines.session("c", attributes: ["cart": "empty"]),
            ], to: "before.tsnap")
        try ws.writeImported(
            [
                JSONLines.session("b", version: 2000, attributes: ["cart": "2 items", "theme": "dark"]),
                JSONLines.session("c", lastAccessed: "2026-01-01T00:05:00.000Z", attributes: ["cart": "empty"]),
                JSONLines.session("d", attributes: ["cart": "new"]),
            ], to: "after.tsnap")
    }

    @Test func identicalSnapshotsExitZeroWithNoOutput() throws {
        try withWorkspace { ws in
            try ws.generate("a.tsnap", "--sessions", "50")
            try ws.generate("b.tsnap", "--sessions", "50")
            let result = try ws.snap("diff", "a.tsnap", "b.tsnap")
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.isEmpty)
        }
    }

    @Test func addedRemovedAndChangedAreListedWithExitOne() throws {
        try withWorkspace { ws in
            try Self.prepare(ws)
            let result = try ws.snap("diff", "before.tsnap", "after.tsnap")
            #expect(result.status == 1, "\(result)")
            let lines = result.stdoutLines
            #expect(lines.count == 5)
            #expect(lines.contains { $0.hasPrefix("- shop/a ") })
            let b = try #require(lines.first { $0.hasPrefix("~ shop/b ") })
            #expect(b.contains("version 1000.0@00000000 → 2000.0@00000000"))
            #expect(b.contains("cart 6 B → 7 B"))
            #expect(b.contains("+theme 4 B"))
            #expect(b.contains("-user 3 B"))
            let c = try #require(lines.first { $0.hasPrefix("~ shop/c ") })
            #expect(c.contains("lastAccessed 2026-01-01T00:00:00.000Z → 2026-01-01T00:05:00.000Z"))
            #expect(lines.contains { $0.hasPrefix("+ shop/d ") })
            #expect(lines.last == "4 sessions differ: 1 added, 1 removed, 2 changed")
        }
    }

    @Test func jsonGivesKindsAndAFinalSummary() throws {
        try withWorkspace { ws in
            try Self.prepare(ws)
            let result = try ws.snap("diff", "--json", "before.tsnap", "after.tsnap")
            #expect(result.status == 1)
            let objects = try JSONLines.objects(result.stdoutLines)
            #expect(objects.compactMap { $0.string("kind") } == ["removed", "changed", "changed", "added", "summary"])
            #expect(objects.dropLast().compactMap { $0.string("id") } == ["a", "b", "c", "d"])
            let b = objects[1]
            #expect(b["fields"] as? [String] == ["version"])
            let changes = try #require(b["attributes"] as? [[String: Any]])
            #expect(changes.compactMap { $0.string("name") }.sorted() == ["cart", "theme", "user"])
            let cart = try #require(changes.first { $0.string("name") == "cart" })
            #expect(cart.string("change") == "changed")
            #expect(cart.int("beforeBytes") == 6 && cart.int("afterBytes") == 7)
            #expect(cart.string("beforeSha")?.count == 16)
            #expect(cart["before"] == nil, "no values without --reveal")
            #expect(objects[2]["fields"] as? [String] == ["lastAccessed"])
            let summary = try #require(objects.last)
            #expect(summary.int("added") == 1)
            #expect(summary.int("removed") == 1)
            #expect(summary.int("changed") == 2)
            #expect(summary.int("compared") == 4)
        }
    }

    @Test func jsonOfIdenticalSnapshotsIsOnlyAZeroSummary() throws {
        try withWorkspace { ws in
            try Self.prepare(ws)
            let result = try ws.snap("diff", "--json", "after.tsnap", "after.tsnap")
            #expect(result.status == 0)
            let objects = try JSONLines.objects(result.stdoutLines)
            #expect(objects.count == 1)
            #expect(objects.first?.string("kind") == "summary")
            #expect(objects.first?.int("changed") == 0)
            #expect(objects.first?.int("compared") == 3)
        }
    }

    /// A session that was only used (last access moved) compares equal with --ignore-access-time.
    @Test func ignoreAccessTimeMakesATouchOnlyChangeEqual() throws {
        try withWorkspace { ws in
            try ws.generate("a.tsnap", "--sessions", "40", "--attr-bytes", "10-100")
            var touched = 0
            let lines = try ws.snapOK("cat", "a.tsnap").stdoutLines.map { line -> String in
                var object = try JSONLines.object(line)
                guard object.string("kind") == "session", touched < 3 else { return line }
                touched += 1
                object["lastAccessed"] = try JSONLines.shifted(try #require(object.string("lastAccessed")), seconds: 90)
                return JSONLines.encode(object)
            }
            try ws.importLines(lines, to: "b.tsnap")

            let plain = try ws.snap("diff", "a.tsnap", "b.tsnap")
            #expect(plain.status == 1)
            #expect(plain.stdoutLines.filter { $0.hasPrefix("~ ") && $0.contains("lastAccessed") }.count == 3)
            let ignoring = try ws.snap("diff", "--ignore-access-time", "a.tsnap", "b.tsnap")
            #expect(ignoring.status == 0, "\(ignoring)")
            #expect(ignoring.stdout.isEmpty)
        }
    }

    @Test func tombstonesCountAsAbsence() throws {
        try withWorkspace { ws in
            try ws.importLines([JSONLines.session("a"), JSONLines.tombstone("gone", version: 900)], to: "x.tsnap")
            try ws.importLines([JSONLines.session("a")], to: "y.tsnap")
            #expect(try ws.snap("diff", "x.tsnap", "y.tsnap").status == 0)
        }
    }

    @Test func missingOrCorruptInputIsTrouble() throws {
        try withWorkspace { ws in
            let bytes = try ws.generate("a.tsnap", "--sessions", "5")
            for arguments in [["a.tsnap", "missing.tsnap"], ["missing.tsnap", "a.tsnap"]] {
                let result = try ws.snap(["diff"] + arguments)
                #expect(result.status == 2, "\(result)")
                #expect(result.stderrLines.count == 1)
                #expect(result.stderr.contains("missing.tsnap"))
            }
            try ws.write(Array(bytes.dropLast(3)), to: "cut.tsnap")
            let corrupt = try ws.snap("diff", "a.tsnap", "cut.tsnap")
            #expect(corrupt.status == 2, "\(corrupt)")
            #expect(corrupt.stderrLines.count == 1)
        }
    }
}
