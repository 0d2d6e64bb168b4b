import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A private network for one end-to-end test: network namespaces ("hosts"), each with `lo` and an
/// `eth0` on one bridge in a hub namespace, made with `ip netns` and veth pairs. Nothing is created
/// in the namespace the test runs in, so no packet can reach a real network. Names are unique to
/// the process and the network; `remove()` (also run on release) deletes every namespace, and a new
/// network first deletes those left behind by test processes that died.
///
/// Needs root (CI runs the tests as root inside `.ci/netns-run`) and iproute2.
public final class TestNetwork: @unchecked Sendable {
    /// One namespace on the bridge.
    public struct Host: Sendable {
        /// The namespace's name (`ip netns`).
        public let namespace: String
        /// Its address on the bridge (10.77.0.N/24).
        public let address: String
        /// Its interface on the bridge.
        public let interface = "eth0"

        /// The command prefix that runs a program in this host: `ip netns exec NAME`.
        public var prefix: [String] { ["ip", "netns", "exec", namespace] }
    }

    /// Why the network could not be made.
    public struct Failure: Error, CustomStringConvertible {
        /// The command and what it printed.
        public var description: String
    }

    /// The hosts, in order; host i has address 10.77.0.(i+1).
    public let hosts: [Host]
    /// The namespace that holds the bridge and the hosts' peer ends (`p1`, `p2`, …).
    let hub: String
    private var removed = false
    private static let counter = NSLock()
    nonisolated(unsafe) private static var next = 0
    private static let prefix = "tern-"

    /// Makes `count` hosts on one bridge (IGMP snooping off, so multicast floods like on a hub).
    /// Hosts listed in `withoutMulticastRoute` get no route for 224.0.0.0/4: joining a group without
    /// naming an interface fails there, as on a host whose network drops multicast.
    public init(hosts count: Int, withoutMulticastRoute: Set<Int> = []) throws {
        Self.removeLeftovers()
        let id = Self.counter.withLock {
            Self.next += 1
            return Self.next
        }
        let base = "\(Self.prefix)\(getpid())-\(id)"
        hub = base + "-hub"
        hosts = (0..<count).map { Host(namespace: "\(base)-h\($0 + 1)", address: "10.77.0.\($0 + 1)") }
        do {
            try Self.ip("netns", "add", hub)
            try Self.ip("-n", hub, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0")
            try Self.ip("-n", hub, "link", "set", "br0", "up")
            for (index, host) in hosts.enumerated() {
                let port = "p\(index + 1)"
                try Self.ip("netns", "add", host.namespace)
                try Self.ip("-n", host.namespace, "link", "set", "lo", "up")
                try Self.ip(
                    "-n", host.namespace, "link", "add", "eth0", "type", "veth", "peer", "name", port, "netns", hub)
                try Self.ip("-n", hub, "link", "set", port, "master", "br0", "up")
                try Self.ip("-n", host.namespace, "addr", "add", "\(host.address)/24", "dev", "eth0")
                try Self.ip("-n", host.namespace, "link", "set", "eth0", "up")
                if !withoutMulticastRoute.contains(index) {
                    try Self.ip("-n", host.namespace, "route", "add", "224.0.0.0/4", "dev", "eth0")
                }
            }
        } catch {
            remove()
            throw error
        }
    }

    deinit {
        remove()
    }

    /// Brings `host`'s `eth0` down or up ("pulls the cord"). The kernel drops the 224.0.0.0/4 route
    /// with the link and does not bring it back: a member that must recover names its interface.
    public func setLink(of host: Host, up: Bool) throws {
        try Self.ip("-n", host.namespace, "link", "set", "eth0", up ? "up" : "down")
    }

    /// Runs `command` in `host` and returns what it did.
    public func run(_ host: Host, _ command: [String], timeout: Double = 30) throws -> ToolRunner.Result {
        try ToolRunner(timeout: timeout).runProgram(at: "/usr/bin/env", host.prefix + command)
    }

    /// Deletes every namespace of this network (their interfaces go with them).
    public func remove() {
        guard !removed else { return }
        removed = true
        for name in hosts.map(\.namespace) + [hub] { _ = try? Self.ip("netns", "del", name) }
    }

    /// Runs `ip ARGUMENTS`; throws with its stderr when it fails.
    @discardableResult
    static func ip(_ arguments: String...) throws -> String {
        let result = try ToolRunner(timeout: 30).runProgram(at: "/usr/bin/env", ["ip"] + arguments)
        guard result.status == 0, !result.signaled else {
            throw Failure(description: "ip \(arguments.joined(separator: " ")): \(result)")
        }
        return result.stdoutText
    }

    /// Deletes `tern-PID-…` namespaces of processes that no longer exist.
    private static func removeLeftovers() {
        guard let list = try? ip("netns", "list") else { return }
        for line in list.split(separator: "\n") {
            let name = String(line.split(separator: " ").first ?? "")
            guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count).prefix { $0.isNumber }) else {
                continue
            }
            if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH { _ = try? ip("netns", "del", name) }
        }
    }
}
