import NIOCore
import TernCore
import TernTestKit
import TernWire
import Testing

/// `nextFrameSize` tells a caller holding part of a frame how many bytes the whole frame takes,
/// as soon as its header is there, and nothing before that or while a preface is expected.
@Suite("ReplicationDecoder.nextFrameSize")
struct NextFrameSizeTests {
    @Test func sizeIsKnownFromTheHeaderOn() throws {
        var random = TestRandom(seed: 41)
        for _ in 0..<50 {
            let bytes = try FrameWire.encode(RandomBodies.frame(using: &random))
            let decoder = ReplicationDecoder(expectsPreface: false)
            for have in 0...bytes.count {
                let size = decoder.nextFrameSize(in: FrameWire.buffer(Array(bytes.prefix(have))))
                #expect(size == (have >= FrameFormat.headerSize ? bytes.count : nil), "with \(have) bytes")
            }
        }
    }

    @Test func nothingIsKnownWhileThePrefaceIsExpected() throws {
        let bytes = try FrameWire.encode([.preface(FrameWire.preface)])
        #expect(ReplicationDecoder().nextFrameSize(in: FrameWire.buffer(bytes)) == nil)
    }

    @Test func theSizeCountsFromTheReaderIndex() throws {
        var random = TestRandom(seed: 42)
        let first = try FrameWire.encode(RandomBodies.frame(using: &random))
        let second = try FrameWire.encode(RandomBodies.frame(using: &random))
        var buffer = FrameWire.buffer(first + second)
        var decoder = ReplicationDecoder(expectsPreface: false)
        #expect(decoder.nextFrameSize(in: buffer) == first.count)
        _ = try decoder.next(&buffer)
        #expect(decoder.nextFrameSize(in: buffer) == second.count)
    }
}
