/// Why a frame's payload does not decode as the body its type announces; `offset` counts from the
/// payload's first byte.
public struct FrameBodyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// A field is cut short, not UTF-8, over a limit, or followed by stray bytes; or an embedded
        /// session record is wrong (the record decoder's own reasons).
        case field(RecordDecodingError.Reason)
        /// A put carried a tombstone or an expire a session.
        case wrongRecordKind(expected: String, found: String)
        /// A nack reason number this build does not know.
        case unknownNackReason(UInt16)
        /// A list that must be strictly increasing is not (`field` names it).
        case outOfOrder(field: String)
        /// A delta both sets and removes attribute `name`.
        case removedAndSet(name: String)
        /// A presence byte other than 0 or 1.
        case invalidPresence(field: String, value: UInt8)
        /// A count that must be a power of two (a digest's buckets) is not.
        case notPowerOfTwo(field: String, value: Int)
        /// A digest-difference outcome other than 0 (compared) or 1 (too different).
        case invalidOutcome(UInt8)
        /// A differing bucket index not below its context's bucket count.
        case bucketOutOfRange(index: Int, count: Int)
        /// A digest-difference entry count over 2^63 − 1, which no member can list (nor an `Int` hold).
        case entryCountTooLarge(UInt64)
    }

    /// What went wrong.
    public var reason: Reason
    /// Where, counted from the payload's first byte.
    public var offset: Int

    /// Creates an error.
    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// Wraps a field error of `FieldReader` or `SessionRecordCodec` found `base` bytes into the payload.
    init(_ error: RecordDecodingError, base: Int = 0) {
        self.init(.field(error.reason), at: base + error.offset)
    }

    /// Lowercase text naming the field, without the offset.
    public var description: String {
        switch reason {
        case .field(let reason): RecordDecodingError(reason, at: offset).description
        case .wrongRecordKind(let expected, let found): "carries a \(found) record where a \(expected) belongs"
        case .unknownNackReason(let value):
            "unknown nack reason \(value) (known: \(NackReason.allCases.map { String($0.rawValue) }.joined(separator: ", ")))"
        case .outOfOrder(let field): "\(field) are out of order or repeated"
        case .removedAndSet(let name): "attribute \"\(name)\" is both set and removed"
        case .invalidPresence(let field, let value): "\(field) presence byte is \(value), not 0 or 1"
        case .notPowerOfTwo(let field, let value): "\(field) \(value) is not a power of two"
        case .invalidOutcome(let value): "digest-difference outcome \(value) is not 0 (compared) or 1 (too different)"
        case .bucketOutOfRange(let index, let count): "differing bucket \(index) is not below the bucket count \(count)"
        case .entryCountTooLarge(let count): "digest-difference entry count \(count) is over \(Int.max)"
        }
    }
}
