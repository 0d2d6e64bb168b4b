import NIOCore
import TernCore
import TernTestKit
import TernWire
import Testing

@Suite("SessionRecordCodec round trips")
struct SessionRecordRoundTripTests {
    static let version = Version(physical: 1_767_225_600_123, logical: 4, origin: Samples.memberC)

    static func session(_ attributes: [(String, [UInt8])], id: String = "A1B2") -> StoreRecord {
        .session(
            Session(
                key: SessionKey(context: "shop", id: id), created: 1_767_225_000_000, lastAccessed: 1_767_225_600_000,
                maxInactiveSeconds: 1800, version: version,
                attributes: Attributes(attributes.map { Attribute(name: $0.0, value: $0.1) })))
    }

    static let cases: [StoreRecord] = [
        session([]),
        session([("user", Array("alice".utf8))]),
        session([("empty", [])]),
        session([("binary", Array(0...255))]),
        session([("caf\u{E9}", [1]), ("cafe\u{301}", [2]), ("\u{4E2D}\u{6587}", [3]), ("\u{1F600}", [4]), ("", [5])]),
        session((0..<50).map { ("attr\($0)", Array(repeating: UInt8($0), count: $0)) }),
        session([("big", Array(repeating: 0xAB, count: 100_000))]),
        session([], id: "cafe\u{301}"),
        session([], id: ""),
        .tombstone(Tombstone(key: SessionKey(context: "shop", id: "A1B2"), version: version, retainUntil: 42)),
        .tombstone(Tombstone(key: SessionKey(context: "", id: "\u{1F600}"), version: .zero, retainUntil: .min)),
        .session(
            Session(
                key: SessionKey(context: "x", id: "y"), created: .min, lastAccessed: .max, maxInactiveSeconds: .min,
                version: Version(physical: .max, logical: .max, origin: MemberID(high: .max, low: .max)),
                attributes: Attributes())),
    ]

    @Test(arguments: cases)
    func recordSurvivesEncodeAndDecode(_ record: StoreRecord) throws {
        let bytes = Wire.encode(record)
        let decoded = try Wire.decode(bytes)
        #expect(decoded == record)
        #expect(Wire.encode(decoded) == bytes)
    }

    @Test(arguments: cases)
    func encodedSizeMatchesTheEncoding(_ record: StoreRecord) {
        #expect(SessionRecordCodec.encodedSize(of: record) == Wire.encode(record).count)
    }

    @Test func decomposedAndPrecomposedIdsStayDistinctThroughTheCodec() throws {
        let precomposed = try Wire.decode(Wire.encode(Self.session([], id: "caf\u{E9}")))
        let decomposed = try Wire.decode(Wire.encode(Self.session([], id: "cafe\u{301}")))
        #expect(precomposed != decomposed)
        #expect(Array(decomposed.key.id.utf8) == [0x63, 0x61, 0x66, 0x65, 0xCC, 0x81])
    }

    @Test func randomRecordsRoundTrip() throws {
        var random = TestRandom(seed: 2026)
        for _ in 0..<2000 {
            let record = Wire.randomRecord(using: &random)
            let bytes = Wire.encode(record)
            #expect(SessionRecordCodec.encodedSize(of: record) == bytes.count)
            #expect(try Wire.decode(bytes) == record)
        }
    }

    @Test func decodeConsumesTheWholeBuffer() throws {
        var buffer = ByteBufferAllocator().buffer(capacity: 64)
        SessionRecordCodec.encode(Self.session([("a", [1])]), into: &buffer)
        _ = try SessionRecordCodec.decode(&buffer)
        #expect(buffer.readableBytes == 0)
    }

    @Test func failedDecodeLeavesTheBufferUntouched() {
        var buffer = ByteBufferAllocator().buffer(capacity: 64)
        SessionRecordCodec.encode(Self.session([("a", [1])]), into: &buffer)
        buffer.writeInteger(UInt8(0))
        let before = buffer
        #expect(throws: RecordDecodingError.self) { try SessionRecordCodec.decode(&buffer) }
        #expect(buffer == before)
        #expect(buffer.readerIndex == before.readerIndex)
    }

    @Test func encodeAppendsAfterExistingBytes() throws {
        var buffer = ByteBufferAllocator().buffer(capacity: 64)
        buffer.writeBytes([0xEE, 0xEE])
        SessionRecordCodec.encode(Self.session([]), into: &buffer)
        #expect(buffer.readBytes(length: 2) == [0xEE, 0xEE])
        #expect(try SessionRecordCodec.decode(&buffer) == Self.session([]))
    }
}
