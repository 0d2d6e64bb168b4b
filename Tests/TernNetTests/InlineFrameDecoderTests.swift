import NIOCore
import TernCore
import TernTestKit
import TernWire
import Testing

@testable import TernNet

/// The receiver's in-handler decoder keeps only the bytes of an item cut by the end of a read and
/// completes it from the next read; however a stream is cut, it yields exactly the items of the
/// whole stream, in order.
@Suite("InlineFrameDecoder")
struct InlineFrameDecoderTests {
    static let member = MemberID(high: 1, low: 2)

    /// A preface, then puts of the given value sizes, one frame each.
    static func stream(valueSizes: [Int]) throws -> (bytes: [UInt8], items: [ReplicationItem]) {
        var items = [ReplicationItem.preface(ConnectionPreface(domain: "test", member: member))]
        for (index, size) in valueSizes.enumerated() {
            let session = Session(
                key: SessionKey(context: "app", id: "s\(index)"), created: 1, lastAccessed: 2, maxInactiveSeconds: 60,
                version: Version(physical: 10, logical: UInt32(index), origin: member),
                attributes: Attributes(canonical: [
                    Attribute(name: "v", value: Array(repeating: UInt8(index), count: size))
                ]))
            items.append(.frame(Frame(sequence: UInt64(index + 1), body: .message(.put(session)))))
        }
        var buffer = ByteBufferAllocator().buffer(capacity: 1024)
        for item in items { try item.encode(into: &buffer, limits: .default) }
        return (buffer.readBytes(length: buffer.readableBytes)!, items)
    }

    /// Feeds `bytes` cut at `cuts` (increasing offsets) and collects what comes out.
    static func decode(_ bytes: [UInt8], cutAt cuts: [Int]) throws -> (items: [ReplicationItem], pending: Int) {
        var decoder = InlineFrameDecoder(limits: .default)
        var items: [ReplicationItem] = []
        var start = 0
        for end in cuts + [bytes.count] where end > start {
            var read = ByteBufferAllocator().buffer(capacity: end - start)
            read.writeBytes(bytes[start..<end])
            try decoder.decode(read) { items.append($0) }
            start = end
        }
        return (items, decoder.pendingBytes)
    }

    @Test func everyCutOfASmallStreamGivesTheSameItems() throws {
        let (bytes, items) = try Self.stream(valueSizes: [0, 3, 40, 1])
        for first in 0...bytes.count {
            for second in stride(from: first, through: bytes.count, by: 5) {
                let decoded = try Self.decode(bytes, cutAt: [first, second])
                #expect(decoded.items == items, "cut at \(first) and \(second)")
                #expect(decoded.pending == 0)
            }
        }
    }

    @Test func oneByteAtATime() throws {
        let (bytes, items) = try Self.stream(valueSizes: [10, 0, 300])
        let decoded = try Self.decode(bytes, cutAt: Array(1..<bytes.count))
        #expect(decoded.items == items)
        #expect(decoded.pending == 0)
    }

    @Test func largeFramesAcrossReadsOfAnySize() throws {
        let (bytes, items) = try Self.stream(valueSizes: [65_536, 100, 65_536, 200_000, 7, 65_536])
        var random = TestRandom(seed: 7)
        for readSize in [1000, 4096, 65_536, 70_000, 1 << 20] {
            var cuts: [Int] = []
            var offset = 0
            while offset < bytes.count {
                offset += Int.random(in: 1...readSize, using: &random)
                cuts.append(min(offset, bytes.count))
            }
            let decoded = try Self.decode(bytes, cutAt: cuts)
            #expect(decoded.items == items, "reads of up to \(readSize) bytes")
            #expect(decoded.pending == 0)
        }
    }

    @Test func anIncompleteItemIsHeldUntilItsLastByte() throws {
        let (bytes, items) = try Self.stream(valueSizes: [5000])
        var decoder = InlineFrameDecoder(limits: .default)
        var decoded: [ReplicationItem] = []
        var read = ByteBufferAllocator().buffer(capacity: bytes.count)
        read.writeBytes(bytes.dropLast())
        try decoder.decode(read) { decoded.append($0) }
        #expect(decoded == [items[0]])
        #expect(decoder.pendingBytes == bytes.count - 1 - Self.size(of: items[0]))
        read.clear()
        read.writeBytes(bytes.suffix(1))
        try decoder.decode(read) { decoded.append($0) }
        #expect(decoded == items)
        #expect(decoder.pendingBytes == 0)
    }

    /// The encoded size of `item`.
    static func size(of item: ReplicationItem) -> Int {
        var buffer = ByteBufferAllocator().buffer(capacity: 64)
        try? item.encode(into: &buffer, limits: .default)
        return buffer.readableBytes
    }

    @Test func aBadChecksumInAFrameCutByAReadIsStillRefused() throws {
        var (bytes, _) = try Self.stream(valueSizes: [3000, 3000])
        bytes[bytes.count - 1] ^= 0xFF
        #expect(throws: FrameDecodingError.self) {
            _ = try Self.decode(bytes, cutAt: [100, bytes.count - 2000, bytes.count - 1])
        }
    }
}
