import NIOCore
import TernCore

/// Signs and checks tern heartbeats with cluster keys: authentication scheme 1, HMAC-SHA-256
/// truncated to 16 bytes (docs/PROTOCOL.md, "Heartbeat authentication").
///
/// The section's tag is the signing key's id (8 bytes) and the MAC (16 bytes); the MAC covers every
/// byte of the datagram before it, the scheme, length and key id included, so nothing can be changed,
/// added or removed, not even the key id or the scheme.
public enum HeartbeatAuthenticator {
    /// Bytes of the MAC kept: the first 16 of HMAC-SHA-256's 32.
    public static let macBytes = 16
    /// Bytes of scheme 1's tag: key id and MAC.
    public static let tagBytes = ClusterKeyID.byteCount + macBytes

    /// Appends the datagram for `heartbeat`, signed with the signing key of `keys` (unsigned when nil).
    public static func encode(
        _ heartbeat: Heartbeat, signedWith keys: HeartbeatKeys?, limits: HeartbeatLimits = .default,
        into buffer: inout ByteBuffer
    ) throws(HeartbeatEncodingError) {
        guard let key = keys?.signing else {
            try HeartbeatCodec.encode(heartbeat, limits: limits, into: &buffer)
            return
        }
        let start = buffer.writerIndex
        var placeholder = [UInt8](repeating: 0, count: tagBytes)
        withUnsafeBytes(of: key.id.value.bigEndian) {
            placeholder.replaceSubrange(0..<ClusterKeyID.byteCount, with: $0)
        }
        try HeartbeatCodec.encode(
            heartbeat,
            authentication: HeartbeatAuthentication(
                scheme: HeartbeatFormat.Scheme.hmacSHA256.rawValue, tag: placeholder),
            limits: limits, into: &buffer)
        let offset = start - buffer.readerIndex
        let signed = buffer.writerIndex - macBytes - start
        let mac = buffer.withUnsafeReadableBytes { bytes in
            key.mac.words(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + signed)]))
        }
        for index in 0..<(macBytes / 4) {
            buffer.setInteger(mac[index], at: buffer.writerIndex - macBytes + index * 4)
        }
    }

    /// What `decoded`'s authentication section is worth under `keys` (nil: this member holds none).
    /// `datagram` is the buffer it was decoded from, unread.
    public static func check(
        _ decoded: DecodedHeartbeat, in datagram: ByteBuffer, keys: HeartbeatKeys?
    ) -> HeartbeatAuthenticity {
        let authentication = decoded.authentication
        guard authentication.scheme == HeartbeatFormat.Scheme.hmacSHA256.rawValue,
            authentication.tag.count == tagBytes
        else { return .unsigned }
        let id = ClusterKeyID(authentication.tag.prefix(ClusterKeyID.byteCount).reduce(0) { $0 << 8 | UInt64($1) })
        guard let keys else { return .unchecked(id) }
        guard let key = keys.key(for: id) else { return .unknownKey(id) }
        let signed = datagram.readableBytes - macBytes
        let expected = datagram.withUnsafeReadableBytes {
            key.mac.words(UnsafeRawBufferPointer(rebasing: $0.prefix(signed)))
        }
        // Every word compared, whatever the first difference: the time taken says nothing of the MAC.
        var difference: UInt32 = 0
        authentication.tag.withUnsafeBytes { tag in
            for index in 0..<(macBytes / 4) {
                let offset = ClusterKeyID.byteCount + index * 4
                difference |=
                    expected[index] ^ UInt32(bigEndian: tag.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            }
        }
        return difference == 0 ? .verified(id) : .badTag(id)
    }

}

/// Cluster keys prepared for heartbeats: each key's HMAC pads absorbed once, not per datagram.
public struct HeartbeatKeys: Sendable {
    /// One key: its id and its prepared MAC.
    public struct Key: Sendable {
        /// The key's id.
        public let id: ClusterKeyID
        let mac: HMACSHA256
    }

    /// The ring they come from.
    public let ring: ClusterKeyRing
    /// The keys, in the ring's order.
    let keys: [Key]

    /// Prepares every key of `ring`.
    public init(_ ring: ClusterKeyRing) {
        self.ring = ring
        keys = ring.keys.map { Key(id: $0.id, mac: HMACSHA256(key: $0.bytes)) }
    }

    /// The key heartbeats are signed with: the ring's first.
    var signing: Key { keys[0] }

    /// The key named `id`, if the ring holds it.
    func key(for id: ClusterKeyID) -> Key? {
        keys.first { $0.id == id }
    }
}
