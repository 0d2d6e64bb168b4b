import NIOCore
import TernCore
import TernTestKit
import TernWire
import Testing

/// The encoder refuses what a reader with the same limits would refuse, and writes nothing then.
@Suite("Frame encoding errors")
struct FrameEncodingErrorTests {
    static let version = Samples.version(1)

    @Test func aSessionRecordThatDoesNotFitIsRefused() {
        var session = Samples.session("x", version: Self.version)
        session.attributes["big"] = [UInt8](repeating: 0, count: 300)
        let limits = FrameLimits(records: RecordLimits(maxRecordBytes: 1 << 20, maxAttributeBytes: 256, maxAttributes: 16))
        guard case .record(let error) = FrameWire.encodingError(Frame(sequence: 1, body: .message(.put(session))), limits: limits)?.reason
        else {
            Issue.record("an oversized attribute was encoded")
            return
        }
        #expect(error.field == "attribute \"big\"")
    }

    @Test func aPayloadOverTheLimitIsRefused() {
        let frame = Frame(sequence: 1, body: .subscribe(contexts: [String(repeating: "c", count: 200)]))
        let error = FrameWire.encodingError(frame, limits: FrameLimits(maxPayloadBytes: 100))
        #expect(error?.reason == .payloadTooLarge(type: .subscribe, size: 206, limit: 100))
        #expect(error?.description == "subscribe frame payload of 206 bytes exceeds the limit of 100")
    }

    @Test func aStringLongerThanItsPrefixIsRefused() {
        let key = SessionKey(context: String(repeating: "c", count: 70_000), id: "x")
        let frame = Frame(sequence: 1, body: .message(.touch([SessionTouch(key: key, version: Self.version, lastAccessed: 0)])))
        #expect(FrameWire.encodingError(frame)?.reason == .fieldTooLong(field: "context", size: 70_000, limit: 65_535))
    }

    @Test func tooManyElementsAreRefused() {
        let frame = Frame(sequence: 1, body: .subscribe(contexts: Array(repeating: "a", count: 5)))
        #expect(FrameWire.encodingError(frame, limits: FrameLimits(maxListCount: 4))?.reason == .tooMany(field: "context count", count: 5, limit: 4))
    }

    @Test(arguments: [["b", "a"], ["a", "a"], ["cart"]])
    func aDeltaWhoseRemovalsAreNotCanonicalIsRefused(remove: [String]) {
        let delta = SessionDelta(
            key: Samples.key("x"), base: Self.version, version: Samples.version(2), lastAccessed: 0, maxInactiveSeconds: 0,
            set: Attributes([Attribute(name: "cart", value: [1])]), remove: remove)
        #expect(FrameWire.encodingError(Frame(sequence: 1, body: .message(.delta(delta))))?.reason == .notCanonical(field: "removed attribute names"))
    }

    @Test func aDigestThatIsNotSHA256IsRefused() {
        let end = StateEnd(count: 0, digest: [1, 2, 3], vector: VersionVector())
        #expect(FrameWire.encodingError(Frame(sequence: 1, body: .stateEnd(end)))?.reason == .digestSize(3))
    }

    @Test func unknownFlagBitsAreRefused() {
        let frame = Frame(sequence: 1, flags: FrameFlags(rawValue: 0x04), body: .ping(nonce: 0))
        #expect(FrameWire.encodingError(frame) != nil)
    }

    @Test func aDomainOverTheLimitIsRefused() {
        var buffer = ByteBufferAllocator().buffer(capacity: 8)
        let preface = ConnectionPreface(domain: String(repeating: "d", count: 256), member: .zero)
        #expect(throws: FrameEncodingError(.fieldTooLong(field: "preface domain", size: 256, limit: 255))) {
            try preface.encode(into: &buffer)
        }
        #expect(buffer.readableBytes == 0)
    }

    @Test func aRefusedFrameLeavesEarlierBytesIntact() throws {
        var buffer = ByteBufferAllocator().buffer(capacity: 64)
        try Frame(sequence: 1, body: .ping(nonce: 5)).encode(into: &buffer)
        let before = buffer.readableBytes
        let bad = Frame(sequence: 2, body: .stateEnd(StateEnd(count: 0, digest: [], vector: VersionVector())))
        #expect(throws: FrameEncodingError.self) { try bad.encode(into: &buffer) }
        #expect(buffer.readableBytes == before)
        #expect(try FrameWire.decodeAll(buffer.readBytes(length: before)!, expectsPreface: false).items.count == 1)
    }
}
