import TernCommandSupport
import TernSnapshot

// TernSnapshot's errors in the tools' terms. They conform here rather than being cases of
// `ToolError.classify` so that TernCommandSupport, and with it tern-ping, links no snapshot code.

extension SnapshotError: ToolErrorConvertible {
    /// A corrupt or truncated snapshot is bad input data (65).
    public var toolError: ToolError { ToolError(.dataError, description) }
}

extension GzipError: ToolErrorConvertible {
    /// A damaged gzip stream is bad input data (65).
    public var toolError: ToolError { ToolError(.dataError, description) }
}

extension SnapshotWriter.OrderError: ToolErrorConvertible {
    /// Records out of key order are bad input data (65).
    public var toolError: ToolError { ToolError(.dataError, description) }
}

extension DeflateFailure: ToolErrorConvertible {
    /// zlib refusing to deflate is a bug (70).
    public var toolError: ToolError { ToolError(.software, "internal error: \(self)") }
}
