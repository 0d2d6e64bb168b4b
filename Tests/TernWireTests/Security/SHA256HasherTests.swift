import Crypto
import TernCore
import TernTestKit
import Testing

@testable import TernWire

/// TernWire's own SHA-256 and HMAC-SHA-256 against the standards' vectors and against swift-crypto.
@Suite("SHA-256 and HMAC-SHA-256")
struct SHA256HasherTests {
    static func hex(_ bytes: [UInt8]) -> String { Hex.encode(bytes) }
    static func sha256(_ bytes: [UInt8]) -> String { hex(bytes.withUnsafeBytes { SHA256Hasher.hash($0) }) }

    /// FIPS 180-4's examples (NIST CSRC), and the empty message.
    @Test func theStandardsVectors() {
        #expect(Self.sha256([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            Self.sha256(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            Self.sha256([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// RFC 4231, test cases 1, 2 and 6 (a key longer than a block).
    @Test func theRFC4231Vectors() {
        let one = HMACSHA256(key: [UInt8](repeating: 0x0b, count: 20)).code(Array("Hi There".utf8))
        #expect(Self.hex(one) == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        let two = HMACSHA256(key: Array("Jefe".utf8)).code(Array("what do ya want for nothing?".utf8))
        #expect(Self.hex(two) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        let six = HMACSHA256(key: [UInt8](repeating: 0xaa, count: 131))
            .code(Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))
        #expect(Self.hex(six) == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func everyLengthAndEverySplitAgreesWithSwiftCrypto() {
        var random = TestRandom(seed: 23)
        for length in Array(0...200) + [511, 512, 513, 4096, 10_000] {
            let message = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let expected = Array(Crypto.SHA256.hash(data: message))
            // Some whole blocks absorbed first, the rest finished.
            let blocks = Int.random(in: 0...(length / 64), using: &random)
            var hasher = SHA256Hasher()
            message.withUnsafeBytes { bytes in
                for block in 0..<blocks {
                    hasher.absorb(block: UnsafeRawBufferPointer(rebasing: bytes[(block * 64)..<(block * 64 + 64)]))
                }
                let digest = hasher.finish(UnsafeRawBufferPointer(rebasing: bytes[(blocks * 64)...]))
                #expect(SHA256Hasher.bytes(of: digest) == expected, "length \(length), \(blocks) blocks first")
            }
            let key = (0..<Int.random(in: 0...100, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random)
            }
            let mac = Array(HMAC<Crypto.SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
            #expect(HMACSHA256(key: key).code(message) == mac, "length \(length), key \(key.count) bytes")
        }
    }
}
