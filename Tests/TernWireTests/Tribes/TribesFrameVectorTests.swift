import NIOCore
import NIOTestUtils
import TernCore
import TernTestKit
import TernWire
import Testing

/// Tomcat's TCP frames as captured: the channel message decodes field by field and re-encodes to
/// the same bytes; the ACK is the frame a receiver must write back.
@Suite("Tribes frames: Tomcat captures")
struct TribesFrameVectorTests {
    static func message() throws -> TribesChannelMessage {
        var sender = TomcatVectors.heartbeatMember
        sender.aliveTime = 2030
        return TribesChannelMessage(
            options: [.byteMessage, .useAck, .synchronizedAck], timestamp: 1_795_731_255_974,
            id: Hex.bytes("63ac58debdbc43bfa8011b251af18ea6"), sender: sender, message: Array("hello tribes #1".utf8))
    }

    @Test func channelMessageDecodesEveryField() throws {
        var buffer = try TomcatVectors.buffer("channel-message")
        let payload = try #require(try TribesFrameDecoder.decodeFrame(&buffer))
        #expect(buffer.readableBytes == 0)
        #expect(payload.readableBytes == 156)
        let message = try TribesChannelMessage.decode(payload)
        #expect(message == (try Self.message()))
        #expect(message.options.rawValue == 7)
    }

    @Test func channelMessageEncodesToTheCapture() throws {
        var payload = ByteBuffer()
        try Self.message().encode(into: &payload)
        var frame = ByteBuffer()
        TribesFrameDecoder.encodeFrame(payload, into: &frame)
        #expect(Array(frame.readableBytesView) == (try TomcatVectors.bytes("channel-message")))
    }

    @Test func ackFrameIsTheCapturedAck() throws {
        #expect(Array(TribesFrameDecoder.ackFrame().readableBytesView) == (try TomcatVectors.bytes("ack")))
        var buffer = try TomcatVectors.buffer("ack")
        let body = try #require(try TribesFrameDecoder.decodeFrame(&buffer))
        #expect(Array(body.readableBytesView) == TribesFormat.ackBody)
    }

    @Test func everyPrefixOfAFrameNeedsMoreBytes() throws {
        let bytes = try TomcatVectors.bytes("channel-message")
        for length in 0..<bytes.count {
            var buffer = ByteBuffer(bytes: bytes[..<length])
            #expect(try TribesFrameDecoder.decodeFrame(&buffer) == nil, "prefix of \(length) bytes")
            #expect(buffer.readableBytes == length, "a partial frame consumed bytes")
        }
    }

    @Test func decoderPassesTheByteToMessageVerifier() throws {
        let message = try TomcatVectors.buffer("channel-message")
        let ack = try TomcatVectors.buffer("ack")
        var messagePayload = message
        var ackPayload = ack
        let expectedMessage = try #require(try TribesFrameDecoder.decodeFrame(&messagePayload))
        let expectedAck = try #require(try TribesFrameDecoder.decodeFrame(&ackPayload))
        var both = message
        both.writeImmutableBuffer(ack)
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: [
                (message, [expectedMessage]), (ack, [expectedAck]), (both, [expectedMessage, expectedAck]),
            ],
            decoderFactory: { TribesFrameDecoder() })
    }
}
