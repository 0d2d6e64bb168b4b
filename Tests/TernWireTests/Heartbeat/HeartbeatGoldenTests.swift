import NIOCore
import TernCore
import TernTestKit
import TernWire
import Testing

/// The heartbeat fixture of docs/PROTOCOL.md: every field decodes, and encoding gives the same bytes.
@Suite("HeartbeatCodec golden fixture")
struct HeartbeatGoldenTests {
    @Test func goldenFixtureDecodesEveryField() throws {
        let decoded = try HeartbeatWire.decode(HeartbeatWire.goldenBytes)
        #expect(decoded.heartbeat == HeartbeatWire.golden)
        #expect(decoded.authentication == .none)
        #expect(decoded.authenticatedBytes == HeartbeatWire.goldenBytes.count - 2)
    }

    @Test func goldenHeartbeatEncodesToTheFixture() throws {
        #expect(try HeartbeatWire.encode(HeartbeatWire.golden) == HeartbeatWire.goldenBytes)
        #expect(try HeartbeatCodec.encodedSize(of: HeartbeatWire.golden) == 89)
    }

    @Test func absentSequenceAndEndpointEncodeAsZero() throws {
        var heartbeat = HeartbeatWire.golden
        heartbeat.sequence = nil
        heartbeat.endpoint = nil
        heartbeat.tags = []
        let bytes = try HeartbeatWire.encode(heartbeat)
        #expect(Array(bytes[32..<40]) == [0, 0, 0, 0, 0, 0, 0, 0])
        #expect(try HeartbeatWire.decode(bytes).heartbeat == heartbeat)
    }

    @Test func emptyHostWithPortMeansTheSendersAddress() throws {
        var heartbeat = HeartbeatWire.golden
        heartbeat.endpoint = Endpoint(host: "", port: 4000)
        #expect(try HeartbeatWire.decode(try HeartbeatWire.encode(heartbeat)).heartbeat.endpoint == heartbeat.endpoint)
    }

    @Test func authenticationSectionRoundTripsAndIsNotCovered() throws {
        let authentication = HeartbeatAuthentication(scheme: 1, tag: Array(repeating: 0xAB, count: 24))
        let bytes = try HeartbeatWire.encode(HeartbeatWire.golden, authentication: authentication)
        let decoded = try HeartbeatWire.decode(bytes)
        #expect(decoded.authentication == authentication)
        #expect(decoded.authenticatedBytes == bytes.count - 26)
        #expect(Array(bytes[..<decoded.authenticatedBytes]) == Array(HeartbeatWire.goldenBytes.dropLast(2)))
    }

    @Test func randomHeartbeatsRoundTrip() throws {
        var random = TestRandom(seed: 11)
        for _ in 0..<2000 {
            let heartbeat = HeartbeatWire.random(using: &random)
            let bytes = try HeartbeatWire.encode(heartbeat)
            #expect(bytes.count == (try HeartbeatCodec.encodedSize(of: heartbeat)))
            #expect(try HeartbeatWire.decode(bytes).heartbeat == heartbeat)
        }
    }
}
