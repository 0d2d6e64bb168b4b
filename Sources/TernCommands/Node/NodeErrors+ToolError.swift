import TernCommands
import TernNetMembership
import TernCommandSupport
import TernHTTP
import TernNet

extension NodeStartupError: ToolErrorConvertible {
    /// 75 when the state source went silent, 77 when it refused authentication, 69 when it failed.
    public var toolError: ToolError {
        ToolError(timedOut ? .timedOut : unauthenticated ? .noPermission : .unavailable, description)
    }
}

extension NodeHTTPError: ToolErrorConvertible {
    /// 69: the port is taken or the address is not this host's.
    public var toolError: ToolError {
        ToolError(.unavailable, description)
    }
}
