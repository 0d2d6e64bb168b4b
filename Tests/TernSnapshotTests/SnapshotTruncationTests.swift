import TernCore
import TernSnapshot
import TernTestKit
import TernWire
import Testing

/// A snapshot cut short anywhere is an error that says so and where, never a crash and never a
/// shorter but "valid" snapshot.
@Suite("Snapshot truncation")
struct SnapshotTruncationTests {
    /// How many records are complete in the first `length` bytes of `bytes`.
    static func completeRecords(_ bytes: [UInt8], length: Int) -> Int {
        Snap.layout(bytes).recordPayloads.filter { $0.upperBound <= length }.count
    }

    @Test func everyTruncationOfAPlainSnapshotIsReported() throws {
        let bytes = try Snap.plain()
        let layout = Snap.layout(bytes)
        try withTemporaryDirectory { directory in
            #expect(try Snap.readError([], in: directory)?.kind == .empty)
            for length in 1..<bytes.count {
                let error = try Snap.readError(Array(bytes.prefix(length)), in: directory)
                guard let error else {
                    Issue.record("a snapshot cut after \(length) of \(bytes.count) bytes was accepted")
                    continue
                }
                guard case .truncated = error.kind else {
                    Issue.record("cut after \(length): \(error.kind), expected truncated")
                    continue
                }
                #expect(!error.compressed)
                if length >= SnapshotFormat.preambleSize {
                    #expect(error.offset == Int64(length), "cut after \(length): \(error)")
                } else {
                    #expect(error.offset == 0, "cut after \(length): \(error)")
                }
                if length < layout.headerBody.upperBound {
                    #expect(error.record == nil, "cut after \(length) is in the header: \(error)")
                } else {
                    #expect(error.record == Self.completeRecords(bytes, length: length), "cut after \(length): \(error)")
                }
            }
        }
    }

    @Test func truncationMessagesSayWhatWasExpected() throws {
        let bytes = try Snap.plain()
        let layout = Snap.layout(bytes)
        try withTemporaryDirectory { directory in
            let inHeader = try Snap.readError(Array(bytes.prefix(20)), in: directory)
            #expect(inHeader?.kind == .truncated(expected: "a \(layout.headerBody.count)-byte header"))
            #expect(inHeader?.description.hasSuffix("(at byte 20, in the header)") == true)

            let betweenRecords = try Snap.readError(Array(bytes.prefix(layout.recordPayloads[0].upperBound)), in: directory)
            #expect(betweenRecords?.kind == .truncated(expected: "a record or the end record"))
            #expect(betweenRecords?.record == 1)

            let inTrailer = try Snap.readError(Array(bytes.dropLast()), in: directory)
            #expect(inTrailer?.kind == .truncated(expected: "the 40-byte trailer"))
            #expect(inTrailer?.record == 3)
            #expect(inTrailer?.description.contains("record 3") == true)
        }
    }

    @Test func everyTruncationOfAGzipSnapshotIsReported() throws {
        let plain = try Snap.plain()
        let compressed = try Snap.gzip(plain, blockSize: 32 << 10)
        try withTemporaryDirectory { directory in
            for length in 2..<compressed.count {
                let error = try Snap.readError(Array(compressed.prefix(length)), in: directory)
                guard let error else {
                    Issue.record("a gzip snapshot cut after \(length) of \(compressed.count) bytes was accepted")
                    continue
                }
                switch error.kind {
                case .compressedStream, .truncated:
                    #expect(error.compressed, "cut after \(length): \(error)")
                    #expect(error.offset >= 0 && error.offset <= Int64(plain.count), "cut after \(length): \(error)")
                default:
                    Issue.record("gzip cut after \(length): \(error.kind), expected compressedStream or truncated")
                }
            }
        }
    }

    @Test func gzipSnapshotCutInsideItsTrailerNamesTheStream() throws {
        let compressed = try Snap.gzip(try Snap.plain(), blockSize: 32 << 10)
        try withTemporaryDirectory { directory in
            let error = try Snap.readError(Array(compressed.dropLast(4)), in: directory)
            guard case .compressedStream(let reason)? = error?.kind else {
                Issue.record("expected a damaged gzip stream, got \(String(describing: error))")
                return
            }
            #expect(reason.hasPrefix("unexpected end of compressed data at compressed byte"))
            #expect(error?.description.contains("at uncompressed byte") == true)
        }
    }

    @Test func lengthOverTheRecordLimitIsMalformedBeforeReading() throws {
        let bytes = try Snap.plain()
        let layout = Snap.layout(bytes)
        try withTemporaryDirectory { directory in
            let path = try directory.write(bytes, to: "a.tsnap")
            let limits = RecordLimits(maxRecordBytes: 16, maxAttributeBytes: 16, maxAttributes: 4)
            let error = #expect(throws: SnapshotError.self) { _ = try Snap.read(path, limits: limits) }
            guard case .malformed(let text)? = error?.kind else {
                Issue.record("expected malformed, got \(String(describing: error))")
                return
            }
            #expect(text.contains("exceeds the limit of 16"))
            #expect(error?.record == 0)
            #expect(error?.offset == Int64(layout.recordPayloads[0].lowerBound - 5))
        }
    }
}
