import NIOCore
import TernCore
import TernTestKit
import TernWire
import Testing

/// A decoder given part of a valid stream asks for more bytes, never fails, and given the stream in
/// any pieces produces the same items.
@Suite("Frame stream truncation and feeding")
struct FrameTruncationTests {
    static func stream(seed: UInt64, frames: Int) throws -> (items: [ReplicationItem], bytes: [UInt8]) {
        var random = TestRandom(seed: seed)
        let items = [ReplicationItem.preface(FrameWire.preface)]
            + (0..<frames).map { _ in ReplicationItem.frame(RandomBodies.frame(using: &random)) }
        return (items, try FrameWire.encode(items))
    }

    @Test func everyTruncationNeedsMoreBytesAndNeverFails() throws {
        let (items, bytes) = try Self.stream(seed: 20, frames: 40)
        var boundaries: [Int] = [0]
        for item in items { boundaries.append(boundaries.last! + (try FrameWire.encode([item])).count) }
        for length in 0..<bytes.count {
            let decoded = try FrameWire.decodeAll(Array(bytes[..<length]))
            // Exactly the items that end at or before the cut, and the rest left unread.
            let complete = boundaries.lastIndex { $0 <= length }!
            #expect(decoded.items == Array(items[..<complete]), "cut at \(length)")
            #expect(decoded.leftover == length - boundaries[complete], "cut at \(length)")
        }
    }

    @Test func byteAtATimeFeedingGivesTheSameItems() throws {
        let (items, bytes) = try Self.stream(seed: 21, frames: 60)
        var decoder = ReplicationDecoder()
        var buffer = ByteBufferAllocator().buffer(capacity: 16)
        var decoded: [ReplicationItem] = []
        for byte in bytes {
            buffer.writeInteger(byte)
            while let item = try decoder.next(&buffer) { decoded.append(item) }
            buffer.discardReadBytes()
        }
        #expect(decoded == items)
        #expect(decoder.offset == bytes.count)
    }

    @Test func randomPiecesGiveTheSameItems() throws {
        let (items, bytes) = try Self.stream(seed: 22, frames: 60)
        var random = TestRandom(seed: 23)
        for _ in 0..<50 {
            var decoder = ReplicationDecoder()
            var buffer = ByteBufferAllocator().buffer(capacity: 16)
            var decoded: [ReplicationItem] = []
            var position = 0
            while position < bytes.count {
                let piece = min(Int.random(in: 1...300, using: &random), bytes.count - position)
                buffer.writeBytes(bytes[position..<(position + piece)])
                position += piece
                while let item = try decoder.next(&buffer) { decoded.append(item) }
            }
            #expect(decoded == items)
        }
    }

    @Test func endOfStreamInsideAFrameIsATruncationError() throws {
        let (_, bytes) = try Self.stream(seed: 24, frames: 3)
        var decoder = ReplicationDecoder()
        var buffer = FrameWire.buffer(Array(bytes.dropLast(3)))
        while try decoder.decodeLast(buffer: &buffer, seenEOF: false) != nil {}
        #expect(buffer.readableBytes > 0)
        #expect(throws: FrameDecodingError.self) { try decoder.decodeLast(buffer: &buffer, seenEOF: true) }
        do {
            _ = try decoder.next(&buffer)
            Issue.record("a failed decoder decoded again")
        } catch {
            guard case .truncated(part: "frame", have: let have) = error.reason else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(have == buffer.readableBytes)
            #expect(error.description.hasPrefix("the stream ends inside a frame after"))
        }
    }

    @Test func endOfStreamInsideThePrefaceNamesThePreface() throws {
        var decoder = ReplicationDecoder()
        var buffer = FrameWire.buffer(Array(FrameFormat.magic.prefix(5)))
        #expect(try decoder.decodeLast(buffer: &buffer, seenEOF: false) == nil)
        do {
            _ = try decoder.decodeLast(buffer: &buffer, seenEOF: true)
            Issue.record("no error at EOF inside the preface")
        } catch let error as FrameDecodingError {
            #expect(error.reason == .truncated(part: "preface", have: 5))
        }
    }
}
