import NIOCore
import TernCore
import TernWire

/// The replication stream target. An input is a small plan followed by the stream:
///
/// - byte 0: bits 0–2 the number `n` of chunk sizes that follow; bit 3 set: recompute every frame's
///   CRC32C before decoding (so mutations reach the body decoders instead of the checksum); bit 4
///   set: the stream has no preface (a decoder made with `expectsPreface: false`);
/// - bytes 1…n: chunk sizes, each byte + 1, used in turn (no sizes: one byte at a time);
/// - the rest: the stream.
///
/// Checks: fed whole or in those chunks, `ReplicationDecoder` gives the same items and the same
/// error at the same offset; `nextFrameSize` matches the bytes a decoded frame took; every item
/// re-encodes, to the very bytes it was decoded from, and decodes again to itself.
enum FrameStreamFuzzCheck {
    struct Plan {
        var chunks: [Int]
        var repairChecksums: Bool
        var expectsPreface: Bool
        var stream: [UInt8]

        init(_ input: [UInt8]) {
            let options = input.first ?? 0
            let count = min(Int(options & 0x07), max(input.count - 1, 0))
            chunks = input.dropFirst().prefix(count).map { Int($0) + 1 }
            repairChecksums = options & 0x08 != 0
            expectsPreface = options & 0x10 == 0
            stream = Array(input.dropFirst(1 + count))
        }

        /// The input that gives this plan.
        static func encode(chunks: [Int], repairChecksums: Bool, expectsPreface: Bool, stream: [UInt8]) -> [UInt8] {
            precondition(chunks.count <= 7 && chunks.allSatisfy { (1...256).contains($0) })
            let options = UInt8(chunks.count) | (repairChecksums ? 0x08 : 0) | (expectsPreface ? 0 : 0x10)
            return [options] + chunks.map { UInt8($0 - 1) } + stream
        }
    }

    /// What a decoder made of a stream: the items with the byte ranges they came from, then an
    /// error or the bytes left over.
    struct Outcome: Equatable {
        var items: [ReplicationItem] = []
        var ranges: [Range<Int>] = []
        var error: FrameDecodingError?
        var leftover = 0
    }

    static func check(_ input: [UInt8]) throws(FuzzViolation) -> Bool {
        var plan = Plan(input)
        if plan.repairChecksums { repairChecksums(&plan.stream, expectsPreface: plan.expectsPreface) }
        let whole = try decode(plan.stream, chunks: [plan.stream.count], expectsPreface: plan.expectsPreface)
        let chunked = try decode(plan.stream, chunks: plan.chunks.isEmpty ? [1] : plan.chunks, expectsPreface: plan.expectsPreface)
        try require(
            normalized(whole) == normalized(chunked),
            "whole and chunked decoding differ: \(whole.items.count) items, \(String(describing: whole.error)) "
                + "vs \(chunked.items.count) items, \(String(describing: chunked.error))")
        _ = whole.error?.description
        for (item, range) in zip(whole.items, whole.ranges) {
            var encoded = ByteBuffer()
            do {
                try item.encode(into: &encoded)
            } catch {
                throw FuzzViolation("a decoded \(kind(item)) does not encode: \(error)")
            }
            try require(
                Array(encoded.readableBytesView) == Array(plan.stream[range]),
                "a decoded \(kind(item)) re-encodes to different bytes")
            var decoder = ReplicationDecoder(expectsPreface: item.isPreface)
            let again = Result { () throws(FrameDecodingError) in try decoder.next(&encoded) }
            try require(again == .success(item), "a re-encoded \(kind(item)) decodes to something else")
        }
        return whole.error == nil && whole.leftover == 0 && !whole.items.isEmpty
    }

