import TernCore
import TernFiles
import TernNet
import TernSnapshot
import TernWire

/// What `tern-xfer push` replays: a snapshot's records (sessions as puts, tombstones as expires), a
/// recorded stream's messages as recorded, or generated load. Read a batch at a time.
enum PushSource {
    case snapshot(SnapshotReader)
    case recording(RecordedStreamReader)
    case generated(LoadGenerator)

    /// Opens `path` (`-`: standard input) and tells a recording from a snapshot by its first bytes.
    static func open(_ path: String, limits: FrameLimits) throws -> PushSource {
        let file = try FileInput.open(path)
        if RecordedStreamReader.isRecording(try file.peek(FrameFormat.magic.count)) {
            return .recording(RecordedStreamReader(file: file, limits: limits))
        }
        return .snapshot(try SnapshotReader(file: file))
    }

    /// The next batch of at most `limit` messages; empty at the end.
    mutating func next(_ limit: Int) throws -> [ReplicationMessage] {
        var batch: [ReplicationMessage] = []
        batch.reserveCapacity(limit)
        switch self {
        case .snapshot(let reader):
            while batch.count < limit, let record = try reader.next() {
                switch record {
                case .session(let session): batch.append(.put(session))
                case .tombstone(let tombstone): batch.append(.expire(tombstone))
                }
            }
        case .recording(let reader):
            while batch.count < limit, let message = try reader.next() { batch.append(message) }
        case .generated(var generator):
            batch = generator.next(limit)
            self = .generated(generator)
        }
        return batch
    }

    /// Bytes read so far and the total when known, for progress.
    var progress: (done: Int64, total: Int64?) {
        switch self {
        case .snapshot(let reader): (reader.storedBytesRead, reader.file.size)
        case .recording: (0, nil)
        case .generated(let generator): (Int64(generator.produced), Int64(generator.count))
        }
    }
}
