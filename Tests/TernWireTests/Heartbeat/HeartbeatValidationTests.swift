import TernCore
import TernTestKit
import TernWire
import Testing

/// Versions, kinds, states, limits and encoding bounds: each refusal is a typed error with clear text.
@Suite("HeartbeatCodec validation")
struct HeartbeatValidationTests {
    static func golden(patching offset: Int, with bytes: [UInt8]) -> [UInt8] {
        var golden = HeartbeatWire.goldenBytes
        golden.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
        return golden
    }

    @Test func anotherMagicIsNotAHeartbeat() {
        let error = HeartbeatWire.error(Array("TRIBES-B".utf8) + [1, 0])
        #expect(error == HeartbeatDecodingError(.notHeartbeat(found: Array("TRIB".utf8)), at: 0))
        #expect(error?.description == "heartbeat: not a tern heartbeat: magic 54524942, expected 89544842 (at byte 0)")
    }

    @Test func unknownVersionNamesFoundAndSupported() {
        let error = HeartbeatWire.error(Self.golden(patching: 4, with: [0, 2]))
        #expect(error == HeartbeatDecodingError(.unsupportedVersion(2), at: 4))
        #expect(error?.description.contains("version 2 is not supported (this build reads version 1–1)") == true)
    }

    @Test func unknownKindAndStateAreRefused() {
        #expect(
            HeartbeatWire.error(Self.golden(patching: 6, with: [9])) == HeartbeatDecodingError(.unknownKind(9), at: 6))
        #expect(
            HeartbeatWire.error(Self.golden(patching: 7, with: [0])) == HeartbeatDecodingError(.unknownState(0), at: 7))
        #expect(
            HeartbeatWire.error(Self.golden(patching: 7, with: [4])) == HeartbeatDecodingError(.unknownState(4), at: 7))
    }

    @Test func invalidUTF8IsNamed() {
        #expect(
            HeartbeatWire.error(Self.golden(patching: 45, with: [0xFF]))
                == HeartbeatDecodingError(.invalidUTF8(field: "domain"), at: 45))
    }

    @Test func hostWithoutPortIsRefused() {
        #expect(
            HeartbeatWire.error(Self.golden(patching: 69, with: [0, 0]))
                == HeartbeatDecodingError(.endpointWithoutPort, at: 69))
    }

    @Test func trailingBytesAreRefused() {
        #expect(
            HeartbeatWire.error(HeartbeatWire.goldenBytes + [0])
                == HeartbeatDecodingError(.trailingBytes(1), at: 89))
    }

    @Test func schemeNoneWithATagIsRefused() {
        var bytes = Array(HeartbeatWire.goldenBytes.dropLast())
        bytes += [1, 0xAA]
        #expect(HeartbeatWire.error(bytes) == HeartbeatDecodingError(.unexpectedAuthenticationTag(1), at: 88))
    }

    @Test func anUnknownSchemeOrATagOfAnotherLengthThanTheSchemesIsRefused() {
        let body = Array(HeartbeatWire.goldenBytes.dropLast(2))
        #expect(
            HeartbeatWire.error(body + [2, 24] + Array(repeating: 0, count: 24))
                == HeartbeatDecodingError(.unknownAuthenticationScheme(2), at: 87))
        #expect(
            HeartbeatWire.error(body + [1, 4, 1, 2, 3, 4])
                == HeartbeatDecodingError(.wrongAuthenticationLength(scheme: 1, length: 4, expected: 24), at: 88))
        #expect(
            HeartbeatDecodingError(.wrongAuthenticationLength(scheme: 1, length: 4, expected: 24), at: 88).description
                == "heartbeat: authentication scheme 1 carries 4 tag bytes, expected 24 (at byte 88)")
        #expect(HeartbeatWire.error(body + [1, 24] + Array(repeating: 0, count: 24)) == nil)
    }

    @Test func limitsAreCheckedBeforeReading() {
        let small = HeartbeatLimits(maxDatagramBytes: 64)
        #expect(
            HeartbeatWire.error(HeartbeatWire.goldenBytes, limits: small)
                == HeartbeatDecodingError(.tooLarge(field: "datagram", size: 89, limit: 64), at: 0))
        let noTags = HeartbeatLimits(maxTags: 0)
        #expect(
            HeartbeatWire.error(HeartbeatWire.goldenBytes, limits: noTags)
                == HeartbeatDecodingError(.tooLarge(field: "tag count", size: 1, limit: 0), at: 71))
        var bytes = Array(HeartbeatWire.goldenBytes.dropLast(2)) + [1, 200]
        bytes += Array(repeating: 0, count: 200)
        #expect(
            HeartbeatWire.error(bytes)
                == HeartbeatDecodingError(.tooLarge(field: "authentication tag", size: 200, limit: 64), at: 88))
    }

    @Test func encoderRefusesWhatNoReaderWouldAccept() {
        var heartbeat = HeartbeatWire.golden
        heartbeat.name = String(repeating: "n", count: 256)
        #expect(throws: HeartbeatEncodingError(field: "name", size: 256, limit: 255)) {
            try HeartbeatWire.encode(heartbeat)
        }
        heartbeat = HeartbeatWire.golden
        heartbeat.tags = (0..<17).map { HeartbeatTag("k\($0)", "v") }
        #expect(throws: HeartbeatEncodingError(field: "tag count", size: 17, limit: 16)) {
            try HeartbeatWire.encode(heartbeat)
        }
        heartbeat = HeartbeatWire.golden
        heartbeat.tags = (0..<16).map { HeartbeatTag("k\($0)", String(repeating: "v", count: 200)) }
        #expect(throws: HeartbeatEncodingError.self) { try HeartbeatWire.encode(heartbeat) }
        #expect(
            HeartbeatEncodingError(field: "name", size: 256, limit: 255).description
                == "heartbeat name of 256 bytes exceeds the limit of 255")
    }
}
