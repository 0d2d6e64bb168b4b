import ArgumentParser
import Logging
import TernCommandSupport
import TernCore
import TernNet
import TernSnapshot

/// `tern-recv`: the replication receiver.
public struct TernRecv: AsyncParsableCommand {
    /// The command.
    public static let configuration = CommandConfiguration(
        commandName: "tern-recv",
        abstract: "Receive replication streams, apply them to a session store, and optionally serve its state.",
        discussion: """
            Peers connect over TCP, exchange a preface (protocol version, --domain, member id) and send \
            replication frames: session puts, deltas, touches, expiries, id changes. Each is applied by \
            the newest-wins rule (docs/MODEL.md) and acknowledged when the sender asks; a delta whose base \
            is missing is refused with "needs the whole session", and one whose version is more than a minute \
            ahead of this host's clock with "clock ahead" (a member with a runaway clock would otherwise win \
            every later write to its sessions). A connection that sends a bad frame \
            (garbage, a length over --max-frame, a failed CRC32C) is closed with a log line; the others go on.

            With --serve-state the receiver is a passive backup: it answers state transfers \
            (tern-xfer pull, a starting node), subscriptions (tern-xfer watch) and the anti-entropy rounds \
            of nodes (docs/ANTI-ENTROPY.md): a hand-composed member that was away is sent what it missed. \
            --bootstrap-from first \
            pulls another member's state, holding live messages meanwhile and applying them afterwards; \
            after --bootstrap-timeout of silence from that peer it says so and goes on.

            Standard output gets events, one per line: a "listening" line first (with the bound address; \
            useful with --listen 127.0.0.1:0), a line per message unless --quiet, the bootstrap verdict, \
            each snapshot written, and "stopped". Logs go to standard error (--log-level).

            JSON fields (--json), every line: event, time. listening: address, domain, member, serveState. \
            message: kind (put, delta, touch, expire, change-id), context, id, version, origin, outcome \
            (applied, duplicate, stale, needs-full-session, touched, rejected), peer, and as they apply \
            held, reason, attributes, bytes, values (only with --reveal), base, removed, lastAccessed, \
            retainUntil, newId. bootstrap: outcome (completed, timed-out, failed), peer, records, \
            queuedApplied, silentMs, reason, message. snapshot: path, records, reason (signal, exit). \
            stopped: records, limitHits (hits of each bound of docs/LIMITS.md, such as sessions or frame, \
            that was hit).

            SIGUSR1 writes --snapshot (atomically; gzip for a .gz name or with --compress). SIGINT and \
            SIGTERM stop gracefully: no new connections, open ones closed, --snapshot written, --record \
            flushed, exit 0. --record FILE keeps the raw message stream; tern-xfer push FILE replays it.

            EXIT STATUS: \(ExitStatus.table).
            """,
        version: TernCommands.version
    )

    @Option(
        help: ArgumentHelp(
            "Address to listen on: HOST:PORT, [IPV6]:PORT or :PORT (every address); port 0 picks a free one.",
            valueName: "addr:port"))
    var listen: String = ":4000"

    @Option(help: ArgumentHelp("Event-loop threads for connections (the store has one owner thread).", valueName: "n"))
    var threads: Int = 1

    @Flag(help: "Answer state transfers, subscriptions and anti-entropy rounds from the store (a passive backup).")
    var serveState = false

    @Option(help: ArgumentHelp("Start with the records of this snapshot.", valueName: "snapshot"))
    var load: String?

    @Option(
        help: ArgumentHelp(
            "Before serving state, pull the state of this member; live messages are held meanwhile.",
            valueName: "host:port"))
    var bootstrapFrom: String?

    @Option(
        help: ArgumentHelp("Silence from --bootstrap-from after which the transfer is given up.", valueName: "duration")
    )
    var bootstrapTimeout: String = "60s"

    @Option(
        help: ArgumentHelp(
            "Write the store to this snapshot on SIGUSR1 and on exit (atomically; gzip for a .gz name).",
            valueName: "file"))
    var snapshot: String?

    @Flag(help: "Compress --snapshot with gzip whatever its name.")
    var compress = false

    @Option(
        help: ArgumentHelp(
            "Record the raw message stream to this file (replay: tern-xfer push FILE). With --key-file, the opened messages are recorded, in the clear.", valueName: "file"))
    var record: String?

    @Flag(help: "Print JSON Lines (one object per line, with an \"event\" field) instead of text.")
    var json = false

    @Flag(help: "Include attribute values in message lines (they are private data).")
    var reveal = false

    @Flag(help: "No line per message (the other events are still printed).")
    var quiet = false

    @OptionGroup(title: "Replication")
    var replication: ReplicationOptions

    @OptionGroup(title: "Replication")
    var cluster: DomainOptions

    /// `--max-sessions`.
    @OptionGroup(title: "Limits")
    var storeLimits: StoreLimitOptions

    /// `--key-file`: the cluster keys.
    @OptionGroup(title: "Security")
    var keys: ClusterKeyOptions

    @OptionGroup(title: "Connection bounds")
    var connectionBounds: ConnectionBoundsOptions

    @OptionGroup(title: "Logging")
    var logging: LoggingOptions

    /// Creates the command with its defaults.
    public init() {}

