import NIOCore
import TernCore
import TernTestKit
import TernWire
import Testing

/// Truncated, damaged and hostile Tomcat bytes give typed errors that name the field; never a crash.
@Suite("Tribes codecs on bad input")
struct TribesErrorTests {
    static func memberError(_ bytes: [UInt8], limits: TribesLimits = .default) -> TribesDecodingError? {
        do {
            _ = try TribesMemberCodec.decode(ByteBuffer(bytes: bytes), limits: limits)
            return nil
        } catch {
            return error
        }
    }

    static func frameError(_ bytes: [UInt8], limits: TribesLimits = .default) -> TribesDecodingError? {
        var buffer = ByteBuffer(bytes: bytes)
        do {
            _ = try TribesFrameDecoder.decodeFrame(&buffer, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    /// The fields of heartbeat.hex, as errors name them, and their sizes.
    static let heartbeatFields: [(name: String, size: Int)] = [
        ("TRIBES-B", 10), ("body length", 4), ("alive time", 8), ("port", 4), ("secure port", 4), ("udp port", 4),
        ("host length", 1), ("host", 4), ("command length", 4), ("domain length", 4), ("domain", 11), ("uniqueId", 16),
        ("payload length", 4), ("payload", 13), ("TRIBES-E", 10),
    ]

    @Test func everyPrefixOfAHeartbeatNamesTheFieldItEndsIn() throws {
        let bytes = try TomcatVectors.bytes("heartbeat")
        #expect(Self.heartbeatFields.reduce(0) { $0 + $1.size } == bytes.count)
        for length in 0..<bytes.count {
            var start = 0
            for field in Self.heartbeatFields {
                if length < start + field.size {
                    let error = Self.memberError(Array(bytes[..<length]))
                    #expect(
                        error == TribesDecodingError(.truncated(field: field.name), at: start),
                        "cut at \(length): \(String(describing: error))")
                    break
                }
                start += field.size
            }
        }
    }

    @Test func damagedMarkersAreNamed() throws {
        var bytes = try TomcatVectors.bytes("heartbeat")
        bytes[9] = 2
        #expect(
            Self.memberError(bytes)
                == TribesDecodingError(.badMarker(expected: "TRIBES-B", found: Array(bytes[..<10])), at: 0))
        bytes = try TomcatVectors.bytes("heartbeat")
        bytes[bytes.count - 3] = UInt8(ascii: "X")
        let error = Self.memberError(bytes)
        #expect(error == TribesDecodingError(.badMarker(expected: "TRIBES-E", found: Array(bytes.suffix(10))), at: 91))
        #expect(error?.description == "tomcat: expected TRIBES-E, found 5452494245532d580100 (at byte 91)")
        let heartbeat = Array("\u{89}THB".utf8)
        #expect(Self.memberError(heartbeat)?.reason == .badMarker(expected: "TRIBES-B", found: heartbeat))
    }

    @Test func lengthsAreCheckedBeforeReading() throws {
        var bytes = try TomcatVectors.bytes("heartbeat")
        bytes.replaceSubrange(10..<14, with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(
            Self.memberError(bytes) == TribesDecodingError(.negativeLength(field: "body length", value: -1), at: 10))
        bytes = try TomcatVectors.bytes("heartbeat")
        bytes.replaceSubrange(43..<47, with: [0x7F, 0xFF, 0xFF, 0xFF])
        #expect(
            Self.memberError(bytes)
                == TribesDecodingError(.tooLarge(field: "domain length", size: Int(Int32.max), limit: 65_507), at: 43))
        #expect(
            Self.memberError(try TomcatVectors.bytes("heartbeat"), limits: TribesLimits(maxMemberBytes: 50))
                == TribesDecodingError(.tooLarge(field: "body length", size: 77, limit: 50), at: 10))
    }

    @Test func aHostThatIsNotAnAddressIsRefused() throws {
        var bytes = try TomcatVectors.bytes("heartbeat")
        bytes[34] = 5
        #expect(Self.memberError(bytes) == TribesDecodingError(.badHostLength(5), at: 34))
        bytes[34] = 0x80
        #expect(Self.memberError(bytes) == TribesDecodingError(.badHostLength(-128), at: 34))
    }

    @Test func aBodyLengthThatDisagreesWithTheFieldsIsRefused() throws {
        var bytes = try TomcatVectors.bytes("heartbeat")
        bytes[13] = 0x4C
        #expect(Self.memberError(bytes) == TribesDecodingError(.bodyMismatch(fieldsEnd: 91, markerAt: 90), at: 10))
    }

    @Test func badFramesAreRefused() throws {
        let frame = try TomcatVectors.bytes("channel-message")
        #expect(
            Self.frameError(Array("GET / HTTP/1.1\r\n".utf8))
                == TribesDecodingError(.badMarker(expected: "FLT2002", found: Array("GET / H".utf8)), at: 0))
        #expect(Self.frameError(Array("FLX".utf8))?.reason == .badMarker(expected: "FLT2002", found: Array("FLX".utf8)))
        var bytes = frame
        bytes[bytes.count - 1] = 0
        #expect(
            Self.frameError(bytes)
                == TribesDecodingError(.badMarker(expected: "TLF2003", found: Array("TLF200".utf8) + [0]), at: 167))
        // A wrong end marker is reported as soon as its first byte arrives.
        #expect(
            Self.frameError(Array(frame[..<167]) + [0x41])?.reason == .badMarker(expected: "TLF2003", found: [0x41]))
        bytes = frame
        bytes.replaceSubrange(7..<11, with: [0x80, 0, 0, 0])
        #expect(
            Self.frameError(bytes)
                == TribesDecodingError(.negativeLength(field: "frame length", value: Int32.min), at: 7))
        #expect(
            Self.frameError(frame, limits: TribesLimits(maxFrameBytes: 100))
                == TribesDecodingError(.tooLarge(field: "frame", size: 156, limit: 100), at: 7))
    }

    @Test func aMessageWithBytesAfterItIsRefused() throws {
        var buffer = try TomcatVectors.buffer("channel-message")
        var payload = try #require(try TribesFrameDecoder.decodeFrame(&buffer))
        payload.writeInteger(UInt8(0))
        #expect(throws: TribesDecodingError(.trailingBytes(1), at: 156)) { try TribesChannelMessage.decode(payload) }
    }

    @Test func everyPrefixOfAMessagePayloadIsATypedError() throws {
        var buffer = try TomcatVectors.buffer("channel-message")
        let payload = Array(try #require(try TribesFrameDecoder.decodeFrame(&buffer)).readableBytesView)
        for length in 0..<payload.count {
            #expect(throws: TribesDecodingError.self) {
                try TribesChannelMessage.decode(ByteBuffer(bytes: payload[..<length]))
            }
        }
    }

    @Test func randomBytesNeverCrashTheDecoders() throws {
        var random = TestRandom(seed: 31)
        let heartbeat = try TomcatVectors.bytes("heartbeat")
        let frame = try TomcatVectors.bytes("channel-message")
        for round in 0..<6000 {
            var bytes: [UInt8]
            switch round % 3 {
            case 0: bytes = random.bytes(Int.random(in: 0...120, using: &random))
            case 1:
                bytes = heartbeat
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
            default:
                bytes = frame
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
            }
            _ = Self.memberError(bytes)
            var buffer = ByteBuffer(bytes: bytes)
            if let payload = try? TribesFrameDecoder.decodeFrame(&buffer) {
                _ = try? TribesChannelMessage.decode(payload)
            }
        }
    }
}
