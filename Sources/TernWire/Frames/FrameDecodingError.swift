import TernCore

/// Why a replication stream could not be decoded. Every one of them ends the connection: after a
/// bad byte the decoder cannot find the next frame boundary with any confidence.
public struct FrameDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// The stream does not start with `FrameFormat.magic`; `found` is what it starts with
        /// (fewer than 8 bytes when the mismatch was already visible).
        case badMagic(found: [UInt8])
        /// The preface announces a protocol version this build does not speak.
        case unsupportedVersion(found: UInt16, supported: ClosedRange<UInt16>)
        /// The preface's domain length is over `FrameLimits.maxDomainBytes`.
        case domainTooLong(size: Int, limit: Int)
        /// The preface's domain is not UTF-8.
        case invalidDomain
        /// A frame type number this build does not know.
        case unknownType(UInt8)
        /// Flag bits this build does not know are set.
        case unknownFlags(type: FrameType, flags: UInt8)
        /// The payload length is over `FrameLimits.maxPayloadBytes`.
        case payloadTooLarge(type: FrameType, size: Int, limit: Int)
        /// The CRC32C the frame carries differs from the one its bytes give.
        case checksumMismatch(type: FrameType, sequence: UInt64, carried: UInt32, computed: UInt32)
        /// The payload does not decode as the body its type announces.
        case malformedBody(type: FrameType, sequence: UInt64, FrameBodyError)
        /// The stream ended inside the preface or a frame (`have` bytes of it had arrived).
        case truncated(part: String, have: Int)
    }

    /// What went wrong.
    public var reason: Reason
    /// Stream offset of the first byte of the preface or frame at fault.
    public var offset: Int

    /// Creates an error.
    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// Whether the connection must be closed: always, for every reason.
    public var closesConnection: Bool { true }

    /// One lowercase line a tool can print as is.
    public var description: String {
        "\(problem) (stream offset \(offset))"
    }

    private var problem: String {
        switch reason {
        case .badMagic(let found):
            "not a tern replication stream: it starts with \(Self.hex(found)), expected \(Self.hex(FrameFormat.magic))"
        case .unsupportedVersion(let found, let supported):
            "unsupported replication protocol version \(found) (supported: \(Self.text(supported)))"
        case .domainTooLong(let size, let limit): "preface domain of \(size) bytes exceeds the limit of \(limit)"
        case .invalidDomain: "preface domain is not valid UTF-8"
        case .unknownType(let type): "unknown frame type \(type) (known: \(FrameType.knownRange))"
        case .unknownFlags(let type, let flags):
            "\(type) frame has unknown flag bits 0x\(Hex.encode([flags & ~FrameFlags.known.rawValue])) (known: 0x01 ack requested)"
        case .payloadTooLarge(let type, let size, let limit):
            "\(type) frame payload of \(size) bytes exceeds the limit of \(limit)"
        case .checksumMismatch(let type, let sequence, let carried, let computed):
            "\(type) frame \(sequence) fails its CRC32C check: it carries 0x\(Self.hex32(carried)), its bytes give 0x\(Self.hex32(computed))"
        case .malformedBody(let type, let sequence, let error):
            "malformed \(type) frame \(sequence): \(error) at payload offset \(error.offset)"
        case .truncated(let part, let have): "the stream ends inside a \(part) after \(have) of its bytes"
        }
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { Hex.encode([$0]) }.joined(separator: " ")
    }

    private static func hex32(_ value: UInt32) -> String {
        Hex.encode(withUnsafeBytes(of: value.bigEndian) { Array($0) })
    }

    private static func text(_ versions: ClosedRange<UInt16>) -> String {
        versions.count == 1 ? "\(versions.lowerBound)" : "\(versions.lowerBound)-\(versions.upperBound)"
    }
}
