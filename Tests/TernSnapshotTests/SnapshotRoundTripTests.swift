import TernCore
import TernFiles
import TernSnapshot
import TernTestKit
import Testing

@Suite("Snapshot writer → reader round trips")
struct SnapshotRoundTripTests {
    @Test func plainSnapshotRoundTrips() throws {
        try withTemporaryDirectory { directory in
            let bytes = try Snap.plain()
            let (reader, records) = try Snap.read(try directory.write(bytes, to: "a.tsnap"))
            #expect(records == Snap.records)
            #expect(reader.compression == .none)
            #expect(reader.trailer?.count == 3)
            #expect(reader.offset == Int64(bytes.count))
            #expect(reader.storedBytesRead == Int64(bytes.count))
            #expect(reader.recordIndex == 3)
        }
    }

    @Test(arguments: [1, 3])
    func gzipSnapshotRoundTripsAndIsDetectedByMagic(threads: Int) throws {
        try withTemporaryDirectory { directory in
            let plain = try Snap.plain()
            let compressed = try Snap.gzip(plain, threads: threads, blockSize: 1024)
            #expect(Array(compressed.prefix(2)) == SnapshotFormat.gzipMagic)
            // The name says nothing: detection is by the first bytes.
            let path = try directory.write(compressed, to: "no-extension")
            let (reader, records) = try Snap.read(path)
            #expect(records == Snap.records)
            #expect(reader.compression == .gzip)
            #expect(reader.offset == Int64(plain.count))
            #expect(reader.storedBytesRead == Int64(compressed.count))
        }
    }

    @Test(arguments: [(threads: 1, blocks: 4), (threads: 1, blocks: 8), (threads: 3, blocks: 12), (threads: 3, blocks: 24)])
    func gzipSnapshotFillingWholeBatchesRoundTrips(threads: Int, blocks: Int) throws {
        // Pad the source name until the container is a multiple of 24 bytes, so it splits into
        // exactly `blocks` blocks: one or two full batches of 4 × threads blocks, nothing left over.
        var header = Snap.header
        var plain = try Snap.plain(header: header)
        while plain.count % 24 != 0 {
            header.sourceName += "x"
            plain = try Snap.plain(header: header)
        }
        let compressed = try Snap.gzip(plain, threads: threads, blockSize: plain.count / blocks)
        try withTemporaryDirectory { directory in
            let path = try directory.write(compressed, to: "batches.tsnap.gz")
            let (reader, records) = try Snap.read(path)
            #expect(records == Snap.records)
            #expect(reader.header == header)
        }
    }

