import NIOCore
import TernCore
import TernTestKit
import TernWire
import Testing

/// Replication items through plain byte arrays, and random bodies for round trips.
enum FrameWire {
    static let member = MemberID(high: 0x0102_0304_0506_0708, low: 0x090A_0B0C_0D0E_0F10)
    static let preface = ConnectionPreface(domain: "prod", member: member)

    static func buffer(_ bytes: [UInt8]) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        return buffer
    }

    static func encode(_ items: [ReplicationItem], limits: FrameLimits = .default) throws -> [UInt8] {
        var buffer = ByteBufferAllocator().buffer(capacity: 256)
        for item in items { try item.encode(into: &buffer, limits: limits) }
        return buffer.readBytes(length: buffer.readableBytes)!
    }

    static func encode(_ frame: Frame, limits: FrameLimits = .default) throws -> [UInt8] {
        try encode([.frame(frame)], limits: limits)
    }

    /// Decodes every item from `bytes` fed in one piece; also returns the bytes left unread.
    static func decodeAll(
        _ bytes: [UInt8], limits: FrameLimits = .default, expectsPreface: Bool = true
    ) throws(FrameDecodingError) -> (items: [ReplicationItem], leftover: Int) {
        var decoder = ReplicationDecoder(limits: limits, expectsPreface: expectsPreface)
        var buffer = buffer(bytes)
        var items: [ReplicationItem] = []
        while let item = try decoder.next(&buffer) { items.append(item) }
        return (items, buffer.readableBytes)
    }

    /// The error decoding `bytes` gives, or nil.
    static func error(
        _ bytes: [UInt8], limits: FrameLimits = .default, expectsPreface: Bool = false
    ) -> FrameDecodingError? {
        do {
            _ = try decodeAll(bytes, limits: limits, expectsPreface: expectsPreface)
            return nil
        } catch {
            return error
        }
    }

    /// The encoding error of `frame`, or nil.
    static func encodingError(_ frame: Frame, limits: FrameLimits = .default) -> FrameEncodingError? {
        var buffer = ByteBufferAllocator().buffer(capacity: 64)
        do {
            try frame.encode(into: &buffer, limits: limits)
            return nil
        } catch {
            #expect(buffer.readableBytes == 0, "a refused frame left \(buffer.readableBytes) bytes behind")
            return error
        }
    }
}

extension FrameWire {
    /// A frame of raw parts with a correct CRC32C: how tests reach the body decoders with bad payloads.
    static func rawFrame(type: UInt8, flags: UInt8 = 0, sequence: UInt64 = 1, payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [type, flags]
        bytes += withUnsafeBytes(of: sequence.bigEndian) { Array($0) }
        bytes += withUnsafeBytes(of: UInt32(truncatingIfNeeded: payload.count).bigEndian) { Array($0) }
        bytes += payload
        return bytes + withUnsafeBytes(of: CRC32C.checksum(bytes).bigEndian) { Array($0) }
    }

    /// Replaces the CRC32C at the end of `frame` with the one its bytes give.
    static func resealed(_ frame: [UInt8]) -> [UInt8] {
        guard frame.count >= 4 else { return frame }
        let covered = Array(frame.dropLast(4))
        return covered + withUnsafeBytes(of: CRC32C.checksum(covered).bigEndian) { Array($0) }
    }

    static func u16(_ value: Int) -> [UInt8] { withUnsafeBytes(of: UInt16(value).bigEndian) { Array($0) } }
    static func u32(_ value: Int) -> [UInt8] { withUnsafeBytes(of: UInt32(value).bigEndian) { Array($0) } }
}
