#if canImport(Glibc)
import Glibc
#endif

import ArgumentParser
import TernCommandSupport
import TernFiles
import TernSnapshot

extension TernSnap {
    /// `tern-snap compress`: parallel gzip.
    struct Compress: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compress with gzip, deflating blocks on several threads into one standard gzip stream.",
            discussion: """
                Like pigz: 128 KiB blocks are deflated in parallel, each primed with the 32 KiB before \
                it, and joined into a single gzip member that gzip -t, zcat and every tern tool accept. \
                Any input is accepted, not only snapshots. Without -o, FILE is compressed to FILE.gz \
                (kept, never modified; an existing FILE.gz is replaced only with --force) and standard \
                input to standard output. Progress is shown on stderr when it is a terminal.
                """)

        @Argument(help: ArgumentHelp("The input, or - for standard input.", valueName: "file"))
        var file: String = "-"

        @Option(name: .shortAndLong, help: ArgumentHelp("Output file, or - for standard output.", valueName: "file"))
        var output: String?

        @Flag(name: .shortAndLong, help: "Replace an existing FILE.gz when -o is not given.")
        var force = false

        @OptionGroup(title: "Compression")
        var compression: CompressionOptions

        func run() throws {
            let target = try Transcode.target(explicit: output, input: file, force: force) { $0 + ".gz" }
            if target == "-" && StandardOutput.isTerminal {
                throw ValidationError("refusing to write compressed data to a terminal; use -o FILE or a pipe")
            }
            let input = try FileInput.open(file)
            let progress = Progress("compressing", total: input.size)
            try SnapshotOutput.write(to: target, compression: .none) { sink in
                let gzip = GzipDeflateSink(
                    sink, level: compression.level, threads: compression.resolvedThreads,
                    progress: { progress.update($0) })
                try Transcode.copy(from: input, to: gzip)
                try gzip.finish()
            }
            progress.finish()
        }
    }

    /// `tern-snap decompress`: gunzip.
    struct Decompress: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decompress a gzip file (one or more members, as zcat does).",
            discussion: """
                Without -o, FILE.gz is decompressed to FILE (kept, never modified; an existing FILE is \
                replaced only with --force) and standard input to standard output. A damaged stream \
                exits 65 naming the compressed byte offset; nothing is left behind.
                """)

        @Argument(help: ArgumentHelp("The gzip input, or - for standard input.", valueName: "file"))
        var file: String = "-"

        @Option(name: .shortAndLong, help: ArgumentHelp("Output file, or - for standard output.", valueName: "file"))
        var output: String?

        @Flag(name: .shortAndLong, help: "Replace an existing output when -o is not given.")
        var force = false

        func run() throws {
            let target = try Transcode.target(explicit: output, input: file, force: force) { name in
                guard name.hasSuffix(".gz"), name.count > 3 else {
                    throw ToolError(.usage, "\(name): no .gz suffix to remove; name the output with -o")
                }
                return String(name.dropLast(3))
            }
            let input = try FileInput.open(file)
            guard try input.peek(2) == SnapshotFormat.gzipMagic else {
                throw ToolError(.dataError, "\(file == "-" ? "standard input" : file): not in gzip format")
            }
            let progress = Progress("decompressing", total: input.size)
            let gzip = GzipInflateSource(input, bufferSize: 1 << 20)
            do {
                try SnapshotOutput.write(to: target, compression: .none) { sink in
                    try Transcode.copy(from: gzip, to: sink) { _ in progress.update(input.bytesRead) }
                    try sink.finish()
                }
            } catch let error as GzipError {
                throw ToolError(.dataError, "\(file == "-" ? "standard input" : file): \(error)")
            }
            progress.finish()
        }
    }
}

/// What compress and decompress share: choosing the output and copying in large chunks.
enum Transcode {
    static func target(
        explicit: String?, input: String, force: Bool, derive: (String) throws -> String
    ) throws -> String {
        if let explicit { return explicit }
        guard input != "-" else { return "-" }
        let derived = try derive(input)
        var info = stat()
        if stat(derived, &info) == 0 && !force {
            throw ToolError(.usage, "\(derived) already exists; use --force to replace it, or -o")
        }
        return derived
    }

    static func copy(from source: ByteSource, to sink: ByteSink, chunk: Int = 1 << 20, each: ((Int) -> Void)? = nil)
        throws
    {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let count = try source.read(into: buffer)
            if count == 0 { return }
            try sink.write(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            each?(count)
        }
    }
}
