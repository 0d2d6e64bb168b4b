import NIOCore
import TernCore
import TernTestKit
import TernWire
import Testing

/// Arbitrary bytes never crash the decoder: they give a typed error that points inside the input,
/// or items whose encoding is exactly the bytes consumed (the encoding is canonical).
@Suite("Frame decoder on garbage")
struct FrameGarbageTests {
    static let limits = FrameLimits(
        maxPayloadBytes: 4096, maxListCount: 64,
        records: RecordLimits(maxRecordBytes: 2048, maxAttributeBytes: 256, maxAttributes: 16))

    enum Outcome { case error, items, needMore }

    /// Decodes `bytes`; what it decodes must re-encode to the bytes it consumed.
    @discardableResult
    static func check(_ bytes: [UInt8], expectsPreface: Bool) -> Outcome {
        var decoder = ReplicationDecoder(limits: limits, expectsPreface: expectsPreface)
        var buffer = FrameWire.buffer(bytes)
        var items: [ReplicationItem] = []
        do {
            while let item = try decoder.next(&buffer) { items.append(item) }
        } catch {
            // Typed throws: only a FrameDecodingError can arrive here.
            #expect(error.offset >= 0 && error.offset <= bytes.count, "offset \(error.offset) outside \(bytes.count) bytes")
            #expect(error.closesConnection)
            #expect(!error.description.contains("\n"))
            return .error
        }
        let consumed = bytes.count - buffer.readableBytes
        let reencoded = try? FrameWire.encode(items, limits: limits)
        #expect(reencoded == Array(bytes[..<consumed]), "decoded \(Hex.string(bytes)) to items that encode differently")
        return items.isEmpty ? .needMore : .items
    }

    @Test func tenThousandRandomInputsGiveTypedErrorsOrCanonicalItems() {
        var random = TestRandom(seed: 40)
        var errors = 0
        for _ in 0..<10_000 {
            let bytes = random.bytes(Int.random(in: 0...200, using: &random))
            if Self.check(bytes, expectsPreface: Bool.random(using: &random)) == .error { errors += 1 }
        }
        #expect(errors > 9_000)
    }

    @Test func randomPayloadsBehindValidHeadersReachEveryBodyDecoder() {
        var random = TestRandom(seed: 41)
        var outcomes: [FrameType: (errors: Int, frames: Int)] = [:]
        for _ in 0..<10_000 {
            let type = FrameType.allCases.randomElement(using: &random)!
            var payload = random.bytes(Int.random(in: 0...120, using: &random))
            // Small counts and lengths up front, so that random tails get past the first fields.
            for index in payload.indices where index % 4 < 3 && Int.random(in: 0..<3, using: &random) > 0 {
                payload[index] = 0
            }
            let bytes = FrameWire.rawFrame(type: type.rawValue, payload: payload)
            let outcome = Self.check(bytes, expectsPreface: false)
            outcomes[type, default: (0, 0)].errors += outcome == .error ? 1 : 0
            outcomes[type, default: (0, 0)].frames += outcome == .items ? 1 : 0
        }
        for type in FrameType.allCases { #expect(outcomes[type]!.errors > 0, "\(type)") }
    }

    @Test func mutatedValidFramesResealedGiveTypedErrorsOrCanonicalFrames() throws {
        var random = TestRandom(seed: 42)
        var outcomes = (errors: 0, frames: 0)
        for _ in 0..<5000 {
            let frame = RandomBodies.frame(using: &random)
            var bytes = try FrameWire.encode(frame, limits: Self.limits)
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let position = Int.random(in: 0..<(bytes.count - 4), using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[position] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes[position] ^= 1 << UInt8.random(in: 0...7, using: &random)
                default: bytes.remove(at: max(position, FrameFormat.headerSize))
                }
            }
            switch Self.check(FrameWire.resealed(bytes), expectsPreface: false) {
            case .error: outcomes.errors += 1
            case .items: outcomes.frames += 1
            case .needMore: break
            }
        }
        #expect(outcomes.errors > 0)
        #expect(outcomes.frames > 0)
    }

    @Test func mutatedValidFramesWithoutResealingFailTheChecksum() throws {
        var random = TestRandom(seed: 43)
        for _ in 0..<2000 {
            let frame = RandomBodies.frame(using: &random)
            var bytes = try FrameWire.encode(frame, limits: Self.limits)
            // Flip one bit of the payload or checksum: length, type and flags stay plausible.
            let position = Int.random(in: FrameFormat.headerSize..<bytes.count, using: &random)
            bytes[position] ^= 1 << UInt8.random(in: 0...7, using: &random)
            guard case .checksumMismatch = FrameWire.error(bytes, limits: Self.limits)?.reason else {
                Issue.record("a flipped bit at \(position) of \(Hex.string(bytes)) went unnoticed")
                continue
            }
        }
    }

    @Test func mutatedPrefacesGiveTypedErrorsOrCanonicalPrefaces() throws {
        var random = TestRandom(seed: 44)
        let valid = try FrameWire.encode([.preface(FrameWire.preface)])
        for position in valid.indices {
            for value: UInt8 in [0, 1, 2, 0x7F, 0x80, 0xC3, 0xFF, valid[position] ^ 1] {
                var bytes = valid
                bytes[position] = value
                Self.check(bytes + random.bytes(Int.random(in: 0...30, using: &random)), expectsPreface: true)
            }
        }
    }
}
