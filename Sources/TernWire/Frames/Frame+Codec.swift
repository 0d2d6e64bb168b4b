import NIOCore

extension Frame {
    /// The bytes a frame takes besides its payload: header and checksum.
    public static let overhead = FrameFormat.headerSize + FrameFormat.checksumSize

    /// Appends the frame: header (type, flags, sequence, payload length), payload, and the CRC32C
    /// of header and payload. On error nothing is appended.
    public func encode(into buffer: inout ByteBuffer, limits: FrameLimits = .default) throws(FrameEncodingError) {
        let type = body.type
        let start = buffer.writerIndex
        guard flags.isSubset(of: .known) else {
            throw FrameEncodingError(.notCanonical(field: "flag bits 0x\(String(flags.rawValue, radix: 16))"))
        }
        buffer.writeInteger(type.rawValue)
        buffer.writeInteger(flags.rawValue)
        buffer.writeInteger(sequence)
        buffer.writeInteger(UInt32(0))
        do {
            try body.encodePayload(into: &buffer, limits: limits)
        } catch {
            buffer.moveWriterIndex(to: start)
            throw error
        }
        let size = buffer.writerIndex - start - FrameFormat.headerSize
        guard size <= limits.maxPayloadBytes else {
            buffer.moveWriterIndex(to: start)
            throw FrameEncodingError(.payloadTooLarge(type: type, size: size, limit: limits.maxPayloadBytes))
        }
        buffer.setInteger(UInt32(size), at: start + 10)
        let checksum = CRC32C.checksum(buffer.getSlice(at: start, length: buffer.writerIndex - start)!)
        buffer.writeInteger(checksum)
    }

    /// Decodes a frame at the start of `buffer`'s readable bytes, or returns nil (reading nothing)
    /// when more bytes are needed. The header is checked as soon as its 14 bytes are there: an
    /// unknown type or flag, or a length over `limits.maxPayloadBytes`, throws before any payload
    /// is waited for. `offset` is the stream offset errors report.
    public static func decode(
        _ buffer: inout ByteBuffer, limits: FrameLimits = .default, offset: Int = 0
    ) throws(FrameDecodingError) -> Frame? {
        let start = buffer.readerIndex
        guard buffer.readableBytes >= FrameFormat.headerSize,
            let typeByte = buffer.getInteger(at: start, as: UInt8.self),
            let flagBits = buffer.getInteger(at: start + 1, as: UInt8.self),
            let sequence = buffer.getInteger(at: start + 2, as: UInt64.self),
            let length = buffer.getInteger(at: start + 10, as: UInt32.self)
        else { return nil }
        guard let type = FrameType(rawValue: typeByte) else {
            throw FrameDecodingError(.unknownType(typeByte), at: offset)
        }
        let flags = FrameFlags(rawValue: flagBits)
        guard flags.isSubset(of: .known) else {
            throw FrameDecodingError(.unknownFlags(type: type, flags: flagBits), at: offset)
        }
        guard Int(length) <= limits.maxPayloadBytes else {
            throw FrameDecodingError(
                .payloadTooLarge(type: type, size: Int(length), limit: limits.maxPayloadBytes), at: offset)
        }
        let covered = FrameFormat.headerSize + Int(length)
        guard buffer.readableBytes >= covered + FrameFormat.checksumSize,
            let carried = buffer.getInteger(at: start + covered, as: UInt32.self)
        else { return nil }
        let computed = CRC32C.checksum(buffer.getSlice(at: start, length: covered)!)
        guard carried == computed else {
            throw FrameDecodingError(
                .checksumMismatch(type: type, sequence: sequence, carried: carried, computed: computed), at: offset)
        }
        let payload = buffer.getSlice(at: start + FrameFormat.headerSize, length: Int(length))!
        let body: FrameBody
        do {
            body = try FrameBody.decode(type: type, payload: payload, limits: limits)
        } catch {
            throw FrameDecodingError(.malformedBody(type: type, sequence: sequence, error), at: offset)
        }
        buffer.moveReaderIndex(to: start + covered + FrameFormat.checksumSize)
        return Frame(sequence: sequence, flags: flags, body: body)
    }
}
