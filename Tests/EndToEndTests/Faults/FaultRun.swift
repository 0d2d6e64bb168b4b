import Foundation
import TernTestKit
import Testing

/// How long the fault scenarios run, and where their results go. Short by default, so that
/// `make test` stays fast; at full length (the figures in docs/RELIABILITY.md) when
/// `TERN_FAULTS_FULL=1`, as `make faults` sets it.
enum FaultRun {
    /// Whether this run is at full length.
    static let full = ProcessInfo.processInfo.environment["TERN_FAULTS_FULL"] == "1"

    /// `short` seconds by default, `full` seconds at full length.
    static func seconds(short: Double, full: Double) -> Double { Self.full ? full : short }

    /// Membership timings: `--interval` and `--drop-time` (short, or tern-node's defaults at full length).
    static func timings(short interval: String, _ dropTime: String) -> [String] {
        full ? ["--interval", "500ms", "--drop-time", "3s"] : ["--interval", interval, "--drop-time", dropTime]
    }

    /// The highest resident set of `tool`, sampled every 100 ms for `seconds`, and at least `floor`.
    static func peakResidentBytes(of tool: RunningTool, for seconds: Double, from floor: Int) throws -> Int {
        var peak = floor
        let end = Date(timeIntervalSinceNow: seconds)
        while Date() < end {
            peak = max(peak, try tool.residentBytes())
            usleep(100_000)
        }
        return peak
    }
}

/// One scenario's line of the table in docs/RELIABILITY.md, as the test measured it. Printed on
/// standard output as `tern-fault-row {JSON}` and appended to `$TERN_FAULTS_REPORT` when set
/// (`make faults` collects that file into the table).
struct FaultRow {
    /// The scenario's name.
    var scenario: String
    /// The load applied.
    var load: String
    /// The faults injected, with what the test counted of them.
    var faults: String
    /// Writes acknowledged to a client.
    var acknowledged: Int
    /// Of those, the ones found where they had to be.
    var found: Int
    /// Whether every check of the scenario held.
    var passed: Bool
    /// Further figures (CPU seconds, RSS, …), by name.
    var figures: [String: Any] = [:]

    /// Prints the row and appends it to the report file.
    func emit() {
        var object: [String: Any] = [
            "scenario": scenario, "load": load, "faults": faults, "acknowledged": acknowledged, "found": found,
            "result": passed ? "pass" : "fail", "length": FaultRun.full ? "full" : "short",
        ]
        if !figures.isEmpty { object["figures"] = figures }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        let line = String(decoding: data, as: UTF8.self)
        print("tern-fault-row \(line)")
        guard let path = ProcessInfo.processInfo.environment["TERN_FAULTS_REPORT"], !path.isEmpty else { return }
        FaultRow.lock.withLock {
            guard let handle = FileHandle(forWritingAtPath: path) ?? Self.create(path) else { return }
            defer { try? handle.close() }
            _ = try? handle.seekToEnd()
            try? handle.write(contentsOf: Data((line + "\n").utf8))
        }
    }

    private static let lock = NSLock()

    private static func create(_ path: String) -> FileHandle? {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        return FileHandle(forWritingAtPath: path)
    }
}

/// A figure rounded to `places` decimals, for a row.
func rounded(_ value: Double, _ places: Int = 3) -> Double {
    let scale = pow(10, Double(places))
    return (value * scale).rounded() / scale
}
