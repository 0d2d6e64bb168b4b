import NIOCore
import TernCore

/// Encodes and decodes tern's heartbeat datagram (docs/PROTOCOL.md, "Heartbeat", is normative).
///
/// Layout, big-endian: magic `89 54 48 42` · version u16 · kind u8 · state u8 · member id (16) ·
/// incarnation i64 · sequence u64 (0 = none) · interval u32 ms · domain, name, endpoint host (each
/// u8 length + UTF-8) · endpoint port u16 · tag count u8, each key and value u8 length + UTF-8 ·
/// authentication scheme u8 · authentication length u8 · tag bytes.
///
/// A datagram arrives whole, so the decoder never waits for more bytes: a short datagram is
/// `truncated`.
public enum HeartbeatCodec {
    /// Appends the datagram for `heartbeat` to `buffer`, after checking every length against its
    /// prefix and `limits`; on error nothing is written.
    public static func encode(
        _ heartbeat: Heartbeat, authentication: HeartbeatAuthentication = .none,
        limits: HeartbeatLimits = .default, into buffer: inout ByteBuffer
    ) throws(HeartbeatEncodingError) {
        let size = try encodedSize(of: heartbeat, authentication: authentication, limits: limits)
        buffer.reserveCapacity(minimumWritableBytes: size)
        buffer.writeBytes(HeartbeatFormat.magic)
        buffer.writeInteger(HeartbeatFormat.version)
        buffer.writeInteger(HeartbeatFormat.Kind.heartbeat.rawValue)
        buffer.writeInteger(heartbeat.state.rawValue)
        buffer.writeInteger(heartbeat.member.high)
        buffer.writeInteger(heartbeat.member.low)
        buffer.writeInteger(heartbeat.incarnation)
        buffer.writeInteger(heartbeat.sequence ?? 0)
        buffer.writeInteger(UInt32(heartbeat.interval))
        writeString(heartbeat.domain, into: &buffer)
        writeString(heartbeat.name, into: &buffer)
        writeString(heartbeat.endpoint?.host ?? "", into: &buffer)
        buffer.writeInteger(heartbeat.endpoint?.port ?? 0)
        buffer.writeInteger(UInt8(heartbeat.tags.count))
        for tag in heartbeat.tags {
            writeString(tag.key, into: &buffer)
            writeString(tag.value, into: &buffer)
        }
        buffer.writeInteger(authentication.scheme)
        buffer.writeInteger(UInt8(authentication.tag.count))
        buffer.writeBytes(authentication.tag)
    }

    /// The datagram's size in bytes; throws when a field does not fit its prefix or `limits`.
    public static func encodedSize(
        of heartbeat: Heartbeat, authentication: HeartbeatAuthentication = .none,
        limits: HeartbeatLimits = .default
    ) throws(HeartbeatEncodingError) -> Int {
        var size = HeartbeatFormat.fixedBytes
        func string(_ value: String, _ field: @autoclosure () -> String) throws(HeartbeatEncodingError) {
            let count = value.utf8.count
            guard count <= HeartbeatLimits.maxStringBytes else {
                throw HeartbeatEncodingError(field: field(), size: count, limit: HeartbeatLimits.maxStringBytes)
            }
            size += 1 + count
        }
        guard heartbeat.interval >= 0, heartbeat.interval <= Int64(UInt32.max) else {
            throw HeartbeatEncodingError(
                field: "interval", size: Int(clamping: heartbeat.interval), limit: Int(UInt32.max))
        }
        try string(heartbeat.domain, "domain")
        try string(heartbeat.name, "name")
        try string(heartbeat.endpoint?.host ?? "", "endpoint host")
        size += 2
        guard heartbeat.tags.count <= min(limits.maxTags, Int(UInt8.max)) else {
            throw HeartbeatEncodingError(field: "tag count", size: heartbeat.tags.count, limit: limits.maxTags)
        }
        size += 1
        for tag in heartbeat.tags {
            try string(tag.key, "tag key")
            try string(tag.value, "tag \"\(tag.key)\" value")
        }
        let authLimit = min(limits.maxAuthenticationBytes, Int(UInt8.max))
        guard authentication.tag.count <= authLimit else {
            throw HeartbeatEncodingError(field: "authentication tag", size: authentication.tag.count, limit: authLimit)
        }
        size += 2 + authentication.tag.count
        guard size <= limits.maxDatagramBytes else {
            throw HeartbeatEncodingError(field: "heartbeat", size: size, limit: limits.maxDatagramBytes)
        }
        return size
    }

