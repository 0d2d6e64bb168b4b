import TernCore
import TernTestKit
import TernWire

/// Seeded random bodies of every frame type, for round trips and garbage tests.
enum RandomBodies {
    static func version(using random: inout TestRandom) -> Version {
        Version(
            physical: random.next(), logical: UInt32.random(in: 0...UInt32.max, using: &random),
            origin: MemberID.random(using: &random))
    }

    static func key(using random: inout TestRandom) -> SessionKey {
        SessionKey(
            context: Wire.randomString(maxScalars: 6, using: &random),
            id: Wire.randomString(maxScalars: 12, using: &random))
    }

    static func attributes(using random: inout TestRandom) -> Attributes {
        var attributes = Attributes()
        for _ in 0..<Int.random(in: 0...5, using: &random) {
            attributes[Wire.randomString(maxScalars: 5, using: &random)] = random.bytes(
                Int.random(in: 0...40, using: &random))
        }
        return attributes
    }

    /// Sorted, distinct names, none of them in `set`.
    static func removedNames(besides set: Attributes, using random: inout TestRandom) -> [String] {
        let names = (0..<Int.random(in: 0...5, using: &random)).map { _ in
            Wire.randomString(maxScalars: 5, using: &random)
        }
        var sorted: [String] = []
        for name in names.sorted(by: { $0.utf8Precedes($1) }) where set[name] == nil {
            if let last = sorted.last, last.utf8Equals(name) { continue }
            sorted.append(name)
        }
        return sorted
    }

    static func contexts(using random: inout TestRandom) -> [String] {
        (0..<Int.random(in: 0...4, using: &random)).map { _ in Wire.randomString(maxScalars: 6, using: &random) }
    }

    static func vector(using random: inout TestRandom) -> VersionVector {
        VersionVector((0..<Int.random(in: 0...4, using: &random)).map { _ in version(using: &random) })
    }

    static func session(using random: inout TestRandom) -> Session {
        while true {
            if case .session(let session) = Wire.randomRecord(using: &random) { return session }
        }
    }

    static func tombstone(using random: inout TestRandom) -> Tombstone {
        Tombstone(key: key(using: &random), version: version(using: &random), retainUntil: Int64(bitPattern: random.next()))
    }

    static func body(_ type: FrameType, using random: inout TestRandom) -> FrameBody {
        switch type {
        case .put: return .message(.put(session(using: &random)))
        case .delta:
            let set = attributes(using: &random)
            return .message(
                .delta(
                    SessionDelta(
                        key: key(using: &random), base: version(using: &random), version: version(using: &random),
                        lastAccessed: Int64(bitPattern: random.next()),
                        maxInactiveSeconds: Int32.random(in: .min ... .max, using: &random), set: set,
                        remove: removedNames(besides: set, using: &random))))
        case .touch:
            return .message(
                .touch(
                    (0..<Int.random(in: 0...4, using: &random)).map { _ in
                        SessionTouch(
                            key: key(using: &random), version: version(using: &random),
                            lastAccessed: Int64(bitPattern: random.next()))
                    }))
        case .expire: return .message(.expire(tombstone(using: &random)))
        case .changeID:
            return .message(
                .changeID(
                    SessionIDChange(
                        key: key(using: &random), base: version(using: &random),
                        newID: Wire.randomString(maxScalars: 12, using: &random), version: version(using: &random),
                        retainUntil: Int64(bitPattern: random.next()))))
        case .ack: return .ack(sequence: random.next())
        case .nack:
            return .nack(
                sequence: random.next(), reason: NackReason.allCases.randomElement(using: &random)!,
                detail: Wire.randomString(maxScalars: 20, using: &random))
        case .stateRequest:
            let since = Bool.random(using: &random) ? vector(using: &random) : nil
            return .stateRequest(StateRequest(contexts: contexts(using: &random), since: since))
        case .stateChunk:
            return .stateChunk((0..<Int.random(in: 0...4, using: &random)).map { _ in Wire.randomRecord(using: &random) })
        case .stateEnd:
            return .stateEnd(StateEnd(count: random.next(), digest: random.bytes(32), vector: vector(using: &random)))
        case .subscribe: return .subscribe(contexts: contexts(using: &random))
        case .stateBegin: return .stateBegin(StateBegin(header: random.bytes(Int.random(in: 34...60, using: &random))))
        case .digest:
            let digests = contexts(using: &random).sorted { $0.utf8Precedes($1) }.reduce(into: [ContextDigest]()) {
                if $0.last?.context.utf8Equals($1) != true {
                    $0.append(
                        ContextDigest(
                            context: $1, count: random.next(),
                            buckets: (0..<(1 << Int.random(in: 0...4, using: &random))).map { _ in random.next() }))
                }
            }
            return .digest(digests)
        case .digestDifference:
            let selections = contexts(using: &random).sorted { $0.utf8Precedes($1) }.reduce(into: [BucketSelection]()) {
                if $0.last?.context.utf8Equals($1) != true {
                    let count = 1 << Int.random(in: 0...5, using: &random)
                    let buckets = (0..<count).filter { _ in Bool.random(using: &random) }
                    $0.append(BucketSelection(context: $1, bucketCount: count, buckets: buckets))
                }
            }
            return .digestDifference(
                request: random.next(),
                DigestDifference(
                    tooDifferent: Bool.random(using: &random), buckets: selections,
                    entryCount: Int.random(in: 0...1000, using: &random)))
        case .digestEntries:
            return .digestEntries(
                (0..<Int.random(in: 0...4, using: &random)).map { _ in
                    DigestEntry(
                        key: key(using: &random), version: version(using: &random),
                        retainUntil: Bool.random(using: &random) ? Int64(bitPattern: random.next()) : nil)
                })
        case .recordRequest: return .recordRequest((0..<Int.random(in: 0...4, using: &random)).map { _ in key(using: &random) })
        case .ping: return .ping(nonce: random.next())
        case .pong: return .pong(nonce: random.next())
        }
    }

    static func frame(using random: inout TestRandom) -> Frame {
        let type = FrameType.allCases.randomElement(using: &random)!
        return Frame(
            sequence: random.next(), flags: Bool.random(using: &random) ? .ackRequested : [],
            body: body(type, using: &random))
    }
}
