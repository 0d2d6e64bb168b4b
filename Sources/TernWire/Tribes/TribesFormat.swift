/// Constants of Apache Tomcat's cluster wire format (Tribes), as captured from Tomcat 10.1
/// (docs/PROTOCOL.md, "Tomcat interop").
public enum TribesFormat {
    /// The start of a member record: `TRIBES-B` then `01 00`.
    public static let memberBegin: [UInt8] = Array("TRIBES-B".utf8) + [1, 0]
    /// The end of a member record: `TRIBES-E` then `01 00`.
    public static let memberEnd: [UInt8] = Array("TRIBES-E".utf8) + [1, 0]
    /// The start of a TCP frame.
    public static let frameStart: [UInt8] = Array("FLT2002".utf8)
    /// The end of a TCP frame.
    public static let frameEnd: [UInt8] = Array("TLF2003".utf8)
    /// The command of a member that stops gracefully.
    public static let shutdownCommand: [UInt8] = Array("BABY-ALEX".utf8)
    /// The body of the ACK frame a receiver writes back.
    public static let ackBody: [UInt8] = [6, 2, 3]
    /// The body of a failure ACK.
    public static let failureAckBody: [UInt8] = [11, 0, 5]
    /// Bytes of a member record around its fields: begin marker, body length, end marker.
    public static let memberOverhead = 10 + 4 + 10
    /// Bytes of a frame around its payload: start marker, length, end marker.
    public static let frameOverhead = 7 + 4 + 7
}

/// Bounds for Tomcat's formats, checked before allocating.
public struct TribesLimits: Sendable, Hashable {
    /// The largest member record (a heartbeat datagram is at most 65,507 bytes anyway).
    public var maxMemberBytes: Int
    /// The largest frame payload accepted on a connection.
    public var maxFrameBytes: Int

    /// Creates limits.
    public init(maxMemberBytes: Int = 65_507, maxFrameBytes: Int = 16 << 20) {
        self.maxMemberBytes = maxMemberBytes
        self.maxFrameBytes = maxFrameBytes
    }

    /// 65,507-byte member records, 16 MiB frames.
    public static let `default` = TribesLimits()
}

/// The option bits of a Tribes channel message.
public struct TribesOptions: OptionSet, Sendable, Hashable {
    /// The raw bits.
    public var rawValue: Int32

    /// Creates options from bits.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The message is bytes (otherwise a Java-serialized object).
    public static let byteMessage = TribesOptions(rawValue: 1)
    /// The sender waits for an ACK.
    public static let useAck = TribesOptions(rawValue: 2)
    /// ACK only after the message was processed.
    public static let synchronizedAck = TribesOptions(rawValue: 4)
    /// Sent asynchronously.
    public static let asynchronous = TribesOptions(rawValue: 8)
    /// Sent over TLS.
    public static let secure = TribesOptions(rawValue: 16)
    /// Sent over UDP.
    public static let udp = TribesOptions(rawValue: 32)
    /// Sent by multicast.
    public static let multicast = TribesOptions(rawValue: 64)
}
