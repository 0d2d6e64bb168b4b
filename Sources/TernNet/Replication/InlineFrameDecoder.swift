import NIOCore
import TernWire

/// Decodes a replication stream inside the handler that reads it, instead of a separate
/// `ByteToMessageHandler`: every item is handled where it is decoded, without a pipeline hop and
/// the type-erased boxing NIO needs for each message passed between handlers. Bytes of an
/// incomplete item are kept until the next read. The same `ReplicationDecoder` checks every byte.
struct InlineFrameDecoder {
    private var decoder: ReplicationDecoder
    private var pending: ByteBuffer?

    /// A decoder for a stream that starts with a preface.
    init(limits: FrameLimits) {
        decoder = ReplicationDecoder(limits: limits)
    }

    /// Decodes every complete item of what has arrived, in order; throws the decoder's error at the
    /// first bad byte (the stream is unusable after it).
    mutating func decode(
        _ incoming: ByteBuffer, _ handle: (ReplicationItem) throws -> Void
    ) throws {
        var buffer: ByteBuffer
        if var pending {
            self.pending = nil
            var incoming = incoming
            pending.writeBuffer(&incoming)
            buffer = pending
        } else {
            buffer = incoming
        }
        while let item = try decoder.next(&buffer) {
            try handle(item)
        }
        if buffer.readableBytes > 0 {
            buffer.discardReadBytes()
            pending = buffer
        }
    }

    /// Bytes of an incomplete item held back.
    var pendingBytes: Int { pending?.readableBytes ?? 0 }
}
