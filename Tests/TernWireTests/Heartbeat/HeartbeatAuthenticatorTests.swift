import NIOCore
import TernCore
import TernTestKit
import Testing

@testable import TernWire

/// Heartbeats signed with cluster keys: the golden signed datagram of docs/PROTOCOL.md, tampering
/// anywhere, unknown keys, and rotation.
@Suite("Heartbeat authentication")
struct HeartbeatAuthenticatorTests {
    static let key = try! ClusterKey(bytes: Array(0..<32))
    static let other = try! ClusterKey(bytes: Array(32..<64))

    static func sign(_ heartbeat: Heartbeat = HeartbeatWire.golden, with key: ClusterKey?) throws -> [UInt8] {
        var buffer = ByteBufferAllocator().buffer(capacity: 128)
        try HeartbeatAuthenticator.encode(
            heartbeat, signedWith: key.map { HeartbeatKeys(ClusterKeyRing([$0])!) }, into: &buffer)
        return Array(buffer.readableBytesView)
    }

    /// What a receiver holding `keys` makes of `bytes`; nil when they do not even decode.
    static func check(_ bytes: [UInt8], keys: [ClusterKey]?) -> HeartbeatAuthenticity? {
        let buffer = ByteBuffer(bytes: bytes)
        guard let decoded = try? HeartbeatCodec.decode(buffer) else { return nil }
        return HeartbeatAuthenticator.check(
            decoded, in: buffer, keys: keys.flatMap(ClusterKeyRing.init).map(HeartbeatKeys.init))
    }

    /// The fixture's heartbeat signed with the key of bytes 0…31 (MAC computed with Python's hmac).
    static let signedGolden =
        HeartbeatWire.goldenBytes.dropLast(2)
        + Hex.bytes(
            "01 18 bf5052bb28c2439c c0fcbdc5d2712663a3ab901eeaaec923")

    @Test func theSignedFixtureIsTheFixtureWithATrailerOfKeyIdAndTruncatedMAC() throws {
        #expect(try Self.sign(with: Self.key) == Array(Self.signedGolden))
        #expect(Self.signedGolden.count == 113)
        let decoded = try HeartbeatWire.decode(Array(Self.signedGolden))
        #expect(decoded.heartbeat == HeartbeatWire.golden)
        #expect(decoded.authentication.scheme == 1)
        #expect(Self.check(Array(Self.signedGolden), keys: [Self.key]) == .verified(Self.key.id))
    }

    @Test func unsignedEncodingIsTheUnauthenticatedFormat() throws {
        #expect(try Self.sign(with: nil) == HeartbeatWire.goldenBytes)
        #expect(Self.check(HeartbeatWire.goldenBytes, keys: [Self.key]) == .unsigned)
        #expect(Self.check(HeartbeatWire.goldenBytes, keys: nil) == .unsigned)
    }

    @Test func changingAnyBitOfTheDatagramLosesTheVerification() throws {
        let bytes = try Self.sign(with: Self.key)
        for index in bytes.indices {
            for bit in [0, 3, 7] {
                var tampered = bytes
                tampered[index] ^= 1 << bit
                let verdict = Self.check(tampered, keys: [Self.key])
                #expect(verdict != .verified(Self.key.id), "byte \(index) bit \(bit)")
            }
        }
    }

    @Test func removingOrAddingBytesLosesTheVerification() throws {
        let bytes = try Self.sign(with: Self.key)
        for count in 1...30 {
            #expect(Self.check(Array(bytes.dropLast(count)), keys: [Self.key]) != .verified(Self.key.id))
        }
        #expect(Self.check(bytes + [0], keys: [Self.key]) == nil)
    }

    @Test func aKeyTheReceiverDoesNotHoldIsUnknownAndATagUnderItsIdIsBad() throws {
        let bytes = try Self.sign(with: Self.other)
        #expect(Self.check(bytes, keys: [Self.key]) == .unknownKey(Self.other.id))
        // A forger who copies a real key id still cannot make the MAC.
        var forged = bytes
        withUnsafeBytes(of: Self.key.id.value.bigEndian) { forged.replaceSubrange(89..<97, with: $0) }
        #expect(Self.check(forged, keys: [Self.key]) == .badTag(Self.key.id))
    }

    @Test func aReceiverWithoutKeysReportsTheTagUnchecked() throws {
        #expect(Self.check(try Self.sign(with: Self.key), keys: nil) == .unchecked(Self.key.id))
    }

    @Test func duringARotationBothOrdersOfTheRingAcceptEachOther() throws {
        let old = Self.key
        let new = Self.other
        let rotated = ClusterKeyRing([new, old])!
        let lagging = ClusterKeyRing([old, new])!
        // A member not yet promoted signs with old; a promoted one accepts it, and the reverse.
        #expect(Self.check(try Self.sign(with: lagging.signing), keys: rotated.keys) == .verified(old.id))
        #expect(Self.check(try Self.sign(with: rotated.signing), keys: lagging.keys) == .verified(new.id))
        // A member that never got the new key refuses the promoted one.
        #expect(Self.check(try Self.sign(with: rotated.signing), keys: [old]) == .unknownKey(new.id))
    }

    @Test func randomHeartbeatsSignAndVerify() throws {
        var random = TestRandom(seed: 17)
        for _ in 0..<500 {
            let heartbeat = HeartbeatWire.random(using: &random)
            guard (try? HeartbeatCodec.encodedSize(of: heartbeat)).map({ $0 + 24 <= 1400 }) == true else { continue }
            let bytes = try Self.sign(heartbeat, with: Self.key)
            #expect(try HeartbeatWire.decode(bytes).heartbeat == heartbeat)
            #expect(Self.check(bytes, keys: [Self.other, Self.key]) == .verified(Self.key.id))
        }
    }
}
