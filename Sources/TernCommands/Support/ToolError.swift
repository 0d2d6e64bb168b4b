import TernCore
import TernFiles
import TernWire

/// The one error type the tools report: a lowercase message and the exit status it means.
public struct ToolError: Error, CustomStringConvertible {
    /// The exit status.
    public var status: ExitStatus
    /// One line for stderr, without the tool's name.
    public var message: String

    /// Creates an error.
    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// Translates the errors of the libraries into the user's terms and an exit status;
    /// nil for errors the argument parser reports itself (usage, help).
    public static func classify(_ error: Error) -> ToolError? {
        switch error {
        case let error as ToolError:
            return error
        case let error as ToolErrorConvertible:
            return error.toolError
        case let error as Endpoint.ParseError:
            return ToolError(.usage, error.description)
        case let error as IOFailure:
            return ToolError(error.isMissingInput ? .noInput : .ioError, error.description)
        case let error as SessionRecordCodec.EncodingError:
            return ToolError(.dataError, error.description)
        default:
            return nil
        }
    }
}

/// An error of a lower module that knows its exit status; conform in the command module that imports
/// both (`TernCommands` for TernSnapshot's errors, `TernPingCommand` for the membership transport's).
public protocol ToolErrorConvertible: Error {
    /// The message and exit status a tool reports for this error.
    var toolError: ToolError { get }
}
