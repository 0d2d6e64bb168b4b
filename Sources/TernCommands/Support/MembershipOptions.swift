import ArgumentParser
import TernCore
import TernFiles
import TernWire

#if canImport(Glibc)
    import Glibc
#endif

/// The membership options every tool that joins or watches a group shares (tern-ping, tern-node,
/// tern-xfer `--from auto`): group, interface, TTL, domain, name, interval, drop time, peers,
/// identity file and wire format. Defaults follow Tomcat's.
public struct MembershipOptions: ParsableArguments, Sendable {
    /// `ADDR:PORT` of the multicast group.
    @Option(help: ArgumentHelp("Multicast group and port of the membership.", valueName: "addr:port"))
    public var group = "228.0.0.4:45564"

    /// The interface to join on and send from.
    @Option(
        help: ArgumentHelp(
            "Network interface to join the group on and send from, by name (eth0) or address; default: as the routing table says.",
            valueName: "name|addr"))
    public var interface: String?

    /// Multicast hops.
    @Option(
        help: ArgumentHelp(
            "Multicast TTL: how many routers heartbeats may cross (1 = this network only).", valueName: "hops"))
    public var ttl: UInt8 = 1

    /// The cluster name.
    @Option(
        help: ArgumentHelp(
            "Cluster name; members of other domains are counted and ignored (default: default, or Tomcat's empty domain with --wire tribes).",
            valueName: "name"))
    public var domain: String?

    /// This member's name for people.
    @Option(
        help: ArgumentHelp("This member's name in other members' output (default: the host name).", valueName: "name"))
    public var name: String?

    /// Time between heartbeats.
    @Option(help: ArgumentHelp("Time between heartbeats, such as 500ms or 2s.", valueName: "duration"))
    public var interval = "500ms"

    /// Silence after which a member is dead.
    @Option(
        name: .customLong("drop-time"),
        help: ArgumentHelp(
            "Silence after which a member is dead (at least twice the member's own interval).", valueName: "duration"))
    public var dropTime = "3s"

    /// Unicast destinations.
    @Option(
        name: .customLong("peer"),
        help: ArgumentHelp(
            "Also send heartbeats to this member by unicast, for networks without multicast (repeatable).",
            valueName: "host:port"))
    public var peers: [String] = []

    /// Where the member id is kept.
    @Option(
        name: .customLong("id-file"),
        help: ArgumentHelp(
            "File holding this member's id, created if missing: the id then survives restarts (default: a new id each run).",
            valueName: "path"),
        completion: .file())
    public var idFile: String?

    /// Which heartbeat format to write.
    @Option(
        help: ArgumentHelp(
            "Heartbeat format to write: tern, or tribes (Apache Tomcat's). Both are read.", valueName: "format"),
        completion: .list(MembershipWire.allCases.map(\.rawValue)))
    public var wire = "tern"

    /// Creates the defaults.
    public init() {}

    /// Checks every value; errors are usage errors (64).
    public func validate() throws {
        let group = try parsedGroup()
        guard Self.isMulticast(group.host) else {
            throw ValidationError(
                "--group \(self.group): not a multicast group (IPv4 224.0.0.0–239.255.255.255, IPv6 ff00::/8)")
        }
        guard MembershipWire(rawValue: wire) != nil else {
            throw ValidationError("--wire \(wire): expected tern or tribes")
        }
        guard let interval = DurationText.parse(interval), interval >= 10, interval <= Int64(UInt32.max) else {
            throw ValidationError("--interval \(interval): expected a duration of at least 10ms, such as 500ms or 2s")
        }
        guard let drop = DurationText.parse(dropTime), drop > interval else {
            throw ValidationError(
                "--drop-time \(dropTime): expected a duration longer than --interval (\(self.interval))")
        }
        for peer in peers { _ = try Self.endpoint(peer, option: "--peer") }
        if let name, name.utf8.count > HeartbeatLimits.maxStringBytes {
            throw ValidationError("--name: \(name.utf8.count) bytes, at most \(HeartbeatLimits.maxStringBytes)")
        }
        let domain = resolvedDomain
        if domain.utf8.count > HeartbeatLimits.maxStringBytes {
            throw ValidationError("--domain: \(domain.utf8.count) bytes, at most \(HeartbeatLimits.maxStringBytes)")
        }
        if resolvedWire == .tribes, TribesMember.latin1Bytes(domain) == nil {
            throw ValidationError("--domain \(domain): Tomcat domains are ISO-8859-1; this one has other characters")
        }
    }

    /// The group as an endpoint.
    public func parsedGroup() throws -> Endpoint {
        try Self.endpoint(group, option: "--group")
    }

    /// The peers as endpoints.
    public func parsedPeers() throws -> [Endpoint] {
        try peers.map { try Self.endpoint($0, option: "--peer") }
    }

    /// The wire format.
    public var resolvedWire: MembershipWire { MembershipWire(rawValue: wire) ?? .tern }

    /// `--domain`, or the wire's default: `default` for tern, Tomcat's empty domain for tribes.
    public var resolvedDomain: String { domain ?? (resolvedWire == .tribes ? "" : "default") }

    /// `--name`, or the host name.
    public var resolvedName: String {
        if let name { return name }
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
        let host = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String(host.utf8.prefix(HeartbeatLimits.maxStringBytes)) ?? ""
    }

    /// The interval in ms.
    public var intervalMillis: Int64 { DurationText.parse(interval) ?? 500 }

    /// The drop time in ms.
    public var dropTimeMillis: Int64 { DurationText.parse(dropTime) ?? 3000 }

    /// This member's id: read from `--id-file`, created there if missing; a new random id without it.
    public func memberID() throws -> MemberID {
        var random = SystemRandomNumberGenerator()
        guard let idFile else { return MemberID.random(using: &random) }
        let bytes: [UInt8]
        do {
            let input = try FileInput.open(idFile)
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = try buffer.withUnsafeMutableBytes { try input.read(into: $0) }
            bytes = Array(buffer.prefix(count))
        } catch let error as IOFailure where error.code == ENOENT {
            let id = MemberID.random(using: &random)
            let output = try OutputFile.create(idFile)
            do {
                try Array((id.description + "\n").utf8).withUnsafeBytes { try output.write($0) }
                try output.commit()
            } catch {
                output.abort()
                throw error
            }
            return id
        }
        let text = String(decoding: bytes, as: UTF8.self).trimmingWhitespace
        guard let id = MemberID(hex: text) else {
            throw ToolError(.dataError, "\(idFile): not a member id (expected 32 hexadecimal digits)")
        }
        return id
    }

    package static func endpoint(_ text: String, option: String) throws -> Endpoint {
        do {
            return try Endpoint(parsing: text)
        } catch {
            throw ValidationError("\(option) \(error.description)")
        }
    }

    /// Whether `host` is an IP multicast address literal.
    static func isMulticast(_ host: String) -> Bool {
        if host.contains(":") { return host.lowercased().hasPrefix("ff") }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, let first = UInt8(parts[0]), parts.dropFirst().allSatisfy({ UInt8($0) != nil })
        else { return false }
        return (224...239).contains(first)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line ends.
    fileprivate var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
