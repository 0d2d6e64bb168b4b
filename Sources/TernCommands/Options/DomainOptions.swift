import ArgumentParser

/// `--domain`: the cluster a replication connection belongs to. The same long name as tern-ping's.
public struct DomainOptions: ParsableArguments, Sendable {
    /// The cluster name.
    @Option(
        help: ArgumentHelp(
            "Cluster (domain) name sent in every connection preface; peers of another domain are refused.",
            valueName: "name"))
    public var domain: String = "default"

    /// Creates the default.
    public init() {}

    /// Rejects a name no preface can carry.
    public func validate() throws {
        guard domain.utf8.count <= 255 else { throw ValidationError("--domain: at most 255 bytes") }
    }
}