    /// Rejects malformed addresses, counts and durations (exit 64).
    public func validate() throws {
        _ = try parseEndpoint(listen, option: "--listen", allowZero: true)
        guard (1...64).contains(threads) else { throw ValidationError("--threads \(threads): expected 1 to 64") }
        if let bootstrapFrom { _ = try parseEndpoint(bootstrapFrom, option: "--bootstrap-from") }
        _ = try parseDuration(bootstrapTimeout, option: "--bootstrap-timeout")
        if compress && snapshot == nil { throw ValidationError("--compress needs --snapshot") }
    }

    /// Listens and serves until SIGINT or SIGTERM.
    public func run() async throws {
        let ring = try keys.load(tool: "tern-recv")
        LinePrinter.shared.setTool("tern-recv")
        let logger = logging.bootstrap(label: "tern-recv")
        let identity = replication.identity(domain: cluster.domain, keys: ring)
        var configuration = ReceiverConfiguration(
            identity: identity, limits: replication.limits, servesState: serveState,
            handshakeTimeout: connectionBounds.handshakeTimeoutMillis, maxClockDrift: HybridLogicalClock.defaultMaxDrift, program: "tern-recv \(TernCommands.version)",
            wallClock: { WallClock.now() })
        configuration.connectionBounds = connectionBounds.bounds
        let printer = ReceiverEventPrinter(json: json, reveal: reveal, quiet: quiet)
        let recorder = try record.map {
            try StreamRecorder(path: $0, identity: identity, limits: replication.limits, logger: logger)
        }
        let receiver = ReplicationReceiver(
            threads: threads, configuration: configuration, events: printer, recorder: recorder,
            storage: SessionStoreStorage(maxSessionsPerContext: storeLimits.maxSessionsPerContext), logger: logger)
        do {
            try await serve(receiver, identity: identity, printer: printer, logger: logger)
        } catch {
            await receiver.finish()
            throw error
        }
        await receiver.finish()
    }

    private func serve(
        _ receiver: ReplicationReceiver, identity: ReplicationIdentity, printer: ReceiverEventPrinter, logger: Logger
    ) async throws {
        if let load {
            let records = try Self.readRecords(load)
            try await receiver.load(records)
            logger.info("loaded \(records.count) records", metadata: ["file": "\(load)"])
        }
        let address = try await receiver.listen(on: try Endpoint(parsing: listen, allowZero: true))
        printer.event(
            "listening",
            text: "listening on \(address) (domain \(identity.domain), member \(identity.member.short)"
                + (serveState ? ", serving state)" : ")"),
            [
                "address": .string(address), "domain": .string(identity.domain),
                "member": .string(identity.member.description), "serveState": .bool(serveState),
            ])
        if let bootstrapFrom {
            let peer = try Endpoint(parsing: bootstrapFrom)
            receiver.startBootstrap(
                from: peer, timeout: try parseDuration(bootstrapTimeout, option: "--bootstrap-timeout"),
                queueLimits: ReplicationQueueLimits(maxMessages: 1_000_000, maxBytes: 1 << 30))
        }
        let snapshot = self.snapshot
        let compress = self.compress
        try await receiver.run {
            guard let snapshot else {
                logger.notice("SIGUSR1 received, but there is no --snapshot to write")
                return
            }
            do {
                let count = try await Self.writeSnapshot(receiver, to: snapshot, compress: compress, identity: identity)
                printer.event(
                    "snapshot", text: "snapshot written to \(snapshot): \(count) records",
                    ["path": .string(snapshot), "records": .int(Int64(count)), "reason": .string("signal")])
            } catch {
                logger.error("cannot write the snapshot: \(ToolError.classify(error)?.message ?? "\(error)")")
            }
        }
        if let snapshot {
            let count = try await Self.writeSnapshot(receiver, to: snapshot, compress: compress, identity: identity)
            printer.event(
                "snapshot", text: "snapshot written to \(snapshot): \(count) records",
                ["path": .string(snapshot), "records": .int(Int64(count)), "reason": .string("exit")])
        }
        let count = try await receiver.count()
        let totals = try await receiver.limitHits()
        let hits = LimitName.allCases.compactMap { limit in totals[limit].map { (key: limit.rawValue, value: $0) } }
        let hitText = hits.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        printer.event(
            "stopped", text: "stopped with \(count) records" + (hits.isEmpty ? "" : " (limit hits: \(hitText))"),
            [
                "records": .int(Int64(count)),
                "limitHits": .object(JSONObject(hits.map { (key: $0.key, value: .int(Int64($0.value))) })),
            ])
    }

    /// Every record of a snapshot, for `--load`.
    static func readRecords(_ path: String) throws -> [StoreRecord] {
        let reader = try SnapshotReader(path: path)
        var records: [StoreRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    /// Writes the receiver's store to `path` atomically; returns the number of records.
    static func writeSnapshot(
        _ receiver: ReplicationReceiver, to path: String, compress: Bool, identity: ReplicationIdentity
    ) async throws -> Int {
        let cut = try await receiver.cut()
        let records = cut.sortedRecords()
        let header = SnapshotHeader(
            writer: "tern-recv \(TernCommands.version)", created: WallClock.now(), sourceMember: identity.member,
            cluster: identity.domain, versionVector: cut.vector)
        try SnapshotOutput.writeSnapshot(
            to: path, header: header, compression: SnapshotOutput.compression(forPath: path, force: compress)
        ) { writer in
            for record in records { try writer.write(record) }
        }
        return records.count
    }
}
