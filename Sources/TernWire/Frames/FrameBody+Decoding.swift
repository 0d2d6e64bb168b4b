import NIOCore
import TernCore

extension FrameBody {
    /// Smallest encoded session record (a tombstone with empty context and id), in bytes.
    static let minimumRecordSize = 1 + 2 + 2 + 28 + 8
    /// Smallest encoded touch (empty context and id), in bytes.
    static let minimumTouchSize = 2 + 2 + 28 + 8

    /// Decodes the body of a frame of `type` from `payload`, which it must fill exactly
    /// (docs/PROTOCOL.md, "Bodies").
    public static func decode(
        type: FrameType, payload: ByteBuffer, limits: FrameLimits = .default
    ) throws(FrameBodyError) -> FrameBody {
        var reader = BodyReader(payload: payload, limits: limits)
        let body: FrameBody
        switch type {
        case .put:
            guard case .session(let session) = try reader.record(length: reader.remaining) else {
                throw FrameBodyError(.wrongRecordKind(expected: "session", found: "tombstone"), at: 0)
            }
            body = .message(.put(session))
        case .expire:
            guard case .tombstone(let tombstone) = try reader.record(length: reader.remaining) else {
                throw FrameBodyError(.wrongRecordKind(expected: "tombstone", found: "session"), at: 0)
            }
            body = .message(.expire(tombstone))
        case .delta: body = .message(.delta(try reader.delta()))
        case .touch: body = .message(.touch(try reader.touches()))
        case .changeID: body = .message(.changeID(try reader.idChange()))
        case .ack: body = .ack(sequence: try reader.integer("acknowledged sequence"))
        case .nack: body = try reader.nack()
        case .stateRequest:
            let contexts = try reader.contexts()
            let since = try reader.presence("since vector") ? try reader.versionVector() : nil
            body = .stateRequest(StateRequest(contexts: contexts, since: since))
        case .stateChunk: body = .stateChunk(try reader.chunkRecords())
        case .stateEnd:
            let count: UInt64 = try reader.integer("record count")
            let digest = try reader.bytes("digest", count: FrameFormat.digestSize)
            body = .stateEnd(StateEnd(count: count, digest: digest, vector: try reader.versionVector()))
        case .subscribe: body = .subscribe(contexts: try reader.contexts())
        case .ping: body = .ping(nonce: try reader.integer("nonce"))
        case .pong: body = .pong(nonce: try reader.integer("nonce"))
        case .stateBegin:
            guard reader.remaining >= StateBegin.minimumHeaderSize else {
                throw FrameBodyError(.field(.truncated(field: "snapshot header")), at: 0)
            }
            body = .stateBegin(StateBegin(header: try reader.bytes("snapshot header", count: reader.remaining)))
        case .digest: body = .digest(try reader.digests())
        case .digestDifference: body = try reader.difference()
        case .digestEntries: body = .digestEntries(try reader.digestEntries())
        case .recordRequest: body = .recordRequest(try reader.keys())
        }
        try reader.finish()
        return body
    }
}

extension BodyReader {
    fileprivate mutating func delta() throws(FrameBodyError) -> SessionDelta {
        let key = try key()
        let base = try version("base version")
        let version = try version("version")
        let lastAccessed: Int64 = try integer("last access time")
        let maxInactive: Int32 = try integer("max inactive interval")
        let set = try attributes()
        let count = try count("removed attribute count", limit: limits.records.maxAttributes, minimumSize: 2)
        var remove: [String] = []
        remove.reserveCapacity(count)
        for _ in 0..<count {
            let at = offset
            let name = try shortString("removed attribute name")
            if let previous = remove.last, !previous.utf8Precedes(name) {
                throw FrameBodyError(.outOfOrder(field: "removed attribute names"), at: at)
            }
            if set[name] != nil { throw FrameBodyError(.removedAndSet(name: name), at: at) }
            remove.append(name)
        }
        return SessionDelta(
            key: key, base: base, version: version, lastAccessed: lastAccessed, maxInactiveSeconds: maxInactive,
            set: set, remove: remove)
    }

    fileprivate mutating func touches() throws(FrameBodyError) -> [SessionTouch] {
        let count = try count("touch count", limit: limits.maxListCount, minimumSize: FrameBody.minimumTouchSize)
        var touches: [SessionTouch] = []
        touches.reserveCapacity(count)
        for _ in 0..<count {
            let key = try key()
            let version = try version("version")
            let lastAccessed: Int64 = try integer("last access time")
            touches.append(SessionTouch(key: key, version: version, lastAccessed: lastAccessed))
        }
        return touches
    }

    fileprivate mutating func idChange() throws(FrameBodyError) -> SessionIDChange {
        let key = try key()
        let base = try version("base version")
        let newID = try shortString("new session id")
        let version = try version("version")
        let retainUntil: Int64 = try integer("tombstone retention time")
        return SessionIDChange(key: key, base: base, newID: newID, version: version, retainUntil: retainUntil)
    }

    fileprivate mutating func nack() throws(FrameBodyError) -> FrameBody {
        let sequence: UInt64 = try integer("refused sequence")
        let at = offset
        let number: UInt16 = try integer("nack reason")
        guard let reason = NackReason(rawValue: number) else {
            throw FrameBodyError(.unknownNackReason(number), at: at)
        }
        return .nack(sequence: sequence, reason: reason, detail: try shortString("nack detail"))
    }

    fileprivate mutating func chunkRecords() throws(FrameBodyError) -> [StoreRecord] {
        let count = try count("record count", limit: limits.maxListCount, minimumSize: 4 + FrameBody.minimumRecordSize)
        var records: [StoreRecord] = []
        records.reserveCapacity(count)
        for _ in 0..<count {
            let length = Int(try integer("record length") as UInt32)
            records.append(try record(length: length))
        }
        return records
    }
}
