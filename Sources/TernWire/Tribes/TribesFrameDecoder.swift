import NIOCore

/// Splits a Tribes TCP stream into frame payloads: `FLT2002` · length i32 · payload · `TLF2003`,
/// back to back, no handshake. Incremental: nil means "need more bytes"; a bad marker or a length
/// over the limit is an error, after which the connection cannot be resynchronised.
public struct TribesFrameDecoder: ByteToMessageDecoder, Sendable {
    /// A frame's payload: a channel message (`TribesChannelMessage`) or an ACK body.
    public typealias InboundOut = ByteBuffer

    /// The bounds checked before buffering a payload.
    public let limits: TribesLimits

    /// A decoder with `limits`.
    public init(limits: TribesLimits = .default) {
        self.limits = limits
    }

    /// The next complete frame's payload from the front of `buffer` (consumed), or nil if it is not
    /// all there yet (nothing consumed).
    public static func decodeFrame(
        _ buffer: inout ByteBuffer, limits: TribesLimits = .default
    ) throws(TribesDecodingError) -> ByteBuffer? {
        let start = buffer.readerIndex
        let available = min(buffer.readableBytes, TribesFormat.frameStart.count)
        guard let head = buffer.getBytes(at: start, length: available) else { return nil }
        guard TribesFormat.frameStart.starts(with: head) else {
            throw TribesDecodingError(.badMarker(expected: "FLT2002", found: head), at: 0)
        }
        guard let length = buffer.getInteger(at: start + 7, as: Int32.self) else { return nil }
        guard length >= 0 else {
            throw TribesDecodingError(.negativeLength(field: "frame length", value: length), at: 7)
        }
        guard Int(length) <= limits.maxFrameBytes else {
            throw TribesDecodingError(.tooLarge(field: "frame", size: Int(length), limit: limits.maxFrameBytes), at: 7)
        }
        let total = TribesFormat.frameOverhead + Int(length)
        let endAt = 11 + Int(length)
        let endAvailable = min(max(buffer.readableBytes - endAt, 0), TribesFormat.frameEnd.count)
        if endAvailable > 0, let tail = buffer.getBytes(at: start + endAt, length: endAvailable),
            !TribesFormat.frameEnd.starts(with: tail)
        {
            throw TribesDecodingError(.badMarker(expected: "TLF2003", found: tail), at: endAt)
        }
        guard buffer.readableBytes >= total else { return nil }
        let payload = buffer.getSlice(at: start + 11, length: Int(length))!
        buffer.moveReaderIndex(forwardBy: total)
        return payload
    }

    /// Appends a frame carrying `payload`.
    public static func encodeFrame(_ payload: ByteBuffer, into buffer: inout ByteBuffer) {
        buffer.writeBytes(TribesFormat.frameStart)
        buffer.writeInteger(Int32(payload.readableBytes))
        buffer.writeImmutableBuffer(payload)
        buffer.writeBytes(TribesFormat.frameEnd)
    }

    /// The ACK frame a receiver writes back (`FLT2002 00000003 060203 TLF2003`).
    public static func ackFrame() -> ByteBuffer {
        var buffer = ByteBuffer()
        encodeFrame(ByteBuffer(bytes: TribesFormat.ackBody), into: &buffer)
        return buffer
    }

    /// Emits each complete frame's payload.
    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let payload = try Self.decodeFrame(&buffer, limits: limits) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(payload))
        return .continue
    }

    /// At end of stream, a partial frame is dropped: the peer went away mid-frame.
    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
