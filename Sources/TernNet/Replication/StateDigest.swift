import Crypto
import NIOCore
import TernCore
import TernSnapshot
import TernWire

/// The SHA-256 a state end carries: over the snapshot the transfer makes, up to its trailer — the
/// preamble and the state begin's header, then every record with its snapshot tag and length
/// (docs/PROTOCOL.md, "state-end"). It is the pulled snapshot's own trailer digest, so a client hashes
/// each byte once: what it checks is what it writes. The server hashes what it sends and the client
/// what it receives, so a transfer that lost, reordered or changed a record is detected.
struct StateDigest {
    private var hasher = SHA256()
    /// Records hashed so far.
    private(set) var count = 0

    /// Hashes a snapshot's first bytes: the preamble and `header` (a snapshot header body).
    mutating func begin(header: [UInt8]) {
        var start = ByteBufferAllocator().buffer(capacity: SnapshotFormat.preambleSize + header.count)
        SnapshotFormat.writeStart(headerBody: header, into: &start)
        start.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
    }

    /// Appends `records` to `buffer` as a snapshot stores them and hashes those bytes.
    mutating func frame(_ records: [StoreRecord], into buffer: inout ByteBuffer) {
        let start = buffer.writerIndex - buffer.readerIndex
        for record in records { SnapshotFormat.writeRecord(record, into: &buffer) }
        buffer.withUnsafeReadableBytes { bytes in
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: bytes[start...]))
        }
        count += records.count
    }

    /// Hashes the records of an encoded state-chunk payload (`count u32`, then for each record a
    /// `u32` length and the record's bytes, as the chunk encoder wrote them) as a snapshot stores
    /// them: the same length and bytes after the record tag.
    mutating func addChunkPayload(_ payload: ByteBuffer) {
        var payload = payload
        guard let records = payload.readInteger(as: UInt32.self) else { return }
        let tag = SnapshotFormat.recordTag
        for _ in 0..<records {
            guard let length = payload.getInteger(at: payload.readerIndex, as: UInt32.self),
                let framed = payload.readSlice(length: 4 + Int(length))
            else { return }
            withUnsafeBytes(of: tag) { hasher.update(bufferPointer: $0) }
            framed.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
            count += 1
        }
    }

    /// The digest (32 bytes).
    func finalize() -> [UInt8] {
        Array(hasher.finalize())
    }
}
