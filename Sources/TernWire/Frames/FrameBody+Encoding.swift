import NIOCore
import TernCore

extension FrameBody {
    /// Appends the payload encoding of this body to `buffer`, checking first everything a reader
    /// with `limits` would refuse (docs/PROTOCOL.md, "Bodies"). On error, part of the payload may
    /// have been written: `Frame.encode` rolls it back.
    public func encodePayload(into buffer: inout ByteBuffer, limits: FrameLimits = .default) throws(FrameEncodingError) {
        var writer = BodyWriter(buffer: buffer, limits: limits)
        // Hand the storage over so that appending does not copy it.
        buffer = ByteBuffer()
        defer { buffer = writer.buffer }
        switch self {
        case .message(.put(let session)): try writer.record(.session(session))
        case .message(.expire(let tombstone)): try writer.record(.tombstone(tombstone))
        case .message(.delta(let delta)): try writer.delta(delta)
        case .message(.touch(let touches)): try writer.touches(touches)
        case .message(.changeID(let change)): try writer.idChange(change)
        case .ack(let sequence): writer.buffer.writeInteger(sequence)
        case .nack(let sequence, let reason, let detail):
            writer.buffer.writeInteger(sequence)
            writer.buffer.writeInteger(reason.rawValue)
            try writer.shortString(detail, field: "nack detail")
        case .stateRequest(let request):
            try writer.contexts(request.contexts)
            if let since = request.since {
                writer.buffer.writeInteger(UInt8(1))
                try writer.versionVector(since)
            } else {
                writer.buffer.writeInteger(UInt8(0))
            }
        case .stateChunk(let records): try writer.chunkRecords(records)
        case .stateEnd(let end):
            guard end.digest.count == FrameFormat.digestSize else {
                throw FrameEncodingError(.digestSize(end.digest.count))
            }
            writer.buffer.writeInteger(end.count)
            writer.buffer.writeBytes(end.digest)
            try writer.versionVector(end.vector)
        case .subscribe(let contexts): try writer.contexts(contexts)
        case .ping(let nonce), .pong(let nonce): writer.buffer.writeInteger(nonce)
        }
    }
}

/// Appends body fields, refusing what the decoder would refuse.
struct BodyWriter {
    var buffer: ByteBuffer
    let limits: FrameLimits

    mutating func shortString(_ string: String, field: String) throws(FrameEncodingError) {
        let size = string.utf8.count
        guard size <= Int(UInt16.max) else {
            throw FrameEncodingError(.fieldTooLong(field: field, size: size, limit: Int(UInt16.max)))
        }
        buffer.writeInteger(UInt16(size))
        buffer.writeString(string)
    }

    mutating func key(_ key: SessionKey) throws(FrameEncodingError) {
        try shortString(key.context, field: "context")
        try shortString(key.id, field: "session id")
    }

    mutating func count(_ count: Int, field: String, limit: Int) throws(FrameEncodingError) {
        guard count <= limit, count <= Int(UInt32.max) else {
            throw FrameEncodingError(.tooMany(field: field, count: count, limit: min(limit, Int(UInt32.max))))
        }
        buffer.writeInteger(UInt32(count))
    }

    mutating func record(_ record: StoreRecord) throws(FrameEncodingError) {
        do { try SessionRecordCodec.validateForEncoding(record, limits: limits.records) } catch {
            throw FrameEncodingError(.record(error))
        }
        SessionRecordCodec.encode(record, into: &buffer)
    }

    mutating func attributes(_ attributes: Attributes) throws(FrameEncodingError) {
        try count(attributes.count, field: "attribute count", limit: limits.records.maxAttributes)
        for attribute in attributes {
            try shortString(attribute.name, field: "attribute name")
            guard attribute.value.count <= limits.records.maxAttributeBytes else {
                throw FrameEncodingError(
                    .fieldTooLong(
                        field: "attribute \"\(attribute.name)\"", size: attribute.value.count,
                        limit: limits.records.maxAttributeBytes))
            }
            buffer.writeInteger(UInt32(attribute.value.count))
            buffer.writeBytes(attribute.value)
        }
    }

    mutating func delta(_ delta: SessionDelta) throws(FrameEncodingError) {
        try key(delta.key)
        buffer.writeVersion(delta.base)
        buffer.writeVersion(delta.version)
        buffer.writeInteger(delta.lastAccessed)
        buffer.writeInteger(delta.maxInactiveSeconds)
        try attributes(delta.set)
        try count(delta.remove.count, field: "removed attribute count", limit: limits.records.maxAttributes)
        for (index, name) in delta.remove.enumerated() {
            let ordered = index == 0 || delta.remove[index - 1].utf8Precedes(name)
            guard ordered, delta.set[name] == nil else {
                throw FrameEncodingError(.notCanonical(field: "removed attribute names"))
            }
            try shortString(name, field: "removed attribute name")
        }
    }

    mutating func touches(_ touches: [SessionTouch]) throws(FrameEncodingError) {
        try count(touches.count, field: "touch count", limit: limits.maxListCount)
        for touch in touches {
            try key(touch.key)
            buffer.writeVersion(touch.version)
            buffer.writeInteger(touch.lastAccessed)
        }
    }

    mutating func idChange(_ change: SessionIDChange) throws(FrameEncodingError) {
        try key(change.key)
        buffer.writeVersion(change.base)
        try shortString(change.newID, field: "new session id")
        buffer.writeVersion(change.version)
        buffer.writeInteger(change.retainUntil)
    }

    mutating func contexts(_ contexts: [String]) throws(FrameEncodingError) {
        try count(contexts.count, field: "context count", limit: limits.maxListCount)
        for context in contexts { try shortString(context, field: "context") }
    }

    mutating func versionVector(_ vector: VersionVector) throws(FrameEncodingError) {
        let versions = vector.sortedVersions
        try count(versions.count, field: "version vector count", limit: limits.maxListCount)
        for version in versions { buffer.writeVersion(version) }
    }

    mutating func chunkRecords(_ records: [StoreRecord]) throws(FrameEncodingError) {
        try count(records.count, field: "record count", limit: limits.maxListCount)
        for record in records {
            let lengthIndex = buffer.writerIndex
            buffer.writeInteger(UInt32(0))
            try self.record(record)
            buffer.setInteger(UInt32(buffer.writerIndex - lengthIndex - 4), at: lengthIndex)
        }
    }
}
