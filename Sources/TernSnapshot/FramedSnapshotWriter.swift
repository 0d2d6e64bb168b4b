import NIOCore
import TernCore
import TernFiles

/// Writes a snapshot whose records arrive already in the container's framing (tag, length,
/// encoding) and whose digest was computed elsewhere: a state transfer hashes exactly the bytes its
/// snapshot gets (docs/PROTOCOL.md, "State transfer"), so the pull writes them without hashing them
/// a second time, and puts the checked digest in the trailer.
///
/// The caller vouches for the bytes (decoded records, in key order); a `SnapshotReader` checks them
/// all again, digest included.
public final class FramedSnapshotWriter {
    /// Records written so far.
    public private(set) var count = 0
    /// Uncompressed bytes written so far.
    public private(set) var bytesWritten: Int64 = 0
    private let sink: ByteSink

    /// Writes the preamble and `headerBody` (a `SnapshotHeader.encodedBody`) to `sink`.
    public init(sink: ByteSink, headerBody: [UInt8]) throws {
        self.sink = sink
        var start = ByteBufferAllocator().buffer(capacity: SnapshotFormat.preambleSize + headerBody.count)
        SnapshotFormat.writeStart(headerBody: headerBody, into: &start)
        try write(start)
    }

    /// Writes `records` records framed as `SnapshotFormat.writeRecord` frames them.
    public func write(framed bytes: UnsafeRawBufferPointer, records: Int) throws {
        try sink.write(bytes)
        bytesWritten += Int64(bytes.count)
        count += records
    }

    /// Writes the trailer with the record count and `digest` (the SHA-256 of everything written
    /// before it), and finishes the sink.
    @discardableResult
    public func finish(digest: [UInt8]) throws -> SnapshotTrailer {
        let trailer = SnapshotTrailer(count: UInt64(count), digest: digest)
        var end = ByteBufferAllocator().buffer(capacity: 64)
        SnapshotFormat.writeEnd(trailer, into: &end)
        try write(end)
        try sink.finish()
        return trailer
    }

    private func write(_ bytes: ByteBuffer) throws {
        try bytes.withUnsafeReadableBytes { try sink.write($0) }
        bytesWritten += Int64(bytes.readableBytes)
    }
}
