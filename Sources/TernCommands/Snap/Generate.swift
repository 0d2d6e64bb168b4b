import ArgumentParser
import TernCommandSupport
import TernCore
import TernSnapshot

extension TernSnap {
    /// `tern-snap generate`: deterministic synthetic snapshots.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a deterministic synthetic snapshot for tests, demos and benchmarks.",
            discussion: """
                The same options give the same bytes on every machine. Values mix compressible \
                text with random bytes (--binary-percent). Sessions were created in the week before \
                --now (default 2026-01-01T00:00:00Z, fixed so that output never depends on the clock; \
                pass --now now for sessions that are live today); one in ten never expires, the others \
                after 30 minutes of inactivity.
                """)

        @Option(help: ArgumentHelp("Number of records (sessions and tombstones).", valueName: "n"))
        var sessions: Int = 1000

        @Option(help: ArgumentHelp("Attribute value size, or a range MIN-MAX (K, M suffixes).", valueName: "size"))
        var attrBytes: String = "200-4K"

        @Option(help: ArgumentHelp("Attributes per session, or a range MIN-MAX (at most 16).", valueName: "n"))
        var attrs: String = "1-8"

        @Option(help: ArgumentHelp("Number of contexts.", valueName: "k"))
        var contexts: Int = 3

        @Option(help: ArgumentHelp("Seed of the generator.", valueName: "s"))
        var seed: UInt64 = 1

        @Option(help: ArgumentHelp("Percentage of values that are random bytes.", valueName: "p"))
        var binaryPercent: Int = 20

        @Option(help: ArgumentHelp("Percentage of records that are tombstones.", valueName: "p"))
        var tombstonePercent: Int = 1

        @Option(help: ArgumentHelp("The snapshot's creation time: RFC 3339, a date, @SECONDS, or now.", valueName: "time"))
        var now: String = "2026-01-01T00:00:00Z"

        @Option(help: ArgumentHelp("Cluster name in the header.", valueName: "name"))
        var cluster: String = "default"

        @Option(name: .shortAndLong, help: ArgumentHelp("Output file, or - for standard output (gzip for a .gz name).", valueName: "file"))
        var output: String = "-"

        @Flag(help: "Compress with gzip whatever the output name.")
        var compress = false

        @OptionGroup(title: "Compression")
        var compression: CompressionOptions

        func validate() throws {
            guard sessions >= 0 else { throw ValidationError("--sessions must not be negative") }
            guard (1...1000).contains(contexts) else { throw ValidationError("--contexts: expected 1 to 1000") }
            guard (0...100).contains(binaryPercent) else { throw ValidationError("--binary-percent: expected 0 to 100") }
            guard (0...100).contains(tombstonePercent) else {
                throw ValidationError("--tombstone-percent: expected 0 to 100")
            }
            guard let sizes = Self.range(attrBytes, parse: ByteCount.parse), sizes.upperBound <= 16 << 20 else {
                throw ValidationError("--attr-bytes \(attrBytes): expected SIZE or MIN-MAX, at most 16M")
            }
            guard let counts = Self.range(attrs, parse: { Int($0) }), counts.upperBound <= 16 else {
                throw ValidationError("--attrs \(attrs): expected N or MIN-MAX, at most 16")
            }
            guard Timestamp.parse(now, now: 0) != nil else {
                throw ValidationError("--now \(now): expected an RFC 3339 time, a date, @SECONDS or now")
            }
            if output == "-" && StandardOutput.isTerminal {
                throw ValidationError("refusing to write a binary snapshot to a terminal; use -o FILE or a pipe")
            }
        }

        static func range(_ text: String, parse: (String) -> Int?) -> ClosedRange<Int>? {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= 2, let low = parse(parts[0]), let high = parse(parts.last!), low <= high else {
                return nil
            }
            return low...high
        }

        func run() throws {
            let parameters = SnapshotGenerator.Parameters(
                sessions: sessions, contexts: contexts,
                attributeBytes: Self.range(attrBytes, parse: ByteCount.parse)!,
                attributesPerSession: Self.range(attrs, parse: { Int($0) })!, binaryPercent: binaryPercent,
                tombstonePercent: tombstonePercent, seed: seed,
                now: Timestamp.parse(now, now: WallClock.now())!, cluster: cluster)
            let generator = SnapshotGenerator(parameters)
            try SnapshotOutput.writeSnapshot(
                to: output, header: generator.header(writer: TernSnap.writer),
                compression: SnapshotOutput.compression(forPath: output, force: compress),
                level: compression.level, threads: compression.resolvedThreads
            ) { writer in
                try generator.forEachRecord { try writer.write($0) }
            }
        }
    }
}
