import Foundation
import TernTestKit
import Testing

/// verify: 0 good, 65 corrupt with one line saying where, 1 too old, 66 missing.
struct VerifyTests {
    /// Checks a corrupt-input result: status 65 and exactly one stderr line.
    static func expectCorrupt(
        _ result: ToolRunner.Result, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.status == 65, "\(what): \(result)", sourceLocation: sourceLocation)
        #expect(result.stderrLines.count == 1, "\(what): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(what)", sourceLocation: sourceLocation)
    }

    /// The uncompressed byte where the records start: 14-byte preamble plus the header body.
    static func recordsStart(_ bytes: [UInt8]) -> Int {
        14 + Int(bytes[10]) << 24 + Int(bytes[11]) << 16 + Int(bytes[12]) << 8 + Int(bytes[13])
    }

    @Test func goodSnapshotExitsZero() throws {
        try withWorkspace { ws in
            try ws.generate("a.tsnap", "--sessions", "30")
            let result = try ws.snap("verify", "a.tsnap")
            #expect(result.status == 0)
            #expect(result.stdoutText.hasPrefix("a.tsnap: ok, 30 records"))
            #expect(try ws.snap("verify", "-q", "a.tsnap").stdout.isEmpty)
            let report = try ws.jsonObject("verify", "--json", "a.tsnap")
            #expect(report["ok"] as? Bool == true)
            #expect(report.int("records") == 30)
        }
    }

    /// Every truncation of a one-record snapshot names the byte, and the record once past the header.
    @Test func everyTruncationOfATinySnapshotIsReported() throws {
        try withWorkspace { ws in
            let bytes = try ws.generate("a.tsnap", "--sessions", "1", "--attr-bytes", "1", "--attrs", "1")
            let records = Self.recordsStart(bytes)
            for length in 0..<bytes.count {
                let result = try ws.snap("verify", "-", stdin: Array(bytes.prefix(length)))
                Self.expectCorrupt(result, "truncated at \(length)")
                let line = result.stderr
                if length == 0 {
                    #expect(line.contains("empty"), "\(line)")
                } else if length < records {
                    #expect(line.contains("byte") && line.contains("header"), "truncated at \(length): \(line)")
                } else {
                    #expect(line.contains("byte") && line.contains("record"), "truncated at \(length): \(line)")
                }
            }
        }
    }

    @Test func sampledTruncationsOfABiggerSnapshotAreReported() throws {
        try withWorkspace { ws in
            let bytes = try ws.generate("a.tsnap", "--sessions", "200", "--attr-bytes", "10-200")
            let records = Self.recordsStart(bytes)
            var lengths = Array(stride(from: records, to: bytes.count, by: bytes.count / 25))
            lengths += [records + 1, bytes.count - 41, bytes.count - 40, bytes.count - 1]
            for length in lengths {
                try ws.write(Array(bytes.prefix(length)), to: "cut.tsnap")
                let result = try ws.snap("verify", "cut.tsnap")
                Self.expectCorrupt(result, "truncated at \(length)")
                #expect(result.stderr.hasPrefix("tern-snap: cut.tsnap: "), "\(result.stderr)")
                #expect(result.stderr.contains("byte") && result.stderr.contains("record"), "\(result.stderr)")
            }
        }
    }

    @Test func truncatedGzipIsCorrupt() throws {
        try withWorkspace { ws in
            let bytes = try ws.generate("a.tsnap.gz", "--sessions", "100", "--attr-bytes", "10-200")
            for length in [10, bytes.count / 2, bytes.count - 8, bytes.count - 1] {
                let result = try ws.snap("verify", "-", stdin: Array(bytes.prefix(length)))
                Self.expectCorrupt(result, "gzip truncated at \(length)")
                #expect(result.stderr.contains("byte"), "\(result.stderr)")
            }
        }
    }

    @Test func flippedByteIsCorrupt() throws {
        try withWorkspace { ws in
            let bytes = try ws.generate("a.tsnap", "--sessions", "3", "--attr-bytes", "5-20", "--attrs", "1-2")
            // Magic, version, header fields, record tags and payloads, the trailer count and digest.
            for offset in stride(from: 0, to: bytes.count, by: 7) {
                var damaged = bytes
                damaged[offset] ^= 0x20
                let result = try ws.snap("verify", "-", stdin: damaged)
                Self.expectCorrupt(result, "flipped byte \(offset)")
            }
        }
    }

    @Test func jsonReportsACorruptSnapshotAsNotOK() throws {
        try withWorkspace { ws in
            var bytes = try ws.generate("a.tsnap", "--sessions", "5")
            bytes[bytes.count / 2] ^= 0x01
            try ws.write(bytes, to: "bad.tsnap")
            let result = try ws.snap("verify", "--json", "bad.tsnap")
            #expect(result.status == 65)
            let report = try JSONLines.object(try #require(result.stdoutLines.first))
            #expect(report["ok"] as? Bool == false)
            #expect(report.string("error")?.contains("SHA-256") == true)
        }
    }

    @Test func emptyFileIsCorrupt() throws {
        try withWorkspace { ws in
            try ws.write([], to: "empty.tsnap")
            let result = try ws.snap("verify", "empty.tsnap")
            Self.expectCorrupt(result, "empty file")
            #expect(result.stderr.contains("empty"))
        }
    }

    @Test func gzipOfOtherDataIsCorrupt() throws {
        try withWorkspace { ws in
            try ws.write(Array("just some text, not a snapshot\n".utf8), to: "notes.txt")
            try ws.snapOK("compress", "notes.txt")
            let result = try ws.snap("verify", "notes.txt.gz")
            Self.expectCorrupt(result, "gzip of text")
            #expect(result.stderr.contains("not a tern snapshot"))
        }
    }

    @Test func futureFormatVersionIsRejectedByNumber() throws {
        try withWorkspace { ws in
            var bytes = try ws.generate("a.tsnap", "--sessions", "3")
            bytes[8] = 0x00
            bytes[9] = 0x02
            try ws.write(bytes, to: "future.tsnap")
            let result = try ws.snap("verify", "future.tsnap")
            Self.expectCorrupt(result, "version 2")
            #expect(result.stderr.contains("version 2"), "\(result.stderr)")
            #expect(result.stderr.contains("reads 1"), "the message names the supported version")
        }
    }

    @Test func maxAgeFailsAnOldSnapshotAndPassesAFreshOne() throws {
        try withWorkspace { ws in
            try ws.generate("old.tsnap", "--sessions", "3")
            let old = try ws.snap("verify", "--max-age", "1h", "old.tsnap")
            #expect(old.status == 1, "\(old)")
            #expect(old.stderrLines.count == 1)
            #expect(old.stderr.contains("older than --max-age 1h"))
            try ws.generate("fresh.tsnap", "--sessions", "3", "--now", "now")
            let fresh = try ws.snap("verify", "--max-age", "1h", "fresh.tsnap")
            #expect(fresh.status == 0, "\(fresh)")
            #expect(try ws.snap("verify", "--max-age", "soon", "fresh.tsnap").status == 64)
        }
    }

    @Test func missingFileOrDirectoryIsNoInput() throws {
        try withWorkspace { ws in
            let missing = try ws.snap("verify", "missing.tsnap")
            #expect(missing.status == 66, "\(missing)")
            #expect(missing.stderrLines.count == 1)
            #expect(missing.stderr.contains("missing.tsnap"))
            try FileManager.default.createDirectory(atPath: ws.file("dir"), withIntermediateDirectories: false)
            let directory = try ws.snap("verify", "dir")
            #expect(directory.status == 66, "\(directory)")
            #expect(directory.stderrLines.count == 1)
        }
    }
}
