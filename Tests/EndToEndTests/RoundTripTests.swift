import Foundation
import Testing

/// cat and import are exact inverses; `-` reads standard input and writes standard output.
struct RoundTripTests {
    /// Small, but with tombstones, binary (base64) values and several contexts.
    static let mixed = [
        "--sessions", "120", "--attr-bytes", "0-300", "--attrs", "0-5", "--tombstone-percent", "10",
        "--binary-percent", "30", "--contexts", "4", "--seed", "11",
    ]

    @Test func catThenImportIsByteIdentical() throws {
        try withWorkspace { ws in
            try ws.snapOK(["generate"] + Self.mixed + ["-o", "a.tsnap"])
            let export = try ws.snapOK("cat", "a.tsnap")
            try ws.write(export.stdout, to: "a.jsonl")
            try ws.snapOK("import", "a.jsonl", "-o", "b.tsnap")
            #expect(try ws.read("b.tsnap") == ws.read("a.tsnap"))
            #expect(try ws.program("/usr/bin/cmp", "a.tsnap", "b.tsnap").status == 0)
        }
    }

    @Test func emptySnapshotSurvivesCatAndImport() throws {
        try withWorkspace { ws in
            let bytes = try ws.generate("empty.tsnap", "--sessions", "0")
            let export = try ws.snapOK("cat", "empty.tsnap")
            #expect(export.stdoutLines.count == 1, "only the header line")
            #expect(try ws.snapOK("import", "-", "-o", "-", stdin: export.stdout).stdout == bytes)
        }
    }

    @Test func catThenImportOfGzipGivesTheSameRecords() throws {
        try withWorkspace { ws in
            try ws.snapOK(["generate"] + Self.mixed + ["-o", "a.tsnap.gz"])
            let export = try ws.snapOK("cat", "a.tsnap.gz")
            try ws.snapOK("import", "-", "-o", "b.tsnap.gz", stdin: export.stdout)
            #expect(try ws.read("b.tsnap.gz").prefix(2) == [0x1F, 0x8B])
            #expect(try ws.snapOK("cat", "b.tsnap.gz").stdout == export.stdout)
        }
    }

    /// `tern-snap cat a | jq … | tern-snap import`, with the jq step done in Swift: drop a context,
    /// rewrite text values, shift a last access, and re-serialize with another key order.
    @Test func editedExportImportsToAVerifiedSnapshot() throws {
        try withWorkspace { ws in
            try ws.snapOK(["generate"] + Self.mixed + ["-o", "a.tsnap"])
            let lines = try ws.snapOK("cat", "a.tsnap").stdoutLines
            var edited: [String] = []
            var keptSessions = 0
            for line in lines {
                var object = try JSONLines.object(line)
                if object.string("context") == "app01" { continue }
                if object.string("kind") == "session" {
                    keptSessions += 1
                    var attributes = try #require(object["attributes"] as? [String: Any])
                    for (name, value) in attributes {
                        if let text = value as? String { attributes[name] = text + " (edited)" }
                    }
                    object["attributes"] = attributes
                    object["lastAccessed"] = "2026-01-01T00:00:00.000Z"
                }
                edited.append(JSONLines.encode(object))
            }
            try ws.snapOK("import", "-", "-o", "b.tsnap", stdin: Array(edited.joined(separator: "\n").utf8))
            let verify = try ws.snap("verify", "b.tsnap")
            #expect(verify.status == 0, "\(verify)")

            let report = try ws.jsonObject("inspect", "--json", "b.tsnap")
            #expect(report.int("sessions") == keptSessions)
            let contexts = try #require(report["contexts"] as? [[String: Any]]).compactMap { $0.string("context") }
            #expect(!contexts.contains("app01"))
            #expect(report.string("oldestAccess") == "2026-01-01T00:00:00.000Z")
            #expect(report.string("newestAccess") == "2026-01-01T00:00:00.000Z")
            let exported = try ws.snapOK("cat", "b.tsnap").stdoutText
            #expect(exported.contains(" (edited)\""))
        }
    }

    @Test func generateToStandardOutputEqualsGenerateToFile() throws {
        try withWorkspace { ws in
            let file = try ws.generate("a.tsnap", "--sessions", "40")
            let piped = try ws.snapOK("generate", "--sessions", "40", "-o", "-")
            #expect(piped.stdout == file)
        }
    }

    @Test func inspectAndCatReadStandardInput() throws {
        try withWorkspace { ws in
            let bytes = try ws.generate("a.tsnap", "--sessions", "40", "--tombstone-percent", "20")
            let at = "2025-12-31T00:00:00Z"
            let fromFile = try ws.jsonObject("inspect", "--json", "--at", at, "a.tsnap")
            let piped = try ws.snapOK("inspect", "--json", "--at", at, "-", stdin: bytes)
            let fromStdin = try JSONLines.object(try #require(piped.stdoutLines.first))
            #expect(fromStdin.string("file") == "-")
            #expect(fromStdin.canonical(without: ["file"]) == fromFile.canonical(without: ["file"]))

            let catFile = try ws.snapOK("cat", "a.tsnap")
            let catStdin = try ws.snapOK("cat", "-", stdin: bytes)
            #expect(catStdin.stdout == catFile.stdout)
            #expect(try ws.snapOK("verify", "-", stdin: bytes).stdoutText.hasPrefix("(standard input): ok"))
        }
    }

    @Test func compressAndDecompressThroughPipes() throws {
        try withWorkspace { ws in
            let bytes = try ws.generate("a.tsnap", "--sessions", "60")
            let compressed = try ws.snapOK("compress", "-", "-o", "-", stdin: bytes).stdout
            #expect(compressed.prefix(2) == [0x1F, 0x8B])
            #expect(try ws.snapOK("decompress", "-", "-o", "-", stdin: compressed).stdout == bytes)
            // Without -o, standard input goes to standard output.
            let implicit = try ws.snapOK("compress", stdin: bytes).stdout
            #expect(try ws.snapOK("decompress", stdin: implicit).stdout == bytes)
        }
    }

    @Test func importAndMergeWriteStandardOutput() throws {
        try withWorkspace { ws in
            let bytes = try ws.generate("a.tsnap", "--sessions", "30")
            let export = try ws.snapOK("cat", "a.tsnap").stdout
            #expect(try ws.snapOK("import", "-", "-o", "-", stdin: export).stdout == bytes)
            let merged = try ws.snapOK("merge", "-", "-o", "-", stdin: bytes).stdout
            try ws.write(merged, to: "m.tsnap")
            #expect(try ws.snap("diff", "a.tsnap", "m.tsnap").status == 0)
        }
    }
}
