import Foundation
import Testing

/// merge keeps the record the newest-wins rule picks per key; a newer tombstone removes a session.
struct MergeTests {
    static func prepare(_ ws: Workspace) throws {
        try ws.writeImported(
            [
                JSONLines.session("s1", version: 1000, attributes: ["v": "old"]),
                JSONLines.session("s2", version: 3000, attributes: ["v": "a-wins"]),
                JSONLines.session("s4", version: 1000, attributes: ["v": "only-a"]),
            ], to: "a.tsnap")
        try ws.writeImported(
            [
                JSONLines.session("s1", version: 2000, attributes: ["v": "new"]),
                JSONLines.session("s2", version: 1000, attributes: ["v": "stale"]),
                JSONLines.session("s3", version: 1000, attributes: ["v": "only-b"]),
            ], to: "b.tsnap")
        try ws.writeImported(
            [
                JSONLines.tombstone("s3", version: 5000),  // newer than s3: removes it
                JSONLines.tombstone("s1", version: 500),  // older than s1: ignored
            ], to: "c.tsnap")
    }

    static func records(_ ws: Workspace, _ file: String) throws -> [String: [String: Any]] {
        var byID: [String: [String: Any]] = [:]
        for object in try JSONLines.objects(ws.snapOK("cat", file).stdoutLines.dropFirst().map { $0 }) {
            byID[try #require(object.string("id"))] = object
        }
        return byID
    }

    static func value(_ record: [String: Any]?) -> String? {
        (record?["attributes"] as? [String: Any])?["v"] as? String
    }

    @Test func newestVersionWinsPerKey() throws {
        try withWorkspace { ws in
            try Self.prepare(ws)
            try ws.snapOK("merge", "a.tsnap", "b.tsnap", "-o", "ab.tsnap")
            let merged = try Self.records(ws, "ab.tsnap")
            #expect(merged.keys.sorted() == ["s1", "s2", "s3", "s4"])
            #expect(Self.value(merged["s1"]) == "new")
            #expect(Self.value(merged["s2"]) == "a-wins")
            #expect(Self.value(merged["s3"]) == "only-b")
            #expect(Self.value(merged["s4"]) == "only-a")

            try ws.snapOK("merge", "b.tsnap", "a.tsnap", "-o", "ba.tsnap")
            let reversed = try ws.snap("diff", "ab.tsnap", "ba.tsnap")
            #expect(reversed.status == 0, "input order must not matter: \(reversed.stdoutText)")
        }
    }

    /// "The newer version wins whole, … copies of the same version keep the latest access."
    @Test func newerVersionWinsWholeAndCopiesOfOneVersionKeepTheLatestAccess() throws {
        try withWorkspace { ws in
            let late = "2026-01-01T00:30:00.000Z"
            try ws.writeImported(
                [
                    JSONLines.session("older-but-used", version: 1000, lastAccessed: late),
                    JSONLines.session("same", version: 1000, lastAccessed: late),
                ], to: "x.tsnap")
            try ws.writeImported(
                [
                    JSONLines.session("older-but-used", version: 2000),
                    JSONLines.session("same", version: 1000),
                ], to: "y.tsnap")
            for inputs in [["x.tsnap", "y.tsnap"], ["y.tsnap", "x.tsnap"]] {
                try ws.snapOK(["merge"] + inputs + ["-o", "m.tsnap"])
                let merged = try Self.records(ws, "m.tsnap")
                #expect(merged["older-but-used"]?.string("lastAccessed") == JSONLines.epoch, "\(inputs)")
                #expect(merged["same"]?.string("lastAccessed") == late, "\(inputs)")
            }
        }
    }

    @Test func newerTombstoneRemovesASession() throws {
        try withWorkspace { ws in
            try Self.prepare(ws)
            try ws.snapOK("merge", "a.tsnap", "b.tsnap", "-o", "ab.tsnap")
            try ws.snapOK("merge", "a.tsnap", "b.tsnap", "c.tsnap", "-o", "abc.tsnap")
            let merged = try Self.records(ws, "abc.tsnap")
            #expect(merged["s3"]?.string("kind") == "tombstone")
            #expect(merged["s1"]?.string("kind") == "session", "an older tombstone does not remove a session")

            let diff = try ws.snap("diff", "ab.tsnap", "abc.tsnap")
            #expect(diff.status == 1)
            #expect(diff.stdoutLines.first?.hasPrefix("- shop/s3 ") == true)
            #expect(diff.stdoutLines.count == 2, "\(diff.stdoutText)")

            let report = try ws.jsonObject("inspect", "--json", "abc.tsnap")
            #expect(report.int("sessions") == 3)
            #expect(report.int("tombstones") == 1)
        }
    }

    @Test func mergeOutputVerifies() throws {
        try withWorkspace { ws in
            try ws.generate("x.tsnap", "--sessions", "80", "--seed", "1", "--tombstone-percent", "10")
            try ws.generate("y.tsnap.gz", "--sessions", "80", "--seed", "2", "--tombstone-percent", "10")
            try ws.snapOK("merge", "x.tsnap", "y.tsnap.gz", "-o", "m.tsnap")
            try ws.snapOK("merge", "x.tsnap", "y.tsnap.gz", "-o", "m.tsnap.gz")
            #expect(try ws.snap("verify", "m.tsnap").status == 0)
            #expect(try ws.snap("verify", "m.tsnap.gz").status == 0)
            #expect(try ws.read("m.tsnap.gz").prefix(2) == [0x1F, 0x8B])
            let x = try ws.jsonObject("inspect", "--json", "x.tsnap")
            let y = try ws.jsonObject("inspect", "--json", "y.tsnap.gz")
            let m = try ws.jsonObject("inspect", "--json", "m.tsnap")
            // Different seeds give different random ids: the merge holds every record of both.
            #expect(m.int("records") == (x.int("records") ?? 0) + (y.int("records") ?? 0))
        }
    }

    @Test func inputsFromDifferentClustersAreMergedWithAWarning() throws {
        try withWorkspace { ws in
            try ws.generate("x.tsnap", "--sessions", "5", "--cluster", "east")
            try ws.generate("y.tsnap", "--sessions", "5", "--cluster", "west", "--seed", "2")
            let warned = try ws.snapOK("merge", "x.tsnap", "y.tsnap", "-o", "m.tsnap")
            #expect(warned.stderr.contains("different clusters (east, west)"), "\(warned.stderr)")
            #expect(try ws.jsonObject("inspect", "--json", "m.tsnap").string("cluster") == "east")
            let named = try ws.snapOK("merge", "--cluster", "all", "x.tsnap", "y.tsnap", "-o", "n.tsnap")
            #expect(named.stderr.isEmpty)
            #expect(try ws.jsonObject("inspect", "--json", "n.tsnap").string("cluster") == "all")
        }
    }

    @Test func mergingASnapshotWithItselfChangesNothing() throws {
        try withWorkspace { ws in
            try ws.generate("x.tsnap", "--sessions", "60", "--tombstone-percent", "10")
            try ws.snapOK("merge", "x.tsnap", "x.tsnap", "-o", "m.tsnap")
            #expect(try ws.snap("diff", "x.tsnap", "m.tsnap").status == 0)
            #expect(
                try ws.snapOK("cat", "m.tsnap").stdoutLines.dropFirst()
                    == ws.snapOK("cat", "x.tsnap").stdoutLines.dropFirst())
        }
    }
}
