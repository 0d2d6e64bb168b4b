import ArgumentParser
import Synchronization
import TernCommandSupport
import TernCore
import TernNet
import TernSnapshot
import TernWire

extension TernXfer {
    /// `tern-xfer pull`: a node's whole state as a snapshot.
    struct Pull: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pull all state from a node into a snapshot.",
            discussion: """
                The node (tern-recv --serve-state, tern-node) sends the snapshot's header (its member \
                id, its domain, the instant and version vector of its cut), its records in key order, \
                and then their count and the SHA-256 of the snapshot; the pull fails (65) if what \
                arrived does not match. Records are written as they arrive, so memory stays small \
                whatever the size of the state. With -o - a pull that fails partway has already written \
                part of the snapshot to standard output, without its end record: every reader refuses it.

                Safe under cron: the output is written atomically (a temporary file renamed into place); \
                -o DIR writes DIR/PREFIX-YYYYMMDDTHHMMSSZ.tsnap (.tsnap.gz with --compress) and --keep N \
                then removes all but the newest N of those; a lock file (DIR/.tern-xfer.lock, or \
                .NAME.lock beside a named output) makes a second run exit 75 instead of overlapping; \
                progress is shown only when standard error is a terminal.

                --from auto listens to the membership group (tern-ping's options: --group, --interface, \
                --domain, …) for two heartbeat intervals, without announcing, and pulls from the oldest \
                member that is ready and announces a replication endpoint (tern-ping --announce, tern-node); \
                none found exits 69.

                --timeout is the silence allowed: the pull fails (75) when nothing arrives from the node \
                for that long, however long the whole transfer takes. A refusal (not serving state, \
                another domain, connection refused) exits 69.

                Output: a summary line (on standard error when the snapshot goes to standard output). \
                JSON fields (--json): event ("pulled"), time, peer, member, domain, records, path, \
                seconds, pruned (names removed by --keep).
                """)

        @Option(
            help: ArgumentHelp(
                "The node to pull from: HOST:PORT, or auto (the oldest ready member heard on the membership group).",
                valueName: "host:port|auto"))
        var from: String

        @Option(name: .customLong("context"), help: ArgumentHelp("Only this context (repeatable).", valueName: "name"))
        var contexts: [String] = []

        @Option(
            name: .shortAndLong,
            help: ArgumentHelp(
                "Output file, a directory for dated files, or - for standard output (gzip for a .gz name).",
                valueName: "file|dir"))
        var output: String = "-"

        @Option(help: ArgumentHelp("With -o DIR: keep only the newest N dated snapshots.", valueName: "n"))
        var keep: Int?

        @Option(help: ArgumentHelp("With -o DIR: the name prefix of dated snapshots.", valueName: "prefix"))
        var prefix: String = "tern"

        @Option(help: ArgumentHelp("Silence from the node after which the pull fails.", valueName: "duration"))
        var timeout: String = "60s"

        @Flag(help: "Compress with gzip whatever the output name.")
        var compress = false

        @Flag(help: "Print the summary as a JSON object instead of text.")
        var json = false

        @OptionGroup(title: "Replication")
        var replication: ReplicationOptions

        @OptionGroup(title: "Membership (--domain, and the group --from auto listens to)")
        var membership: MembershipOptions

        /// `--key-file`: the cluster keys.
        @OptionGroup(title: "Security")
        var keys: ClusterKeyOptions

        @OptionGroup(title: "Logging")
        var logging: LoggingOptions

        func validate() throws {
            if from != "auto" { _ = try parseEndpoint(from, option: "--from") }
            _ = try parseDuration(timeout, option: "--timeout")
            if let keep {
                guard keep >= 1 else { throw ValidationError("--keep \(keep): expected 1 or more") }
                guard output.hasSuffix("/") || PullDestination.isDirectory(output) else {
                    throw ValidationError("--keep needs -o DIR (a directory of dated snapshots)")
                }
            }
            guard !prefix.isEmpty, !prefix.contains("/") else { throw ValidationError("--prefix: a name without '/'") }
            if output == "-" && StandardOutput.isTerminal {
                throw ValidationError("refusing to write a binary snapshot to a terminal; use -o FILE or a pipe")
            }
        }

        func run() async throws {
            let keyRing = try keys.load(tool: "tern-xfer")
            let logger = logging.bootstrap(label: "tern-xfer")
            let started = WallClock.now()
            let startedNanos = WallClock.monotonicNanos()
            let destination = PullDestination(output: output, prefix: prefix, compressed: compress, now: started)
            let lock = try destination.lockPath.map {
                try FileLock(path: $0, purpose: "pulling into \(destination.path)")
            }
            defer { withExtendedLifetime(lock) {} }
            let peer =
                from == "auto"
                ? try await AutoPeer.find(membership, keys: keyRing, logger: logger).endpoint
                : try Endpoint(parsing: from)

            let client = ReplicationClient(
                identity: replication.identity(domain: membership.resolvedDomain, keys: keyRing), limits: replication.limits)
            let writer = PullWriter(
                path: destination.path,
                compression: SnapshotOutput.compression(forPath: destination.path, force: compress))
            let result: StateTransferResult
            do {
                result = try await client.pull(
                    from: peer, request: StateRequest(contexts: contexts),
                    timeout: try parseDuration(timeout, option: "--timeout"),
                    begin: { try writer.begin($0) }
                ) { records, framed in try writer.append(framed, records: records.count) }
            } catch {
                writer.abort()
                await client.shutdown()
                throw error
            }
            await client.shutdown()
            try writer.finish(digest: result.digest)
            logger.debug("state received", metadata: ["records": "\(result.count)"])
            let pruned = try keep.map { try destination.prune(keep: $0) } ?? []
            let seconds = Double(WallClock.monotonicNanos() - startedNanos) / 1e9
            report(peer: peer, result: result, destination: destination, seconds: seconds, pruned: pruned)
        }

        private func report(
            peer: Endpoint, result: StateTransferResult, destination: PullDestination, seconds: Double, pruned: [String]
        ) {
            let line: PrintedLine
            if json {
                line = .json(
                    .object([
                        "event": .string("pulled"), "time": .string(Timestamp.format(WallClock.now())),
                        "peer": .string(peer.description), "member": .string(result.member.description),
                        "domain": .string(result.domain), "records": .int(Int64(result.count)),
                        "path": .string(destination.path), "seconds": .double(seconds),
                        "pruned": .array(pruned.map { .string($0) }),
                    ]))
            } else {
                var text = "pulled \(result.count) records from \(peer) (member \(result.member.short)) in "
                text += "\(PushReportPrinter.fixed(seconds, 3)) s into \(destination.path)"
                if !pruned.isEmpty { text += "; removed \(pruned.joined(separator: ", "))" }
                line = .text(text)
            }
            if destination.path == "-" {
                switch line {
                case .text(let text): StandardError.line(text)
                case .json(let value): StandardError.line(value.serialized)
                }
            } else {
                LinePrinter.shared.print(line)
            }
        }
    }
}
