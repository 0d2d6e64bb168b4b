import NIOCore

/// Splits a replication stream into its preface and frames: a `ByteToMessageDecoder` for channel
/// pipelines (`ByteToMessageHandler(ReplicationDecoder())`), and a plain incremental decoder
/// (`next(_:)`) for recorded stream files.
///
/// The preface must come first, exactly once: a second one reads as a frame of unknown type 0x89.
/// After an error the decoder stays failed and throws the same error again.
public struct ReplicationDecoder: NIOSingleStepByteToMessageDecoder, Sendable {
    /// What the decoder produces.
    public typealias InboundOut = ReplicationItem

    /// The bounds every preface and frame is checked against.
    public let limits: FrameLimits
    /// Whether the next item must be the preface.
    public private(set) var expectsPreface: Bool
    /// Stream offset of the next unread byte: the bytes consumed so far.
    public private(set) var offset: Int = 0
    private var failure: FrameDecodingError?

    /// Creates a decoder for a stream that starts with a preface, or, with `expectsPreface: false`,
    /// for the frames that follow one.
    public init(limits: FrameLimits = .default, expectsPreface: Bool = true) {
        self.limits = limits
        self.expectsPreface = expectsPreface
    }

    /// The next preface or frame from the front of `buffer`, or nil when more bytes are needed.
    public mutating func next(_ buffer: inout ByteBuffer) throws(FrameDecodingError) -> ReplicationItem? {
        if let failure { throw failure }
        let before = buffer.readerIndex
        let item: ReplicationItem?
        do {
            if expectsPreface {
                item = try ConnectionPreface.decode(&buffer, limits: limits, offset: offset).map(ReplicationItem.preface)
                if item != nil { expectsPreface = false }
            } else {
                item = try Frame.decode(&buffer, limits: limits, offset: offset).map(ReplicationItem.frame)
            }
        } catch {
            failure = error
            throw error
        }
        offset += buffer.readerIndex - before
        return item
    }

    /// The bytes the frame at the front of `buffer` takes (header, payload and checksum) once its
    /// header is there; nil before that, or while the preface is expected. Lets a caller holding
    /// part of a frame take just the bytes that complete it. The header is not checked here: `next`
    /// checks it (and throws) before a caller should trust the size.
    public func nextFrameSize(in buffer: ByteBuffer) -> Int? {
        guard !expectsPreface, buffer.readableBytes >= FrameFormat.headerSize,
            let length = buffer.getInteger(at: buffer.readerIndex + 10, as: UInt32.self)
        else { return nil }
        return Frame.overhead + Int(length)
    }

    /// Decodes the next item for a channel pipeline.
    public mutating func decode(buffer: inout ByteBuffer) throws -> ReplicationItem? {
        try next(&buffer)
    }

    /// Decodes what remains when the channel closes; bytes of an incomplete item at EOF are an error.
    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> ReplicationItem? {
        if let item = try next(&buffer) { return item }
        if seenEOF, buffer.readableBytes > 0 {
            let error = FrameDecodingError(
                .truncated(part: expectsPreface ? "preface" : "frame", have: buffer.readableBytes), at: offset)
            failure = error
            throw error
        }
        return nil
    }
}
