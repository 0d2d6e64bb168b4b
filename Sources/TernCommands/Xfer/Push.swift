import ArgumentParser
import TernCommandSupport
import TernCore
import TernNet
import TernSnapshot

#if canImport(Glibc)
    import Glibc
#endif

extension TernXfer {
    /// `tern-xfer push`: replay a snapshot or a recorded stream into a node.
    struct Push: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replay a snapshot (or a recorded stream) into a node as replication messages.",
            discussion: """
                Sessions are sent as puts and tombstones as expires; a stream recorded by tern-recv \
                --record is replayed message by message. Modes: sync (one connection, each message waits \
                for its ack), pooled (--pool connections, --window messages in flight on each), async \
                (a coalescing queue, frames sent without waiting; a ping after every batch confirms them).

                When the connection is lost, unacknowledged messages are sent again on a new one \
                (applying is idempotent), at most 3 times each; when the node stays unreachable for \
                --retry-for, the rest are given up. Each message not acknowledged is listed with the \
                reason, and push exits 1 (69 when the node became unreachable, 75 when it stopped \
                answering).

                Output: a line per message not acknowledged, then a summary (counts, time, rate, round \
                trip quantiles in sync and pooled modes). JSON fields (--json): event ("unacknowledged": \
                kind, context, id, version, reason; "pushed": peer, mode, connections, submitted, \
                acknowledged, coalesced, dropped, unacknowledged, seconds, messagesPerSecond, bytes, \
                megabytesPerSecond, roundTripP50Micros, roundTripP99Micros), time.
                """)

        @Option(help: ArgumentHelp("The node to push to.", valueName: "host:port"))
        var to: String

        @Argument(help: ArgumentHelp("Snapshot or recorded stream, or - for standard input.", valueName: "file"))
        var file: String = "-"

        @Option(help: ArgumentHelp("Delivery mode: sync, pooled or async.", valueName: "mode"))
        var mode: String = "sync"

        @Option(help: ArgumentHelp("Connections in pooled mode.", valueName: "n"))
        var pool: Int = 4

        @Option(help: ArgumentHelp("Messages in flight per connection in pooled mode.", valueName: "n"))
        var window: Int = 32

        @Option(
            help: ArgumentHelp(
                "Time a message may wait for its ack before the connection is replaced.", valueName: "duration"))
        var ackTimeout: String = "10s"

        @Option(help: ArgumentHelp("Time a connection attempt may take.", valueName: "duration"))
        var connectTimeout: String = "5s"

        @Option(
            help: ArgumentHelp("How long to keep reconnecting to a lost node before giving up.", valueName: "duration"))
        var retryFor: String = "10s"

        @Flag(help: "Print JSON Lines (one object per line, with an \"event\" field) instead of text.")
        var json = false

        @Option(help: .hidden)
        var generate: Int?

        @Option(help: .hidden)
        var size: String = "1K"

        @OptionGroup(title: "Replication")
        var replication: ReplicationOptions

        @OptionGroup(title: "Replication")
        var cluster: DomainOptions

        /// `--max-queue`, `--max-queue-messages` (async mode).
        @OptionGroup(title: "Replication")
        var queueLimits: QueueLimitOptions

        /// `--key-file`: the cluster keys.
        @OptionGroup(title: "Security")
        var keys: ClusterKeyOptions

        @OptionGroup(title: "Logging")
        var logging: LoggingOptions

        func validate() throws {
            _ = try parseEndpoint(to, option: "--to")
            guard ReplicationMode(rawValue: mode) != nil else {
                throw ValidationError("--mode \(mode): expected sync, pooled or async")
            }
            guard (1...256).contains(pool) else { throw ValidationError("--pool \(pool): expected 1 to 256") }
            guard (1...65_536).contains(window) else {
                throw ValidationError("--window \(window): expected 1 to 65536")
            }
            _ = try parseDuration(ackTimeout, option: "--ack-timeout")
            _ = try parseDuration(connectTimeout, option: "--connect-timeout")
            _ = try parseDuration(retryFor, option: "--retry-for", allowZero: true)
            if let generate, generate < 0 { throw ValidationError("--generate must not be negative") }
            guard let bytes = ByteCount.parse(size), bytes <= 16 << 20 else {
                throw ValidationError("--size \(size): expected a size up to 16M")
            }
        }

        func run() async throws {
            let ring = try keys.load(tool: "tern-xfer")
            let logger = logging.bootstrap(label: "tern-xfer")
            let peer = try Endpoint(parsing: to)
            let mode = ReplicationMode(rawValue: mode)!
            let identity = replication.identity(domain: cluster.domain, keys: ring)
            var source: PushSource
            if let generate {
                source = .generated(
                    LoadGenerator(
                        count: generate, size: ByteCount.parse(size)!, member: identity.member, now: WallClock.now()))
            } else {
                if file == "-" && isatty(STDIN_FILENO) == 1 {
                    throw ValidationError("refusing to read a snapshot from a terminal; give a FILE or a pipe")
                }
                source = try PushSource.open(file, limits: replication.limits)
            }
            var configuration = SenderConfiguration(
                mode: mode, connections: pool, window: window,
                ackTimeout: try parseDuration(ackTimeout, option: "--ack-timeout"),
                connectTimeout: try parseDuration(connectTimeout, option: "--connect-timeout"),
                retryFor: try parseDuration(retryFor, option: "--retry-for", allowZero: true))
            configuration.queueLimits = queueLimits.limits
            let client = ReplicationClient(identity: identity, limits: replication.limits)
            let sender = client.sender(to: peer, configuration: configuration, logger: logger)
            let report: SenderReport
            let seconds: Double
            do {
                try await sender.start()
                let progress = Progress("pushing", total: source.progress.total)
                let started = WallClock.monotonicNanos()
                while true {
                    let batch = try source.next(512)
                    if batch.isEmpty { break }
                    await sender.submit(batch)
                    progress.update(source.progress.done)
                }
                report = await sender.finish()
                seconds = Double(WallClock.monotonicNanos() - started) / 1e9
                progress.finish()
            } catch {
                _ = await sender.stop()
                await client.shutdown()
                throw error
            }
            await client.shutdown()
            PushReportPrinter(json: json, peer: peer, configuration: configuration).print(report, seconds: seconds)
            guard report.isComplete else {
                let missing = report.failures.count + report.dropped + report.unaccounted
                let summary = "\(missing) of \(report.submitted) messages not acknowledged by \(peer)"
                if let lost = report.gaveUp {
                    throw ToolError(lost.toolError.status, "\(summary): \(lost)")
                }
                throw ToolError(.negative, summary)
            }
        }
    }
}
