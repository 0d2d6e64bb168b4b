/// Upper bounds the frame decoder enforces before it allocates or buffers anything, and the encoder
/// before it sends (docs/PROTOCOL.md, "Frame limits").
public struct FrameLimits: Sendable, Hashable {
    /// Largest frame payload, in bytes (the header and checksum are extra). At most `UInt32.max`.
    public var maxPayloadBytes: Int
    /// Largest domain name in a connection preface, in UTF-8 bytes.
    public var maxDomainBytes: Int
    /// Most elements of any list in a body: contexts, touches, version vector entries, records of
    /// a state chunk, removed attribute names.
    public var maxListCount: Int
    /// Bounds of the session records and attribute lists inside bodies.
    public var records: RecordLimits

    /// Creates limits; `maxPayloadBytes` is clamped to what the u32 length field can say.
    public init(
        maxPayloadBytes: Int = 16 << 20, maxDomainBytes: Int = 255, maxListCount: Int = 65_536,
        records: RecordLimits = .default
    ) {
        self.maxPayloadBytes = min(max(0, maxPayloadBytes), Int(UInt32.max))
        self.maxDomainBytes = min(max(0, maxDomainBytes), Int(UInt16.max))
        self.maxListCount = max(0, maxListCount)
        self.records = records
    }

    /// 16 MiB payloads, 255-byte domains, 65,536-element lists, `RecordLimits.default`.
    public static let `default` = FrameLimits()
}
