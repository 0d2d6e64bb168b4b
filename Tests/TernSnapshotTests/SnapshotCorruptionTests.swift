import TernCore
import TernFiles
import TernSnapshot
import TernTestKit
import Testing

/// Damaged, foreign and future files: each is a typed `SnapshotError` with the right kind.
@Suite("Snapshot corruption and foreign input")
struct SnapshotCorruptionTests {
    @Test func flippedByteInAnAttributeValueIsADigestMismatch() throws {
        let bytes = try Snap.plain()
        let payload = Snap.layout(bytes).recordPayloads[0]
        // The last byte of the first record is the last byte of its last attribute value ("ann").
        var damaged = bytes
        damaged[payload.upperBound - 1] ^= 0x01
        try withTemporaryDirectory { directory in
            let error = try Snap.readError(damaged, in: directory)
            guard case .digestMismatch(let expected, let computed)? = error?.kind else {
                Issue.record("expected digestMismatch, got \(String(describing: error))")
                return
            }
            #expect(expected != computed)
            #expect(expected.count == 64)
            #expect(error?.record == 3)
            #expect(error?.offset == Int64(Snap.layout(bytes).endRecord.lowerBound))
        }
    }

    @Test func everyFlippedByteInARecordPayloadIsDetected() throws {
        let bytes = try Snap.plain()
        try withTemporaryDirectory { directory in
            for (index, payload) in Snap.layout(bytes).recordPayloads.enumerated() {
                for position in payload {
                    var damaged = bytes
                    damaged[position] ^= 0xFF
                    let error = try Snap.readError(damaged, in: directory)
                    switch error?.kind {
                    case .digestMismatch?:
                        #expect(error?.record == 3)
                    case .badRecord?, .outOfOrder?:
                        // A damaged key can put the record out of order before the digest is checked.
                        #expect(error?.record == index, "byte \(position): \(String(describing: error))")
                    default:
                        Issue.record("byte \(position) flipped: \(String(describing: error))")
                    }
                }
            }
        }
    }

    @Test func everyFlippedByteAnywhereIsAnError() throws {
        let bytes = try Snap.plain()
        try withTemporaryDirectory { directory in
            for position in bytes.indices {
                var damaged = bytes
                damaged[position] ^= 0x20
                let error = try Snap.readError(damaged, in: directory)
                #expect(error != nil, "flipping byte \(position) went unnoticed")
            }
        }
    }

    @Test func checkDigestFalseSkipsTheHash() throws {
        let bytes = try Snap.plain()
        var damaged = bytes
        damaged[Snap.layout(bytes).recordPayloads[0].upperBound - 1] ^= 0x01  // "ann" → "ano"
        try withTemporaryDirectory { directory in
            let path = try directory.write(damaged, to: "a.tsnap")
            let (_, records) = try Snap.read(path, checkDigest: false)
            #expect(records[0].session?.attributes["user"] == Array("ano".utf8))
            #expect(throws: SnapshotError.self) { _ = try Snap.read(path, checkDigest: true) }
        }
    }

    @Test func wrongTrailerCountIsACountMismatch() throws {
        var bytes = try Snap.plain()
        let countEnd = Snap.layout(bytes).endRecord.lowerBound + 5 + 8
        bytes[countEnd - 1] = 4
        try withTemporaryDirectory { directory in
            let error = try Snap.readError(bytes, in: directory)
            #expect(error?.kind == .countMismatch(declared: 4, found: 3))
        }
    }

    @Test func recordsOutOfOrderAreReported() throws {
        // Swap the first two record frames; the digest would fail too, but order is checked first.
        let bytes = try Snap.plain()
        let layout = Snap.layout(bytes)
        let first = layout.recordPayloads[0].lowerBound - 5..<layout.recordPayloads[0].upperBound
        let second = layout.recordPayloads[1].lowerBound - 5..<layout.recordPayloads[1].upperBound
        let swapped = Array(bytes[..<first.lowerBound]) + bytes[second] + bytes[first] + bytes[second.upperBound...]
        try withTemporaryDirectory { directory in
            let error = try Snap.readError(swapped, in: directory)
            #expect(error?.kind == .outOfOrder(previous: Snap.records[1].key, found: Snap.records[0].key))
            #expect(error?.record == 1)
        }
    }

    @Test func wrongMagicIsNotASnapshot() throws {
        try withTemporaryDirectory { directory in
            var bytes = try Snap.plain()
            bytes[0] = 0x88
            #expect(try Snap.readError(bytes, in: directory)?.kind == .notASnapshot(gzip: false))
            let text = Array("hello, this is not a snapshot\n".utf8)
            #expect(try Snap.readError(text, in: directory)?.kind == .notASnapshot(gzip: false))
            #expect(try Snap.readError([0x1F], in: directory)?.kind == .notASnapshot(gzip: false))
        }
    }

