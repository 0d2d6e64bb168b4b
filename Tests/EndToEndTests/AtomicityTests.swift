import Foundation
import Testing

/// A failed command leaves an existing output byte for byte as it was, and no temporary file.
struct AtomicityTests {
    static let precious = Array("precious bytes that must survive\n".utf8)

    /// A snapshot whose damage shows only at the end (SHA-256 mismatch), after output has begun.
    static func corruptCopy(_ ws: Workspace, of name: String, to damaged: String) throws {
        var bytes = try ws.read(name)
        bytes[bytes.count / 2] ^= 0x01
        try ws.write(bytes, to: damaged)
    }

    @Test func failedMergeLeavesExistingOutputUntouched() throws {
        try withWorkspace { ws in
            try ws.generate("good.tsnap", "--sessions", "100", "--seed", "1")
            try ws.generate("other.tsnap", "--sessions", "100", "--seed", "2")
            try Self.corruptCopy(ws, of: "other.tsnap", to: "bad.tsnap")
            try ws.write(Self.precious, to: "out.tsnap")
            let before = try ws.entries()

            let result = try ws.snap("merge", "good.tsnap", "bad.tsnap", "-o", "out.tsnap")
            #expect(result.status == 65, "\(result)")
            #expect(result.stderrLines.count == 1)
            #expect(result.stderr.contains("bad.tsnap"), "the message names the corrupt input")
            #expect(try ws.read("out.tsnap") == Self.precious)
            #expect(try ws.entries() == before, "no temporary file left")
        }
    }

    @Test func failedImportLeavesExistingOutputUntouched() throws {
        try withWorkspace { ws in
            try ws.write(
                lines: [JSONLines.session("a"), JSONLines.session("b"), #"{"kind":"session"}"#], to: "in.jsonl")
            for output in ["out.tsnap", "out.tsnap.gz"] {
                try ws.write(Self.precious, to: output)
                let result = try ws.snap("import", "in.jsonl", "-o", output)
                #expect(result.status == 65, "\(result)")
                #expect(result.stderr.contains("line 3"))
                #expect(try ws.read(output) == Self.precious)
            }
            #expect(try ws.entries() == ["in.jsonl", "out.tsnap", "out.tsnap.gz"])
        }
    }

    @Test func failedDecompressLeavesNothingBehind() throws {
        try withWorkspace { ws in
            let compressed = try ws.generate("a.tsnap.gz", "--sessions", "200", "--attr-bytes", "100-1K")
            try ws.write(Array(compressed.prefix(compressed.count - 20)), to: "cut.tsnap.gz")
            try ws.write(Self.precious, to: "out")
            let result = try ws.snap("decompress", "cut.tsnap.gz", "-o", "out")
            #expect(result.status == 65, "\(result)")
            #expect(result.stderrLines.count == 1)
            #expect(try ws.read("out") == Self.precious)
            let fresh = try ws.snap("decompress", "cut.tsnap.gz")
            #expect(fresh.status == 65)
            #expect(try ws.entries() == ["a.tsnap.gz", "cut.tsnap.gz", "out"])
        }
    }

    @Test func compressRefusesToReplaceAnExistingGzipWithoutForce() throws {
        try withWorkspace { ws in
            let original = try ws.generate("a.tsnap", "--sessions", "20")
            try ws.write(Self.precious, to: "a.tsnap.gz")
            let refused = try ws.snap("compress", "a.tsnap")
            #expect(refused.status == 64, "\(refused)")
            #expect(refused.stderrLines.count == 1)
            #expect(refused.stderr.contains("--force"))
            #expect(try ws.read("a.tsnap.gz") == Self.precious)

            try ws.snapOK("compress", "--force", "a.tsnap")
            #expect(try ws.snapOK("decompress", "a.tsnap.gz", "-o", "-").stdout == original)
            #expect(try ws.entries() == ["a.tsnap", "a.tsnap.gz"])
        }
    }

    @Test func decompressRefusesToReplaceAnExistingFileWithoutForce() throws {
        try withWorkspace { ws in
            let original = try ws.generate("a.tsnap", "--sessions", "20")
            try ws.snapOK("compress", "a.tsnap")
            try ws.write(Self.precious, to: "a.tsnap")
            let refused = try ws.snap("decompress", "a.tsnap.gz")
            #expect(refused.status == 64, "\(refused)")
            #expect(try ws.read("a.tsnap") == Self.precious)
            try ws.snapOK("decompress", "-f", "a.tsnap.gz")
            #expect(try ws.read("a.tsnap") == original)
        }
    }

    @Test func successfulWriteReplacesTheOutputWithoutLeftovers() throws {
        try withWorkspace { ws in
            try ws.write(Self.precious, to: "out.tsnap")
            let bytes = try ws.generate("out.tsnap", "--sessions", "20")
            #expect(bytes != Self.precious)
            #expect(try ws.snap("verify", "out.tsnap").status == 0)
            #expect(try ws.entries() == ["out.tsnap"])
        }
    }
}
