import Foundation
import Testing

/// `--help` of tern-snap and of every subcommand, compared with Golden/help-<command>.txt.
/// `TERN_RECORD_GOLDEN=1 swift test --filter HelpGoldenTests` rewrites the files after a deliberate
/// change; review and commit them.
struct HelpGoldenTests {
    static let commands = [
        "tern-snap", "inspect", "ls", "cat", "import", "verify", "compress", "decompress", "diff", "merge", "generate",
    ]

    static var recording: Bool { ProcessInfo.processInfo.environment["TERN_RECORD_GOLDEN"] == "1" }

    /// Golden/ in the source tree, where recording writes.
    static let sourceDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Golden")

    @Test(arguments: commands)
    func helpMatchesGoldenFile(command: String) throws {
        let arguments = command == "tern-snap" ? ["--help"] : [command, "--help"]
        let result = try runner.run("tern-snap", arguments, environment: ["COLUMNS": "100"])
        #expect(result.status == 0, "\(result)")
        let name = "help-\(command).txt"
        if Self.recording {
            try Data(result.stdout).write(to: Self.sourceDirectory.appendingPathComponent(name))
            return
        }
        let golden = try #require(
            Bundle.module.url(forResource: "Golden", withExtension: nil)?.appendingPathComponent(name),
            "no Golden resource directory")
        let expected = try #require(
            try? String(contentsOf: golden, encoding: .utf8),
            "missing \(name): run TERN_RECORD_GOLDEN=1 swift test --filter HelpGoldenTests")
        let actual = result.stdoutText
        if actual != expected {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first =
                (0..<min(expectedLines.count, actualLines.count)).first { expectedLines[$0] != actualLines[$0] }
                ?? min(expectedLines.count, actualLines.count)
            Issue.record(
                """
                \(name) differs at line \(first + 1) (re-record with TERN_RECORD_GOLDEN=1 if the change is deliberate)
                expected: \(first < expectedLines.count ? String(expectedLines[first]) : "(end)")
                actual:   \(first < actualLines.count ? String(actualLines[first]) : "(end)")
                """)
        }
    }

    @Test func helpSubcommandPrintsTheSameAsHelpFlag() throws {
        let flag = try runner.run("tern-snap", ["diff", "--help"], environment: ["COLUMNS": "100"])
        let subcommand = try runner.run("tern-snap", ["help", "diff"], environment: ["COLUMNS": "100"])
        #expect(subcommand.status == 0)
        #expect(subcommand.stdout == flag.stdout)
    }
}
