import Crypto
import NIOCore
import TernCore
import TernWire

/// The SHA-256 a state end carries: over the session-record encodings of the transferred records,
/// in order, without any framing (docs/PROTOCOL.md, "state-end"). The server hashes what it sends and
/// the client what it receives, so a transfer that lost, reordered or changed a record is detected.
struct StateDigest {
    private var hasher = SHA256()
    private var scratch = ByteBufferAllocator().buffer(capacity: 4096)
    /// Records hashed so far.
    private(set) var count = 0

    /// Hashes the encoding of `record`.
    mutating func add(_ record: StoreRecord) {
        scratch.clear()
        SessionRecordCodec.encode(record, into: &scratch)
        scratch.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
        count += 1
    }

    /// Hashes the records of an encoded state-chunk payload (`count u32`, then for each record a
    /// `u32` length and the record's bytes), as the chunk encoder wrote them.
    mutating func addChunkPayload(_ payload: ByteBuffer) {
        var payload = payload
        guard let records = payload.readInteger(as: UInt32.self) else { return }
        for _ in 0..<records {
            guard let length = payload.readInteger(as: UInt32.self),
                let bytes = payload.readSlice(length: Int(length))
            else { return }
            bytes.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
            count += 1
        }
    }

    /// The digest (32 bytes).
    func finalize() -> [UInt8] {
        Array(hasher.finalize())
    }
}
