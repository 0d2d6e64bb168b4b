import NIOCore
import TernCore

extension ConnectionPreface {
    /// A preface of the protocol version this build speaks.
    public init(domain: String, member: MemberID) {
        self.init(version: FrameFormat.currentVersion, domain: domain, member: member)
    }

    /// Appends the preface: magic, version u16, domain length u16, domain, member id (16 bytes).
    public func encode(into buffer: inout ByteBuffer, limits: FrameLimits = .default) throws(FrameEncodingError) {
        let size = domain.utf8.count
        guard size <= limits.maxDomainBytes else {
            throw FrameEncodingError(.fieldTooLong(field: "preface domain", size: size, limit: limits.maxDomainBytes))
        }
        buffer.writeBytes(FrameFormat.magic)
        buffer.writeInteger(version)
        buffer.writeInteger(UInt16(size))
        buffer.writeString(domain)
        buffer.writeMemberID(member)
    }

    /// Decodes a preface at the start of `buffer`'s readable bytes, or returns nil (reading nothing)
    /// when more bytes are needed. Throws as soon as the bytes present are wrong: a bad magic after
    /// its first differing byte, a version or domain length as soon as they have arrived. `offset`
    /// is the stream offset errors report.
    public static func decode(
        _ buffer: inout ByteBuffer, limits: FrameLimits = .default, offset: Int = 0
    ) throws(FrameDecodingError) -> ConnectionPreface? {
        let start = buffer.readerIndex
        let head = buffer.getBytes(at: start, length: min(buffer.readableBytes, FrameFormat.magic.count)) ?? []
        guard head.elementsEqual(FrameFormat.magic.prefix(head.count)) else {
            throw FrameDecodingError(.badMagic(found: head), at: offset)
        }
        // A later version may lay out everything after the version differently: check it first.
        guard buffer.readableBytes >= FrameFormat.magic.count + 2,
            let version = buffer.getInteger(at: start + FrameFormat.magic.count, as: UInt16.self)
        else { return nil }
        guard FrameFormat.supportedVersions.contains(version) else {
            throw FrameDecodingError(
                .unsupportedVersion(found: version, supported: FrameFormat.supportedVersions), at: offset)
        }
        guard buffer.readableBytes >= FrameFormat.prefaceHeadSize,
            let domainLength = buffer.getInteger(at: start + 10, as: UInt16.self)
        else { return nil }
        guard Int(domainLength) <= limits.maxDomainBytes else {
            throw FrameDecodingError(.domainTooLong(size: Int(domainLength), limit: limits.maxDomainBytes), at: offset)
        }
        let domainStart = start + FrameFormat.prefaceHeadSize
        let memberStart = domainStart + Int(domainLength)
        guard buffer.readableBytes >= FrameFormat.prefaceHeadSize + Int(domainLength) + FrameFormat.prefaceMemberSize,
            let domainBytes = buffer.viewBytes(at: domainStart, length: Int(domainLength)),
            let high = buffer.getInteger(at: memberStart, as: UInt64.self),
            let low = buffer.getInteger(at: memberStart + 8, as: UInt64.self)
        else { return nil }
        guard let domain = String(validating: domainBytes, as: UTF8.self) else {
            throw FrameDecodingError(.invalidDomain, at: offset)
        }
        buffer.moveReaderIndex(to: memberStart + FrameFormat.prefaceMemberSize)
        return ConnectionPreface(version: version, domain: domain, member: MemberID(high: high, low: low))
    }
}
