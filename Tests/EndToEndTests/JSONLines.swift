import Foundation
import Testing

/// Hand-written JSON Lines in the form `tern-snap cat` prints, and Swift-side edits of them (what a
/// user would do with jq).
enum JSONLines {
    /// The origin member of hand-written versions.
    static let origin = "00000000000000000000000000000001"
    /// 2026-01-01T00:00:00.000Z.
    static let epoch = "2026-01-01T00:00:00.000Z"

    /// A `session` line with text attribute values.
    static func session(
        _ id: String, context: String = "shop", version: Int = 1000, lastAccessed: String = epoch,
        created: String = epoch, maxInactive: Int = 1800, attributes: [String: String] = [:]
    ) -> String {
        encode([
            "kind": "session", "context": context, "id": id, "created": created, "lastAccessed": lastAccessed,
            "maxInactive": maxInactive, "version": versionObject(version), "attributes": attributes,
        ])
    }

    /// A `tombstone` line.
    static func tombstone(
        _ id: String, context: String = "shop", version: Int, retainUntil: String = "2026-01-02T00:00:00.000Z"
    )
        -> String
    {
        encode([
            "kind": "tombstone", "context": context, "id": id, "version": versionObject(version),
            "retainUntil": retainUntil,
        ])
    }

    static func versionObject(_ physical: Int) -> [String: Any] {
        ["physical": physical, "logical": 0, "origin": origin]
    }

    /// One line of JSON, keys sorted, slashes not escaped.
    static func encode(_ object: [String: Any]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses one line holding a JSON object.
    static func object(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(value as? [String: Any], "not a JSON object: \(line)", sourceLocation: sourceLocation)
    }

    /// Parses every line.
    static func objects(_ lines: [String]) throws -> [[String: Any]] {
        try lines.map { try object($0) }
    }

    /// Milliseconds since the epoch of an RFC 3339 time with milliseconds.
    static func millis(_ text: String) throws -> Int64 {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let date = try #require(formatter.date(from: text), "not an RFC 3339 time: \(text)")
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// `time` (RFC 3339, UTC, milliseconds) moved by whole `seconds`, milliseconds kept exactly.
    static func shifted(_ time: String, seconds: Int) throws -> String {
        let parts = time.split(separator: ".")
        try #require(parts.count == 2 && time.hasSuffix("Z"), "expected yyyy-mm-ddThh:mm:ss.mmmZ: \(time)")
        let formatter = ISO8601DateFormatter()
        let date = try #require(formatter.date(from: parts[0] + "Z"))
        let moved = formatter.string(from: date.addingTimeInterval(Double(seconds)))
        return moved.dropLast() + "." + parts[1]
    }

    /// Whether a `session` object from `cat` has expired at `instant` (tern's rule: a max inactive of
    /// 0 or less never expires; otherwise expired once last access + max inactive <= instant).
    static func isExpired(_ session: [String: Any], at instant: Int64) throws -> Bool {
        let maxInactive = try #require(session["maxInactive"] as? Int)
        guard maxInactive > 0 else { return false }
        let lastAccessed = try millis(try #require(session["lastAccessed"] as? String))
        return lastAccessed + Int64(maxInactive) * 1000 <= instant
    }
}

extension [String: Any] {
    /// The value at `key` as an integer (JSON numbers come back as NSNumber-bridged values).
    func int(_ key: String) -> Int? { self[key] as? Int }

    /// The value at `key` as a string.
    func string(_ key: String) -> String? { self[key] as? String }

    /// The same object without `keys`, re-encoded canonically, for comparing two reports.
    func canonical(without keys: Set<String> = []) -> String {
        JSONLines.encode(filter { !keys.contains($0.key) })
    }
}
