import TernCommandSupport
import TernNetMembership

extension MembershipTransportError: ToolErrorConvertible {
    /// Usage for a group that is no group; configuration for a missing interface; unavailable for
    /// names that do not resolve and ports that cannot be bound.
    public var toolError: ToolError {
        switch self {
        case .groupNotMulticast: ToolError(.usage, description)
        case .noSuchInterface, .interfaceWithoutAddress, .cannotEncode: ToolError(.config, description)
        case .cannotResolve, .cannotBind, .cannotAccept: ToolError(.unavailable, description)
        }
    }
}
