import Foundation
import TernTestKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("tern-recv lifecycle")
struct ReceiverLifecycleTests {
    @Test func sigusr1WritesASnapshotAndSigtermWritesTheFinalOne() throws {
        try withWorkspace { ws in
            try ws.generate("first.tsnap", "--sessions", "100", "--seed", "1")
            try ws.generate("second.tsnap", "--sessions", "100", "--seed", "2")
            let receiver = try Receiver.start(["--quiet", "--json", "--snapshot", "store.tsnap.gz"], in: ws)
            try ws.xferOK(["push", "--to", receiver.address, "first.tsnap"])
            receiver.tool.send(SIGUSR1)
            let (index, _) = try receiver.tool.waitForLine(timeout: 30, "the snapshot event") {
                $0.contains("\"snapshot\"")
            }
            try ws.expectSameSessions("first.tsnap", "store.tsnap.gz")
            try ws.xferOK(["push", "--to", receiver.address, "second.tsnap"])
            #expect(try receiver.stop() == 0)
            let final = try JSONLines.object(
                try #require(receiver.tool.stdoutLines.dropFirst(index + 1).first { $0.contains("\"snapshot\"") }))
            #expect(final["reason"] as? String == "exit")
            #expect(final["records"] as? Int == 200)
            try ws.snapOK("merge", "first.tsnap", "second.tsnap", "-o", "both.tsnap")
            try ws.expectSameSessions("both.tsnap", "store.tsnap.gz")
            #expect(
                try receiver.tool.stdoutLines.last.map { try JSONLines.object($0)["event"] as? String } == "stopped")
        }
    }

    @Test func aRecordedStreamReplaysIntoAnotherReceiver() throws {
        try withWorkspace { ws in
            try ws.generate("in.tsnap", "--sessions", "300", "--seed", "8")
            let recorder = try Receiver.start(["--quiet", "--serve-state", "--record", "stream.trec"], in: ws)
            try ws.xferOK(["push", "--to", recorder.address, "--mode", "pooled", "in.tsnap"])
            try ws.xferOK(["pull", "--from", recorder.address, "-o", "recorded.tsnap"])
            #expect(try recorder.stop() == 0)
            let replica = try Receiver.start(["--quiet", "--serve-state"], in: ws)
            let replay = try ws.xferOK(["push", "--to", replica.address, "stream.trec"])
            #expect(replay.stdoutText.contains("300 acknowledged"), "\(replay.stdoutText)")
            try ws.xferOK(["pull", "--from", replica.address, "-o", "replayed.tsnap"])
            try ws.expectSameSessions("recorded.tsnap", "replayed.tsnap")
            #expect(try replica.stop() == 0)
        }
    }

    @Test func linesPerMessageShowNamesAndSizesAndValuesOnlyWhenRevealed() throws {
        try withWorkspace { ws in
            try ws.writeImported([JSONLines.session("s1", attributes: ["secret": "hunter2"])], to: "one.tsnap")
            let hidden = try Receiver.start(["--json"], in: ws)
            try ws.xferOK(["push", "--to", hidden.address, "one.tsnap"])
            let (_, line) = try hidden.tool.waitForLine(timeout: 30, "a message line") { $0.contains("\"message\"") }
            let object = try JSONLines.object(line)
            #expect(object["kind"] as? String == "put")
            #expect(object["id"] as? String == "s1")
            #expect(object["outcome"] as? String == "applied")
            #expect(object["attributes"] as? Int == 1)
            #expect(!line.contains("hunter2"))
            let revealed = try Receiver.start(["--json", "--reveal"], in: ws)
            try ws.xferOK(["push", "--to", revealed.address, "one.tsnap"])
            let (_, shown) = try revealed.tool.waitForLine(timeout: 30, "a message line") { $0.contains("\"message\"") }
            #expect(shown.contains("hunter2"))
            #expect(try hidden.stop() == 0)
            #expect(try revealed.stop() == 0)
        }
    }
}
