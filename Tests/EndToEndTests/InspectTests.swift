import Foundation
import Testing

/// inspect --json reports counts that agree with the records cat exports.
struct InspectTests {
    static let options = [
        "--sessions", "300", "--contexts", "4", "--attr-bytes", "10-2K", "--attrs", "0-4", "--tombstone-percent",
        "10", "--seed", "7",
    ]
    /// Inside the week of generated accesses, so some sessions are live and others expired.
    static let at = "2025-12-29T12:00:00.000Z"

    /// What the exported records say, counted in Swift.
    struct Expected {
        var sessions = 0
        var tombstones = 0
        var live = 0
        var perContext: [String: (sessions: Int, live: Int, tombstones: Int)] = [:]
        var attributes = 0
    }

    static func expected(_ ws: Workspace, file: String, at instant: String) throws -> Expected {
        let millis = try JSONLines.millis(instant)
        var expected = Expected()
        for object in try JSONLines.objects(ws.snapOK("cat", file).stdoutLines.dropFirst().map { $0 }) {
            let context = try #require(object.string("context"))
            var counts = expected.perContext[context] ?? (0, 0, 0)
            if object.string("kind") == "tombstone" {
                expected.tombstones += 1
                counts.tombstones += 1
            } else {
                expected.sessions += 1
                counts.sessions += 1
                expected.attributes += try #require(object["attributes"] as? [String: Any]).count
                if try !JSONLines.isExpired(object, at: millis) {
                    expected.live += 1
                    counts.live += 1
                }
            }
            expected.perContext[context] = counts
        }
        return expected
    }

    @Test func countsMatchTheExportedRecords() throws {
        try withWorkspace { ws in
            try ws.snapOK(["generate"] + Self.options + ["-o", "a.tsnap"])
            let report = try ws.jsonObject("inspect", "--json", "--at", Self.at, "a.tsnap")
            let expected = try Self.expected(ws, file: "a.tsnap", at: Self.at)

            #expect(report.string("kind") == "inspect")
            #expect(report.int("records") == 300)
            #expect(report.int("sessions") == expected.sessions)
            #expect(report.int("tombstones") == expected.tombstones)
            #expect(expected.tombstones > 0)
            #expect(report.int("live") == expected.live)
            #expect(report.int("expired") == expected.sessions - expected.live)
            #expect(expected.live > 0 && expected.live < expected.sessions, "the instant should split the sessions")
            #expect(report.string("at") == Self.at)
            #expect(report.int("attributes") == expected.attributes)

            let contexts = try #require(report["contexts"] as? [[String: Any]])
            #expect(contexts.compactMap { $0.string("context") } == ["app00", "app01", "app02", "app03"])
            for context in contexts {
                let name = try #require(context.string("context"))
                let counts = try #require(expected.perContext[name])
                #expect(context.int("sessions") == counts.sessions, "\(name)")
                #expect(context.int("live") == counts.live, "\(name)")
                #expect(context.int("expired") == counts.sessions - counts.live, "\(name)")
                #expect(context.int("tombstones") == counts.tombstones, "\(name)")
            }
        }
    }

    @Test func attributeSizesAreOrderedQuantiles() throws {
        try withWorkspace { ws in
            try ws.snapOK(["generate"] + Self.options + ["-o", "a.tsnap"])
            let report = try ws.jsonObject("inspect", "--json", "--at", Self.at, "a.tsnap")
            let size = try #require(report["attributeSize"] as? [String: Any])
            let minimum = try #require(size.int("min"))
            let median = try #require(size.int("median"))
            let p99 = try #require(size.int("p99"))
            let maximum = try #require(size.int("max"))
            #expect(10 <= minimum)
            #expect(minimum <= median)
            #expect(median <= p99)
            #expect(p99 <= maximum)
            #expect(maximum <= 2048)
            #expect(try #require(report.int("attributeBytes")) >= maximum)
            #expect(report.string("oldestAccess")! <= report.string("newestAccess")!)
        }
    }

    @Test func instantDecidesLiveAndExpired() throws {
        try withWorkspace { ws in
            try ws.snapOK(["generate"] + Self.options + ["-o", "a.tsnap"])
            let early = try ws.jsonObject("inspect", "--json", "--at", "2025-01-01", "a.tsnap")
            let late = try ws.jsonObject("inspect", "--json", "--at", "@1893456000", "a.tsnap")
            #expect(early.int("expired") == 0)
            #expect(early.int("live") == early.int("sessions"))
            // Years later only the sessions that never expire are live.
            let sessions = try JSONLines.objects(ws.snapOK("cat", "a.tsnap").stdoutLines)
                .filter { $0.string("kind") == "session" }
            let immortal = sessions.filter { ($0.int("maxInactive") ?? 1) <= 0 }.count
            #expect(immortal > 0)
            #expect(late.int("live") == immortal)
        }
    }

    @Test func gzipReportsCompressionAndRatio() throws {
        try withWorkspace { ws in
            let plain = try ws.generate("a.tsnap", "--sessions", "200", "--binary-percent", "0")
            try ws.snapOK("compress", "a.tsnap")
            let stored = try ws.read("a.tsnap.gz").count
            let report = try ws.jsonObject("inspect", "--json", "a.tsnap.gz")
            #expect(report.string("compression") == "gzip")
            #expect(report.int("storedBytes") == stored)
            #expect(report.int("uncompressedBytes") == plain.count)
            let ratio = try #require(report["ratio"] as? Double)
            #expect(abs(ratio - Double(plain.count) / Double(stored)) < 0.001)
            #expect(ratio > 1.5, "text values compress")

            let uncompressed = try ws.jsonObject("inspect", "--json", "a.tsnap")
            #expect(uncompressed.string("compression") == "none")
            #expect(uncompressed.int("storedBytes") == plain.count)
            #expect(uncompressed["ratio"] as? Double == 1.0)
        }
    }

    @Test func textReportNamesTheSameCounts() throws {
        try withWorkspace { ws in
            try ws.snapOK(["generate"] + Self.options + ["-o", "a.tsnap"])
            let report = try ws.jsonObject("inspect", "--json", "--at", Self.at, "a.tsnap")
            let text = try ws.snapOK("inspect", "--at", Self.at, "a.tsnap").stdoutText
            let sessions = try #require(report.int("sessions"))
            let tombstones = try #require(report.int("tombstones"))
            #expect(text.contains("300: \(sessions) sessions, \(tombstones) tombstones"))
            #expect(text.contains("\(report.int("live")!) live, \(report.int("expired")!) expired at \(Self.at)"))
        }
    }
}
