import Foundation
import TernTestKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Members on separate hosts of a private network (namespaces on a bridge): joins, leaving, death,
/// domains and restarts, judged on the times each tern-ping stamps on its own events.
@Suite("tern-ping: members see each other, leave and die", .serialized)
struct PingMembershipTests {
    @Test func threeMembersSeeEachOtherWithinOneInterval() throws {
        let network = try TestNetwork(hosts: 3)
        let names = ["a", "b", "c"]
        let members = try names.indices.map {
            try PingMember(names[$0], on: network.hosts[$0], ["--interval", "500ms"])
        }
        for observer in members {
            for other in members where other !== observer {
                try observer.waitFor("joined", of: other.name, timeout: 10)
            }
        }
        // Each member's start (incarnation) as the others report it.
        var started: [String: Int64] = [:]
        for observer in members {
            for joined in observer.events("joined") {
                started[joined["name"] as! String] = PingMember.millis(joined["incarnation"])
            }
        }
        for observer in members {
            for other in members where other !== observer {
                let joined = try #require(observer.events("joined", of: other.name).first)
                let bothUp = max(started[observer.name]!, started[other.name]!)
                let latency = PingMember.millis(joined["time"])! - bothUp
                // One interval, with 250 ms for a loaded machine to schedule the processes.
                #expect(latency <= 750, "\(observer.name) saw \(other.name) \(latency) ms after both were up")
                // The heartbeat that made it join is the first the other sent once the observer was up.
                let sinceOther = max(started[observer.name]! - started[other.name]!, 0)
                let firstAfter = (sinceOther + 499) / 500 + 1
                #expect((joined["sequence"] as? Int).map { Int64($0) <= firstAfter + 1 } == true, "\(joined)")
            }
        }
        for member in members { #expect(try member.stop() == 0) }
    }

    @Test func sigtermIsReportedAsLeftWithin100Milliseconds() throws {
        let network = try TestNetwork(hosts: 2)
        let leaving = try PingMember("leaving", on: network.hosts[0])
        let watcher = try PingMember("watcher", on: network.hosts[1])
        try watcher.waitFor("joined", of: "leaving", timeout: 10)
        try leaving.waitFor("joined", of: "watcher", timeout: 10)
        let signalled = PingMember.now()
        leaving.tool.send(SIGTERM)
        let left = try watcher.waitFor("left", of: "leaving", timeout: 5).object
        let delay = PingMember.millis(left["time"])! - signalled
        #expect(delay < 100, "left reported \(delay) ms after SIGTERM")
        #expect(watcher.events("dead", of: "leaving").isEmpty)
        #expect(try leaving.tool.waitForExit(timeout: 10) == 0)
        // The leaving member printed its table on the way out.
        #expect(leaving.events("summary", of: "watcher").count == 1)
        #expect(try watcher.stop() == 0)
    }

    @Test func sigkillIsReportedDeadWithinDropTimePlusOneInterval() throws {
        let network = try TestNetwork(hosts: 2)
        let timing = ["--interval", "200ms", "--drop-time", "1s"]
        let victim = try PingMember("victim", on: network.hosts[0], timing)
        let watcher = try PingMember("watcher", on: network.hosts[1], timing)
        try watcher.waitFor("joined", of: "victim", timeout: 10)
        let killed = PingMember.now()
        victim.tool.send(SIGKILL)
        let dead = try watcher.waitFor("dead", of: "victim", timeout: 10).object
        let delay = PingMember.millis(dead["time"])! - killed
        #expect(delay <= 1200, "dead reported \(delay) ms after SIGKILL")
        #expect((dead["silentMs"] as? Int).map { $0 >= 1000 } == true, "\(dead)")
        #expect(watcher.events("left").isEmpty)
        #expect(try watcher.stop() == 0)
    }

    @Test func memberOfAnotherDomainIsIgnored() throws {
        let network = try TestNetwork(hosts: 2)
        let other = try PingMember("other", on: network.hosts[0], ["--domain", "bank"])
        let result = try network.run(
            network.hosts[1],
            [try runner.executable("tern-ping"), "--json", "--domain", "shop", "--once", "--drop-time", "2s"])
        #expect(result.status == 0, "\(result)")
        let objects = result.stdoutLines.compactMap(PingMember.parse)
        #expect(!objects.contains { $0["event"] as? String == "joined" })
        let totals = try #require(objects.first { $0["event"] as? String == "totals" })
        #expect(totals["members"] as? Int == 0)
        let ignored = (totals["otherDomains"] as? [String: Any])?["bank"] as? Int
        #expect((ignored ?? 0) >= 2, "\(totals)")
        #expect(try other.stop() == 0)
    }

    @Test func restartWithTheSameIDFileIsARestart() throws {
        let network = try TestNetwork(hosts: 2)
        try withTemporaryDirectory(prefix: "ping-id") { directory in
            let idFile = directory.file("member.id")
            let watcher = try PingMember("watcher", on: network.hosts[1])
            let first = try PingMember("node", on: network.hosts[0], ["--id-file", idFile])
            let joined = try watcher.waitFor("joined", of: "node", timeout: 10).object
            #expect(try first.stop() == 0)
            try watcher.waitFor("left", of: "node", timeout: 5)
            let second = try PingMember("node", on: network.hosts[0], ["--id-file", idFile])
            let restarted = try watcher.waitFor("restarted", of: "node", timeout: 10).object
            #expect(restarted["member"] as? String == joined["member"] as? String)
            #expect(restarted["previousIncarnation"] as? String == joined["incarnation"] as? String)
            let id = try String(contentsOfFile: idFile, encoding: .utf8)
            #expect(id == (joined["member"] as? String ?? "") + "\n")
            #expect(try second.stop() == 0)
            #expect(try watcher.stop() == 0)
        }
    }
}
