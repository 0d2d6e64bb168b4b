import TernCore
import TernSnapshot

#if canImport(Glibc)
    import Glibc
#endif

/// The records of a pull, kept until the state end gives the snapshot header its version vector
/// (the header comes first in the file, the vector last on the wire). They arrive in key order and
/// stay in memory up to `memoryBytes`; beyond that they are appended to a temporary uncompressed
/// snapshot in `$TMPDIR`, read back at the end, and removed (also on a fatal signal). Progress is
/// shown on a terminal meanwhile. Filled on the client's event loop, read after the pull.
final class PullSpool: @unchecked Sendable {
    private let memoryBytes: Int
    private var records: [StoreRecord] = []
    private var bytes: Int64 = 0
    private var directory: String?
    private var file: OutputFile?
    private var writer: SnapshotWriter?
    private let progress = Progress("pulling", total: nil)

    /// A spool that keeps up to `memoryBytes` (estimated) in memory.
    init(memoryBytes: Int) {
        self.memoryBytes = memoryBytes
    }

    deinit {
        file?.abort()
        if let directory {
            unlink(spillPath(directory))
            TemporaryFiles.unregister(spillPath(directory))
            rmdir(directory)
            TemporaryFiles.unregister(directory)
        }
    }

    /// Whether records went to disk.
    var spilled: Bool { directory != nil }

    /// Takes the records of one chunk, in order.
    func append(_ batch: [StoreRecord]) throws {
        for record in batch {
            bytes += Int64(64 + record.key.context.utf8.count + record.key.id.utf8.count)
            bytes += Int64(record.session?.attributes.reduce(0) { $0 + 48 + $1.name.utf8.count + $1.value.count } ?? 0)
        }
        if let writer {
            for record in batch { try writer.write(record) }
        } else {
            records.append(contentsOf: batch)
            if bytes > memoryBytes { try spill() }
        }
        progress.update(bytes)
    }

    /// Clears the progress line.
    func finish() {
        progress.finish()
    }

    /// Calls `body` with every record, in order.
    func forEach(_ body: (StoreRecord) throws -> Void) throws {
        guard let writer, let file, let directory else {
            for record in records { try body(record) }
            return
        }
        try writer.finish()
        try file.commit()
        self.writer = nil
        self.file = nil
        TemporaryFiles.register(spillPath(directory))
        // Our own file, just written: its structure is checked, its SHA-256 need not be.
        let reader = try SnapshotReader(path: spillPath(directory), checkDigest: false)
        while let record = try reader.next() { try body(record) }
    }

    private func spill() throws {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((base + "/tern-pull-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw IOFailure("create", path: base, code: errno)
        }
        let directory = String(cString: made)
        self.directory = directory
        TemporaryFiles.register(directory)
        let file = try OutputFile.create(spillPath(directory))
        let writer = try SnapshotWriter(
            sink: file, header: SnapshotHeader(writer: TernXfer.writer, created: 0, cluster: ""))
        for record in records { try writer.write(record) }
        records = []
        self.file = file
        self.writer = writer
    }

    private func spillPath(_ directory: String) -> String {
        "\(directory)/spill.tsnap"
    }
}
