/// Constants of the replication stream, protocol version 1 (docs/PROTOCOL.md, "Frames").
public enum FrameFormat {
    /// The first eight bytes each side of a connection sends: `\x89TREPL\r\n`.
    public static let magic: [UInt8] = [0x89, 0x54, 0x52, 0x45, 0x50, 0x4C, 0x0D, 0x0A]
    /// The protocol version this build sends.
    public static let currentVersion: UInt16 = 1
    /// The protocol versions this build accepts.
    public static let supportedVersions: ClosedRange<UInt16> = 1...1
    /// Bytes of a preface before the domain: magic, version u16, domain length u16.
    public static let prefaceHeadSize = 12
    /// Bytes of the member id that ends a preface.
    public static let prefaceMemberSize = 16
    /// Bytes of a frame header: type u8, flags u8, sequence u64, payload length u32.
    public static let headerSize = 14
    /// Bytes of the CRC32C that ends a frame.
    public static let checksumSize = 4
    /// Bytes of a SHA-256 digest in a state-end body.
    public static let digestSize = 32
}
