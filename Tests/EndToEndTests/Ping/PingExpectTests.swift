import Foundation
import TernTestKit
import Testing

/// Each `--expect` outcome with its exit status and the reason on stderr.
@Suite("tern-ping --expect: verdicts and exit statuses", .serialized)
struct PingExpectTests {
    /// Runs a listen-only `tern-ping --json --expect N` in `host` for one drop time.
    static func expect(_ count: Int, on host: TestNetwork.Host, in network: TestNetwork, _ extra: [String] = [])
        throws -> ToolRunner.Result
    {
        try network.run(
            host,
            [
                try runner.executable("tern-ping"), "--listen-only", "--json", "--expect", "\(count)", "--drop-time",
                "2s",
            ]
                + extra)
    }

    static func verdict(_ result: ToolRunner.Result) -> [String: Any]? {
        result.stdoutLines.compactMap(PingMember.parse).first { $0["event"] as? String == "verdict" }
    }

    @Test func enoughMembersByMulticastExitsZero() throws {
        let network = try TestNetwork(hosts: 3)
        let a = try PingMember("a", on: network.hosts[0])
        let b = try PingMember("b", on: network.hosts[1])
        let result = try Self.expect(2, on: network.hosts[2], in: network)
        #expect(result.status == 0, "\(result)")
        #expect(Self.verdict(result)?["reason"] as? String == "met")
        #expect(Self.verdict(result)?["heardByMulticast"] as? Int == 2)
        #expect(try a.stop() == 0)
        #expect(try b.stop() == 0)
    }

    @Test func nobodyHeardExitsOne() throws {
        let network = try TestNetwork(hosts: 1)
        let result = try Self.expect(1, on: network.hosts[0], in: network)
        #expect(result.status == 1, "\(result)")
        #expect(Self.verdict(result)?["reason"] as? String == "nobody-heard")
        #expect(
            result.stderrLines.last?.hasPrefix("tern-ping: expected 1 other members, heard none (nobody heard)")
                == true, "\(result.stderr)")
    }

    @Test func nobodyHeardNamesTheOtherDomainHeard() throws {
        let network = try TestNetwork(hosts: 2)
        let other = try PingMember("other", on: network.hosts[0], ["--domain", "bank"])
        let result = try Self.expect(1, on: network.hosts[1], in: network)
        #expect(result.status == 1)
        #expect(result.stderr.contains("heartbeats of other domains were heard: 'bank'"), "\(result.stderr)")
        #expect(try other.stop() == 0)
    }

    @Test func someMissingExitsOne() throws {
        let network = try TestNetwork(hosts: 2)
        let a = try PingMember("a", on: network.hosts[0])
        let result = try Self.expect(2, on: network.hosts[1], in: network)
        #expect(result.status == 1, "\(result)")
        #expect(Self.verdict(result)?["reason"] as? String == "some-missing")
        #expect(result.stderr.contains("expected 2 other members, heard 1 (some missing)"), "\(result.stderr)")
        #expect(result.stderr.contains("a ("), "\(result.stderr)")
        #expect(try a.stop() == 0)
    }

    @Test func onlyUnicastHeardExitsOne() throws {
        // Host 2 has no multicast route: it cannot join the group, but hears a's unicast copies.
        let network = try TestNetwork(hosts: 2, withoutMulticastRoute: [1])
        let a = try PingMember("a", on: network.hosts[0], ["--peer", "\(network.hosts[1].address):45564"])
        let result = try Self.expect(1, on: network.hosts[1], in: network)
        #expect(result.status == 1, "\(result)")
        #expect(Self.verdict(result)?["reason"] as? String == "only-unicast-heard")
        #expect(result.stderr.contains("heard only by unicast (only unicast heard)"), "\(result.stderr)")
        let summary = result.stdoutLines.compactMap(PingMember.parse).first { $0["event"] as? String == "summary" }
        #expect(summary?["multicast"] is NSNull)
        #expect(
            (summary?["unicast"] as? [String: Any])?["received"] as? Int ?? 0 >= 2, "\(String(describing: summary))")
        #expect(try a.stop() == 0)
    }

    @Test func badExpectationIsAUsageError() throws {
        let result = try runner.run("tern-ping", ["--expect", "-1"])
        #expect(result.status == 64, "\(result)")
    }
}