    @Test func gzipOfSomethingElseIsNotASnapshotInGzip() throws {
        try withTemporaryDirectory { directory in
            let compressed = try Snap.gzip(Array("<html>hello</html>\n".utf8))
            let error = try Snap.readError(compressed, in: directory)
            #expect(error?.kind == .notASnapshot(gzip: true))
            #expect(error?.path == directory.file("input.tsnap"))
            #expect(error?.description
                == "\(directory.file("input.tsnap")): not a tern snapshot: gzip data that does not contain a snapshot")
        }
    }

    @Test(arguments: [UInt16(2), 0, 0xFFFF])
    func unsupportedFormatVersionIsRejectedWithTheVersionFound(_ version: UInt16) throws {
        var bytes = try Snap.plain()
        bytes[8] = UInt8(version >> 8)
        bytes[9] = UInt8(version & 0xFF)
        try withTemporaryDirectory { directory in
            let error = try Snap.readError(bytes, in: directory)
            #expect(error?.kind == .unsupportedVersion(found: version))
            #expect(error?.offset == 8)
            #expect(error?.description.contains("version \(version) is not supported (this build reads 1)") == true)
            // The same in a gzip stream.
            #expect(try Snap.readError(try Snap.gzip(bytes), in: directory)?.kind == .unsupportedVersion(found: version))
        }
    }

    @Test func emptyFileIsEmpty() throws {
        try withTemporaryDirectory { directory in
            let error = try Snap.readError([], in: directory)
            #expect(error?.kind == .empty)
            #expect(error?.description == "\(directory.file("input.tsnap")): empty file: not a tern snapshot")
            #expect(try Snap.readError(try Snap.gzip([]), in: directory)?.kind == .empty)
        }
    }

    @Test func dataAfterTheEndRecordIsTrailingData() throws {
        let bytes = try Snap.plain()
        try withTemporaryDirectory { directory in
            #expect(try Snap.readError(bytes + [0], in: directory)?.kind == .trailingData)
            #expect(try Snap.readError(bytes + bytes, in: directory)?.kind == .trailingData)
            // In gzip: a second member with more data, inside the uncompressed stream.
            let twoMembers = try Snap.gzip(bytes, blockSize: 32 << 10) + Snap.gzip([1, 2, 3])
            #expect(try Snap.readError(twoMembers, in: directory)?.kind == .trailingData)
        }
    }

    @Test func garbageAfterAGzipSnapshotIsADamagedStream() throws {
        let compressed = try Snap.gzip(try Snap.plain(), blockSize: 32 << 10) + [0x00]
        try withTemporaryDirectory { directory in
            let error = try Snap.readError(compressed, in: directory)
            guard case .compressedStream(let reason)? = error?.kind else {
                Issue.record("expected a damaged gzip stream, got \(String(describing: error))")
                return
            }
            #expect(reason.hasPrefix("unexpected data after the gzip stream at compressed byte"))
        }
    }

    @Test func snapshotSplitAcrossGzipMembersReads() throws {
        let bytes = try Snap.plain()
        let middle = bytes.count / 2
        let members = try Snap.gzip(Array(bytes[..<middle]), blockSize: 32 << 10)
            + Snap.gzip(Array(bytes[middle...]), blockSize: 32 << 10)
        try withTemporaryDirectory { directory in
            let (_, records) = try Snap.read(try directory.write(members, to: "cat.gz"))
            #expect(records == Snap.records)
        }
    }

    @Test func unknownRecordTagIsMalformed() throws {
        var bytes = try Snap.plain()
        bytes[Snap.layout(bytes).recordPayloads[1].lowerBound - 5] = 0x02
        try withTemporaryDirectory { directory in
            let error = try Snap.readError(bytes, in: directory)
            #expect(error?.kind == .malformed("unknown record tag 0x2 (expected 0x01 or 0xff)"))
            #expect(error?.record == 1)
        }
    }

    @Test func oversizedHeaderLengthIsMalformed() throws {
        var bytes = try Snap.plain()
        bytes[10...13] = [0x00, 0x20, 0x00, 0x00]  // 2 MiB, over the 1 MiB limit
        try withTemporaryDirectory { directory in
            let error = try Snap.readError(bytes, in: directory)
            #expect(error?.kind == .malformed("header length 2097152 exceeds the limit of 1048576"))
            #expect(error?.record == nil)
        }
    }

    @Test func missingFileAndDirectoryAreIOFailures() throws {
        try withTemporaryDirectory { directory in
            let missing = #expect(throws: IOFailure.self) { _ = try SnapshotReader(path: directory.file("absent")) }
            #expect(missing?.isMissingInput == true)
            let isDirectory = #expect(throws: IOFailure.self) { _ = try SnapshotReader(path: directory.path) }
            #expect(isDirectory?.isMissingInput == true)
            #expect(isDirectory?.description.hasPrefix("\(directory.path): cannot open: ") == true)
        }
    }
}
