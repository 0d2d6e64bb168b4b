import ArgumentParser
import Logging
import TernCore
import TernCommands
import TernNetMembership
import TernCommandSupport
import TernHTTP
import TernNet
import TernWire

#if canImport(Glibc)
    import Glibc
#endif

/// `tern-node`: the composed node. Membership, the receiver and state server, a sender to every
/// member, the session store with expiry, and the HTTP session API, in one process.
public struct TernNode: AsyncParsableCommand {
    /// The command.
    public static let configuration = CommandConfiguration(
        commandName: "tern-node",
        abstract: "Run a cluster node: membership, replication, state transfer, sessions and their HTTP API.",
        discussion: NodeHelp.discussion,
        version: TernCommands.version,
        // The node runs without a subcommand, as before; keygen is the one subcommand.
        subcommands: [Keygen.self])

    /// Group, interface, domain, name, timing, peers, identity.
    @OptionGroup(title: "Membership")
    var membership: MembershipOptions

    @Option(
        help: ArgumentHelp(
            "Where replication and state transfers are received, and the endpoint the heartbeat advertises: HOST:PORT or :PORT (every address; peers use the address the heartbeat came from); port 0 picks a free one.",
            valueName: "addr:port"))
    var listen = ":4000"

    @Option(
        help: ArgumentHelp(
            "When a write returns: sync (every peer applied it), pooled (the same, over several connections per peer), or async (at once; replicated in the background).",
            valueName: "mode"),
        completion: .list(ReplicationMode.allCases.map(\.rawValue)))
    var replication = "sync"

    @Option(help: ArgumentHelp("Suffix of new session ids (.NAME), like Tomcat's jvmRoute.", valueName: "name"))
    var route: String?

    @Option(
        help: ArgumentHelp(
            "How often access times are replicated, so other members do not expire a session in use here.",
            valueName: "duration"))
    var touchInterval = "10s"

    @Option(
        help: ArgumentHelp(
            "Inactivity after which a session created without maxInactive expires (0: never).", valueName: "duration"))
    var maxInactive = "30m"

    @Flag(help: "Replicate whole sessions on every write (default: the attributes a request wrote).")
    var full = false

    @Flag(help: "Replicate only attributes whose value changed (Tomcat's useDirtyFlag).")
    var dirtyOnly = false

    @Option(
        help: ArgumentHelp(
            "Directory of the node's snapshot (sessions.tsnap): written at shutdown, every --snapshot-every and on SIGUSR1; loaded at start-up.",
            valueName: "path"),
        completion: .directory)
    var dataDir: String?

    @Option(help: ArgumentHelp("Time between snapshots into --data-dir.", valueName: "duration"))
    var snapshotEvery = "5m"

    @Option(
        help: ArgumentHelp("Silence from the member giving the state after which the transfer is given up.", valueName: "duration"))
    var stateTimeout = "60s"

    @Flag(help: "Exit (75 timed out, 69 failed) rather than start without the state of a ready member.")
    var requireState = false

    @Option(
        help: ArgumentHelp(
            "Time between anti-entropy rounds, each with the next ready member in turn (0: only with members that come back).",
            valueName: "duration"))
    var antiEntropyInterval = "30s"

    @Flag(help: "Print JSON Lines (one object per line, with an \"event\" field) instead of text.")
    var json = false

    /// `--key-file`: the cluster keys.
    @OptionGroup(title: "Security")
    var keys: ClusterKeyOptions

    /// `--max-frame`.
    @OptionGroup(title: "Limits")
    var frameLimits: FrameLimitOptions

    /// `--max-sessions`.
    @OptionGroup(title: "Limits")
    var storeLimits: StoreLimitOptions

    /// `--max-queue`, `--max-queue-messages`.
    @OptionGroup(title: "Limits")
    var queueLimits: QueueLimitOptions

    /// `--http`, its bearer tokens and its request limits.
    @OptionGroup(title: "HTTP")
    var http: HTTPOptions

    /// `--max-connections`, `--max-connections-per-peer`, `--handshake-timeout`, `--idle-timeout`.
    @OptionGroup(title: "Connection bounds")
    var connectionBounds: ConnectionBoundsOptions

    @OptionGroup(title: "Logging")
    var logging: LoggingOptions

    /// Creates the command with its defaults.
    public init() {}

    /// Rejects malformed addresses, durations and combinations (exit 64).
    public func validate() throws {
        _ = try parseEndpoint(listen, option: "--listen", allowZero: true)
        guard ReplicationMode(rawValue: replication) != nil else {
            throw ValidationError("--replication \(replication): expected sync, pooled or async")
        }
        if membership.resolvedWire == .tribes {
            throw ValidationError("--wire tribes: a node announces itself in tern's format (it reads both)")
        }
        if full && dirtyOnly { throw ValidationError("--full and --dirty-only exclude each other") }
        if let route, route.isEmpty || route.contains("/") || route.utf8.count > 64 {
            throw ValidationError("--route \(route): expected a short name without /")
        }
        _ = try parseDuration(touchInterval, option: "--touch-interval")
        _ = try parseDuration(maxInactive, option: "--max-inactive", allowZero: true)
        _ = try parseDuration(snapshotEvery, option: "--snapshot-every")
        _ = try parseDuration(stateTimeout, option: "--state-timeout")
        _ = try parseDuration(antiEntropyInterval, option: "--anti-entropy-interval", allowZero: true)
    }

