import NIOCore
import TernCore
import TernTestKit
import TernWire
import Testing

/// Tomcat's heartbeats as captured: every field decodes, and encoding the same fields gives the
/// same bytes.
@Suite("Tribes member record: Tomcat captures")
struct TribesMemberVectorTests {
    @Test func heartbeatDecodesEveryField() throws {
        let bytes = try TomcatVectors.bytes("heartbeat")
        let (member, length) = try TribesMemberCodec.decode(ByteBuffer(bytes: bytes))
        #expect(member == TomcatVectors.heartbeatMember)
        #expect(length == 101)
        #expect(member.hostText == "127.0.0.1")
        #expect(member.domainText == "tribes-test")
        #expect(!member.isShutdown)
    }

    @Test func heartbeatEncodesToTheCapture() throws {
        var buffer = ByteBuffer()
        TribesMemberCodec.encode(TomcatVectors.heartbeatMember, into: &buffer)
        #expect(Array(buffer.readableBytesView) == (try TomcatVectors.bytes("heartbeat")))
        #expect(TribesMemberCodec.encodedSize(of: TomcatVectors.heartbeatMember) == 101)
    }

    @Test func stopCarriesTheShutdownCommandAndEncodesToTheCapture() throws {
        let bytes = try TomcatVectors.bytes("stop")
        let (member, length) = try TribesMemberCodec.decode(ByteBuffer(bytes: bytes))
        var expected = TomcatVectors.heartbeatMember
        expected.aliveTime = 12035
        expected.command = Array("BABY-ALEX".utf8)
        #expect(member == expected)
        #expect(length == 110)
        #expect(member.isShutdown)
        var buffer = ByteBuffer()
        TribesMemberCodec.encode(expected, into: &buffer)
        #expect(Array(buffer.readableBytesView) == bytes)
    }

    @Test func bytesAfterTheEndMarkerAreIgnored() throws {
        let bytes = try TomcatVectors.bytes("heartbeat") + [1, 2, 3]
        let (member, length) = try TribesMemberCodec.decode(ByteBuffer(bytes: bytes))
        #expect(member == TomcatVectors.heartbeatMember)
        #expect(length == 101)
    }

    @Test func heartbeatMapsToTheMembershipModel() throws {
        let (member, _) = try TribesMemberCodec.decode(try TomcatVectors.buffer("heartbeat"))
        let heartbeat = member.heartbeat
        #expect(heartbeat.domain == "tribes-test")
        #expect(heartbeat.member.description == "e2b42dffa489492ebacd19ebedf7fec0")
        #expect(heartbeat.endpoint == Endpoint(host: "127.0.0.1", port: 4000))
        #expect(heartbeat.state == .ready)
        #expect(heartbeat.sequence == nil)
        let (stop, _) = try TribesMemberCodec.decode(try TomcatVectors.buffer("stop"))
        #expect(stop.heartbeat.state == .leaving)
        #expect(stop.heartbeat.member == heartbeat.member)
        #expect(TribesMember.uniqueId(of: heartbeat.member) == member.uniqueId)
    }

    @Test func addressesPrintAsPeopleWriteThem() {
        #expect(TribesMember.addressText([10, 0, 0, 254]) == "10.0.0.254")
        #expect(TribesMember.addressText(Hex.bytes("20010db8000000000000000000000001")) == "2001:db8::1")
        #expect(TribesMember.addressText(Hex.bytes("00000000000000000000000000000001")) == "::1")
        #expect(TribesMember.addressText(Hex.bytes("20010db8000100000001000000000000")) == "2001:db8:1:0:1::")
        #expect(TribesMember.addressText(Hex.bytes("fe800000000000000202b3fffe1e8329")) == "fe80::202:b3ff:fe1e:8329")
    }

    @Test func latin1DomainsRoundTrip() {
        #expect(TribesMember.latin1Bytes("caf\u{E9}") == [0x63, 0x61, 0x66, 0xE9])
        #expect(TribesMember.latin1([0x63, 0x61, 0x66, 0xE9]) == "caf\u{E9}")
        #expect(TribesMember.latin1Bytes("\u{4E2D}") == nil)
    }
}
