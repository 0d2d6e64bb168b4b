#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// A system call on a file failed.
public struct IOFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being done, e.g. `open`, `read`, `rename`.
    public var operation: String
    /// The path involved (`-` for standard input or output).
    public var path: String
    /// The `errno` value.
    public var code: Int32

    /// Creates a failure from an `errno` value.
    public init(_ operation: String, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// Whether the failure means the input is missing or unusable as a file (exit 66).
    public var isMissingInput: Bool {
        operation == "open" && [ENOENT, ENOTDIR, EISDIR, EACCES, ELOOP, ENAMETOOLONG].contains(code)
    }

    /// `path: cannot read: no such file or directory`.
    public var description: String {
        let name = path == "-" ? (operation == "read" ? "standard input" : "standard output") : path
        let reason = String(cString: strerror(code)).lowercased()
        let verb = switch operation {
        case "open": "cannot open"
        case "read": "cannot read"
        case "write": "cannot write"
        default: "cannot \(operation)"
        }
        return "\(name): \(verb): \(reason)"
    }
}
