import NIOCore
import TernCore

/// Encodes and decodes a `StoreRecord`: the payload of a snapshot record and of a replication put.
///
/// Layout (big-endian; docs/PROTOCOL.md §"Session record" is normative):
/// kind u8 (1 session, 2 tombstone) · context u16+bytes · id u16+bytes ·
/// version (physical u64, logical u32, origin 16 bytes) · then for a session: created i64,
/// last accessed i64, max inactive i32, attribute count u32, each (name u16+bytes, value u32+bytes);
/// for a tombstone: retain-until i64.
public enum SessionRecordCodec {
    /// Kind byte of a session record.
    public static let sessionKind: UInt8 = 1
    /// Kind byte of a tombstone record.
    public static let tombstoneKind: UInt8 = 2

    /// Appends the encoding of `record` to `buffer`.
    public static func encode(_ record: StoreRecord, into buffer: inout ByteBuffer) {
        switch record {
        case .session(let session):
            buffer.writeInteger(sessionKind)
            writeKeyAndVersion(session.key, session.version, into: &buffer)
            buffer.writeInteger(session.created)
            buffer.writeInteger(session.lastAccessed)
            buffer.writeInteger(session.maxInactiveSeconds)
            buffer.writeAttributes(session.attributes)
        case .tombstone(let tombstone):
            buffer.writeInteger(tombstoneKind)
            writeKeyAndVersion(tombstone.key, tombstone.version, into: &buffer)
            buffer.writeInteger(tombstone.retainUntil)
        }
    }

    /// The encoded size of `record`, without encoding it.
    public static func encodedSize(of record: StoreRecord) -> Int {
        let head = 1 + 2 + record.key.context.utf8.count + 2 + record.key.id.utf8.count + 8 + 4 + 16
        switch record {
        case .session(let session):
            let attributes = session.attributes
            return head + 8 + 8 + 4 + 4 + 6 * attributes.count + attributes.nameBytes + attributes.valueBytes
        case .tombstone:
            return head + 8
        }
    }

    /// Why a record cannot be encoded: a field longer than its length prefix can say.
    public struct EncodingError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The record's key.
        public var key: SessionKey
        /// The field, e.g. `context` or `attribute "cart"`.
        public var field: String
        /// Its size in bytes.
        public var size: Int
        /// The largest size the encoding allows.
        public var limit: Int
        /// `session app/x: context of 70000 bytes exceeds the limit of 65535` (long keys shortened).
        public var description: String {
            let name = key.description
            let shown = name.count > 80 ? String(name.prefix(77)) + "..." : name
            return "session \(shown): \(field) of \(size)\(field.hasSuffix("count") ? "" : " bytes") exceeds the limit of \(limit)"
        }
    }

    /// Checks that every length of `record` fits its prefix (u16 for strings, u32 for values and
    /// the attribute count), which the encoder would otherwise truncate silently, and the `limits`
    /// every reader enforces, so nothing is written that a reader would refuse.
    public static func validateForEncoding(
        _ record: StoreRecord, limits: RecordLimits = .default
    ) throws(EncodingError) {
        let key = record.key
        let short = Int(UInt16.max)
        if key.context.utf8.count > short {
            throw EncodingError(key: key, field: "context", size: key.context.utf8.count, limit: short)
        }
        if key.id.utf8.count > short { throw EncodingError(key: key, field: "id", size: key.id.utf8.count, limit: short) }
        guard let session = record.session else { return }
        if session.attributes.count > limits.maxAttributes {
            throw EncodingError(
                key: key, field: "attribute count", size: session.attributes.count, limit: limits.maxAttributes)
        }
        let attributes = session.attributes
        for position in attributes.indices {
            let (name, value) = attributes.withBytes(at: position) { name, value in (name.count, value.count) }
            if name > short {
                throw EncodingError(key: key, field: "attribute name", size: name, limit: short)
            }
            if value > limits.maxAttributeBytes {
                throw EncodingError(
                    key: key, field: "attribute \"\(attributes.name(at: position))\"", size: value,
                    limit: limits.maxAttributeBytes)
            }
        }
        let size = encodedSize(of: record)
        if size > limits.maxRecordBytes {
            throw EncodingError(key: key, field: "record", size: size, limit: limits.maxRecordBytes)
        }
    }

    /// Decodes one record that occupies all of `buffer`'s readable bytes.
    public static func decode(
        _ buffer: inout ByteBuffer, limits: RecordLimits = .default
    ) throws(RecordDecodingError) -> StoreRecord {
        guard buffer.readableBytes <= limits.maxRecordBytes else {
            throw RecordDecodingError(
                .tooLarge(field: "record", size: buffer.readableBytes, limit: limits.maxRecordBytes), at: 0)
        }
        var reader = FieldReader(buffer: buffer)
        let kind: UInt8 = try reader.integer("record kind")
        guard kind == sessionKind || kind == tombstoneKind else {
            throw RecordDecodingError(.unknownKind(kind), at: 0)
        }
        let context = try reader.shortString("context")
        let id = try reader.shortString("session id")
        let version = try reader.version()
        let key = SessionKey(context: context, id: id)
        let record: StoreRecord
        if kind == sessionKind {
            let created: Int64 = try reader.integer("created time")
            let lastAccessed: Int64 = try reader.integer("last access time")
            let maxInactive: Int32 = try reader.integer("max inactive interval")
            let attributes = try reader.attributes(limits: limits)
            record = .session(
                Session(
                    key: key, created: created, lastAccessed: lastAccessed, maxInactiveSeconds: maxInactive,
                    version: version, attributes: attributes))
        } else {
            let retainUntil: Int64 = try reader.integer("tombstone retention time")
            record = .tombstone(Tombstone(key: key, version: version, retainUntil: retainUntil))
        }
        guard reader.buffer.readableBytes == 0 else {
            throw RecordDecodingError(.trailingBytes(reader.buffer.readableBytes), at: reader.offset)
        }
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        return record
    }

    private static func writeKeyAndVersion(_ key: SessionKey, _ version: Version, into buffer: inout ByteBuffer) {
        writeShortString(key.context, into: &buffer)
        writeShortString(key.id, into: &buffer)
        buffer.writeVersion(version)
    }

    private static func writeShortString(_ string: String, into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt16(truncatingIfNeeded: string.utf8.count))
        buffer.writeString(string)
    }
}

extension ByteBuffer {
    /// Appends attributes as a record holds them: count u32, then each name u16+bytes and value
    /// u32+bytes, copied from where the attributes hold them. The caller has checked the lengths
    /// fit (`SessionRecordCodec.validateForEncoding`).
    mutating func writeAttributes(_ attributes: Attributes) {
        writeInteger(UInt32(truncatingIfNeeded: attributes.count))
        for position in attributes.indices {
            attributes.withBytes(at: position) { name, value in
                writeInteger(UInt16(truncatingIfNeeded: name.count))
                writeBytes(name)
                writeInteger(UInt32(truncatingIfNeeded: value.count))
                writeBytes(value)
            }
        }
    }

    /// Appends a version: physical u64, logical u32, origin 16 bytes.
    public mutating func writeVersion(_ version: Version) {
        writeInteger(version.physical)
        writeInteger(version.logical)
        writeMemberID(version.origin)
    }

    /// Appends a member id as 16 bytes, high half first.
    public mutating func writeMemberID(_ member: MemberID) {
        writeInteger(member.high)
        writeInteger(member.low)
    }
}
