import ArgumentParser
import Logging
import TernCommandSupport
import TernCore
import TernNetMembership
import TernWire

/// `tern-ping`: the membership pinger. Announces a member and listens, reports who is alive with
/// per-member loss and jitter, and checks a multicast network with `--expect`.
public struct TernPing: AsyncParsableCommand {
    /// The command.
    public static let configuration = CommandConfiguration(
        commandName: "tern-ping",
        abstract: "Announce a cluster member, listen to the group, and report who is alive, with loss and jitter.",
        discussion: PingHelp.discussion,
        version: TernCommandSupport.version)

    /// Group, interface, domain, timing, peers, identity and wire format.
    @OptionGroup(title: "Membership")
    var membership: MembershipOptions

    @Option(
        help: ArgumentHelp(
            "Replication endpoint to advertise (a hand-composed node's tern-recv); :PORT means the address receivers see.",
            valueName: "host:port"))
    var announce: String?

    @Flag(help: "Send nothing: only watch the group.")
    var listenOnly = false

    @Option(help: ArgumentHelp("Stop (and leave) after sending this many heartbeats.", valueName: "n"))
    var count: Int?

    @Option(help: ArgumentHelp("Stop (and leave) after this long, such as 10s or 5m.", valueName: "duration"))
    var duration: String?

    @Flag(help: "Listen for one drop time, print the member table, and exit.")
    var once = false

    @Option(
        help: ArgumentHelp(
            "Exit 0 if at least N other members were heard by multicast, else 1 with the reason on stderr (listens one drop time unless --count or --duration says otherwise).",
            valueName: "n"))
    var expect: Int?

    @Flag(help: "Print JSON Lines: one object per event, with an \"event\" field (see below).")
    var json = false

    /// `--key-file`: the cluster keys.
    @OptionGroup(title: "Security")
    var keys: ClusterKeyOptions

    @OptionGroup(title: "Logging")
    var logging: LoggingOptions

    /// Benchmarks only: send this many numbered heartbeats as fast as possible, then leave.
    @Option(help: .hidden)
    var flood: Int?

    /// Benchmarks only: heartbeats per second of `--flood`.
    @Option(help: .hidden)
    var floodRate: Int?

    /// Creates the command with defaults.
    public init() {}

    /// Checks the combinations the options cannot express alone.
    public func validate() throws {
        if listenOnly && announce != nil { throw ValidationError("--announce and --listen-only exclude each other") }
        if listenOnly && count != nil {
            throw ValidationError("--count counts this member's own heartbeats; with --listen-only use --duration")
        }
        let ends = [count != nil, duration != nil, once].filter { $0 }.count
        if ends > 1 { throw ValidationError("choose one of --count, --duration and --once") }
        if let count, count < 1 { throw ValidationError("--count \(count): expected at least 1") }
        if let expect, expect < 0 { throw ValidationError("--expect \(expect): expected 0 or more") }
        if let duration, DurationText.parse(duration) == nil {
            throw ValidationError("--duration \(duration): expected a duration such as 10s or 5m")
        }
        if let announce {
            let endpoint = try MembershipOptions.endpoint(announce, option: "--announce")
            if endpoint.host.utf8.count > HeartbeatLimits.maxStringBytes {
                throw ValidationError("--announce: host of \(endpoint.host.utf8.count) bytes, at most 255")
            }
        }
        if let flood, flood < 1 { throw ValidationError("--flood \(flood): expected at least 1") }
        if keys.keyFile != nil && membership.resolvedWire == .tribes && !listenOnly {
            throw ValidationError("--key-file: Tomcat's heartbeat (--wire tribes) cannot be signed")
        }
    }

    /// Runs until the end condition or a signal, prints the table, and judges `--expect`.
    public func run() async throws {
        let keyRing = try keys.load(tool: "tern-ping")
        let logger = logging.bootstrap(label: "tern-ping")
        let clock = PingClock()
        if let flood {
            try await HeartbeatFlood.run(
                count: flood, rate: floodRate, group: try membership.parsedGroup(), interface: membership.interface,
                ttl: membership.ttl, domain: membership.resolvedDomain, member: try membership.memberID(),
                incarnation: clock.now(), keys: keyRing)
            return
        }
        let service = MembershipService(
            configuration: try serviceConfiguration(startedAt: clock.now(), keys: keyRing), logger: logger,
            now: clock.now,
            eventLoop: MembershipEventLoop.dedicated)
        let printer = PingPrinter(json: json)
        async let final = printer.print(service.notices)
        try await service.runAsTool(logger: logger)
        guard let snapshot = await final else { return }
        if let expect { try judge(snapshot.table.verdict(expecting: expect), expected: expect, snapshot: snapshot) }
    }

    /// The service's configuration from the options.
    func serviceConfiguration(startedAt: UnixMillis, keys: ClusterKeyRing?) throws -> MembershipServiceConfiguration {
        let member = try membership.memberID()
        let wire = membership.resolvedWire
        var heartbeat: Heartbeat?
        if !listenOnly {
            var endpoint = try announce.map { try MembershipOptions.endpoint($0, option: "--announce") }
            if wire == .tribes {
                // Tomcat's heartbeat carries an address, and its members connect to it before admitting us.
                let wanted = endpoint ?? Endpoint(host: "", port: 4000)
                endpoint = Endpoint(
                    host: try LocalAddresses.announceable(host: wanted.host, interface: membership.interface),
                    port: wanted.port)
            }
            heartbeat = Heartbeat(
                domain: membership.resolvedDomain, member: member, incarnation: startedAt, sequence: nil,
                interval: membership.intervalMillis, name: membership.resolvedName, endpoint: endpoint, state: .ready,
                tags: [HeartbeatTag("tool", "tern-ping"), HeartbeatTag("version", TernCommandSupport.version)])
        }
        // Tomcat's heartbeat has no incarnation: our own come back with 0.
        let machine = MembershipConfiguration(
            domain: membership.resolvedDomain, dropTime: membership.dropTimeMillis, localMember: member,
            localIncarnation: wire == .tribes ? 0 : startedAt, startedAt: startedAt)
        return MembershipServiceConfiguration(
            group: try membership.parsedGroup(), interface: membership.interface, ttl: membership.ttl,
            peers: try membership.parsedPeers(), wire: wire, membership: machine, announce: heartbeat,
            acceptTomcatConnections: wire == .tribes && !listenOnly, stopAfter: stopAfter, keys: keys)
    }

    /// When to stop by itself: `--duration`; half an interval after the `--count`-th heartbeat;
    /// one drop time for `--once` (and for `--expect` alone); nil runs until a signal.
    var stopAfter: Int64? {
        if let duration { return DurationText.parse(duration) }
        if let count { return Int64(count) * membership.intervalMillis - membership.intervalMillis / 2 }
        if once || expect != nil { return membership.dropTimeMillis }
        return nil
    }

    private func judge(_ verdict: ExpectationVerdict, expected: Int, snapshot: MembershipSnapshot) throws {
        if json { try StandardOutput.shared.line(PingJSON.verdict(verdict, expected: expected, at: snapshot.at)) }
        StandardOutput.shared.flushOrDie(tool: "tern-ping")
        guard verdict.isMet else {
            throw ToolError(
                .negative, PingVerdictText.explain(verdict, expected: expected, snapshot: snapshot, options: membership)
            )
        }
    }
}
