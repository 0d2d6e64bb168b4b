import NIOCore

/// Encodes and decodes Tomcat's member record, the whole of a Tribes heartbeat datagram.
///
/// Layout, big-endian: `TRIBES-B 01 00` · body length i32 · alive time i64 · port i32 · secure port
/// i32 · UDP port i32 · host length i8 · host · command length i32 · command · domain length i32 ·
/// domain · uniqueId (16) · payload length i32 · payload · `TRIBES-E 01 00`. The body length counts
/// the bytes between itself and the end marker.
public enum TribesMemberCodec {
    /// Appends the record for `member`.
    public static func encode(_ member: TribesMember, into buffer: inout ByteBuffer) {
        buffer.writeBytes(TribesFormat.memberBegin)
        buffer.writeInteger(Int32(bodyLength(of: member)))
        buffer.writeInteger(member.aliveTime)
        buffer.writeInteger(member.port)
        buffer.writeInteger(member.securePort)
        buffer.writeInteger(member.udpPort)
        buffer.writeInteger(UInt8(member.host.count))
        buffer.writeBytes(member.host)
        for field in [member.command, member.domain] {
            buffer.writeInteger(Int32(field.count))
            buffer.writeBytes(field)
        }
        buffer.writeBytes(member.uniqueId)
        buffer.writeInteger(Int32(member.payload.count))
        buffer.writeBytes(member.payload)
        buffer.writeBytes(TribesFormat.memberEnd)
    }

    /// The size of the encoded record.
    public static func encodedSize(of member: TribesMember) -> Int {
        TribesFormat.memberOverhead + bodyLength(of: member)
    }

    private static func bodyLength(of member: TribesMember) -> Int {
        8 + 4 + 4 + 4 + 1 + member.host.count + 4 + member.command.count + 4 + member.domain.count + 16 + 4
            + member.payload.count
    }

    /// Decodes the record at the start of `bytes`; what follows the end marker is ignored, as Tomcat
    /// does. `base` is added to error offsets (the record's position in a larger message).
    public static func decode(
        _ bytes: ByteBuffer, base: Int = 0, limits: TribesLimits = .default
    ) throws(TribesDecodingError) -> (member: TribesMember, length: Int) {
        var reader = WireReader<TribesDecodingError>(bytes, base: base)
        try expectMarker(&reader, TribesFormat.memberBegin, "TRIBES-B")
        let body = try length(&reader, "body length", limit: limits.maxMemberBytes)
        let bodyStart = reader.offset
        let markerAt = bodyStart + body
        let member = try fields(&reader, limits: limits)
        guard reader.offset == markerAt else {
            throw TribesDecodingError(.bodyMismatch(fieldsEnd: reader.offset, markerAt: markerAt), at: bodyStart - 4)
        }
        try expectMarker(&reader, TribesFormat.memberEnd, "TRIBES-E")
        return (member, reader.offset - base)
    }

    private static func fields(
        _ reader: inout WireReader<TribesDecodingError>, limits: TribesLimits
    ) throws(TribesDecodingError) -> TribesMember {
        let alive: Int64 = try reader.integer("alive time")
        let port: Int32 = try reader.integer("port")
        let securePort: Int32 = try reader.integer("secure port")
        let udpPort: Int32 = try reader.integer("udp port")
        let hostOffset = reader.offset
        let hostLength = Int(try reader.integer("host length") as Int8)
        guard hostLength == 4 || hostLength == 16 else {
            throw TribesDecodingError(.badHostLength(hostLength), at: hostOffset)
        }
        let host = try reader.bytes("host", count: hostLength)
        let command = try reader.bytes(
            "command", count: try length(&reader, "command length", limit: limits.maxMemberBytes))
        let domain = try reader.bytes(
            "domain", count: try length(&reader, "domain length", limit: limits.maxMemberBytes))
        let uniqueId = try reader.bytes("uniqueId", count: 16)
        let payload = try reader.bytes(
            "payload", count: try length(&reader, "payload length", limit: limits.maxMemberBytes))
        return TribesMember(
            aliveTime: alive, port: port, securePort: securePort, udpPort: udpPort, host: host, command: command,
            domain: domain, uniqueId: uniqueId, payload: payload)
    }

    /// Reads an i32 length, refusing negative values and values over `limit`.
    static func length(
        _ reader: inout WireReader<TribesDecodingError>, _ field: String, limit: Int
    ) throws(TribesDecodingError) -> Int {
        let at = reader.offset
        let value: Int32 = try reader.integer(field)
        guard value >= 0 else { throw TribesDecodingError(.negativeLength(field: field, value: value), at: at) }
        guard Int(value) <= limit else {
            throw TribesDecodingError(.tooLarge(field: field, size: Int(value), limit: limit), at: at)
        }
        return Int(value)
    }

    /// Reads `marker`, or throws naming what was found instead.
    static func expectMarker(
        _ reader: inout WireReader<TribesDecodingError>, _ marker: [UInt8], _ name: String
    ) throws(TribesDecodingError) {
        let at = reader.offset
        let result = reader.expect(marker)
        guard result.matched else {
            let found = result.found ?? Array(reader.buffer.readableBytesView)
            if result.found == nil && marker.starts(with: found) {
                throw TribesDecodingError(.truncated(field: name), at: at)
            }
            throw TribesDecodingError(.badMarker(expected: name, found: found), at: at)
        }
    }
}