    /// Decodes one datagram; every malformed byte sequence throws an error naming field and offset.
    public static func decode(
        _ datagram: ByteBuffer, limits: HeartbeatLimits = .default
    ) throws(HeartbeatDecodingError) -> DecodedHeartbeat {
        guard datagram.readableBytes <= limits.maxDatagramBytes else {
            throw HeartbeatDecodingError(
                .tooLarge(field: "datagram", size: datagram.readableBytes, limit: limits.maxDatagramBytes), at: 0)
        }
        var reader = WireReader<HeartbeatDecodingError>(datagram)
        let magic = reader.expect(HeartbeatFormat.magic)
        guard magic.matched else {
            let found = magic.found ?? Array(datagram.readableBytesView)
            throw HeartbeatDecodingError(.notHeartbeat(found: found), at: 0)
        }
        let version: UInt16 = try reader.integer("format version")
        guard HeartbeatFormat.supportedVersions.contains(version) else {
            throw HeartbeatDecodingError(.unsupportedVersion(version), at: 4)
        }
        let kind: UInt8 = try reader.integer("datagram kind")
        guard HeartbeatFormat.Kind(rawValue: kind) == .heartbeat else {
            throw HeartbeatDecodingError(.unknownKind(kind), at: 6)
        }
        let stateByte: UInt8 = try reader.integer("member state")
        guard let state = MemberState(rawValue: stateByte) else {
            throw HeartbeatDecodingError(.unknownState(stateByte), at: 7)
        }
        let high: UInt64 = try reader.integer("member id")
        let low: UInt64 = try reader.integer("member id")
        let incarnation: Int64 = try reader.integer("incarnation")
        let sequence: UInt64 = try reader.integer("sequence")
        let interval: UInt32 = try reader.integer("interval")
        let domain = try readString(&reader, "domain")
        let name = try readString(&reader, "name")
        let host = try readString(&reader, "endpoint host")
        let portOffset = reader.offset
        let port: UInt16 = try reader.integer("endpoint port")
        if !host.isEmpty && port == 0 { throw HeartbeatDecodingError(.endpointWithoutPort, at: portOffset) }
        let countOffset = reader.offset
        let count = Int(try reader.integer("tag count") as UInt8)
        guard count <= limits.maxTags else {
            throw HeartbeatDecodingError(
                .tooLarge(field: "tag count", size: count, limit: limits.maxTags), at: countOffset)
        }
        var tags: [HeartbeatTag] = []
        tags.reserveCapacity(count)
        for _ in 0..<count {
            let key = try readString(&reader, "tag key")
            let value = try readString(&reader, "tag \"\(key)\" value")
            tags.append(HeartbeatTag(key, value))
        }
        let authenticatedBytes = reader.offset
        let scheme: UInt8 = try reader.integer("authentication scheme")
        let tagOffset = reader.offset
        let tagLength = Int(try reader.integer("authentication length") as UInt8)
        guard tagLength <= limits.maxAuthenticationBytes else {
            throw HeartbeatDecodingError(
                .tooLarge(field: "authentication tag", size: tagLength, limit: limits.maxAuthenticationBytes),
                at: tagOffset)
        }
        guard let known = HeartbeatFormat.Scheme(rawValue: scheme) else {
            throw HeartbeatDecodingError(.unknownAuthenticationScheme(scheme), at: authenticatedBytes)
        }
        if known == .none && tagLength != 0 {
            throw HeartbeatDecodingError(.unexpectedAuthenticationTag(tagLength), at: tagOffset)
        }
        if tagLength != known.tagBytes {
            throw HeartbeatDecodingError(
                .wrongAuthenticationLength(scheme: scheme, length: tagLength, expected: known.tagBytes), at: tagOffset)
        }
        let tag = try reader.bytes("authentication tag", count: tagLength)
        guard reader.buffer.readableBytes == 0 else {
            throw HeartbeatDecodingError(.trailingBytes(reader.buffer.readableBytes), at: reader.offset)
        }
        let heartbeat = Heartbeat(
            domain: domain, member: MemberID(high: high, low: low), incarnation: incarnation,
            sequence: sequence == 0 ? nil : sequence, interval: Int64(interval), name: name,
            endpoint: port == 0 ? nil : Endpoint(host: host, port: port), state: state, tags: tags)
        return DecodedHeartbeat(
            heartbeat: heartbeat, authentication: HeartbeatAuthentication(scheme: scheme, tag: tag),
            authenticatedBytes: authenticatedBytes)
    }

    private static func writeString(_ value: String, into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(value.utf8.count))
        buffer.writeString(value)
    }

    private static func readString(
        _ reader: inout WireReader<HeartbeatDecodingError>, _ field: String
    ) throws(HeartbeatDecodingError) -> String {
        let length = Int(try reader.integer(field + " length") as UInt8)
        return try reader.text(field, count: length)
    }
}

/// Why a heartbeat cannot be encoded: a field longer than its length prefix or the limits allow.
public struct HeartbeatEncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field, e.g. `name` or `tag count`; `heartbeat` for the whole datagram.
    public var field: String
    /// Its size (bytes, or a count).
    public var size: Int
    /// The largest size allowed.
    public var limit: Int

    /// Creates an error.
    public init(field: String, size: Int, limit: Int) {
        self.field = field
        self.size = size
        self.limit = limit
    }

    /// `heartbeat name of 300 bytes exceeds the limit of 255`.
    public var description: String {
        let what = field == "heartbeat" ? "heartbeat" : "heartbeat \(field)"
        return field.hasSuffix("count")
            ? "\(what) \(size) exceeds the limit of \(limit)"
            : "\(what) of \(size) bytes exceeds the limit of \(limit)"
    }
}
