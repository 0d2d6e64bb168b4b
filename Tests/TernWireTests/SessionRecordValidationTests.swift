import TernCore
import TernTestKit
import TernWire
import Testing

/// Malformed records: each gives the typed error that says what is wrong and where.
@Suite("SessionRecordCodec validation")
struct SessionRecordValidationTests {
    /// kind 1, context "c", id "i", version zero, created 0, last accessed 0, max inactive 0.
    static let sessionHead = Hex.bytes(
        "01 0001 63 0001 69" + String(repeating: "00", count: 28) + String(repeating: "00", count: 20))
    /// Where the attribute count starts in a record built on `sessionHead`.
    static let countOffset = sessionHead.count

    static func session(count: UInt32, _ tail: [UInt8]) -> [UInt8] {
        sessionHead + withUnsafeBytes(of: count.bigEndian, Array.init) + tail
    }

    static func attribute(_ name: [UInt8], size: UInt32, _ value: [UInt8]) -> [UInt8] {
        withUnsafeBytes(of: UInt16(name.count).bigEndian, Array.init) + name
            + withUnsafeBytes(of: size.bigEndian, Array.init) + value
    }

    static let unlimited = RecordLimits(maxRecordBytes: .max, maxAttributeBytes: .max, maxAttributes: .max)

    @Test func headIsAValidEmptySession() throws {
        let record = try Wire.decode(Self.session(count: 0, []))
        #expect(record.key == SessionKey(context: "c", id: "i"))
        #expect(record.session?.attributes.isEmpty == true)
    }

    @Test(arguments: [UInt8(0), 3, 0x7F, 0xFF])
    func unknownKindIsRejected(_ kind: UInt8) {
        var bytes = Wire.encode(SessionRecordGoldenTests.session)
        bytes[0] = kind
        #expect(Wire.error(bytes) == RecordDecodingError(.unknownKind(kind), at: 0))
        #expect(Wire.error([kind]) == RecordDecodingError(.unknownKind(kind), at: 0))
    }

