import NIOCore
import TernCore
import TernTestKit
import TernWire
import Testing

/// Every body type, with seeded random content, decodes to what was encoded.
@Suite("Frame round trips")
struct FrameRoundTripTests {
    @Test(arguments: FrameType.allCases)
    func randomBodiesOfEveryTypeRoundTrip(type: FrameType) throws {
        var random = TestRandom(seed: 100 + UInt64(type.rawValue))
        for _ in 0..<300 {
            let frame = Frame(
                sequence: random.next(), flags: Bool.random(using: &random) ? .ackRequested : [],
                body: RandomBodies.body(type, using: &random))
            let bytes = try FrameWire.encode(frame)
            let decoded = try FrameWire.decodeAll(bytes, expectsPreface: false)
            #expect(decoded.items == [.frame(frame)])
            #expect(decoded.leftover == 0)
            #expect(bytes[0] == type.rawValue)
        }
    }

    @Test func aStreamOfPrefaceAndMixedFramesRoundTrips() throws {
        var random = TestRandom(seed: 7)
        let items = [ReplicationItem.preface(FrameWire.preface)]
            + (0..<500).map { _ in ReplicationItem.frame(RandomBodies.frame(using: &random)) }
        let decoded = try FrameWire.decodeAll(try FrameWire.encode(items))
        #expect(decoded.items == items)
        #expect(decoded.leftover == 0)
    }

    @Test func prefacesWithAnyDomainUpToTheLimitRoundTrip() throws {
        var random = TestRandom(seed: 8)
        for length in [0, 1, 17, 255] {
            let domain = String(repeating: "d", count: length)
            let preface = ConnectionPreface(domain: domain, member: MemberID.random(using: &random))
            #expect(try FrameWire.decodeAll(try FrameWire.encode([.preface(preface)])).items == [.preface(preface)])
        }
        let accented = ConnectionPreface(domain: "caf\u{E9}-\u{1F600}", member: .zero)
        #expect(try FrameWire.decodeAll(try FrameWire.encode([.preface(accented)])).items == [.preface(accented)])
    }

    @Test func aPutAsLargeAsTheLimitAllowsRoundTrips() throws {
        // 64 KiB values, the benchmark's large put, and one payload exactly at a small limit.
        let session = Samples.session("big", version: Samples.version(1))
        var large = session
        large.attributes["blob"] = [UInt8](repeating: 0x5A, count: 64 << 10)
        let frame = Frame(sequence: 1, body: .message(.put(large)))
        #expect(try FrameWire.decodeAll(try FrameWire.encode(frame), expectsPreface: false).items == [.frame(frame)])

        let payload = SessionRecordCodec.encodedSize(of: .session(large))
        let exact = FrameLimits(maxPayloadBytes: payload)
        let bytes = try FrameWire.encode(frame, limits: exact)
        #expect(bytes.count == payload + Frame.overhead)
        #expect(try FrameWire.decodeAll(bytes, limits: exact, expectsPreface: false).items == [.frame(frame)])
    }

    @Test func stateChunkRecordsAreSessionRecordEncodingsBehindALength() throws {
        // A pulled chunk's records are byte for byte what a snapshot stores (no transcoding).
        var random = TestRandom(seed: 9)
        let records = (0..<5).map { _ in Wire.randomRecord(using: &random) }
        let bytes = try FrameWire.encode(Frame(sequence: 0, body: .stateChunk(records)))
        var expected: [UInt8] = [0, 0, 0, 5]
        for record in records {
            let encoded = Wire.encode(record)
            expected += withUnsafeBytes(of: UInt32(encoded.count).bigEndian) { Array($0) } + encoded
        }
        #expect(Array(bytes[FrameFormat.headerSize..<(bytes.count - FrameFormat.checksumSize)]) == expected)
    }

    @Test func encoderHandlerProducesTheSameBytesAsEncode() throws {
        var random = TestRandom(seed: 10)
        let frame = RandomBodies.frame(using: &random)
        var out = ByteBufferAllocator().buffer(capacity: 64)
        try ReplicationEncoder().encode(data: .frame(frame), out: &out)
        #expect(out.readBytes(length: out.readableBytes)! == (try FrameWire.encode(frame)))
    }
}
