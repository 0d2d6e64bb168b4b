import ArgumentParser
import TernCommandSupport
import TernCore
import TernNet

extension TernXfer {
    /// `tern-xfer watch`: follow a node's live replication stream.
    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Follow the replication messages a node applies, as they happen.",
            discussion: """
                Subscribes to a node that serves state (tern-recv --serve-state, tern-node) and prints a \
                line per message it applies from then on (a line per session for a touch batch), until \
                interrupted: SIGINT or SIGTERM end it with status 0. When the node closes the stream, \
                watch exits 69.

                JSON fields (--json): event ("subscribed": peer, member; "message": kind, context, id, \
                version, origin, and as they apply attributes, bytes, values (only with --reveal), base, \
                removed, lastAccessed, retainUntil, newId), time.
                """)

        @Option(help: ArgumentHelp("The node to follow.", valueName: "host:port"))
        var from: String

        @Option(name: .customLong("context"), help: ArgumentHelp("Only this context (repeatable).", valueName: "name"))
        var contexts: [String] = []

        @Option(help: ArgumentHelp("Time the connection may take.", valueName: "duration"))
        var timeout: String = "10s"

        @Flag(help: "Print JSON Lines (one object per line, with an \"event\" field) instead of text.")
        var json = false

        @Flag(help: "Include attribute values (they are private data).")
        var reveal = false

        @OptionGroup(title: "Replication")
        var replication: ReplicationOptions

        @OptionGroup(title: "Replication")
        var cluster: DomainOptions

        /// `--key-file`: the cluster keys.
        @OptionGroup(title: "Security")
        var keys: ClusterKeyOptions

        @OptionGroup(title: "Logging")
        var logging: LoggingOptions

        func validate() throws {
            _ = try parseEndpoint(from, option: "--from")
            _ = try parseDuration(timeout, option: "--timeout")
        }

        func run() async throws {
            let ring = try keys.load(tool: "tern-xfer")
            _ = logging.bootstrap(label: "tern-xfer")
            LinePrinter.shared.setTool("tern-xfer")
            let peer = try Endpoint(parsing: from)
            let client = ReplicationClient(
                identity: replication.identity(domain: cluster.domain, keys: ring), limits: replication.limits)
            let json = self.json
            let reveal = self.reveal
            do {
                _ = try await runUntilInterrupted {
                    try await client.watch(
                        from: peer, contexts: contexts, timeout: try parseDuration(timeout, option: "--timeout"),
                        subscribed: { member in
                            let now = WallClock.now()
                            if json {
                                LinePrinter.shared.print(
                                    .json(
                                        .object([
                                            "event": .string("subscribed"), "time": .string(Timestamp.format(now)),
                                            "peer": .string(peer.description), "member": .string(member.description),
                                        ])))
                            } else {
                                LinePrinter.shared.print(
                                    .text("\(Timestamp.format(now)) subscribed to \(peer) (member \(member.short))"))
                            }
                        },
                        receive: { message in
                            let now = WallClock.now()
                            let lines = MessageEvent.events(of: message, reveal: reveal).map { event -> PrintedLine in
                                json ? .json(event.json(time: now)) : .text(event.text(time: now))
                            }
                            LinePrinter.shared.print(lines)
                        })
                }
            } catch {
                await client.shutdown()
                throw error
            }
            await client.shutdown()
        }
    }
}
