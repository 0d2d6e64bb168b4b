import NIOCore
import TernCore
import TernTestKit
import TernWire
import Testing

/// Bodies that pass the checksum but break a rule of their layout: each error names the field.
@Suite("Frame body errors")
struct FrameBodyErrorTests {
    static func bodyError(type: FrameType, payload: [UInt8], limits: FrameLimits = .default) -> FrameBodyError? {
        guard case .malformedBody(let found, _, let error) = FrameWire.error(
            FrameWire.rawFrame(type: type.rawValue, payload: payload), limits: limits)?.reason
        else { return nil }
        #expect(found == type)
        return error
    }

    static let key = FrameWire.u16(4) + Array("shop".utf8) + FrameWire.u16(2) + Array("A1".utf8)
    static let version = [UInt8](repeating: 0, count: 27) + [1]

    @Test func aPutCarryingATombstoneIsRefused() {
        let payload = Wire.encode(SessionRecordGoldenTests.tombstone)
        #expect(Self.bodyError(type: .put, payload: payload) == FrameBodyError(.wrongRecordKind(expected: "session", found: "tombstone"), at: 0))
        #expect(Self.bodyError(type: .expire, payload: Wire.encode(SessionRecordGoldenTests.session))?.reason == .wrongRecordKind(expected: "tombstone", found: "session"))
    }

    @Test func aCountOverTheLimitFailsBeforeStorageIsReserved() {
        let error = Self.bodyError(type: .touch, payload: FrameWire.u32(Int(UInt32.max)))
        #expect(error == FrameBodyError(.field(.tooLarge(field: "touch count", size: Int(UInt32.max), limit: 65_536)), at: 0))
        #expect(error?.description == "touch count 4294967295 exceeds the limit of 65536")
    }

    @Test func aCountTheRemainingBytesCannotHoldFailsBeforeStorageIsReserved() {
        let error = Self.bodyError(type: .stateChunk, payload: FrameWire.u32(1000) + [UInt8](repeating: 0, count: 100))
        #expect(error == FrameBodyError(.field(.truncated(field: "record list")), at: 0))
    }

    @Test func recordErrorsInsideAChunkCountFromThePayloadStart() throws {
        var record = Wire.encode(SessionRecordGoldenTests.tombstone)
        record[0] = 9
        let error = Self.bodyError(type: .stateChunk, payload: FrameWire.u32(1) + FrameWire.u32(record.count) + record)
        #expect(error == FrameBodyError(.field(.unknownKind(9)), at: 8))
    }

    @Test func anUnknownNackReasonIsRefused() {
        let error = Self.bodyError(type: .nack, payload: [UInt8](repeating: 0, count: 8) + FrameWire.u16(99) + FrameWire.u16(0))
        #expect(error == FrameBodyError(.unknownNackReason(99), at: 8))
        #expect(error?.description == "unknown nack reason 99 (known: 1, 2, 3, 4, 5, 6, 7, 8)")
    }

    @Test func versionVectorOriginsMustIncrease() {
        let entry = [UInt8](repeating: 0, count: 12) + [UInt8](repeating: 0, count: 15) + [5]
        let payload = [UInt8](repeating: 0, count: 8 + 32) + FrameWire.u32(2) + entry + entry
        let error = Self.bodyError(type: .stateEnd, payload: payload)
        #expect(error == FrameBodyError(.outOfOrder(field: "version vector origins"), at: 8 + 32 + 4 + 28))
    }

    @Test func aDeltaMayNotSetAndRemoveOneName() {
        let set = FrameWire.u32(1) + FrameWire.u16(1) + [0x61] + FrameWire.u32(0)
        let remove = FrameWire.u32(1) + FrameWire.u16(1) + [0x61]
        let head = Self.key + Self.version + Self.version + [UInt8](repeating: 0, count: 12)
        let error = Self.bodyError(type: .delta, payload: head + set + remove)
        #expect(error == FrameBodyError(.removedAndSet(name: "a"), at: head.count + set.count + 4))
    }

    @Test func removedNamesMustIncrease() {
        let remove = FrameWire.u32(2) + FrameWire.u16(1) + [0x62] + FrameWire.u16(1) + [0x61]
        let head = Self.key + Self.version + Self.version + [UInt8](repeating: 0, count: 12) + FrameWire.u32(0)
        #expect(Self.bodyError(type: .delta, payload: head + remove)?.reason == .outOfOrder(field: "removed attribute names"))
    }

    @Test func aPresenceByteMustBeZeroOrOne() {
        let error = Self.bodyError(type: .stateRequest, payload: FrameWire.u32(0) + [2])
        #expect(error == FrameBodyError(.invalidPresence(field: "since vector", value: 2), at: 4))
    }

    @Test func trailingBytesAfterTheBodyAreRefused() {
        #expect(Self.bodyError(type: .ping, payload: [UInt8](repeating: 0, count: 10)) == FrameBodyError(.field(.trailingBytes(2)), at: 8))
    }

    @Test func aShortBodyNamesTheFieldItEndsIn() {
        let error = Self.bodyError(type: .changeID, payload: Self.key + Self.version + FrameWire.u16(3) + [0x41])
        #expect(error?.reason == .field(.truncated(field: "new session id")))
    }

    @Test func contextsMustBeUTF8() {
        let error = Self.bodyError(type: .subscribe, payload: FrameWire.u32(1) + FrameWire.u16(1) + [0xFF])
        #expect(error == FrameBodyError(.field(.invalidUTF8(field: "context")), at: 6))
    }

    @Test func attributeLimitsFromRecordLimitsApplyInsideDeltas() {
        let limits = FrameLimits(records: RecordLimits(maxRecordBytes: 1 << 20, maxAttributeBytes: 4, maxAttributes: 8))
        let set = FrameWire.u32(1) + FrameWire.u16(1) + [0x61] + FrameWire.u32(5) + [1, 2, 3, 4, 5]
        let head = Self.key + Self.version + Self.version + [UInt8](repeating: 0, count: 12)
        let error = Self.bodyError(type: .delta, payload: head + set + FrameWire.u32(0), limits: limits)
        #expect(error?.reason == .field(.tooLarge(field: "attribute \"a\"", size: 5, limit: 4)))
    }

    @Test func theFrameErrorLineNamesTypeSequenceFieldAndOffsets() {
        let bytes = FrameWire.rawFrame(type: FrameType.touch.rawValue, sequence: 77, payload: FrameWire.u32(Int(UInt32.max)))
        #expect(
            FrameWire.error(bytes)?.description
                == "malformed touch frame 77: touch count 4294967295 exceeds the limit of 65536 at payload offset 0 (stream offset 0)")
    }
}
