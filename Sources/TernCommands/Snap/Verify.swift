import ArgumentParser
import TernCommandSupport
import TernCore
import TernSnapshot

extension TernSnap {
    /// `tern-snap verify`: the integrity check for monitoring.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a snapshot's integrity: structure, record order, count and SHA-256.",
            discussion: """
                Streams the file once, in constant memory, with the same reader every loader uses. \
                Exit 0 when good; 65 when corrupt, with the byte offset, the record index and what was \
                expected on stderr; 1 when --max-age is given and the snapshot is older (a stale cron \
                backup). A snapshot that is both corrupt and old exits 65.

                JSON fields: kind ("verify"), file, ok, records, uncompressedBytes, storedBytes, \
                compression, sha256, created, ageMs, and error (when not ok).
                """)

        @Argument(help: ArgumentHelp("The snapshot, or - for standard input.", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("Exit 1 if the snapshot was created longer ago than this (e.g. 26h).", valueName: "duration"))
        var maxAge: String?

        @Flag(name: .shortAndLong, help: "Print nothing when the snapshot is good.")
        var quiet = false

        @OptionGroup(title: "Output")
        var output: JSONOutputOptions

        func validate() throws {
            if let maxAge, DurationText.parse(maxAge) == nil {
                throw ValidationError("--max-age \(maxAge): expected a duration such as 90s, 30m, 26h or 7d")
            }
        }

        func run() throws {
            let reader: SnapshotReader
            do {
                reader = try SnapshotReader(path: file)
                while try reader.next() != nil {}
            } catch {
                if output.json, let failure = ToolError.classify(error) {
                    try StandardOutput.shared.line(JSONValue.object([
                        "kind": .string("verify"), "file": .string(file), "ok": .bool(false),
                        "error": .string(failure.message),
                    ]).serialized)
                }
                throw error
            }
            let now = WallClock.now()
            let age = now - reader.header.created
            let trailer = reader.trailer!
            if output.json {
                try StandardOutput.shared.line(JSONValue.object([
                    "kind": .string("verify"), "file": .string(file), "ok": .bool(true),
                    "records": .int(Int64(trailer.count)), "uncompressedBytes": .int(reader.offset),
                    "storedBytes": .int(reader.storedBytesRead), "compression": .string(reader.compression.rawValue),
                    "sha256": .string(trailer.digestHex), "created": .string(Timestamp.format(reader.header.created)),
                    "ageMs": .int(age),
                ]).serialized)
            } else if !quiet {
                try StandardOutput.shared.line(
                    "\(file == "-" ? "(standard input)" : file): ok, \(trailer.count) records, "
                        + "\(ByteCount.format(reader.offset)), sha256 \(trailer.digestHex), "
                        + "created \(Timestamp.format(reader.header.created))")
            }
            if let maxAge, let limit = DurationText.parse(maxAge), age > limit {
                StandardError.line(
                    "tern-snap: \(file): snapshot is \(DurationText.format(millis: age)) old, older than --max-age \(maxAge)")
                throw ExitCode(ExitStatus.negative.rawValue)
            }
        }
    }
}
