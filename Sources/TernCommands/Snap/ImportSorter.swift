import TernCore
import TernFiles
import TernSnapshot

#if canImport(Glibc)
import Glibc
#endif

/// Puts imported records in snapshot order in bounded memory: records are collected into runs of
/// at most `runBytes`, each sorted and spilled to a temporary snapshot, and the runs are merged.
/// Input that is already sorted (the output of `cat`) and small enough never touches the disk.
/// A key given more than once keeps the record the newest-wins rule picks.
final class ImportSorter {
    private let runBytes: Int
    private var pending: [StoreRecord] = []
    private var pendingBytes = 0
    private var directory: String?
    private var runs: [String] = []
    private(set) var duplicates = 0

    init(runBytes: Int = 32 << 20) {
        self.runBytes = runBytes
    }

    deinit {
        for run in runs {
            unlink(run)
            TemporaryFiles.unregister(run)
        }
        if let directory {
            rmdir(directory)
            TemporaryFiles.unregister(directory)
        }
    }

    func add(_ record: StoreRecord) throws {
        pending.append(record)
        pendingBytes += 64 + record.key.context.utf8.count + record.key.id.utf8.count
            + (record.session.map { session in
                48 * session.attributes.count + session.attributes.nameBytes + session.attributes.valueBytes
            } ?? 0)
        if pendingBytes >= runBytes { try spill() }
    }

    /// Writes every record, sorted and merged, as a snapshot at `path`; `header` is asked for the
    /// header once the version vector of all records is known.
    func drain(header: (VersionVector) throws -> SnapshotHeader, into path: String, compression: Compression,
        level: Int32, threads: Int) throws
    {
        if runs.isEmpty {
            let records = sortedPending()
            let vector = VersionVector(records.map(\.version))
            try SnapshotOutput.writeSnapshot(
                to: path, header: try header(vector), compression: compression, level: level, threads: threads
            ) { writer in
                for record in records { try writer.write(record) }
            }
            return
        }
        try spill()
        let readers = try runs.map { try SnapshotReader(path: $0) }
        var merger = try RecordMerger(readers)
        var vector = VersionVector()
        for reader in readers { vector = vector.merged(with: reader.header.versionVector) }
        try SnapshotOutput.writeSnapshot(
            to: path, header: try header(vector), compression: compression, level: level, threads: threads
        ) { writer in
            var previous: SessionKey?
            while let record = try merger.next() {
                if record.key == previous { duplicates += 1 }
                previous = record.key
                try writer.write(record)
            }
        }
    }

    private func sortedPending() -> [StoreRecord] {
        // A stable sort keeps input order among equal keys; equal keys are then folded.
        let sorted = pending.enumerated().sorted { lhs, rhs in
            lhs.element.key == rhs.element.key ? lhs.offset < rhs.offset : lhs.element.key < rhs.element.key
        }.map(\.element)
        pending = []
        pendingBytes = 0
        var result: [StoreRecord] = []
        result.reserveCapacity(sorted.count)
        for record in sorted {
            if let last = result.last, last.key == record.key {
                duplicates += 1
                result[result.count - 1] = StoreRecord.newest(last, record)
            } else {
                result.append(record)
            }
        }
        return result
    }

    private func spill() throws {
        guard !pending.isEmpty else { return }
        if directory == nil {
            let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
            var template = Array((base + "/tern-import-XXXXXX").utf8CString)
            guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
                throw IOFailure("create", path: base, code: errno)
            }
            directory = String(cString: made)
            // Registered first, so a signal removes the runs (registered later) before the directory.
            TemporaryFiles.register(directory!)
        }
        let path = "\(directory!)/run-\(runs.count).tsnap"
        let records = sortedPending()
        try SnapshotOutput.writeSnapshot(
            to: path,
            header: SnapshotHeader(writer: TernSnap.writer, created: 0, cluster: "", versionVector: VersionVector(records.map(\.version))),
            compression: .none
        ) { writer in
            for record in records { try writer.write(record) }
        }
        runs.append(path)
        TemporaryFiles.register(path)
    }
}
