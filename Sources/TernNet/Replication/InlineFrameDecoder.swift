import NIOCore
import TernWire

/// Decodes a replication stream inside the handler that reads it, instead of a separate
/// `ByteToMessageHandler`: every item is handled where it is decoded, without a pipeline hop and
/// the type-erased boxing NIO needs for each message passed between handlers. The same
/// `ReplicationDecoder` checks every byte.
///
/// Items are decoded straight from each read's buffer. Only the bytes of an item cut by the end of
/// a read are kept, in a buffer of their own, and the next read gives that buffer just the bytes
/// that complete the item before decoding goes on from the read's own buffer (a read is not
/// appended to the kept bytes whole: with 64 KiB frames that copied every byte once more).
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
        var buffer = incoming
        if var held = pending {
            pending = nil
            while true {
                let wanted = bytesCompleting(held) ?? buffer.readableBytes
                var part = buffer.readSlice(length: min(wanted, buffer.readableBytes))!
                held.writeBuffer(&part)
                while let item = try decoder.next(&held) { try handle(item) }
                if held.readableBytes == 0 { break }
                if buffer.readableBytes == 0 {
                    pending = held
                    return
                }
            }
        }
        while let item = try decoder.next(&buffer) { try handle(item) }
        if buffer.readableBytes > 0 {
            var kept = ByteBufferAllocator().buffer(
                capacity: max(buffer.readableBytes, decoder.nextFrameSize(in: buffer) ?? 0))
            kept.writeBuffer(&buffer)
            pending = kept
        }
    }

    /// How many more bytes the item at the front of `held` needs before it can be decoded (first
    /// its header, then the rest), or nil when that is not known (a preface: take everything).
    private func bytesCompleting(_ held: ByteBuffer) -> Int? {
        guard !decoder.expectsPreface else { return nil }
        guard let size = decoder.nextFrameSize(in: held) else {
            return FrameFormat.headerSize - held.readableBytes
        }
        return size - held.readableBytes
    }

    /// Bytes of an incomplete item held back.
    var pendingBytes: Int { pending?.readableBytes ?? 0 }
}
