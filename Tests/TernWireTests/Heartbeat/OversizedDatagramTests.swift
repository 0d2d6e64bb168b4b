import NIOCore
import TernCore
import TernWire
import Testing

/// Which undecodable datagrams count against the datagram bound (`tern_limit_hits_total{limit="datagram"}`):
/// a tern heartbeat over `HeartbeatLimits.maxDatagramBytes`, and nothing else.
@Suite("MembershipDatagram: the datagram bound")
struct OversizedDatagramTests {
    private static func error(_ bytes: [UInt8]) -> MembershipDatagram.DecodingError? {
        do {
            _ = try MembershipDatagram.decode(ByteBuffer(bytes: bytes))
            return nil
        } catch {
            return error
        }
    }

    @Test func aTernHeartbeatOverTheBoundIsOversized() throws {
        let bytes = HeartbeatFormat.magic + [UInt8](repeating: 0, count: HeartbeatLimits.default.maxDatagramBytes)
        let error = try #require(Self.error(bytes))
        #expect(error.isOversized, "\(error)")
    }

    @Test func otherUndecodableDatagramsAreNot() throws {
        let truncated = try #require(Self.error(HeartbeatFormat.magic + [0, 1]))
        #expect(!truncated.isOversized, "\(truncated)")
        let foreign = try #require(Self.error([UInt8](repeating: 7, count: 2000)))
        #expect(!foreign.isOversized, "\(foreign)")
    }
}
