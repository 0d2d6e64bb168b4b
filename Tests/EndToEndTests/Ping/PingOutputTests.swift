import Foundation
import TernTestKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Text output, the SIGUSR1 table, Tomcat's wire format and the Tomcat acceptor, and usage errors.
@Suite("tern-ping: output, Tomcat interop, usage", .serialized)
struct PingOutputTests {
    @Test func sigusr1PrintsTheTableAndCarriesOn() throws {
        let network = try TestNetwork(hosts: 2)
        let text = try RunningTool(
            "tern-ping", ["--name", "texty"], runner: runner, prefix: network.hosts[0].prefix)
        let other = try PingMember("other", on: network.hosts[1])
        try text.waitForLine(timeout: 10, "a joined line") { $0.contains(" joined ") && $0.contains(" other ") }
        text.send(SIGUSR1)
        let header = try text.waitForLine(timeout: 5, "the table header") { $0.hasPrefix("MEMBER ") }
        let row = try text.waitForLine(from: header.index, timeout: 5, "other's row") { $0.contains(" other ") }
        #expect(row.line.contains("multicast"))
        #expect(row.line.contains("0.0%"))
        try text.waitForLine(from: header.index, timeout: 5, "the totals") { $0.contains("members heard") }
        // Still running: it leaves on SIGTERM, then prints the table once more.
        text.send(SIGTERM)
        #expect(try text.waitForExit(timeout: 10) == 0)
        #expect(text.stdoutLines.filter { $0.hasPrefix("MEMBER ") }.count == 2)
        #expect(try other.stop() == 0)
    }

    @Test func tomcatWireIsReadAsATomcatMemberAndItsProbeIsAcked() throws {
        let network = try TestNetwork(hosts: 2)
        let tomcat = try PingMember(
            "t", on: network.hosts[0],
            ["--wire", "tribes", "--domain", "tribes-test", "--announce", "\(network.hosts[0].address):4000"])
        let watcher = try PingMember("w", on: network.hosts[1], ["--domain", "tribes-test", "--listen-only"])
        let joined = try watcher.waitFor("joined", timeout: 10).object
        #expect(joined["endpoint"] as? String == "\(network.hosts[0].address):4000")
        #expect(joined["incarnation"] is NSNull)
        #expect(joined["sequence"] is NSNull)
        let record = try #require(joined["tomcat"] as? [String: Any])
        #expect(record["port"] as? Int == 4000)
        #expect(record["securePort"] as? Int == -1)
        #expect(record["uniqueId"] as? String == joined["member"] as? String)
        // A Tomcat failure detector connects and sends a framed message: it must get the ACK.
        let probe = try network.run(
            network.hosts[1],
            [
                "bash", "-c",
                "exec 3<>/dev/tcp/\(network.hosts[0].address)/4000; printf '\(Self.channelMessage)' >&3; "
                    + "timeout 5 head -c 21 <&3 | od -An -tx1 | tr -d ' \\n'",
            ])
        #expect(probe.stdoutText == "464c543230303200000003060203544c4632303033", "\(probe)")
        #expect(try tomcat.stop() == 0)
        let left = try watcher.waitFor("left", timeout: 5).object
        #expect((left["tomcat"] as? [String: Any])?["command"] as? String == "BABY-ALEX")
        #expect(try watcher.stop() == 0)
    }

    @Test func usageErrorsExit64() throws {
        for arguments in [
            ["--group", "10.0.0.1:45564"], ["--interval", "5x"], ["--interval", "2s", "--drop-time", "1s"],
            ["--listen-only", "--announce", ":4000"], ["--once", "--duration", "1s"], ["--wire", "carrier-pigeon"],
            ["--peer", "nohost"],
        ] {
            let result = try runner.run("tern-ping", arguments)
            #expect(result.status == 64, "\(arguments): \(result)")
        }
    }

    @Test func unknownInterfaceIsAConfigurationError() throws {
        let network = try TestNetwork(hosts: 1)
        let result = try network.run(
            network.hosts[0], [try runner.executable("tern-ping"), "--interface", "nope0", "--once"])
        #expect(result.status == 78, "\(result)")
        #expect(result.stderr.contains("no network interface 'nope0' (there are: eth0, lo)"), "\(result.stderr)")
    }

    /// The captured Tomcat channel message (vectors/tomcat/channel-message.hex) as printf escapes.
    static let channelMessage: String = {
        let hex =
            "464c54323030320000009c00000007000001a219ec72a60000001063ac58debdbc43bfa8011b251af18ea600000065545249"
            + "4245532d4201000000004d00000000000007ee00000fa0ffffffffffffffff047f000001000000000000000b747269626573"
            + "2d74657374e2b42dffa489492ebacd19ebedf7fec00000000d68656c6c6f2d7061796c6f61645452494245532d4501000000"
            + "000f68656c6c6f20747269626573202331544c4632303033"
        return stride(from: 0, to: hex.count, by: 2).map { offset -> String in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return "\\x" + hex[start..<hex.index(start, offsetBy: 2)]
        }.joined()
    }()
}