    @Test func hugeAttributeCountIsRejectedByTheLimitBeforeAllocating() {
        let bytes = Self.session(count: 0xFFFF_FFFF, [])
        #expect(Wire.error(bytes) == RecordDecodingError(
            .tooLarge(field: "attribute count", size: 0xFFFF_FFFF, limit: 65_536), at: Self.countOffset))
    }

    @Test func hugeAttributeCountWithoutALimitIsTruncationNotAllocation() {
        // No limit stops it, so the count must be checked against the bytes present.
        let bytes = Self.session(count: 0xFFFF_FFFF, Self.attribute([0x61], size: 0, []))
        #expect(Wire.error(bytes, limits: Self.unlimited) == RecordDecodingError(
            .truncated(field: "attributes"), at: Self.countOffset))
    }

    @Test func attributeCountOverAConfiguredLimitIsRejected() {
        let limits = RecordLimits(maxRecordBytes: 1 << 20, maxAttributeBytes: 1 << 20, maxAttributes: 2)
        let three = Self.attribute([0x61], size: 0, []) + Self.attribute([0x62], size: 0, [])
            + Self.attribute([0x63], size: 0, [])
        #expect(Wire.error(Self.session(count: 3, three), limits: limits) == RecordDecodingError(
            .tooLarge(field: "attribute count", size: 3, limit: 2), at: Self.countOffset))
        #expect(Wire.error(Self.session(count: 3, three), limits: .default) == nil)
    }

    @Test func attributeSizeOverTheLimitIsRejectedBeforeReadingIt() {
        let limits = RecordLimits(maxRecordBytes: 1 << 20, maxAttributeBytes: 4, maxAttributes: 10)
        let bytes = Self.session(count: 1, Self.attribute([0x61], size: 5, [1, 2, 3, 4, 5]))
        // The size field follows count (4), name length (2) and the one-byte name.
        #expect(Wire.error(bytes, limits: limits) == RecordDecodingError(
            .tooLarge(field: "attribute \"a\"", size: 5, limit: 4), at: Self.countOffset + 7))
        #expect(Wire.error(Self.session(count: 1, Self.attribute([0x61], size: 4, [1, 2, 3, 4])), limits: limits) == nil)
    }

    @Test func hugeAttributeSizeIsRejected() {
        let bytes = Self.session(count: 1, Self.attribute([0x61], size: 0xFFFF_FFFF, [1, 2]))
        #expect(Wire.error(bytes) == RecordDecodingError(
            .tooLarge(field: "attribute \"a\"", size: 0xFFFF_FFFF, limit: 16 << 20), at: Self.countOffset + 7))
        #expect(Wire.error(bytes, limits: Self.unlimited) == RecordDecodingError(
            .truncated(field: "attribute \"a\" value"), at: Self.countOffset + 11))
    }

    @Test(arguments: [[UInt8(0xC3)], [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0x61, 0xF0, 0x9F, 0x98]])
    func invalidUTF8InContextIsRejected(_ bad: [UInt8]) {
        let bytes = [1] + withUnsafeBytes(of: UInt16(bad.count).bigEndian, Array.init) + bad + Array(Self.sessionHead[4...])
        #expect(Wire.error(bytes) == RecordDecodingError(.invalidUTF8(field: "context"), at: 3))
    }

    @Test func invalidUTF8InIdIsRejected() {
        var bytes = Self.session(count: 0, [])
        bytes[6] = 0xFF  // the id's one byte
        #expect(Wire.error(bytes) == RecordDecodingError(.invalidUTF8(field: "session id"), at: 6))
    }

    @Test func invalidUTF8InAttributeNameIsRejected() {
        let bytes = Self.session(count: 1, Self.attribute([0x61, 0xC0, 0x80], size: 0, []))
        #expect(Wire.error(bytes) == RecordDecodingError(
            .invalidUTF8(field: "attribute name"), at: Self.countOffset + 6))
    }

    @Test func attributeValuesNeedNotBeUTF8() throws {
        let record = try Wire.decode(Self.session(count: 1, Self.attribute([0x61], size: 2, [0xC0, 0xFF])))
        #expect(record.session?.attributes["a"] == [0xC0, 0xFF])
    }

    @Test func attributesOutOfOrderAreRejected() {
        let first = Self.attribute(Array("b".utf8), size: 1, [1])
        let second = Self.attribute(Array("a".utf8), size: 1, [2])
        let bytes = Self.session(count: 2, first + second)
        #expect(Wire.error(bytes) == RecordDecodingError(
            .attributeOrder(name: "a"), at: Self.countOffset + 4 + first.count))
    }

    @Test func repeatedAttributeNameIsRejected() {
        let entry = Self.attribute(Array("a".utf8), size: 1, [1])
        #expect(Wire.error(Self.session(count: 2, entry + entry)) == RecordDecodingError(
            .attributeOrder(name: "a"), at: Self.countOffset + 4 + entry.count))
    }

    @Test func attributeOrderIsBytewiseNotCanonicalEquivalence() throws {
        // "cafe\u{301}" (…65 CC 81) sorts before "caf\u{E9}" (…C3 A9) and is a different name.
        let decomposed = Self.attribute(Array("cafe\u{301}".utf8), size: 0, [])
        let precomposed = Self.attribute(Array("caf\u{E9}".utf8), size: 0, [])
        #expect(try Wire.decode(Self.session(count: 2, decomposed + precomposed)).session?.attributes.count == 2)
        #expect(Wire.error(Self.session(count: 2, precomposed + decomposed))?.reason
            == .attributeOrder(name: "cafe\u{301}"))
    }

    @Test(arguments: [1, 2, 100])
    func trailingBytesAreRejected(_ extra: Int) {
        for record in [SessionRecordGoldenTests.session, SessionRecordGoldenTests.tombstone] {
            let valid = Wire.encode(record)
            let bytes = valid + Array(repeating: 0, count: extra)
            #expect(Wire.error(bytes) == RecordDecodingError(.trailingBytes(extra), at: valid.count))
        }
    }

    @Test func errorDescriptionsAreLowercaseAndSayWhatIsWrong() {
        #expect(RecordDecodingError(.unknownKind(7), at: 0).description
            == "unknown record kind 7 (known: 1 session, 2 tombstone)")
        #expect(RecordDecodingError(.tooLarge(field: "attribute count", size: 9, limit: 2), at: 0).description
            == "attribute count 9 exceeds the limit of 2")
        #expect(RecordDecodingError(.trailingBytes(3), at: 0).description == "3 unexpected bytes after the last field")
        #expect(RecordDecodingError(.invalidUTF8(field: "context"), at: 0).description == "context is not valid UTF-8")
    }
}
