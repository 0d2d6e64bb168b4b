import TernCore
import TernTestKit
import TernWire
import Testing

/// The anti-entropy frames (docs/PROTOCOL.md, "Anti-entropy"): golden bytes written from the page
/// (CRC32C from a bit-at-a-time implementation), and what the decoder and encoder refuse.
@Suite("Anti-entropy frames")
struct AntiEntropyFrameTests {
    static let memberA = MemberID(high: 0, low: 1)

    static let cases: [(name: String, frame: Frame, bytes: [UInt8])] = [
        (
            "digest",
            Frame(
                sequence: 7,
                body: .digest([
                    ContextDigest(
                        context: "shop", count: 5, buckets: [0x0102_0304_0506_0708, 0x1112_1314_1516_1718])
                ])),
            FrameGoldenTests.fixture(
                """
                0f 00 0000000000000007 00000026     | digest, sequence 7, length 38
                00000001                            | context count 1
                0004 73686f70                       | context "shop"
                0000000000000005                    | record count 5
                00000002                            | bucket count 2
                0102030405060708                    | bucket 0
                1112131415161718                    | bucket 1
                8696d353                            | CRC32C
                """)
        ),
        (
            "digest-difference",
            Frame(
                sequence: 8,
                body: .digestDifference(
                    request: 7,
                    DigestDifference(
                        tooDifferent: false, buckets: [BucketSelection(context: "shop", bucketCount: 2, buckets: [1])],
                        entryCount: 1))),
            FrameGoldenTests.fixture(
                """
                10 00 0000000000000008 00000027     | digest-difference, sequence 8, length 39
                0000000000000007                    | request sequence 7
                00                                  | outcome 0 compared
                0000000000000001                    | entry count 1
                00000001                            | context count 1
                0004 73686f70                       | context "shop"
                00000002                            | bucket count 2
                00000001                            | differing bucket count 1
                00000001                            | bucket 1
                5d1d46b2                            | CRC32C
                """)
        ),
        (
            "digest-entries",
            Frame(
                sequence: 9,
                body: .digestEntries([
                    DigestEntry(
                        key: Samples.key("A1"), version: Version(physical: 17, logical: 0, origin: memberA),
                        retainUntil: nil),
                    DigestEntry(
                        key: Samples.key("B2"), version: Version(physical: 18, logical: 2, origin: memberA),
                        retainUntil: 1000),
                ])),
            FrameGoldenTests.fixture(
                """
                11 00 0000000000000009 0000005a     | digest-entries, sequence 9, length 90
                00000002                            | entry count 2
                0004 73686f70 0002 4131             | key shop/A1
                0000000000000011 00000000           | version 17.0
                0000000000000000 0000000000000001   | origin
                01                                  | kind 1 session
                0004 73686f70 0002 4232             | key shop/B2
                0000000000000012 00000002           | version 18.2
                0000000000000000 0000000000000001   | origin
                02                                  | kind 2 tombstone
                00000000000003e8                    | retained until 1000
                6f9edea7                            | CRC32C
                """)
        ),
        (
            "record-request",
            Frame(sequence: 10, body: .recordRequest([Samples.key("A1"), Samples.key("B2")])),
            FrameGoldenTests.fixture(
                """
                12 00 000000000000000a 00000018     | record-request, sequence 10, length 24
                00000002                            | key count 2
                0004 73686f70 0002 4131             | shop/A1
                0004 73686f70 0002 4232             | shop/B2
                6be8857a                            | CRC32C
                """)
        ),
    ]

    @Test(arguments: cases.indices)
    func encodesToTheGoldenBytes(index: Int) throws {
        let (name, frame, bytes) = Self.cases[index]
        #expect(Hex.string(try FrameWire.encode(frame)) == Hex.string(bytes), "\(name)")
    }

    @Test(arguments: cases.indices)
    func goldenBytesDecode(index: Int) throws {
        let (name, frame, bytes) = Self.cases[index]
        let decoded = try FrameWire.decodeAll(bytes, expectsPreface: false)
        #expect(decoded.items == [.frame(frame)], "\(name)")
    }

    static func bodyError(_ type: FrameType, _ payload: [UInt8]) -> FrameBodyError? {
        FrameBodyErrorTests.bodyError(type: type, payload: payload)
    }

    static let shop = FrameWire.u16(4) + Array("shop".utf8)
    static let u64Zero = [UInt8](repeating: 0, count: 8)

    @Test func aBucketCountThatIsNotAPowerOfTwoIsRefused() {
        let payload = FrameWire.u32(1) + Self.shop + Self.u64Zero + FrameWire.u32(3) + [UInt8](repeating: 0, count: 24)
        let error = Self.bodyError(.digest, payload)
        #expect(error == FrameBodyError(.notPowerOfTwo(field: "bucket count", value: 3), at: 18))
        #expect(error?.description == "bucket count 3 is not a power of two")
    }

