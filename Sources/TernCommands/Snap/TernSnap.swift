import ArgumentParser
import TernCommandSupport

/// `tern-snap`: the snapshot compressor and inspector.
public struct TernSnap: ParsableCommand {
    /// The command tree.
    public static let configuration = CommandConfiguration(
        commandName: "tern-snap",
        abstract: "Inspect, verify, export, import, compress, diff and merge tern session snapshots.",
        discussion: """
            A snapshot is a node's sessions at one instant: a header, the session records sorted by \
            context and id, and a trailer with the record count and a SHA-256 (docs/SNAPSHOT.md). \
            Files may be gzip-compressed; every command detects that by the magic bytes. FILE may be \
            - for standard input; -o - writes to standard output. Outputs are written atomically.

            Attribute values are private: ls, inspect and diff show names, sizes and hashes, and values \
            only with --reveal. cat is the export and prints them.

            EXIT STATUS: \(ExitStatus.table). diff follows diff(1) instead: 0 same, 1 different, 2 trouble.
            """,
        version: TernCommands.version,
        subcommands: [
            Inspect.self, List.self, Cat.self, Import.self, Verify.self, Compress.self, Decompress.self,
            Diff.self, Merge.self, Generate.self,
        ]
    )

    /// Creates the root command.
    public init() {}

    /// The writer string snapshots made by this tool carry.
    static let writer = "tern-snap \(TernCommands.version)"
}
