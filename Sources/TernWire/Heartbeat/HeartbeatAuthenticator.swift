import Crypto
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

    /// Appends the datagram for `heartbeat`, signed with `key` (unsigned when nil).
    public static func encode(
        _ heartbeat: Heartbeat, signedWith key: ClusterKey?, limits: HeartbeatLimits = .default,
        into buffer: inout ByteBuffer
    ) throws(HeartbeatEncodingError) {
        guard let key else {
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
            code(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + signed)]), key: key)
        }
        buffer.setBytes(mac, at: buffer.writerIndex - macBytes)
    }

    /// What `decoded`'s authentication section is worth under `keys` (nil: this member holds none).
    /// `datagram` is the buffer it was decoded from, unread.
    public static func check(
        _ decoded: DecodedHeartbeat, in datagram: ByteBuffer, keys: ClusterKeyRing?
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
            code(UnsafeRawBufferPointer(rebasing: $0.prefix(signed)), key: key)
        }
        var difference: UInt8 = 0
        for (mine, theirs) in zip(expected, authentication.tag.suffix(macBytes)) { difference |= mine ^ theirs }
        return difference == 0 ? .verified(id) : .badTag(id)
    }

    /// The truncated MAC of `bytes` under `key`.
    static func code(_ bytes: UnsafeRawBufferPointer, key: ClusterKey) -> [UInt8] {
        var mac = HMAC<SHA256>(key: key.symmetricKey)
        mac.update(data: bytes)
        return mac.finalize().withUnsafeBytes { Array($0.prefix(macBytes)) }
    }
}
