/// A gzip stream could not be decompressed.
public struct GzipError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What zlib or the framing reported, lowercase.
    public var reason: String
    /// How many compressed bytes had been read when it happened.
    public var compressedOffset: Int64

    /// Creates an error.
    public init(_ reason: String, compressedOffset: Int64) {
        self.reason = reason
        self.compressedOffset = compressedOffset
    }

    /// `damaged gzip stream: … (compressed byte N)`.
    public var description: String {
        "damaged gzip stream: \(reason) (at compressed byte \(compressedOffset))"
    }
}
