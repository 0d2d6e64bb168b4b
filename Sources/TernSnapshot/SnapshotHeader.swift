import NIOCore
import TernCore
import TernWire

/// The header of a snapshot: who wrote it, when, and which versions it covers.
public struct SnapshotHeader: Sendable, Hashable {
    /// The format version of the file (the reader fills it in; writers always write the current one).
    public var formatVersion: UInt16
    /// The program that wrote the file, e.g. `tern-snap 0.1.0`.
    public var writer: String
    /// When the cut was taken.
    public var created: UnixMillis
    /// The member whose store was saved; `MemberID.zero` when none (import, merge, generate).
    public var sourceMember: MemberID
    /// The saving member's name; empty when none.
    public var sourceName: String
    /// The cluster (domain) the sessions belong to.
    public var cluster: String
    /// The newest version from each origin at the cut.
    public var versionVector: VersionVector

    /// Creates a header for a new snapshot.
    public init(
        writer: String, created: UnixMillis, sourceMember: MemberID = .zero, sourceName: String = "",
        cluster: String, versionVector: VersionVector = VersionVector()
    ) {
        self.formatVersion = SnapshotFormat.currentVersion
        self.writer = writer
        self.created = created
        self.sourceMember = sourceMember
        self.sourceName = sourceName
        self.cluster = cluster
        self.versionVector = versionVector
    }

    /// Appends the header body (without the preamble).
    /// The header's body as a snapshot stores it after the preamble (docs/SNAPSHOT.md, "Header").
    public var encodedBody: [UInt8] {
        var buffer = ByteBufferAllocator().buffer(capacity: 128)
        encodeBody(into: &buffer)
        return Array(buffer.readableBytesView)
    }

    /// Decodes a header body (`encodedBody`) of the current format version.
    public static func decode(body: [UInt8]) throws(RecordDecodingError) -> SnapshotHeader {
        var buffer = ByteBuffer(bytes: body)
        return try decodeBody(&buffer, formatVersion: SnapshotFormat.currentVersion)
    }

    func encodeBody(into buffer: inout ByteBuffer) {
        Self.writeShortString(writer, into: &buffer)
        buffer.writeInteger(created)
        buffer.writeMemberID(sourceMember)
        Self.writeShortString(sourceName, into: &buffer)
        Self.writeShortString(cluster, into: &buffer)
        let versions = versionVector.sortedVersions
        buffer.writeInteger(UInt32(versions.count))
        for version in versions { buffer.writeVersion(version) }
    }

    /// Decodes a header body; bytes after the known fields are ignored (room for additions).
    static func decodeBody(_ buffer: inout ByteBuffer, formatVersion: UInt16) throws(RecordDecodingError) -> SnapshotHeader {
        var reader = FieldReader(buffer: buffer)
        let writer = try reader.shortString("writer")
        let created: Int64 = try reader.integer("creation time")
        let member = try reader.memberID("source member")
        let name = try reader.shortString("source name")
        let cluster = try reader.shortString("cluster")
        let countOffset = reader.offset
        let count = Int(try reader.integer("version vector size") as UInt32)
        guard count * 28 <= reader.buffer.readableBytes else {
            throw RecordDecodingError(.truncated(field: "version vector"), at: countOffset)
        }
        var vector = VersionVector()
        for _ in 0..<count { vector.include(try reader.version()) }
        var header = SnapshotHeader(
            writer: writer, created: created, sourceMember: member, sourceName: name, cluster: cluster,
            versionVector: vector)
        header.formatVersion = formatVersion
        return header
    }

    /// Writes at most 65,535 bytes of `string`, cut at a character boundary.
    private static func writeShortString(_ string: String, into buffer: inout ByteBuffer) {
        var bytes = Array(string.utf8.prefix(Int(UInt16.max)))
        if bytes.count < string.utf8.count {
            // Drop a partial UTF-8 sequence at the cut: continuation bytes and their lead byte.
            while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }
            if let last = bytes.last, last >= 0xC0 { bytes.removeLast() }
        }
        buffer.writeInteger(UInt16(bytes.count))
        buffer.writeBytes(bytes)
    }
}

/// What the end record of a snapshot declares.
public struct SnapshotTrailer: Sendable, Hashable {
    /// The number of records.
    public var count: UInt64
    /// SHA-256 over every byte before the end record.
    public var digest: [UInt8]

    /// Creates a trailer.
    public init(count: UInt64, digest: [UInt8]) {
        self.count = count
        self.digest = digest
    }

    /// The digest as lowercase hexadecimal.
    public var digestHex: String {
        Hex.encode(digest)
    }
}
