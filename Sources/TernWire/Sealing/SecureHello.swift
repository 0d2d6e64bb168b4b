import TernWire
import NIOCore
import TernCore

/// The first bytes each side of a keyed replication connection sends (preface version 2,
/// docs/PROTOCOL.md, "Keyed preface"): the ids of the keys it holds, signing key first, and a fresh
/// random nonce. It carries nothing secret and nothing about the cluster: the domain and member id
/// follow inside the sealed stream, as its version-1 preface.
public struct SecureHello: Sendable, Hashable {
    /// The preface version of a keyed connection.
    public static let version: UInt16 = 2
    /// Bytes of the nonce.
    public static let nonceSize = 32
    /// Most key ids a hello may list.
    public static let maxKeyIDs = 8
    /// Bytes before the key ids: magic, version u16, key count u8.
    static let headSize = FrameFormat.magic.count + 3

    /// The ids of the sender's keys, its signing key first (1 to `maxKeyIDs`).
    public var keyIDs: [ClusterKeyID]
    /// The sender's nonce, `nonceSize` random bytes.
    public var nonce: [UInt8]

    /// Creates a hello; the ring's first `maxKeyIDs` keys are listed.
    public init(keyIDs: [ClusterKeyID], nonce: [UInt8]) {
        self.keyIDs = Array(keyIDs.prefix(Self.maxKeyIDs))
        self.nonce = nonce
    }

    /// The encoded size.
    public var size: Int { Self.headSize + keyIDs.count * ClusterKeyID.byteCount + Self.nonceSize }

    /// Appends magic, version 2, key count u8, the key ids (8 bytes each), the nonce.
    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeBytes(FrameFormat.magic)
        buffer.writeInteger(Self.version)
        buffer.writeInteger(UInt8(keyIDs.count))
        for id in keyIDs { buffer.writeInteger(id.value) }
        buffer.writeBytes(nonce)
    }

    /// The encoding as bytes.
    public var bytes: [UInt8] {
        var buffer = ByteBufferAllocator().buffer(capacity: size)
        encode(into: &buffer)
        return Array(buffer.readableBytesView)
    }

    /// Decodes a hello at the front of `buffer`, or returns nil (reading nothing) when more bytes are
    /// needed. A version-1 preface (a peer without a key) throws `peerHasNoKey` as soon as its version
    /// is there; other bytes throw `badHello` as soon as they are wrong.
    public static func decode(_ buffer: inout ByteBuffer) throws(SecureChannelError) -> SecureHello? {
        let start = buffer.readerIndex
        let head = buffer.getBytes(at: start, length: min(buffer.readableBytes, FrameFormat.magic.count)) ?? []
        guard head.elementsEqual(FrameFormat.magic.prefix(head.count)) else {
            throw .badHello("not a tern replication stream")
        }
        guard let version = buffer.getInteger(at: start + FrameFormat.magic.count, as: UInt16.self) else { return nil }
        if version == FrameFormat.currentVersion { throw .peerHasNoKey }
        guard version == Self.version else { throw .badHello("unsupported preface version \(version)") }
        guard let count = buffer.getInteger(at: start + headSize - 1, as: UInt8.self) else { return nil }
        guard (1...maxKeyIDs).contains(Int(count)) else {
            throw .badHello("\(count) key ids (expected 1 to \(maxKeyIDs))")
        }
        let nonceStart = start + headSize + Int(count) * ClusterKeyID.byteCount
        guard let nonce = buffer.getBytes(at: nonceStart, length: nonceSize) else { return nil }
        var ids: [ClusterKeyID] = []
        for index in 0..<Int(count) {
            ids.append(ClusterKeyID(buffer.getInteger(at: start + headSize + index * ClusterKeyID.byteCount, as: UInt64.self)!))
        }
        buffer.moveReaderIndex(to: nonceStart + nonceSize)
        return SecureHello(keyIDs: ids, nonce: nonce)
    }
}
