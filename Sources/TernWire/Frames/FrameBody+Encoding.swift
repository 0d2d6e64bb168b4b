import NIOCore
import TernCore

extension FrameBody {
    /// Appends the payload encoding of this body to `buffer`, checking first everything a reader
    /// with `limits` would refuse (docs/PROTOCOL.md, "Bodies"). On error, part of the payload may
    /// have been written: `Frame.encode` rolls it back.
    public func encodePayload(into buffer: inout ByteBuffer, limits: FrameLimits = .default) throws(FrameEncodingError) {
        switch self {
        case .message(.put(let session)): try buffer.writeRecord(.session(session), limits: limits)
        case .message(.expire(let tombstone)): try buffer.writeRecord(.tombstone(tombstone), limits: limits)
        case .message(.delta(let delta)): try buffer.writeDelta(delta, limits: limits)
        case .message(.touch(let touches)): try buffer.writeTouches(touches, limits: limits)
        case .message(.changeID(let change)): try buffer.writeIDChange(change)
        case .ack(let sequence): buffer.writeInteger(sequence)
        case .nack(let sequence, let reason, let detail):
            buffer.writeInteger(sequence)
            buffer.writeInteger(reason.rawValue)
            try buffer.writeShortString(detail, field: "nack detail")
        case .stateRequest(let request):
            try buffer.writeContexts(request.contexts, limits: limits)
            if let since = request.since {
                buffer.writeInteger(UInt8(1))
                try buffer.writeVersionVector(since, limits: limits)
            } else {
                buffer.writeInteger(UInt8(0))
            }
        case .stateChunk(let records): try buffer.writeChunkRecords(records, limits: limits)
        case .stateEnd(let end):
            guard end.digest.count == FrameFormat.digestSize else {
                throw FrameEncodingError(.digestSize(end.digest.count))
            }
            buffer.writeInteger(end.count)
            buffer.writeBytes(end.digest)
            try buffer.writeVersionVector(end.vector, limits: limits)
        case .subscribe(let contexts): try buffer.writeContexts(contexts, limits: limits)
        case .ping(let nonce), .pong(let nonce): buffer.writeInteger(nonce)
        case .stateBegin(let begin):
            guard begin.header.count >= StateBegin.minimumHeaderSize else {
                throw FrameEncodingError(.truncatedHeader(begin.header.count))
            }
            buffer.writeBytes(begin.header)
        case .digest(let digests): try buffer.writeDigests(digests, limits: limits)
        case .digestDifference(let request, let difference):
            try buffer.writeDifference(request: request, difference, limits: limits)
        case .digestEntries(let entries): try buffer.writeDigestEntries(entries, limits: limits)
        case .recordRequest(let keys): try buffer.writeKeys(keys, limits: limits)
        }
    }
}

/// Body fields, refusing what the decoder would refuse.
extension ByteBuffer {
    mutating func writeShortString(_ string: String, field: String) throws(FrameEncodingError) {
        let size = string.utf8.count
        guard size <= Int(UInt16.max) else {
            throw FrameEncodingError(.fieldTooLong(field: field, size: size, limit: Int(UInt16.max)))
        }
        writeInteger(UInt16(size))
        writeString(string)
    }

    mutating func writeKey(_ key: SessionKey) throws(FrameEncodingError) {
        try writeShortString(key.context, field: "context")
        try writeShortString(key.id, field: "session id")
    }

    mutating func writeCount(_ count: Int, field: String, limit: Int) throws(FrameEncodingError) {
        guard count <= limit, count <= Int(UInt32.max) else {
            throw FrameEncodingError(.tooMany(field: field, count: count, limit: min(limit, Int(UInt32.max))))
        }
        writeInteger(UInt32(count))
    }

    mutating func writeRecord(_ record: StoreRecord, limits: FrameLimits) throws(FrameEncodingError) {
        do { try SessionRecordCodec.validateForEncoding(record, limits: limits.records) } catch {
            throw FrameEncodingError(.record(error))
        }
        SessionRecordCodec.encode(record, into: &self)
    }

    mutating func writeAttributes(_ attributes: Attributes, limits: FrameLimits) throws(FrameEncodingError) {
        try writeCount(attributes.count, field: "attribute count", limit: limits.records.maxAttributes)
        for position in attributes.indices {
            let (name, value) = attributes.withBytes(at: position) { name, value in (name.count, value.count) }
            guard name <= Int(UInt16.max) else {
                throw FrameEncodingError(.fieldTooLong(field: "attribute name", size: name, limit: Int(UInt16.max)))
            }
            guard value <= limits.records.maxAttributeBytes else {
                throw FrameEncodingError(
                    .fieldTooLong(
                        field: "attribute \"\(attributes.name(at: position))\"", size: value,
                        limit: limits.records.maxAttributeBytes))
            }
            attributes.withBytes(at: position) { name, value in
                writeInteger(UInt16(name.count))
                writeBytes(name)
                writeInteger(UInt32(value.count))
                writeBytes(value)
            }
        }
    }

    mutating func writeDelta(_ delta: SessionDelta, limits: FrameLimits) throws(FrameEncodingError) {
        try writeKey(delta.key)
        writeVersion(delta.base)
        writeVersion(delta.version)
        writeInteger(delta.lastAccessed)
        writeInteger(delta.maxInactiveSeconds)
        try writeAttributes(delta.set, limits: limits)
        try writeCount(delta.remove.count, field: "removed attribute count", limit: limits.records.maxAttributes)
        for (index, name) in delta.remove.enumerated() {
            let ordered = index == 0 || delta.remove[index - 1].utf8Precedes(name)
            guard ordered, delta.set[name] == nil else {
                throw FrameEncodingError(.notCanonical(field: "removed attribute names"))
            }
            try writeShortString(name, field: "removed attribute name")
        }
    }

    mutating func writeTouches(_ touches: [SessionTouch], limits: FrameLimits) throws(FrameEncodingError) {
        try writeCount(touches.count, field: "touch count", limit: limits.maxListCount)
        for touch in touches {
            try writeKey(touch.key)
            writeVersion(touch.version)
            writeInteger(touch.lastAccessed)
        }
    }

    mutating func writeIDChange(_ change: SessionIDChange) throws(FrameEncodingError) {
        try writeKey(change.key)
        writeVersion(change.base)
        try writeShortString(change.newID, field: "new session id")
        writeVersion(change.version)
        writeInteger(change.retainUntil)
    }

    mutating func writeContexts(_ contexts: [String], limits: FrameLimits) throws(FrameEncodingError) {
        try writeCount(contexts.count, field: "context count", limit: limits.maxListCount)
        for context in contexts { try writeShortString(context, field: "context") }
    }

    mutating func writeVersionVector(_ vector: VersionVector, limits: FrameLimits) throws(FrameEncodingError) {
        let versions = vector.sortedVersions
        try writeCount(versions.count, field: "version vector count", limit: limits.maxListCount)
        for version in versions { writeVersion(version) }
    }

    mutating func writeChunkRecords(_ records: [StoreRecord], limits: FrameLimits) throws(FrameEncodingError) {
        try writeCount(records.count, field: "record count", limit: limits.maxListCount)
        for record in records {
            let lengthIndex = writerIndex
            writeInteger(UInt32(0))
            try writeRecord(record, limits: limits)
            setInteger(UInt32(writerIndex - lengthIndex - 4), at: lengthIndex)
        }
    }
}
