import Foundation
import TernTestKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The HOW-TO's scenario, step by step, with real processes and HTTP calls.
@Suite("tern-node: the HOW-TO scenario", .enabled(if: inPrivateNetworkNamespace, "needs .ci/netns-run (multicast)"))
struct NodeScenarioTests {
    @Test func theScenarioOfTheHowTo() throws {
        let membership = nodeMembership(46_201) + ["--touch-interval", "200ms"]
        try withWorkspace { ws in
            // A starts alone: nobody to ask, ready at once.
            let a = try NodeProcess("a", membership: membership, ["--id-file", "a.id"], in: ws)
            let aReady = try a.waitFor("ready").object
            #expect(aReady["outcome"] == nil, "no member to ask: \(aReady)")
            _ = try a.waitForHTTP()

            // B starts and receives A's state before its HTTP opens.
            let b = try NodeProcess("b", membership: membership, in: ws)
            let (bRequest, bRequestIndex) = try b.waitFor("state-request")
            #expect(bRequest["name"] as? String == "a")
            let (bReady, bReadyIndex) = try b.waitFor("ready")
            #expect(bReady["outcome"] as? String == "completed", "\(bReady)")
            let bHTTPIndex = try b.waitFor("http").index
            #expect(bRequestIndex < bReadyIndex && bReadyIndex < bHTTPIndex, "HTTP opens only after the state is in")
            try a.waitForPeers(["b"])

            // A session on A is on B once the write returns.
            let (id, created) = try a.create(attributes: ["user": "ada"], maxInactive: 600)
            #expect(created.int("Tern-Acknowledged") == 1, "\(created)")
            #expect(try b.attributes(id)?["user"] as? String == "ada")

            // A dies without a word; B serves the session.
            try a.kill()
            try b.waitFor("member", where: { $0["name"] as? String == "a" && $0["kind"] as? String == "dead" })
            #expect(try b.attributes(id)?["user"] as? String == "ada")
            let patched = try b.request(
                "PATCH", "/v1/contexts/shop/sessions/\(id)", body: #"{"set": {"cart": [1, 2]}}"#)
            #expect(patched.status == 200 && patched.int("Tern-Peers") == 0, "\(patched)")

            // A restarts (same id) and takes B's state before opening HTTP.
            let a2 = try NodeProcess("a", membership: membership, ["--id-file", "a.id"], in: ws)
            let (request, requestIndex) = try a2.waitFor("state-request")
            #expect(request["name"] as? String == "b")
            let (ready, readyIndex) = try a2.waitFor("ready")
            #expect(ready["outcome"] as? String == "completed" && ready["transferred"] as? Int == 1, "\(ready)")
            let httpIndex = try a2.waitFor("http").index
            #expect(requestIndex < readyIndex && readyIndex < httpIndex, "HTTP opens only after the state is in")
            let restored = try #require(try a2.attributes(id))
            #expect(restored["user"] as? String == "ada" && restored["cart"] as? [Int] == [1, 2])

            // Invalidated on A, gone on B.
            try a2.waitForPeers(["b"])
            let deleted = try a2.request("DELETE", "/v1/contexts/shop/sessions/\(id)")
            #expect(deleted.status == 204 && deleted.int("Tern-Acknowledged") == 1, "\(deleted)")
            #expect(try b.attributes(id) == nil)

            // A new session on B expires by inactivity on both (listing is no access).
            try b.waitForPeers(["a"])
            let (short, _) = try b.create(attributes: ["user": "bob"], maxInactive: 2)
            #expect(try a2.ids().contains(short), "replicated to A")
            let gone = try eventually(timeout: 20) { try !a2.ids().contains(short) && !b.ids().contains(short) }
            #expect(gone, "expired on both")
            #expect(try a2.attributes(short) == nil && b.attributes(short) == nil)

            #expect(try a2.stop() == 0)
            #expect(try b.stop() == 0)
        }
    }

    @Test func aHandComposedMemberReceivesReplicationAndServesTheState() throws {
        let membership = nodeMembership(46_202)
        try withWorkspace { ws in
            let receiver = try Receiver.start(["--serve-state", "--quiet"], in: ws)
            let ping = try RunningTool(
                "tern-ping", membership + ["--name", "composed", "--announce", receiver.address, "--json"],
                runner: runner)
            let pingGuard = ExitGuard(ping)
            defer { withExtendedLifetime(pingGuard) {} }
            // Started after the composed member, A asks it (the oldest ready member) for the state.
            usleep(300_000)
            let a = try NodeProcess("a", membership: membership, in: ws)
            #expect(try a.waitFor("state-request").object["name"] as? String == "composed")
            try a.waitForPeers(["composed"])
            var ids: [String] = []
            for index in 0..<25 {
                let (id, reply) = try a.create(attributes: ["n": "\(index)"])
                #expect(reply.int("Tern-Acknowledged") == 1, "tern-recv acknowledged it: \(reply)")
                ids.append(id)
            }
            let b = try NodeProcess("b", membership: membership, in: ws)
            #expect(try b.waitFor("state-request").object["name"] as? String == "composed")
            let ready = try b.waitFor("ready").object
            #expect(ready["outcome"] as? String == "completed" && ready["transferred"] as? Int == 25, "\(ready)")
            for (index, id) in ids.enumerated() { #expect(try b.attributes(id)?["n"] as? String == "\(index)") }
            try ws.xferOK(["pull", "--from", receiver.address, "-o", "composed.tsnap"])
            try a.pull(to: "a.tsnap", in: ws)
            try ws.expectSameSessions("composed.tsnap", "a.tsnap")
            #expect(try b.stop() == 0)
            #expect(try a.stop() == 0)
            #expect(try receiver.stop() == 0)
        }
    }

    @Test func noHTTPBeforeTheStateAndASilentSourceIsNamedWhenItTimesOut() throws {
        let membership = nodeMembership(46_203)
        try withWorkspace { ws in
            let silent = try SilentPeer()
            let ping = try RunningTool(
                "tern-ping", membership + ["--name", "silent", "--announce", silent.address], runner: runner)
            let pingGuard = ExitGuard(ping)
            defer { withExtendedLifetime(pingGuard) {} }
            usleep(300_000)
            let port = try freePort()
            let node = try NodeProcess(
                "n", membership: membership, ["--state-timeout", "2s"], http: "127.0.0.1:\(port)", in: ws)
            #expect(try node.waitFor("state-request").object["endpoint"] as? String == silent.address)
            var refusedWhileWaiting = 0
            while node.index(of: "state-failed") == nil {
                if (try? HTTPClient.request("GET", "127.0.0.1:\(port)", "/readyz")) != nil {
                    // Open: only allowed once the node gave up on the source (it may have just now).
                    #expect(node.index(of: "state-failed") != nil, "the HTTP port opened before the state arrived")
                    break
                }
                refusedWhileWaiting += 1
                usleep(100_000)
            }
            #expect(refusedWhileWaiting > 5)
            let failed = try node.waitFor("state-failed").object
            #expect(failed["outcome"] as? String == "timed-out" && failed["peer"] as? String == silent.address)
            #expect(try node.waitForHTTP() == "127.0.0.1:\(port)")
            #expect(try HTTPClient.request("GET", "127.0.0.1:\(port)", "/readyz").status == 200)
            #expect(try node.stop() == 0)

            let strict = try NodeProcess("s", membership: membership, ["--state-timeout", "1s", "--require-state"], in: ws)
            let status = try strict.tool.waitForExit(timeout: 30)
            #expect(status == 75, "\(strict.tool.stdoutLines) \(strict.tool.stderr)")
            #expect(strict.tool.stderr.contains(silent.address), "\(strict.tool.stderr)")
            #expect(strict.index(of: "http") == nil)
        }
    }

    @Test func replicationArrivingDuringATransferIsNotLost() throws {
        let membership = nodeMembership(46_204)
        try withWorkspace { ws in
            let a = try NodeProcess("a", membership: membership, in: ws)
            _ = try a.waitForHTTP()
            try ws.generate("bulk.tsnap", "--sessions", "5000", "--seed", "7", "--now", "now", "--attr-bytes", "64-512")
            try ws.xferOK(["push", "--to", a.replication, "--mode", "async", "bulk.tsnap"])
            let b = try NodeProcess("b", membership: membership, in: ws)
            try a.waitForPeers(["b"])
            var written: [String] = []
            while b.index(of: "ready") == nil {
                written.append(try a.create("live", attributes: ["n": "\(written.count)"]).id)
            }
            let ready = try b.waitFor("ready").object
            #expect(ready["outcome"] as? String == "completed", "\(ready)")
            #expect((ready["queuedApplied"] as? Int ?? 0) > 0, "writes held during the transfer: \(ready)")
            _ = try b.waitForHTTP()
            let onB = Set(try b.ids("live"))
            #expect(
                written.allSatisfy(onB.contains),
                "\(written.count - written.filter(onB.contains).count) of \(written.count) lost; b: \(b.tool.stdoutLines.suffix(20)) \(b.tool.stderr.suffix(3000))")
            let converged = try eventually(timeout: 30) {
                try a.pull(to: "a.tsnap", in: ws)
                try b.pull(to: "b.tsnap", in: ws)
                return try ws.snap("diff", "a.tsnap", "b.tsnap").status == 0
            }
            let difference = try ws.snap("diff", "a.tsnap", "b.tsnap").stdoutText
            #expect(converged, "\(difference)")
            #expect(try b.stop() == 0)
            #expect(try a.stop() == 0)
        }
    }
}

/// A TCP port on 127.0.0.1 that was free a moment ago.
func freePort() throws -> UInt16 {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    try #require(bound == 0)
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    return UInt16(bigEndian: address.sin_port)
}
