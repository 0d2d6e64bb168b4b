import Crypto
import NIOCore
import TernCore
import TernWire

/// The signed-heartbeat half of the heartbeat target (docs/FUZZING.md): what
/// `HeartbeatAuthenticator` makes of a decoded tern heartbeat under fixed keys, checked against
/// swift-crypto's HMAC-SHA-256 as docs/PROTOCOL.md ("Heartbeat authentication") defines the tag.
///
/// - `check` on the input gives exactly what the definition gives: unsigned, unchecked without keys,
///   an unknown key, a verified tag or a bad one.
/// - The heartbeat signed by our signer with either key is the input's authenticated bytes, then
///   scheme 1, the key id and the MAC the definition gives; it decodes to the same heartbeat and
///   verifies, and with one byte flipped it never verifies.
enum HeartbeatSigningFuzzCheck {
    static let keys = HeartbeatKeys(FuzzKeys.ours)
    /// The same keys, `b` signing.
    static let keysSigningB = HeartbeatKeys(FuzzKeys.ring(FuzzKeys.b, FuzzKeys.a))
    /// Only the key nobody here signs with.
    static let strangerKeys = HeartbeatKeys(FuzzKeys.ring(FuzzKeys.c))

    static func check(_ decoded: DecodedHeartbeat, _ input: [UInt8]) throws(FuzzViolation) {
        let datagram = ByteBuffer(bytes: input)
        let found = HeartbeatAuthenticator.check(decoded, in: datagram, keys: keys)
        try require(
            found == expected(decoded, input, held: FuzzKeys.ours.keys),
            "check says \(found), the definition \(expected(decoded, input, held: FuzzKeys.ours.keys))")
        let unkeyed = HeartbeatAuthenticator.check(decoded, in: datagram, keys: nil)
        try require(
            unkeyed == (found == .unsigned ? .unsigned : .unchecked(found.keyID!)),
            "check without keys says \(unkeyed) for a tag found \(found)")
        try HeartbeatAdmissionFuzzCheck.checkDecoded(decoded.heartbeat, authenticity: found)
        for (signing, key) in [(keys, FuzzKeys.a), (keysSigningB, FuzzKeys.b)] {
            try signAndVerify(decoded, input, with: signing, key: key)
        }
    }

    /// What a tag is worth by the definition, for a member holding `held`.
    static func expected(_ decoded: DecodedHeartbeat, _ datagram: [UInt8], held: [ClusterKey]) -> HeartbeatAuthenticity {
        let tag = decoded.authentication.tag
        guard decoded.authentication.scheme == 1, tag.count == HeartbeatAuthenticator.tagBytes else { return .unsigned }
        let id = ClusterKeyID(tag.prefix(8).reduce(0) { $0 << 8 | UInt64($1) })
        guard let key = held.first(where: { $0.id == id }) else { return .unknownKey(id) }
        return tag.suffix(16).elementsEqual(mac(datagram.dropLast(16), key)) ? .verified(id) : .badTag(id)
    }

    /// HMAC-SHA-256 under `key` over `bytes`, its first 16 bytes: swift-crypto's, not ours.
    static func mac(_ bytes: ArraySlice<UInt8>, _ key: ClusterKey) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(bytes), using: SymmetricKey(data: key.bytes)).prefix(16))
    }

    private static func signAndVerify(
        _ decoded: DecodedHeartbeat, _ input: [UInt8], with signing: HeartbeatKeys, key: ClusterKey
    ) throws(FuzzViolation) {
        let unsignedSize = decoded.authenticatedBytes + 2
        var buffer = ByteBuffer()
        do {
            try HeartbeatAuthenticator.encode(decoded.heartbeat, signedWith: signing, into: &buffer)
        } catch {
            try require(
                unsignedSize + HeartbeatAuthenticator.tagBytes > HeartbeatLimits.default.maxDatagramBytes,
                "a heartbeat of \(unsignedSize + HeartbeatAuthenticator.tagBytes) bytes signed does not encode: \(error)")
            return
        }
        let signed = Array(buffer.readableBytesView)
        let head = decoded.authenticatedBytes
        let idBytes = (0..<8).map { UInt8(truncatingIfNeeded: key.id.value >> (56 - 8 * $0)) }
        let section: [UInt8] = [1, UInt8(HeartbeatAuthenticator.tagBytes)] + idBytes
        try require(
            signed.count == unsignedSize + HeartbeatAuthenticator.tagBytes && signed[..<head].elementsEqual(input[..<head]),
            "signed with \(key), the datagram does not start with the input's authenticated bytes")
        try require(
            signed[head..<(head + 10)].elementsEqual(section), "signed with \(key), the section is not scheme 1 and the key id")
        try require(
            signed.suffix(16).elementsEqual(mac(signed.dropLast(16), key)),
            "signed with \(key), the MAC is not HMAC-SHA-256 over the bytes before it")
        let again: DecodedHeartbeat
        do {
            again = try HeartbeatCodec.decode(ByteBuffer(bytes: signed))
        } catch {
            throw FuzzViolation("a heartbeat signed with \(key) does not decode: \(error)")
        }
        try require(again.heartbeat == decoded.heartbeat, "a heartbeat signed with \(key) decodes to another")
        let verified = HeartbeatAuthenticator.check(again, in: ByteBuffer(bytes: signed), keys: keys)
        try require(verified == .verified(key.id), "a heartbeat signed with \(key) checks as \(verified)")
        let stranger = HeartbeatAuthenticator.check(again, in: ByteBuffer(bytes: signed), keys: strangerKeys)
        try require(stranger == .unknownKey(key.id), "a member without \(key) checks its heartbeat as \(stranger)")
        // One byte flipped, where the input's bytes say: never verified.
        var flipped = signed
        let position = Int(input.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 } % UInt32(signed.count))
        flipped[position] ^= input.last.map { $0 == 0 ? 0x01 : $0 } ?? 0x01
        guard let changed = try? HeartbeatCodec.decode(ByteBuffer(bytes: flipped)) else { return }
        let found = HeartbeatAuthenticator.check(changed, in: ByteBuffer(bytes: flipped), keys: keys)
        if case .verified = found {
            throw FuzzViolation("byte \(position) of a heartbeat signed with \(key) flipped, it still verifies")
        }
    }
}
