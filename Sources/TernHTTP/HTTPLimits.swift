/// Bounds on what a request may carry; anything larger is refused before it is stored.
public struct HTTPLimits: Sendable, Hashable {
    /// The largest request body, in bytes (413 above it).
    public var maxBodyBytes: Int
    /// The most attributes a session may hold after a write (413 above it).
    public var maxAttributes: Int
    /// The largest attribute value, in bytes as stored (413 above it).
    public var maxValueBytes: Int
    /// The longest attribute name, in UTF-8 bytes (400 above it).
    public var maxNameBytes: Int
    /// The longest context or session id, in UTF-8 bytes (400 above it).
    public var maxKeyBytes: Int
    /// The most ids one listing returns.
    public var maxListLimit: Int

    /// Creates limits.
    public init(
        maxBodyBytes: Int = 1 << 20, maxAttributes: Int = 1024, maxValueBytes: Int = 256 << 10,
        maxNameBytes: Int = 256, maxKeyBytes: Int = 256, maxListLimit: Int = 1000
    ) {
        self.maxKeyBytes = maxKeyBytes
        self.maxBodyBytes = maxBodyBytes
        self.maxAttributes = maxAttributes
        self.maxValueBytes = maxValueBytes
        self.maxNameBytes = maxNameBytes
        self.maxListLimit = maxListLimit
    }

    /// 1 MiB bodies, 1,024 attributes of at most 256 KiB, names, contexts and ids of at most 256 bytes, 1,000 ids.
    public static let `default` = HTTPLimits()
}
