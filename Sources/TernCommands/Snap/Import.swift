import ArgumentParser
import TernCommandSupport
import TernCore
import TernFiles
import TernSnapshot

extension TernSnap {
    /// `tern-snap import`: JSON Lines to a snapshot, the inverse of `cat`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Build a snapshot from JSON Lines in the form cat prints (the exact inverse of cat).",
            discussion: """
                Each line is a "session" or "tombstone" object as cat prints it; a "snapshot" line \
                supplies the header (without one, the header gets --cluster, the current time and the \
                version vector of the records). Blank lines are skipped. Lines may come in any order: \
                records are sorted in bounded memory (runs spilled to $TMPDIR). A key given twice keeps \
                the newest version. The first bad line stops the import with its line number and field \
                (exit 65); no output is written then.
                """)

        @Argument(help: ArgumentHelp("JSON Lines input, or - for standard input.", valueName: "file"))
        var file: String = "-"

        @Option(name: .shortAndLong, help: ArgumentHelp("Output snapshot, or - for standard output (gzip for a .gz name).", valueName: "file"))
        var output: String

        @Flag(help: "Compress with gzip whatever the output name.")
        var compress = false

        @Option(help: ArgumentHelp("Cluster name when the input has no snapshot line.", valueName: "name"))
        var cluster: String = "default"

        @OptionGroup(title: "Compression")
        var compression: CompressionOptions

        func validate() throws {
            if output == "-" && StandardOutput.isTerminal {
                throw ValidationError("refusing to write a binary snapshot to a terminal; use -o FILE or a pipe")
            }
        }

        func run() throws {
            let input = try FileInput.open(file)
            let lines = LineReader(input, maxLineBytes: 128 << 20)
            let sorter = ImportSorter()
            var header: SnapshotHeader?
            let name = file == "-" ? "standard input" : file
            do {
                while let line = try lines.next() {
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                    let place = "\(name): line \(lines.lineNumber)"
                    let value: JSONValue
                    do {
                        value = try JSONParser.parse(Array(line))
                    } catch {
                        throw ToolError(.dataError, "\(place), \(error): not valid JSON")
                    }
                    guard case .object(let object) = value else {
                        throw ToolError(.dataError, "\(place): expected a JSON object, found \(value.typeName)")
                    }
                    guard case .string(let kind)? = object["kind"] else {
                        throw ToolError(.dataError, "\(place): field \"kind\": \(RecordJSON.expectation("a string", object["kind"]))")
                    }
                    do {
                        switch kind {
                        case "session", "tombstone":
                            try sorter.add(try RecordJSON.decodeRecord(object, kind: kind))
                        case "snapshot":
                            guard header == nil else {
                                throw ToolError(.dataError, "\(place): a second \"snapshot\" line")
                            }
                            header = try RecordJSON.decodeHeader(object)
                        default:
                            throw ToolError(
                                .dataError, "\(place): field \"kind\": \"\(kind)\" is not session, tombstone or snapshot")
                        }
                    } catch let error as RecordJSON.FieldError {
                        throw ToolError(.dataError, "\(place): \(error)")
                    }
                }
            } catch let error as LineReader.LineTooLong {
                throw ToolError(.dataError, "\(name): line \(error.line) is longer than \(ByteCount.format(Int64(error.limit)))")
            }
            let now = WallClock.now()
            try sorter.drain(
                header: { vector in
                    guard var given = header else {
                        return SnapshotHeader(writer: TernSnap.writer, created: now, cluster: cluster, versionVector: vector)
                    }
                    // Edited records may be newer than the cut the header describes.
                    given.versionVector = given.versionVector.merged(with: vector)
                    return given
                }, into: output, compression: SnapshotOutput.compression(forPath: output, force: compress),
                level: compression.level, threads: compression.resolvedThreads)
            if sorter.duplicates > 0 {
                StandardError.line("tern-snap: warning: \(sorter.duplicates) sessions appeared more than once; kept the newest")
            }
        }
    }
}
