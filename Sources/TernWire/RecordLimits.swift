/// Upper bounds a decoder enforces before it allocates anything.
public struct RecordLimits: Sendable, Hashable {
    /// Largest encoded record, in bytes.
    public var maxRecordBytes: Int
    /// Largest single attribute value, in bytes.
    public var maxAttributeBytes: Int
    /// Most attributes in one session.
    public var maxAttributes: Int

    /// Creates limits.
    public init(maxRecordBytes: Int, maxAttributeBytes: Int, maxAttributes: Int) {
        self.maxRecordBytes = maxRecordBytes
        self.maxAttributeBytes = maxAttributeBytes
        self.maxAttributes = maxAttributes
    }

    /// 64 MiB records, 16 MiB values, 65,536 attributes: generous for sessions, bounded for memory.
    public static let `default` = RecordLimits(
        maxRecordBytes: 64 << 20, maxAttributeBytes: 16 << 20, maxAttributes: 65_536)
}
