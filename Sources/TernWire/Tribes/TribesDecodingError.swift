import TernCore

/// Why bytes are not the Tomcat record or frame they should be; `offset` counts from the first byte
/// of the datagram, frame or payload decoded.
public struct TribesDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// A marker (`TRIBES-B`, `TRIBES-E`, `FLT2002`, `TLF2003`) is not where it must be.
        case badMarker(expected: String, found: [UInt8])
        /// The bytes ended inside `field`.
        case truncated(field: String)
        /// `field` declares a negative length.
        case negativeLength(field: String, value: Int32)
        /// `field` declares `size` bytes, over the limit.
        case tooLarge(field: String, size: Int, limit: Int)
        /// The host address is neither 4 (IPv4) nor 16 (IPv6) bytes.
        case badHostLength(Int)
        /// The fields end at `fieldsEnd` but the body length puts the end marker at `markerAt`.
        case bodyMismatch(fieldsEnd: Int, markerAt: Int)
        /// Bytes remain after the message.
        case trailingBytes(Int)
    }

    /// What went wrong.
    public var reason: Reason
    /// Where.
    public var offset: Int

    /// Creates an error.
    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// Lowercase text naming the field and what was expected.
    public var description: String {
        let text: String
        switch reason {
        case .badMarker(let expected, let found):
            let shown = found.isEmpty ? "(nothing)" : Hex.encode(found)
            text = "expected \(expected), found \(shown)"
        case .truncated(let field): text = "ends inside \(field)"
        case .negativeLength(let field, let value): text = "\(field) is negative (\(value))"
        case .tooLarge(let field, let size, let limit): text = "\(field) of \(size) bytes exceeds the limit of \(limit)"
        case .badHostLength(let length): text = "host address of \(length) bytes is neither IPv4 (4) nor IPv6 (16)"
        case .bodyMismatch(let fieldsEnd, let markerAt):
            text = "member fields end at byte \(fieldsEnd) but the body length puts TRIBES-E at byte \(markerAt)"
        case .trailingBytes(let count): text = "\(count) unexpected bytes after the message"
        }
        return "tomcat: \(text) (at byte \(offset))"
    }
}

extension TribesDecodingError: WireReadingFailure {
    static func truncated(_ field: String, at offset: Int) -> TribesDecodingError {
        TribesDecodingError(.truncated(field: field), at: offset)
    }

    static func invalidText(_ field: String, at offset: Int) -> TribesDecodingError {
        TribesDecodingError(.truncated(field: field), at: offset)
    }
}
