import NIOCore
import TernCore
import TernTestKit
import TernWire

/// Heartbeat encoding and decoding through byte arrays, and random heartbeats for round trips.
enum HeartbeatWire {
    static func encode(_ heartbeat: Heartbeat, authentication: HeartbeatAuthentication = .none) throws -> [UInt8] {
        var buffer = ByteBufferAllocator().buffer(capacity: 128)
        try HeartbeatCodec.encode(heartbeat, authentication: authentication, into: &buffer)
        return Array(buffer.readableBytesView)
    }

    static func decode(_ bytes: [UInt8], limits: HeartbeatLimits = .default) throws(HeartbeatDecodingError)
        -> DecodedHeartbeat
    {
        try HeartbeatCodec.decode(ByteBuffer(bytes: bytes), limits: limits)
    }

    /// The decoding error for `bytes`, or nil when they decode.
    static func error(_ bytes: [UInt8], limits: HeartbeatLimits = .default) -> HeartbeatDecodingError? {
        do {
            _ = try decode(bytes, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    /// The heartbeat of the golden fixture (docs/PROTOCOL.md, "Heartbeat", example).
    static let golden = Heartbeat(
        domain: "default", member: MemberID(high: 0x0123_4567_89ab_cdef, low: 0xfedc_ba98_7654_3210),
        incarnation: 1_767_225_600_000, sequence: 7, interval: 500, name: "node-a",
        endpoint: Endpoint(host: "127.0.0.1", port: 4000), state: .ready, tags: [HeartbeatTag("tool", "tern-ping")])

    /// Its 89 bytes, field by field.
    static let goldenBytes = Hex.bytes(
        """
        89544842 0001 01 02
        0123456789abcdef fedcba9876543210
        0000019b76daa800
        0000000000000007
        000001f4
        07 64656661756c74
        06 6e6f64652d61
        09 3132372e302e302e31 0fa0
        01 04 746f6f6c 09 7465726e2d70696e67
        00 00
        """)

    /// A random valid heartbeat.
    static func random(using random: inout TestRandom) -> Heartbeat {
        func text(_ max: Int) -> String {
            let alphabet: [Unicode.Scalar] = ["a", "Z", "0", "-", ".", " ", "\u{E9}", "\u{4E2D}", "\u{1F600}"]
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...max, using: &random) {
                scalars.append(alphabet.randomElement(using: &random)!)
            }
            return String(scalars)
        }
        let endpoint: Endpoint? =
            Bool.random(using: &random)
            ? Endpoint(host: text(12), port: UInt16.random(in: 1...65535, using: &random)) : nil
        let sequence = random.next()
        return Heartbeat(
            domain: text(10), member: MemberID.random(using: &random),
            incarnation: Int64(bitPattern: random.next()), sequence: sequence == 0 ? nil : sequence,
            interval: Int64.random(in: 0...Int64(UInt32.max), using: &random), name: text(20), endpoint: endpoint,
            state: MemberState.allCases.randomElement(using: &random)!,
            tags: (0..<Int.random(in: 0...4, using: &random)).map { _ in HeartbeatTag(text(6), text(10)) })
    }
}
