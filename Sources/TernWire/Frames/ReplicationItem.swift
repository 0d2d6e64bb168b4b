import NIOCore

/// One decoded piece of a replication stream: the preface that opens it, or a frame.
public enum ReplicationItem: Sendable, Hashable {
    /// The connection preface; always first, exactly once per direction.
    case preface(ConnectionPreface)
    /// A frame.
    case frame(Frame)

    /// Appends the encoding of the preface or frame to `buffer`; on error nothing is appended.
    public func encode(into buffer: inout ByteBuffer, limits: FrameLimits = .default) throws(FrameEncodingError) {
        switch self {
        case .preface(let preface): try preface.encode(into: &buffer, limits: limits)
        case .frame(let frame): try frame.encode(into: &buffer, limits: limits)
        }
    }
}
