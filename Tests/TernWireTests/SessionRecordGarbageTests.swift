import TernCore
import TernTestKit
import TernWire
import Testing

/// Arbitrary bytes never crash the decoder: they give a typed error, or a record whose encoding is
/// exactly those bytes (the encoding is canonical).
@Suite("SessionRecordCodec on garbage")
struct SessionRecordGarbageTests {
    /// Decodes `bytes`; a success must re-encode to the same bytes.
    static func check(_ bytes: [UInt8]) -> Bool {
        do {
            let record = try Wire.decode(bytes, limits: RecordLimits(maxRecordBytes: 4096, maxAttributeBytes: 256, maxAttributes: 16))
            #expect(Wire.encode(record) == bytes, "decoded \(Hex.string(bytes)) to a record that encodes differently")
            return true
        } catch {
            // Typed throws: the error can only be a RecordDecodingError; it must point inside the input.
            #expect(error.offset >= 0 && error.offset <= bytes.count, "offset \(error.offset) outside \(bytes.count) bytes")
            return false
        }
    }

    @Test func randomBytesGiveATypedErrorOrACanonicalRecord() {
        var random = TestRandom(seed: 1)
        for _ in 0..<5000 {
            let bytes = random.bytes(Int.random(in: 0...120, using: &random))
            _ = Self.check(bytes)
        }
    }

    @Test func randomBytesWithAPlausibleHeadGiveATypedErrorOrACanonicalRecord() {
        // Random tails behind a valid kind and small lengths reach deeper into the decoder.
        var random = TestRandom(seed: 2)
        for _ in 0..<5000 {
            var bytes = random.bytes(Int.random(in: 40...160, using: &random))
            bytes[0] = UInt8.random(in: 1...2, using: &random)
            bytes[1] = 0
            bytes[2] = UInt8.random(in: 0...4, using: &random)
            _ = Self.check(bytes)
        }
    }

    @Test func mutatedValidRecordsGiveATypedErrorOrACanonicalRecord() {
        var random = TestRandom(seed: 3)
        var outcomes = (errors: 0, records: 0)
        for _ in 0..<3000 {
            var bytes = Wire.encode(Wire.randomRecord(using: &random))
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                switch Int.random(in: 0..<3, using: &random) {
                case 0:
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                case 1:
                    bytes.removeLast(Int.random(in: 0...min(8, bytes.count - 1), using: &random))
                default:
                    bytes.insert(UInt8.random(in: 0...255, using: &random), at: Int.random(in: 0...bytes.count, using: &random))
                }
            }
            if Self.check(bytes) { outcomes.records += 1 } else { outcomes.errors += 1 }
        }
        #expect(outcomes.errors > 0)
        #expect(outcomes.records > 0)
    }

    @Test func boundaryByteValuesAtEveryPositionAreHandled() {
        let valid = Wire.encode(SessionRecordGoldenTests.session)
        for position in valid.indices {
            let original = valid[position]
            for value: UInt8 in [0, 1, 2, 0x61, 0x7F, 0x80, 0xC3, 0xFE, 0xFF, original ^ 1, original ^ 0x80] {
                var bytes = valid
                bytes[position] = value
                _ = Self.check(bytes)
            }
        }
    }
}
