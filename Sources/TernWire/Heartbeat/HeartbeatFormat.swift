import TernCore

/// Constants of tern's heartbeat datagram (docs/PROTOCOL.md, "Heartbeat").
public enum HeartbeatFormat {
    /// The first four bytes of every tern datagram: `\x89THB`.
    public static let magic: [UInt8] = [0x89, 0x54, 0x48, 0x42]
    /// The format version this build writes.
    public static let version: UInt16 = 1
    /// The format versions this build reads.
    public static let supportedVersions: ClosedRange<UInt16> = 1...1

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

/// The authentication section at the end of a heartbeat. Reserved: scheme 0 (none) is the only one
/// defined; the security work fills it with a tag over every byte before the section.
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

/// A decoded datagram: the heartbeat, its authentication section, and how many leading bytes that
/// section covers (everything before it).
public struct DecodedHeartbeat: Sendable, Hashable {
    /// The heartbeat.
    public var heartbeat: Heartbeat
    /// The authentication section as received (not checked here).
    public var authentication: HeartbeatAuthentication
    /// The number of bytes from the datagram's start up to the authentication section.
    public var authenticatedBytes: Int

    /// Creates a decoded heartbeat.
    public init(heartbeat: Heartbeat, authentication: HeartbeatAuthentication, authenticatedBytes: Int) {
        self.heartbeat = heartbeat
        self.authentication = authentication
        self.authenticatedBytes = authenticatedBytes
    }
}
