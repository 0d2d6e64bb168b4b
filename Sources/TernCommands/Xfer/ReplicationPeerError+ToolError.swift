import TernCommandSupport
import TernNet
import TernWire

extension ReplicationPeerError: ToolErrorConvertible {
    /// Unavailable or refused → 69, timed out → 75, bad data → 65, no proven cluster key → 77.
    public var toolError: ToolError {
        switch kind {
        case .unavailable: ToolError(.unavailable, description)
        case .timedOut: ToolError(.timedOut, description)
        case .badData: ToolError(.dataError, description)
        case .unauthenticated: ToolError(.noPermission, description)
        }
    }
}

extension FrameDecodingError: ToolErrorConvertible {
    /// A recorded stream that does not decode: bad input data (65).
    public var toolError: ToolError {
        ToolError(.dataError, "not a valid replication stream: \(description)")
    }
}