    /// Decodes `stream` handed over in `chunks` (used in turn), as a channel would.
    static func decode(_ stream: [UInt8], chunks: [Int], expectsPreface: Bool) throws(FuzzViolation) -> Outcome {
        var decoder = ReplicationDecoder(expectsPreface: expectsPreface)
        var outcome = Outcome()
        var buffer = ByteBuffer()
        var position = 0
        var turn = 0
        repeat {
            let end = min(stream.count, position + max(chunks[turn % chunks.count], 1))
            turn += 1
            buffer.writeBytes(stream[position..<end])
            position = end
            while true {
                let start = decoder.offset
                let announced = decoder.nextFrameSize(in: buffer)
                let next = Result { () throws(FrameDecodingError) in try decoder.next(&buffer) }
                guard case .success(let decoded) = next else {
                    if case .failure(let error) = next { outcome.error = error }
                    return outcome
                }
                guard let item = decoded else { break }
                outcome.items.append(item)
                outcome.ranges.append(start..<decoder.offset)
                if let announced, !item.isPreface {
                    try require(
                        announced == decoder.offset - start,
                        "nextFrameSize said \(announced) bytes, the frame took \(decoder.offset - start)")
                }
            }
        } while position < stream.count
        outcome.leftover = buffer.readableBytes
        return outcome
    }

    /// The outcome with what depends on how the bytes arrived left out: how many bytes of a bad
    /// magic had arrived when it was seen.
    private static func normalized(_ outcome: Outcome) -> Outcome {
        var outcome = outcome
        if case .badMagic = outcome.error?.reason { outcome.error?.reason = .badMagic(found: []) }
        return outcome
    }

    static func seeds() throws -> [(name: String, bytes: [UInt8])] {
        let memberA = MemberID(high: 0, low: 1)
        let memberB = MemberID(high: 0x8000_0000_0000_0000, low: 2)
        let epoch: UnixMillis = 1_767_225_600_000
        let v1 = Version(physical: UInt64(epoch), logical: 0, origin: memberA)
        let v2 = Version(physical: UInt64(epoch) + 5, logical: 3, origin: memberB)
        let key = SessionKey(context: "shop", id: "s-1")
        let attributes = Attributes([
            Attribute(name: "cart", value: Array("3 items".utf8)), Attribute(name: "user", value: Array("ann".utf8)),
            Attribute(name: "blob", value: [0, 0xFF, 0x80, 7]),
        ])
        let session = Session(
            key: key, created: epoch, lastAccessed: epoch + 1000, maxInactiveSeconds: 1800, version: v1,
            attributes: attributes)
        let tombstone = Tombstone(key: SessionKey(context: "shop", id: "s-2"), version: v2, retainUntil: epoch + 3_600_000)
        let vector = VersionVector([v1, v2])
        let bodies: [FrameBody] = [
            .message(.put(session)),
            .message(
                .delta(
                    SessionDelta(
                        key: key, base: v1, version: v2, lastAccessed: epoch + 2000, maxInactiveSeconds: 600,
                        set: Attributes([Attribute(name: "cart", value: Array("4 items".utf8))]), remove: ["user"]))),
            .message(.touch([SessionTouch(key: key, version: v2, lastAccessed: epoch + 3000)])),
            .message(.expire(tombstone)),
            .message(
                .changeID(SessionIDChange(key: key, base: v1, newID: "s-1b", version: v2, retainUntil: epoch + 60_000))),
            .ack(sequence: 7),
            .nack(sequence: 8, reason: .needsFullSession, detail: "base version unknown"),
            .stateRequest(StateRequest(contexts: ["shop", "app"], since: vector)),
            .stateRequest(StateRequest()),
            .stateBegin(StateBegin(header: Array(repeating: 0x5A, count: 40))),
            .stateChunk([.session(session), .tombstone(tombstone)]),
            .stateEnd(StateEnd(count: 2, digest: Array(0..<32), vector: vector)),
            .subscribe(contexts: ["shop"]),
            .ping(nonce: 0x0102_0304_0506_0708),
            .pong(nonce: 0x0102_0304_0506_0708),
            // Anti-entropy (docs/ANTI-ENTROPY.md).
            .digest([
                ContextDigest(context: "app", count: 1, buckets: [0x0123_4567_89AB_CDEF]),
                ContextDigest(context: "shop", count: 3, buckets: [1, 0, 0xFFFF_FFFF_FFFF_FFFF, 7]),
            ]),
            .digestDifference(
                request: 9,
                DigestDifference(
                    tooDifferent: false,
                    buckets: [
                        BucketSelection(context: "app", bucketCount: 1, buckets: [0]),
                        BucketSelection(context: "shop", bucketCount: 4, buckets: [0, 2]),
                    ], entryCount: 2)),
            .digestEntries([
                DigestEntry(key: key, version: v1, retainUntil: nil),
                DigestEntry(key: SessionKey(context: "shop", id: "s-2"), version: v2, retainUntil: epoch + 3_600_000),
            ]),
            .recordRequest([key, SessionKey(context: "app", id: "s-9")]),
        ]
        func bytes(_ items: [ReplicationItem]) throws -> [UInt8] {
            var buffer = ByteBuffer()
            for item in items { try item.encode(into: &buffer) }
            return Array(buffer.readableBytesView)
        }
        let preface = ReplicationItem.preface(ConnectionPreface(domain: "prod", member: memberA))
        let frames = bodies.enumerated().map { index, body in
            ReplicationItem.frame(Frame(sequence: UInt64(index + 1), flags: index % 2 == 0 ? .ackRequested : [], body: body))
        }
        var seeds: [(name: String, bytes: [UInt8])] = [
            ("preface", Plan.encode(chunks: [], repairChecksums: false, expectsPreface: true, stream: try bytes([preface]))),
            (
                "preface-empty-domain", Plan.encode(
                    chunks: [2, 30], repairChecksums: false, expectsPreface: true,
                    stream: try bytes([.preface(ConnectionPreface(domain: "", member: memberB))]))
            ),
            (
                "stream-all-types", Plan.encode(
                    chunks: [1, 5, 64, 256], repairChecksums: false, expectsPreface: true, stream: try bytes([preface] + frames))
            ),
            (
                "stream-repaired", Plan.encode(
                    chunks: [17], repairChecksums: true, expectsPreface: true, stream: try bytes([preface] + frames.prefix(6)))
            ),
        ]
        for (index, frame) in frames.enumerated() {
            guard case .frame(let value) = frame else { continue }
            seeds.append(
                (
                    String(format2(index + 1)) + "-\(value.body.type)",
                    Plan.encode(chunks: [index % 7 + 1], repairChecksums: true, expectsPreface: false, stream: try bytes([frame]))
                ))
        }
        return seeds
    }

