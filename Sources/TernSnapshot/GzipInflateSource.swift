import CZlib
import TernFiles

/// Decompresses a gzip stream (one or more members, as `zcat` accepts) from another source.
public final class GzipInflateSource: ByteSource {
    private let input: ByteSource
    private let stream: UnsafeMutablePointer<z_stream>
    private let inputBuffer: UnsafeMutableRawBufferPointer
    private var inputEnded = false
    private var memberEnded = false
    private var consumed: Int64 = 0
    private var deferredError: GzipError?
    /// Compressed bytes taken from the input so far.
    public var compressedBytesRead: Int64 { consumed - Int64(stream.pointee.avail_in) }

    /// Wraps `input`, which must deliver gzip data.
    public init(_ input: ByteSource, bufferSize: Int = 256 << 10) {
        self.input = input
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        inputBuffer = .allocate(byteCount: bufferSize, alignment: 16)
        // 15 + 16: a gzip wrapper with the largest window.
        let status = tern_inflateInit2(stream, 15 + 16)
        precondition(status == Z_OK, "inflateInit2 failed: out of memory")
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        inputBuffer.deallocate()
    }

    /// Decompresses into `buffer`; returns 0 at the end of the last member.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let deferredError { throw deferredError }
        guard buffer.count > 0 else { return 0 }
        do {
            return try inflateChunk(into: buffer)
        } catch let error as GzipError {
            // Deliver what was decompressed before the damage; report the damage on the next call,
            // so the reader's offset says how far the good data went.
            let produced = buffer.count - Int(stream.pointee.avail_out)
            guard produced > 0 else { throw error }
            deferredError = error
            return produced
        }
    }

    private func inflateChunk(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        stream.pointee.next_out = out
        stream.pointee.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
        while stream.pointee.avail_out > 0 {
            if memberEnded {
                // Another member may follow, as when gzip files are concatenated.
                if stream.pointee.avail_in == 0 { try refill() }
                if stream.pointee.avail_in == 0 { break }
                guard stream.pointee.next_in.pointee == 0x1F else {
                    throw GzipError("unexpected data after the gzip stream", compressedOffset: compressedBytesRead)
                }
                inflateReset(stream)
                memberEnded = false
            }
            if stream.pointee.avail_in == 0 {
                try refill()
                if stream.pointee.avail_in == 0 {
                    throw GzipError("unexpected end of compressed data", compressedOffset: compressedBytesRead)
                }
            }
            let status = inflate(stream, Z_NO_FLUSH)
            switch status {
            case Z_OK, Z_BUF_ERROR: continue
            case Z_STREAM_END: memberEnded = true
            case Z_DATA_ERROR:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "invalid data"
                throw GzipError(message, compressedOffset: compressedBytesRead)
            case Z_MEM_ERROR: throw GzipError("out of memory", compressedOffset: compressedBytesRead)
            default: throw GzipError("zlib status \(status)", compressedOffset: compressedBytesRead)
            }
        }
        return buffer.count - Int(stream.pointee.avail_out)
    }

    private func refill() throws {
        guard !inputEnded else { return }
        let count = try input.read(into: inputBuffer)
        if count == 0 { inputEnded = true }
        consumed += Int64(count)
        stream.pointee.next_in = inputBuffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_in = UInt32(count)
    }
}
