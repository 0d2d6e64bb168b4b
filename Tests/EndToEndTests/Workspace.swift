import Foundation
import TernTestKit
import Testing

/// The runner every end-to-end test uses: the built executables, killed after 60 s.
let runner = ToolRunner()

/// A temporary directory where one test runs `tern-snap`, with relative paths; removed afterwards.
struct Workspace {
    let directory: TemporaryDirectory

    var path: String { directory.path }

    /// Runs `tern-snap` with `arguments` in the workspace.
    @discardableResult
    func snap(_ arguments: String..., stdin: [UInt8]? = nil, environment: [String: String] = [:])
        throws -> ToolRunner.Result
    {
        try snap(arguments, stdin: stdin, environment: environment)
    }

    /// Runs `tern-snap` with `arguments` in the workspace.
    @discardableResult
    func snap(
        _ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String] = [:], stdoutPath: String? = nil
    )
        throws -> ToolRunner.Result
    {
        try runner.run(
            "tern-snap", arguments, stdin: stdin, directory: path, environment: environment, stdoutPath: stdoutPath)
    }

    /// Runs `tern-snap` and requires exit status 0; returns the result.
    @discardableResult
    func snapOK(_ arguments: String..., stdin: [UInt8]? = nil, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> ToolRunner.Result
    {
        try snapOK(arguments, stdin: stdin, sourceLocation: sourceLocation)
    }

    /// Runs `tern-snap` and requires exit status 0; returns the result.
    @discardableResult
    func snapOK(_ arguments: [String], stdin: [UInt8]? = nil, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> ToolRunner.Result
    {
        let result = try snap(arguments, stdin: stdin)
        try #require(
            result.status == 0 && !result.signaled, "tern-snap \(arguments.joined(separator: " ")): \(result)",
            sourceLocation: sourceLocation)
        return result
    }

    /// Runs a system program (gzip, cmp, sh) in the workspace.
    func program(_ path: String, _ arguments: String..., stdin: [UInt8]? = nil) throws -> ToolRunner.Result {
        try runner.runProgram(at: path, arguments, stdin: stdin, directory: self.path)
    }

    /// The absolute path of `name`.
    func file(_ name: String) -> String { directory.file(name) }

    /// The bytes of `name`.
    func read(_ name: String) throws -> [UInt8] { try directory.read(name) }

    /// Writes `bytes` to `name`.
    func write(_ bytes: [UInt8], to name: String) throws { try directory.write(bytes, to: name) }

    /// Writes `lines`, each followed by a newline, to `name`.
    func write(lines: [String], to name: String) throws {
        try directory.write(Array(lines.map { $0 + "\n" }.joined().utf8), to: name)
    }

    /// Whether `name` exists.
    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

    /// The names in the workspace, hidden ones included, sorted.
    func entries() throws -> [String] { try directory.entries() }

    /// Writes a synthetic snapshot to `name` (`tern-snap generate … -o name`) and returns its bytes.
    @discardableResult
    func generate(_ name: String, _ options: String..., sourceLocation: SourceLocation = #_sourceLocation)
        throws -> [UInt8]
    {
        let result = try snap(["generate"] + options + ["-o", name])
        try #require(result.status == 0, "generate \(options): \(result)", sourceLocation: sourceLocation)
        return try read(name)
    }

    /// Builds a snapshot `name` from JSON Lines (`tern-snap import`).
    func importLines(_ lines: [String], to name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try snap(["import", "-", "-o", name], stdin: Array(lines.map { $0 + "\n" }.joined().utf8))
        try #require(result.status == 0, "import to \(name): \(result)", sourceLocation: sourceLocation)
    }

    /// Writes to `name` the snapshot `tern-snap import` makes of `lines`, importing each distinct
    /// fixture once per test run (import is the subject of other tests; here it only builds input).
    func writeImported(_ lines: [String], to name: String) throws {
        try write(ImportedFixtures.shared.bytes(for: lines), to: name)
    }

    /// The one JSON object `tern-snap <arguments>` prints (inspect --json, verify --json).
    func jsonObject(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let result = try snap(arguments)
        try #require(result.status == 0, "\(arguments): \(result)", sourceLocation: sourceLocation)
        let lines = result.stdoutLines
        try #require(lines.count == 1, "expected one JSON line, got \(lines.count)", sourceLocation: sourceLocation)
        return try JSONLines.object(lines[0])
    }
}

/// Runs `body` in a fresh workspace that is removed afterwards, whatever happens.
func withWorkspace<Result>(_ body: (Workspace) throws -> Result) throws -> Result {
    try withTemporaryDirectory(prefix: "e2e") { try body(Workspace(directory: $0)) }
}

/// Snapshots imported from hand-written JSON Lines, built once each (in a workspace of their own)
/// and shared by the tests that need them as input.
final class ImportedFixtures: @unchecked Sendable {
    static let shared = ImportedFixtures()
    private let lock = NSLock()
    private var cache: [[String]: [UInt8]] = [:]

    func bytes(for lines: [String]) throws -> [UInt8] {
        try lock.withLock {
            if let cached = cache[lines] { return cached }
            let bytes = try withWorkspace { ws in
                try ws.importLines(lines, to: "fixture.tsnap")
                return try ws.read("fixture.tsnap")
            }
            cache[lines] = bytes
            return bytes
        }
    }
}
