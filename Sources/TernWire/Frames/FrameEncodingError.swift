/// Why a preface or frame cannot be encoded: something a reader with the same limits would refuse,
/// or a length its prefix cannot say. Nothing is written when it is thrown.
public struct FrameEncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Sendable, Equatable {
        /// A session record inside the body does not fit its encoding or `RecordLimits`.
        case record(SessionRecordCodec.EncodingError)
        /// `field` of `size` bytes is longer than its limit (a u16 prefix, or a configured limit).
        case fieldTooLong(field: String, size: Int, limit: Int)
        /// A list has more elements than `FrameLimits.maxListCount` (or `maxAttributes`).
        case tooMany(field: String, count: Int, limit: Int)
        /// The encoded payload is longer than `FrameLimits.maxPayloadBytes`.
        case payloadTooLarge(type: FrameType, size: Int, limit: Int)
        /// A list that must be strictly increasing is not, or a delta sets and removes one name.
        case notCanonical(field: String)
        /// A state-end digest that is not 32 bytes.
        case digestSize(Int)
        /// A state-begin header shorter than the smallest snapshot header.
        case truncatedHeader(Int)
    }

    /// What is wrong.
    public var reason: Reason

    /// Creates an error.
    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// One lowercase line naming the field.
    public var description: String {
        switch reason {
        case .record(let error): error.description
        case .fieldTooLong(let field, let size, let limit): "\(field) of \(size) bytes exceeds the limit of \(limit)"
        case .tooMany(let field, let count, let limit): "\(field) \(count) exceeds the limit of \(limit)"
        case .payloadTooLarge(let type, let size, let limit):
            "\(type) frame payload of \(size) bytes exceeds the limit of \(limit)"
        case .notCanonical(let field): "\(field) are out of order, repeated or contradictory"
        case .digestSize(let size): "state-end digest of \(size) bytes is not a SHA-256 (32 bytes)"
        case .truncatedHeader(let size):
            "state-begin header of \(size) bytes is shorter than a snapshot header (\(StateBegin.minimumHeaderSize))"
        }
    }
}
