import TernCore
import TernTestKit
import TernWire
import Testing

/// Arbitrary bytes never crash the decoder: they give a typed error, or a heartbeat whose encoding is
/// exactly those bytes.
@Suite("HeartbeatCodec on garbage")
struct HeartbeatGarbageTests {
    static func check(_ bytes: [UInt8]) {
        do {
            let decoded = try HeartbeatWire.decode(bytes)
            let again = try HeartbeatWire.encode(decoded.heartbeat, authentication: decoded.authentication)
            #expect(again == bytes, "decoded \(Hex.string(bytes)) to a heartbeat that encodes differently")
        } catch let error as HeartbeatDecodingError {
            #expect(
                error.offset >= 0 && error.offset <= bytes.count, "offset \(error.offset) outside \(bytes.count) bytes")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func randomBytesGiveATypedError() {
        var random = TestRandom(seed: 21)
        for _ in 0..<5000 {
            Self.check(random.bytes(Int.random(in: 0...120, using: &random)))
        }
    }

    @Test func randomBytesBehindAValidHeadReachDeeper() {
        var random = TestRandom(seed: 22)
        for _ in 0..<5000 {
            var bytes = HeartbeatFormat.magic + [0, 1, 1, UInt8.random(in: 1...3, using: &random)]
            bytes += random.bytes(Int.random(in: 36...140, using: &random))
            for index in [44, 45, 46] where index < bytes.count {
                bytes[index] = UInt8.random(in: 0...8, using: &random)
            }
            Self.check(bytes)
        }
    }

    @Test func flippedBytesOfTheFixtureGiveATypedErrorOrAHeartbeat() {
        var random = TestRandom(seed: 23)
        for _ in 0..<5000 {
            var bytes = HeartbeatWire.goldenBytes
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            Self.check(bytes)
        }
    }
}
