import NIOCore
import TernCore
import TernTestKit
import TernWire
import Testing

/// Each decoding error: when it is raised (as early as the bytes allow), and the line it prints.
@Suite("Frame decoding errors")
struct FrameDecodingErrorTests {
    static func header(type: UInt8 = FrameType.ping.rawValue, flags: UInt8 = 0, length: UInt32) -> [UInt8] {
        [type, flags] + [UInt8](repeating: 0, count: 7) + [9] + withUnsafeBytes(of: length.bigEndian) { Array($0) }
    }

    @Test func aFourGiBLengthFailsOnTheHeaderAlone() {
        // Only the 14 header bytes are given: the decoder must refuse rather than wait for 4 GiB.
        let error = FrameWire.error(Self.header(type: FrameType.put.rawValue, length: .max))
        #expect(error?.reason == .payloadTooLarge(type: .put, size: 4_294_967_295, limit: 16 << 20))
        #expect(error?.description == "put frame payload of 4294967295 bytes exceeds the limit of 16777216 (stream offset 0)")
    }

    @Test func aLengthOneOverTheConfiguredLimitFailsAndOneAtItWaits() {
        let limits = FrameLimits(maxPayloadBytes: 100)
        #expect(FrameWire.error(Self.header(length: 101), limits: limits)?.reason == .payloadTooLarge(type: .ping, size: 101, limit: 100))
        #expect(FrameWire.error(Self.header(length: 100), limits: limits) == nil)
    }

    @Test func aBadMagicFailsOnItsFirstWrongByte() {
        let http = Array("GET / HTTP/1.1\r\n".utf8)
        var decoder = ReplicationDecoder()
        var buffer = FrameWire.buffer([http[0]])
        #expect(throws: FrameDecodingError(.badMagic(found: [0x47]), at: 0)) { try decoder.next(&buffer) }
        let full = FrameWire.error(http, expectsPreface: true)
        #expect(
            full?.description
                == "not a tern replication stream: it starts with 47 45 54 20 2f 20 48 54, expected 89 54 52 45 50 4c 0d 0a (stream offset 0)")
    }

    @Test func anUnknownVersionSaysWhichWasFoundAndWhichAreSupported() {
        let bytes = FrameFormat.magic + [0x00, 0x02]
        let error = FrameWire.error(bytes, expectsPreface: true)
        #expect(error?.reason == .unsupportedVersion(found: 2, supported: 1...1))
        #expect(error?.description == "unsupported replication protocol version 2 (supported: 1) (stream offset 0)")
    }

    @Test func aLongDomainFailsBeforeItArrives() {
        let bytes = FrameFormat.magic + [0x00, 0x01] + FrameWire.u16(256)
        #expect(FrameWire.error(bytes, expectsPreface: true)?.reason == .domainTooLong(size: 256, limit: 255))
    }

    @Test func aDomainThatIsNotUTF8IsRefused() {
        let bytes = FrameFormat.magic + [0x00, 0x01] + FrameWire.u16(2) + [0xC3, 0x28] + [UInt8](repeating: 0, count: 16)
        #expect(FrameWire.error(bytes, expectsPreface: true)?.reason == .invalidDomain)
    }

    @Test func aSecondPrefaceIsAnUnknownFrameType() throws {
        let bytes = try FrameWire.encode([.preface(FrameWire.preface), .preface(FrameWire.preface)])
        let error = FrameWire.error(bytes, expectsPreface: true)
        #expect(error?.reason == .unknownType(0x89))
        #expect(error?.offset == 32)
    }

    @Test(arguments: [0, 19, 0x89, 0xFF] as [UInt8])
    func unknownTypesAreRefusedOnTheHeader(type: UInt8) {
        let error = FrameWire.error(Self.header(type: type, length: 8))
        #expect(error?.reason == .unknownType(type))
        #expect(error?.description == "unknown frame type \(type) (known: 1-18) (stream offset 0)")
    }

    @Test func unknownFlagBitsAreRefused() {
        let error = FrameWire.error(Self.header(flags: 0x83, length: 8))
        #expect(error?.reason == .unknownFlags(type: .ping, flags: 0x83))
        #expect(error?.description == "ping frame has unknown flag bits 0x82 (known: 0x01 ack requested) (stream offset 0)")
    }

    @Test func aChecksumMismatchReportsBothValues() throws {
        var bytes = try FrameWire.encode(Frame(sequence: 9, body: .ping(nonce: 1)))
        bytes[FrameFormat.headerSize] ^= 0x40
        let computed = CRC32C.checksum(Array(bytes.dropLast(4)))
        let error = FrameWire.error(bytes)
        #expect(error?.reason == .checksumMismatch(type: .ping, sequence: 9, carried: 0x550B_DE6E, computed: computed))
        #expect(error?.description.hasPrefix("ping frame 9 fails its CRC32C check: it carries 0x550bde6e, its bytes give 0x") == true)
    }

    @Test func errorsCarryTheStreamOffsetOfTheFrameAtFault() throws {
        let good = try FrameWire.encode(Frame(sequence: 1, body: .ping(nonce: 1)))
        let error = FrameWire.error(good + good + Self.header(type: 0, length: 0))
        #expect(error?.offset == 2 * good.count)
    }

    @Test func aFailedDecoderKeepsFailing() {
        var decoder = ReplicationDecoder(expectsPreface: false)
        var buffer = FrameWire.buffer(Self.header(type: 0, length: 0))
        #expect(throws: FrameDecodingError.self) { try decoder.next(&buffer) }
        var fresh = FrameWire.buffer((try? FrameWire.encode(Frame(sequence: 1, body: .ping(nonce: 1)))) ?? [])
        #expect(throws: FrameDecodingError(.unknownType(0), at: 0)) { try decoder.next(&fresh) }
    }
}
