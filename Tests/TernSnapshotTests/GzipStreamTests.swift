import TernSnapshot
import TernTestKit
import Testing

@Suite("Gzip streams: parallel deflate, inflate, interoperability with gzip(1)")
struct GzipStreamTests {
    /// Inputs that exercise the block logic: empty, under a block, exact multiples of the block
    /// size, several batches, compressible text, random bytes, long runs of zeros.
    static func inputs() -> [(name: String, bytes: [UInt8])] {
        var random = TestRandom(seed: 8)
        let text = Array(String(repeating: "session cart=3 user=ann locale=en-GB; ", count: 3000).utf8)
        return [
            ("empty", []),
            ("one byte", [0x42]),
            ("short text", Array(text.prefix(1000))),
            ("exactly one block", Array(text.prefix(1024))),
            ("exact multiple of the block size", Array(text.prefix(1024 * 37))),
            ("text over many batches", text),
            ("random", random.bytes(50_000)),
            ("random, exact multiple", random.bytes(1024 * 64)),
            ("zeros", [UInt8](repeating: 0, count: 100_000)),
            ("a random block, then zeros", random.bytes(1024) + [UInt8](repeating: 0, count: 7 * 1024)),
            ("mixed", (0..<40_000).map { UInt8(truncatingIfNeeded: $0 / 700) } + random.bytes(9000)),
        ]
    }

    static let configurations = [(threads: 1, blockSize: 1024), (threads: 3, blockSize: 1024),
                                 (threads: 1, blockSize: 128 << 10), (threads: 3, blockSize: 40_000)]

    @Test(arguments: configurations)
    func deflateThenInflateGivesTheInput(threads: Int, blockSize: Int) throws {
        for input in Self.inputs() {
            let compressed = try Snap.gzip(input.bytes, threads: threads, blockSize: blockSize)
            let decompressed = try Snap.gunzip(compressed)
            #expect(decompressed == input.bytes, "\(input.name)")
        }
    }

    @Test(arguments: configurations)
    func systemGzipAcceptsTheOutput(threads: Int, blockSize: Int) throws {
        try withTemporaryDirectory { directory in
            for input in Self.inputs() {
                let compressed = try Snap.gzip(input.bytes, threads: threads, blockSize: blockSize)
                let path = try directory.write(compressed, to: "out.gz")
                #expect(try runGzip(["-t", path]).status == 0, "gzip -t rejects \(input.name)")
                let decompressed = try runGzip(["-dc", path])
                #expect(decompressed.status == 0)
                #expect(decompressed.output == input.bytes, "gzip -dc differs for \(input.name)")
            }
        }
    }

    @Test func outputIsIndependentOfTheThreadCount() throws {
        for input in Self.inputs() {
            let serial = try Snap.gzip(input.bytes, threads: 1, blockSize: 32 << 10)
            let parallel = try Snap.gzip(input.bytes, threads: 3, blockSize: 32 << 10)
            #expect(serial == parallel, "\(input.name)")
        }
    }

    @Test func headerIsAPlainGzipMemberHeader() throws {
        let compressed = try Snap.gzip([1, 2, 3])
        // ID1 ID2, CM=8 deflate, no flags, no mtime, XFL 0, OS 3 (Unix).
        #expect(Array(compressed.prefix(10)) == [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3])
        // The trailer ends with ISIZE, the input size mod 2^32, little-endian.
        #expect(Array(compressed.suffix(4)) == [3, 0, 0, 0])
    }

    @Test func emptyInputIsAValidEmptyMember() throws {
        let compressed = try Snap.gzip([])
        #expect(try Snap.gunzip(compressed).isEmpty)
        #expect(Array(compressed.suffix(8)) == [0, 0, 0, 0, 0, 0, 0, 0])  // CRC32("") = 0, size 0
    }

    @Test func inflateReadsConcatenatedMembers() throws {
        let first = Array("first member\n".utf8)
        let second = Array(repeating: UInt8(ascii: "x"), count: 5000)
        let concatenated = try Snap.gzip(first) + Snap.gzip([]) + Snap.gzip(second, threads: 3, blockSize: 32 << 10)
        #expect(try Snap.gunzip(concatenated) == first + second)
        // Byte by byte from the source, into a tiny output buffer.
        #expect(try Snap.gunzip(concatenated, chunk: 1, readSize: 3) == first + second)
    }

    @Test func inflateReadsWhatSystemGzipWrote() throws {
        try withTemporaryDirectory { directory in
            let input = Array(String(repeating: "abc123", count: 5000).utf8)
            let path = try directory.write(input, to: "plain")
            #expect(try runGzip([path]).status == 0)  // replaces plain with plain.gz
            #expect(try Snap.gunzip(try directory.read("plain.gz")) == input)
        }
    }

    @Test func truncatedStreamIsAnError() throws {
        let compressed = try Snap.gzip(Array(String(repeating: "tern ", count: 2000).utf8))
        for length in [1, 5, 10, 11, compressed.count / 2, compressed.count - 8, compressed.count - 1] {
            #expect(throws: GzipError.self, "cut after \(length) bytes") {
                _ = try Snap.gunzip(Array(compressed.prefix(length)))
            }
        }
    }

    @Test func corruptedCRCIsAnError() throws {
        var compressed = try Snap.gzip(Array("hello, world".utf8))
        compressed[compressed.count - 8] ^= 0xFF
        #expect(throws: GzipError.self) { _ = try Snap.gunzip(compressed) }
    }

    @Test func garbageAfterTheLastMemberIsAnError() throws {
        let compressed = try Snap.gzip(Array("hello".utf8)) + [0x00, 0x01]
        let error = #expect(throws: GzipError.self) { _ = try Snap.gunzip(compressed) }
        #expect(error?.reason == "unexpected data after the gzip stream")
    }

    @Test func bytesInCountsUncompressedInput() throws {
        let sink = MemorySink()
        let deflater = GzipDeflateSink(sink, blockSize: 1024)
        try deflater.write([UInt8](repeating: 7, count: 3000))
        try deflater.write([1, 2])
        #expect(deflater.bytesIn == 3002)
        try deflater.finish()
        try deflater.finish()  // a second finish writes nothing more
        #expect(try Snap.gunzip(sink.bytes).count == 3002)
    }

    @Test(arguments: [Int32(0), 1, 9])
    func everyLevelProducesAValidStream(level: Int32) throws {
        let input = Array(String(repeating: "level ", count: 4000).utf8)
        let compressed = try Snap.gzip(input, threads: 3, blockSize: 1024, level: level)
        let decompressed = try Snap.gunzip(compressed)
        #expect(decompressed == input)
    }
}
