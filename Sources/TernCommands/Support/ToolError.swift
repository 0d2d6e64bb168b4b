import TernCore
import TernSnapshot
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
        case let error as SnapshotError:
            return ToolError(.dataError, error.description)
        case let error as GzipError:
            return ToolError(.dataError, error.description)
        case let error as IOFailure:
            return ToolError(error.isMissingInput ? .noInput : .ioError, error.description)
        case let error as SnapshotWriter.OrderError:
            return ToolError(.dataError, error.description)
        case let error as SessionRecordCodec.EncodingError:
            return ToolError(.dataError, error.description)
        case let error as DeflateFailure:
            return ToolError(.software, "internal error: \(error)")
        default:
            return nil
        }
    }
}

/// An error of a lower module that knows its exit status; conform in TernCommands (one file per error type).
public protocol ToolErrorConvertible: Error {
    /// The message and exit status a tool reports for this error.
    var toolError: ToolError { get }
}
