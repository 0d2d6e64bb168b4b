import Foundation
import TernTestKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One `tern-ping --json` running in a host of a test network; its JSON Lines are parsed as they come.
final class PingMember: @unchecked Sendable {
    let name: String
    let tool: RunningTool

    /// Starts `tern-ping --name NAME --json ARGUMENTS` in `host`.
    init(_ name: String, on host: TestNetwork.Host, _ arguments: [String] = []) throws {
        self.name = name
        tool = try RunningTool(
            "tern-ping", ["--name", name, "--json"] + arguments, runner: runner, prefix: host.prefix)
    }

    /// Every JSON object printed so far.
    var objects: [[String: Any]] { tool.stdoutLines.compactMap(Self.parse) }

    /// The objects of `event` (about `member`, when given).
    func events(_ event: String, of member: String? = nil) -> [[String: Any]] {
        objects.filter { $0["event"] as? String == event && (member == nil || $0["name"] as? String == member) }
    }

    /// Waits for an `event` object about `member` at index `from` or later; returns it and its index.
    @discardableResult
    func waitFor(_ event: String, of member: String? = nil, from start: Int = 0, timeout: Double) throws -> (
        object: [String: Any], index: Int
    ) {
        let (index, line) = try tool.waitForLine(from: start, timeout: timeout, "\(event) of \(member ?? "anyone")") {
            guard let object = Self.parse($0) else { return false }
            return object["event"] as? String == event && (member == nil || object["name"] as? String == member)
        }
        return (Self.parse(line)!, index)
    }

    /// Sends SIGTERM and waits for the exit status.
    func stop(timeout: Double = 15) throws -> Int32 {
        tool.send(SIGTERM)
        return try tool.waitForExit(timeout: timeout)
    }

    static func parse(_ line: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }

    /// Milliseconds since the epoch of an RFC 3339 time with milliseconds.
    static func millis(_ value: Any?) -> Int64? {
        guard let text = value as? String else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
    }

    /// Now, in milliseconds since the epoch.
    static func now() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}
