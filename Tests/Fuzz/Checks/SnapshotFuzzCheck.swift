import Foundation
import TernCore
import TernFiles
import TernSnapshot
import TernWire

/// The snapshot target: an input is a snapshot file as `tern-snap` would read it, plain or gzip.
///
/// It is read twice: as `verify` and the loaders do (digest checked, 64 KiB reads), and with the
/// digest unchecked in 7-byte reads. Either read ends in a `SnapshotError` or the records; the two
/// must agree (for plain input, on the very error and offset; a digest mismatch in the first leaves
/// the second free to succeed). Whatever reads must write again (`SnapshotWriter`) and read back as
/// the same header and records.
enum SnapshotFuzzCheck {
    enum Outcome: Equatable {
        case read(header: SnapshotHeader, records: [StoreRecord], trailer: SnapshotTrailer?)
        case failed(SnapshotError)
    }

    /// One file for the inputs, and one for what they are rewritten to.
    nonisolated(unsafe) private static let input = ScratchFile()
    nonisolated(unsafe) private static let rewritten = ScratchFile()

    /// Held for a whole check: the scratch files are shared, and tests run in parallel.
    private static let scratchLock = NSLock()

    static func check(_ bytes: [UInt8]) throws(FuzzViolation) -> Bool {
        scratchLock.lock()
        defer { scratchLock.unlock() }
        input.replace(with: bytes)
        let checked = try read(input.path, checkDigest: true, chunkSize: 64 << 10)
        let unchecked = try read(input.path, checkDigest: false, chunkSize: 7)
        let compressed = bytes.starts(with: SnapshotFormat.gzipMagic)
        switch checked {
        case .read:
            try require(unchecked == checked, "a snapshot reads differently in 7-byte reads without the digest")
        case .failed(let error):
            _ = error.description
            if case .digestMismatch = error.kind {
                // Unchecked, the reader goes on past the end record, where only what follows it can fail:
                // trailing bytes, or (gzip) the rest of the compressed stream.
                if case .failed(let later) = unchecked, !later.isPastTheEndRecord {
                    throw FuzzViolation("a snapshot whose digest is wrong fails earlier without the check: \(later)")
                }
            } else if !compressed {
                // How far a damaged gzip stream inflates depends on the read sizes; plain input does not.
                try require(unchecked == checked, "a plain snapshot fails differently in 7-byte reads")
            }
        }
        if case .read(let header, let records, _) = unchecked { try roundTrip(header, records) }
        if case .read = checked { return true }
        return false
    }

    /// Writes `header` and `records` as a snapshot and reads it back.
    private static func roundTrip(_ header: SnapshotHeader, _ records: [StoreRecord]) throws(FuzzViolation) {
        let sink = MemorySink()
        do {
            let writer = try SnapshotWriter(sink: sink, header: header)
            for record in records { try writer.write(record) }
            try writer.finish()
        } catch {
            throw FuzzViolation("a snapshot that reads does not write again: \(error)")
        }
        rewritten.replace(with: sink.bytes)
        let again = try read(rewritten.path, checkDigest: true, chunkSize: 64 << 10)
        guard case .read(header, records, _) = again else {
            throw FuzzViolation("a rewritten snapshot reads as something else: \(again)")
        }
    }

    private static func read(_ path: String, checkDigest: Bool, chunkSize: Int) throws(FuzzViolation) -> Outcome {
        do {
            let reader = try SnapshotReader(file: FileInput.open(path), checkDigest: checkDigest, chunkSize: chunkSize)
            var records: [StoreRecord] = []
            while let record = try reader.next() { records.append(record) }
            return .read(header: reader.header, records: records, trailer: reader.trailer)
        } catch var error as SnapshotError {
            error.path = nil
            return .failed(error)
        } catch {
            throw FuzzViolation("the snapshot reader threw \(type(of: error)), not a SnapshotError: \(error)")
        }
    }

    static func seeds() throws -> [(name: String, bytes: [UInt8])] {
        let memberA = MemberID(high: 0, low: 1)
        let memberB = MemberID(high: 0x8000_0000_0000_0000, low: 2)
        let epoch: UnixMillis = 1_767_225_600_000
        let v1 = Version(physical: UInt64(epoch), logical: 0, origin: memberA)
        let v2 = Version(physical: UInt64(epoch) + 9, logical: 2, origin: memberB)
        let header = SnapshotHeader(
            writer: "tern-fuzz seeds", created: epoch, sourceMember: memberA, sourceName: "node-1", cluster: "prod",
            versionVector: VersionVector([v1, v2]))
        func session(_ id: String, context: String = "shop", _ attributes: [Attribute]) -> StoreRecord {
            .session(
                Session(
                    key: SessionKey(context: context, id: id), created: epoch, lastAccessed: epoch + 500,
                    maxInactiveSeconds: 1800, version: v1, attributes: Attributes(attributes)))
        }
        let three: [StoreRecord] = [
            session("s1", context: "app", [Attribute(name: "cart", value: Array("3 items".utf8))]),
            .tombstone(Tombstone(key: SessionKey(context: "app", id: "s2"), version: v2, retainUntil: epoch + 3_600_000)),
            session("s3", [Attribute(name: "blob", value: [0, 0xFF, 0xFE]), Attribute(name: "empty", value: [])]),
        ]
        let tombstones: [StoreRecord] = (0..<4).map {
            .tombstone(Tombstone(key: SessionKey(context: "t", id: "id-\($0)"), version: v2, retainUntil: epoch))
        }
        var generated: [StoreRecord] = []
        let generator = SnapshotGenerator(
            SnapshotGenerator.Parameters(sessions: 6, contexts: 2, attributeBytes: 1...40, attributesPerSession: 0...3))
        generator.forEachRecord { generated.append($0) }
        let snapshots: [(String, SnapshotHeader, [StoreRecord])] = [
            ("empty", SnapshotHeader(writer: "", created: 0, cluster: ""), []),
            ("three-records", header, three),
            ("tombstones", header, tombstones),
            ("generated", generator.header(writer: "tern-fuzz seeds"), generated),
        ]
        var seeds: [(name: String, bytes: [UInt8])] = []
        for (name, header, records) in snapshots {
            let sink = MemorySink()
            let writer = try SnapshotWriter(sink: sink, header: header)
            for record in records { try writer.write(record) }
            try writer.finish()
            seeds.append(("plain-\(name)", sink.bytes))
            let compressed = MemorySink()
            let deflater = GzipDeflateSink(compressed, level: 6, threads: 1)
            try deflater.write(sink.bytes)
            try deflater.finish()
            seeds.append(("gzip-\(name)", compressed.bytes))
        }
        return seeds
    }
}

extension SnapshotError {
    /// Whether it is one of the errors a reader can only meet after the end record.
    fileprivate var isPastTheEndRecord: Bool {
        switch kind {
        case .trailingData, .compressedStream: true
        default: false
        }
    }
}

/// A sink that keeps what is written in memory.
final class MemorySink: ByteSink {
    private(set) var bytes: [UInt8] = []

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        self.bytes.append(contentsOf: bytes)
    }

    func finish() throws {}
}
