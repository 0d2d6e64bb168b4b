import NIOCore
import TernCore
import TernTestKit
import TernWire
import Testing

/// `FieldReader.string` accepts exactly the valid UTF-8 that the standard library's validation
/// accepts, and gives the same text.
@Suite("FieldReader text")
struct FieldReaderTextTests {
    /// Bytes that are often UTF-8 and often almost: ASCII, lead and continuation bytes, and the
    /// bytes UTF-8 never uses.
    static func bytes(using random: inout TestRandom) -> [UInt8] {
        let pool: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        return (0..<Int.random(in: 0...12, using: &random)).map { _ in
            Bool.random(using: &random)
                ? pool.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
        }
    }

    @Test func acceptsExactlyValidUTF8() throws {
        var random = TestRandom(seed: 51)
        var valid = 0
        for _ in 0..<50_000 {
            let bytes = Self.bytes(using: &random)
            var buffer = ByteBufferAllocator().buffer(capacity: bytes.count)
            buffer.writeBytes(bytes)
            var reader = FieldReader(buffer: buffer)
            let expected = String(validating: bytes, as: UTF8.self)
            do {
                let text = try reader.string("text", length: bytes.count)
                #expect(text == expected && Array(text.utf8) == bytes, "\(bytes)")
                valid += 1
            } catch {
                #expect(expected == nil, "\(bytes)")
                #expect(error == RecordDecodingError(.invalidUTF8(field: "text"), at: 0))
            }
        }
        #expect(valid > 1000)
    }

    @Test func decodesMultibyteText() throws {
        for text in ["", "load", "caf\u{E9}", "cafe\u{301}", "\u{1F600}x", String(repeating: "\u{FFFD}", count: 3)] {
            var buffer = ByteBufferAllocator().buffer(capacity: 16)
            buffer.writeString(text)
            var reader = FieldReader(buffer: buffer)
            let decoded = try reader.string("text", length: text.utf8.count)
            #expect(Array(decoded.utf8) == Array(text.utf8))
        }
    }
}
