import NIOCore

/// Encodes prefaces and frames for a channel pipeline (`MessageToByteHandler(ReplicationEncoder())`).
/// Without a channel, call `ReplicationItem.encode(into:limits:)` (or `Frame.encode`) directly: it is
/// the same code.
public struct ReplicationEncoder: MessageToByteEncoder, Sendable {
    /// What the encoder consumes.
    public typealias OutboundIn = ReplicationItem

    /// The bounds checked before anything is written (a peer with the same limits accepts the result).
    public let limits: FrameLimits

    /// Creates an encoder.
    public init(limits: FrameLimits = .default) {
        self.limits = limits
    }

    /// Appends the encoding of `data` to `out`; throws `FrameEncodingError` for what a peer would refuse.
    public func encode(data: ReplicationItem, out: inout ByteBuffer) throws {
        try data.encode(into: &out, limits: limits)
    }
}
