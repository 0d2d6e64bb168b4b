import NIOCore
import TernCore
import TernWire

/// The container's byte layout (docs/SNAPSHOT.md), in one place for every writer: `SnapshotWriter`,
/// `FramedSnapshotWriter`, and a state transfer, whose digest covers the same bytes.
extension SnapshotFormat {
    /// Appends a snapshot's first bytes: the preamble (magic, format version, header length) and
    /// `headerBody`.
    public static func writeStart(headerBody: [UInt8], into buffer: inout ByteBuffer) {
        buffer.writeBytes(magic)
        buffer.writeInteger(currentVersion)
        buffer.writeInteger(UInt32(headerBody.count))
        buffer.writeBytes(headerBody)
    }

    /// Appends `record` as the container stores it: tag, u32 length, session-record encoding.
    public static func writeRecord(_ record: StoreRecord, into buffer: inout ByteBuffer) {
        buffer.writeInteger(recordTag)
        let lengthIndex = buffer.writerIndex
        buffer.writeInteger(UInt32(0))
        SessionRecordCodec.encode(record, into: &buffer)
        buffer.setInteger(UInt32(buffer.writerIndex - lengthIndex - 4), at: lengthIndex)
    }

    /// Appends the end record carrying `trailer`.
    public static func writeEnd(_ trailer: SnapshotTrailer, into buffer: inout ByteBuffer) {
        buffer.writeInteger(endTag)
        buffer.writeInteger(UInt32(trailerPayloadSize))
        buffer.writeInteger(trailer.count)
        buffer.writeBytes(trailer.digest)
    }
}
