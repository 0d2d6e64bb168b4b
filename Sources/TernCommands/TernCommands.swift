import TernCommandSupport

/// TernCommands holds the command-line definitions of the snapshot and replication tools
/// (tern-snap, tern-recv, tern-xfer; swift-argument-parser), their option groups, and the JSON form
/// of records. What every tool shares is in TernCommandSupport, and tern-ping's command in
/// TernPingCommand. The executables only call `runAsTool()` on a root command.
public enum TernCommands {
    /// The version every tool reports and writes into snapshot headers (`TernCommandSupport.version`).
    public static let version = TernCommandSupport.version
}