    /// Runs the node until SIGINT or SIGTERM.
    public func run() async throws {
        let ring = try keys.load(tool: "tern-node")
        let tokens = try http.loadTokens(tool: "tern-node")
        LinePrinter.shared.setTool("tern-node")
        let logger = logging.bootstrap(label: "tern-node")
        let printer = NodeEventPrinter(json: json)
        let configuration = try nodeConfiguration(keys: ring)
        if let dataDir { try Self.makeDirectory(dataDir) }
        let node = NodeRuntime(configuration: configuration, logger: logger) { printer.print($0) }
        let httpEndpoint = try http.endpoint()
        let service = NodeSessionService(node: node, name: membership.resolvedName)
        var httpLogger = logger
        httpLogger.logLevel = max(logger.logLevel, .warning)
        let server = NodeHTTPServer(
            service: service, host: httpEndpoint.host, port: Int(httpEndpoint.port), limits: http.limits, tokens: tokens,
            eventLoopGroup: node.eventLoopGroup, logger: httpLogger,
            waitUntilReady: { try await node.waitUntilReady() },
            onListening: { printer.http($0) })
        try await node.run(http: server)
    }

    /// Creates `path` (one level) unless it is a directory already.
    static func makeDirectory(_ path: String) throws {
        var status = stat()
        if stat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFDIR else { throw ToolError(.config, "--data-dir \(path): not a directory") }
            return
        }
        guard mkdir(path, 0o755) == 0 else {
            throw ToolError(.ioError, "--data-dir \(path): cannot create it: \(String(cString: strerror(errno)).lowercased())")
        }
    }

    /// The node's configuration from the options; its connections are keyed with `keys`.
    func nodeConfiguration(keys: ClusterKeyRing? = nil) throws -> NodeConfiguration {
        let member = try membership.memberID()
        let startedAt = WallClock.now()
        let domain = membership.resolvedDomain
        let heartbeat = Heartbeat(
            domain: domain, member: member, incarnation: startedAt, sequence: nil,
            interval: membership.intervalMillis, name: membership.resolvedName, endpoint: nil, state: .starting,
            tags: [HeartbeatTag("tool", "tern-node"), HeartbeatTag("version", TernCommands.version)])
        let machine = MembershipConfiguration(
            domain: domain, dropTime: membership.dropTimeMillis, localMember: member, localIncarnation: startedAt,
            startedAt: startedAt)
        let membershipConfiguration = MembershipServiceConfiguration(
            group: try membership.parsedGroup(), interface: membership.interface, ttl: membership.ttl,
            peers: try membership.parsedPeers(), wire: .tern, membership: machine, announce: heartbeat, keys: keys)
        let touch = try parseDuration(touchInterval, option: "--touch-interval")
        let inactive = try parseDuration(maxInactive, option: "--max-inactive", allowZero: true)
        let sessions = NodeSessionConfiguration(
            member: member, route: route, style: full ? .full : dirtyOnly ? .dirtyOnly : .delta,
            defaultMaxInactiveSeconds: Int32(clamping: inactive / 1000), touchInterval: touch,
            maxSessionsPerContext: storeLimits.maxSessionsPerContext)
        var sender = SenderConfiguration(
            mode: ReplicationMode(rawValue: replication) ?? .sync, retryFor: max(10_000, 2 * membership.dropTimeMillis),
            failFast: false)
        sender.keepsHistory = false
        sender.queueLimits = queueLimits.limits
        sender.keepAliveInterval = connectionBounds.bounds.keepAliveInterval
        var configuration = NodeConfiguration(
            identity: ReplicationIdentity(domain: domain, member: member, keys: keys),
            listen: try Endpoint(parsing: listen, allowZero: true), membership: membershipConfiguration,
            sessions: sessions, sender: sender, limits: frameLimits.limits,
            stateTimeout: try parseDuration(stateTimeout, option: "--state-timeout"),
            requireState: requireState, dataDirectory: dataDir,
            snapshotEvery: try parseDuration(snapshotEvery, option: "--snapshot-every"),
            antiEntropyInterval: try parseDuration(antiEntropyInterval, option: "--anti-entropy-interval", allowZero: true),
            program: "tern-node \(TernCommands.version)", wallClock: { WallClock.now() })
        configuration.connectionBounds = connectionBounds.bounds
        configuration.handshakeTimeout = connectionBounds.handshakeTimeoutMillis
        return configuration
    }
}
