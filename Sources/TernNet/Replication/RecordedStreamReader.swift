import NIOCore
import TernCore
import TernFiles
import TernSnapshot
import TernWire

/// Reads a recorded replication stream (`tern-recv --record`): the recorder's preface, then frames.
/// The same incremental decoder as a live connection checks every byte; replication messages are
/// returned in order, any other frame is skipped.
public final class RecordedStreamReader {
    /// Whether `bytes` (the start of a file) are the start of a replication stream.
    public static func isRecording(_ bytes: [UInt8]) -> Bool {
        !bytes.isEmpty && bytes.elementsEqual(FrameFormat.magic.prefix(bytes.count))
            && bytes.count >= FrameFormat.magic.count
    }

    /// The recorder's preface, once read.
    public private(set) var preface: ConnectionPreface?
    private let file: FileInput
    private var decoder: ReplicationDecoder
    private var buffer = ByteBufferAllocator().buffer(capacity: 1 << 20)
    private var ended = false

    /// Reads from `file`, checking frames against `limits`.
    public init(file: FileInput, limits: FrameLimits = .default) {
        self.file = file
        decoder = ReplicationDecoder(limits: limits)
    }

    /// The next message, or nil at the end of the file. Throws `FrameDecodingError` for bad bytes
    /// (a stream cut inside a frame included) and `IOFailure` for read errors.
    public func next() throws -> ReplicationMessage? {
        while true {
            if let item = try decoder.next(&buffer) {
                switch item {
                case .preface(let preface): self.preface = preface
                case .frame(let frame): if case .message(let message) = frame.body { return message }
                }
                continue
            }
            if ended {
                if buffer.readableBytes > 0 {
                    throw FrameDecodingError(
                        .truncated(part: decoder.expectsPreface ? "preface" : "frame", have: buffer.readableBytes),
                        at: decoder.offset)
                }
                return nil
            }
            buffer.discardReadBytes()
            buffer.reserveCapacity(minimumWritableBytes: 256 << 10)
            let count = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 256 << 10) { target in
                try file.read(into: target)
            }
            if count == 0 { ended = true }
        }
    }
}
