/// TernCommandSupport: what every tool's command shares. `runAsTool()`, `ToolError` and the exit
/// statuses, buffered standard output and standard error, the stderr log handler, the membership and
/// logging option groups, and the JSON value the tools print. It links no snapshot code, so tern-ping
/// can use it (docs/ARCHITECTURE.md).
public enum TernCommandSupport {
    /// The version every tool reports and writes into snapshot headers and heartbeat tags.
    public static let version = "0.1.0"
}
