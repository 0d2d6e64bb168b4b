import ArgumentParser
import TernCommandSupport
import TernCore
import TernSnapshot

extension TernSnap {
    /// `tern-snap inspect`: a summary of one snapshot.
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Summarize a snapshot: header, compression, sessions per context, sizes, access times.",
            discussion: """
                Reads the whole file once, checking its structure (the SHA-256 is left to verify, so \
                inspect runs at memory speed). Attribute sizes are reported as min, median, p99 and \
                max; median and p99 come from a log-linear histogram and are within 1.6 %.

                JSON fields: kind ("inspect"), file, format, writer, created, sourceMember, sourceName, \
                cluster, compression, storedBytes, uncompressedBytes, ratio, records, sessions, live, \
                expired, tombstones, at, contexts [{context, sessions, live, expired, tombstones}], \
                attributes, attributeBytes, attributeSize {min, median, p99, max}, oldestAccess, \
                newestAccess, versionVector [{physical, logical, origin}].
                """)

        @Argument(help: ArgumentHelp("The snapshot, or - for standard input.", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp(
            "The instant that decides live or expired: RFC 3339, a date, @SECONDS, or now.", valueName: "time"))
        var at: String = "now"

        @OptionGroup(title: "Output")
        var output: JSONOutputOptions

        func validate() throws {
            if Timestamp.parse(at, now: 0) == nil {
                throw ValidationError("--at \(at): expected an RFC 3339 time, a date, @SECONDS or now")
            }
        }

        func run() throws {
            let now = WallClock.now()
            let instant = Timestamp.parse(at, now: now) ?? now
            let reader = try SnapshotReader(path: file, checkDigest: false)
            var statistics = SnapshotStatistics(at: instant)
            while let record = try reader.next() { statistics.add(record) }
            let report = InspectReport(
                file: file, header: reader.header, compression: reader.compression,
                storedBytes: reader.storedBytesRead, uncompressedBytes: reader.offset, statistics: statistics,
                now: now)
            if output.json {
                try StandardOutput.shared.line(JSONValue.object(report.json).serialized)
            } else {
                for line in report.text { try StandardOutput.shared.line(line) }
            }
        }
    }
}
