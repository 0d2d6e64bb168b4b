import ArgumentParser
import TernCore

/// `--key-file`, shared by every networked tool (tern-ping, tern-recv, tern-xfer, tern-node): the
/// cluster keys that authenticate heartbeats and connections (docs/SECURITY.md).
public struct ClusterKeyOptions: ParsableArguments, Sendable {
    /// The key file's path.
    @Option(
        name: .customLong("key-file"),
        help: ArgumentHelp(
            "Cluster keys, one base64 key of 32 bytes per line (tern-node keygen makes one); the first signs, all are accepted. The file must not be open to group or others (chmod 600). Without it the cluster is open.",
            valueName: "path"),
        completion: .file())
    public var keyFile: String?

    /// Creates the default options (no key).
    public init() {}

    /// The keys of `--key-file`. Without the option, prints the one-line open-cluster warning for
    /// `tool` on stderr and returns nil. Throws `ToolError`s: 78 for a file open to others, a bad line
    /// or no key; 66 for a missing or unreadable file.
    public func load(tool: String) throws -> ClusterKeyRing? {
        guard let keyFile else {
            StandardError.line(Self.openClusterWarning(tool: tool))
            return nil
        }
        return try ClusterKeyReader.read(keyFile)
    }

    /// The warning a tool without `--key-file` prints at start.
    public static func openClusterWarning(tool: String) -> String {
        "\(tool): warning: no --key-file, so the cluster is open (anyone on the network can join and replicate); "
            + "make a key with 'tern-node keygen -o FILE' and give every member --key-file FILE"
    }
}
