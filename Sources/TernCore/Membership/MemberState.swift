/// What a member says about itself in its heartbeats.
///
/// The raw values are the wire's state byte (docs/PROTOCOL.md, "Heartbeat"); append only.
public enum MemberState: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Up, but not serving yet (a node still pulling its state, say).
    case starting = 1
    /// Up and serving.
    case ready = 2
    /// Shutting down cleanly: peers drop the member at once.
    case leaving = 3

    /// `starting`, `ready` or `leaving`.
    public var description: String {
        switch self {
        case .starting: "starting"
        case .ready: "ready"
        case .leaving: "leaving"
        }
    }
}
