import Crypto
import NIOCore
import TernCore
import TernFiles
import TernWire

/// Writes a snapshot as a stream: the header at once, then records in strictly increasing key
/// order, then the trailer (count and SHA-256) on `finish()`.
///
/// The writer only produces bytes; where they go (a plain file, a gzip stream, an atomic output)
/// is the sink's business.
public final class SnapshotWriter {
    /// Records written so far.
    public private(set) var count = 0
    /// Uncompressed bytes written so far.
    public private(set) var bytesWritten: Int64 = 0
    private let sink: ByteSink
    private var hasher = SHA256()
    private var scratch: ByteBuffer
    private var previousKey: SessionKey?

    /// A record arrived out of key order; snapshots are sorted so diff and merge can stream.
    public struct OrderError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The key written before.
        public var previous: SessionKey
        /// The key that does not follow it.
        public var found: SessionKey
        /// `records out of order: …`.
        public var description: String {
            "records out of order: \(found) written after \(previous) (snapshots are sorted by context, then id)"
        }
    }

    /// Writes `header` to `sink` and gets ready for records.
    public init(sink: ByteSink, header: SnapshotHeader) throws {
        self.sink = sink
        scratch = ByteBufferAllocator().buffer(capacity: 64 << 10)
        SnapshotFormat.writeStart(headerBody: header.encodedBody, into: &scratch)
        try emit(hashed: true)
    }

    /// Appends `record`, which must sort after the previous one.
    public func write(_ record: StoreRecord) throws {
        if let previousKey, !(previousKey < record.key) {
            throw OrderError(previous: previousKey, found: record.key)
        }
        try SessionRecordCodec.validateForEncoding(record)
        previousKey = record.key
        SnapshotFormat.writeRecord(record, into: &scratch)
        count += 1
        try emit(hashed: true)
    }

    /// Writes the end record and finishes the sink; returns what the trailer declares.
    @discardableResult
    public func finish() throws -> SnapshotTrailer {
        let trailer = SnapshotTrailer(count: UInt64(count), digest: Array(hasher.finalize()))
        SnapshotFormat.writeEnd(trailer, into: &scratch)
        try emit(hashed: false)
        try sink.finish()
        return trailer
    }

    private func emit(hashed: Bool) throws {
        try scratch.withUnsafeReadableBytes { bytes in
            if hashed { hasher.update(bufferPointer: bytes) }
            try sink.write(bytes)
        }
        bytesWritten += Int64(scratch.readableBytes)
        scratch.clear()
    }
}
