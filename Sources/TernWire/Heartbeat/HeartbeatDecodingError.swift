import TernCore

/// Why a datagram is not a heartbeat this build accepts; `offset` counts from the datagram's first byte.
public struct HeartbeatDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// The first four bytes are not tern's magic (they are `found`, fewer when the datagram is shorter).
        case notHeartbeat(found: [UInt8])
        /// The format version is one this build does not read.
        case unsupportedVersion(UInt16)
        /// The datagram kind is not one this build knows.
        case unknownKind(UInt8)
        /// The state byte is not one this build knows.
        case unknownState(UInt8)
        /// The datagram ended before `field` was complete.
        case truncated(field: String)
        /// `field` is not valid UTF-8.
        case invalidUTF8(field: String)
        /// `field` declares `size`, over the limit.
        case tooLarge(field: String, size: Int, limit: Int)
        /// An endpoint host without a port.
        case endpointWithoutPort
        /// Authentication scheme 0 (none) with tag bytes.
        case unexpectedAuthenticationTag(Int)
        /// An authentication scheme this build does not know.
        case unknownAuthenticationScheme(UInt8)
        /// A tag of another length than the scheme's.
        case wrongAuthenticationLength(scheme: UInt8, length: Int, expected: Int)
        /// Bytes remain after the authentication section.
        case trailingBytes(Int)
    }

    /// What went wrong.
    public var reason: Reason
    /// Where, counted from the datagram's first byte.
    public var offset: Int

    /// Creates an error.
    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// Lowercase text that names the field and what was expected.
    public var description: String {
        let text: String
        switch reason {
        case .notHeartbeat(let found):
            text =
                "not a tern heartbeat: magic \(Hex.encode(found).isEmpty ? "(none)" : Hex.encode(found)), expected 89544842"
        case .unsupportedVersion(let version):
            text =
                "heartbeat format version \(version) is not supported (this build reads version "
                + "\(HeartbeatFormat.supportedVersions.lowerBound)–\(HeartbeatFormat.supportedVersions.upperBound))"
        case .unknownKind(let kind): text = "unknown datagram kind \(kind) (known: 1 heartbeat)"
        case .unknownState(let state): text = "unknown member state \(state) (known: 1 starting, 2 ready, 3 leaving)"
        case .truncated(let field): text = "ends inside \(field)"
        case .invalidUTF8(let field): text = "\(field) is not valid UTF-8"
        case .tooLarge(let field, let size, let limit):
            text =
                field.hasSuffix("count")
                ? "\(field) \(size) exceeds the limit of \(limit)"
                : "\(field) of \(size) bytes exceeds the limit of \(limit)"
        case .endpointWithoutPort: text = "endpoint has a host but port 0"
        case .unexpectedAuthenticationTag(let count):
            text = "authentication scheme 0 (none) carries \(count) tag bytes"
        case .unknownAuthenticationScheme(let scheme):
            text = "unknown authentication scheme \(scheme) (known: 0 none, 1 hmac-sha256-128)"
        case .wrongAuthenticationLength(let scheme, let length, let expected):
            text = "authentication scheme \(scheme) carries \(length) tag bytes, expected \(expected)"
        case .trailingBytes(let count): text = "\(count) unexpected bytes after the authentication section"
        }
        return "heartbeat: \(text) (at byte \(offset))"
    }
}

extension HeartbeatDecodingError: WireReadingFailure {
    static func truncated(_ field: String, at offset: Int) -> HeartbeatDecodingError {
        HeartbeatDecodingError(.truncated(field: field), at: offset)
    }

    static func invalidText(_ field: String, at offset: Int) -> HeartbeatDecodingError {
        HeartbeatDecodingError(.invalidUTF8(field: field), at: offset)
    }
}