    @Test func bucketsTheRemainingBytesCannotHoldFailBeforeStorageIsReserved() {
        let payload = FrameWire.u32(1) + Self.shop + Self.u64Zero + FrameWire.u32(65_536) + Self.u64Zero
        #expect(Self.bodyError(.digest, payload) == FrameBodyError(.field(.truncated(field: "bucket list")), at: 18))
        let huge = FrameWire.u32(1) + Self.shop + Self.u64Zero + FrameWire.u32(1 << 20) + Self.u64Zero
        #expect(
            Self.bodyError(.digest, huge)
                == FrameBodyError(.field(.tooLarge(field: "bucket count", size: 1 << 20, limit: 65_536)), at: 18))
    }

    @Test func digestContextsMustIncrease() {
        let context = Self.shop + Self.u64Zero + FrameWire.u32(1) + Self.u64Zero
        #expect(
            Self.bodyError(.digest, FrameWire.u32(2) + context + context)
                == FrameBodyError(.outOfOrder(field: "digest contexts"), at: 30))
    }

    @Test func differingBucketsMustIncreaseAndStayBelowTheCount() {
        func difference(_ buckets: [Int], of count: Int = 4, outcome: UInt8 = 0) -> [UInt8] {
            Self.u64Zero + [outcome] + Self.u64Zero + FrameWire.u32(1) + Self.shop + FrameWire.u32(count)
                + FrameWire.u32(buckets.count) + buckets.flatMap { FrameWire.u32($0) }
        }
        #expect(Self.bodyError(.digestDifference, difference([2, 1]))?.reason == .outOfOrder(field: "differing buckets"))
        let range = Self.bodyError(.digestDifference, difference([4]))
        #expect(range?.reason == .bucketOutOfRange(index: 4, count: 4))
        #expect(range?.description == "differing bucket 4 is not below the bucket count 4")
        #expect(
            Self.bodyError(.digestDifference, difference([0, 1, 2, 3, 0], of: 4))?.reason
                == .field(.tooLarge(field: "differing bucket count", size: 5, limit: 4)))
        let outcome = Self.bodyError(.digestDifference, difference([], outcome: 2))
        #expect(outcome == FrameBodyError(.invalidOutcome(2), at: 8))
        #expect(outcome?.description == "digest-difference outcome 2 is not 0 (compared) or 1 (too different)")
    }

    /// Found by `make fuzz` (frames/crash-digest-difference-entry-count): a count over `Int.max` was
    /// clamped, so the frame re-encoded to other bytes.
    @Test func anEntryCountOverIntMaxIsRefused() {
        let payload = Self.u64Zero + [0] + [0x80] + [UInt8](repeating: 0, count: 7) + FrameWire.u32(0)
        let error = Self.bodyError(.digestDifference, payload)
        #expect(error == FrameBodyError(.entryCountTooLarge(1 << 63), at: 9))
        #expect(error?.description == "digest-difference entry count 9223372036854775808 is over 9223372036854775807")
        let largest = Self.u64Zero + [0] + [0x7F] + [UInt8](repeating: 0xFF, count: 7) + FrameWire.u32(0)
        #expect(Self.bodyError(.digestDifference, largest) == nil)
    }

    @Test func anEntryOfAnUnknownKindIsRefused() {
        let key = Self.shop + FrameWire.u16(2) + Array("A1".utf8)
        let payload = FrameWire.u32(1) + key + [UInt8](repeating: 0, count: 28) + [3]
        #expect(Self.bodyError(.digestEntries, payload) == FrameBodyError(.field(.unknownKind(3)), at: 42))
    }

    @Test func aKeyCountTheRemainingBytesCannotHoldIsRefused() {
        #expect(
            Self.bodyError(.recordRequest, FrameWire.u32(10) + Self.shop)
                == FrameBodyError(.field(.truncated(field: "key list")), at: 0))
    }

    @Test func theEncoderRefusesWhatTheDecoderWould() {
        let odd = ContextDigest(context: "shop", count: 1, buckets: [1, 2, 3])
        #expect(FrameWire.encodingError(Frame(sequence: 1, body: .digest([odd]))) != nil)
        let repeated = ContextDigest(context: "shop", count: 1, buckets: [1])
        #expect(
            FrameWire.encodingError(Frame(sequence: 1, body: .digest([repeated, repeated])))?.reason
                == .notCanonical(field: "digest contexts"))
        for buckets in [[1, 0], [4], [-1]] {
            let difference = DigestDifference(
                tooDifferent: false, buckets: [BucketSelection(context: "shop", bucketCount: 4, buckets: buckets)],
                entryCount: 0)
            #expect(
                FrameWire.encodingError(Frame(sequence: 1, body: .digestDifference(request: 1, difference)))?.reason
                    == .notCanonical(field: "differing buckets"), "\(buckets)")
        }
        let keys = (0...65_536).map { Samples.key("\($0)") }
        #expect(
            FrameWire.encodingError(Frame(sequence: 1, body: .recordRequest(keys)))?.reason
                == .tooMany(field: "key count", count: 65_537, limit: 65_536))
    }
}
