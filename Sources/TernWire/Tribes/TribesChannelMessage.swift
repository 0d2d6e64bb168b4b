import NIOCore

/// The payload of a Tribes TCP frame sent by a member (Tomcat's `ChannelData`): options,
/// timestamp, message id, the sender's member record, and the message.
public struct TribesChannelMessage: Sendable, Hashable {
    /// Option bits (`TribesOptions`).
    public var options: TribesOptions
    /// When it was sent, ms since the epoch.
    public var timestamp: Int64
    /// The message id (16 random bytes in practice).
    public var id: [UInt8]
    /// The sender.
    public var sender: TribesMember
    /// The message: bytes, or a Java-serialized object unless `options` has `byteMessage`.
    public var message: [UInt8]

    /// Creates a message.
    public init(options: TribesOptions, timestamp: Int64, id: [UInt8], sender: TribesMember, message: [UInt8]) {
        self.options = options
        self.timestamp = timestamp
        self.id = id
        self.sender = sender
        self.message = message
    }

    /// Appends the payload (without the frame around it).
    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(options.rawValue)
        buffer.writeInteger(timestamp)
        buffer.writeInteger(Int32(id.count))
        buffer.writeBytes(id)
        buffer.writeInteger(Int32(TribesMemberCodec.encodedSize(of: sender)))
        TribesMemberCodec.encode(sender, into: &buffer)
        buffer.writeInteger(Int32(message.count))
        buffer.writeBytes(message)
    }

    /// Decodes a frame payload; offsets in errors count from the payload's first byte.
    public static func decode(
        _ payload: ByteBuffer, limits: TribesLimits = .default
    ) throws(TribesDecodingError) -> TribesChannelMessage {
        var reader = WireReader<TribesDecodingError>(payload)
        let options: Int32 = try reader.integer("options")
        let timestamp: Int64 = try reader.integer("timestamp")
        let idLength = try TribesMemberCodec.length(&reader, "message id length", limit: limits.maxFrameBytes)
        let id = try reader.bytes("message id", count: idLength)
        let memberLength = try TribesMemberCodec.length(&reader, "member length", limit: limits.maxMemberBytes)
        let memberOffset = reader.offset
        let memberBytes = try reader.slice("member", count: memberLength)
        let (sender, used) = try TribesMemberCodec.decode(memberBytes, base: memberOffset, limits: limits)
        guard used == memberLength else {
            throw TribesDecodingError(.trailingBytes(memberLength - used), at: memberOffset + used)
        }
        let messageLength = try TribesMemberCodec.length(&reader, "message length", limit: limits.maxFrameBytes)
        let message = try reader.bytes("message", count: messageLength)
        guard reader.buffer.readableBytes == 0 else {
            throw TribesDecodingError(.trailingBytes(reader.buffer.readableBytes), at: reader.offset)
        }
        return TribesChannelMessage(
            options: TribesOptions(rawValue: options), timestamp: timestamp, id: id, sender: sender, message: message)
    }
}
