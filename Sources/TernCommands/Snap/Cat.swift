import ArgumentParser
import TernCommandSupport
import TernCore
import TernSnapshot

extension TernSnap {
    /// `tern-snap cat`: the export, as JSON Lines.
    struct Cat: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a snapshot as JSON Lines, attribute values included.",
            discussion: """
                The first line describes the snapshot ("kind": "snapshot": format, writer, created, \
                sourceMember, sourceName, cluster, versionVector). Then one line per record, in key \
                order: "kind": "session" with context, id, created, lastAccessed, maxInactive, version \
                {physical, logical, origin} and attributes {name: value}, or "kind": "tombstone" with \
                context, id, version and retainUntil. A value that is UTF-8 is a JSON string; other \
                bytes are {"base64": "..."}. Times are RFC 3339 UTC with milliseconds.

                import is the exact inverse: tern-snap cat a.tsnap | jq -c ... | tern-snap import -o b.tsnap.
                --live and --expired leave tombstones out.
                """)

        @Argument(help: ArgumentHelp("The snapshot, or - for standard input.", valueName: "file"))
        var file: String

        @OptionGroup(title: "Filters")
        var filter: SessionFilterOptions

        func run() throws {
            let instant = filter.instant(now: WallClock.now())
            let reader = try SnapshotReader(path: file)
            let out = StandardOutput.shared
            try out.line(JSONValue.object(RecordJSON.encode(reader.header)))
            while let record = try reader.next() {
                guard filter.matches(record, at: instant) else { continue }
                try out.line(JSONValue.object(RecordJSON.encode(record)))
            }
        }
    }
}
