import ArgumentParser
import TernCommandSupport
import TernCore
import TernSnapshot

extension TernSnap {
    /// `tern-snap ls`: a line per session.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ls",
            abstract: "List sessions: context, id, created, last access, max inactive, expires in, attributes, bytes.",
            discussion: """
                Tombstones are not listed (inspect counts them; cat exports them). Values are never shown.

                JSON fields: kind ("session"), context, id, created, lastAccessed, maxInactive (seconds; \
                0 or less: never expires), expires (time or null), expiresInMs (negative once expired, \
                null if never), expired, attributes (count), bytes (sum of value sizes), \
                version {physical, logical, origin}.
                """)

        @Argument(help: ArgumentHelp("The snapshot, or - for standard input.", valueName: "file"))
        var file: String

        @OptionGroup(title: "Filters")
        var filter: SessionFilterOptions

        @OptionGroup(title: "Output")
        var output: JSONOutputOptions

        func run() throws {
            let instant = filter.instant(now: WallClock.now())
            let reader = try SnapshotReader(path: file, checkDigest: false)
            let out = StandardOutput.shared
            if !output.json {
                try out.line(Self.columns([
                    "CONTEXT", "ID", "CREATED", "LAST ACCESS", "MAX INACTIVE", "EXPIRES IN", "ATTRS", "BYTES",
                ]))
            }
            while let record = try reader.next() {
                guard let session = record.session, filter.matches(record, at: instant) else { continue }
                if output.json {
                    try out.line(JSONValue.object(Self.json(session, at: instant)))
                } else {
                    try out.line(Self.columns(Self.text(session, at: instant)))
                }
            }
        }

        static func text(_ session: Session, at instant: UnixMillis) -> [String] {
            let expiresIn = session.expiresAt.map { expiresAt in
                expiresAt <= instant ? "expired" : DurationText.format(millis: expiresAt - instant)
            } ?? "never"
            let maxInactive = session.maxInactiveSeconds > 0
                ? DurationText.format(millis: Int64(session.maxInactiveSeconds) * 1000) : "never"
            return [
                session.key.context, session.key.id, Timestamp.formatShort(session.created),
                Timestamp.formatShort(session.lastAccessed), maxInactive, expiresIn, String(session.attributes.count),
                String(session.attributes.valueBytes),
            ]
        }

        static func json(_ session: Session, at instant: UnixMillis) -> JSONObject {
            [
                "kind": .string("session"), "context": .string(session.key.context), "id": .string(session.key.id),
                "created": .string(Timestamp.format(session.created)),
                "lastAccessed": .string(Timestamp.format(session.lastAccessed)),
                "maxInactive": .int(Int64(session.maxInactiveSeconds)),
                "expires": session.expiresAt.map { .string(Timestamp.format($0)) } ?? .null,
                "expiresInMs": session.expiresAt.map { .int($0 - instant) } ?? .null,
                "expired": .bool(session.isExpired(at: instant)),
                "attributes": .int(Int64(session.attributes.count)),
                "bytes": .int(Int64(session.attributes.valueBytes)), "version": RecordJSON.encode(session.version),
            ]
        }

        /// Fixed widths for the short columns; context and id take what they need.
        static func columns(_ fields: [String]) -> String {
            let widths = [8, 32, 20, 20, 12, 10, 5, 0]
            var line = ""
            for (field, width) in zip(fields, widths) {
                line += width == 0 ? field : field.padding(width + 1)
            }
            return line
        }
    }
}
