import Foundation
import TernTestKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Members with cluster keys on separate hosts of a private network: the same key joins, another key
/// is shown as rejected once and never listed, and a member without a key is warned and refused.
@Suite("tern-ping: cluster keys", .serialized)
struct PingKeyTests {
    /// Key files of mode 0600 in a temporary directory, one per key line given.
    final class Keys {
        let directory: TemporaryDirectory

        init() throws {
            directory = try TemporaryDirectory(prefix: "ping-keys")
        }

        deinit {
            directory.remove()
        }

        /// A key file `name` holding `bytes` (one key a byte value) as its lines.
        func file(_ name: String, _ fills: [UInt8]) throws -> String {
            let text = fills.map { Data(repeating: $0, count: 32).base64EncodedString() + "\n" }.joined()
            let path = try directory.write(Array(text.utf8), to: name)
            #expect(chmod(path, 0o600) == 0)
            return path
        }
    }

    @Test func membersWithTheSameKeySeeEachOtherAndAnotherKeyIsRejectedAsBadKey() throws {
        let keys = try Keys()
        let network = try TestNetwork(hosts: 3)
        let a = try PingMember("a", on: network.hosts[0], ["--key-file", try keys.file("a.key", [1])])
        // b is in the middle of a rotation: it signs with key 2 and still accepts key 1.
        let b = try PingMember("b", on: network.hosts[1], ["--key-file", try keys.file("b.key", [2, 1])])
        let c = try PingMember("c", on: network.hosts[2], ["--key-file", try keys.file("c.key", [3])])
        try b.waitFor("joined", of: "a", timeout: 10)
        try a.waitFor("rejected", of: "b", timeout: 10)  // a has not got key 2 yet
        let rejected = try a.waitFor("rejected", of: "c", timeout: 10).object
        #expect(rejected["reason"] as? String == "bad-key", "\(rejected)")
        #expect((rejected["from"] as? String)?.hasPrefix(network.hosts[2].address + ":") == true, "\(rejected)")
        #expect(rejected["keyId"] is String)
        try b.waitFor("rejected", of: "c", timeout: 10)
        try c.waitFor("rejected", of: "a", timeout: 10)
        // Two more seconds of heartbeats (four from each member): still one line per source and reason.
        usleep(2_000_000)
        for observer in [a, b] {
            #expect(observer.events("joined", of: "c").isEmpty, "\(observer.name) listed c")
            #expect(observer.events("rejected", of: "c").count == 1, "\(observer.objects)")
        }
        #expect(c.events("joined").isEmpty)
        #expect(a.events("joined", of: "b").isEmpty && a.events("rejected", of: "b").count == 1)
        for member in [a, b, c] {
            #expect(!member.tool.stderr.contains("no --key-file"), "\(member.tool.stderr)")
            #expect(try member.stop() == 0)
        }
        let totals = try #require(a.events("totals").last)
        let counts = try #require(totals["rejected"] as? [String: Int])
        #expect(counts["bad-key"].map { $0 >= 8 } == true, "\(totals)")
        #expect(counts["unauthenticated"] == 0 && counts["replayed"] == 0 && counts["keyed"] == 0, "\(totals)")
    }

    @Test func aMemberWithoutAKeyIsWarnedAndBothSidesShowTheOtherRejectedOnce() throws {
        let keys = try Keys()
        let network = try TestNetwork(hosts: 2)
        let keyed = try RunningTool(
            "tern-ping", ["--name", "k", "--key-file", try keys.file("k.key", [7]), "--duration", "4s"],
            runner: runner, prefix: network.hosts[0].prefix)
        let open = try PingMember("o", on: network.hosts[1])
        let line = try keyed.waitForLine(timeout: 10, "the rejection of o") { $0.contains(" rejected: ") }.line
        #expect(line.contains(" rejected: unauthenticated from \(network.hosts[1].address):"), "\(line)")
        #expect(line.hasSuffix(", \"o\")"), "\(line)")
        let refused = try open.waitFor("rejected", of: "k", timeout: 10).object
        #expect(refused["reason"] as? String == "keyed", "\(refused)")
        #expect(try keyed.waitForExit(timeout: 15) == 0)
        #expect(keyed.stdoutLines.filter { $0.contains(" rejected: ") }.count == 1, "\(keyed.stdoutLines)")
        #expect(keyed.stdoutLines.contains { $0.hasPrefix("rejected ") && $0.contains("unauthenticated") })
        #expect(!keyed.stdoutLines.contains { $0.contains("joined") }, "\(keyed.stdoutLines)")
        #expect(open.events("joined", of: "k").isEmpty)
        let warning = open.tool.stderr.split(separator: "\n").filter { $0.contains("warning: no --key-file") }
        #expect(warning.count == 1 && warning[0].hasPrefix("tern-ping: warning: "), "\(open.tool.stderr)")
        #expect(try open.stop() == 0)
    }
}
