import NIOCore
import NIOTestUtils
import TernCore
import TernTestKit
import TernWire
import Testing

/// NIO's verifier feeds the decoder whole inputs, one byte at a time and all at once, shuffled and
/// repeated. Repeating a preface is an error by design, so it runs on the frames after one.
@Suite("ReplicationDecoder under ByteToMessageDecoderVerifier")
struct ReplicationDecoderVerifierTests {
    @Test func mixedFramesPassTheVerifier() throws {
        var random = TestRandom(seed: 30)
        var pairs: [(ByteBuffer, [ReplicationItem])] = []
        for type in FrameType.allCases {
            let frames = (0..<3).map { _ in
                Frame(sequence: random.next(), body: RandomBodies.body(type, using: &random))
            }
            // One input holding a single frame, one holding three back to back.
            pairs.append((FrameWire.buffer(try FrameWire.encode(frames[0])), [.frame(frames[0])]))
            let items = frames.map(ReplicationItem.frame)
            pairs.append((FrameWire.buffer(try FrameWire.encode(items)), items))
        }
        try ByteToMessageDecoderVerifier.verifyDecoder(inputOutputPairs: pairs) {
            ReplicationDecoder(expectsPreface: false)
        }
    }

    @Test func aPrefaceFollowedByFramesDecodesThroughAHandler() throws {
        var random = TestRandom(seed: 31)
        let items = [ReplicationItem.preface(FrameWire.preface)]
            + (0..<20).map { _ in ReplicationItem.frame(RandomBodies.frame(using: &random)) }
        let processor = NIOSingleStepByteToMessageProcessor(ReplicationDecoder())
        var decoded: [ReplicationItem] = []
        let bytes = try FrameWire.encode(items)
        for start in stride(from: 0, to: bytes.count, by: 7) {
            try processor.process(buffer: FrameWire.buffer(Array(bytes[start..<min(start + 7, bytes.count)]))) {
                decoded.append($0)
            }
        }
        #expect(decoded == items)
    }
}
