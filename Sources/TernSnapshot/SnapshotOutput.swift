import TernFiles

/// Where a new snapshot (or any output) goes: an atomic `OutputFile`, gzip-compressed or not.
///
/// Use `write(to:…)`: it commits only when the body and the writer finished without error, and
/// removes the temporary file otherwise.
public enum SnapshotOutput {
    /// The compression an output path implies: gzip for a `.gz` name.
    public static func compression(forPath path: String, force: Bool) -> Compression {
        force || path.hasSuffix(".gz") ? .gzip : .none
    }

    /// Opens `path`, hands `body` a sink (compressing when asked), and commits atomically.
    public static func write<Result>(
        to path: String, compression: Compression, level: Int32 = 6, threads: Int = 1,
        _ body: (ByteSink) throws -> Result
    ) throws -> Result {
        let file = try OutputFile.create(path)
        do {
            let sink: ByteSink =
                compression == .gzip ? GzipDeflateSink(file, level: level, threads: threads) : file
            let result = try body(sink)
            try file.commit()
            return result
        } catch {
            file.abort()
            throw error
        }
    }

    /// Writes a whole snapshot: the header, what `records` writes, the trailer; atomically.
    @discardableResult
    public static func writeSnapshot(
        to path: String, header: SnapshotHeader, compression: Compression, level: Int32 = 6, threads: Int = 1,
        records: (SnapshotWriter) throws -> Void
    ) throws -> SnapshotTrailer {
        try write(to: path, compression: compression, level: level, threads: threads) { sink in
            let writer = try SnapshotWriter(sink: sink, header: header)
            try records(writer)
            return try writer.finish()
        }
    }
}
