import TernWire
import Crypto
import NIOCore
import TernCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Constants of a sealed record (docs/PROTOCOL.md, "Sealed records"): plaintext length u32 (the
/// associated data), AES-256-GCM ciphertext, 16-byte tag. The nonce is never sent: it is 4 zero bytes
/// and the record's number in its direction (from 0), so a replayed, dropped or reordered record
/// fails authentication, and no nonce can repeat under a key.
public enum SealedRecord {
    /// Bytes of the length prefix.
    public static let lengthSize = 4
    /// Bytes of the tag.
    public static let tagSize = 16
    /// Most plaintext bytes in one record; a longer write is split.
    public static let maxPlaintext = 1 << 20

    static func nonce(_ counter: UInt64) -> AES.GCM.Nonce {
        var bytes = [UInt8](repeating: 0, count: 12)
        for index in 0..<8 { bytes[4 + index] = UInt8(truncatingIfNeeded: counter >> (56 - 8 * index)) }
        return try! AES.GCM.Nonce(data: bytes)  // 12 bytes by construction
    }
}

/// Seals one direction of a keyed connection: each call turns plaintext into records numbered from 0.
/// The counter only goes up, so a nonce is never reused under the direction's key.
public struct RecordSealer: Sendable {
    private let key: SymmetricKey
    /// The number of the next record.
    public private(set) var counter: UInt64 = 0

    /// A sealer under `key` (a direction key from the handshake).
    init(key: SymmetricKey) {
        self.key = key
    }

    /// Appends `plaintext` to `out` as records of at most `SealedRecord.maxPlaintext` bytes. Empty
    /// plaintext appends nothing.
    public mutating func seal(_ plaintext: ByteBuffer, into out: inout ByteBuffer) throws(SecureChannelError) {
        var rest = plaintext
        while rest.readableBytes > 0 {
            guard counter < UInt64.max else { throw .exhausted }
            let part = rest.readSlice(length: min(rest.readableBytes, SealedRecord.maxPlaintext))!
            let length = UInt32(part.readableBytes)
            let aad = withUnsafeBytes(of: length.bigEndian) { Array($0) }
            let box = part.withUnsafeReadableBytes { bytes in
                try! AES.GCM.seal(bytes, using: key, nonce: SealedRecord.nonce(counter), authenticating: aad)
            }
            counter += 1
            out.reserveCapacity(minimumWritableBytes: SealedRecord.lengthSize + Int(length) + SealedRecord.tagSize)
            out.writeInteger(length)
            box.ciphertext.withUnsafeBytes { _ = out.writeBytes($0) }
            box.tag.withUnsafeBytes { _ = out.writeBytes($0) }
        }
    }
}

/// Opens the other direction: records must arrive complete, in order, each exactly once.
public struct RecordOpener: Sendable {
    private let key: SymmetricKey
    /// The number of the next record expected.
    public private(set) var counter: UInt64 = 0

    /// An opener under `key` (a direction key from the handshake).
    init(key: SymmetricKey) {
        self.key = key
    }

    /// The plaintext of the record at the front of `buffer`, or nil (reading nothing) when more bytes
    /// are needed. A length outside 1…`SealedRecord.maxPlaintext` throws before anything is waited
    /// for; a record that fails authentication throws `recordNotAuthentic`.
    public mutating func open(_ buffer: inout ByteBuffer) throws(SecureChannelError) -> ByteBuffer? {
        let start = buffer.readerIndex
        guard let length = buffer.getInteger(at: start, as: UInt32.self) else { return nil }
        guard (1...SealedRecord.maxPlaintext).contains(Int(length)) else {
            throw .badRecordLength(size: Int(length), limit: SealedRecord.maxPlaintext)
        }
        let total = SealedRecord.lengthSize + Int(length) + SealedRecord.tagSize
        guard buffer.readableBytes >= total else { return nil }
        guard counter < UInt64.max else { throw .exhausted }
        let aad = withUnsafeBytes(of: length.bigEndian) { Array($0) }
        let nonce = SealedRecord.nonce(counter)
        let opened: Data? = buffer.withUnsafeReadableBytes { bytes in
            let ciphertext = UnsafeRawBufferPointer(rebasing: bytes[SealedRecord.lengthSize..<(total - SealedRecord.tagSize)])
            let tag = UnsafeRawBufferPointer(rebasing: bytes[(total - SealedRecord.tagSize)..<total])
            guard let box = try? AES.GCM.SealedBox(nonce: nonce, ciphertext: ciphertext, tag: tag) else { return nil }
            return try? AES.GCM.open(box, using: key, authenticating: aad)
        }
        guard let opened else { throw .recordNotAuthentic(record: counter) }
        counter += 1
        buffer.moveReaderIndex(forwardBy: total)
        var plaintext = ByteBufferAllocator().buffer(capacity: opened.count)
        plaintext.writeBytes(opened)
        return plaintext
    }
}