    @Test func headerFieldsRoundTrip() throws {
        try withTemporaryDirectory { directory in
            let (reader, _) = try Snap.read(try directory.write(try Snap.plain(), to: "a.tsnap"))
            #expect(reader.header == Snap.header)
            #expect(reader.header.formatVersion == 1)
            #expect(reader.header.writer == "tern-test 1.0")
            #expect(reader.header.created == Samples.epoch)
            #expect(reader.header.sourceMember == MemberID(high: 0xAB, low: 0xCD))
            #expect(reader.header.sourceName == "node-1")
            #expect(reader.header.cluster == "prod")
            #expect(reader.header.versionVector.sortedVersions == [
                Samples.version(30, origin: Samples.memberA), Samples.version(20, origin: Samples.memberB),
            ])
        }
    }

    @Test func headerStringOverTheLengthLimitStillReads() throws {
        // 65,534 ASCII bytes and a two-byte "é": the u16 length cannot hold all 65,536 bytes, and
        // cutting at 65,535 would split the "é" and leave a header that is not UTF-8.
        var header = Snap.header
        header.cluster = String(repeating: "a", count: 65_534) + "\u{E9}"
        let bytes = try Snap.plain(header: header)
        try withTemporaryDirectory { directory in
            let path = try directory.write(bytes, to: "long.tsnap")
            let (reader, _) = try Snap.read(path)
            #expect(reader.header.cluster.utf8.count <= 65_535)
        }
    }

    @Test func headerIsAvailableBeforeTheFirstRecord() throws {
        try withTemporaryDirectory { directory in
            let reader = try SnapshotReader(path: try directory.write(try Snap.plain(), to: "a.tsnap"))
            #expect(reader.header.cluster == "prod")
            #expect(reader.trailer == nil)
            #expect(reader.recordIndex == 0)
        }
    }

    @Test func emptySnapshotRoundTrips() throws {
        try withTemporaryDirectory { directory in
            let header = SnapshotHeader(writer: "", created: 0, cluster: "")
            let plain = try Snap.plain([], header: header)
            for bytes in [plain, try Snap.gzip(plain)] {
                let (reader, records) = try Snap.read(try directory.write(bytes, to: "empty.tsnap"))
                #expect(records.isEmpty)
                #expect(reader.header == header)
                #expect(reader.trailer?.count == 0)
            }
        }
    }

    @Test func nextAfterTheEndKeepsReturningNil() throws {
        try withTemporaryDirectory { directory in
            let (reader, _) = try Snap.read(try directory.write(try Snap.plain(), to: "a.tsnap"))
            #expect(try reader.next() == nil)
            #expect(try reader.next() == nil)
        }
    }

    @Test func manyRecordsRoundTripThroughSmallReadChunks() throws {
        try withTemporaryDirectory { directory in
            let generator = SnapshotGenerator(.init(sessions: 300, attributeBytes: 1...600, seed: 11))
            var expected: [StoreRecord] = []
            generator.forEachRecord { expected.append($0) }
            let plain = try Snap.plain(expected, header: generator.header(writer: "t"))
            let path = try directory.write(try Snap.gzip(plain, threads: 3, blockSize: 1024), to: "many.tsnap.gz")
            // A chunk smaller than one record makes the reader refill mid-record.
            let reader = try SnapshotReader(file: FileInput.open(path), chunkSize: 7)
            var records: [StoreRecord] = []
            while let record = try reader.next() { records.append(record) }
            #expect(records == expected)
        }
    }

    @Test func trailerDeclaresCountAndDigestOfTheBody() throws {
        let sink = MemorySink()
        let writer = try SnapshotWriter(sink: sink, header: Snap.header)
        for record in Snap.records { try writer.write(record) }
        let trailer = try writer.finish()
        #expect(trailer.count == 3)
        #expect(trailer.digest.count == 32)
        #expect(writer.count == 3)
        #expect(writer.bytesWritten == Int64(sink.bytes.count))
        #expect(Array(sink.bytes.suffix(32)) == trailer.digest)
        #expect(sink.finished)
        #expect(trailer.digestHex == Hex.string(trailer.digest))
    }

    @Test func containerStartsWithMagicVersionAndHeaderLength() throws {
        let bytes = try Snap.plain()
        #expect(Array(bytes.prefix(8)) == [0x89, 0x54, 0x53, 0x4E, 0x41, 0x50, 0x0D, 0x0A])
        #expect(Array(bytes[8..<10]) == [0x00, 0x01])
        let layout = Snap.layout(bytes)
        #expect(layout.recordPayloads.count == 3)
        #expect(layout.endRecord.count == 5 + 40)
        #expect(bytes[layout.endRecord.lowerBound] == 0xFF)
    }

    @Test func writerRefusesOutOfOrderKeys() throws {
        let writer = try SnapshotWriter(sink: MemorySink(), header: Snap.header)
        try writer.write(Snap.records[1])
        let error = #expect(throws: SnapshotWriter.OrderError.self) { try writer.write(Snap.records[0]) }
        #expect(error?.previous == Snap.records[1].key)
        #expect(error?.found == Snap.records[0].key)
        #expect(error?.description.hasPrefix("records out of order: app/s1 written after app/s2") == true)
    }

    @Test func writerRefusesARepeatedKey() throws {
        let writer = try SnapshotWriter(sink: MemorySink(), header: Snap.header)
        try writer.write(Snap.records[0])
        #expect(throws: SnapshotWriter.OrderError.self) { try writer.write(Snap.records[0]) }
        #expect(writer.count == 1)
    }

    @Test func writerOrdersKeysBytewise() throws {
        let writer = try SnapshotWriter(sink: MemorySink(), header: Snap.header)
        // "cafe\u{301}" < "caf\u{E9}" in bytes, although Swift calls them equal.
        try writer.write(Samples.sessionRecord("cafe\u{301}", version: Samples.version(1)))
        try writer.write(Samples.sessionRecord("caf\u{E9}", version: Samples.version(1)))
        #expect(writer.count == 2)
    }
}
