import TernFiles
import TernSnapshot
import TernTestKit

/// An in-memory `ByteSource` that hands out its bytes in small chunks, the way a pipe or a
/// decompressor does, so readers must cope with data split anywhere. The chunk sizes are given, or
/// drawn at random from a seed; once they are used up, the rest comes in one piece.
final class ChunkedByteSource: ByteSource {
    private let bytes: [UInt8]
    private var chunks: [Int]
    private var offset = 0
    /// Number of `read` calls so far, the final empty one included.
    private(set) var reads = 0

    init(_ text: String, chunks: [Int]) {
        bytes = Array(text.utf8)
        self.chunks = chunks.reversed()
    }

    /// Chunks of 1...`maxChunk` bytes drawn from `seed`.
    init(_ bytes: [UInt8], maxChunk: Int, seed: UInt64) {
        self.bytes = bytes
        var random = TestRandom(seed: seed)
        var sizes: [Int] = []
        var covered = 0
        while covered < bytes.count {
            sizes.append(Int.random(in: 1...maxChunk, using: &random))
            covered += sizes[sizes.count - 1]
        }
        chunks = sizes.reversed()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        reads += 1
        let count = min(buffer.count, bytes.count - offset, chunks.popLast() ?? .max)
        guard count > 0 else { return 0 }
        buffer.copyBytes(from: bytes[offset..<(offset + count)])
        offset += count
        return count
    }
}

/// A source that fails on its first read.
final class FailingByteSource: ByteSource {
    struct Failure: Error, Equatable {}

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        throw Failure()
    }
}
