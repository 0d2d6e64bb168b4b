import TernCore

/// Constants of tern's heartbeat datagram (docs/PROTOCOL.md, "Heartbeat").
public enum HeartbeatFormat {
    /// The first four bytes of every tern datagram: `\x89THB`.
    public static let magic: [UInt8] = [0x89, 0x54, 0x48, 0x42]
    /// The format version this build writes.
    public static let version: UInt16 = 1
    /// The format versions this build reads.
    public static let supportedVersions: ClosedRange<UInt16> = 1...1

    /// Authentication schemes. Only append to this list; never renumber.
    public enum Scheme: UInt8, Sendable, CaseIterable {
        /// No authentication: an empty tag.
        case none = 0
        /// HMAC-SHA-256 truncated to 16 bytes, after the signing key's 8-byte id
        /// (`HeartbeatAuthenticator`; docs/PROTOCOL.md, "Heartbeat authentication").
        case hmacSHA256 = 1

        /// The tag length the scheme requires.
        public var tagBytes: Int { self == .none ? 0 : 24 }
    }

    /// Datagram kinds. Only append to this list; never renumber.
    public enum Kind: UInt8, Sendable, CaseIterable {
        /// A membership heartbeat.
        case heartbeat = 1
    }

    /// Bytes of the fixed part: magic, version, kind, state, member id, incarnation, sequence, interval.
    public static let fixedBytes = 4 + 2 + 1 + 1 + 16 + 8 + 8 + 4
}

/// Bounds of a heartbeat datagram, checked by the encoder and again by the decoder.
public struct HeartbeatLimits: Sendable, Hashable {
    /// The largest datagram, in bytes. The default keeps a heartbeat inside one Ethernet frame
    /// (1,500 − 20 IPv4 − 8 UDP, with room for IPv6's larger header).
    public var maxDatagramBytes: Int
    /// The most tags a heartbeat carries.
    public var maxTags: Int
    /// The longest authentication tag, in bytes.
    public var maxAuthenticationBytes: Int

    /// Creates limits.
    public init(maxDatagramBytes: Int = 1400, maxTags: Int = 16, maxAuthenticationBytes: Int = 64) {
        self.maxDatagramBytes = maxDatagramBytes
        self.maxTags = maxTags
        self.maxAuthenticationBytes = maxAuthenticationBytes
    }

    /// The defaults: 1,400 bytes, 16 tags, 64 bytes of authentication.
    public static let `default` = HeartbeatLimits()
    /// The longest string field (domain, name, host, tag key or value): its length prefix is one byte.
    public static let maxStringBytes = 255
}

/// The authentication section at the end of a heartbeat: scheme 0 (none) with an empty tag, or
/// scheme 1 with a key id and a MAC over every byte before the MAC (`HeartbeatAuthenticator`).
public struct HeartbeatAuthentication: Sendable, Hashable {
    /// The scheme number; 0 means none. Only append new schemes.
    public var scheme: UInt8
    /// The tag bytes (empty for scheme 0).
    public var tag: [UInt8]

    /// Creates an authentication section.
    public init(scheme: UInt8, tag: [UInt8]) {
        self.scheme = scheme
        self.tag = tag
    }

    /// No authentication.
    public static let none = HeartbeatAuthentication(scheme: 0, tag: [])
}

/// A decoded datagram: the heartbeat, its authentication section, and where that section starts.
public struct DecodedHeartbeat: Sendable, Hashable {
    /// The heartbeat.
    public var heartbeat: Heartbeat
    /// The authentication section as received (not checked here).
    public var authentication: HeartbeatAuthentication
    /// The number of bytes from the datagram's start up to the authentication section (the MAC of
    /// scheme 1 covers these and the section's own bytes before the MAC).
    public var authenticatedBytes: Int

    /// Creates a decoded heartbeat.
    public init(heartbeat: Heartbeat, authentication: HeartbeatAuthentication, authenticatedBytes: Int) {
        self.heartbeat = heartbeat
        self.authentication = authentication
        self.authenticatedBytes = authenticatedBytes
    }
}
