import Foundation
import TernTestKit
import Testing

/// compress writes one standard gzip stream that gzip, zcat and every tern command read.
struct CompressionTests {
    @Test func compressThenDecompressIsIdentical() throws {
        try withWorkspace { ws in
            let original = try ws.generate("a.tsnap", "--sessions", "80")
            try ws.snapOK("compress", "a.tsnap")
            #expect(try ws.read("a.tsnap") == original, "compress must keep its input")
            try ws.snapOK("decompress", "a.tsnap.gz", "-o", "b.tsnap")
            #expect(try ws.read("b.tsnap") == original)
            // Without -o, FILE.gz becomes FILE.
            try FileManager.default.removeItem(atPath: ws.file("a.tsnap"))
            try ws.snapOK("decompress", "a.tsnap.gz")
            #expect(try ws.read("a.tsnap") == original)
            #expect(ws.exists("a.tsnap.gz"), "decompress must keep its input")
        }
    }

    @Test func compressedOutputIsAStandardGzipStream() throws {
        try withWorkspace { ws in
            let original = try ws.generate("a.tsnap", "--sessions", "80")
            try ws.snapOK("compress", "a.tsnap")
            let test = try ws.program("/usr/bin/gzip", "-t", "a.tsnap.gz")
            #expect(test.status == 0, "\(test)")
            let zcat = try ws.program("/usr/bin/gzip", "-dc", "a.tsnap.gz")
            #expect(zcat.status == 0)
            #expect(zcat.stdout == original)
        }
    }

    /// Any bytes, several 128 KiB blocks: every thread count and level gives a stream that both
    /// tern-snap and gzip decompress to the input.
    @Test(arguments: [("1", "1"), ("1", "9"), ("2", "1"), ("2", "9"), ("2", "0")])
    func threadAndLevelChoicesAllDecompressIdentically(threads: String, level: String) throws {
        try withWorkspace { ws in
            var random = TestRandom(seed: 5)
            var input: [UInt8] = []
            while input.count < 700_000 {
                input += Array("line \(input.count) of text that compresses well\n".utf8)
                input += random.bytes(40)
            }
            try ws.write(input, to: "data.bin")
            try ws.snapOK("compress", "--threads", threads, "--level", level, "data.bin", "-o", "data.gz")
            #expect(try ws.snapOK("decompress", "data.gz", "-o", "-").stdout == input)
            let zcat = try ws.program("/usr/bin/gzip", "-dc", "data.gz")
            #expect(zcat.status == 0, "\(zcat)")
            #expect(zcat.stdout == input)
        }
    }

    @Test func decompressReadsConcatenatedMembersLikeZcat() throws {
        try withWorkspace { ws in
            try ws.write(Array("first\n".utf8), to: "one")
            try ws.write(Array("second\n".utf8), to: "two")
            try ws.snapOK("compress", "one")
            try ws.snapOK("compress", "two")
            let joined = try ws.read("one.gz") + ws.read("two.gz")
            #expect(try ws.snapOK("decompress", "-", stdin: joined).stdoutText == "first\nsecond\n")
        }
    }

    @Test func decompressRejectsDataThatIsNotGzip() throws {
        try withWorkspace { ws in
            try ws.write(Array("plain text\n".utf8), to: "x.gz")
            let result = try ws.snap("decompress", "x.gz", "-o", "x")
            #expect(result.status == 65)
            #expect(result.stderrLines.count == 1)
            #expect(!ws.exists("x"))
        }
    }

    /// inspect, ls, cat, verify, diff and merge give the same answers for FILE and FILE.gz.
    @Test func everyCommandReadsGzipLikePlain() throws {
        try withWorkspace { ws in
            let plain = try ws.generate("a.tsnap", "--sessions", "80", "--tombstone-percent", "10")
            try ws.snapOK("compress", "a.tsnap")
            let at = "2025-12-30T00:00:00Z"

            let compressionFields: Set<String> = ["file", "compression", "storedBytes", "ratio"]
            let inspectPlain = try ws.jsonObject("inspect", "--json", "--at", at, "a.tsnap")
            let inspectGzip = try ws.jsonObject("inspect", "--json", "--at", at, "a.tsnap.gz")
            #expect(
                inspectGzip.canonical(without: compressionFields) == inspectPlain.canonical(without: compressionFields))
            #expect(inspectPlain.string("compression") == "none")
            #expect(inspectGzip.string("compression") == "gzip")

            for arguments in [["ls", "--json", "--at", at], ["ls", "--at", at], ["cat"]] {
                let fromPlain = try ws.snapOK(arguments + ["a.tsnap"])
                let fromGzip = try ws.snapOK(arguments + ["a.tsnap.gz"])
                #expect(fromGzip.stdout == fromPlain.stdout, "\(arguments)")
            }

            let verifyFields: Set<String> = ["file", "compression", "storedBytes", "ageMs"]
            let verifyPlain = try ws.jsonObject("verify", "--json", "a.tsnap")
            let verifyGzip = try ws.jsonObject("verify", "--json", "a.tsnap.gz")
            #expect(verifyGzip.canonical(without: verifyFields) == verifyPlain.canonical(without: verifyFields))
            #expect(verifyGzip.int("uncompressedBytes") == plain.count)

            let diff = try ws.snap("diff", "a.tsnap", "a.tsnap.gz")
            #expect(diff.status == 0 && diff.stdout.isEmpty, "\(diff)")
            try ws.snapOK("merge", "a.tsnap.gz", "-o", "m-gzip.tsnap")
            try ws.snapOK("merge", "a.tsnap", "-o", "m-plain.tsnap")
            #expect(
                try ws.snapOK("cat", "m-gzip.tsnap").stdoutLines.dropFirst()
                    == ws.snapOK("cat", "m-plain.tsnap").stdoutLines.dropFirst())
        }
    }
}
