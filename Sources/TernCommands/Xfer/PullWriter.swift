import TernCommandSupport
import TernCore
import TernFiles
import TernSnapshot

/// Streams a pull into its snapshot as it arrives: the server's state begin gives the header, so the
/// file is opened (a temporary beside the output, or standard output) and its first bytes written
/// at once; each chunk's records are written as the transfer client framed and hashed them; the
/// trailer gets the digest the transfer checked. Nothing is held in memory beyond one chunk, and no
/// byte is hashed twice (docs/PROTOCOL.md, "State transfer"). Progress is shown on a terminal.
///
/// Filled on the client's event loop; `finish` or `abort` after the pull.
final class PullWriter: @unchecked Sendable {
    private let path: String
    private let compression: Compression
    private var file: OutputFile?
    private var writer: FramedSnapshotWriter?
    private let progress = Progress("pulling", total: nil)

    /// A writer to `path` (`-` for standard output), gzip-compressed as `compression` says.
    init(path: String, compression: Compression) {
        self.path = path
        self.compression = compression
    }

    deinit {
        file?.abort()
    }

    /// Opens the output and writes the snapshot's preamble and `header`.
    func begin(_ header: SnapshotHeader) throws {
        let file = try OutputFile.create(path)
        self.file = file
        let sink: ByteSink = compression == .gzip ? GzipDeflateSink(file, level: 6, threads: 1) : file
        writer = try FramedSnapshotWriter(sink: sink, headerBody: header.encodedBody)
    }

    /// Writes one chunk's records, framed as the snapshot stores them.
    func append(_ framed: UnsafeRawBufferPointer, records: Int) throws {
        guard let writer else { return }
        try writer.write(framed: framed, records: records)
        progress.update(writer.bytesWritten)
    }

    /// Writes the trailer with the transfer's checked `digest` and renames the output into place.
    func finish(digest: [UInt8]) throws {
        progress.finish()
        guard let writer, let file else { return }
        do {
            try writer.finish(digest: digest)
            try file.commit()
        } catch {
            abort()
            throw error
        }
        self.file = nil
    }

    /// Removes the partial output (standard output keeps what was written: a snapshot without a
    /// trailer, which every reader refuses).
    func abort() {
        progress.finish()
        file?.abort()
        file = nil
        writer = nil
    }
}
