import TernCore
import TernTestKit
import TernWire
import Testing

/// Every prefix of the golden datagram is an error naming the field the cut falls in.
@Suite("HeartbeatCodec truncation")
struct HeartbeatTruncationTests {
    /// The golden datagram's fields after the magic: name as errors give it, and size.
    static let fields: [(name: String, size: Int)] = [
        ("format version", 2), ("datagram kind", 1), ("member state", 1), ("member id", 8), ("member id", 8),
        ("incarnation", 8), ("sequence", 8), ("interval", 4), ("domain length", 1), ("domain", 7),
        ("name length", 1), ("name", 6), ("endpoint host length", 1), ("endpoint host", 9), ("endpoint port", 2),
        ("tag count", 1), ("tag key length", 1), ("tag key", 4), ("tag \"tool\" value length", 1),
        ("tag \"tool\" value", 9), ("authentication scheme", 1), ("authentication length", 1),
    ]

    @Test func everyPrefixNamesTheFieldItEndsIn() {
        let bytes = HeartbeatWire.goldenBytes
        #expect(Self.fields.reduce(4) { $0 + $1.size } == bytes.count)
        for length in 0..<bytes.count {
            let error = HeartbeatWire.error(Array(bytes[..<length]))
            if length < 4 {
                #expect(error == HeartbeatDecodingError(.notHeartbeat(found: Array(bytes[..<length])), at: 0))
                continue
            }
            var start = 4
            for field in Self.fields {
                if length < start + field.size {
                    #expect(
                        error == HeartbeatDecodingError(.truncated(field: field.name), at: start),
                        "cut at \(length): \(String(describing: error))")
                    break
                }
                start += field.size
            }
        }
    }

    @Test func aCutAuthenticationTagIsTruncated() throws {
        let bytes = try HeartbeatWire.encode(
            HeartbeatWire.golden, authentication: HeartbeatAuthentication(scheme: 1, tag: Array(1...24)))
        #expect(
            HeartbeatWire.error(Array(bytes.dropLast()))
                == HeartbeatDecodingError(.truncated(field: "authentication tag"), at: bytes.count - 24))
    }
}