    private static func format2(_ number: Int) -> String {
        number < 10 ? "frame-0\(number)" : "frame-\(number)"
    }

    private static func kind(_ item: ReplicationItem) -> String {
        switch item {
        case .preface: "preface"
        case .frame(let frame): "\(frame.body.type) frame"
        }
    }

    /// Rewrites the CRC32C of every whole frame in `stream` to the right value.
    static func repairChecksums(_ stream: inout [UInt8], expectsPreface: Bool) {
        var position = 0
        func u16(_ at: Int) -> Int { Int(stream[at]) << 8 | Int(stream[at + 1]) }
        func u32(_ at: Int) -> Int { (0..<4).reduce(0) { $0 << 8 | Int(stream[at + $1]) } }
        if expectsPreface {
            guard stream.count >= FrameFormat.prefaceHeadSize else { return }
            position = FrameFormat.prefaceHeadSize + u16(10) + FrameFormat.prefaceMemberSize
        }
        while position + FrameFormat.headerSize <= stream.count {
            let covered = FrameFormat.headerSize + u32(position + 10)
            guard position + covered + FrameFormat.checksumSize <= stream.count else { return }
            let checksum = CRC32C.checksum(Array(stream[position..<position + covered]))
            for index in 0..<4 {
                stream[position + covered + index] = UInt8(truncatingIfNeeded: checksum >> (24 - 8 * index))
            }
            position += covered + FrameFormat.checksumSize
        }
    }
}

extension ReplicationItem {
    fileprivate var isPreface: Bool {
        if case .preface = self { true } else { false }
    }
}
