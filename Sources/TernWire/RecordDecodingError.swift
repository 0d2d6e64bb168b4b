/// Why a session record could not be decoded; `offset` counts from the record's first byte.
public struct RecordDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// The record ended before `field` was complete.
        case truncated(field: String)
        /// `field` is not valid UTF-8.
        case invalidUTF8(field: String)
        /// `field` declares `size`, over the limit.
        case tooLarge(field: String, size: Int, limit: Int)
        /// The record kind byte is not one this version knows.
        case unknownKind(UInt8)
        /// Bytes remain after the record's last field.
        case trailingBytes(Int)
        /// Attribute `name` is out of order or repeated.
        case attributeOrder(name: String)
    }

    /// What went wrong.
    public var reason: Reason
    /// Where, counted from the record's first byte.
    public var offset: Int

    /// Creates an error.
    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// Lowercase text that names the field and what was expected.
    public var description: String {
        switch reason {
        case .truncated(let field): "ends inside \(field)"
        case .invalidUTF8(let field): "\(field) is not valid UTF-8"
        case .tooLarge(let field, let size, let limit):
            field.hasSuffix("count")
                ? "\(field) \(size) exceeds the limit of \(limit)"
                : "\(field) of \(size) bytes exceeds the limit of \(limit)"
        case .unknownKind(let kind): "unknown record kind \(kind) (known: 1 session, 2 tombstone)"
        case .trailingBytes(let count): "\(count) unexpected bytes after the last field"
        case .attributeOrder(let name): "attribute \"\(name)\" is out of order or repeated"
        }
    }
}
