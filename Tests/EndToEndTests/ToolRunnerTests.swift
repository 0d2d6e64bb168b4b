import Foundation
import TernTestKit
import Testing

/// The runner itself: it finds the built tools, survives large outputs, and kills a hung process.
struct ToolRunnerTests {
    @Test func findsTheBuiltExecutable() throws {
        let path = try runner.executable("tern-snap")
        #expect(FileManager.default.isExecutableFile(atPath: path))
        #expect(throws: ToolRunner.Failure.self) { try runner.executable("no-such-tool") }
    }

    @Test func explicitBinDirectoryIsTheOnlyPlaceSearched() throws {
        let directory = URL(fileURLWithPath: try runner.executable("tern-snap")).deletingLastPathComponent().path
        #expect(throws: Never.self) { try ToolRunner(binDirectory: directory).executable("tern-snap") }
        #expect(throws: ToolRunner.Failure.self) {
            try ToolRunner(binDirectory: "/nonexistent").executable("tern-snap")
        }
    }

    /// Megabytes in on stdin and out on stdout at once: both pipes must be serviced concurrently.
    @Test func largeInputAndOutputDoNotDeadlock() throws {
        try withWorkspace { ws in
            var random = TestRandom(seed: 9)
            let input = random.bytes(3 << 20)
            let stored = try ws.snapOK("compress", "--level", "0", "-", "-o", "-", stdin: input)
            #expect(stored.stdout.count > input.count)
            #expect(try ws.snapOK("decompress", "-", "-o", "-", stdin: stored.stdout).stdout == input)
        }
    }

    @Test func passesEnvironmentAndWorkingDirectory() throws {
        try withWorkspace { ws in
            let result = try runner.runProgram(
                at: "/bin/sh", ["-c", "echo \"$TERN_PROBE\"; pwd; echo oops >&2; exit 3"], directory: ws.path,
                environment: ["TERN_PROBE": "hello"])
            #expect(result.status == 3)
            #expect(!result.signaled)
            #expect(result.stdoutLines.first == "hello")
            #expect(
                result.stdoutLines.last.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
                    == URL(fileURLWithPath: ws.path).resolvingSymlinksInPath().path)
            #expect(result.stderr == "oops\n")
        }
    }

    @Test func standardInputIsEmptyUnlessGiven() throws {
        let result = try runner.runProgram(at: "/bin/cat", [])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }

    /// The one test that waits: a process that never ends is killed after the (short) timeout.
    @Test func killsAProcessThatOutlivesTheTimeout() throws {
        let impatient = ToolRunner(timeout: 0.3)
        let result = try impatient.runProgram(at: "/bin/sleep", ["30"])
        #expect(result.timedOut)
        #expect(result.signaled)
        #expect(result.status == SIGKILL)
    }
}

@Suite("RunningTool")
struct RunningToolTests {
    @Test("collects stdout line by line and reports the exit status")
    func linesAndExit() throws {
        try withTemporaryDirectory { directory in
            let file = directory.file("three.tsnap")
            _ = try runner.run("tern-snap", ["generate", "--sessions", "3", "--seed", "1", "-o", file])
            let tool = try RunningTool("tern-snap", ["ls", file])
            let (index, _) = try tool.waitForLine(timeout: 30, "a session line") { $0.hasPrefix("app02 ") }
            #expect(try tool.waitForExit(timeout: 30) == 0)
            #expect(tool.stdoutLines.count == 4)
            #expect(tool.stdoutLines.first?.hasPrefix("CONTEXT") == true)
            #expect(index == 3)
        }
    }

    @Test("a tool that ends without the awaited line fails the wait at once")
    func endWithoutLine() throws {
        let tool = try RunningTool("tern-snap", ["verify", "/nonexistent/file.tsnap"])
        #expect(throws: RunningTool.Timeout.self) {
            try tool.waitForLine(timeout: 30, "a line that never comes") { _ in false }
        }
        #expect(try tool.waitForExit(timeout: 30) == 66)
        #expect(tool.stderr.contains("/nonexistent/file.tsnap"))
    }
}

@Suite("RunningTool lifetime")
struct RunningToolLifetimeTests {
    @Test("releasing a RunningTool kills its process, even while its output is still open")
    func releaseKills() throws {
        var tool: RunningTool? = try RunningTool("tern-recv", ["--listen", "127.0.0.1:0"])
        let pid = tool!.pid
        try tool!.waitForLine(timeout: 30, "the listening line") { $0.contains("listening") }
        tool = nil
        let deadline = Date(timeIntervalSinceNow: 10)
        var gone = false
        while Date() < deadline {
            // Gone, or a zombie waiting to be reaped: either way no longer running.
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else {
                gone = true
                break
            }
            if let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "Z" {
                gone = true
                break
            }
            usleep(20_000)
        }
        #expect(gone, "tern-recv (pid \(pid)) still runs after its RunningTool was released")
    }
}
