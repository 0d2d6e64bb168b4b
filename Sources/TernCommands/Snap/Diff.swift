import ArgumentParser
import TernCommandSupport
import TernCore
import TernSnapshot

extension TernSnap {
    /// `tern-snap diff`: added, removed and changed sessions between two snapshots.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two snapshots: added, removed and changed sessions.",
            discussion: """
                Streams both files side by side (they are sorted), in constant memory. A changed \
                session lists the metadata that differs (version, created, lastAccessed, maxInactive) \
                and each attribute added (+), removed (-) or changed, with sizes and short SHA-256 \
                fingerprints; values only with --reveal. Tombstones count as absence.

                Exit status follows diff(1), the one exception to tern's table: 0 same, 1 different, \
                2 trouble (a missing or corrupt input).

                JSON fields: kind (added, removed, changed, then one summary), context, id, fields, \
                attributes [{name, change, beforeBytes, afterBytes, beforeSha, afterSha, before, after}], \
                before/after {version, lastAccessed, attributes, bytes}; summary: added, removed, \
                changed, compared.
                """)

        @Argument(help: ArgumentHelp("The first snapshot (- for standard input).", valueName: "a"))
        var first: String

        @Argument(help: ArgumentHelp("The second snapshot (- for standard input).", valueName: "b"))
        var second: String

        @Flag(help: "Ignore last-access times (sessions that were only used, not changed, compare equal).")
        var ignoreAccessTime = false

        @Flag(help: "Show attribute values of changed and added attributes.")
        var reveal = false

        @OptionGroup(title: "Output")
        var output: JSONOutputOptions

        func validate() throws {
            if first == "-" && second == "-" { throw ValidationError("standard input (-) can be read only once") }
        }

        func run() throws {
            do {
                let differences = try compare()
                if differences > 0 { throw ExitCode(ExitStatus.negative.rawValue) }
            } catch let error as ExitCode {
                throw error
            } catch {
                let message = ToolError.classify(error)?.message ?? "\(error)"
                throw ToolError(.trouble, message)
            }
        }

        private func compare() throws -> Int {
            let left = try SnapshotReader(path: first)
            let right = try SnapshotReader(path: second)
            var report = DiffReport(json: output.json, reveal: reveal)
            var a = try left.next()
            var b = try right.next()
            while a != nil || b != nil {
                let difference: SessionDifference?
                if let ra = a, let rb = b, ra.key == rb.key {
                    difference = SessionDifference.compare(ra, rb, ignoreAccessTime: ignoreAccessTime)
                    a = try left.next()
                    b = try right.next()
                } else if let ra = a, b == nil || ra.key < b!.key {
                    difference = SessionDifference.compare(ra, nil)
                    a = try left.next()
                } else {
                    difference = SessionDifference.compare(nil, b)
                    b = try right.next()
                }
                report.compared += 1
                if let difference { try report.emit(difference) }
            }
            try report.finish()
            return report.total
        }
    }
}
