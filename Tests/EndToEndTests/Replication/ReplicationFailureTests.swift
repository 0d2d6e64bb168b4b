import Foundation
import TernTestKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Replication failures")
struct ReplicationFailureTests {
    @Test func killingTheReceiverMidPushListsWhatWasNotAcknowledged() throws {
        try withWorkspace { ws in
            try ws.generate("in.tsnap", "--sessions", "20000", "--seed", "31", "--attr-bytes", "100-200")
            let receiver = try Receiver.start([], in: ws)
            let push = try RunningTool(
                "tern-xfer", ["push", "--to", receiver.address, "--retry-for", "1s", "in.tsnap"], runner: runner,
                directory: ws.path)
            let pushGuard = ExitGuard(push)
            defer { withExtendedLifetime(pushGuard) {} }
            try receiver.tool.waitForLine(from: 100, timeout: 60, "100 applied messages") { _ in true }
            receiver.tool.send(SIGKILL)
            let status = try push.waitForExit(timeout: 60)
            #expect(status == 69 || status == 1, "\(push.stderr)")
            let listed = push.stdoutLines.filter { $0.hasPrefix("not acknowledged: ") }
            #expect(!listed.isEmpty)
            #expect(listed.allSatisfy { $0.contains(receiver.address) }, "\(listed.prefix(3))")
            let summary = try #require(push.stdoutLines.last)
            let acknowledged = try #require(Self.number(before: " acknowledged", in: summary))
            #expect(acknowledged + listed.count == 20000, "\(summary)")
            #expect(push.stderr.contains("not acknowledged by \(receiver.address)"))
        }
    }

    @Test func garbageClosesThatConnectionWithALogLineAndOthersAreStillServed() throws {
        try withWorkspace { ws in
            let receiver = try Receiver.start(["--serve-state", "--quiet"], in: ws)
            let garbage = try RawConnection(receiver.address)
            garbage.send(Array("GET / HTTP/1.1\r\nHost: tern\r\n\r\n".utf8))
            _ = garbage.readToEnd()
            try receiver.tool.waitForStderr(containing: "not a tern replication stream", timeout: 30)
            try ws.generate("in.tsnap", "--sessions", "100")
            try ws.xferOK(["push", "--to", receiver.address, "in.tsnap"])
            try ws.xferOK(["pull", "--from", receiver.address, "-o", "out.tsnap"])
            try ws.expectSameSessions("in.tsnap", "out.tsnap")
            #expect(try receiver.stop() == 0)
        }
    }

    @Test func aFourGiBLengthIsRefusedBeforeAnythingIsBuffered() throws {
        try withWorkspace { ws in
            let receiver = try Receiver.start(["--serve-state", "--quiet"], in: ws)
            let hostile = try RawConnection(receiver.address)
            // A put frame header: type 1, no flags, sequence 1, payload length 0xFFFFFFFF.
            hostile.send(defaultPreface + [1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF])
            _ = hostile.readToEnd()
            let log = try receiver.tool.waitForStderr(containing: "4294967295 bytes exceeds the limit", timeout: 30)
            #expect(log.contains("127.0.0.1:"), "the log line names the peer: \(log)")
            try ws.generate("in.tsnap", "--sessions", "100")
            try ws.xferOK(["push", "--to", receiver.address, "in.tsnap"])
            #expect(try receiver.stop() == 0)
        }
    }

    @Test func eachFailureHasItsExitStatusAndNamesThePeer() throws {
        try withWorkspace { ws in
            try ws.generate("in.tsnap", "--sessions", "20")
            let closed = try closedAddress()
            let refusedPush = try ws.xfer(["push", "--to", closed, "in.tsnap"])
            #expect(refusedPush.status == 69 && refusedPush.stderr.contains(closed), "\(refusedPush)")
            let refusedPull = try ws.xfer(["pull", "--from", closed, "-o", "x.tsnap"])
            #expect(refusedPull.status == 69 && refusedPull.stderr.contains(closed), "\(refusedPull)")

            let silent = try SilentPeer()
            let hung = try ws.xfer(["pull", "--from", silent.address, "--timeout", "500ms", "-o", "x.tsnap"])
            #expect(hung.status == 75 && hung.stderr.contains(silent.address), "\(hung)")

            let plain = try Receiver.start(["--quiet"], in: ws)
            let notServing = try ws.xfer(["pull", "--from", plain.address, "-o", "x.tsnap"])
            #expect(notServing.status == 69 && notServing.stderr.contains("does not serve state"), "\(notServing)")
            let otherDomain = try ws.xfer(["push", "--to", plain.address, "--domain", "blue", "in.tsnap"])
            #expect(otherDomain.status == 69 && otherDomain.stderr.contains("domain"), "\(otherDomain)")
            #expect(!ws.exists("x.tsnap"))

            try ws.write(Array(try ws.read("in.tsnap").dropLast(10)), to: "cut.tsnap")
            #expect(try ws.xfer(["push", "--to", plain.address, "cut.tsnap"]).status == 65)
            #expect(try ws.xfer(["push", "--to", plain.address, "missing.tsnap"]).status == 66)
            #expect(try ws.xfer(["push", "--to", plain.address, "--mode", "fast", "in.tsnap"]).status == 64)
            #expect(try plain.stop() == 0)
        }
    }

    /// The integer just before `marker` in `text`.
    static func number(before marker: String, in text: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        let digits = text[..<range.lowerBound].reversed().prefix(while: \.isNumber)
        return Int(String(digits.reversed()))
    }
}
