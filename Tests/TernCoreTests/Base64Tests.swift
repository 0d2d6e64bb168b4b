import TernTestKit
import Testing

@testable import TernCore

@Suite("Base64")
struct Base64Tests {
    /// RFC 4648 §10.
    static let vectors = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ]

    @Test(arguments: vectors)
    func encodesTheRFCVectors(_ plain: String, _ encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
    }

    @Test(arguments: vectors)
    func decodesTheRFCVectors(_ plain: String, _ encoded: String) {
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test func usesTheStandardAlphabetWithPlusAndSlash() {
        #expect(Base64.encode([0xFB, 0xFF, 0xBF]) == "+/+/")
        #expect(Base64.encode([0xFF, 0x00, 0xC3]) == "/wDD")
        #expect(Base64.encode([0, 0, 0]) == "AAAA")
        #expect(Base64.decode("+/+/") == [0xFB, 0xFF, 0xBF])
    }

    @Test func decodeInvertsEncodeForRandomBytesOfEveryLengthUpToOneHundred() {
        var random = TestRandom(seed: 64)
        for length in 0...100 {
            for _ in 0..<20 {
                let bytes = random.bytes(length)
                let encoded = Base64.encode(bytes)
                #expect(encoded.utf8.count == (length + 2) / 3 * 4)
                #expect(Base64.decode(encoded) == bytes, "length \(length)")
            }
        }
    }

    @Test func encodesEveryByteValue() {
        let bytes = (0...255).map { UInt8($0) }
        #expect(Base64.decode(Base64.encode(bytes)) == bytes)
    }

    @Test(arguments: ["Z", "Zg", "Zg=", "Zm9", "Zm9vY", "Zm9vYg=", "Zm9vYg===", "Zg==="])
    func rejectsLengthsThatAreNotAMultipleOfFour(_ text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test(arguments: ["Zm9v!A==", "Zm 9", "Zm9v\n", "Zm9\u{0}", "Zm-_", "Z\u{E9}A", "Zm9v\r\n", ".m9v", "Zm9*"])
    func rejectsCharactersOutsideTheAlphabet(_ text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test(arguments: ["=Zm9", "Z=m9", "Zm=9", "Zg=A", "Zg==Zg==", "Zm9v====", "====", "A===", "Zm9=Zm9v", "Z==="])
    func rejectsMisplacedPadding(_ text: String) {
        #expect(Base64.decode(text) == nil)
    }
}
