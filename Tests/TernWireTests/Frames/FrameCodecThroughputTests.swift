import NIOCore
import TernCore
import TernTestKit
import TernWire
import Testing

/// Prints how many puts per CPU second the codec encodes and decodes (not asserted: speed is for
/// benchmarks; run with `-c release` for meaningful figures). Checks the last frame round trips.
@Suite("Frame codec throughput")
struct FrameCodecThroughputTests {
    static func put(valueBytes: Int) -> Frame {
        var session = Samples.session("0123456789abcdef0123456789abcdef", version: Samples.version(1))
        session.attributes["value"] = [UInt8](repeating: 0xA5, count: valueBytes)
        return Frame(sequence: 1, flags: .ackRequested, body: .message(.put(session)))
    }

    @Test(arguments: [1 << 10, 64 << 10])
    func putsEncodedAndDecodedPerCPUSecond(valueBytes: Int) throws {
        let frame = Self.put(valueBytes: valueBytes)
        let rounds = valueBytes > 4096 ? 2_000 : 50_000
        var buffer = ByteBufferAllocator().buffer(capacity: valueBytes + 256)

        let encodeStart = CRC32CTests.threadCPUSeconds()
        for _ in 0..<rounds {
            buffer.clear()
            try frame.encode(into: &buffer)
        }
        let encodeSeconds = CRC32CTests.threadCPUSeconds() - encodeStart
        let frameBytes = buffer.readableBytes

        var decoded: ReplicationItem?
        let decodeStart = CRC32CTests.threadCPUSeconds()
        for _ in 0..<rounds {
            var input = buffer
            var decoder = ReplicationDecoder(expectsPreface: false)
            decoded = try decoder.next(&input)
        }
        let decodeSeconds = CRC32CTests.threadCPUSeconds() - decodeStart

        func rate(_ seconds: Double) -> String {
            "\(Int(Double(rounds) / seconds)) frames/s, \(Int(Double(rounds * frameBytes) / seconds / 1e6)) MB/s"
        }
        print("put of \(frameBytes) bytes per CPU second: encode \(rate(encodeSeconds)); decode \(rate(decodeSeconds))")
        #expect(decoded == .frame(frame))
    }
}
