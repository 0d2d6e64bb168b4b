import Foundation
import TernTestKit
import Testing

/// A full disk is an I/O error (74) with one line on stderr, and leaves no partial output.
struct DiskFullTests {
    /// Commands that write to standard output, with the input they need.
    @Test(arguments: [
        ["generate", "--sessions", "2000", "-o", "-"], ["cat", "a.tsnap"], ["compress", "a.tsnap", "-o", "-"],
        ["merge", "a.tsnap", "-o", "-"], ["ls", "a.tsnap"], ["inspect", "--json", "a.tsnap"],
    ])
    func fullStandardOutputExitsSeventyFour(arguments: [String]) throws {
        try withWorkspace { ws in
            try ws.generate("a.tsnap", "--sessions", "200")
            let result = try ws.snap(arguments, stdoutPath: "/dev/full")
            #expect(result.status == 74, "\(arguments): \(result)")
            #expect(result.stderrLines.count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("no space left"), "\(result.stderr)")
        }
    }

    /// Root with unshare: a private mount namespace can hold a 1 MiB tmpfs that fills up.
    static let canMountTmpfs: Bool = {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
        let probe = try? runner.runProgram(at: "/usr/bin/unshare", ["-m", "true"])
        return probe?.status == 0
    }()

    @Test(.enabled(if: canMountTmpfs, "needs root and unshare -m to mount a 1 MiB tmpfs in a private mount namespace"))
    func fullFileSystemExitsSeventyFourAndLeavesNoFile() throws {
        try withWorkspace { ws in
            let tool = try runner.executable("tern-snap")
            try FileManager.default.createDirectory(atPath: ws.file("small"), withIntermediateDirectories: false)
            let script = """
                mount -t tmpfs -o size=1m none small || exit 99
                "$0" generate --sessions 5000 -o small/x.tsnap
                echo "status $?"
                ls -A small
                """
            let result = try runner.runProgram(
                at: "/usr/bin/unshare", ["-m", "sh", "-c", script, tool], directory: ws.path)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdoutLines == ["status 74"], "the directory must be empty: \(result.stdoutText)")
            #expect(result.stderrLines.count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("small/x.tsnap"), "\(result.stderr)")
            #expect(result.stderr.contains("no space left"), "\(result.stderr)")
        }
    }
}
