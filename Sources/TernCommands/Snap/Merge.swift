import ArgumentParser
import TernCommandSupport
import TernCore
import TernSnapshot

extension TernSnap {
    /// `tern-snap merge`: newest version of each session across snapshots.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge snapshots: the newest version of each session, tombstones respected.",
            discussion: """
                Streams all inputs at once (they are sorted), keeping per session the record the \
                newest-wins rule picks: the newer version wins whole, a newer tombstone removes the \
                session, and copies of the same version keep the latest access. The header's version \
                vector is the union of the \
                inputs'. Every input's SHA-256 is checked; a corrupt input leaves no output.
                """)

        @Argument(help: ArgumentHelp("Snapshots to merge (one may be -).", valueName: "file"))
        var files: [String]

        @Option(name: .shortAndLong, help: ArgumentHelp("Output file, or - for standard output (gzip for a .gz name).", valueName: "file"))
        var output: String

        @Flag(help: "Compress with gzip whatever the output name.")
        var compress = false

        @Option(help: ArgumentHelp("Cluster name for the header (default: the first input's).", valueName: "name"))
        var cluster: String?

        @OptionGroup(title: "Compression")
        var compression: CompressionOptions

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("name at least one snapshot to merge") }
            guard files.filter({ $0 == "-" }).count <= 1 else {
                throw ValidationError("standard input (-) can be read only once")
            }
        }

        func run() throws {
            let readers = try files.map { try SnapshotReader(path: $0) }
            let clusters = Set(readers.map(\.header.cluster))
            if cluster == nil && clusters.count > 1 {
                StandardError.line(
                    "tern-snap: warning: inputs come from different clusters (\(clusters.sorted().joined(separator: ", "))); "
                        + "the output says \(readers[0].header.cluster)")
            }
            var merger = try RecordMerger(readers)
            let header = SnapshotHeader(
                writer: TernSnap.writer, created: WallClock.now(), cluster: cluster ?? readers[0].header.cluster,
                versionVector: merger.versionVector)
            try SnapshotOutput.writeSnapshot(
                to: output, header: header, compression: SnapshotOutput.compression(forPath: output, force: compress),
                level: compression.level, threads: compression.resolvedThreads
            ) { writer in
                while let record = try merger.next() { try writer.write(record) }
            }
        }
    }
}
