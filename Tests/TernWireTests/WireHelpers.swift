import NIOCore
import TernCore
import TernTestKit
import TernWire

/// Encoding and decoding through plain byte arrays, and random records for round trips.
enum Wire {
    static func encode(_ record: StoreRecord) -> [UInt8] {
        var buffer = ByteBufferAllocator().buffer(capacity: 64)
        SessionRecordCodec.encode(record, into: &buffer)
        return buffer.readBytes(length: buffer.readableBytes)!
    }

    static func decode(_ bytes: [UInt8], limits: RecordLimits = .default) throws(RecordDecodingError) -> StoreRecord {
        var buffer = ByteBufferAllocator().buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        return try SessionRecordCodec.decode(&buffer, limits: limits)
    }

    /// The decoding error for `bytes`, or nil when they decode.
    static func error(_ bytes: [UInt8], limits: RecordLimits = .default) -> RecordDecodingError? {
        do {
            _ = try decode(bytes, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    /// A random string of 0…`maxScalars` scalars mixing ASCII, accents, combining marks and emoji.
    static func randomString(maxScalars: Int, using random: inout TestRandom) -> String {
        let alphabet: [Unicode.Scalar] = ["a", "Z", "0", "-", "/", " ", "\u{E9}", "\u{301}", "\u{4E2D}", "\u{1F600}", "\u{0}"]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...maxScalars, using: &random) {
            scalars.append(alphabet.randomElement(using: &random)!)
        }
        return String(scalars)
    }

    /// A random record: sessions with 0…6 attributes of 0…40 random bytes, or a tombstone.
    static func randomRecord(using random: inout TestRandom) -> StoreRecord {
        let key = SessionKey(
            context: randomString(maxScalars: 6, using: &random), id: randomString(maxScalars: 12, using: &random))
        let version = Version(
            physical: random.next(), logical: UInt32.random(in: 0...UInt32.max, using: &random),
            origin: MemberID.random(using: &random))
        if Int.random(in: 0..<5, using: &random) == 0 {
            return .tombstone(Tombstone(key: key, version: version, retainUntil: Int64(bitPattern: random.next())))
        }
        var attributes = Attributes()
        for _ in 0..<Int.random(in: 0...6, using: &random) {
            attributes[randomString(maxScalars: 5, using: &random)] = random.bytes(Int.random(in: 0...40, using: &random))
        }
        return .session(
            Session(
                key: key, created: Int64(bitPattern: random.next()), lastAccessed: Int64(bitPattern: random.next()),
                maxInactiveSeconds: Int32.random(in: .min ... .max, using: &random), version: version,
                attributes: attributes))
    }
}
