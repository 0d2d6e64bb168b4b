import NIOCore
import TernCore
import TernSnapshot
import TernWire

/// Serves one state request: a state begin with the header of the snapshot the transfer makes (this
/// member, its domain, the instant and version vector of the cut), the cut's matching records in key
/// order as state chunks, then a state end with their count, the SHA-256 of that snapshot up to its
/// trailer (`StateDigest`) and the cut's version vector. The connection
/// asks for the next frame while its channel is writable, so a slow client holds the server back
/// instead of filling its memory.
struct StateStreamer {
    private let records: [StoreRecord]
    private let vector: VersionVector
    private let maxRecords: Int
    private let targetBytes: Int
    private let header: [UInt8]
    private var begun = false
    private var index = 0
    private var digest = StateDigest()
    /// Whether the state end has been produced.
    private(set) var isFinished = false

    /// Selects and sorts the records `request` asks for.
    init(cut: StoreCut, request: StateRequest, configuration: ReceiverConfiguration) {
        records = cut.records(for: request)
        vector = cut.vector
        maxRecords = configuration.chunkRecords
        targetBytes = configuration.chunkBytes
        header =
            SnapshotHeader(
                writer: configuration.program, created: configuration.wallClock(),
                sourceMember: configuration.identity.member, cluster: configuration.identity.domain,
                versionVector: cut.vector
            ).encodedBody
    }

    /// How many records the transfer carries.
    var recordCount: Int { records.count }

    /// Appends the next frame (a chunk, or the end) to `buffer` with `sequence`.
    mutating func encodeNext(into buffer: inout ByteBuffer, sequence: UInt64, limits: FrameLimits)
        throws(FrameEncodingError)
    {
        guard begun else {
            try Frame(sequence: sequence, body: .stateBegin(StateBegin(header: header))).encode(
                into: &buffer, limits: limits)
            digest.begin(header: header)
            begun = true
            return
        }
        guard index < records.count else {
            let end = StateEnd(count: UInt64(records.count), digest: digest.finalize(), vector: vector)
            try Frame(sequence: sequence, body: .stateEnd(end)).encode(into: &buffer, limits: limits)
            isFinished = true
            return
        }
        var end = index
        var bytes = 0
        while end < records.count && end - index < maxRecords && (bytes < targetBytes || end == index) {
            bytes += records[end].estimatedBytes
            end += 1
        }
        let start = buffer.writerIndex
        try Frame(sequence: sequence, body: .stateChunk(Array(records[index..<end]))).encode(
            into: &buffer, limits: limits)
        let payloadLength = buffer.writerIndex - start - Frame.overhead
        digest.addChunkPayload(buffer.getSlice(at: start + FrameFormat.headerSize, length: payloadLength)!)
        index = end
    }
}

extension StoreRecord {
    /// About the bytes the record's encoding takes, for sizing chunks.
    var estimatedBytes: Int {
        switch self {
        case .session(let session):
            64 + session.key.context.utf8.count + session.key.id.utf8.count
                + 6 * session.attributes.count + session.attributes.nameBytes + session.attributes.valueBytes
        case .tombstone(let tombstone):
            64 + tombstone.key.context.utf8.count + tombstone.key.id.utf8.count
        }
    }
}
