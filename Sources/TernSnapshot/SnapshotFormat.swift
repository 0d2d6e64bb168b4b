/// Constants of the snapshot container, format version 1 (docs/SNAPSHOT.md).
public enum SnapshotFormat {
    /// The first eight bytes of every snapshot: `\x89TSNAP\r\n`.
    public static let magic: [UInt8] = [0x89, 0x54, 0x53, 0x4E, 0x41, 0x50, 0x0D, 0x0A]
    /// The format version this build writes.
    public static let currentVersion: UInt16 = 1
    /// The format versions this build reads.
    public static let supportedVersions: ClosedRange<UInt16> = 1...1
    /// Bytes before the header body: magic, version u16, header length u32.
    public static let preambleSize = 14
    /// Largest header body accepted.
    public static let maxHeaderBytes = 1 << 20
    /// Container tag of a session record.
    public static let recordTag: UInt8 = 0x01
    /// Container tag of the end record that carries the trailer.
    public static let endTag: UInt8 = 0xFF
    /// Bytes of a container tag and length.
    public static let recordPrefixSize = 5
    /// Bytes of the end record's payload: count u64 and SHA-256.
    public static let trailerPayloadSize = 40
    /// The gzip magic, by which readers detect compression.
    public static let gzipMagic: [UInt8] = [0x1F, 0x8B]
}

/// How a snapshot file's bytes are stored.
public enum Compression: String, Sendable, CaseIterable {
    /// The container as is.
    case none
    /// A gzip stream of the container.
    case gzip
}
