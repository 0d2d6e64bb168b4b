import ArgumentParser
import TernCommandSupport

/// `tern-xfer`: the state-transfer client.
public struct TernXfer: AsyncParsableCommand {
    /// The command tree.
    public static let configuration = CommandConfiguration(
        commandName: "tern-xfer",
        abstract: "Pull a node's state into a snapshot, push a snapshot into a node, or follow its live stream.",
        discussion: """
            pull asks a node that serves state (tern-recv --serve-state, tern-node) for all its sessions and \
            writes them as a snapshot; push replays a snapshot (or a stream recorded by tern-recv --record) \
            into a node as replication messages and waits for their acks; watch follows what a node applies.

            Every connection opens with a preface naming the protocol version, the --domain and a member \
            id; a node of another domain refuses it. Every timeout and refusal names the peer.

            EXIT STATUS: \(ExitStatus.table). push exits 1 when a message was not acknowledged (after \
            listing them), 69 when the peer was unreachable, 75 when it timed out.
            """,
        version: TernCommands.version,
        subcommands: [Pull.self, Push.self, Watch.self]
    )

    /// Creates the root command.
    public init() {}

    /// The writer string of snapshots pulled by this tool.
    static let writer = "tern-xfer \(TernCommands.version)"
}
